package interop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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
