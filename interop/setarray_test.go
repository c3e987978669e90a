package interop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestSetsGivenAsArraysBothWays checks sets that Dynamoose is given as arrays (in a create
// and in an update's SET), which it stores as sets, and a SET of a whole set by Dynamodel:
// both store the same and read the other's.
func TestSetsGivenAsArraysBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, blobSchema, "setarrays")
	if err := m.Put(ctx(t), &blobItem{ID: 1, Part: []byte{1}, Name: "n", Nums: []float64{1, 2}, Blobs: [][]byte{{1}}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: 1, Range: []byte{1}}).Set("nums", []float64{5, 6}).Set("blobs", [][]byte{{7}, {8}}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, blobJS+`
await Item.create({ id: 2, part: b(1), name: "n", nums: [1, 2], blobs: [b(1)] });
await Item.update({ id: 2, part: b(1) }, { nums: [5, 6], blobs: [b(7), b(8)] });
out(await Item.get({ id: 1, part: b(1) }));
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's read of Dynamodel's updated sets", fromGo, `{"id": 1, "part": {"$b64": "AQ=="}, "name": "n",
  "nums": {"$set": [5, 6]}, "blobs": {"$set": [{"$b64": "Bw=="}, {"$b64": "CA=="}]}}`)
	js, gv := storedBlob(t, table, "2", []byte{1}), storedBlob(t, table, "1", []byte{1})
	if diff := cmp.Diff(js, gv); diff != "" {
		t.Errorf("stored items differ (-Dynamoose +Dynamodel):\n%s", diff)
	}
	got, err := m.Get(ctx(t), model.Key{Hash: 2, Range: []byte{1}})
	if err != nil || len(got.Nums) != 2 || len(got.Blobs) != 2 {
		t.Errorf("Dynamodel Get of Dynamoose's updated sets = %+v, %v", got, err)
	}
}
