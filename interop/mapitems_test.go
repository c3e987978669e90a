package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

var mapItemSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("nothing", schema.Type(attr.NULL)),
	schema.Attr("amount", schema.Type(attr.N)),
	schema.Attr("when", schema.Date(attr.TimeISO)),
	schema.Attr("codes", schema.Type(attr.NS)),
	schema.Attr("label", schema.Combine("#", "amount", "when")),
))

// TestMapItemsNullAndCombinedNumbersReadBothWays checks map items (schema.New) with the null
// type, a Number set, an ISO date, and a combined attribute of a fractional number and a
// date, which Dynamoose joins as JavaScript writes them (1500000.5, not Go's 1.5000005e+06).
func TestMapItemsNullAndCombinedNumbersReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, mapItemSchema, "mapitems")
	at := time.Date(2024, 3, 1, 12, 30, 15, 120e6, time.UTC)
	fromJS, fromGo := exchange(t, m, table, map[string]any{"at": at.UnixMilli()}, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  nothing: dynamoose.type.NULL,
  amount: Number,
  when: { type: { value: Date, settings: { storage: "iso" } } },
  codes: { type: Set, schema: [Number] },
  label: { type: { value: "Combine", settings: { attributes: ["amount", "when"], separator: "#" } } },
}), noTables);
`, `{ nothing: null, amount: 1500000.5, when: new Date(input.at), codes: new Set([3, 1]) }`,
		&map[string]any{"id": "go", "nothing": nil, "amount": 1500000.5, "when": at, "codes": []int{3, 1}})

	want := map[string]any{"id": "js", "nothing": nil, "amount": attr.Number("1500000.5"), "when": at,
		"codes": attr.NumberSet{"1", "3"}, "label": "1500000.5#2024-03-01T12:30:15.120Z"}
	if codes, ok := fromJS["codes"].(attr.NumberSet); ok {
		slices.Sort(codes) // a set: the server's order
	}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "nothing": null, "amount": 1500000.5,
  "when": {"$date": `+jsonInt(at.UnixMilli())+`}, "codes": {"$set": [1, 3]}, "label": "1500000.5#2024-03-01T12:30:15.120Z"}`)
	sameStorage(t, table, "js", "go")
}

var nestedMapSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("meta", schema.Map(
		schema.Attr("created", schema.Date(attr.TimeMillis)),
		schema.Attr("window", schema.Map(
			schema.Attr("from", schema.Date(attr.TimeSeconds)),
			schema.Attr("to", schema.Date(attr.TimeISO)),
		)),
	)),
	schema.Attr("stops", schema.List(schema.Map(
		schema.Attr("city", schema.Type(attr.S)),
		schema.Attr("at", schema.Date(attr.TimeISO)),
	))),
	schema.Attr("marks", schema.List(schema.Date(attr.TimeSeconds))),
))

// TestMapItemsNestedDatesReadBothWays checks map items (schema.New) with dates inside nested
// maps and list elements, in milliseconds, seconds and ISO text: Dynamodel reads Dynamoose's
// as time.Time, and writes time.Time values Dynamoose reads as the same dates.
func TestMapItemsNestedDatesReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, nestedMapSchema, "mapdates")
	at := time.Date(2024, 3, 1, 12, 30, 15, 0, time.UTC)
	fromJS, fromGo := exchange(t, m, table, map[string]any{"at": at.UnixMilli()}, `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  meta: { type: Object, schema: { created: Date, window: { type: Object, schema: { from: date("seconds"), to: date("iso") } } } },
  stops: { type: Array, schema: [{ type: Object, schema: { city: String, at: date("iso") } }] },
  marks: { type: Array, schema: [date("seconds")] },
}), noTables);
`, `{ meta: { created: new Date(input.at), window: { from: new Date(input.at), to: new Date(input.at) } },
  stops: [{ city: "Lyon", at: new Date(input.at) }], marks: [new Date(input.at)] }`,
		&map[string]any{"id": "go", "meta": map[string]any{"created": at, "window": map[string]any{"from": at, "to": at}},
			"stops": []any{map[string]any{"city": "Lyon", "at": at}}, "marks": []any{at}})
	want := map[string]any{"id": "js", "meta": map[string]any{"created": at, "window": map[string]any{"from": at, "to": at}},
		"stops": []any{map[string]any{"city": "Lyon", "at": at}}, "marks": []any{at}}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	d := `{"$date": ` + jsonInt(at.UnixMilli()) + `}`
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "meta": {"created": `+d+`, "window": {"from": `+d+`, "to": `+d+`}},
  "stops": [{"city": "Lyon", "at": `+d+`}], "marks": [`+d+`]}`)
	sameStorage(t, table, "js", "go")
}
