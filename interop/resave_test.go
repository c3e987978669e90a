package interop_test

import (
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestSaveOfTheOthersItemKeepsCreatedAtAndExpiry has each side read the other's item
// (timestamps and a ttl) and save it back changed: both keep createdAt and the ttl as
// stored and set updatedAt to the time of the save.
func TestSaveOfTheOthersItemKeepsCreatedAtAndExpiry(t *testing.T) { // not parallel: it compares the times of writes with now
	m, table := newModel(t, expiringSchema, "resave")
	ttl := time.Now().Add(30 * time.Minute).Truncate(time.Second)
	created := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	if err := m.Put(ctx(t), &expiringItem{ID: "go", Name: "a", TTL: ttl}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	// An old createdAt, so that keeping it shows.
	if _, err := m.Update(model.Key{Hash: "go"}).Set("createdAt", created).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { timestamps: true }),
  { ...noTables, expires: { ttl: 60 * 1000, items: { returnExpired: false } } });
await Item.create({ id: "js", name: "a", ttl: new Date(input.ttl) });
const theirs = await Item.get("go");
theirs.name = "b";
await theirs.save();
`, map[string]any{"table": table, "ttl": ttl.UnixMilli(), "created": created.UnixMilli()}, nil)
	if _, err := m.Update(model.Key{Hash: "js"}).Set("createdAt", created).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	it, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	it.Name = "b"
	now := time.Now()
	if err := m.Put(ctx(t), &it); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	for _, id := range []string{"js", "go"} {
		got, err := m.Get(ctx(t), model.Key{Hash: id})
		if err != nil {
			t.Fatalf("Dynamodel Get(%s) = %v", id, err)
		}
		if got.Name != "b" || !got.CreatedAt.Equal(created) || !got.TTL.Equal(ttl) {
			t.Errorf("%s after the other's save = %+v; want name b, createdAt %v and ttl %v kept", id, got, created, ttl)
		}
		near(t, id+" after the other's save: updatedAt", got.UpdatedAt, now)
	}
	sameStorage(t, table, "js", "go", "updatedAt")
}
