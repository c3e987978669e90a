package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// TestItemsWithoutExpiryAreLiveBothWays checks items that hold no ttl (Dynamoose's
// dynamoose.type.UNDEFINED, Dynamodel's DefaultExpires answering false) under
// returnExpired: false: both store no ttl, and each reads the other's such item by get,
// query and scan.
func TestItemsWithoutExpiryAreLiveBothWays(t *testing.T) {
	t.Parallel()
	s := schema.Must(schema.For[leaseItem](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("n", schema.RangeKey()),
		schema.Attr("owner", schema.Index()),
		schema.Expires(time.Hour, schema.TTLAttribute("expiresAt"), schema.HideExpired(),
			schema.DefaultExpires(func(time.Time) (time.Time, bool) { return time.Time{}, false })),
	))
	m, table := newModel(t, s, "nottl")
	if err := m.Put(ctx(t), &leaseItem{ID: "go", N: 1, Owner: "go"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var fromGo map[string]int
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: { type: String, hashKey: true },
  n: { type: Number, rangeKey: true },
  owner: { type: String, index: true },
}), { ...noTables, expires: { ttl: 3600 * 1000, attribute: "expiresAt", items: { returnExpired: false } } });
await Item.create({ id: "js", n: 1, owner: "js", expiresAt: dynamoose.type.UNDEFINED });
out({
  get: (await Item.get({ id: "go", n: 1 })) ? 1 : 0,
  query: (await Item.query("id").eq("go").exec()).length,
  scan: (await Item.scan("id").eq("go").exec()).length,
});
`, map[string]any{"table": table}, &fromGo)
	for name, n := range fromGo {
		if n != 1 {
			t.Errorf("Dynamoose's %s of Dynamodel's item without a ttl found %d items; want 1", name, n)
		}
	}
	for _, id := range []string{"js", "go"} {
		if st := storedAt(t, table, map[string]types.AttributeValue{"id": avS(id), "n": avN("1")}); st["expiresAt"] != nil {
			t.Errorf("the item of %s stores expiresAt %v; want none", id, st["expiresAt"])
		}
	}
	if _, err := m.Get(ctx(t), model.Key{Hash: "js", Range: 1}); err != nil {
		t.Errorf("Dynamodel Get of Dynamoose's item without a ttl = %v", err)
	}
	var found []string
	for it, err := range m.Query(model.Where("id").Eq("js")).All(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Query = %v", err)
		}
		found = append(found, "query:"+it.ID)
	}
	for it, err := range m.Scan().Filter(model.Where("id").Eq("js")).All(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Scan = %v", err)
		}
		found = append(found, "scan:"+it.ID)
	}
	if want := []string{"query:js", "scan:js"}; !slices.Equal(found, want) {
		t.Errorf("Dynamodel's query and scan of Dynamoose's item without a ttl = %v; want %v", found, want)
	}
}
