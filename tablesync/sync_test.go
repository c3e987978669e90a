package tablesync_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/tablesync"
)

// These tests run against the server dynamotest starts (dynalite), or the one DYNAMODB_ENDPOINT
// names; what the server lacks is probed once (see docs/testing.md).
func TestMain(m *testing.M) { dynamotest.Main(m) }

func newClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(os.Getenv("DYNAMODB_ENDPOINT")),
		Region:       "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "local", SecretAccessKey: "local"}, nil
		}),
		DisableValidateResponseChecksum: true,
	})
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// counting wraps a client and counts the calls of each operation.
type counting struct {
	tablesync.API
	mu    sync.Mutex
	calls map[string]int
}

func (c *counting) count(op string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls == nil {
		c.calls = make(map[string]int)
	}
	c.calls[op]++
}

func (c *counting) ops() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.calls))
}

func (c *counting) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	c.count("CreateTable")
	return c.API.CreateTable(ctx, in, o...)
}

func (c *counting) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	c.count("DescribeTable")
	return c.API.DescribeTable(ctx, in, o...)
}

func (c *counting) UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	c.count("UpdateTable")
	return c.API.UpdateTable(ctx, in, o...)
}

func (c *counting) DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	c.count("DescribeTimeToLive")
	return c.API.DescribeTimeToLive(ctx, in, o...)
}

func (c *counting) UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	c.count("UpdateTimeToLive")
	return c.API.UpdateTimeToLive(ctx, in, o...)
}

func (c *counting) ListTagsOfResource(ctx context.Context, in *dynamodb.ListTagsOfResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error) {
	c.count("ListTagsOfResource")
	return c.API.ListTagsOfResource(ctx, in, o...)
}

func (c *counting) TagResource(ctx context.Context, in *dynamodb.TagResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error) {
	c.count("TagResource")
	return c.API.TagResource(ctx, in, o...)
}

func (c *counting) UntagResource(ctx context.Context, in *dynamodb.UntagResourceInput, o ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error) {
	c.count("UntagResource")
	return c.API.UntagResource(ctx, in, o...)
}

func key(name string, typ attr.Type) index.Key { return index.Key{Name: name, Type: typ} }

func keys(hash string, ht attr.Type, rng string, rt attr.Type) index.KeySchema {
	k := index.KeySchema{Hash: key(hash, ht)}
	if rng != "" {
		k.Range = key(rng, rt)
	}
	return k
}

// shop returns two definitions of one table (users and orders in a single-table design, with
// a shared GSI) and a definition of a second, on-demand table.
func shop(t *testing.T, db *dynamodb.Client) (users, orders, events tablesync.Spec) {
	name := dynamotest.TableName(t, db, "shop")
	byType := index.Index{Name: "byType", Global: true, Keys: keys("type", attr.S, "sk", attr.S)}
	users = tablesync.Spec{
		Name: name,
		Index: index.Layout{Keys: keys("pk", attr.S, "sk", attr.S), Indexes: []index.Index{
			byType,
			{Name: "byEmail", Global: true, Keys: keys("email", attr.S, "", 0),
				Projection: index.Projection{Type: index.ProjectInclude, Attributes: []string{"name", "status"}},
				Throughput: &index.Throughput{Read: 2, Write: 1}},
		}},
		Billing: index.Provisioned(4, 3),
		TTL:     "expiresAt",
		Tags:    map[string]string{"team": "shop"},
		Stream:  tablesync.Stream{Enabled: true, View: types.StreamViewTypeNewAndOldImages},
	}
	orders = users
	orders.Index = index.Layout{Keys: users.Index.Keys, Indexes: []index.Index{
		byType,
		{Name: "byTotal", Keys: keys("pk", attr.S, "total", attr.N), Projection: index.Projection{Type: index.ProjectKeysOnly}},
	}}
	orders.Tags = map[string]string{"env": "test"}
	events = tablesync.Spec{
		Name: dynamotest.TableName(t, db, "events"),
		Index: index.Layout{Keys: keys("id", attr.B, "", 0), Indexes: []index.Index{
			{Name: "byDay", Global: true, Keys: keys("day", attr.N, "at", attr.N), Projection: index.Projection{Type: index.ProjectKeysOnly}},
		}},
		Billing: index.OnDemand(),
	}
	return users, orders, events
}

func describe(t *testing.T, db *dynamodb.Client, name string) *types.TableDescription {
	t.Helper()
	out, err := db.DescribeTable(ctxFor(t), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeTable(%s) = %v", name, err)
	}
	return out.Table
}

// summary is what the tests compare of a described table.
type summary struct {
	Keys       []string
	Attributes map[string]types.ScalarAttributeType
	Billing    types.BillingMode
	Throughput [2]int64
	GSIs       map[string]string // name -> "keys; projection; throughput"
	LSIs       map[string]string
	Stream     string
}

