package schema

import (
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

// TestPutRefusesInvalidUTF8: text that is not UTF-8 is refused wherever it sits in an item,
// the names of a map schema's unknown attributes included (DynamoDB would store U+FFFD for
// each bad byte, making two names one).
func TestPutRefusesInvalidUTF8(t *testing.T) {
	s := mustSchema(t)(New(Attr("id", Type(attr.S), HashKey()), Attr("m", Type(attr.M)), SaveUnknown()))
	tests := []struct {
		name string
		item map[string]any
	}{
		{"unknown attribute name", map[string]any{"id": "a", "x\xff": 1}},
		{"map key", map[string]any{"id": "a", "m": map[string]any{"k\xff": 1}}},
		{"key value", map[string]any{"id": "a\xff"}},
		{"list element", map[string]any{"id": "a", "y": []any{"\xfe"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Put(tt.item); !errors.Is(err, attr.ErrUTF8) {
				t.Errorf("Put(%q) = %v; want an error wrapping attr.ErrUTF8", tt.item, err)
			}
		})
	}
}
