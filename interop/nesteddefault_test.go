package interop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type orderLine struct {
	SKU string `dynamo:"sku"`
	Qty int    `dynamo:"qty,omitempty"`
	Tax string `dynamo:"tax,omitempty"`
}

type shipTo struct {
	City    string `dynamo:"city"`
	Country string `dynamo:"country,omitempty"`
}

type orderItem struct {
	ID     string      `dynamo:"id"`
	Ship   *shipTo     `dynamo:"ship,omitempty"`
	Bill   *shipTo     `dynamo:"bill,omitempty"`
	Lines  []orderLine `dynamo:"lines,omitempty"`
	Status string      `dynamo:"status,omitempty"`
}

var orderSchema = schema.Must(schema.For[orderItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("ship.country", schema.Default("FR")),
	schema.Attr("bill.country", schema.Default("FR")),
	schema.Attr("lines.qty", schema.Default(1)),
	schema.Attr("lines.tax", schema.Default("std"), schema.ForceDefault()),
	schema.Attr("status", schema.Default("new")),
))

const orderJS = `
const place = { type: Object, schema: { city: String, country: { type: String, default: "FR" } } };
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  ship: place,
  bill: place,
  lines: { type: Array, schema: [{ type: Object, schema: {
    sku: String,
    qty: { type: Number, default: 1 },
    tax: { type: String, default: "std", forceDefault: true },
  } }] },
  status: { type: String, default: "new" },
}), noTables);
`

// TestNestedDefaultsSameOnBothSides checks defaults inside an object and inside each element
// of an array of objects (a plain one and a forced one): each side writes an item that
// leaves them out (and an absent object, which gets none), and both store the same. Then
// each updates the item with a SET of an object and of a list, where they differ
// (docs/migration.md §9).
func TestNestedDefaultsSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, orderSchema, "orders")
	fromJS, fromGo := exchange(t, m, table, nil, orderJS,
		`{ ship: { city: "Lyon" }, lines: [{ sku: "a" }, { sku: "b", qty: 3, tax: "zero" }] }`,
		&orderItem{ID: "go", Ship: &shipTo{City: "Lyon"}, Lines: []orderLine{{SKU: "a"}, {SKU: "b", Qty: 3, Tax: "zero"}}})
	want := orderItem{ID: "js", Ship: &shipTo{City: "Lyon", Country: "FR"}, Lines: []orderLine{{SKU: "a", Qty: 1, Tax: "std"}, {SKU: "b", Qty: 3, Tax: "std"}}, Status: "new"}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "ship": {"city": "Lyon", "country": "FR"},
  "lines": [{"sku": "a", "qty": 1, "tax": "std"}, {"sku": "b", "qty": 3, "tax": "std"}], "status": "new"}`)
	sameStorage(t, table, "js", "go")

	if _, err := m.Update(model.Key{Hash: "go"}).Set("bill", shipTo{City: "Paris"}).Set("lines", []orderLine{{SKU: "c"}}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	dynamoosetest.Run(t, orderJS+`await Item.update({ id: "js" }, { bill: { city: "Paris" }, lines: [{ sku: "c" }] });`, map[string]any{"table": table}, nil)
	// Dynamodel's SET of an object or a list applies its nested defaults, as a put does;
	// Dynamoose's applies the forced ones only, and stores each of those of a list element a
	// second time, as a top-level attribute named by its dotted path (docs/migration.md §9).
	js, gv := stored(t, table, "js"), stored(t, table, "go")
	line := func(qty bool) map[string]any {
		l := map[string]any{"sku": map[string]any{"S": "c"}, "tax": map[string]any{"S": "std"}}
		if qty {
			l["qty"] = map[string]any{"N": "1"}
		}
		return map[string]any{"L": []any{map[string]any{"M": l}}}
	}
	bill := func(country bool) map[string]any {
		b := map[string]any{"city": map[string]any{"S": "Paris"}}
		if country {
			b["country"] = map[string]any{"S": "FR"}
		}
		return map[string]any{"M": b}
	}
	if !cmp.Equal(js["bill"], bill(false)) || !cmp.Equal(js["lines"], line(false)) || !cmp.Equal(js["lines.0.tax"], map[string]any{"S": "std"}) {
		t.Errorf("Dynamoose's update stored %v; want bill and lines without their defaults but tax, and an attribute lines.0.tax", js)
	}
	if !cmp.Equal(gv["bill"], bill(true)) || !cmp.Equal(gv["lines"], line(true)) || gv["lines.0.tax"] != nil {
		t.Errorf("Dynamodel's update stored %v; want bill and lines with their defaults", gv)
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if want := []orderLine{{SKU: "c", Tax: "std"}}; err != nil || !cmp.Equal(got.Lines, want) || *got.Bill != (shipTo{City: "Paris"}) {
		t.Errorf("Dynamodel Get of Dynamoose's updated item = %+v, %v; want lines %v, bill Paris", got, err, want)
	}
}
