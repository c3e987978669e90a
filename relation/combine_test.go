package relation_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// tenantRoleLink is a link that also carries a tenant, which a key may be combined from.
type tenantRoleLink struct {
	RoleID       string `dynamo:"roleId"`
	PermissionID string `dynamo:"permissionId"`
	Tenant       string `dynamo:"tenant"`
}

// TestSetAndListWithCombinedLinkKeys: links whose hash key is combined from a constant and
// the From attribute are listed from the partition computed from the ID alone, whatever
// their range key is computed from. Before, the listing computed the whole key from the ID,
// and a range key needing the To attribute or another attribute failed every call with
// "the links' hash key "pk" is neither "roleId" nor computed from it alone (give
// ForwardIndex)", though the hash key was.
func TestSetAndListWithCombinedLinkKeys(t *testing.T) {
	tests := []struct {
		name   string
		schema *schema.Schema[tenantRoleLink]
	}{
		{"the range key is the To attribute", schema.Must(schema.For[tenantRoleLink](
			schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "roleId")),
			schema.Attr("permissionId", schema.RangeKey()),
			schema.Attr("roleTag", schema.Constant("ROLE")),
		))},
		{"the range key is combined from another attribute", schema.Must(schema.For[tenantRoleLink](
			schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "roleId")),
			schema.Attr("sk", schema.RangeKey(), schema.Combine("#", "tenant", "permissionId")),
			schema.Attr("roleTag", schema.Constant("ROLE")),
		))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t)
			links, err := model.New[tenantRoleLink](f.srv, "rolePermissions", tt.schema)
			if err != nil {
				t.Fatal(err)
			}
			rel, err := relation.ManyToMany[string](f.roles, f.permissions, links, relation.From("roleId"), relation.To("permissionId"))
			if err != nil {
				t.Fatalf("ManyToMany = %v", err)
			}
			if _, err := rel.Set(ctx, "admin", []string{"read", "write"}); err != nil {
				t.Fatalf("Set(admin, read write) = %v", err)
			}
			if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"read", "write"}) {
				t.Errorf("List(admin) = %v, %v; want [read write]", got, err)
			}
			var q *dynamodb.QueryInput
			for _, r := range f.srv.requests {
				if in, ok := r.(*dynamodb.QueryInput); ok {
					q = in
				}
			}
			if q == nil {
				t.Fatal("List sent no Query")
			}
			if v := q.ExpressionAttributeValues[":v0"]; text(v) != "ROLE#admin" || q.ExpressionAttributeNames["#n0"] != "pk" {
				t.Errorf("List queried %v = %v; want pk = ROLE#admin", q.ExpressionAttributeNames, q.ExpressionAttributeValues)
			}
			if c, err := rel.Set(ctx, "admin", []string{"write"}); err != nil || !slices.Equal(c.Removed, []string{"read"}) {
				t.Errorf("Set(admin, write) = %+v, %v; want read removed", c, err)
			}
			if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"write"}) {
				t.Errorf("List(admin) = %v, %v; want [write]", got, err)
			}
		})
	}
}

// TestManyToManyRefusesKeysNotComputedFromTheID: a key combined from an attribute that is
// neither the ID nor a Constant is refused when the relation is declared, naming the key,
// its sources and what to declare. Before, a links' hash key combined from the tenant and
// the role ID was computed without the tenant, and listings queried a partition that holds
// no links, without a word; a hash key that nothing computes failed at the first listing.
func TestManyToManyRefusesKeysNotComputedFromTheID(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		links *schema.Schema[tenantRoleLink]
		roles *schema.Schema[Role]
		opts  []relation.Option
		want  string
	}{
		{name: "a links' hash key combined from another attribute", links: schema.Must(schema.For[tenantRoleLink](
			schema.Attr("pk", schema.HashKey(), schema.Combine("#", "tenant", "roleId")),
			schema.Attr("sk", schema.RangeKey(), schema.Combine("#", "permissionTag", "permissionId")),
			schema.Attr("permissionTag", schema.Constant("PERMISSION")),
		)), want: `the links' hash key "pk" is combined from "tenant", "roleId", and "tenant" is neither "roleId" nor a Constant, so the partition of an item's links cannot be computed from its ID: give ForwardIndex(name) with a global index of the links whose hash key is "roleId"`},
		{name: "a links' hash key combined without the From attribute", links: schema.Must(schema.For[tenantRoleLink](
			schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "tenant")),
			schema.Attr("permissionId", schema.RangeKey()),
			schema.Attr("roleTag", schema.Constant("ROLE")),
		)), want: `the links' hash key "pk" is combined from "roleTag", "tenant", not from "roleId", so the partition of an item's links cannot be computed from its ID: give ForwardIndex(name)`},
		{name: "a links' hash key of its own", links: schema.Must(schema.For[tenantRoleLink](
			schema.Attr("tenant", schema.HashKey()),
			schema.Attr("permissionId", schema.RangeKey()),
		)), want: `the links' hash key "tenant" is neither the From attribute "roleId" nor computed from it (a Template of it alone, or a Combine of it and constants): give ForwardIndex(name) with a global index of the links whose hash key is "roleId"`},
		{name: "an index keyed by a Combine", links: schema.Must(schema.For[tenantRoleLink](
			schema.Attr("roleId", schema.HashKey()),
			schema.Attr("permissionId", schema.RangeKey()),
			schema.Attr("gsi1pk", schema.Combine("#", "tenant", "permissionId"), schema.Index(schema.IndexName("byPermission"))),
		)), opts: []relation.Option{relation.ReverseIndex("byPermission")},
			want: `ReverseIndex("byPermission"): the index's hash key "gsi1pk" is combined from "tenant", "permissionId"; a listing queries an index by "permissionId" itself or by a Template of "permissionId" alone`},
		{name: "an item key combined from another attribute", roles: schema.Must(schema.For[Role](
			schema.Attr("pk", schema.HashKey(), schema.Combine("#", "name", "id")),
		)), opts: []relation.Option{relation.FromID("id")},
			want: `FromID("id"): in roles, the key "pk" is combined from "name", "id", and "name" is neither "id" nor a Constant: its items cannot be read by ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := tt.links
			if ls == nil {
				ls = schema.Must(schema.For[tenantRoleLink](schema.Attr("roleId", schema.HashKey()), schema.Attr("permissionId", schema.RangeKey())))
			}
			links, err := model.New[tenantRoleLink](f.srv, "rolePermissions", ls)
			if err != nil {
				t.Fatal(err)
			}
			roles := f.roles
			if tt.roles != nil {
				if roles, err = model.New[Role](f.srv, "roles", tt.roles); err != nil {
					t.Fatal(err)
				}
			}
			opts := append([]relation.Option{relation.From("roleId"), relation.To("permissionId")}, tt.opts...)
			_, err = relation.ManyToMany[string](roles, f.permissions, links, opts...)
			var ce *relation.ConfigError
			if !errors.As(err, &ce) || len(ce.Problems) != 1 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ManyToMany = %v; want a *ConfigError of one problem saying %q", err, tt.want)
			}
		})
	}
}
