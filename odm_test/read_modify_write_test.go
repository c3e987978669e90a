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

type keeperItem struct {
	ID    string         `dynamo:"id"`
	Name  string         `dynamo:"name"`
	Extra map[string]any `dynamo:",unknown"`
}

// TestReadModifyWriteKeepsStoredTimes: docs/migration.md promises that a struct with an
// unknown field ("dynamo:\",unknown\"") keeps the attributes it has no field for, "so a
// read-modify-write loses nothing", and docs/schema.md sets createdAt and the expiry time on
// a put only "when absent". Get does put the stored createdAt and ttl into the unknown field,
// but Put ignores them there and writes new ones: every save of a read item moves its
// creation time to now, and pushes its expiry out by the whole TTL, so an item that is saved
// regularly never expires.
func TestReadModifyWriteKeepsStoredTimes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[keeperItem](schema.Attr("id", schema.HashKey()), schema.Timestamps(), schema.Expires(time.Hour)))
	m, db := newModel[keeperItem](t, ctx, s, "rmw")
	if err := m.Create(ctx, &keeperItem{ID: "a", Name: "first"}); err != nil {
		t.Fatalf("Create = %v", err)
	}
	stored := func() map[string]types.AttributeValue {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(m.TableName()),
			Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatalf("GetItem = %v", err)
		}
		return out.Item
	}
	before := stored()
	time.Sleep(1100 * time.Millisecond) // so that now differs, in seconds too
	got, err := m.Get(ctx, model.Key{Hash: "a"}, model.Consistent())
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	got.Name = "second"
	if err := m.Put(ctx, &got); err != nil {
		t.Fatalf("Put = %v", err)
	}
	after := stored()
	for _, name := range []string{"createdAt", "ttl"} {
		b, okB := before[name].(*types.AttributeValueMemberN)
		a, okA := after[name].(*types.AttributeValueMemberN)
		if !okB || !okA || a.Value != b.Value {
			t.Errorf("%s after Get and Put = %v; want the stored %v", name, a, b)
		}
	}
}
