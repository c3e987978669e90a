package odm_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// relCountingDB is a model.DB that counts the requests it passes on, by operation.
type relCountingDB struct {
	model.DB
	mu sync.Mutex
	n  map[string]int
}

func newRelCountingDB(db model.DB) *relCountingDB { return &relCountingDB{DB: db, n: map[string]int{}} }

func (c *relCountingDB) add(op string) {
	c.mu.Lock()
	c.n[op]++
	c.mu.Unlock()
}

// writes returns how many write requests were sent.
func (c *relCountingDB) writes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n["PutItem"] + c.n["DeleteItem"] + c.n["UpdateItem"] + c.n["BatchWriteItem"] + c.n["TransactWriteItems"]
}

func (c *relCountingDB) count(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[op]
}

func (c *relCountingDB) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	c.add("PutItem")
	return c.DB.PutItem(ctx, in, opts...)
}

func (c *relCountingDB) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.add("DeleteItem")
	return c.DB.DeleteItem(ctx, in, opts...)
}

func (c *relCountingDB) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	c.add("UpdateItem")
	return c.DB.UpdateItem(ctx, in, opts...)
}

func (c *relCountingDB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.add("GetItem")
	return c.DB.GetItem(ctx, in, opts...)
}

func (c *relCountingDB) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.add("Query")
	return c.DB.Query(ctx, in, opts...)
}

func (c *relCountingDB) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	c.add("BatchGetItem")
	return c.DB.BatchGetItem(ctx, in, opts...)
}

func (c *relCountingDB) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	c.add("BatchWriteItem")
	return c.DB.BatchWriteItem(ctx, in, opts...)
}

func (c *relCountingDB) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	c.add("TransactWriteItems")
	return c.DB.TransactWriteItems(ctx, in, opts...)
}

// The seed's roles and permissions, each in a table of its own, and the link items between
// them in a third, listed by role through the table's key and by permission through a GSI.
type relRole struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type relPermission struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type relLink struct {
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	CreatedAt    time.Time `dynamo:"createdAt"`
}

