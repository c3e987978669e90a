package schema_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

// Keys of a single-table design written from templates: the partition key from the role,
// the sort key from the permission and the creation time; the same key built from its parts.
func ExampleTemplate() {
	type RolePermission struct {
		RoleID       string    `dynamo:"roleId"`
		PermissionID string    `dynamo:"permissionId"`
		Rank         int       `dynamo:"rank"`
		CreatedAt    time.Time `dynamo:"createdAt"`
	}
	s := schema.Must(schema.For[RolePermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}#{createdAt}")),
		schema.Attr("byRank", schema.Template("RANK#{rank:04}"), schema.Index()),
	))
	item, err := s.Put(&RolePermission{RoleID: "admin", PermissionID: "users.read", Rank: 7, CreatedAt: time.UnixMilli(1700000000000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"pk", "sk", "byRank"} {
		fmt.Println(name, item[name].(*types.AttributeValueMemberS).Value)
	}
	key, _ := s.Key(schema.Parts{"roleId": "admin"}, schema.Parts{"permissionId": "users.read", "createdAt": time.UnixMilli(1700000000000)})
	fmt.Println("key", key["pk"].(*types.AttributeValueMemberS).Value, key["sk"].(*types.AttributeValueMemberS).Value)
	_, err = s.Put(&RolePermission{RoleID: "admin", PermissionID: "a#b", Rank: 7, CreatedAt: time.UnixMilli(1)})
	fmt.Println(err)
	// Output:
	// pk ROLE#admin
	// sk PERMISSION#users.read#1700000000000
	// byRank RANK#0007
	// key ROLE#admin PERMISSION#users.read#1700000000000
	// validate: permissionId: template: the text "#" that follows {permissionId} in template "PERMISSION#{permissionId}#{createdAt}" is in the value, so the key could not be split back (value "a#b")
}
