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

// TestUpdateSetNilOfUnknownIsNull checks that an update's SET of nil on a path the schema
// keeps without declaring it (an unknown attribute under SaveUnknown, a member of a free map)
// stores NULL, as Put does and as Dynamoose's update to null does; a declared attribute that
// is not nullable still refuses it.
func TestUpdateSetNilOfUnknownIsNull(t *testing.T) {
	sc := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("free", Type(attr.M)),
		Attr("name", Type(attr.S)),
		SaveUnknown(),
	))
	for _, path := range []string{"gone", "free.k"} {
		actions, err := sc.Update([]Change{{UpdateSet, path, nil}})
		if want := "SET " + path + " NULL"; err != nil || renderActions(actions) != want {
			t.Errorf("Update(SET %s nil) = %s, %v; want %s", path, renderActions(actions), err, want)
		}
	}
	if _, err := sc.Update([]Change{{UpdateSet, "name", nil}}); err == nil {
		t.Errorf("Update(SET name nil) = nil; want a plain string attribute to refuse nil")
	}
}
