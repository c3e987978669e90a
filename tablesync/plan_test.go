package tablesync

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func key(name string, typ attr.Type) index.Key { return index.Key{Name: name, Type: typ} }

// ordersSpec is the definition most cases start from: composite keys, two GSIs (one with its
// own throughput, one INCLUDE), an LSI, provisioned billing, TTL, a stream and tags.
func ordersSpec() Spec {
	return Spec{
		Name: "orders",
		Index: index.Layout{
			Keys: index.KeySchema{Hash: key("customer", attr.S), Range: key("orderId", attr.S)},
			Indexes: []index.Index{
				{Name: "byStatus", Global: true, Keys: index.KeySchema{Hash: key("status", attr.S), Range: key("createdAt", attr.N)}},
				{Name: "byEmail", Global: true, Keys: index.KeySchema{Hash: key("email", attr.S)},
					Projection: index.Projection{Type: index.ProjectInclude, Attributes: []string{"total", "status"}},
					Throughput: &index.Throughput{Read: 2, Write: 1}},
				{Name: "byTotal", Keys: index.KeySchema{Hash: key("customer", attr.S), Range: key("total", attr.N)},
					Projection: index.Projection{Type: index.ProjectKeysOnly}},
			},
		},
		Billing: index.Provisioned(5, 5),
		TTL:     "expiresAt",
		Tags:    map[string]string{"team": "shop", "env": "test"},
		Stream:  Stream{Enabled: true, View: types.StreamViewTypeNewImage},
	}
}

// liveOrders is what DynamoDB reports for a table made from ordersSpec: an ACTIVE table, its
// time to live and its tags. Cases change it to create drift.
type liveTable struct {
	desc types.TableDescription
	ttl  *types.TimeToLiveDescription
	tags map[string]string
}

func keyElems(hash, rng string) []types.KeySchemaElement {
	k := []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}}
	if rng != "" {
		k = append(k, types.KeySchemaElement{AttributeName: aws.String(rng), KeyType: types.KeyTypeRange})
	}
	return k
}

func tp(r, w int64) *types.ProvisionedThroughputDescription {
	return &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(r), WriteCapacityUnits: aws.Int64(w)}
}

func gsiDesc(name, hash, rng string, p types.ProjectionType, include []string, r, w int64) types.GlobalSecondaryIndexDescription {
	return types.GlobalSecondaryIndexDescription{
		IndexName: aws.String(name), KeySchema: keyElems(hash, rng), IndexStatus: types.IndexStatusActive,
		Projection:            &types.Projection{ProjectionType: p, NonKeyAttributes: include},
		ProvisionedThroughput: tp(r, w),
	}
}

func liveOrders() liveTable {
	def := func(name string, t types.ScalarAttributeType) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: t}
	}
	return liveTable{
		desc: types.TableDescription{
			TableName:   aws.String("orders"),
			TableArn:    aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/orders"),
			TableStatus: types.TableStatusActive,
			AttributeDefinitions: []types.AttributeDefinition{
				def("customer", types.ScalarAttributeTypeS), def("createdAt", types.ScalarAttributeTypeN),
				def("email", types.ScalarAttributeTypeS), def("orderId", types.ScalarAttributeTypeS),
				def("status", types.ScalarAttributeTypeS), def("total", types.ScalarAttributeTypeN),
			},
			KeySchema:             keyElems("customer", "orderId"),
			ProvisionedThroughput: tp(5, 5),
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndexDescription{
				gsiDesc("byEmail", "email", "", types.ProjectionTypeInclude, []string{"status", "total"}, 2, 1),
				gsiDesc("byStatus", "status", "createdAt", types.ProjectionTypeAll, nil, 5, 5),
			},
			LocalSecondaryIndexes: []types.LocalSecondaryIndexDescription{{
				IndexName: aws.String("byTotal"), KeySchema: keyElems("customer", "total"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
			}},
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage},
		},
		ttl:  &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusEnabled, AttributeName: aws.String("expiresAt")},
		tags: map[string]string{"team": "shop", "env": "test"},
	}
}

