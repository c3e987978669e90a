// Command rolespermissions is seed 001's roles and permissions written the DynamoDB way: no
// join table and no cascade, but one table holding the roles, the permissions and a link item
// per role and permission (adjacency items), every key computed by a template of the IDs
// ("ROLE#{id}"), so that no code writes a key by hand. It replaces a role's permissions by the
// difference (only the changed links are written), lists the relation in both directions
// (a role's links from its partition, a permission's roles through a sparse GSI) and loads
// the permissions of several roles at once with batched gets, reporting a link whose
// permission is gone. Between those it shows the templates at work: a query by the parts, IDs
// read back from the keys, an index key recomputed by an update, an update refused.
//
// It reads the endpoint from $DYNAMODB_ENDPOINT (`make test` starts a local server and sets
// it); with no endpoint it uses the AWS default chain.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
	"github.com/dynamodel/dynamodel/validate"
)

// rolespermissions:models:begin

// Role, Permission and RolePermission share the table "access". Every item has the generic
// key attributes pk and sk, which templates compute from the IDs on each write:
//
//	role        pk ROLE#admin         sk ROLE#admin
//	permission  pk PERMISSION#view    sk PERMISSION#view    (+ GSI byGroup: GROUP#users)
//	link        pk ROLE#admin         sk PERMISSION#view    (+ GSI byPermission: view, admin)
//
// A role's partition holds the role and its links: one query reads a role's permissions.
type Role struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

type Permission struct {
	ID    string `dynamo:"id" json:"id"`
	Name  string `dynamo:"name" json:"name"`
	Group string `dynamo:"group" json:"-"` // what it is about: "users"
}

// RolePermission is the seed's link item, with what the seed says a link should hold beside
// the two IDs: when the permission was granted.
type RolePermission struct {
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	GrantedAt    time.Time `dynamo:"grantedAt"`
}

var (
	roleSchema = schema.Must(schema.For[Role](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("ROLE#{id}")),
		schema.Attr("name", schema.Required()),
		schema.OnDemand(),
	))
	permissionSchema = schema.Must(schema.For[Permission](
		schema.Attr("pk", schema.HashKey(), schema.Template("PERMISSION#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{id}")),
		schema.Attr("name", schema.Required()),
		// The permissions of a group, through the GSI byGroup. A permission without a group
		// has no gsi1pk, and is not in the index.
		schema.Attr("gsi1pk", schema.Template("GROUP#{group}"),
			schema.Index(schema.IndexName("byGroup"), schema.IndexRangeKey("gsi1sk"))),
		schema.Attr("gsi1sk", schema.Template("PERMISSION#{id}")),
		schema.OnDemand(),
	))
	rolePermissionSchema = schema.Must(schema.For[RolePermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
		// Only link items have permissionId: the index holds nothing else (a sparse index).
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
		schema.CreatedAt("grantedAt", attr.TimeMillis),
		schema.OnDemand(),
	))
)

// rolespermissions:models:end

// app holds the models and the relation between roles and permissions.
type app struct {
	roles       *model.Model[Role]
	permissions *model.Model[Permission]
	links       *model.Model[RolePermission]
	access      *relation.Relation[string, Role, Permission, RolePermission]
}

func open(ctx context.Context, prefix string) (*app, error) {
	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix))
	if err != nil {
		return nil, err
	}
	// rolespermissions:relation:begin
	roles, err := dynamodel.NewModel[Role](client, "access", roleSchema, model.WithEntity("type", "role"))
	if err != nil {
		return nil, err
	}
	permissions, err := dynamodel.NewModel[Permission](client, "access", permissionSchema, model.WithEntity("type", "permission"))
	if err != nil {
		return nil, err
	}
	links, err := dynamodel.NewModel[RolePermission](client, "access", rolePermissionSchema, model.WithEntity("type", "rolePermission"))
	if err != nil {
		return nil, err
	}
	access, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), // the link's two IDs
		relation.FromID("id"), relation.ToID("id"), // what the IDs are in Role and Permission
		relation.ReverseIndex("byPermission"),
		relation.AllowBatches(), // over 100 changes, or a server without transactions
	)
	if err != nil {
		return nil, err
	}
	// rolespermissions:relation:end
	if _, err := client.Sync(ctx, tablesync.Update, roles, permissions, links); err != nil {
		return nil, err
	}
	return &app{roles, permissions, links, access}, nil
}

// roleResponse is the seed's response object: a role with its permissions.
type roleResponse struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Permissions []Permission `json:"rolePermissions"`
}

