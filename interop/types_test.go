package interop_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

type address struct {
	City string `dynamo:"city"`
	Zip  int    `dynamo:"zip"`
}

type plainItem struct {
	ID      string                `dynamo:"id"`
	Name    string                `dynamo:"name"`
	Count   int64                 `dynamo:"count"`
	Price   float64               `dynamo:"price"`
	Tiny    float64               `dynamo:"tiny"`
	Active  bool                  `dynamo:"active"`
	Off     *bool                 `dynamo:"off"`
	Blob    []byte                `dynamo:"blob"`
	Address *address              `dynamo:"address"`
	Lines   []address             `dynamo:"lines"`
	Words   []string              `dynamo:"words"`
	Tags    []string              `dynamo:"tags,set"`
	Scores  []float64             `dynamo:"scores,set"`
	Note    attr.Nullable[string] `dynamo:"note"`
	Color   string                `dynamo:"color"`
	Meta    map[string]any        `dynamo:"meta"`
	Extra   map[string]any        `dynamo:",unknown"`
}

var plainSchema = schema.Must(schema.For[plainItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("color", schema.Enum("red", "blue")),
	schema.SaveUnknown("*"),
))

// The same schema in Dynamoose.
const plainJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  name: String,
  count: Number,
  price: Number,
  tiny: Number,
  active: Boolean,
  off: Boolean,
  blob: Buffer,
  address: { type: Object, schema: { city: String, zip: Number } },
  lines: { type: Array, schema: [{ type: Object, schema: { city: String, zip: Number } }] },
  words: { type: Array, schema: [String] },
  tags: { type: Set, schema: [String] },
  scores: { type: Set, schema: [Number] },
  note: [String, dynamoose.type.NULL],
  color: { type: String, enum: ["red", "blue"] },
  meta: Object,
}, { saveUnknown: true }), noTables);
`

// TestPlainTypesReadBothWays has each side write an item of every plain type (strings, the
// largest safe integer, fractional and tiny numbers, booleans, a Buffer, nested objects and
// arrays, String and Number sets, a null, an enum value, an unknown attribute kept by
// saveUnknown) and read the other's, and checks that both store the same attributes.
func TestPlainTypesReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "plain")
	off := false
	want := plainItem{
		Name: "Zoë 🌍", Count: 9007199254740991, Price: 19.99, Tiny: -1.5e-7,
		Active: true, Off: &off, Blob: []byte{0, 1, 2, 255},
		Address: &address{City: "Lyon", Zip: 69001},
		Lines:   []address{{City: "A", Zip: 1}, {City: "B", Zip: 2}},
		Words:   []string{"x", "y", "x"},
		Tags:    []string{"a", "b"}, Scores: []float64{-1.5, 2},
		Note:  attr.NullValue[string](),
		Color: "blue",
		Meta:  map[string]any{"k": "v"},
		Extra: map[string]any{"extra": "kept"},
	}
	goItem := want
	goItem.ID = "go"
	fromJS, fromGo := exchange(t, m, table, nil, plainJS, `{
  name: "Zoë 🌍", count: 9007199254740991, price: 19.99, tiny: -1.5e-7,
  active: true, off: false, blob: Buffer.from([0, 1, 2, 255]),
  address: { city: "Lyon", zip: 69001 },
  lines: [{ city: "A", zip: 1 }, { city: "B", zip: 2 }],
  words: ["x", "y", "x"],
  tags: new Set(["a", "b"]), scores: new Set([-1.5, 2]),
  note: null, color: "blue", meta: { k: "v" }, extra: "kept",
}`, &goItem)

	want.ID = "js"
	if diff := cmp.Diff(want, fromJS, cmp.Comparer(func(a, b float64) bool { return a == b || math.Abs(a-b) < 1e-9*math.Abs(a) })); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{
  "id": "go", "name": "Zoë 🌍", "count": 9007199254740991, "price": 19.99, "tiny": -1.5e-7,
  "active": true, "off": false, "blob": {"$b64": "AAEC/w=="},
  "address": {"city": "Lyon", "zip": 69001},
  "lines": [{"city": "A", "zip": 1}, {"city": "B", "zip": 2}],
  "words": ["x", "y", "x"],
  "tags": {"$set": ["a", "b"]}, "scores": {"$set": [-1.5, 2]},
  "note": null, "color": "blue", "meta": {"k": "v"}, "extra": "kept"
}`)
	sameStorage(t, table, "js", "go")
}
