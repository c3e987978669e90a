package index

import (
	"slices"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

func TestUnfilterRemovesFromFilterAndExplain(t *testing.T) {
	l := Layout{Keys: hashRange("pk", attr.S, "sk", attr.S)}
	ch, err := l.Choose(Conditions{Equal: []string{"pk", "a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	const before = `uses table: hash key "pk" (=); range key "sk" is not constrained; filters on a, b.`
	if ch.Explain != before {
		t.Fatalf("Choose().Explain = %q; want %q", ch.Explain, before)
	}
	tests := []struct {
		unfilter   []string
		wantFilter []string
		wantExpl   string
	}{
		{[]string{"a"}, []string{"b"}, `uses table: hash key "pk" (=); range key "sk" is not constrained; filters on b.`},
		{[]string{"b", "a"}, nil, `uses table: hash key "pk" (=); range key "sk" is not constrained.`},
		{[]string{"c"}, []string{"a", "b"}, before},
	}
	for _, tt := range tests {
		got := ch.Unfilter(tt.unfilter...)
		if !slices.Equal(got.Filter, tt.wantFilter) || got.Explain != tt.wantExpl {
			t.Errorf("Unfilter(%q) = %q, %q; want %q, %q", tt.unfilter, got.Filter, got.Explain, tt.wantFilter, tt.wantExpl)
		}
	}
	if !slices.Equal(ch.Filter, []string{"a", "b"}) || ch.Explain != before {
		t.Errorf("Unfilter changed the choice it was called on: %q, %q", ch.Filter, ch.Explain)
	}
}
