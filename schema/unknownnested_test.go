package schema

import (
	"strings"
	"testing"
)

type plainAddress struct {
	City string `dynamo:"city"`
}

type keepingAddress struct {
	City  string         `dynamo:"city"`
	Extra map[string]any `dynamo:",unknown"`
}

type nestedHolder struct {
	ID      string         `dynamo:"id"`
	Address plainAddress   `dynamo:"address"`
	People  []plainAddress `dynamo:"people"`
	Kept    keepingAddress `dynamo:"kept"`
	Meta    map[string]any `dynamo:"meta"`
	Extra   map[string]any `dynamo:",unknown"`
}

// TestSaveUnknownNeedsNestedUnknownFields checks that a struct schema whose SaveUnknown keeps
// unknown attributes inside a nested struct type with no field to hold them is refused at
// construction, with the fix in the message, where a read-then-put dropped them silently.
func TestSaveUnknownNeedsNestedUnknownFields(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want []string // problems' attribute names; none when the schema is fine
	}{
		{"every depth", []Option{SaveUnknown()}, []string{`"address"`, `"people"`}},
		{"one level below address", []Option{SaveUnknown("address.*")}, []string{`"address"`}},
		{"inside list elements", []Option{SaveUnknown("people.*.*")}, []string{`"people"`}},
		{"the item's own level", []Option{SaveUnknown("*")}, nil},
		{"a struct with its own unknown field", []Option{SaveUnknown("kept.*")}, nil},
		{"inside a map", []Option{SaveUnknown("meta.**")}, nil},
		{"the unknown field alone", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := For[nestedHolder](append([]Option{Attr("id", HashKey())}, tt.opts...)...)
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("For = %v; want no error", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("For = nil; want problems for %v", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), "attribute "+w+": SaveUnknown keeps unknown attributes inside it") || !strings.Contains(err.Error(), "add a field tagged unknown") {
					t.Errorf("For = %v; want a problem for %s with the fix", err, w)
				}
			}
			if strings.Contains(err.Error(), `"kept"`) {
				t.Errorf("For = %v; want no problem for kept, which has an unknown field", err)
			}
		})
	}
}
