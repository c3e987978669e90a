package relation_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

type Role struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type Permission struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type RolePermission struct {
	RoleID       string `dynamo:"roleId"`
	PermissionID string `dynamo:"permissionId"`
}

var (
	roleSchema       = schema.Must(schema.For[Role](schema.Attr("id", schema.HashKey())))
	permissionSchema = schema.Must(schema.For[Permission](schema.Attr("id", schema.HashKey())))
	linkSchema       = schema.Must(schema.For[RolePermission](
		schema.Attr("roleId", schema.HashKey()),
		schema.Attr("permissionId", schema.RangeKey(), schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
	))
)

// server is a model.DB that holds items in memory, per table, enough for the requests a
// relation sends: a query by one attribute's value, batch gets and writes, transactions
// (unless noTx). It records every request.
type server struct {
	mu     sync.Mutex
	noTx   bool
	unread map[string]bool // BatchGetItem leaves the keys with these IDs unprocessed
	// BatchWriteItem leaves the requests for links with these permission IDs unprocessed, as
	// many times as the count says (-1: always).
	unwritten map[string]int
	tables    map[string][]map[string]types.AttributeValue
	requests  []any
}

func newServer() *server { return &server{tables: map[string][]map[string]types.AttributeValue{}} }

func (s *server) record(in any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, in)
}

// count returns how many requests of the type of in were recorded.
func count[In any](s *server) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if _, ok := r.(*In); ok {
			n++
		}
	}
	return n
}

func writes(s *server) int {
	return count[dynamodb.TransactWriteItemsInput](s) + count[dynamodb.BatchWriteItemInput](s) +
		count[dynamodb.PutItemInput](s) + count[dynamodb.DeleteItemInput](s) + count[dynamodb.UpdateItemInput](s)
}

func text(av types.AttributeValue) string {
	if s, ok := av.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return fmt.Sprint(av)
}

func sameKey(item, key map[string]types.AttributeValue) bool {
	for k, v := range key {
		if text(item[k]) != text(v) {
			return false
		}
	}
	return true
}

func (s *server) put(table string, item map[string]types.AttributeValue) {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := map[string]types.AttributeValue{}
	for _, k := range []string{"id", "roleId", "permissionId", "teamId", "memberId", "pk", "sk"} {
		if v, ok := item[k]; ok {
			keys[k] = v
		}
	}
	s.tables[table] = slices.DeleteFunc(s.tables[table], func(it map[string]types.AttributeValue) bool { return sameKey(it, keys) })
	s.tables[table] = append(s.tables[table], item)
}

func (s *server) delete(table string, key map[string]types.AttributeValue) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tables[table] = slices.DeleteFunc(s.tables[table], func(it map[string]types.AttributeValue) bool { return sameKey(it, key) })
}

func (s *server) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	s.record(in)
	s.mu.Lock()
	defer s.mu.Unlock()
	// The key condition is "#n = :v" on one attribute, maybe followed by
	// "AND begins_with(#m, :w)" on another.
	key, prefix, _ := strings.Cut(aws.ToString(in.KeyConditionExpression), " AND ")
	placeholders := strings.Fields(key)
	if len(placeholders) != 3 || placeholders[1] != "=" {
		return nil, fmt.Errorf("unexpected key condition %q", aws.ToString(in.KeyConditionExpression))
	}
	name, value := in.ExpressionAttributeNames[placeholders[0]], in.ExpressionAttributeValues[placeholders[2]]
	var pname, pvalue string
	if prefix != "" {
		args, ok := strings.CutPrefix(prefix, "begins_with(")
		n, v, found := strings.Cut(strings.TrimSuffix(args, ")"), ", ")
		if !ok || !found {
			return nil, fmt.Errorf("unexpected key condition %q", aws.ToString(in.KeyConditionExpression))
		}
		pname, pvalue = in.ExpressionAttributeNames[n], text(in.ExpressionAttributeValues[v])
	}
	var out []map[string]types.AttributeValue
	for _, it := range s.tables[*in.TableName] {
		if text(it[name]) == text(value) && (pname == "" || strings.HasPrefix(text(it[pname]), pvalue)) {
			out = append(out, it)
		}
	}
	return &dynamodb.QueryOutput{Items: out}, nil
}