var (
	relRoleSchema       = schema.Must(schema.For[relRole](schema.Attr("id", schema.HashKey()), schema.OnDemand()))
	relPermissionSchema = schema.Must(schema.For[relPermission](schema.Attr("id", schema.HashKey()), schema.OnDemand()))
	relLinkSchema       = schema.Must(schema.For[relLink](
		schema.Attr("roleId", schema.HashKey()),
		schema.Attr("permissionId", schema.RangeKey(), schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
		schema.CreatedAt("createdAt", attr.TimeMillis),
		schema.OnDemand(),
	))
)

type relFixture struct {
	db          *relCountingDB
	roles       *model.Model[relRole]
	permissions *model.Model[relPermission]
	links       *model.Model[relLink]
	rel         *relation.Relation[string, relRole, relPermission, relLink]
}

func newRelFixture(t *testing.T, ctx context.Context) relFixture {
	t.Helper()
	raw := open(t).DynamoDB()
	db := newRelCountingDB(raw)
	on := func(base string, s schema.Definition) string { return createTableFor(t, ctx, raw, base, s) }
	rolesTable, permsTable, linksTable := on("roles", relRoleSchema), on("permissions", relPermissionSchema), on("rolePermissions", relLinkSchema)
	f := relFixture{db: db}
	var err error
	if f.roles, err = model.New[relRole](db, rolesTable, relRoleSchema); err != nil {
		t.Fatal(err)
	}
	if f.permissions, err = model.New[relPermission](db, permsTable, relPermissionSchema); err != nil {
		t.Fatal(err)
	}
	if f.links, err = model.New[relLink](db, linksTable, relLinkSchema); err != nil {
		t.Fatal(err)
	}
	f.rel, err = relation.ManyToMany[string](f.roles, f.permissions, f.links,
		relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	return f
}

// TestRelationSetByDifference sets a role's permissions three times against the server:
// the second Set adds and removes only what changed, the third, identical, writes nothing.
func TestRelationSetByDifference(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newRelFixture(t, ctx)
	tx := dynamotest.Supports(dynamotest.Transactions)

	steps := []struct {
		set  []string
		want relation.Change[string]
		list []string
	}{
		{[]string{"view_users", "edit_users"}, relation.Change[string]{Added: []string{"view_users", "edit_users"}, Transaction: tx}, []string{"edit_users", "view_users"}},
		{[]string{"view_users", "delete_users", "view_users"}, relation.Change[string]{Added: []string{"delete_users"}, Removed: []string{"edit_users"}, Transaction: tx},
			[]string{"delete_users", "view_users"}},
		{[]string{"delete_users", "view_users"}, relation.Change[string]{}, []string{"delete_users", "view_users"}},
	}
	var firstCreated time.Time
	for i, st := range steps {
		before := f.db.writes()
		got, err := f.rel.Set(ctx, "admin", st.set)
		if err != nil {
			t.Fatalf("step %d: Set(%v) = %v", i, st.set, err)
		}
		if diff := cmp.Diff(got, st.want); diff != "" {
			t.Errorf("step %d: Set(%v) mismatch (-got +want):\n%s", i, st.set, diff)
		}
		// One transaction; without transactions, one batch of the puts and deletes together
		// (each step changes fewer than 25 links), after the first Set's transaction was
		// refused.
		wantWrites := 0
		switch {
		case got.Unchanged():
		case tx:
			wantWrites = 1
		default:
			wantWrites = 1
			if i == 0 {
				wantWrites++
			}
		}
		if n := f.db.writes() - before; n != wantWrites {
			t.Errorf("step %d: Set sent %d write requests; want %d", i, n, wantWrites)
		}
		list, err := f.rel.List(ctx, "admin")
		if err != nil || !slices.Equal(list, st.list) {
			t.Errorf("step %d: List(admin) = %v, %v; want %v", i, list, err, st.list)
		}
		link, err := f.links.Get(ctx, model.Key{Hash: "admin", Range: "view_users"}, model.Consistent())
		if err != nil {
			t.Fatalf("step %d: Get(link admin/view_users) = %v", i, err)
		}
		if i == 0 {
			firstCreated = link.CreatedAt
		} else if !link.CreatedAt.Equal(firstCreated) {
			t.Errorf("step %d: the kept link's createdAt = %v; want %v (unchanged: the link was not rewritten)", i, link.CreatedAt, firstCreated)
		}
	}
}

// TestRelationReverseThroughIndex lists the roles of a permission through the links' GSI.
func TestRelationReverseThroughIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newRelFixture(t, ctx)
	for role, perms := range map[string][]string{"admin": {"read", "write"}, "editor": {"read", "write"}, "viewer": {"read"}} {
		if _, err := f.rel.Set(ctx, role, perms); err != nil {
			t.Fatalf("Set(%s) = %v", role, err)
		}
	}
	tests := []struct {
		permission string
		want       []string
	}{
		{"read", []string{"admin", "editor", "viewer"}},
		{"write", []string{"admin", "editor"}},
		{"delete", nil},
	}
	for _, tt := range tests {
		t.Run(tt.permission, func(t *testing.T) {
			queries := f.db.count("Query")
			got, err := f.rel.Reverse(ctx, tt.permission)
			if err != nil {
				t.Fatalf("Reverse(%s) = %v", tt.permission, err)
			}
			if !slices.Equal(got, tt.want) { // sorted by roleId, the index's range key
				t.Errorf("Reverse(%s) = %v; want %v", tt.permission, got, tt.want)
			}
			if n := f.db.count("Query") - queries; n != 1 {
				t.Errorf("Reverse(%s) sent %d queries; want 1", tt.permission, n)
			}
		})
	}
	got, err := f.rel.PopulateReverse(ctx, "write")
	if err != nil {
		t.Fatalf("PopulateReverse(write) = %v", err)
	}
	// No role item was written: both links dangle.
	if want := []relation.Link[string]{{From: "admin", To: "write"}, {From: "editor", To: "write"}}; !slices.Equal(got.Dangling, want) || len(got.Items["write"]) != 0 {
		t.Errorf("PopulateReverse(write) = %v, dangling %v; want none found, dangling %v", got.Items, got.Dangling, want)
	}
}

// TestRelationPopulateChunksAndReportsDangling loads the permissions of two roles, 130
// distinct ones (two BatchGetItem requests, each permission read once however many roles
// link it), with a link to a permission that does not exist.
func TestRelationPopulateChunksAndReportsDangling(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newRelFixture(t, ctx)
	var perms []*relPermission
	var all, some []string
	for i := range 130 {
		id := fmt.Sprintf("perm%03d", i)
		perms = append(perms, &relPermission{ID: id, Name: "permission " + id})
		all = append(all, id)
		if i%10 == 0 {
			some = append(some, id)
		}
	}
	if err := f.permissions.BatchPut(ctx, perms); err != nil {
		t.Fatal(err)
	}
	if _, err := f.rel.Set(ctx, "admin", all); err != nil { // 130 links: batches
		t.Fatalf("Set(admin, 130) = %v", err)
	}
	if _, err := f.rel.Set(ctx, "auditor", append(some, "perm_gone")); err != nil {
		t.Fatalf("Set(auditor) = %v", err)
	}
	gets, single := f.db.count("BatchGetItem"), f.db.count("GetItem")
	got, err := f.rel.Populate(ctx, "admin", "auditor", "nobody")
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	if n := f.db.count("BatchGetItem") - gets; n != 2 {
		t.Errorf("Populate sent %d BatchGetItem; want 2 (131 distinct keys, 100 a request)", n)
	}
	if n := f.db.count("GetItem") - single; n != 0 {
		t.Errorf("Populate sent %d GetItem; want 0", n)
	}
	names := func(ps []*relPermission) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if diff := cmp.Diff(names(got.Items["admin"]), all); diff != "" {
		t.Errorf("Populate admin mismatch (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(names(got.Items["auditor"]), some); diff != "" {
		t.Errorf("Populate auditor mismatch (-got +want):\n%s", diff)
	}
	if p := got.Items["auditor"][0]; p.Name != "permission perm000" {
		t.Errorf("Populate auditor[0] = %+v; want the stored permission", p)
	}
	if items, ok := got.Items["nobody"]; !ok || len(items) != 0 {
		t.Errorf("Populate nobody = %v, %v; want an empty list", items, ok)
	}
	if want := []relation.Link[string]{{From: "auditor", To: "perm_gone"}}; !slices.Equal(got.Dangling, want) {
		t.Errorf("Populate dangling = %v; want %v", got.Dangling, want)
	}
}

// Roles, permissions and the links between them as adjacency items of one table: a role is
// the partition "ROLE#<id>" with its own item (sort key "ROLE#<id>") and one link item per
// permission (sort key "PERMISSION#<id>"); a permission is the partition
// "PERMISSION#<id>". The sparse GSI byPermission holds only the link items.
type stRole struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type stPermission struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type stLink struct {
	RoleID       string `dynamo:"roleId"`
	PermissionID string `dynamo:"permissionId"`
}

var (
	stRoleSchema = schema.Must(schema.For[stRole](
		schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "id")),
		schema.Attr("sk", schema.RangeKey(), schema.Combine("#", "roleTag", "id")),
		schema.Attr("roleTag", schema.Constant("ROLE")),
		schema.OnDemand(),
	))
	stPermissionSchema = schema.Must(schema.For[stPermission](
		schema.Attr("pk", schema.HashKey(), schema.Combine("#", "permissionTag", "id")),
		schema.Attr("sk", schema.RangeKey(), schema.Combine("#", "permissionTag", "id")),
		schema.Attr("permissionTag", schema.Constant("PERMISSION")),
		schema.OnDemand(),
	))
	stLinkSchema = schema.Must(schema.For[stLink](
		schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "roleId")),
		schema.Attr("sk", schema.RangeKey(), schema.Combine("#", "permissionTag", "permissionId")),
		schema.Attr("roleTag", schema.Constant("ROLE")),
		schema.Attr("permissionTag", schema.Constant("PERMISSION")),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
		schema.OnDemand(),
	))
)

