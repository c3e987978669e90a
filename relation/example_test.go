package relation_test

import (
	"fmt"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// ExampleManyToMany declares the relation between roles and permissions kept in link items
// (a table keyed roleId, permissionId, with the GSI byPermission); declaring sends nothing.
// A mistake in the declaration is reported at once, every problem together.
func ExampleManyToMany() {
	type Role struct {
		ID string `dynamo:"id"`
	}
	type Permission struct {
		ID string `dynamo:"id"`
	}
	type RolePermission struct {
		RoleID       string `dynamo:"roleId"`
		PermissionID string `dynamo:"permissionId"`
	}
	var db model.DB = newServer() // a *dynamodb.Client in a program
	roles, _ := model.New[Role](db, "roles", schema.Must(schema.For[Role]()))
	permissions, _ := model.New[Permission](db, "permissions", schema.Must(schema.For[Permission]()))
	links, _ := model.New[RolePermission](db, "rolePermissions", schema.Must(schema.For[RolePermission](
		schema.Attr("roleId", schema.HashKey()),
		schema.Attr("permissionId", schema.RangeKey(), schema.Index(schema.IndexName("byPermission"))),
	)))

	_, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"))
	fmt.Println(err)

	_, err = relation.ManyToMany[string](roles, permissions, links,
		relation.From("role"), relation.To("permissionId"), relation.ReverseIndex("byRole"))
	fmt.Println(err)
	// Output:
	// <nil>
	// relation: link attribute of the From ID "role": schema: unknown attribute: role; ReverseIndex("byRole"): the links' schema has no such index
}
