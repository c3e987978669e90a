package interop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
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
