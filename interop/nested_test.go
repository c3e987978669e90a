package interop_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type leg struct {
	Mode  string    `dynamo:"mode"`
	Start time.Time `dynamo:"start"`
}

type stop struct {
	City string    `dynamo:"city"`
	At   time.Time `dynamo:"at,iso"`
	Tags []string  `dynamo:"tags,set"`
	Legs []leg     `dynamo:"legs"`
}

type window struct {
	From time.Time `dynamo:"from,seconds"`
	To   time.Time `dynamo:"to,iso"`
}

type tripMeta struct {
	Created time.Time `dynamo:"created"`
	Window  window    `dynamo:"window"`
}

type tripItem struct {
	ID      string                    `dynamo:"id"`
	Stops   []stop                    `dynamo:"stops"`
	Meta    tripMeta                  `dynamo:"meta"`
	Marks   []time.Time               `dynamo:"marks,seconds"`
	Grid    [][]int                   `dynamo:"grid"`
	Regions map[string]map[string]int `dynamo:"regions"`
}

var tripSchema = schema.Must(schema.For[tripItem](schema.Attr("id", schema.HashKey()), schema.SaveUnknown("regions.**")))

const tripJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  stops: { type: Array, schema: [{ type: Object, schema: {
    city: String,
    at: date("iso"),
    tags: { type: Set, schema: [String] },
    legs: { type: Array, schema: [{ type: Object, schema: { mode: String, start: Date } }] },
  } }] },
  meta: { type: Object, schema: {
    created: Date,
    window: { type: Object, schema: { from: date("seconds"), to: date("iso") } },
  } },
  marks: { type: Array, schema: [date("seconds")] },
  grid: { type: Array, schema: [{ type: Array, schema: [Number] }] },
  regions: Object,
}, { saveUnknown: ["regions.**"] }), noTables);
`

// TestNestedSchemasReadBothWays checks arrays of objects with nested schemas (an ISO date, a
// set and an array of objects with a date in milliseconds inside each element), an object
// holding dates in milliseconds, seconds and ISO text, a list of dates in seconds, a list of
// lists and a map of maps, each side reading the other's.
func TestNestedSchemasReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, tripSchema, "trips")
	at := time.Date(2024, 7, 14, 9, 15, 30, 250e6, time.UTC)
	in := map[string]any{"at": at.UnixMilli()}
	goItem := tripItem{ID: "go",
		Stops: []stop{
			{City: "Lyon", At: at, Tags: []string{"food"}, Legs: []leg{{Mode: "train", Start: at}, {Mode: "bike", Start: at.Add(time.Hour)}}},
			{City: "Nice", At: at.Add(24 * time.Hour), Tags: []string{"sea", "sun"}, Legs: []leg{}},
		},
		Meta:    tripMeta{Created: at, Window: window{From: at, To: at.Add(48 * time.Hour)}},
		Marks:   []time.Time{at, at.Add(time.Minute)},
		Grid:    [][]int{{1, 2}, {}, {3}},
		Regions: map[string]map[string]int{"eu": {"fr": 2, "de": 1}, "as": {}},
	}
	fromJS, fromGo := exchange(t, m, table, in, tripJS, `{
  stops: [
    { city: "Lyon", at: new Date(input.at), tags: new Set(["food"]), legs: [{ mode: "train", start: new Date(input.at) }, { mode: "bike", start: new Date(input.at + 3600e3) }] },
    { city: "Nice", at: new Date(input.at + 24 * 3600e3), tags: new Set(["sea", "sun"]), legs: [] },
  ],
  meta: { created: new Date(input.at), window: { from: new Date(input.at), to: new Date(input.at + 48 * 3600e3) } },
  marks: [new Date(input.at), new Date(input.at + 60e3)],
  grid: [[1, 2], [], [3]],
  regions: { eu: { fr: 2, de: 1 }, as: {} },
}`, &goItem)

	want := goItem
	want.ID = "js"
	want.Meta.Window.From = at.Round(time.Second)
	want.Marks = []time.Time{at.Round(time.Second), at.Add(time.Minute).Round(time.Second)}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	d := func(t time.Time) string { return `{"$date": ` + jsonInt(t.UnixMilli()) + `}` }
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go",
  "stops": [
    {"city": "Lyon", "at": `+d(at)+`, "tags": {"$set": ["food"]}, "legs": [{"mode": "train", "start": `+d(at)+`}, {"mode": "bike", "start": `+d(at.Add(time.Hour))+`}]},
    {"city": "Nice", "at": `+d(at.Add(24*time.Hour))+`, "tags": {"$set": ["sea", "sun"]}, "legs": []}
  ],
  "meta": {"created": `+d(at)+`, "window": {"from": `+d(at.Round(time.Second))+`, "to": `+d(at.Add(48*time.Hour))+`}},
  "marks": [`+d(at.Round(time.Second))+`, `+d(at.Add(time.Minute).Round(time.Second))+`],
  "grid": [[1, 2], [], [3]],
  "regions": {"eu": {"fr": 2, "de": 1}, "as": {}}
}`)
	sameStorage(t, table, "js", "go")
}

