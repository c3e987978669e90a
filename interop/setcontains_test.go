package interop_test

import (
	"encoding/hex"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestContainsOnNumberAndBinarySetsBothWays has each side filter the other's items by an
// element of a Number set and of a Binary set (contains, and negated), in a query on the
// number hash key, and update one under a contains condition.
func TestContainsOnNumberAndBinarySetsBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, blobSchema, "setcontains")
	for i := range byte(3) {
		it := blobItem{ID: 1, Part: []byte{i}, Name: "n", Nums: []float64{float64(i), 2.5}, Blobs: [][]byte{{i}, {9}}}
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string][]string
	dynamoosetest.Run(t, blobJS+`
for (let i = 0; i < 3; i++) {
  await Item.create({ id: 2, part: b(i), name: "n", nums: new Set([i, 2.5]), blobs: new Set([b(i), b(9)]) });
}
const parts = (items) => items.map((i) => i.part.toString("hex")).sort();
const q = () => Item.query("id").eq(1);
const passes = (p) => p.then(() => "passed", (e) => e.name);
out({
  num: parts(await q().filter("nums").contains(1).exec()),
  frac: parts(await q().filter("nums").contains(2.5).exec()),
  bin: parts(await q().filter("blobs").contains(b(2)).exec()),
  notBin: parts(await q().filter("blobs").not().contains(b(0)).exec()),
  update: [await passes(Item.update({ id: 1, part: b(1) }, { name: "m" }, { condition: new dynamoose.Condition("nums").contains(1) })),
    await passes(Item.update({ id: 1, part: b(2) }, { name: "m" }, { condition: new dynamoose.Condition("blobs").contains(b(0)) }))],
});
`, map[string]any{"table": table}, &fromGo)
	want := func(name string) map[string][]string {
		return map[string][]string{"num": {"01"}, "frac": {"00", "01", "02"}, "bin": {"02"}, "notBin": {"01", "02"}, "update": {"passed", name}}
	}
	if diff := cmp.Diff(want("ConditionalCheckFailedException"), fromGo); diff != "" {
		t.Errorf("Dynamoose's filters on Dynamodel's sets (-want +got):\n%s", diff)
	}
	parts := func(c model.Condition) []string {
		t.Helper()
		var ps []string
		for it, err := range m.Query(model.Where("id").Eq(2)).Filter(c).All(ctx(t)) {
			if err != nil {
				t.Fatalf("Dynamodel Query = %v", err)
			}
			ps = append(ps, hex.EncodeToString(it.Part))
		}
		slices.Sort(ps)
		return ps
	}
	passes := func(part byte, c model.Condition) string {
		_, err := m.Update(model.Key{Hash: 2, Range: []byte{part}}).Set("name", "m").If(c).Exec(ctx(t))
		switch {
		case err == nil:
			return "passed"
		case errorsIsConditionFailed(err):
			return "ConditionalCheckFailedException"
		}
		return err.Error()
	}
	fromJS := map[string][]string{
		"num":    parts(model.Where("nums").Contains(1)),
		"frac":   parts(model.Where("nums").Contains(2.5)),
		"bin":    parts(model.Where("blobs").Contains([]byte{2})),
		"notBin": parts(model.Not(model.Where("blobs").Contains([]byte{0}))),
		"update": {passes(1, model.Where("nums").Contains(1)), passes(2, model.Where("blobs").Contains([]byte{0}))},
	}
	if diff := cmp.Diff(want("ConditionalCheckFailedException"), fromJS); diff != "" {
		t.Errorf("Dynamodel's filters on Dynamoose's sets (-want +got):\n%s", diff)
	}
}
