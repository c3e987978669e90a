package interop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type expiringItem struct {
	ID        string    `dynamo:"id"`
	Name      string    `dynamo:"name"`
	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
	TTL       time.Time `dynamo:"ttl,seconds,omitempty"`
}

var expiringSchema = schema.Must(schema.For[expiringItem](
	schema.Attr("id", schema.HashKey()),
	schema.Timestamps(),
	schema.Expires(time.Minute, schema.HideExpired()),
))

// TestTimestampsAndExpiryReadBothWays checks timestamps: true (createdAt and updatedAt in
// epoch milliseconds) and expires (ttl in epoch seconds, now + the ttl when absent) with
// returnExpired: false: each side reads the other's live item with its times, and neither
// returns the other's expired item.
func TestTimestampsAndExpiryReadBothWays(t *testing.T) {
	m, table := newModel(t, expiringSchema, "expiring")
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, it := range []expiringItem{{ID: "go", Name: "a"}, {ID: "goold", Name: "b", TTL: past}} {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put(%s) = %v", it.ID, err)
		}
	}
	now := time.Now()
	var fromGo map[string]map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { timestamps: true }),
  { ...noTables, expires: { ttl: 60 * 1000, items: { returnExpired: false } } });
await Item.create({ id: "js", name: "a" });
await Item.create({ id: "jsold", name: "b", ttl: new Date(input.past) });
out({ live: await Item.get("go"), expired: (await Item.get("goold")) || null });
`, map[string]any{"table": table, "past": past.UnixMilli()}, &fromGo)

	live := fromGo["live"]
	if live["name"] != "a" {
		t.Errorf("Dynamoose's read of Dynamodel's item = %v; want name a", live)
	}
	near(t, "Dynamoose's read of Dynamodel's createdAt", ms(live["createdAt"]), now)
	near(t, "Dynamoose's read of Dynamodel's updatedAt", ms(live["updatedAt"]), now)
	near(t, "Dynamoose's read of Dynamodel's ttl", ms(live["ttl"]), now.Add(time.Minute))
	if fromGo["expired"] != nil {
		t.Errorf("Dynamoose's read of Dynamodel's expired item = %v; want none (returnExpired: false)", fromGo["expired"])
	}

	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get of Dynamoose's item = %v", err)
	}
	if got.Name != "a" {
		t.Errorf("Dynamodel's read of Dynamoose's item = %+v; want name a", got)
	}
	near(t, "Dynamodel's read of Dynamoose's createdAt", got.CreatedAt, now)
	near(t, "Dynamodel's read of Dynamoose's updatedAt", got.UpdatedAt, now)
	near(t, "Dynamodel's read of Dynamoose's ttl", got.TTL, now.Add(time.Minute))
	if old, err := m.Get(ctx(t), model.Key{Hash: "jsold"}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Dynamodel Get of Dynamoose's expired item = %+v, %v; want ErrNotFound (HideExpired)", old, err)
	}
	sameStorage(t, table, "js", "go", "createdAt", "updatedAt", "ttl")
	sameStorage(t, table, "jsold", "goold", "createdAt", "updatedAt")
}

// TestUpdateOfItemWithoutExpiry pins a documented difference: an update of an item that has
// no ttl (written before expiry was configured) gives it one in Dynamodel (if_not_exists, now
// + the ttl), while Dynamoose leaves it without; both set updatedAt and keep createdAt.
func TestUpdateOfItemWithoutExpiry(t *testing.T) {
	m, table := newModel(t, expiringSchema, "expupdate")
	db := dynamotest.Client()
	for _, id := range []string{"js", "go"} {
		if _, err := db.PutItem(ctx(t), &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: id}, "name": &types.AttributeValueMemberS{Value: "old"},
			"createdAt": &types.AttributeValueMemberN{Value: "1000"},
		}}); err != nil {
			t.Fatalf("PutItem = %v", err)
		}
	}
	now := time.Now()
	if _, err := m.Update(model.Key{Hash: "go"}).Set("name", "new").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { timestamps: true }),
  { ...noTables, expires: { ttl: 60 * 1000, items: { returnExpired: false } } });
await Item.update({ id: "js" }, { name: "new" });
`, map[string]any{"table": table}, nil)
	js, gv := stored(t, table, "js"), stored(t, table, "go")
	for side, item := range map[string]map[string]any{"Dynamoose": js, "Dynamodel": gv} {
		if !cmp.Equal(item["createdAt"], map[string]any{"N": "1000"}) || !cmp.Equal(item["name"], map[string]any{"S": "new"}) || item["updatedAt"] == nil {
			t.Errorf("%s's update stored %v; want name new, createdAt kept, updatedAt set", side, item)
		}
	}
	if _, ok := js["ttl"]; ok {
		t.Errorf("Dynamoose's update stored ttl %v; docs/migration.md says it sets none", js["ttl"])
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "go"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	near(t, "Dynamodel's update: ttl", got.TTL, now.Add(time.Minute))
}