func (s *server) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	s.record(in)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
	for table, ka := range in.RequestItems {
		for _, key := range ka.Keys {
			if s.unread[text(key["id"])] {
				if out.UnprocessedKeys == nil {
					out.UnprocessedKeys = map[string]types.KeysAndAttributes{}
				}
				left := out.UnprocessedKeys[table]
				left.Keys = append(left.Keys, key)
				out.UnprocessedKeys[table] = left
				continue
			}
			for _, it := range s.tables[table] {
				if sameKey(it, key) {
					out.Responses[table] = append(out.Responses[table], it)
				}
			}
		}
	}
	return out, nil
}

func (s *server) BatchWriteItem(_ context.Context, in *dynamodb.BatchWriteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	s.record(in)
	out := &dynamodb.BatchWriteItemOutput{}
	for table, reqs := range in.RequestItems {
		for _, r := range reqs {
			var item map[string]types.AttributeValue
			if r.PutRequest != nil {
				item = r.PutRequest.Item
			} else {
				item = r.DeleteRequest.Key
			}
			if s.leave(text(item["permissionId"])) {
				if out.UnprocessedItems == nil {
					out.UnprocessedItems = map[string][]types.WriteRequest{}
				}
				out.UnprocessedItems[table] = append(out.UnprocessedItems[table], r)
				continue
			}
			if r.PutRequest != nil {
				s.put(table, item)
			} else {
				s.delete(table, item)
			}
		}
	}
	return out, nil
}

// leave reports whether a batch write of the link to the permission id is left unprocessed.
func (s *server) leave(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.unwritten[id]
	if n > 0 {
		s.unwritten[id] = n - 1
	}
	return n != 0
}

func (s *server) TransactWriteItems(_ context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	s.record(in)
	if s.noTx {
		return nil, &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "unknown operation"}
	}
	for _, it := range in.TransactItems {
		if it.Put != nil {
			s.put(*it.Put.TableName, it.Put.Item)
		} else {
			s.delete(*it.Delete.TableName, it.Delete.Key)
		}
	}
	return &dynamodb.TransactWriteItemsOutput{}, nil
}

func (s *server) GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return nil, errors.New("unexpected GetItem")
}
func (s *server) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return nil, errors.New("unexpected PutItem")
}
func (s *server) UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	return nil, errors.New("unexpected UpdateItem")
}
func (s *server) DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	return nil, errors.New("unexpected DeleteItem")
}
func (s *server) Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	return nil, errors.New("unexpected Scan")
}
func (s *server) TransactGetItems(context.Context, *dynamodb.TransactGetItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	return nil, errors.New("unexpected TransactGetItems")
}

var _ model.DB = (*server)(nil)

type fixture struct {
	srv         *server
	roles       *model.Model[Role]
	permissions *model.Model[Permission]
	links       *model.Model[RolePermission]
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	srv := newServer()
	roles, err := model.New[Role](srv, "roles", roleSchema)
	if err != nil {
		t.Fatal(err)
	}
	permissions, err := model.New[Permission](srv, "permissions", permissionSchema)
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[RolePermission](srv, "rolePermissions", linkSchema)
	if err != nil {
		t.Fatal(err)
	}
	return fixture{srv, roles, permissions, links}
}