func run(ctx context.Context, w io.Writer, prefix string) error {
	a, err := open(ctx, prefix)
	if err != nil {
		return err
	}
	for _, p := range []Permission{{"view_users", "View users", "users"}, {"edit_users", "Edit users", "users"}, {"delete_users", "Delete users", "users"}} {
		if err := a.permissions.Put(ctx, &p); err != nil {
			return err
		}
	}
	for _, r := range []Role{{"admin", "Administrator"}, {"editor", "Editor"}} {
		if err := a.roles.Put(ctx, &r); err != nil {
			return err
		}
	}

	// rolespermissions:set:begin
	// The seed's update: role admin goes from permissions [view, edit] to [view, delete].
	// Only the difference is written: view_users stays as it is.
	for _, perms := range [][]string{
		{"view_users", "edit_users"},
		{"view_users", "delete_users"},
		{"view_users", "delete_users"}, // the same again: nothing to write
	} {
		change, err := a.access.Set(ctx, "admin", perms)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "set admin %v: added %v, removed %v\n", perms, change.Added, change.Removed)
	}
	// rolespermissions:set:end
	if _, err := a.access.Set(ctx, "editor", []string{"view_users", "edit_users"}); err != nil {
		return err
	}

	// rolespermissions:list:begin
	perms, err := a.access.List(ctx, "admin") // a query of the role's partition
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "admin may: %v\n", perms)
	granted, err := a.access.Reverse(ctx, "view_users") // a query of the GSI byPermission
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "view_users is granted to: %v\n", granted)
	// rolespermissions:list:end

	if err := keys(ctx, w, a); err != nil {
		return err
	}

	// A permission deleted without its links leaves them dangling: Populate reports them.
	editUsers := schema.Parts{"id": "edit_users"} // pk and sk are both PERMISSION#{id}
	if err := a.permissions.Delete(ctx, model.Key{Hash: editUsers, Range: editUsers}); err != nil {
		return err
	}
	// rolespermissions:populate:begin
	loaded, err := a.access.Populate(ctx, "admin", "editor") // one BatchGetItem for both roles
	if err != nil {
		return err
	}
	admin, editor := schema.Parts{"id": "admin"}, schema.Parts{"id": "editor"}
	roles, err := a.roles.BatchGet(ctx, []model.Key{{Hash: admin, Range: admin}, {Hash: editor, Range: editor}})
	if err != nil {
		return err
	}
	for _, role := range roles {
		resp := roleResponse{ID: role.ID, Name: role.Name, Permissions: []Permission{}}
		for _, p := range loaded.Items[role.ID] {
			resp.Permissions = append(resp.Permissions, *p)
		}
		out, err := json.Marshal(resp)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n", out)
	}
	for _, l := range loaded.Dangling {
		fmt.Fprintf(w, "dangling link: role %s to missing permission %s\n", l.From, l.To)
	}
	// rolespermissions:populate:end
	return nil
}

// keys shows the keys built from templates at work: queries by the parts, the parts read back
// from the keys, an index key recomputed by an update, and an update the schema refuses.
func keys(ctx context.Context, w io.Writer, a *app) error {
	// rolespermissions:keys:begin
	// A query by the parts: the planner builds pk = ROLE#admin from roleId. KeyPrefix gives
	// the text of sk's template before its first part: the role's links, not the role.
	// Only the keys are read (and the entity type, which the model filters on): Read parses
	// the IDs back from the keys.
	q := a.links.Query(model.Where("roleId").Eq("admin").And(model.KeyPrefix("sk", nil))).Project("pk", "sk")
	for l, err := range q.AllPartial(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "read %v: link %s -> %s\n", l.Read, l.Item.RoleID, l.Item.PermissionID)
	}

	// An index key built from a template: gsi1pk is GROUP#{group}, so a query by group is a
	// query of the GSI byGroup, and an update of group recomputes gsi1pk.
	inGroup := func(group string) ([]string, error) {
		var ids []string
		for p, err := range a.permissions.Query(model.Where("group").Eq(group)).All(ctx) {
			if err != nil {
				return nil, err
			}
			ids = append(ids, p.ID)
		}
		return ids, nil
	}
	deleteUsers := schema.Parts{"id": "delete_users"}
	key := model.Key{Hash: deleteUsers, Range: deleteUsers}
	if _, err := a.permissions.Update(key).Set("group", "admin").Exec(ctx); err != nil {
		return err
	}
	for _, group := range []string{"users", "admin"} {
		ids, err := inGroup(group)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "group %s: %v\n", group, ids)
	}

	// The parts of the table's keys cannot change: that would move the item. The update is
	// refused before anything is sent.
	_, err := a.permissions.Update(key).Set("id", "remove_users").Exec(ctx)
	var invalid *validate.Error
	if !errors.As(err, &invalid) {
		return fmt.Errorf("renaming a permission: %v; want a *validate.Error", err)
	}
	fmt.Fprintf(w, "refused: %s\n", invalid.Fields[0].Err)
	// rolespermissions:keys:end
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout, "dev_"); err != nil {
		log.Fatal(err)
	}
}