func summarize(d *types.TableDescription) summary {
	ks := func(k []types.KeySchemaElement) string {
		var s []string
		for _, e := range k {
			s = append(s, aws.ToString(e.AttributeName)+" "+string(e.KeyType))
		}
		return strings.Join(s, ", ")
	}
	proj := func(p *types.Projection) string {
		a := slices.Clone(p.NonKeyAttributes)
		slices.Sort(a)
		return string(p.ProjectionType) + strings.Join(a, "+")
	}
	s := summary{Attributes: map[string]types.ScalarAttributeType{}, Billing: types.BillingModeProvisioned}
	s.Keys = strings.Split(ks(d.KeySchema), ", ")
	for _, a := range d.AttributeDefinitions {
		s.Attributes[aws.ToString(a.AttributeName)] = a.AttributeType
	}
	if d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode != "" {
		s.Billing = d.BillingModeSummary.BillingMode
	}
	if tp := d.ProvisionedThroughput; tp != nil && s.Billing == types.BillingModeProvisioned {
		s.Throughput = [2]int64{aws.ToInt64(tp.ReadCapacityUnits), aws.ToInt64(tp.WriteCapacityUnits)}
	}
	for _, g := range d.GlobalSecondaryIndexes {
		if s.GSIs == nil {
			s.GSIs = map[string]string{}
		}
		v := ks(g.KeySchema) + "; " + proj(g.Projection)
		if tp := g.ProvisionedThroughput; tp != nil && s.Billing == types.BillingModeProvisioned {
			v += "; " + strings.Join([]string{itoa(aws.ToInt64(tp.ReadCapacityUnits)), itoa(aws.ToInt64(tp.WriteCapacityUnits))}, "/")
		}
		s.GSIs[aws.ToString(g.IndexName)] = v
	}
	for _, l := range d.LocalSecondaryIndexes {
		if s.LSIs == nil {
			s.LSIs = map[string]string{}
		}
		s.LSIs[aws.ToString(l.IndexName)] = ks(l.KeySchema) + "; " + proj(l.Projection)
	}
	if st := d.StreamSpecification; st != nil && aws.ToBool(st.StreamEnabled) {
		s.Stream = string(st.StreamViewType)
	}
	return s
}

func itoa(n int64) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func ttlOf(t *testing.T, db *dynamodb.Client, name string) string {
	t.Helper()
	out, err := db.DescribeTimeToLive(ctxFor(t), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeTimeToLive(%s) = %v", name, err)
	}
	d := out.TimeToLiveDescription
	if d == nil || d.TimeToLiveStatus == types.TimeToLiveStatusDisabled || d.TimeToLiveStatus == types.TimeToLiveStatusDisabling {
		return ""
	}
	return aws.ToString(d.AttributeName)
}

