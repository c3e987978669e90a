package odm_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// rolePermission is the link item of seed 001's roles and permissions, keyed by templates.
type rolePermission struct {
	PK           string    `dynamo:"pk"`
	SK           string    `dynamo:"sk"`
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	Status       string    `dynamo:"status,omitempty"`
	Rank         int       `dynamo:"rank,omitempty"`
	Label        string    `dynamo:"label,omitempty"`
	Created      time.Time `dynamo:"createdAt"`
}

// TestTemplateKeys checks key templates against the server: puts store the keys built from
// the parts (createdAt included), a get by Parts finds the item, an item stored with its keys
// only reads back with the parts parsed from them, a query by the parts of the keys uses the
// table's keys (a prefix of the sort key from its leading part, which does not match p10 for
// p1), an update recomputes an index key the query of that index then finds, and updates
// that change only some parts, or a part of the table's key, are refused before sending.
func TestTemplateKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	created := time.Date(2026, 5, 6, 7, 8, 9, 123_000_000, time.UTC)
	s := schema.Must(schema.For[rolePermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}#{createdAt}")),
		schema.Attr("gsi1pk", schema.Template("STATUS#{status}"), schema.Index(schema.IndexName("byStatus"), schema.IndexRangeKey("gsi1sk"))),
		schema.Attr("gsi1sk", schema.Template("RANK#{rank:04}#{label}")),
		schema.Timestamps(),
		schema.Clock(func() time.Time { return created }),
	))
	perms, db := newModel[rolePermission](t, ctx, s, "perms")
	ms := "1778051289123"
	for _, p := range []*rolePermission{
		{RoleID: "r1", PermissionID: "p1", Status: "on", Rank: 3, Label: "read"},
		{RoleID: "r1", PermissionID: "p10", Status: "on", Rank: 20, Label: "write"},
		{RoleID: "r1", PermissionID: "p2"},
		{RoleID: "r2", PermissionID: "p1", Status: "on", Rank: 1, Label: "read"},
	} {
		if err := perms.Put(ctx, p); err != nil {
			t.Fatalf("Put(%+v) = %v", p, err)
		}
	}

	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(perms.TableName()), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "ROLE#r1"},
			"sk": &types.AttributeValueMemberS{Value: "PERMISSION#p1#" + ms},
		}})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"gsi1pk": "STATUS#on", "gsi1sk": "RANK#0003#read", "roleId": "r1"} {
		if got, _ := out.Item[name].(*types.AttributeValueMemberS); got == nil || got.Value != want {
			t.Errorf("stored %s = %v; want %q", name, out.Item[name], want)
		}
	}

	got, err := perms.Get(ctx, model.Key{Hash: schema.Parts{"roleId": "r1"}, Range: schema.Parts{"permissionId": "p1", "createdAt": created}}, model.Consistent())
	if err != nil {
		t.Fatalf("Get(parts) = %v", err)
	}
	if got.SK != "PERMISSION#p1#"+ms || got.Label != "read" {
		t.Errorf("Get(parts) = %+v; want p1 with label read", got)
	}

	// An item written by other code, with its keys only: the parts come from the keys.
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(perms.TableName()), Item: map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "ROLE#r3"},
		"sk": &types.AttributeValueMemberS{Value: "PERMISSION#p7#1000"},
	}}); err != nil {
		t.Fatal(err)
	}
	bare, err := perms.Get(ctx, model.Key{Hash: "ROLE#r3", Range: "PERMISSION#p7#1000"}, model.Consistent())
	if err != nil {
		t.Fatalf("Get(keys only) = %v", err)
	}
	if bare.RoleID != "r3" || bare.PermissionID != "p7" || !bare.Created.Equal(time.UnixMilli(1000)) {
		t.Errorf("Get(keys only) = %+v; want roleId r3, permissionId p7, createdAt 1000 ms from the keys", bare)
	}

	ids := func(q model.Query[rolePermission]) []string {
		t.Helper()
		var ids []string
		for p, err := range q.All(ctx) {
			if err != nil {
				t.Fatalf("query = %v", err)
			}
			ids = append(ids, p.RoleID+"/"+p.PermissionID)
		}
		slices.Sort(ids)
		return ids
	}
	byParts := perms.Query(model.Where("roleId").Eq("r1").And(model.Where("permissionId").Eq("p1"))).Consistent()
	if why, err := byParts.Explain(); err != nil || !containsAll(why, `"sk" begins with its template`, `"pk" is built from its template`) {
		t.Errorf("Explain() = %q, %v; want the keys built from their templates", why, err)
	}
	if got, want := ids(byParts), []string{"r1/p1"}; !slices.Equal(got, want) {
		t.Errorf("query roleId r1, permissionId p1 = %v; want %v", got, want)
	}
	if got, want := ids(perms.Query(model.KeyParts("pk", map[string]any{"roleId": "r1"}).And(model.KeyPrefix("sk", nil)))), []string{"r1/p1", "r1/p10", "r1/p2"}; !slices.Equal(got, want) {
		t.Errorf("query pk r1, sk PERMISSION# = %v; want %v", got, want)
	}

	// An update of every part of an index key recomputes it; the index finds the item by it.
	key := model.Key{Hash: schema.Parts{"roleId": "r1"}, Range: schema.Parts{"permissionId": "p2", "createdAt": created}}
	if _, err := perms.Update(key).Set("status", "off").Set("rank", 5).Set("label", "admin").Exec(ctx); err != nil {
		t.Fatalf("Update(status, rank, label) = %v", err)
	}
	byStatus := perms.Query(model.Where("status").Eq("off").And(model.KeyPrefix("gsi1sk", map[string]any{"rank": 5})))
	if why, err := byStatus.Explain(); err != nil || !containsAll(why, `"byStatus"`) {
		t.Errorf("Explain() = %q, %v; want the index byStatus", why, err)
	}
	if got, want := ids(byStatus), []string{"r1/p2"}; !slices.Equal(got, want) {
		t.Errorf("query status off, rank 5 = %v; want %v", got, want)
	}
	stored, err := perms.Get(ctx, key, model.Consistent())
	if err != nil {
		t.Fatal(err)
	}
	if stored.Status != "off" || stored.Rank != 5 {
		t.Errorf("after the update = %+v; want status off, rank 5", stored)
	}

	for name, u := range map[string]model.Update[rolePermission]{
		"some parts of an index key": perms.Update(key).Set("rank", 6),
		"a part of the table's key":  perms.Update(key).Set("permissionId", "p3"),
	} {
		_, err := u.Exec(ctx)
		var ve *validate.Error
		if !errors.As(err, &ve) {
			t.Errorf("Update(%s) = %v; want a *validate.Error", name, err)
		}
	}
	after, err := perms.Get(ctx, key, model.Consistent())
	if err != nil {
		t.Fatal(err)
	}
	if after != stored {
		t.Errorf("after the refused updates = %+v; want %+v unchanged", after, stored)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