func (l liveTable) state() state {
	d := l.desc
	s := state{desc: &d, ttl: l.ttl, tags: l.tags}
	if l.ttl == nil {
		s.ttlUnsupported = "the server does not support it (UnknownOperationException)"
	}
	if l.tags == nil {
		s.tagsUnsupported = "the server does not support it (UnknownOperationException)"
	}
	return s
}

// TestCompare computes plans from a definition and a described table, and compares each with
// its golden file: the printed plan, then every request each step would send.
func TestCompare(t *testing.T) {
	onDemand := func(d *types.TableDescription) {
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest}
		d.ProvisionedThroughput = tp(0, 0)
		for i := range d.GlobalSecondaryIndexes {
			d.GlobalSecondaryIndexes[i].ProvisionedThroughput = tp(0, 0)
		}
	}
	tests := []struct {
		name string
		spec func(*Spec)
		live func(*liveTable)
		// missing makes the table not exist
		missing bool
	}{
		{name: "no_changes"},
		{name: "create_table", missing: true},
		{name: "create_table_on_demand", missing: true, spec: func(t *Spec) {
			t.Billing = index.OnDemand()
			t.Class = types.TableClassStandardInfrequentAccess
			t.TTL, t.Tags, t.Stream = "", nil, Stream{}
		}},
		{name: "create_index", spec: func(t *Spec) {
			t.Index.Indexes = append(t.Index.Indexes, index.Index{Name: "bySku", Global: true,
				Keys: index.KeySchema{Hash: key("sku", attr.S), Range: key("createdAt", attr.N)}})
		}},
		{name: "delete_index", spec: func(t *Spec) { t.Index.Indexes = t.Index.Indexes[1:] }},
		{name: "recreate_index", spec: func(t *Spec) {
			t.Index.Indexes[0].Projection = index.Projection{Type: index.ProjectKeysOnly}
			t.Index.Indexes[1].Keys.Range = key("createdAt", attr.N)
		}},
		{name: "index_deleting", live: func(l *liveTable) {
			// byEmail is being deleted: the definition wants it, so it is created again;
			// old is being deleted and is not defined: nothing to do.
			l.desc.GlobalSecondaryIndexes[0].IndexStatus = types.IndexStatusDeleting
			old := gsiDesc("old", "email", "", types.ProjectionTypeAll, nil, 1, 1)
			old.IndexStatus = types.IndexStatusDeleting
			l.desc.GlobalSecondaryIndexes = append(l.desc.GlobalSecondaryIndexes, old)
		}},
		{name: "update_throughput", spec: func(t *Spec) { t.Billing = index.Provisioned(10, 4) }},
		{name: "update_index_throughput", spec: func(t *Spec) { t.Index.Indexes[1].Throughput = nil }},
		// Only the write capacity changes: of the table (5/5 → 5/8) and of byEmail (2/1 → 2/3).
		// byStatus follows the table's throughput, so it changes too.
		{name: "update_write_throughput", spec: func(t *Spec) {
			t.Billing = index.Provisioned(5, 8)
			t.Index.Indexes[1].Throughput = &index.Throughput{Read: 2, Write: 3}
		}},
		{name: "update_index_write_throughput", spec: func(t *Spec) {
			t.Index.Indexes[1].Throughput = &index.Throughput{Read: 2, Write: 3}
		}},
		{name: "to_on_demand", spec: func(t *Spec) { t.Billing = index.OnDemand() }},
		{name: "to_provisioned", live: func(l *liveTable) { onDemand(&l.desc) }},
		{name: "to_provisioned_with_index_changes", live: func(l *liveTable) {
			onDemand(&l.desc)
			l.desc.GlobalSecondaryIndexes = append(l.desc.GlobalSecondaryIndexes, gsiDesc("old", "old", "", types.ProjectionTypeAll, nil, 0, 0))
			l.desc.AttributeDefinitions = append(l.desc.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("old"), AttributeType: types.ScalarAttributeTypeB})
		}, spec: func(t *Spec) { t.Index.Indexes[0].Projection = index.Projection{Type: index.ProjectKeysOnly} }},
		{name: "still_on_demand", spec: func(t *Spec) {
			t.Billing = index.OnDemand()
			t.Index.Indexes[1].Throughput = &index.Throughput{Read: 9, Write: 9}
		}, live: func(l *liveTable) { onDemand(&l.desc) }},
		{name: "enable_ttl", live: func(l *liveTable) {
			l.ttl = &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}
		}},
		{name: "disable_ttl", spec: func(t *Spec) { t.TTL = "" }},
		{name: "change_ttl", spec: func(t *Spec) { t.TTL = "deleteAfter" }},
		{name: "ttl_enabling", live: func(l *liveTable) { l.ttl.TimeToLiveStatus = types.TimeToLiveStatusEnabling }},
		{name: "ttl_unsupported", live: func(l *liveTable) { l.ttl = nil }},
		{name: "tags", spec: func(t *Spec) { t.Tags = map[string]string{"team": "payments", "cost": "42"} }},
		{name: "untag_all", spec: func(t *Spec) { t.Tags = map[string]string{} }},
		{name: "tags_unmanaged", spec: func(t *Spec) { t.Tags = nil }, live: func(l *liveTable) { l.tags = map[string]string{"other": "x"} }},
		{name: "tags_unsupported", live: func(l *liveTable) { l.tags = nil }},
		{name: "enable_stream", live: func(l *liveTable) { l.desc.StreamSpecification = nil }},
		{name: "disable_stream", spec: func(t *Spec) { t.Stream = Stream{} }},
		{name: "change_stream", spec: func(t *Spec) { t.Stream.View = types.StreamViewTypeNewAndOldImages }},
		{name: "table_class", spec: func(t *Spec) { t.Class = types.TableClassStandardInfrequentAccess }},
		{name: "table_class_standard", spec: func(t *Spec) { t.Class = types.TableClassStandard }},
		{name: "table_class_reported", spec: func(t *Spec) { t.Class = types.TableClassStandardInfrequentAccess }, live: func(l *liveTable) {
			l.desc.TableClassSummary = &types.TableClassSummary{TableClass: types.TableClassStandardInfrequentAccess}
		}},
		{name: "change_keys", spec: func(t *Spec) {
			t.Index.Keys.Range = key("orderId", attr.N)
		}},
		{name: "change_local_indexes", spec: func(t *Spec) {
			t.Index.Indexes[2].Projection = index.Projection{Type: index.ProjectAll}
			t.Index.Indexes = append(t.Index.Indexes, index.Index{Name: "byDate",
				Keys: index.KeySchema{Hash: key("customer", attr.S), Range: key("createdAt", attr.N)}})
		}},
		{name: "everything", spec: func(t *Spec) {
			t.Index.Indexes = append(t.Index.Indexes[1:], index.Index{Name: "bySku", Global: true, Keys: index.KeySchema{Hash: key("sku", attr.S)}})
			t.Billing = index.OnDemand()
			t.TTL = ""
			t.Tags = map[string]string{"team": "shop", "env": "prod"}
			t.Stream = Stream{}
			t.Class = types.TableClassStandardInfrequentAccess
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := ordersSpec()
			if tt.spec != nil {
				tt.spec(&spec)
			}
			if err := spec.Check(); err != nil {
				t.Fatalf("the case's definition is invalid: %v", err)
			}
			l := liveOrders()
			if tt.live != nil {
				tt.live(&l)
			}
			s := l.state()
			if tt.missing {
				s = state{}
			}
			steps, notes := compare(spec, s)
			plan := &Changes{Tables: []string{spec.Name}, Steps: steps, Notes: notes}
			golden(t, filepath.Join("plans", tt.name+".golden"), render(t, plan, s.desc))
		})
	}
}

