package odm_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// Roles, permissions and their links in one table, every key built by a template. A link's
// sort key holds the time it was created, which the relation reads back from the key.
type tplLink struct {
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	CreatedAt    time.Time `dynamo:"createdAt"`
}

var (
	tplRoleSchema = schema.Must(schema.For[stRole](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("ROLE#{id}")),
		schema.OnDemand(),
	))
	tplPermissionSchema = schema.Must(schema.For[stPermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("PERMISSION#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{id}")),
		schema.OnDemand(),
	))
	tplLinkSchema = schema.Must(schema.For[tplLink](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}#{createdAt}")),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
		schema.CreatedAt("createdAt", attr.TimeMillis),
		schema.OnDemand(),
	))
)

// TestRelationTemplateKeys runs a relation whose items are keyed by templates against the
// server: a role's links are read from the partition its template gives, by the prefix of
// the links' sort keys; removed links are deleted by the key read back, created time
// included; related items are read by the keys their templates give.
func TestRelationTemplateKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	raw := open(t).DynamoDB()
	db := newRelCountingDB(raw)
	stored := createTableFor(t, ctx, raw, "access", tplRoleSchema, tplPermissionSchema, tplLinkSchema)
	roles, err := model.New[stRole](db, stored, tplRoleSchema, model.WithEntity("type", "role"))
	if err != nil {
		t.Fatal(err)
	}
	permissions, err := model.New[stPermission](db, stored, tplPermissionSchema, model.WithEntity("type", "permission"))
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[tplLink](db, stored, tplLinkSchema, model.WithEntity("type", "rolePermission"))
	if err != nil {
		t.Fatal(err)
	}
	rel, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.FromID("id"), relation.ToID("id"),
		relation.ReverseIndex("byPermission"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	for _, id := range []string{"admin", "editor"} {
		if err := roles.Create(ctx, &stRole{ID: id, Name: "role " + id}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"view_users", "edit_users", "delete_users"} {
		if err := permissions.Create(ctx, &stPermission{ID: id, Name: "may " + id}); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := rel.Set(ctx, "admin", []string{"view_users", "edit_users"}); err != nil {
		t.Fatalf("Set = %v", err)
	}
	if _, err := rel.Set(ctx, "editor", []string{"view_users"}); err != nil {
		t.Fatalf("Set(editor) = %v", err)
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

	// The role's partition holds the role and its two links, keyed as the templates say: the
	// removed link is gone, which a delete by a key that missed the created time would not do.
	out, err := raw.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(stored),
		KeyConditionExpression:    aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "ROLE#admin"}},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	var sks []string
	for _, it := range out.Items {
		sk := it["sk"].(*types.AttributeValueMemberS).Value
		if rest, isLink := strings.CutPrefix(sk, "PERMISSION#"); isLink {
			head, created, _ := strings.Cut(rest, "#")
			if ms := it["createdAt"].(*types.AttributeValueMemberN).Value; created != ms {
				t.Errorf("link %s: sort key time %s; want the stored createdAt %s", head, created, ms)
			}
			sk = "PERMISSION#" + head + "#…"
		}
		sks = append(sks, sk)
	}
	if want := []string{"PERMISSION#delete_users#…", "PERMISSION#view_users#…", "ROLE#admin"}; !slices.Equal(sks, want) {
		t.Errorf("partition ROLE#admin holds %v; want %v", sks, want)
	}

	if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"delete_users", "view_users"}) {
		t.Errorf("List(admin) = %v, %v; want [delete_users view_users]", got, err)
	}
	if got, err := rel.Reverse(ctx, "view_users"); err != nil || !slices.Equal(got, []string{"admin", "editor"}) {
		t.Errorf("Reverse(view_users) = %v, %v; want [admin editor]", got, err)
	}

	// A permission deleted without its links: Populate reports them.
	gone := schema.Parts{"id": "view_users"}
	if err := permissions.Delete(ctx, model.Key{Hash: gone, Range: gone}); err != nil {
		t.Fatal(err)
	}
	p, err := rel.Populate(ctx, "admin", "editor")
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	var names []string
	for _, perm := range p.Items["admin"] {
		names = append(names, perm.Name)
	}
	wantDangling := []relation.Link[string]{{From: "admin", To: "view_users"}, {From: "editor", To: "view_users"}}
	if !slices.Equal(names, []string{"may delete_users"}) || !cmp.Equal(p.Dangling, wantDangling) {
		t.Errorf("Populate(admin, editor) = %v, dangling %v; want [may delete_users], dangling %v", names, p.Dangling, wantDangling)
	}
	r, err := rel.PopulateReverse(ctx, "delete_users")
	if err != nil || len(r.Items["delete_users"]) != 1 || r.Items["delete_users"][0].Name != "role admin" {
		t.Errorf("PopulateReverse(delete_users) = %+v, %v; want role admin", r, err)
	}
}

// The links with an inverted index: GSI byPermission keyed by templates of the IDs swapped.
var tplInvertedLinkSchema = schema.Must(schema.For[stLink](
	schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
	schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
	schema.Attr("gsi1pk", schema.Template("PERMISSION#{permissionId}"),
		schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("gsi1sk"))),
	schema.Attr("gsi1sk", schema.Template("ROLE#{roleId}")),
	schema.OnDemand(),
))

// TestRelationTemplateInvertedIndex lists a relation backwards through a GSI keyed by
// templates against the server.
func TestRelationTemplateInvertedIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	raw := open(t).DynamoDB()
	stored := createTableFor(t, ctx, raw, "access", tplRoleSchema, tplPermissionSchema, tplInvertedLinkSchema)
	roles, err := model.New[stRole](raw, stored, tplRoleSchema, model.WithEntity("type", "role"))
	if err != nil {
		t.Fatal(err)
	}
	permissions, err := model.New[stPermission](raw, stored, tplPermissionSchema, model.WithEntity("type", "permission"))
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[stLink](raw, stored, tplInvertedLinkSchema, model.WithEntity("type", "rolePermission"))
	if err != nil {
		t.Fatal(err)
	}
	rel, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.FromID("id"), relation.ToID("id"),
		relation.ReverseIndex("byPermission"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	for _, id := range []string{"admin", "editor", "viewer"} {
		if err := roles.Create(ctx, &stRole{ID: id, Name: "role " + id}); err != nil {
			t.Fatal(err)
		}
	}
	for role, perms := range map[string][]string{"admin": {"view_users", "edit_users"}, "editor": {"edit_users"}, "viewer": {"view_users"}} {
		if _, err := rel.Set(ctx, role, perms); err != nil {
			t.Fatalf("Set(%s) = %v", role, err)
		}
	}
	if got, err := rel.Reverse(ctx, "edit_users"); err != nil || !slices.Equal(got, []string{"admin", "editor"}) {
		t.Errorf("Reverse(edit_users) = %v, %v; want [admin editor]", got, err)
	}
	p, err := rel.PopulateReverse(ctx, "view_users")
	if err != nil {
		t.Fatalf("PopulateReverse = %v", err)
	}
	var names []string
	for _, r := range p.Items["view_users"] {
		names = append(names, r.Name)
	}
	if want := []string{"role admin", "role viewer"}; !slices.Equal(names, want) {
		t.Errorf("PopulateReverse(view_users) = %v; want %v", names, want)
	}
}