func tagsOf(t *testing.T, db *dynamodb.Client, name string) map[string]string {
	t.Helper()
	d := describe(t, db, name)
	out, err := db.ListTagsOfResource(ctxFor(t), &dynamodb.ListTagsOfResourceInput{ResourceArn: d.TableArn})
	if err != nil {
		t.Fatalf("ListTagsOfResource(%s) = %v", name, err)
	}
	tags := map[string]string{}
	for _, tag := range out.Tags {
		tags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	return tags
}

// TestSyncEmptyAccount syncs three definitions of two tables on a server that has neither,
// checks every table through the describe calls, then syncs again and checks that the second
// sync changes nothing and only reads.
func TestSyncEmptyAccount(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	users, orders, events := shop(t, db)
	if !dynamotest.Supports(dynamotest.Streams) {
		t.Logf("%s has no streams: the tables are defined without one", dynamotest.Kind())
		users.Stream, orders.Stream = tablesync.Stream{}, tablesync.Stream{}
	}

	res, err := tablesync.Sync(ctx, db, tablesync.Update, users, events, orders)
	if err != nil {
		t.Fatalf("Sync(update) = %v\n%v", err, res)
	}
	var created []string
	for _, s := range res.Applied {
		if s.Action == tablesync.CreateTable {
			created = append(created, s.Table)
		}
	}
	if want := []string{users.Name, events.Name}; !slices.Equal(created, want) {
		t.Errorf("Sync(update) created %v; want %v\n%v", created, want, res.Changes)
	}

	wantShop := summary{
		Keys:       []string{"pk HASH", "sk RANGE"},
		Attributes: map[string]types.ScalarAttributeType{"pk": "S", "sk": "S", "type": "S", "email": "S", "total": "N"},
		Billing:    types.BillingModeProvisioned,
		Throughput: [2]int64{4, 3},
		GSIs: map[string]string{
			"byType":  "type HASH, sk RANGE; ALL; 4/3",
			"byEmail": "email HASH; INCLUDEname+status; 2/1",
		},
		LSIs:   map[string]string{"byTotal": "pk HASH, total RANGE; KEYS_ONLY"},
		Stream: string(users.Stream.View),
	}
	if diff := cmp.Diff(wantShop, summarize(describe(t, db, users.Name))); diff != "" {
		t.Errorf("DescribeTable(%s) mismatch (-want +got):\n%s", users.Name, diff)
	}
	wantEvents := summary{
		Keys:       []string{"id HASH"},
		Attributes: map[string]types.ScalarAttributeType{"id": "B", "day": "N", "at": "N"},
		Billing:    types.BillingModePayPerRequest,
		GSIs:       map[string]string{"byDay": "day HASH, at RANGE; KEYS_ONLY"},
	}
	if diff := cmp.Diff(wantEvents, summarize(describe(t, db, events.Name))); diff != "" {
		t.Errorf("DescribeTable(%s) mismatch (-want +got):\n%s", events.Name, diff)
	}

	if dynamotest.Supports(dynamotest.TTL) {
		if got := ttlOf(t, db, users.Name); got != "expiresAt" {
			t.Errorf("TTL of %s = %q; want expiresAt", users.Name, got)
		}
		if got := ttlOf(t, db, events.Name); got != "" {
			t.Errorf("TTL of %s = %q; want none", events.Name, got)
		}
	} else {
		if !slices.ContainsFunc(res.Skipped, func(s tablesync.Skip) bool {
			return s.Step.Action == tablesync.EnableTTL && strings.Contains(s.Reason, "does not support")
		}) {
			t.Errorf("Sync(update) on %s skipped %v; want the TTL step skipped as unsupported", dynamotest.Kind(), res.Skipped)
		}
		t.Logf("%s does not support time to live: the second sync runs without it", dynamotest.Kind())
		users.TTL, orders.TTL = "", ""
	}
	if dynamotest.Supports(dynamotest.Tagging) {
		if diff := cmp.Diff(map[string]string{"team": "shop", "env": "test"}, tagsOf(t, db, users.Name)); diff != "" {
			t.Errorf("tags of %s mismatch (-want +got):\n%s", users.Name, diff)
		}
	} else if !slices.ContainsFunc(res.Skipped, func(s tablesync.Skip) bool {
		return s.Step.Action == tablesync.TagTable && strings.Contains(s.Reason, "does not support")
	}) {
		t.Errorf("Sync(update) on %s skipped %v; want the tag step skipped as unsupported", dynamotest.Kind(), res.Skipped)
	}

	// The second sync finds nothing to do and only reads.
	c := &counting{API: db}
	again, err := tablesync.Sync(ctx, c, tablesync.Update, users, events, orders)
	if err != nil {
		t.Fatalf("second Sync(update) = %v", err)
	}
	if !again.Changes.Empty() || len(again.Applied) != 0 || len(again.Skipped) != 0 {
		t.Errorf("second Sync(update) = plan\n%v\nresult\n%v; want no changes", again.Changes, again)
	}
	for _, op := range c.ops() {
		if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List") {
			t.Errorf("second Sync(update) called %s; want only describe and list calls", op)
		}
	}
	if c.calls["DescribeTable"] != 2 {
		t.Errorf("second Sync(update) called DescribeTable %d times; want 2 (once a table)", c.calls["DescribeTable"])
	}
	if !dynamotest.Supports(dynamotest.Tagging) && !slices.ContainsFunc(again.Changes.Notes, func(n string) bool { return strings.Contains(n, "tags not compared") }) {
		t.Errorf("second plan's notes = %q; want one saying tags were not compared", again.Changes.Notes)
	}

	// Verify agrees, and Off sends nothing.
	if _, err := tablesync.Sync(ctx, db, tablesync.Verify, users, events, orders); err != nil {
		t.Errorf("Sync(verify) of tables in sync = %v; want nil", err)
	}
	off := &counting{API: db}
	if _, err := tablesync.Sync(ctx, off, tablesync.Off, users, events, orders); err != nil || len(off.ops()) != 0 {
		t.Errorf("Sync(off) = %v and called %v; want nil and no calls", err, off.ops())
	}
}