// render prints a plan and the requests of each step.
func render(t *testing.T, plan *Changes, desc *types.TableDescription) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(plan.String())
	for i, s := range plan.Steps {
		for _, req := range s.requests {
			fmt.Fprintf(&b, "\nstep %d %s: %s\n", i+1, s.Action, requestJSON(t, req, desc))
		}
	}
	return b.Bytes()
}

// requestJSON encodes a request as indented JSON without null or empty members.
//
// A billing change is shown as it would be sent to the table desc describes.
func requestJSON(t *testing.T, req any, desc *types.TableDescription) string {
	t.Helper()
	var v any = req
	switch r := req.(type) {
	case *billingRequest:
		v = r.resolve(desc)
	case *tagRequest:
		v = struct {
			TagResource string
			Tags        []types.Tag
		}{r.table, r.tags}
	case *untagRequest:
		v = struct {
			UntagResource string
			TagKeys       []string
		}{r.table, r.keys}
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", req, err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(prune(tree), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%T %s", req, out)
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = prune(e)
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = e
		}
		if len(x) == 0 {
			return nil
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i, e := range x {
			x[i] = prune(e)
		}
	case string:
		if x == "" {
			return nil
		}
	}
	return v
}

func TestPlanJSON(t *testing.T) {
	spec := ordersSpec()
	spec.Index.Indexes = spec.Index.Indexes[1:]
	spec.TTL = ""
	steps, notes := compare(spec, liveOrders().state())
	plan := &Changes{Tables: []string{"orders"}, Steps: steps, Notes: append(notes, "orders: example note")}
	got, err := json.MarshalIndent(plan, "", "  ")
	if err != nil {
		t.Fatalf("json.Marshal(plan) = %v", err)
	}
	golden(t, "plan.json", append(got, '\n'))
	var back Changes
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("json.Unmarshal(plan) = %v", err)
	}
	if diff := cmp.Diff(plan, &back, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".requests" }, cmp.Ignore())); diff != "" {
		t.Errorf("plan after a JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckTable(t *testing.T) {
	tests := []struct {
		name string
		spec func(*Spec)
		want []string
	}{
		{"valid", func(*Spec) {}, nil},
		{"everything wrong", func(t *Spec) {
			t.Name = ""
			t.Billing = index.Billing{}
			t.Index.Indexes[0].Keys.Hash.Type = attr.BOOL
			t.Stream = Stream{Enabled: true, View: "ALL"}
			t.Class = "COLD"
			t.Tags[""] = "x"
		}, []string{
			"the table has no name",
			`GSI "byStatus" hash key "status" has type BOOL; keys must be S, N or B`,
			"provisioned throughput 0 read, 0 write; each must be at least 1 (or bill on demand)",
			`stream view type "ALL"; want one of [NEW_IMAGE OLD_IMAGE NEW_AND_OLD_IMAGES KEYS_ONLY]`,
			`table class "COLD"; want one of [STANDARD STANDARD_INFREQUENT_ACCESS]`,
			"a tag has an empty key",
		}},
		{"short name", func(t *Spec) { t.Name = "ab" }, []string{`table name "ab" must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`}},
		{"name with a space", func(t *Spec) { t.Name = "my orders" }, []string{`table name "my orders" must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`}},
		{"tag limits", func(t *Spec) {
			t.Tags = map[string]string{"aws:owner": "me", strings.Repeat("k", 129): "v", "long": strings.Repeat("é", 257), "ok": strings.Repeat("é", 256)}
		}, []string{
			`tag key "aws:owner": the prefix aws: is reserved for AWS`,
			`tag key "kkkkkkkkkkkkkkkkkkkk"... is longer than 128 characters`,
			`tag "long" has a value longer than 256 characters`,
		}},
		{"too many tags", func(t *Spec) {
			t.Tags = map[string]string{}
			for i := range 51 {
				t.Tags[fmt.Sprint("t", i)] = ""
			}
		}, []string{"51 tags; DynamoDB allows at most 50"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := ordersSpec()
			tt.spec(&spec)
			err := spec.Check()
			var ie *index.Error
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Check() = %v; want nil", err)
				}
				return
			}
			if !errors.As(err, &ie) || !errors.Is(err, index.ErrInvalid) {
				t.Fatalf("Check() = %v; want an *index.Error wrapping index.ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.want, ie.Problems); diff != "" {
				t.Errorf("Check() problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeTables(t *testing.T) {
	users := ordersSpec()
	users.Index.Indexes = users.Index.Indexes[:1]
	users.Tags = map[string]string{"team": "shop", "model": "user"}
	users.TTL, users.Stream = "", Stream{}
	orders := ordersSpec()
	orders.Index.Indexes = orders.Index.Indexes[1:]
	orders.Tags = nil
	orders.Class = types.TableClassStandard
	other := Spec{Name: "other", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}}, Billing: index.OnDemand()}

	got, err := mergeTables([]Spec{users, other, orders})
	if err != nil {
		t.Fatalf("mergeTables() = %v", err)
	}
	want := ordersSpec()
	want.Tags = map[string]string{"team": "shop", "model": "user"}
	want.Class = types.TableClassStandard
	if diff := cmp.Diff([]Spec{want, other}, got); diff != "" {
		t.Errorf("mergeTables() mismatch (-want +got):\n%s", diff)
	}

	first := ordersSpec()
	first.Class = types.TableClassStandard
	conflicting := ordersSpec()
	conflicting.Billing = index.OnDemand()
	conflicting.TTL = "ttl"
	conflicting.Stream = Stream{Enabled: true, View: types.StreamViewTypeKeysOnly}
	conflicting.Class = types.TableClassStandardInfrequentAccess
	conflicting.Tags = map[string]string{"team": "other"}
	conflicting.Index.Keys.Hash = key("id", attr.S)
	_, err = mergeTables([]Spec{first, conflicting})
	var ie *index.Error
	if !errors.As(err, &ie) || !errors.Is(err, index.ErrConflict) {
		t.Fatalf("mergeTables(conflicting) = %v; want an *index.Error wrapping ErrConflict", err)
	}
	wantProblems := []string{
		"definition #2 bills on demand; #1 bills provisioned 5 read, 5 write",
		`definition #2 has TTL attribute "ttl"; an earlier one has "expiresAt"`,
		"definition #2 has stream enabled KEYS_ONLY; an earlier one has enabled NEW_IMAGE",
		"definition #2 has table class STANDARD_INFREQUENT_ACCESS; an earlier one has STANDARD",
		"table #2 has keys id S, orderId S; table #1 has customer S, orderId S",
		`definition #2 tags team="other"; an earlier one tags it "shop"`,
	}
	if diff := cmp.Diff(wantProblems, ie.Problems); diff != "" {
		t.Errorf("mergeTables(conflicting) problems mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(err.Error(), `tablesync: table "orders" is defined 2 times: index: merge: 6 problems`) {
		t.Errorf("mergeTables(conflicting) = %q; want it to name the table and count the problems", err)
	}
}

func TestOrdered(t *testing.T) {
	steps := []Step{
		{Table: "a", Action: TagTable}, {Table: "b", Action: CreateIndex, Index: "x"},
		{Table: "a", Action: CreateTable}, {Table: "b", Action: DeleteIndex, Index: "x"},
		{Table: "a", Action: EnableTTL}, {Table: "b", Action: UpdateBilling},
	}
	var got []string
	for _, s := range ordered(steps) {
		got = append(got, s.Table+" "+stepTitle(s))
	}
	want := []string{"a create table", "a enable ttl", "a tag table", "b delete index x", "b update billing", "b create index x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ordered() mismatch (-want +got):\n%s", diff)
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range []Mode{Off, CreateOnly, Update, Verify} {
		t.Run(m.String(), func(t *testing.T) {
			got, err := ParseMode(m.String())
			if err != nil || got != m {
				t.Errorf("ParseMode(%q) = %v, %v; want %v", m.String(), got, err, m)
			}
		})
	}
	if _, err := ParseMode("sometimes"); err == nil {
		t.Errorf("ParseMode(sometimes) = nil error; want one")
	}
}

func TestApplyDecodedPlan(t *testing.T) {
	steps, _ := compare(ordersSpec(), state{})
	raw, err := json.Marshal(&Changes{Tables: []string{"orders"}, Steps: steps})
	if err != nil {
		t.Fatal(err)
	}
	var decoded Changes
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	// No request may be sent: a nil client would panic if one were.
	res, err := Apply(t.Context(), nil, &decoded)
	if err == nil || !strings.Contains(err.Error(), "only plans made by Plan") || len(res.Applied) != 0 {
		t.Errorf("Apply(plan decoded from JSON) = %v, %v; want an error and nothing applied", res, err)
	}
}

// TestPlanTwoTables prints a plan of two tables, one missing and one drifted, with notes.
func TestPlanTwoTables(t *testing.T) {
	events := Spec{Name: "events", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.B)}}, Billing: index.OnDemand()}
	plan := &Changes{Tables: []string{"events", "orders"}}
	steps, notes := compare(events, state{})
	plan.Steps = append(plan.Steps, steps...)
	plan.Notes = append(plan.Notes, notes...)
	spec := ordersSpec()
	spec.Billing = index.Provisioned(10, 10)
	l := liveOrders()
	l.tags, l.ttl = nil, nil
	steps, notes = compare(spec, l.state())
	plan.Steps = append(plan.Steps, steps...)
	plan.Notes = append(plan.Notes, notes...)
	golden(t, filepath.Join("plans", "two_tables.golden"), []byte(plan.String()))
}

// TestPlanNotesLeastThroughput checks that a plan says so when it would create a table or a
// global index with 1 read and 1 write unit (Dynamoose's default), and stays quiet otherwise.
func TestPlanNotesLeastThroughput(t *testing.T) {
	least := index.Throughput{Read: 1, Write: 1}
	tests := []struct {
		name    string
		spec    func(*Spec)
		missing bool
		want    []string
	}{
		{name: "new table at 1/1, one index inheriting it", missing: true,
			spec: func(t *Spec) { t.Billing = index.Provisioned(1, 1) },
			want: []string{
				"orders: created with provisioned throughput of 1 read and 1 write unit (the default): rarely enough in production; give schema.Throughput(read, write) or schema.OnDemand()",
				"orders: index byStatus created with provisioned throughput of 1 read and 1 write unit: rarely enough in production; give schema.Throughput(read, write) or schema.OnDemand()",
			}},
		{name: "new table on demand", missing: true, spec: func(t *Spec) { t.Billing = index.OnDemand() }},
		{name: "new table at 5/5", missing: true},
		{name: "new index at 1/1 on an existing table",
			spec: func(t *Spec) {
				t.Index.Indexes = append(t.Index.Indexes, index.Index{Name: "byTag", Global: true,
					Keys: index.KeySchema{Hash: key("tag", attr.S)}, Throughput: &least})
			},
			want: []string{"orders: index byTag created with provisioned throughput of 1 read and 1 write unit: rarely enough in production; give schema.Throughput(read, write) or schema.OnDemand()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := ordersSpec()
			if tt.spec != nil {
				tt.spec(&spec)
			}
			s := liveOrders().state()
			if tt.missing {
				s = state{}
			}
			_, notes := compare(spec, s)
			if diff := cmp.Diff(tt.want, notes); diff != "" {
				t.Errorf("compare notes (-want +got):\n%s", diff)
			}
		})
	}
}
