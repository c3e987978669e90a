package schema

import (
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type setHolder struct {
	ID     string    `dynamo:"id"`
	Tags   []string  `dynamo:"tags,set"`
	Scores []int     `dynamo:"scores,set"`
	Maybe  []string  `dynamo:"maybe,set,omitempty"`
	Inner  *setInner `dynamo:"inner,omitempty"`
}

type setInner struct {
	Tags []string `dynamo:"tags,set"`
}

// TestEmptySetRefused checks that an item holding an empty string or number set is refused
// with ErrEmptySet at the set's path before anything is sent, where it was silently left out;
// a nil set is absent, and omitempty asks for an empty one to be left out.
func TestEmptySetRefused(t *testing.T) {
	st := mustSchema(t)(For[setHolder](Attr("id", HashKey())))
	mp := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("tags", Type(attr.SS)),
		Attr("meta", Map(Attr("nums", Type(attr.NS)))),
	))
	tests := []struct {
		name     string
		s        *core
		item     any
		wantPath string // "" for no error
	}{
		{"struct: empty string set", st, &setHolder{ID: "a", Tags: []string{}}, "tags"},
		{"struct: empty number set", st, &setHolder{ID: "a", Scores: []int{}}, "scores"},
		{"struct: nested empty set", st, &setHolder{ID: "a", Inner: &setInner{Tags: []string{}}}, "inner.tags"},
		{"struct: nil set is absent", st, &setHolder{ID: "a"}, ""},
		{"struct: omitempty leaves it out", st, &setHolder{ID: "a", Maybe: []string{}}, ""},
		{"map: empty string set", mp, map[string]any{"id": "a", "tags": []string{}}, "tags"},
		{"map: nested empty number set", mp, map[string]any{"id": "a", "meta": map[string]any{"nums": []int{}}}, "meta.nums"},
		{"map: set with members", mp, map[string]any{"id": "a", "tags": []string{"x"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.s.Put(tt.item)
			if tt.wantPath == "" {
				if err != nil {
					t.Errorf("Put(%v) = %v; want no error", tt.item, err)
				}
				return
			}
			var ve *validate.Error
			if !errors.Is(err, ErrEmptySet) || !errors.As(err, &ve) || ve.Fields[0].Path != tt.wantPath {
				t.Errorf("Put(%v) = %v; want ErrEmptySet at %q", tt.item, err, tt.wantPath)
			}
		})
	}
}