// TestAddIndexBackfills adds a GSI to a table that holds items and queries it.
func TestAddIndexBackfills(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "backfill"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "", 0)},
		Billing: index.OnDemand(),
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	for i, city := range []string{"Oslo", "Lima", "Oslo", "Pune", "Oslo"} {
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(spec.Name), Item: map[string]types.AttributeValue{
			"pk":   &types.AttributeValueMemberS{Value: "user#" + itoa(int64(i))},
			"city": &types.AttributeValueMemberS{Value: city},
			"age":  &types.AttributeValueMemberN{Value: itoa(int64(20 + i))},
		}})
		if err != nil {
			t.Fatalf("PutItem = %v", err)
		}
	}

	spec.Index.Indexes = []index.Index{{Name: "byCity", Global: true, Keys: keys("city", attr.S, "age", attr.N)}}
	plan, err := tablesync.Plan(ctx, db, spec)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	if len(plan.Steps) != 1 || plan.Steps[0].Action != tablesync.CreateIndex || plan.Steps[0].Index != "byCity" {
		t.Fatalf("Plan = %v; want one step that creates byCity", plan)
	}
	// dynalite accepts the creation of a GSI on an existing table but never creates it.
	dynamotest.Require(t, dynamotest.IndexUpdates)
	res, err := tablesync.Apply(ctx, db, plan, tablesync.WithTimeout(time.Minute))
	if err != nil || len(res.Applied) != 1 {
		t.Fatalf("Apply = %v, %v; want the index created", res, err)
	}
	// Apply returns when the index is ACTIVE and backfilled.
	d := describe(t, db, spec.Name)
	if len(d.GlobalSecondaryIndexes) != 1 || d.GlobalSecondaryIndexes[0].IndexStatus != types.IndexStatusActive {
		t.Fatalf("after Apply the indexes are %+v; want byCity ACTIVE", d.GlobalSecondaryIndexes)
	}
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(spec.Name),
		IndexName:                 aws.String("byCity"),
		KeyConditionExpression:    aws.String("#c = :c AND #a >= :a"),
		ExpressionAttributeNames:  map[string]string{"#c": "city", "#a": "age"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberS{Value: "Oslo"}, ":a": &types.AttributeValueMemberN{Value: "21"}},
	})
	if err != nil {
		t.Fatalf("Query(byCity) = %v", err)
	}
	var got []string
	for _, it := range out.Items {
		got = append(got, it["pk"].(*types.AttributeValueMemberS).Value)
	}
	if want := []string{"user#2", "user#4"}; !slices.Equal(got, want) {
		t.Errorf("Query(byCity, Oslo, age >= 21) = %v; want %v", got, want)
	}
}

// TestRecreateAfterSkippedDelete removes an index from the definition without
// AllowDestructive (the index stays), then defines it again with other keys and projection:
// the plan deletes and re-creates it, and without AllowDestructive both steps are skipped and
// nothing is sent, since creating an index under the name of one that still exists would fail
// or leave the old one. Defined again as it is, it needs no step.
func TestRecreateAfterSkippedDelete(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	byA := index.Index{Name: "byA", Global: true, Keys: keys("a", attr.S, "", 0)}
	byB := index.Index{Name: "byB", Global: true, Keys: keys("b", attr.S, "", 0)}
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "recreate"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "", 0), Indexes: []index.Index{byA, byB}},
		Billing: index.Provisioned(1, 1),
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	gsis := func() map[string]string { return summarize(describe(t, db, spec.Name)).GSIs }
	want := map[string]string{"byA": "a HASH; ALL; 1/1", "byB": "b HASH; ALL; 1/1"}

	spec.Index.Indexes = []index.Index{byB}
	res, err := tablesync.Sync(ctx, db, tablesync.Update, spec)
	if err != nil || len(res.Applied) != 0 || len(res.Skipped) != 1 || res.Skipped[0].Step.Action != tablesync.DeleteIndex {
		t.Fatalf("Sync(without byA) = %v, %v; want the deletion of byA skipped", res, err)
	}
	if diff := cmp.Diff(want, gsis()); diff != "" {
		t.Fatalf("GSIs after the skipped deletion mismatch (-want +got):\n%s", diff)
	}

	redefined := byA
	redefined.Keys = keys("c", attr.S, "", 0)
	redefined.Projection = index.Projection{Type: index.ProjectKeysOnly}
	spec.Index.Indexes = []index.Index{redefined, byB}
	c := &counting{API: db}
	res, err = tablesync.Sync(ctx, c, tablesync.Update, spec)
	if err != nil {
		t.Fatalf("Sync(byA redefined) = %v", err)
	}
	var got []string
	for _, s := range res.Changes.Steps {
		got = append(got, string(s.Action)+" "+s.Index)
	}
	if diff := cmp.Diff([]string{"delete index byA", "create index byA"}, got); diff != "" {
		t.Errorf("Plan(byA redefined) steps mismatch (-want +got):\n%s", diff)
	}
	got = nil
	for _, s := range res.Skipped {
		got = append(got, string(s.Step.Action)+" "+s.Step.Index+": "+s.Reason)
	}
	wantSkipped := []string{
		"delete index byA: destructive: applied only with AllowDestructive",
		"create index byA: the index it replaces was not deleted",
	}
	if diff := cmp.Diff(wantSkipped, got); diff != "" || len(res.Applied) != 0 {
		t.Errorf("Sync(byA redefined) applied %v; skipped mismatch (-want +got):\n%s", res.Applied, diff)
	}
	if slices.Contains(c.ops(), "UpdateTable") {
		t.Errorf("Sync(byA redefined) called %v; want no UpdateTable", c.ops())
	}
	if diff := cmp.Diff(want, gsis()); diff != "" {
		t.Errorf("GSIs after Sync(byA redefined) mismatch (-want +got):\n%s", diff)
	}

	spec.Index.Indexes = []index.Index{byA, byB}
	if plan, err := tablesync.Plan(ctx, db, spec); err != nil || !plan.Empty() {
		t.Errorf("Plan(byA as it is) = %v, %v; want no changes", plan, err)
	}

	// dynalite accepts the deletion and creation of a GSI but makes neither.
	dynamotest.Require(t, dynamotest.IndexUpdates)
	spec.Index.Indexes = []index.Index{redefined, byB}
	plan, err := tablesync.Plan(ctx, db, spec)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	if res, err := tablesync.Apply(ctx, db, plan, tablesync.AllowDestructive(), tablesync.WithTimeout(time.Minute)); err != nil || len(res.Applied) != 2 {
		t.Fatalf("Apply with AllowDestructive = %v, %v; want byA deleted and created", res, err)
	}
	want["byA"] = "c HASH; KEYS_ONLY; 1/1"
	if diff := cmp.Diff(want, gsis()); diff != "" {
		t.Errorf("GSIs after Apply with AllowDestructive mismatch (-want +got):\n%s", diff)
	}
}