func (f fixture) relation(t *testing.T, opts ...relation.Option) *relation.Relation[string, Role, Permission, RolePermission] {
	t.Helper()
	opts = append([]relation.Option{relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission")}, opts...)
	rel, err := relation.ManyToMany[string](f.roles, f.permissions, f.links, opts...)
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	return rel
}

func (f fixture) link(role, perm string) {
	f.srv.put("rolePermissions", map[string]types.AttributeValue{
		"roleId": &types.AttributeValueMemberS{Value: role}, "permissionId": &types.AttributeValueMemberS{Value: perm}})
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func TestManyToManyRefusesBadDeclarations(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		opts []relation.Option
		want []string
	}{
		{"no From nor To", nil, []string{"no link attribute of the From ID: give From", "no link attribute of the To ID: give To"}},
		{"unknown link attribute", []relation.Option{relation.From("role"), relation.To("permissionId")}, []string{`link attribute of the From ID "role"`}},
		{"reverse index missing", []relation.Option{relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPerm")},
			[]string{`ReverseIndex("byPerm"): the links' schema has no such index`}},
		{"reverse index on the wrong attribute", []relation.Option{relation.From("permissionId"), relation.To("roleId"), relation.ReverseIndex("byPermission")},
			[]string{`ReverseIndex("byPermission"): the index's hash key is "permissionId", not "roleId"`,
				`the links' hash key "roleId" is neither the From attribute "permissionId" nor computed from it`}},
		{"unknown ID attribute", []relation.Option{relation.From("roleId"), relation.To("permissionId"), relation.ToID("code")},
			[]string{`ID attribute of permissions "code"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := relation.ManyToMany[string](f.roles, f.permissions, f.links, tt.opts...)
			var ce *relation.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("ManyToMany = %v; want a *ConfigError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ManyToMany = %v; want it to say %q", err, w)
				}
			}
			if len(ce.Problems) != len(tt.want) {
				t.Errorf("ManyToMany problems = %q; want %d", ce.Problems, len(tt.want))
			}
		})
	}
}

// TestSetSendsOnlyTheDifferenceInOneTransaction checks the exact TransactWriteItemsInput of
// a Set: one put per new link, one delete per removed one, nothing for the links that stay.
func TestSetSendsOnlyTheDifferenceInOneTransaction(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.link("admin", "read")
	f.link("admin", "write")
	rel := f.relation(t)

	c, err := rel.Set(ctx, "admin", []string{"read", "delete", "read"})
	if err != nil {
		t.Fatalf("Set = %v", err)
	}
	want := relation.Change[string]{Added: []string{"delete"}, Removed: []string{"write"}, Transaction: true}
	if diff := cmp.Diff(c, want); diff != "" {
		t.Errorf("Set change mismatch (-got +want):\n%s", diff)
	}
	var txs []*dynamodb.TransactWriteItemsInput
	for _, r := range f.srv.requests {
		if in, ok := r.(*dynamodb.TransactWriteItemsInput); ok {
			txs = append(txs, in)
		}
	}
	wantTx := []*dynamodb.TransactWriteItemsInput{{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("rolePermissions"), Item: map[string]types.AttributeValue{"roleId": s("admin"), "permissionId": s("delete")}}},
		{Delete: &types.Delete{TableName: aws.String("rolePermissions"), Key: map[string]types.AttributeValue{"roleId": s("admin"), "permissionId": s("write")}}},
	}}}
	if diff := cmp.Diff(withoutTokens(t, txs), wantTx, cmpopts.IgnoreUnexported(dynamodb.TransactWriteItemsInput{}, types.TransactWriteItem{}, types.Put{}, types.Delete{},
		types.AttributeValueMemberS{})); diff != "" {
		t.Errorf("TransactWriteItems inputs mismatch (-got +want):\n%s", diff)
	}
	if n := writes(f.srv); n != 1 {
		t.Errorf("Set sent %d write requests; want 1", n)
	}

	before := writes(f.srv)
	c, err = rel.Set(ctx, "admin", []string{"delete", "read"})
	if err != nil || !c.Unchanged() || c.Transaction {
		t.Errorf("second Set = %+v, %v; want no change", c, err)
	}
	if n := writes(f.srv) - before; n != 0 {
		t.Errorf("second identical Set sent %d write requests; want 0", n)
	}
}

// TestSetOverOneTransaction checks Sets of more than 100 changes: refused before anything is
// sent without AllowBatches, written in batches of 25 puts and deletes mixed with it.
func TestSetOverOneTransaction(t *testing.T) {
	ctx := context.Background()
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("p%03d", i)
	}
	t.Run("refused without AllowBatches", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.relation(t).Set(ctx, "admin", ids)
		if !errors.Is(err, relation.ErrTooManyChanges) {
			t.Errorf("Set(101 new links) = %v; want ErrTooManyChanges", err)
		}
		if n := writes(f.srv); n != 0 {
			t.Errorf("refused Set sent %d write requests; want 0", n)
		}
	})
	t.Run("batches with AllowBatches", func(t *testing.T) {
		f := newFixture(t)
		f.link("admin", "old")
		c, err := f.relation(t, relation.AllowBatches()).Set(ctx, "admin", ids)
		if err != nil {
			t.Fatalf("Set = %v", err)
		}
		if len(c.Added) != 101 || !slices.Equal(c.Removed, []string{"old"}) || c.Transaction {
			t.Errorf("Set = %d added, removed %v, transaction %v; want 101, [old], false", len(c.Added), c.Removed, c.Transaction)
		}
		if got, want := count[dynamodb.BatchWriteItemInput](f.srv), 5; got != want { // 101 puts and 1 delete: ⌈102/25⌉
			t.Errorf("Set sent %d BatchWriteItem; want %d", got, want)
		}
		if n := count[dynamodb.TransactWriteItemsInput](f.srv); n != 0 {
			t.Errorf("Set sent %d TransactWriteItems; want 0", n)
		}
		if got := len(f.srv.tables["rolePermissions"]); got != 101 {
			t.Errorf("links stored = %d; want 101", got)
		}
	})
}

// TestSetOnAServerWithoutTransactions checks that a server without transactions fails a Set
// unless AllowBatches is given, and that with it Set falls back to batches once and then
// stops asking for transactions.
func TestSetOnAServerWithoutTransactions(t *testing.T) {
	ctx := context.Background()
	t.Run("fails without AllowBatches", func(t *testing.T) {
		f := newFixture(t)
		f.srv.noTx = true
		if _, err := f.relation(t).Set(ctx, "admin", []string{"read"}); err == nil || !strings.Contains(err.Error(), "UnknownOperationException") {
			t.Errorf("Set = %v; want the server's UnknownOperationException", err)
		}
		if n := len(f.srv.tables["rolePermissions"]); n != 0 {
			t.Errorf("links stored = %d; want 0", n)
		}
	})
	t.Run("falls back to batches with AllowBatches", func(t *testing.T) {
		f := newFixture(t)
		f.srv.noTx = true
		rel := f.relation(t, relation.AllowBatches())
		for _, set := range [][]string{{"read"}, {"read", "write"}} {
			if _, err := rel.Set(ctx, "admin", set); err != nil {
				t.Fatalf("Set(%v) = %v", set, err)
			}
		}
		if got := count[dynamodb.TransactWriteItemsInput](f.srv); got != 1 {
			t.Errorf("TransactWriteItems sent %d times; want 1 (then no more)", got)
		}
		if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"read", "write"}) {
			t.Errorf("List = %v, %v; want [read write]", got, err)
		}
	})
}

// TestPopulateBatchesDistinctTargets checks that Populate reads each distinct target once,
// 100 keys a request, and reports links to missing items.
func TestPopulateBatchesDistinctTargets(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for i := range 150 {
		id := fmt.Sprintf("p%03d", i)
		f.srv.put("permissions", map[string]types.AttributeValue{"id": s(id), "name": s("perm " + id)})
		f.link("admin", id)
		if i%2 == 0 {
			f.link("editor", id) // the same targets again: read once
		}
	}
	f.link("editor", "gone")
	rel := f.relation(t)
	got, err := rel.Populate(ctx, "admin", "editor", "nobody")
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	if n := count[dynamodb.BatchGetItemInput](f.srv); n != 2 {
		t.Errorf("Populate sent %d BatchGetItem; want 2 (151 distinct keys, 100 a request)", n)
	}
	if n := count[dynamodb.GetItemInput](f.srv); n != 0 {
		t.Errorf("Populate sent %d GetItem; want 0", n)
	}
	if len(got.Items["admin"]) != 150 || len(got.Items["editor"]) != 75 || got.Items["nobody"] == nil || len(got.Items["nobody"]) != 0 {
		t.Errorf("Populate items: admin %d, editor %d, nobody %v; want 150, 75, []", len(got.Items["admin"]), len(got.Items["editor"]), got.Items["nobody"])
	}
	if want := []relation.Link[string]{{From: "editor", To: "gone"}}; !slices.Equal(got.Dangling, want) {
		t.Errorf("Populate dangling = %v; want %v", got.Dangling, want)
	}
	if p := got.Items["admin"][0]; p.ID != "p000" || p.Name != "perm p000" {
		t.Errorf("first permission of admin = %+v; want p000", p)
	}
}

func TestReverseListsThroughTheIndex(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.link("admin", "read")
	f.link("viewer", "read")
	f.link("admin", "write")
	got, err := f.relation(t).Reverse(ctx, "read")
	if err != nil || !slices.Equal(got, []string{"admin", "viewer"}) {
		t.Errorf("Reverse(read) = %v, %v; want [admin viewer]", got, err)
	}
	var q *dynamodb.QueryInput
	for _, r := range f.srv.requests {
		if in, ok := r.(*dynamodb.QueryInput); ok {
			q = in
		}
	}
	if q == nil || aws.ToString(q.IndexName) != "byPermission" {
		t.Errorf("Reverse queried %+v; want the index byPermission", q)
	}
	rel, err := relation.ManyToMany[string](f.roles, f.permissions, f.links, relation.From("roleId"), relation.To("permissionId"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rel.Reverse(ctx, "read"); err == nil || !strings.Contains(err.Error(), "no ReverseIndex") {
		t.Errorf("Reverse without ReverseIndex = %v; want an error naming ReverseIndex", err)
	}
}

// TestEmptyIDsAreRefusedBeforeSending checks that an empty ID, which cannot be a key value,
// is refused with ErrEmptyID before any request.
func TestEmptyIDsAreRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	rel := f.relation(t)
	tests := []struct {
		name string
		call func() error
	}{
		{"Set from", func() error { _, err := rel.Set(ctx, "", []string{"read"}); return err }},
		{"Set to", func() error { _, err := rel.Set(ctx, "admin", []string{"read", ""}); return err }},
		{"List", func() error { _, err := rel.List(ctx, ""); return err }},
		{"Reverse", func() error { _, err := rel.Reverse(ctx, ""); return err }},
		{"Populate", func() error { _, err := rel.Populate(ctx, "admin", ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.srv.requests = nil
			if err := tt.call(); !errors.Is(err, relation.ErrEmptyID) {
				t.Errorf("%s = %v; want ErrEmptyID", tt.name, err)
			}
			if tt.name != "Populate" && len(f.srv.requests) != 0 {
				t.Errorf("%s sent %d requests; want 0", tt.name, len(f.srv.requests))
			}
		})
	}
}

type Team struct {
	ID int `dynamo:"id"`
}

type Member struct {
	ID   int    `dynamo:"id"`
	Name string `dynamo:"name"`
}

type TeamMember struct {
	TeamID   int `dynamo:"teamId"`
	MemberID int `dynamo:"memberId"`
}

// TestNumericIDs runs a relation whose IDs are numbers.
func TestNumericIDs(t *testing.T) {
	ctx := context.Background()
	srv := newServer()
	teams, err := model.New[Team](srv, "teams", schema.Must(schema.For[Team](schema.Attr("id", schema.HashKey()))))
	if err != nil {
		t.Fatal(err)
	}
	members, err := model.New[Member](srv, "members", schema.Must(schema.For[Member](schema.Attr("id", schema.HashKey()))))
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[TeamMember](srv, "teamMembers", schema.Must(schema.For[TeamMember](
		schema.Attr("teamId", schema.HashKey()), schema.Attr("memberId", schema.RangeKey()))))
	if err != nil {
		t.Fatal(err)
	}
	rel, err := relation.ManyToMany[int](teams, members, links, relation.From("teamId"), relation.To("memberId"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{2, 3} {
		srv.put("members", map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: fmt.Sprint(id)}, "name": s(fmt.Sprint("member ", id))})
	}
	if _, err := rel.Set(ctx, 1, []int{2, 3}); err != nil {
		t.Fatalf("Set(1, [2 3]) = %v", err)
	}
	c, err := rel.Set(ctx, 1, []int{3, 4})
	if err != nil {
		t.Fatalf("Set(1, [3 4]) = %v", err)
	}
	if want := (relation.Change[int]{Added: []int{4}, Removed: []int{2}, Transaction: true}); !cmp.Equal(c, want) {
		t.Errorf("Set(1, [3 4]) = %+v; want %+v", c, want)
	}
	p, err := rel.Populate(ctx, 1)
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	if len(p.Items[1]) != 1 || p.Items[1][0].Name != "member 3" || !slices.Equal(p.Dangling, []relation.Link[int]{{From: 1, To: 4}}) {
		t.Errorf("Populate(1) = %v, dangling %v; want member 3, dangling 1→4", p.Items[1], p.Dangling)
	}
}

// TestPopulateUnreadItemsAreNotDangling checks that items a batch get could not read are
// reported by the error, not as dangling links, while a missing item still is.
func TestPopulateUnreadItemsAreNotDangling(t *testing.T) {
	ctx := context.Background()
	srv := newServer()
	srv.unread = map[string]bool{"read": true}
	srv.put("permissions", map[string]types.AttributeValue{"id": s("write"), "name": s("Write")})
	roles, _ := model.New[Role](srv, "roles", roleSchema)
	permissions, err := model.New[Permission](srv, "permissions", permissionSchema, model.WithBatchRetries(0), model.WithBatchBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	links, _ := model.New[RolePermission](srv, "rolePermissions", linkSchema)
	rel, err := relation.ManyToMany[string](roles, permissions, links, relation.From("roleId"), relation.To("permissionId"))
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{srv: srv}
	f.link("admin", "gone")
	f.link("admin", "read")
	f.link("admin", "write")
	p, err := rel.Populate(ctx, "admin")
	var be *model.BatchError
	if !errors.As(err, &be) || !errors.Is(err, model.ErrRetriesExhausted) {
		t.Errorf("Populate = %v; want a *model.BatchError (retries exhausted)", err)
	}
	if want := []relation.Link[string]{{From: "admin", To: "gone"}}; !slices.Equal(p.Dangling, want) {
		t.Errorf("Populate dangling = %v; want %v (not the unread read)", p.Dangling, want)
	}
	if len(p.Items["admin"]) != 1 || p.Items["admin"][0].ID != "write" {
		t.Errorf("Populate items = %v; want write only", p.Items["admin"])
	}
}

type keyedLink struct {
	ID           string `dynamo:"id"`
	RoleID       string `dynamo:"roleId"`
	PermissionID string `dynamo:"permissionId"`
}

// TestManyToManyRefusesAnIndexWithoutTheOtherID checks that a reverse index must project
// the From attribute, which Reverse returns.
func TestManyToManyRefusesAnIndexWithoutTheOtherID(t *testing.T) {
	f := newFixture(t)
	links, err := model.New[keyedLink](f.srv, "links", schema.Must(schema.For[keyedLink](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.KeysOnly())),
	)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = relation.ManyToMany[string](f.roles, f.permissions, links, relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"))
	if want := `ReverseIndex("byPermission"): the index does not project "roleId"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("ManyToMany = %v; want it to say %q", err, want)
	}
}

// TestSetToNoneRemovesEveryLink checks that Set with no IDs deletes the item's links, and
// only its own.
func TestSetToNoneRemovesEveryLink(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.link("admin", "read")
	f.link("admin", "write")
	f.link("viewer", "read")
	rel := f.relation(t)
	c, err := rel.Set(ctx, "admin", nil)
	if err != nil {
		t.Fatalf("Set(admin, nil) = %v", err)
	}
	if want := (relation.Change[string]{Removed: []string{"read", "write"}, Transaction: true}); !cmp.Equal(c, want) {
		t.Errorf("Set(admin, nil) = %+v; want %+v", c, want)
	}
	for role, want := range map[string][]string{"admin": nil, "viewer": {"read"}} {
		if got, err := rel.List(ctx, role); err != nil || !slices.Equal(got, want) {
			t.Errorf("List(%s) = %v, %v; want %v", role, got, err, want)
		}
	}
}

// TestSetInAUnitOfWork checks that a Set made in a unit of work joins its transaction: its
// puts and deletes are sent with the unit's other writes, in one TransactWriteItems when
// the unit commits, and a Set the transaction cannot hold (batches) is refused at the call,
// so that the unit commits nothing even if fn ignores the error.
func TestSetInAUnitOfWork(t *testing.T) {
	ctx := context.Background()
	t.Run("joins the transaction", func(t *testing.T) {
		f := newFixture(t)
		f.link("admin", "write")
		rel := f.relation(t)
		var c relation.Change[string]
		err := model.RunInTransaction(ctx, func(ctx context.Context) error {
			if err := f.roles.Put(ctx, &Role{ID: "admin", Name: "Administrator"}); err != nil {
				return err
			}
			var err error
			c, err = rel.Set(ctx, "admin", []string{"read"})
			if n := writes(f.srv); n != 0 {
				t.Errorf("Set in a unit of work sent %d write requests before the commit; want 0", n)
			}
			return err
		})
		if err != nil {
			t.Fatalf("RunInTransaction = %v", err)
		}
		if want := (relation.Change[string]{Added: []string{"read"}, Removed: []string{"write"}, Transaction: true}); !cmp.Equal(c, want) {
			t.Errorf("Set = %+v; want %+v", c, want)
		}
		var ops []string
		for _, r := range f.srv.requests {
			if in, ok := r.(*dynamodb.TransactWriteItemsInput); ok {
				for _, it := range in.TransactItems {
					switch {
					case it.Put != nil:
						ops = append(ops, "put "+*it.Put.TableName)
					case it.Delete != nil:
						ops = append(ops, "delete "+*it.Delete.TableName)
					}
				}
			}
		}
		if want := []string{"put roles", "put rolePermissions", "delete rolePermissions"}; !slices.Equal(ops, want) || writes(f.srv) != 1 {
			t.Errorf("the unit sent %v in %d write requests; want %v in one TransactWriteItems", ops, writes(f.srv), want)
		}
	})
	t.Run("too many changes refused", func(t *testing.T) {
		f := newFixture(t)
		ids := make([]string, 101)
		for i := range ids {
			ids[i] = fmt.Sprintf("p%03d", i)
		}
		rel := f.relation(t)
		var setErr error
		err := model.RunInTransaction(ctx, func(ctx context.Context) error {
			if err := f.roles.Put(ctx, &Role{ID: "admin"}); err != nil {
				return err
			}
			_, setErr = rel.Set(ctx, "admin", ids)
			return nil // the error ignored
		})
		if !errors.Is(setErr, relation.ErrTooManyChanges) || err == nil {
			t.Errorf("Set of 101 links = %v, RunInTransaction = %v; want ErrTooManyChanges, and the unit refused", setErr, err)
		}
		if n := writes(f.srv); n != 0 {
			t.Errorf("the unit sent %d write requests; want 0", n)
		}
	})
	t.Run("batches refused", func(t *testing.T) {
		f := newFixture(t)
		ids := make([]string, 101)
		for i := range ids {
			ids[i] = fmt.Sprintf("p%03d", i)
		}
		rel := f.relation(t, relation.AllowBatches())
		var setErr error
		err := model.RunInTransaction(ctx, func(ctx context.Context) error {
			if err := f.roles.Put(ctx, &Role{ID: "admin"}); err != nil {
				return err
			}
			_, setErr = rel.Set(ctx, "admin", ids)
			return nil // the error ignored
		})
		if !errors.Is(setErr, model.ErrNotTransactional) || !errors.Is(err, model.ErrNotTransactional) {
			t.Errorf("Set of 101 links = %v, RunInTransaction = %v; want both ErrNotTransactional", setErr, err)
		}
		if n := writes(f.srv); n != 0 {
			t.Errorf("the unit sent %d write requests; want 0", n)
		}
	})
}

// TestManyToManyRefusesAMultiAttributeIndex checks that an index whose partition key has
// more attributes than the ID is refused when the relation is declared: a listing queries
// it by the ID alone, which such an index cannot answer.
func TestManyToManyRefusesAMultiAttributeIndex(t *testing.T) {
	f := newFixture(t)
	links, err := model.New[keyedLink](f.srv, "links", schema.Must(schema.For[keyedLink](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("roleId", schema.Index(schema.IndexName("byRole"), schema.IndexHashKeys("id"))),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexHashKeys("id"))),
	)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = relation.ManyToMany[string](f.roles, f.permissions, links, relation.From("roleId"), relation.To("permissionId"),
		relation.ForwardIndex("byRole"), relation.ReverseIndex("byPermission"))
	for _, want := range []string{
		`ForwardIndex("byRole"): the index's partition key has 2 attributes (roleId, id); a listing compares "roleId" alone`,
		`ReverseIndex("byPermission"): the index's partition key has 2 attributes (permissionId, id); a listing compares "permissionId" alone`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ManyToMany = %v; want it to say %q", err, want)
		}
	}
}

// TestSetMixesPutsAndDeletesInBatches checks that a Set in batches sends its puts and
// deletes together, 25 a request (before, the puts and the deletes went in requests of their
// own: 30 puts and 20 deletes took 2+1 requests, not 2), retries what the server leaves
// unprocessed, and on failure returns, with the error, exactly the changes that were written.
func TestSetMixesPutsAndDeletesInBatches(t *testing.T) {
	ctx := context.Background()
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%02d", prefix, i)
		}
		return out
	}
	tests := []struct {
		name         string
		unwritten    map[string]int
		retries      int
		wantRequests int // 0: not checked
		wantErr      string
	}{
		{name: "mixed", retries: 1, wantRequests: 2},
		{name: "unprocessed retried", unwritten: map[string]int{"new00": 1}, retries: 1, wantRequests: 3},
		{name: "unprocessed to the end", unwritten: map[string]int{"new05": -1, "old07": -1}, retries: 0,
			wantErr: "model: batch write rolePermissions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			links, err := model.New[RolePermission](f.srv, "rolePermissions", linkSchema,
				model.WithBatchRetries(tt.retries), model.WithBatchBackoff(time.Millisecond, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			f.links = links
			f.srv.noTx = true
			olds, news := ids("old", 20), ids("new", 30)
			for _, id := range olds {
				f.link("admin", id)
			}
			f.srv.unwritten = tt.unwritten
			rel := f.relation(t, relation.AllowBatches())
			before := count[dynamodb.BatchWriteItemInput](f.srv)
			c, err := rel.Set(ctx, "admin", news)
			if got := count[dynamodb.BatchWriteItemInput](f.srv) - before; tt.wantRequests > 0 && got != tt.wantRequests {
				t.Errorf("Set(30 new, 20 gone) sent %d BatchWriteItem; want %d", got, tt.wantRequests)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Set = %v", err)
			case tt.wantErr != "":
				var be *model.BatchError
				if !errors.As(err, &be) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "not added") {
					t.Errorf("Set = %v; want a *model.BatchError saying %q", err, tt.wantErr)
				}
			}
			// What Set reports written is what the table holds.
			stored, err := rel.List(ctx, "admin")
			if err != nil {
				t.Fatal(err)
			}
			var added, removed []string
			for _, id := range news {
				if slices.Contains(stored, id) {
					added = append(added, id)
				}
			}
			for _, id := range olds {
				if !slices.Contains(stored, id) {
					removed = append(removed, id)
				}
			}
			if !slices.Equal(c.Added, added) || !slices.Equal(c.Removed, removed) {
				t.Errorf("Set = added %v, removed %v; the table shows added %v, removed %v", c.Added, c.Removed, added, removed)
			}
			if tt.wantErr == "" && (len(added) != 30 || len(removed) != 20) {
				t.Errorf("Set wrote %d puts and %d deletes; want 30 and 20", len(added), len(removed))
			}
			for _, r := range f.srv.requests {
				if in, ok := r.(*dynamodb.BatchWriteItemInput); ok && len(in.RequestItems["rolePermissions"]) > 25 {
					t.Errorf("a BatchWriteItem holds %d requests; want at most 25", len(in.RequestItems["rolePermissions"]))
				}
			}
		})
	}
}
