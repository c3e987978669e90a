package interop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestUpdateOfExpiredItem pins a difference under returnExpired: false (HideExpired): an
// update of an item past its ttl changes it in place in Dynamoose, so it stays expired and
// hidden with its old attributes; Dynamodel treats the key as holding no item, so the update
// replaces it with a new live item made of the key and the changes (docs/model.md).
func TestUpdateOfExpiredItem(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, expiringSchema, "expupd")
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, id := range []string{"go", "js"} {
		if err := m.Put(ctx(t), &expiringItem{ID: id, Name: "old", TTL: past}); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	now := time.Now()
	if _, err := m.Update(model.Key{Hash: "go"}).Set("name", "new").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromJS map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { timestamps: true }),
  { ...noTables, expires: { ttl: 60 * 1000, items: { returnExpired: false } } });
await Item.update({ id: "js" }, { name: "new" });
out({ js: (await Item.get("js")) || null, go: (await Item.get("go")) || null });
`, map[string]any{"table": table}, &fromJS)
	if fromJS["js"] != nil {
		t.Errorf("Dynamoose's get of the expired item it updated = %v; want none (still expired)", fromJS["js"])
	}
	if g, _ := fromJS["go"].(map[string]any); g == nil || g["name"] != "new" {
		t.Errorf("Dynamoose's get of the expired item Dynamodel updated = %v; want the new item, name new", fromJS["go"])
	}
	if js := stored(t, table, "js"); !cmp.Equal(js["ttl"], map[string]any{"N": jsonInt(past.Unix())}) || !cmp.Equal(js["name"], map[string]any{"S": "new"}) {
		t.Errorf("Dynamoose's update of an expired item stored %v; want name new, ttl unchanged", js)
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "go"})
	if err != nil || got.Name != "new" {
		t.Fatalf("Dynamodel Get of the expired item it updated = %+v, %v; want name new", got, err)
	}
	near(t, "Dynamodel's update of an expired item: ttl", got.TTL, now.Add(time.Minute))
	near(t, "Dynamodel's update of an expired item: createdAt", got.CreatedAt, now)
}

// TestCreateOverExpiredItem pins a difference under returnExpired: false (HideExpired):
// Dynamoose's create of the key of an item past its ttl fails (the item is still stored),
// while Dynamodel's Create succeeds and replaces it (docs/model.md).
func TestCreateOverExpiredItem(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, expiringSchema, "expcreate")
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, id := range []string{"go", "js"} {
		if err := m.Put(ctx(t), &expiringItem{ID: id, Name: "old", TTL: past}); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	if err := m.Create(ctx(t), &expiringItem{ID: "go", Name: "new"}); err != nil {
		t.Errorf("Dynamodel Create over an expired item = %v; want it created", err)
	}
	var created string
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { timestamps: true }),
  { ...noTables, expires: { ttl: 60 * 1000, items: { returnExpired: false } } });
out(await Item.create({ id: "js", name: "new" }).then(() => "created", (e) => e.name));
`, map[string]any{"table": table}, &created)
	if created != "ConditionalCheckFailedException" {
		t.Errorf("Dynamoose's create over an expired item: %q; want ConditionalCheckFailedException", created)
	}
	if got, err := m.Get(ctx(t), model.Key{Hash: "go"}); err != nil || got.Name != "new" {
		t.Errorf("Dynamodel Get after its Create over an expired item = %+v, %v; want name new", got, err)
	}
	if js := stored(t, table, "js"); !cmp.Equal(js["name"], map[string]any{"S": "old"}) {
		t.Errorf("the expired item Dynamoose failed to create over = %v; want it unchanged", js)
	}
}