// TestDestructiveNeedsFlag plans the deletion of an index and of the TTL, applies the plan
// without AllowDestructive (nothing happens), then with it.
func TestDestructiveNeedsFlag(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name: dynamotest.TableName(t, db, "destructive"),
		Index: index.Layout{Keys: keys("pk", attr.S, "", 0), Indexes: []index.Index{
			{Name: "byA", Global: true, Keys: keys("a", attr.S, "", 0)},
			{Name: "byB", Global: true, Keys: keys("b", attr.S, "", 0)},
		}},
		Billing: index.Provisioned(1, 1),
	}
	if dynamotest.Supports(dynamotest.TTL) {
		spec.TTL = "expiresAt"
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}

	spec.Index.Indexes = spec.Index.Indexes[1:]
	spec.TTL = ""
	plan, err := tablesync.Plan(ctx, db, spec)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	wantSteps := 1
	if dynamotest.Supports(dynamotest.TTL) {
		wantSteps = 2
	}
	if len(plan.Steps) != wantSteps {
		t.Fatalf("Plan = %v; want %d destructive steps", plan, wantSteps)
	}
	c := &counting{API: db}
	res, err := tablesync.Apply(ctx, c, plan)
	if err != nil {
		t.Fatalf("Apply without AllowDestructive = %v", err)
	}
	if len(res.Applied) != 0 || len(res.Skipped) != wantSteps {
		t.Errorf("Apply without AllowDestructive = %v; want every step skipped", res)
	}
	if ops := c.ops(); len(ops) != 0 {
		t.Errorf("Apply without AllowDestructive called %v; want no calls", ops)
	}
	if got := summarize(describe(t, db, spec.Name)).GSIs; len(got) != 2 {
		t.Errorf("after Apply without AllowDestructive the GSIs are %v; want both", got)
	}
	// dynalite accepts the deletion of a GSI but never deletes it.
	dynamotest.Require(t, dynamotest.IndexUpdates)

	res, err = tablesync.Apply(ctx, db, plan, tablesync.AllowDestructive())
	if err != nil || len(res.Applied) != wantSteps {
		t.Fatalf("Apply with AllowDestructive = %v, %v; want %d steps applied", res, err, wantSteps)
	}
	if got := summarize(describe(t, db, spec.Name)).GSIs; len(got) != 1 || got["byB"] == "" {
		t.Errorf("after Apply with AllowDestructive the GSIs are %v; want byB alone", got)
	}
	if dynamotest.Supports(dynamotest.TTL) {
		if got := ttlOf(t, db, spec.Name); got != "" {
			t.Errorf("after Apply with AllowDestructive the TTL is %q; want none", got)
		}
	}
	if plan, err := tablesync.Plan(ctx, db, spec); err != nil || !plan.Empty() {
		t.Errorf("Plan after Apply = %v, %v; want no changes", plan, err)
	}
}

