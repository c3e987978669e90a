package schema

import "testing"

type zeroNumKey struct {
	ID    int    `dynamo:"id" validate:"min=1"`
	Order int    `dynamo:"order" validate:"min=1"`
	Name  string `dynamo:"name"`
}

type zeroStrKey struct {
	ID   string `dynamo:"id" validate:"min=2"`
	Name string `dynamo:"name"`
}

// TestZeroKeyIsCheckedWhenAValue checks that a put runs the validators and enum of a key
// whose zero is a value it stores (N 0), as of any stored value: a number hash or range key
// with min=1 refuses 0, with its path. An empty string key is refused as an empty key alone,
// without messages from its validators. Put skipped the validators of every zero key, and
// stored id 0 under min=1.
func TestZeroKeyIsCheckedWhenAValue(t *testing.T) {
	num, err := For[zeroNumKey](Attr("id", HashKey()), Attr("order", RangeKey(), Enum(1, 2)))
	if err != nil {
		t.Fatalf("For = %v", err)
	}
	str, err := For[zeroStrKey](Attr("id", HashKey()))
	if err != nil {
		t.Fatalf("For = %v", err)
	}
	tests := []struct {
		name  string
		put   func() error
		fails string
	}{
		{"valid number key", func() error { _, err := num.Put(&zeroNumKey{ID: 1, Order: 1}); return err }, ""},
		{"zero number hash key", func() error { _, err := num.Put(&zeroNumKey{ID: 0, Order: 1}); return err }, "id:min=1"},
		{"zero number range key", func() error { _, err := num.Put(&zeroNumKey{ID: 1, Order: 0}); return err }, "order:enum order:min=1"},
		{"valid string key", func() error { _, err := str.Put(&zeroStrKey{ID: "ab"}); return err }, ""},
		{"empty string key refused once", func() error { _, err := str.Put(&zeroStrKey{}); return err }, "id:key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := failures(tt.put()); got != tt.fails {
				t.Errorf("Put = %q; want failures %q", got, tt.fails)
			}
		})
	}
}
