package schema

import (
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