// TestVerifyReportsDrift runs Sync in verify mode against a missing table and against a
// table whose throughput and indexes differ, and checks that it changed nothing.
func TestVerifyReportsDrift(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "verify"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "", 0)},
		Billing: index.Provisioned(1, 1),
	}
	c := &counting{API: db}
	_, err := tablesync.Sync(ctx, c, tablesync.Verify, spec)
	var drift *tablesync.DriftError
	if !errors.As(err, &drift) || !errors.Is(err, tablesync.ErrDrift) || len(drift.Changes.Steps) != 1 || drift.Changes.Steps[0].Action != tablesync.CreateTable {
		t.Fatalf("Sync(verify) of a missing table = %v; want a *DriftError with a create table step", err)
	}
	if slices.Contains(c.ops(), "CreateTable") {
		t.Errorf("Sync(verify) created the table")
	}

	if _, err := tablesync.Sync(ctx, db, tablesync.CreateOnly, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	spec.Billing = index.Provisioned(2, 1)
	spec.Index.Indexes = []index.Index{{Name: "byX", Global: true, Keys: keys("x", attr.N, "", 0)}}
	_, err = tablesync.Sync(ctx, c, tablesync.Verify, spec)
	if !errors.As(err, &drift) {
		t.Fatalf("Sync(verify) of a drifted table = %v; want a *DriftError", err)
	}
	var got []tablesync.Action
	for _, s := range drift.Changes.Steps {
		got = append(got, s.Action)
	}
	if want := []tablesync.Action{tablesync.UpdateThroughput, tablesync.CreateIndex}; !slices.Equal(got, want) {
		t.Errorf("Sync(verify) drift = %v; want %v", got, want)
	}
	for _, want := range []string{"update throughput: 1 read, 1 write", "create index byX"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Sync(verify) error %q does not mention %q", err, want)
		}
	}
	for _, op := range c.ops() {
		if op != "DescribeTable" && op != "DescribeTimeToLive" {
			t.Errorf("Sync(verify) called %s; want only describe calls", op)
		}
	}

	// create-only leaves the existing table as it is.
	res, err := tablesync.Sync(ctx, db, tablesync.CreateOnly, spec)
	if err != nil || len(res.Applied) != 0 || len(res.Skipped) != 2 {
		t.Errorf("Sync(create) of an existing table = %v, %v; want its 2 steps skipped", res, err)
	}
	if got := summarize(describe(t, db, spec.Name)); got.Throughput != [2]int64{1, 1} || len(got.GSIs) != 0 {
		t.Errorf("after Sync(create) the table is %+v; want it unchanged", got)
	}
}

// TestRefused changes the keys and the local indexes of an existing table: Apply refuses the
// plan and sends no change, not even the index it could add.
func TestRefused(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "refused"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "sk", attr.S)},
		Billing: index.OnDemand(),
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	spec.Index.Keys.Range.Type = attr.N
	spec.Index.Indexes = []index.Index{
		{Name: "byDate", Keys: keys("pk", attr.S, "date", attr.S)},
		{Name: "byX", Global: true, Keys: keys("x", attr.S, "", 0)},
	}
	c := &counting{API: db}
	res, err := tablesync.Sync(ctx, c, tablesync.Update, spec)
	var refused *tablesync.RefusedError
	if !errors.As(err, &refused) || !errors.Is(err, tablesync.ErrRefused) || len(refused.Steps) != 2 {
		t.Fatalf("Sync(update) with new keys and an LSI = %v; want a *RefusedError with 2 steps", err)
	}
	for _, want := range []string{"cannot change the key schema", "local secondary indexes can only be defined when a table is created"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Sync(update) error %q does not explain %q", err, want)
		}
	}
	if len(res.Applied) != 0 || slices.Contains(c.ops(), "UpdateTable") {
		t.Errorf("Sync(update) of a refused plan applied %v (calls %v); want nothing", res.Applied, c.ops())
	}
}