// TestFiltersOnNestedDatesBothWays filters each side's scan of the other's trips on dates
// inside objects (seconds in meta.window.from, ISO text in meta.window.to, milliseconds in
// meta.created) and, for Dynamodel, inside list elements (stops[0].at,
// stops[0].legs[1].start): Dynamodel's time.Time values are encoded as the nested attribute
// stores them; Dynamoose is given them as stored. Dynamoose 4.2 cannot name a list element
// in a condition (docs/migration.md §9): such a filter finds nothing.
func TestFiltersOnNestedDatesBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, tripSchema, "tripfilter")
	at := time.Date(2024, 7, 14, 9, 15, 30, 0, time.UTC)
	trip := func(id string, shift time.Duration) *tripItem {
		a := at.Add(shift)
		return &tripItem{ID: id, Stops: []stop{{City: "Lyon", At: a, Tags: []string{"x"},
			Legs: []leg{{Mode: "walk", Start: a}, {Mode: "train", Start: a.Add(time.Hour)}}}},
			Meta: tripMeta{Created: a, Window: window{From: a, To: a}}, Marks: []time.Time{}, Grid: [][]int{}, Regions: map[string]map[string]int{}}
	}
	for i, shift := range []time.Duration{0, 24 * time.Hour} {
		if err := m.Put(ctx(t), trip(jsonInt(int64(i)), shift)); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string][]string
	dynamoosetest.Run(t, tripJS+`
for (const [i, shift] of [[0, 0], [1, 24 * 3600e3]]) {
  const a = input.at + shift;
  await Item.create({ id: "js" + i, stops: [{ city: "Lyon", at: new Date(a), tags: new Set(["x"]),
    legs: [{ mode: "walk", start: new Date(a) }, { mode: "train", start: new Date(a + 3600e3) }] }],
    meta: { created: new Date(a), window: { from: new Date(a), to: new Date(a) } }, marks: [], grid: [], regions: {} });
}
const ids = async (c) => (await Item.scan(c).exec()).map((i) => i.id).filter((id) => !id.startsWith("js")).sort();
const cond = (path) => new dynamoose.Condition(path);
out({
  seconds: await ids(cond("meta.window.from").lt(input.at / 1000 + 3600)),
  iso: await ids(cond("meta.window.to").eq(new Date(input.at + 24 * 3600e3).toISOString())),
  millis: await ids(cond("meta.created").gt(input.at + 2 * 3600e3)),
  // Dynamoose 4.2 splits a path at dots only: "stops[0]" is taken as an attribute's name.
  listIndex: await ids(cond("stops[0].legs[1].start").gt(input.at + 2 * 3600e3)),
});
`, map[string]any{"table": table, "at": at.UnixMilli()}, &fromGo)
	want := map[string][]string{"seconds": {"0"}, "iso": {"1"}, "millis": {"1"}, "listIndex": {}}
	if diff := cmp.Diff(want, fromGo, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Dynamoose's scans of Dynamodel's trips filtered on nested dates (-want +got):\n%s", diff)
	}
	filters := map[string]model.Condition{
		"seconds": model.Where("meta.window.from").Lt(at.Add(time.Hour)),
		"iso":     model.Where("meta.window.to").Eq(at.Add(24 * time.Hour)),
		"millis":  model.Where("meta.created").Gt(at.Add(2 * time.Hour)),
		"listIso": model.Where("stops[0].at").Eq(at.Add(24 * time.Hour)),
		"listMs":  model.Where("stops[0].legs[1].start").Gt(at.Add(2 * time.Hour)),
	}
	fromJS := map[string][]string{}
	for name, c := range filters {
		for it, err := range m.Scan().Filter(c).All(ctx(t)) {
			if err != nil {
				t.Fatalf("Dynamodel Scan(%s) = %v", name, err)
			}
			if strings.HasPrefix(it.ID, "js") {
				fromJS[name] = append(fromJS[name], strings.TrimPrefix(it.ID, "js"))
			}
		}
		slices.Sort(fromJS[name])
	}
	want = map[string][]string{"seconds": {"0"}, "iso": {"1"}, "millis": {"1"}, "listIso": {"1"}, "listMs": {"1"}}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's scans of Dynamoose's trips filtered on nested dates (-want +got):\n%s", diff)
	}
}

