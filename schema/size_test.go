package schema

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

type sizeInner struct {
	Name string `dynamo:"name"`
	Year int    `dynamo:"year"`
}

// sizeFixed has only fields of constant bounds.
type sizeFixed struct {
	N  int64     `dynamo:"n"`
	On bool      `dynamo:"on"`
	At time.Time `dynamo:"at"`
}

type SizeEmbedded struct {
	Note string `dynamo:"note"`
}

type sizeItem struct {
	ID      string            `dynamo:"id"`
	Count   int64             `dynamo:"count"`
	Price   float64           `dynamo:"price"`
	Small   uint8             `dynamo:"small"`
	On      bool              `dynamo:"on"`
	When    time.Time         `dynamo:"when"`
	WhenISO time.Time         `dynamo:"whenISO,iso"`
	Big     attr.Number       `dynamo:"big"`
	Tags    []string          `dynamo:"tags,set"`
	Nums    []int             `dynamo:"nums,set"`
	Labels  map[string]string `dynamo:"labels"`
	Inner   sizeInner         `dynamo:"inner"`
	List    []sizeInner       `dynamo:"list"`
	Ptr     *sizeInner        `dynamo:"ptr"`
	Bytes   []byte            `dynamo:"bytes"`
	Empty   string            `dynamo:"empty,nullempty"`
	Ints    map[string]int    `dynamo:"ints"`
	Matrix  [][]float64       `dynamo:"matrix"`
	Skip    string            `dynamo:"-"`
	Arr     [3]byte           `dynamo:"arr"`
	Fixed   sizeFixed         `dynamo:"fixed"`
	Fixeds  []sizeFixed       `dynamo:"fixeds"`
	Pair    [2]float64        `dynamo:"pair"`
	*SizeEmbedded
}

// TestSizeBound checks that the bound of an item is never below the size DynamoDB counts
// for its encoding, for values of every kind the bound handles.
func TestSizeBound(t *testing.T) {
	b, ok := boundFor(reflect.TypeFor[sizeItem](), 0)
	if !ok {
		t.Fatal("boundFor(sizeItem) has no bound; want one")
	}
	bound := b.at
	if c, ok := boundFor(reflect.TypeFor[sizeFixed](), 0); !ok || c.f != nil {
		t.Errorf("boundFor(sizeFixed) = %+v, %v; want a constant", c, ok)
	}
	codec, err := attr.For[sizeItem]()
	if err != nil {
		t.Fatal(err)
	}
	full := sizeItem{
		ID: "id#1", Count: math.MinInt64, Price: -math.MaxFloat64 / 3, Small: 255, On: true,
		When: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("x", -(12*3600+1800))), WhenISO: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("x", -(12*3600+1800))),
		Big: "-12345678901234567890123456789012345678", Tags: []string{"a", "bb"}, Nums: []int{math.MaxInt64, -1},
		Labels: map[string]string{"k": "v", "e": ""}, Inner: sizeInner{"n", -2024}, List: []sizeInner{{}, {"x", 1}},
		Ptr: &sizeInner{"p", 1}, Bytes: []byte{1, 2, 3}, Ints: map[string]int{}, Matrix: [][]float64{{1.5, 2}, {}},
		Skip: strings.Repeat("s", 100), SizeEmbedded: &SizeEmbedded{Note: "hi"},
		Fixed:  sizeFixed{N: math.MinInt64, On: true, At: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		Fixeds: []sizeFixed{{N: math.MaxInt64}, {}, {On: true}}, Pair: [2]float64{-math.MaxFloat64, math.SmallestNonzeroFloat64},
	}
	tests := []struct {
		name string
		v    sizeItem
	}{
		{"zero", sizeItem{}},
		{"full", full},
		{"long strings", sizeItem{ID: strings.Repeat("x", 5000), Labels: map[string]string{strings.Repeat("k", 300): strings.Repeat("v", 700)}}},
		{"long set members", sizeItem{Tags: []string{strings.Repeat("t", 5000), "", strings.Repeat("u", 300)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item, err := codec.Marshal(&tt.v)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := bound(reflect.ValueOf(&tt.v).Elem())
			if !ok {
				t.Fatalf("bound(%v) is not known", tt.v)
			}
			if want := ItemSize(item); got < want {
				t.Errorf("bound(%v) = %d; want at least ItemSize = %d", tt.v, got, want)
			}
		})
	}
	t.Run("an empty map key leaves the item to the exact checks", func(t *testing.T) {
		v := sizeItem{Labels: map[string]string{"": "x"}}
		if _, ok := bound(reflect.ValueOf(&v).Elem()); ok {
			t.Errorf("bound(map with an empty key) is known; want the exact checks to report the key")
		}
	})
	t.Run("non-empty map of ints is measured exactly", func(t *testing.T) {
		v := sizeItem{Ints: map[string]int{"a": 1}}
		if _, ok := bound(reflect.ValueOf(&v).Elem()); ok {
			t.Errorf("bound(map[string]int{a: 1}) is known; want it measured exactly")
		}
	})
}

// TestSizeBoundNone checks the types whose items are always measured exactly.
func TestSizeBoundNone(t *testing.T) {
	type withAny struct {
		V any `dynamo:"v"`
	}
	type withUnknown struct {
		ID   string         `dynamo:"id"`
		Rest map[string]any `dynamo:",unknown"`
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[withAny](), reflect.TypeFor[withUnknown]()} {
		if _, ok := boundFor(typ, 0); ok {
			t.Errorf("boundFor(%v) has a bound; want none", typ)
		}
	}
}