// TestBillingAndStream switches a table with a GSI between provisioned and on-demand billing,
// changes its throughput and its stream, and checks each against DescribeTable.
func TestBillingAndStream(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name: dynamotest.TableName(t, db, "billing"),
		Index: index.Layout{Keys: keys("pk", attr.S, "", 0), Indexes: []index.Index{
			{Name: "byA", Global: true, Keys: keys("a", attr.S, "", 0), Throughput: &index.Throughput{Read: 3, Write: 2}},
			{Name: "byB", Global: true, Keys: keys("b", attr.N, "", 0)},
		}},
		Billing: index.OnDemand(),
		Stream:  tablesync.Stream{Enabled: true, View: types.StreamViewTypeKeysOnly},
	}
	steps := []struct {
		name   string
		change func(*tablesync.Spec)
		want   summary
	}{
		{"create on demand", func(*tablesync.Spec) {}, summary{
			Billing: types.BillingModePayPerRequest,
			GSIs:    map[string]string{"byA": "a HASH; ALL", "byB": "b HASH; ALL"},
			Stream:  "KEYS_ONLY",
		}},
		{"to provisioned", func(s *tablesync.Spec) { s.Billing = index.Provisioned(5, 4) }, summary{
			Billing: types.BillingModeProvisioned, Throughput: [2]int64{5, 4},
			GSIs:   map[string]string{"byA": "a HASH; ALL; 3/2", "byB": "b HASH; ALL; 5/4"},
			Stream: "KEYS_ONLY",
		}},
		{"throughput", func(s *tablesync.Spec) {
			s.Billing = index.Provisioned(6, 6)
			s.Index.Indexes[0].Throughput = &index.Throughput{Read: 1, Write: 1}
		}, summary{
			Billing: types.BillingModeProvisioned, Throughput: [2]int64{6, 6},
			GSIs:   map[string]string{"byA": "a HASH; ALL; 1/1", "byB": "b HASH; ALL; 6/6"},
			Stream: "KEYS_ONLY",
		}},
		// Only the write capacity changes, of the table (byB follows it) and of byA.
		{"write capacity only", func(s *tablesync.Spec) {
			s.Billing = index.Provisioned(6, 9)
			s.Index.Indexes[0].Throughput = &index.Throughput{Read: 1, Write: 4}
		}, summary{
			Billing: types.BillingModeProvisioned, Throughput: [2]int64{6, 9},
			GSIs:   map[string]string{"byA": "a HASH; ALL; 1/4", "byB": "b HASH; ALL; 6/9"},
			Stream: "KEYS_ONLY",
		}},
		{"stream view", func(s *tablesync.Spec) { s.Stream.View = types.StreamViewTypeNewImage }, summary{
			Billing: types.BillingModeProvisioned, Throughput: [2]int64{6, 9},
			GSIs:   map[string]string{"byA": "a HASH; ALL; 1/4", "byB": "b HASH; ALL; 6/9"},
			Stream: "NEW_IMAGE",
		}},
		{"back to on demand", func(s *tablesync.Spec) { s.Billing = index.OnDemand() }, summary{
			Billing: types.BillingModePayPerRequest,
			GSIs:    map[string]string{"byA": "a HASH; ALL", "byB": "b HASH; ALL"},
			Stream:  "NEW_IMAGE",
		}},
	}
	streams := dynamotest.Supports(dynamotest.Streams)
	if !streams {
		t.Logf("%s has no streams: the table is defined without one", dynamotest.Kind())
		spec.Stream = tablesync.Stream{}
	}
	for _, st := range steps {
		if !streams {
			if st.name == "stream view" {
				continue
			}
			st.want.Stream = ""
		}
		st.change(&spec)
		if !streams {
			spec.Stream = tablesync.Stream{}
		}
		plan, err := tablesync.Plan(ctx, db, spec)
		if err != nil {
			t.Fatalf("%s: Plan = %v", st.name, err)
		}
		res, err := tablesync.Apply(ctx, db, plan, tablesync.AllowDestructive())
		if err != nil {
			t.Fatalf("%s: Apply(%v) = %v", st.name, plan, err)
		}
		if len(res.Skipped) != 0 {
			t.Errorf("%s: Apply skipped %v", st.name, res.Skipped)
		}
		got := summarize(describe(t, db, spec.Name))
		got.Keys, got.Attributes = nil, nil
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: DescribeTable after Apply(\n%v) mismatch (-want +got):\n%s", st.name, plan, diff)
		}
		if again, err := tablesync.Plan(ctx, db, spec); err != nil || !again.Empty() {
			t.Errorf("%s: Plan after Apply = %v, %v; want no changes", st.name, again, err)
		}
	}
}

// TestTTLAndTags changes the TTL attribute and the tags of a table, where the server supports
// them.
func TestTTLAndTags(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "ttltags"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "", 0)},
		Billing: index.OnDemand(),
		TTL:     "expiresAt",
		Tags:    map[string]string{"a": "1", "b": "2"},
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	spec.TTL = "deleteAt"
	spec.Tags = map[string]string{"a": "1", "b": "3", "c": "4"}
	if dynamotest.Supports(dynamotest.Tagging) {
		// Tagging through Sync on create is checked in TestSyncEmptyAccount; here the change.
		spec.Tags = map[string]string{"b": "3", "c": "4"}
	}
	plan, err := tablesync.Plan(ctx, db, spec)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	res, err := tablesync.Apply(ctx, db, plan, tablesync.AllowDestructive())
	if err != nil {
		t.Fatalf("Apply(%v) = %v", plan, err)
	}
	if dynamotest.Supports(dynamotest.TTL) {
		if got := ttlOf(t, db, spec.Name); got != "deleteAt" {
			t.Errorf("TTL after Apply(%v) = %q; want deleteAt", plan, got)
		}
	} else if !slices.ContainsFunc(res.Skipped, func(s tablesync.Skip) bool {
		return s.Step.Action == tablesync.EnableTTL && strings.Contains(s.Reason, "does not support")
	}) {
		t.Errorf("Apply(%v) on %s skipped %v; want the TTL step skipped as unsupported", plan, dynamotest.Kind(), res.Skipped)
	}
	if dynamotest.Supports(dynamotest.Tagging) {
		if diff := cmp.Diff(spec.Tags, tagsOf(t, db, spec.Name)); diff != "" {
			t.Errorf("tags after Apply(%v) mismatch (-want +got):\n%s", plan, diff)
		}
	} else if len(res.Applied) != 0 && slices.ContainsFunc(res.Applied, func(s tablesync.Step) bool { return s.Action == tablesync.TagTable }) {
		t.Errorf("Apply on %s applied a tag step: %v", dynamotest.Kind(), res)
	}
	if !dynamotest.Supports(dynamotest.TTL) {
		spec.TTL = ""
	}
	if again, err := tablesync.Plan(ctx, db, spec); err != nil || !again.Empty() {
		t.Errorf("Plan after Apply = %v, %v; want no changes", again, err)
	}
}