// TestUpdatesOfNestedDatesReadByDynamoose has Dynamodel update dates inside objects and list
// elements (Set of meta.window.from in seconds, stops[0].at in ISO text,
// stops[0].legs[0].start in milliseconds, Append to a list of dates in seconds and to a list
// of objects holding dates) and checks that Dynamoose reads each as the date it is, and that
// the item equals the one Dynamoose writes with the same values.
func TestUpdatesOfNestedDatesReadByDynamoose(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, tripSchema, "tripupd")
	at := time.Date(2024, 7, 14, 9, 15, 30, 0, time.UTC)
	later := at.Add(36 * time.Hour)
	item := &tripItem{ID: "go", Stops: []stop{{City: "Lyon", At: at, Tags: []string{"x"}, Legs: []leg{{Mode: "walk", Start: at}}}},
		Meta: tripMeta{Created: at, Window: window{From: at, To: at}}, Marks: []time.Time{at}, Grid: [][]int{}, Regions: map[string]map[string]int{}}
	if err := m.Put(ctx(t), item); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("meta.window.from", later).Set("stops[0].at", later).
		Set("stops[0].legs[0].start", later).Append("marks", []time.Time{later}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	// A second update: DynamoDB refuses stops and stops[0].at in one.
	if _, err := m.Update(model.Key{Hash: "go"}).
		Append("stops", []stop{{City: "Nice", At: later, Tags: []string{"y"}, Legs: []leg{{Mode: "bus", Start: later}}}}).
		Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update (Append) = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, tripJS+`
const a = new Date(input.at), l = new Date(input.later);
await Item.create({ id: "js", stops: [
    { city: "Lyon", at: l, tags: new Set(["x"]), legs: [{ mode: "walk", start: l }] },
    { city: "Nice", at: l, tags: new Set(["y"]), legs: [{ mode: "bus", start: l }] }],
  meta: { created: a, window: { from: l, to: a } }, marks: [a, l], grid: [], regions: {} });
out(await Item.get("go"));
`, map[string]any{"table": table, "at": at.UnixMilli(), "later": later.UnixMilli()}, &fromGo)
	d := func(t time.Time) string { return `{"$date": ` + jsonInt(t.UnixMilli()) + `}` }
	sameJSON(t, "Dynamoose's read of Dynamodel's updated trip", fromGo, `{"id": "go",
  "stops": [
    {"city": "Lyon", "at": `+d(later)+`, "tags": {"$set": ["x"]}, "legs": [{"mode": "walk", "start": `+d(later)+`}]},
    {"city": "Nice", "at": `+d(later)+`, "tags": {"$set": ["y"]}, "legs": [{"mode": "bus", "start": `+d(later)+`}]}
  ],
  "meta": {"created": `+d(at)+`, "window": {"from": `+d(later)+`, "to": `+d(at)+`}},
  "marks": [`+d(at)+`, `+d(later)+`], "grid": [], "regions": {}
}`)
	sameStorage(t, table, "js", "go")
}
