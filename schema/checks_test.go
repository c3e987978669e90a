package schema

import (
	"math"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

func TestIndexKeysNotEmpty(t *testing.T) {
	type Indexed struct {
		ID    string `dynamo:"id"`
		Email string `dynamo:"email"`
		Org   []byte `dynamo:"org"`
		First string `dynamo:"first,omitempty"`
		Last  string `dynamo:"last,omitempty"`
		Note  string `dynamo:"note"`
	}
	sc := mustSchema(t)(For[Indexed](
		Attr("id", HashKey()),
		Attr("email", Index(IndexName("byEmail"), IndexRangeKey("org"))),
		Attr("name", Combine("", "first", "last"), Index()),
	))
	ms := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("at", Type(attr.N), RangeKey()),
		Attr("email", Type(attr.S), Index(Local())),
	))
	puts := []struct {
		name  string
		sc    *Schema
		item  any
		fails string
	}{
		{"values", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}}, ""},
		{"empty string", sc, &Indexed{ID: "a", Org: []byte{1}}, "email:key"},
		{"empty binary", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{}}, "org:key"},
		{"combined index key", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}, First: "x"}, ""},
		{"not an index key", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}, Note: ""}, ""},
		{"map item, local index", ms, map[string]any{"id": "a", "at": 1, "email": ""}, "email:key"},
		{"map item, absent", ms, map[string]any{"id": "a", "at": 1}, ""},
	}
	for _, tt := range puts {
		t.Run("Put "+tt.name, func(t *testing.T) {
			_, err := tt.sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Errorf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
		})
	}
	updates := []struct {
		name    string
		changes []Change
		fails   string
	}{
		{"SET value", []Change{{Op: UpdateSet, Path: "email", Value: "a@b.co"}}, ""},
		{"SET empty", []Change{{Op: UpdateSet, Path: "email", Value: ""}}, "email:key"},
		{"SET empty binary", []Change{{Op: UpdateSet, Path: "org", Value: []byte{}}}, "org:key"},
		{"SET empty, not an index key", []Change{{Op: UpdateSet, Path: "note", Value: ""}}, ""},
		{"combined to empty", []Change{{Op: UpdateSet, Path: "first", Value: ""}, {Op: UpdateSet, Path: "last", Value: ""}}, "name:key"},
		{"combined", []Change{{Op: UpdateSet, Path: "first", Value: "a"}, {Op: UpdateSet, Path: "last", Value: ""}}, ""},
	}
	for _, tt := range updates {
		t.Run("Update "+tt.name, func(t *testing.T) {
			_, err := sc.Update(tt.changes)
			if f := failures(err); f != tt.fails {
				t.Errorf("Update(%v) = %v; want failures %q", tt.changes, err, tt.fails)
			}
		})
	}
}

func TestEncodeRefusalsAreValidationErrors(t *testing.T) {
	type Point struct {
		X float64 `dynamo:"x"`
	}
	type Shape struct {
		ID     string           `dynamo:"id"`
		F      float64          `dynamo:"f"`
		Tags   []string         `dynamo:"tags,set,omitempty"`
		Points []Point          `dynamo:"points,omitempty"`
		Named  map[string]Point `dynamo:"named,omitempty"`
	}
	nan := math.NaN()
	sc := mustSchema(t)(For[Shape]())
	ms := mustSchema(t)(New(Attr("id", Type(attr.S)), SaveUnknown()))
	tests := []struct {
		name  string
		sc    *Schema
		item  any
		fails string
	}{
		{"NaN", sc, &Shape{ID: "a", F: nan}, "f:type"},
		{"duplicate in a set", sc, &Shape{ID: "a", Tags: []string{"x", "x"}}, "tags:type"},
		{"NaN in a list of structs", sc, &Shape{ID: "a", Points: []Point{{1}, {nan}}}, "points[1].x:type"},
		{"NaN in a map", sc, &Shape{ID: "a", Named: map[string]Point{"p": {nan}}}, "named.p.x:type"},
		{"NaN in a kept unknown attribute", ms, map[string]any{"id": "a", "meta": map[string]any{"x": []any{nan}}}, "meta.x[0]:type"},
		{"duplicate in a kept unknown set", ms, map[string]any{"id": "a", "s": attr.StringSet{"x", "x"}}, "s:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Errorf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
		})
	}
}