func TestWaitForActive(t *testing.T) {
	db := newClient(t)
	start := time.Now()
	err := tablesync.WaitForActive(ctxFor(t), db, dynamotest.TableName(t, db, "missing"), tablesync.WithTimeout(300*time.Millisecond))
	if !errors.Is(err, tablesync.ErrNotActive) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("WaitForActive(missing table) = %v; want ErrNotActive after the timeout, saying the table does not exist", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("WaitForActive(missing table, 300ms timeout) took %v", d)
	}

	// A table that is being deleted ends the wait at once.
	name := dynamotest.TableName(t, db, "deleting")
	spec := tablesync.Spec{Name: name, Index: index.Layout{Keys: keys("pk", attr.S, "", 0)}, Billing: index.OnDemand()}
	if _, err := tablesync.Sync(ctxFor(t), db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(create) = %v", err)
	}
	out, err := db.DeleteTable(ctxFor(t), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatalf("DeleteTable = %v", err)
	}
	t.Logf("DeleteTable answered %s", out.TableDescription.TableStatus)
	if out.TableDescription.TableStatus == types.TableStatusDeleting {
		err := tablesync.WaitForActive(ctxFor(t), db, name)
		if !errors.Is(err, tablesync.ErrNotActive) {
			t.Errorf("WaitForActive(deleting table) = %v; want ErrNotActive", err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tablesync.WaitForActive(ctx, db, "whatever"); err == nil {
		t.Errorf("WaitForActive(cancelled context) = nil; want an error")
	}
}

// TestExportCreatesTheDefinedTable sends the exported CreateTable JSON, as the AWS CLI would,
// and checks that the plan for the definition then has nothing left but time to live (and
// tags, where CreateTable ignores them).
func TestExportCreatesTheDefinedTable(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	users, orders, _ := shop(t, db)
	if !dynamotest.Supports(dynamotest.Streams) {
		users.Stream, orders.Stream = tablesync.Stream{}, tablesync.Stream{}
	}
	out, err := tablesync.ExportJSON(users, orders)
	if err != nil {
		t.Fatalf("ExportJSON = %v", err)
	}
	var exported []struct {
		CreateTable      json.RawMessage
		UpdateTimeToLive json.RawMessage
	}
	if err := json.Unmarshal(out, &exported); err != nil || len(exported) != 1 {
		t.Fatalf("ExportJSON output %s: %v; want one table", out, err)
	}
	var in dynamodb.CreateTableInput
	if err := json.Unmarshal(exported[0].CreateTable, &in); err != nil {
		t.Fatalf("decode the exported CreateTable into a CreateTableInput: %v", err)
	}
	if _, err := db.CreateTable(ctx, &in); err != nil {
		t.Fatalf("CreateTable(exported JSON) = %v", err)
	}
	if err := tablesync.WaitForActive(ctx, db, users.Name); err != nil {
		t.Fatalf("WaitForActive = %v", err)
	}
	plan, err := tablesync.Plan(ctx, db, users, orders)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	for _, s := range plan.Steps {
		if s.Action != tablesync.EnableTTL && s.Action != tablesync.TagTable {
			t.Errorf("Plan after creating the exported table has step %s: %s; want only TTL and tags", s.Action, s.Change)
		}
	}
	if len(exported[0].UpdateTimeToLive) == 0 {
		t.Errorf("ExportJSON has no UpdateTimeToLive for a table with TTL: %s", out)
	}
}

// TestTableClass creates a table in the infrequent-access class. Where the server reports
// table classes the next plan is empty; where it does not (DynamoDB Local, dynalite), the
// class cannot be compared: the plan keeps one class step, which Apply skips as unsupported
// when the server answers that there is nothing to update.
func TestTableClass(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	spec := tablesync.Spec{
		Name:    dynamotest.TableName(t, db, "class"),
		Index:   index.Layout{Keys: keys("pk", attr.S, "", 0)},
		Billing: index.OnDemand(),
		Class:   types.TableClassStandardInfrequentAccess,
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, spec); err != nil {
		t.Fatalf("Sync(update) = %v", err)
	}
	plan, err := tablesync.Plan(ctx, db, spec)
	if err != nil {
		t.Fatalf("Plan = %v", err)
	}
	want := 0
	if !dynamotest.Supports(dynamotest.TableClass) {
		want = 1
	}
	if len(plan.Steps) != want || (want == 1 && plan.Steps[0].Action != tablesync.UpdateClass) {
		t.Errorf("Plan after creating an infrequent-access table on %s = %v; want %d class step(s)", dynamotest.Kind(), plan, want)
	}
	res, err := tablesync.Apply(ctx, db, plan)
	if err != nil {
		t.Fatalf("Apply(%v) = %v", plan, err)
	}
	if want == 1 && (len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "does not support")) {
		t.Errorf("Apply(%v) = %v; want the class step skipped as unsupported", plan, res)
	}
}
