package schema

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

type zeroLine struct {
	SKU  string `dynamo:"sku"`
	Qty  int    `dynamo:"qty" validate:"min=1"`
	Note string `dynamo:"note,omitempty" validate:"min=2"`
}

type zeroOrder struct {
	ID     string      `dynamo:"id"`
	Qty    int         `dynamo:"qty" validate:"min=1"`
	Spare  int         `dynamo:"spare,omitempty" validate:"min=1"`
	Name   string      `dynamo:"name" validate:"min=2"`
	Status string      `dynamo:"status"`
	Blank  string      `dynamo:"blank,nullempty" validate:"min=2"`
	Amount attr.Number `dynamo:"amount" validate:"numeric"`
	Must   int         `dynamo:"must" validate:"min=1"`
	Tags   []string    `dynamo:"tags" validate:"min=1"`
	Lines  []zeroLine  `dynamo:"lines"`
}

func zeroSchema(t *testing.T) *Schema[zeroOrder] {
	t.Helper()
	s, err := For[zeroOrder](Attr("status", Enum("new", "paid")), Attr("must", Required()))
	if err != nil {
		t.Fatalf("For = %v", err)
	}
	return s
}

// valid returns an order every check passes; each case makes one field zero.
func valid() zeroOrder {
	return zeroOrder{ID: "o1", Qty: 1, Spare: 1, Name: "ab", Status: "new", Blank: "ab", Amount: "2", Must: 1,
		Tags: []string{"t"}, Lines: []zeroLine{{SKU: "x", Qty: 1, Note: "ok"}}}
}

// TestZeroValueIsCheckedWhenStored checks the rule Put and Update share for a struct
// field's zero value: a zero that is stored (a field without omitempty: 0, "", a zero
// element's field) is a value, so its validators and enum run, as they run on any value
// given; a zero that is not stored (omitempty, a nil slice, an empty attr.Number) or stored
// as NULL (nullempty) is absent, and they do not run; a Required field's zero is refused as
// absent ("required"), not by its validators. Put skipped the validators and enum of every
// zero field, and stored 0 under min=1, "" outside the enum, and lines[0].qty 0.
func TestZeroValueIsCheckedWhenStored(t *testing.T) {
	s := zeroSchema(t)
	tests := []struct {
		name   string
		zero   func(o *zeroOrder)
		update Change
		fails  string // for Put and Update alike
	}{
		{"stored zero number", func(o *zeroOrder) { o.Qty = 0 }, Change{UpdateSet, "qty", 0}, "qty:min=1"},
		{"stored empty string", func(o *zeroOrder) { o.Name = "" }, Change{UpdateSet, "name", ""}, "name:min=2"},
		{"stored empty string outside the enum", func(o *zeroOrder) { o.Status = "" }, Change{UpdateSet, "status", ""}, "status:enum"},
		{"stored zero of a list element's field", func(o *zeroOrder) { o.Lines[0].Qty = 0 }, Change{UpdateSet, "lines[0].qty", 0}, "lines[0].qty:min=1"},
		{"omitempty zero is absent", func(o *zeroOrder) { o.Spare = 0 }, Change{UpdateSet, "spare", 0}, ""},
		{"omitempty zero of a list element's field is absent", func(o *zeroOrder) { o.Lines[0].Note = "" }, Change{UpdateSet, "lines[0].note", ""}, ""},
		{"nullempty zero is NULL", func(o *zeroOrder) { o.Blank = "" }, Change{UpdateSet, "blank", ""}, ""},
		{"empty number is absent", func(o *zeroOrder) { o.Amount = "" }, Change{UpdateSet, "amount", attr.Number("")}, ""},
		{"nil slice is absent", func(o *zeroOrder) { o.Tags = nil }, Change{UpdateSet, "tags", []string(nil)}, ""},
		{"required zero is refused as absent", func(o *zeroOrder) { o.Must = 0 }, Change{UpdateSet, "must", 0}, "must:required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid()
			tt.zero(&o)
			_, err := s.Put(&o)
			if got := failures(err); got != tt.fails {
				t.Errorf("Put(%+v) = %v; want failures %q", o, err, tt.fails)
			}
			_, err = s.Update([]Change{tt.update})
			if got := failures(err); got != tt.fails {
				t.Errorf("Update(%v) = %v; want failures %q", tt.update, err, tt.fails)
			}
		})
	}
}
