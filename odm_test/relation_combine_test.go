package odm_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// TestRelationCombinedHashKeyPlainRangeKey runs a relation whose links' hash key is combined
// from a constant and the role ID, and whose range key is the permission ID itself: the
// links of a role are read from the partition "ROLE#<id>", though the range key cannot be
// computed from the role ID (before, every call failed, blaming the hash key).
func TestRelationCombinedHashKeyPlainRangeKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	linkSchema := schema.Must(schema.For[relLink](
		schema.Attr("pk", schema.HashKey(), schema.Combine("#", "roleTag", "roleId")),
		schema.Attr("permissionId", schema.RangeKey()),
		schema.Attr("roleTag", schema.Constant("ROLE")),
		schema.OnDemand(),
	))
	links, raw := newModel[relLink](t, ctx, linkSchema, "combLinks")
	roles, _ := newModel[relRole](t, ctx, relRoleSchema, "combRoles")
	permissions, _ := newModel[relPermission](t, ctx, relPermissionSchema, "combPermissions")
	rel, err := relation.ManyToMany[string](roles, permissions, links,
		relation.From("roleId"), relation.To("permissionId"), relation.AllowBatches())
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	for _, set := range [][]string{{"view", "edit"}, {"view", "delete"}} {
		if _, err := rel.Set(ctx, "admin", set); err != nil {
			t.Fatalf("Set(%v) = %v", set, err)
		}
	}
	if _, err := rel.Set(ctx, "viewer", []string{"view"}); err != nil {
		t.Fatalf("Set(viewer) = %v", err)
	}
	if got, err := rel.List(ctx, "admin"); err != nil || !slices.Equal(got, []string{"delete", "view"}) {
		t.Errorf("List(admin) = %v, %v; want [delete view]", got, err)
	}
	out, err := raw.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(links.TableName()), ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: "ROLE#admin"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 2 {
		t.Errorf("the partition ROLE#admin holds %d links; want 2", len(out.Items))
	}
}