// TestRelationSingleTable runs a relation whose link items live in one table with the items
// they link: the links of a role are read from the role's partition, computed from its ID;
// the items are read by the keys computed from their IDs.
func TestRelationSingleTable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	raw := open(t).DynamoDB()
	db := newRelCountingDB(raw)
	stored := createTableFor(t, ctx, raw, "access", stRoleSchema, stPermissionSchema, stLinkSchema)
	roles, err := model.New[stRole](db, stored, stRoleSchema, model.WithEntity("type", "role"))
	if err != nil {
		t.Fatal(err)
	}
	permissions, err := model.New[stPermission](db, stored, stPermissionSchema, model.WithEntity("type", "permission"))
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[stLink](db, stored, stLinkSchema, model.WithEntity("type", "rolePermission"))
	if err != nil {
		t.Fatal(err)
	}
	rel, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.FromID("id"), relation.ToID("id"),
		relation.ReverseIndex("byPermission"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	if err := roles.Create(ctx, &stRole{ID: "admin", Name: "Administrator"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"view_users", "edit_users", "delete_users"} {
		if err := permissions.Create(ctx, &stPermission{ID: id, Name: "may " + id}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := rel.Set(ctx, "admin", []string{"view_users", "edit_users"}); err != nil {
		t.Fatalf("Set = %v", err)
	}
	c, err := rel.Set(ctx, "admin", []string{"view_users", "delete_users"})
	if err != nil {
		t.Fatalf("second Set = %v", err)
	}
	if want := (relation.Change[string]{Added: []string{"delete_users"}, Removed: []string{"edit_users"}, Transaction: c.Transaction}); !cmp.Equal(c, want) {
		t.Errorf("second Set = %+v; want %+v", c, want)
	}
	before := db.writes()
	if c, err := rel.Set(ctx, "admin", []string{"delete_users", "view_users"}); err != nil || !c.Unchanged() || db.writes() != before {
		t.Errorf("identical Set = %+v, %v, %d writes; want no change and no write", c, err, db.writes()-before)
	}
	if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"delete_users", "view_users"}) {
		t.Errorf("List(admin) = %v, %v; want [delete_users view_users]", got, err)
	}
	if got, err := rel.Reverse(ctx, "view_users"); err != nil || !slices.Equal(got, []string{"admin"}) {
		t.Errorf("Reverse(view_users) = %v, %v; want [admin]", got, err)
	}
	// The role's partition holds the role and its links, told apart by their entity type.
	if got, err := roles.Get(ctx, model.Key{Hash: "ROLE#admin", Range: "ROLE#admin"}, model.Consistent()); err != nil || got.Name != "Administrator" {
		t.Errorf("Get(role admin) = %+v, %v; want the role", got, err)
	}
	p, err := rel.Populate(ctx, "admin")
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	var names []string
	for _, perm := range p.Items["admin"] {
		names = append(names, perm.Name)
	}
	if want := []string{"may delete_users", "may view_users"}; !slices.Equal(names, want) || len(p.Dangling) != 0 {
		t.Errorf("Populate(admin) = %v, dangling %v; want %v, none", names, p.Dangling, want)
	}
	r, err := rel.PopulateReverse(ctx, "view_users")
	if err != nil || len(r.Items["view_users"]) != 1 || r.Items["view_users"][0].Name != "Administrator" {
		t.Errorf("PopulateReverse(view_users) = %+v, %v; want the admin role", r, err)
	}
}

// tmplLink is a link of a single table keyed by templates, the sort key holding the time the
// link was written: the links of a role are in the partition its ID alone gives.
type tmplLink struct {
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	Created      time.Time `dynamo:"createdAt"`
}

// TestRelationTemplateKeysWithoutForwardIndex runs a relation whose links are keyed by templates, the sort key
// needing a part (createdAt) that only a write gives: the links of a role are listed from
// the partition its template computes from the role ID, and Set removes a link by the key
// it was stored with.
func TestRelationTemplateKeysWithoutForwardIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	linkSchema := schema.Must(schema.For[tmplLink](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}#{createdAt}")),
		schema.Timestamps(),
		schema.OnDemand(),
	))
	links, raw := newModel[tmplLink](t, ctx, linkSchema, "tmplLinks")
	roles, _ := newModel[relRole](t, ctx, relRoleSchema, "tmplRoles")
	permissions, _ := newModel[relPermission](t, ctx, relPermissionSchema, "tmplPermissions")
	rel, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	if _, err := rel.Set(ctx, "admin", []string{"view", "edit"}); err != nil {
		t.Fatalf("Set(view, edit) = %v", err)
	}
	c, err := rel.Set(ctx, "admin", []string{"view"})
	if want := (relation.Change[string]{Removed: []string{"edit"}}); err != nil || !cmp.Equal(c, want) {
		t.Errorf("Set(view) = %+v, %v; want %+v", c, err, want)
	}
	if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"view"}) {
		t.Errorf("List(admin) = %v, %v; want [view]", got, err)
	}
	out, err := raw.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(links.TableName()), ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 1 {
		t.Errorf("the table holds %d links; want 1 (view)", len(out.Items))
	}
}
