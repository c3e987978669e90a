package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type prefixedRole struct {
	PK   string `dynamo:"pk"`
	ID   int    `dynamo:"id"`
	Name string `dynamo:"name"`
}

// TestKeyPrefixStored checks, against the server, that a single-table key built from a
// constant prefix and a field (pk = Combine("#", "kind", "id"), kind = Constant("ROLE"), pk
// a struct field and kind not) is stored as "ROLE#7", and that the item reads back by it.
func TestKeyPrefixStored(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[prefixedRole](
		schema.Attr("pk", schema.HashKey(), schema.Combine("#", "kind", "id")),
		schema.Attr("kind", schema.Constant("ROLE")),
	))
	roles, db := newModel[prefixedRole](t, ctx, s, "roles")
	if err := roles.Put(ctx, &prefixedRole{ID: 7, Name: "admin"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(roles.TableName()), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "ROLE#7"}}})
	if err != nil {
		t.Fatal(err)
	}
	kind, _ := out.Item["kind"].(*types.AttributeValueMemberS)
	if out.Item == nil || kind == nil || kind.Value != "ROLE" {
		t.Fatalf("stored item under pk ROLE#7 = %v; want the role with kind ROLE", out.Item)
	}
	got, err := roles.Get(ctx, model.Key{Hash: "ROLE#7"}, model.Consistent())
	if err != nil {
		t.Fatalf("Get(ROLE#7) = %v", err)
	}
	if want := (prefixedRole{PK: "ROLE#7", ID: 7, Name: "admin"}); got != want {
		t.Errorf("Get(ROLE#7) = %+v; want %+v", got, want)
	}
}
