package odm_test

import (
	"errors"
	"math"
	"testing"

	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type encodedItem struct {
	ID   string   `dynamo:"id"`
	F    float64  `dynamo:"f"`
	Tags []string `dynamo:"tags,set,omitempty"`
}

// TestStructEncodeErrorsAreValidationErrors: docs/schema.md and docs/model.md promise
// that a refused item is one *validate.Error naming the failing attribute, as it is for map
// items and for the same values in updates. For struct items, values the codec refuses (NaN,
// a set holding a value twice) come back as a bare *attr.Error wrapped by "schema: ", so
// errors.As(err, &*validate.Error) finds nothing and the field is not reported with the
// others.
func TestStructEncodeErrorsAreValidationErrors(t *testing.T) {
	s := schema.Must(schema.For[encodedItem](schema.Attr("id", schema.HashKey())))
	tests := []struct {
		name string
		item encodedItem
		path string
	}{
		{"NaN", encodedItem{ID: "a", F: math.NaN()}, "f"},
		{"duplicate in a set", encodedItem{ID: "a", Tags: []string{"x", "x"}}, "tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Put(&tt.item)
			var ve *validate.Error
			if !errors.As(err, &ve) || ve.Field(tt.path) == nil {
				t.Errorf("Put(%+v) = %v; want a *validate.Error naming %q", tt.item, err, tt.path)
			}
			// The same value in an update is a *validate.Error already.
			_, err = s.Update([]schema.Change{{Op: schema.UpdateSet, Path: tt.path, Value: map[string]any{"f": tt.item.F, "tags": tt.item.Tags}[tt.path]}})
			if !errors.As(err, &ve) {
				t.Errorf("Update(SET %s) = %v; want a *validate.Error", tt.path, err)
			}
		})
	}
}
