package schema

import (
	"math"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

// TestJSNumber checks jsNumber against what node prints for String(n).
func TestJSNumber(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-25, "-25"}, {0.5, "0.5"}, {19.99, "19.99"},
		{1e6, "1000000"}, {1234567, "1234567"}, {123456.789, "123456.789"},
		{1e20, "100000000000000000000"}, {1e21, "1e+21"}, {1.5e21, "1.5e+21"}, {-2.5e300, "-2.5e+300"},
		{0.0001, "0.0001"}, {1e-6, "0.000001"}, {1.5e-6, "0.0000015"}, {1e-7, "1e-7"}, {-1.5e-7, "-1.5e-7"},
		{5e-324, "5e-324"}, {math.MaxFloat64, "1.7976931348623157e+308"}, {0.30000000000000004, "0.30000000000000004"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.f, 64); got != tt.want {
			t.Errorf("jsNumber(%v) = %q; want %q", tt.f, got, tt.want)
		}
	}
}

// TestCombineNumbersAsDynamoose checks that a float source of a combined attribute is joined as
// Dynamoose joins it (JavaScript's String(n)), not in Go's shortest form, in a put and in an
// update, and that integers keep their digits.
func TestCombineNumbersAsDynamoose(t *testing.T) {
	type Item struct {
		ID    string  `dynamo:"id"`
		Price float64 `dynamo:"price"`
		Qty   int64   `dynamo:"qty"`
		Label string  `dynamo:"label"`
	}
	s := mustSchema(t)(For[Item](Attr("id", HashKey()), Attr("label", Combine("#", "price", "qty"))))
	for _, tt := range []struct {
		price float64
		qty   int64
		want  string
	}{
		{1e6, 3, "1000000#3"}, {1.5e-7, 9007199254740991, "1.5e-7#9007199254740991"}, {2.5, 1, "2.5#1"},
	} {
		got, err := s.Put(&Item{ID: "a", Price: tt.price, Qty: tt.qty})
		if err != nil {
			t.Fatalf("Put(%v, %v) = %v", tt.price, tt.qty, err)
		}
		if l := render(got["label"]); l != `S"`+tt.want+`"` {
			t.Errorf("Put(%v, %v): label = %s; want %q", tt.price, tt.qty, l, tt.want)
		}
		actions, err := s.Update([]Change{{Op: UpdateSet, Path: "price", Value: tt.price}, {Op: UpdateSet, Path: "qty", Value: tt.qty}})
		if err != nil {
			t.Fatalf("Update(%v, %v) = %v", tt.price, tt.qty, err)
		}
		found := false
		for _, a := range actions {
			if a.Path.String() == "label" {
				found = true
				if l := render(a.Value); l != `S"`+tt.want+`"` {
					t.Errorf("Update(%v, %v): SET label = %s; want %q", tt.price, tt.qty, l, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("Update(%v, %v) = %v; want a SET of label", tt.price, tt.qty, actions)
		}
	}
}

// TestCombineFloatFormattedOnce checks that a float source of a combined attribute is
// formatted once, as JavaScript writes it, and not first by the codec too (the text thrown
// away): one allocation, the text itself.
func TestCombineFloatFormattedOnce(t *testing.T) {
	s := Must(New(Attr("id", HashKey(), Type(attr.S)), Attr("price", Type(attr.N))))
	a := s.core.root.byName["price"]
	for _, v := range []any{1234.5, float32(0.25), 1.5e-7} {
		var text string
		if n := testing.AllocsPerRun(100, func() { text, _ = combineText(a, v) }); n > 1 {
			t.Errorf("combineText(%v) = %q with %v allocations; want 1", v, text, n)
		}
	}
}
