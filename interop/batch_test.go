package interop_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestBatchesAndProjectionsBothWays has Dynamodel BatchPut items that Dynamoose batchGets
// (a missing key among them) and gets with attributes (a projection), and Dynamoose
// batchPut items that Dynamodel BatchGets and reads with Project of a nested path. Dynamoose
// takes "address.city" in attributes as the name of a top-level attribute, and so reads
// nothing (docs/migration.md §9).
func TestBatchesAndProjectionsBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "batch")
	var items []*plainItem
	for i := range 3 {
		items = append(items, &plainItem{ID: fmt.Sprint("go", i), Name: fmt.Sprint("n", i), Count: int64(i),
			Address: &address{City: "Lyon", Zip: 69000 + i}, Tags: []string{"a"}, Color: "red"})
	}
	if err := m.BatchPut(ctx(t), items); err != nil {
		t.Fatalf("Dynamodel BatchPut = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, plainJS+`
const got = await Item.batchGet(["go0", "go2", "nope"]);
const one = await Item.get("go1", { attributes: ["name", "tags"] });
const nested = await Item.get("go1", { attributes: ["address.city"] });
await Item.batchPut([0, 1, 2].map((i) => ({ id: "js" + i, name: "n" + i, count: i, address: { city: "Lyon", zip: 69000 + i }, tags: new Set(["a"]) })));
out({
  batch: [...got].map((i) => ({ id: i.id, name: i.name, count: i.count, zip: i.address.zip })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  unprocessed: got.unprocessedKeys.length,
  one, nested,
});
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's batchGet and projected gets of Dynamodel's items", fromGo, `{
  "batch": [{"id": "go0", "name": "n0", "count": 0, "zip": 69000}, {"id": "go2", "name": "n2", "count": 2, "zip": 69002}],
  "unprocessed": 0,
  "one": {"name": "n1", "tags": {"$set": ["a"]}},
  "nested": {}
}`)

	got, err := m.BatchGet(ctx(t), []model.Key{{Hash: "js2"}, {Hash: "nope"}, {Hash: "js0"}})
	if err != nil {
		t.Fatalf("Dynamodel BatchGet = %v", err)
	}
	var ids []string
	for _, it := range got {
		if it == nil {
			ids = append(ids, "<nil>")
			continue
		}
		ids = append(ids, fmt.Sprint(it.ID, "/", it.Name, "/", it.Address.Zip))
	}
	if want := []string{"js2/n2/69002", "<nil>", "js0/n0/69000"}; !cmp.Equal(ids, want) {
		t.Errorf("Dynamodel's BatchGet of Dynamoose's items = %v; want %v", ids, want)
	}
	p, err := m.GetPartial(ctx(t), model.Key{Hash: "js1"}, model.Project("name", "address.city"))
	if err != nil {
		t.Fatalf("Dynamodel GetPartial = %v", err)
	}
	want := plainItem{Name: "n1", Address: &address{City: "Lyon"}}
	if diff := cmp.Diff(want, p.Item); diff != "" || !cmp.Equal(p.Read, []string{"address", "name"}) {
		t.Errorf("Dynamodel's projected read of Dynamoose's item = %+v (read %v); want %+v, read [address name] (-want +got):\n%s", p.Item, p.Read, want, diff)
	}
}
