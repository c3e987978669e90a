package schema

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

// TestUnknownNilStoredAsNull checks that a map item's unknown attribute kept by SaveUnknown
// with the value nil, at the top or inside a declared map, is stored as NULL (as Dynamoose
// stores null, and as Get reads a NULL back), not dropped: a Put of what Get returned must
// not lose it.
func TestUnknownNilStoredAsNull(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		item map[string]any
		want string
	}{
		{"all, at the top", []Option{SaveUnknown()}, map[string]any{"id": "a", "gone": nil}, `{gone:NULL id:S"a"}`},
		{"all, inside a declared map", []Option{SaveUnknown()},
			map[string]any{"id": "a", "place": map[string]any{"city": "Lyon", "gone": nil}}, `{id:S"a" place:M{city:S"Lyon" gone:NULL}}`},
		{"pattern", []Option{SaveUnknown("gone", "place.*")},
			map[string]any{"id": "a", "gone": nil, "place": map[string]any{"gone": nil}}, `{gone:NULL id:S"a" place:M{gone:NULL}}`},
		{"not kept", []Option{SaveUnknown("other")}, map[string]any{"id": "a", "gone": nil}, `{id:S"a"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]Option{
				Attr("id", Type(attr.S), HashKey()),
				Attr("place", Map(Attr("city", Type(attr.S)))),
			}, tt.opts...)
			sc := mustSchema(t)(New(opts...))
			got, err := sc.Put(tt.item)
			if err != nil {
				t.Fatalf("Put(%v) = %v", tt.item, err)
			}
			if s := renderItem(got); s != tt.want {
				t.Errorf("Put(%v) stored %s; want %s", tt.item, s, tt.want)
			}
		})
	}
}
