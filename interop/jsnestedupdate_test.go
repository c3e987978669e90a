package interop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestDynamooseUpdatesOfObjectsWithDatesReadByDynamodel has Dynamoose update whole objects
// and lists holding dates in their three storages (a $SET of meta, of stops, and $ADD of
// dates to a list), and Dynamodel make the same update; each reads the other's item and
// both store the same.
func TestDynamooseUpdatesOfObjectsWithDatesReadByDynamodel(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, tripSchema, "tripjsupd")
	at := time.Date(2024, 7, 14, 9, 15, 30, 0, time.UTC)
	later := at.Add(36 * time.Hour)
	base := tripItem{ID: "go", Stops: []stop{{City: "Lyon", At: at, Tags: []string{"x"}, Legs: []leg{{Mode: "walk", Start: at}}}},
		Meta: tripMeta{Created: at, Window: window{From: at, To: at}}, Marks: []time.Time{at}, Grid: [][]int{}, Regions: map[string]map[string]int{}}
	if err := m.Put(ctx(t), &base); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	newStops := []stop{{City: "Nice", At: later, Tags: []string{"y"}, Legs: []leg{{Mode: "bus", Start: later}}}}
	newMeta := tripMeta{Created: later, Window: window{From: later, To: later}}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("meta", newMeta).Set("stops", newStops).Append("marks", []time.Time{later}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, tripJS+`
const a = new Date(input.at), l = new Date(input.later);
await Item.create({ id: "js", stops: [{ city: "Lyon", at: a, tags: new Set(["x"]), legs: [{ mode: "walk", start: a }] }],
  meta: { created: a, window: { from: a, to: a } }, marks: [a], grid: [], regions: {} });
await Item.update({ id: "js" }, {
  $SET: { meta: { created: l, window: { from: l, to: l } },
    stops: [{ city: "Nice", at: l, tags: new Set(["y"]), legs: [{ mode: "bus", start: l }] }] },
  $ADD: { marks: [l] },
});
out(await Item.get("go"));
`, map[string]any{"table": table, "at": at.UnixMilli(), "later": later.UnixMilli()}, &fromGo)
	d := func(t time.Time) string { return `{"$date": ` + jsonInt(t.UnixMilli()) + `}` }
	sameJSON(t, "Dynamoose's read of Dynamodel's updated trip", fromGo, `{"id": "go",
  "stops": [{"city": "Nice", "at": `+d(later)+`, "tags": {"$set": ["y"]}, "legs": [{"mode": "bus", "start": `+d(later)+`}]}],
  "meta": {"created": `+d(later)+`, "window": {"from": `+d(later)+`, "to": `+d(later)+`}},
  "marks": [`+d(at)+`, `+d(later)+`], "grid": [], "regions": {}
}`)
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	want := base
	want.ID, want.Stops, want.Meta, want.Marks = "js", newStops, newMeta, []time.Time{at, later}
	if err != nil || !cmp.Equal(got, want) {
		t.Errorf("Dynamodel Get of Dynamoose's updated trip = %+v, %v; want %+v", got, err, want)
	}
	sameStorage(t, table, "js", "go")
}
