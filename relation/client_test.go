package relation_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
)

// TestRelationOverModelsOfDifferentClients: ManyToMany accepts From, To and link models
// bound to three different clients, since what must go together is written through the
// link model alone: Set's transaction and its batches (AllowBatches) go to the links'
// client only, and Populate and PopulateReverse read the items of each side through that
// side's own client. A relation that refused such models, or sent a write through another
// model's client, fails here.
func TestRelationOverModelsOfDifferentClients(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		noTx    bool // the links' server has no transactions: AllowBatches writes in batches
		txs     int  // TransactWriteItems the links' server gets
		batches int  // BatchWriteItem the links' server gets
	}{
		{"one transaction", false, 2, 0},
		{"batches", true, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rolesDB, permsDB, linksDB := newServer(), newServer(), newServer()
			linksDB.noTx = tt.noTx
			roles, err := model.New[Role](rolesDB, "roles", roleSchema)
			if err != nil {
				t.Fatal(err)
			}
			permissions, err := model.New[Permission](permsDB, "permissions", permissionSchema)
			if err != nil {
				t.Fatal(err)
			}
			links, err := model.New[RolePermission](linksDB, "rolePermissions", linkSchema)
			if err != nil {
				t.Fatal(err)
			}
			rel, err := relation.ManyToMany[string](roles, permissions, links,
				relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"), relation.AllowBatches())
			if err != nil {
				t.Fatalf("ManyToMany(models of three clients) = %v; want a relation", err)
			}
			rolesDB.put("roles", map[string]types.AttributeValue{"id": s("admin"), "name": s("Admin")})
			for _, id := range []string{"read", "write"} {
				permsDB.put("permissions", map[string]types.AttributeValue{"id": s(id), "name": s("may " + id)})
			}
			for _, set := range [][]string{{"read"}, {"read", "write"}} {
				if _, err := rel.Set(ctx, "admin", set); err != nil {
					t.Fatalf("Set(%v) = %v", set, err)
				}
			}
			if n := writes(rolesDB) + writes(permsDB); n != 0 {
				t.Errorf("Set wrote %d times through the From and To models' clients; want 0", n)
			}
			if got := count[dynamodb.TransactWriteItemsInput](linksDB); got != tt.txs {
				t.Errorf("links' client got %d TransactWriteItems; want %d", got, tt.txs)
			}
			if got := count[dynamodb.BatchWriteItemInput](linksDB); got != tt.batches {
				t.Errorf("links' client got %d BatchWriteItem; want %d", got, tt.batches)
			}
			got, err := rel.Populate(ctx, "admin")
			if err != nil {
				t.Fatalf("Populate = %v", err)
			}
			var names []string
			for _, p := range got.Items["admin"] {
				names = append(names, p.Name)
			}
			if want := []string{"may read", "may write"}; !slices.Equal(names, want) {
				t.Errorf("Populate(admin) = %v; want %v", names, want)
			}
			back, err := rel.PopulateReverse(ctx, "write")
			if err != nil {
				t.Fatalf("PopulateReverse = %v", err)
			}
			if r := back.Items["write"]; len(r) != 1 || r[0].Name != "Admin" {
				t.Errorf("PopulateReverse(write) = %+v; want [Admin]", r)
			}
			if p, r, l := count[dynamodb.BatchGetItemInput](permsDB), count[dynamodb.BatchGetItemInput](rolesDB), count[dynamodb.BatchGetItemInput](linksDB); p != 1 || r != 1 || l != 0 {
				t.Errorf("BatchGetItem sent to permissions', roles' and links' clients: %d, %d, %d; want 1, 1, 0", p, r, l)
			}
		})
	}
}

// TestSetInAUnitOfWorkOnAnotherClientIsRefused: a unit of work is one request, so a Set whose
// link model is on another client than the unit's first call is refused with
// model.ErrDifferentClients, and the unit sends nothing to either client.
func TestSetInAUnitOfWorkOnAnotherClientIsRefused(t *testing.T) {
	rolesDB, linksDB := newServer(), newServer()
	roles, err := model.New[Role](rolesDB, "roles", roleSchema)
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[RolePermission](linksDB, "rolePermissions", linkSchema)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := relation.ManyToMany[string](roles, roles, links,
		relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"))
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	var setErr error
	err = model.RunInTransaction(context.Background(), func(ctx context.Context) error {
		if err := roles.Put(ctx, &Role{ID: "admin", Name: "Admin"}); err != nil {
			return err
		}
		_, setErr = rel.Set(ctx, "admin", []string{"read"})
		return nil
	})
	if !errors.Is(setErr, model.ErrDifferentClients) || !errors.Is(err, model.ErrDifferentClients) {
		t.Errorf("Set in the unit = %v, unit = %v; want both to match model.ErrDifferentClients", setErr, err)
	}
	if n := writes(rolesDB) + writes(linksDB); n != 0 {
		t.Errorf("the unit wrote %d times; want 0", n)
	}
}
