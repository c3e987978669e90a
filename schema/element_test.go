package schema

import (
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// TestListElementErrorsNameTheElement checks that a refused element of a list is reported at
// its own path (people[0], groups[0].data[1]) with its own value, on every path that type-checks
// values: Put, Update and condition values.
func TestListElementErrorsNameTheElement(t *testing.T) {
	s := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("people", List(Map(Attr("name", Type(attr.S))))),
		Attr("groups", List(Map(Attr("data", List(Type(attr.N)))))),
		Attr("grid", List(List(Type(attr.N)))),
	))
	tests := []struct {
		name      string
		run       func() error
		wantPath  string
		wantValue any
	}{
		{"put: list of maps", func() error {
			_, err := s.Put(map[string]any{"id": "a", "people": []any{"Ada"}})
			return err
		}, "people[0]", "Ada"},
		{"put: list inside a list element", func() error {
			_, err := s.Put(map[string]any{"id": "a", "groups": []any{map[string]any{"data": []any{1, "x"}}}})
			return err
		}, "groups[0].data[1]", "x"},
		{"put: list of lists", func() error {
			_, err := s.Put(map[string]any{"id": "a", "grid": []any{[]any{1}, []any{2, true}}})
			return err
		}, "grid[1][1]", true},
		{"update: set a list", func() error {
			_, err := s.Update([]Change{{UpdateSet, "grid", []any{[]any{"y"}}}})
			return err
		}, "grid[0][0]", "y"},
		{"condition value", func() error {
			_, err := s.Value("groups", []any{map[string]any{"data": []any{"z"}}, "w"})
			return err
		}, "groups[1]", "w"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			var ve *validate.Error
			if !errors.As(err, &ve) || len(ve.Fields) != 1 {
				t.Fatalf("= %v; want a *validate.Error with one field", err)
			}
			f := ve.Fields[0]
			if f.Path != tt.wantPath || f.Value != tt.wantValue {
				t.Errorf("= %v (path %q, value %v); want path %q, value %v", err, f.Path, f.Value, tt.wantPath, tt.wantValue)
			}
		})
	}
}
