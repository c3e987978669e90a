package schema

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// Items of the key-prefix schema pk = Combine("#", "kind", "id"), kind = Constant("ROLE"),
// with the combined attribute and the constant each in a field or not.
type (
	prefixBoth struct {
		PK   string `dynamo:"pk"`
		ID   int    `dynamo:"id"`
		Kind string `dynamo:"kind"`
	}
	prefixNoKind struct {
		PK string `dynamo:"pk"`
		ID int    `dynamo:"id"`
	}
	prefixNoPK struct {
		ID   int    `dynamo:"id"`
		Kind string `dynamo:"kind"`
	}
	prefixNeither struct {
		ID int `dynamo:"id"`
	}
)

// TestCombineWithConstant checks that a key built from a constant and another attribute
// (the single-table key prefix) is stored as the schema says, "ROLE#7", whether the combined
// attribute and the constant are struct fields or not, on map items, whichever is declared
// first and in either order of the sources; and that KeyOf computes the same key.
func TestCombineWithConstant(t *testing.T) {
	items := []struct {
		name  string
		build func(opts ...Option) (*core, error)
		item  any
	}{
		{"combined and constant fields", func(o ...Option) (*core, error) { return untype(For[prefixBoth](o...)) }, &prefixBoth{ID: 7}},
		{"combined field, constant without", func(o ...Option) (*core, error) { return untype(For[prefixNoKind](o...)) }, &prefixNoKind{ID: 7}},
		{"constant field, combined without", func(o ...Option) (*core, error) { return untype(For[prefixNoPK](o...)) }, &prefixNoPK{ID: 7}},
		{"neither a field", func(o ...Option) (*core, error) { return untype(For[prefixNeither](o...)) }, &prefixNeither{ID: 7}},
		{"map item", func(o ...Option) (*core, error) { return untype(New(append(o, Attr("id", Type(attr.N)))...)) }, map[string]any{"id": 7}},
	}
	for _, it := range items {
		for _, constFirst := range []bool{true, false} {
			for _, sources := range [][]string{{"kind", "id"}, {"id", "kind"}} {
				want := `S"ROLE#7"`
				if sources[0] == "id" {
					want = `S"7#ROLE"`
				}
				name := it.name + "/" + sources[0] + "#" + sources[1]
				combine := Attr("pk", HashKey(), Combine("#", sources...))
				constant := Attr("kind", Constant("ROLE"))
				opts := []Option{combine, constant}
				if constFirst {
					name += "/constant declared first"
					opts = []Option{constant, combine}
				}
				t.Run(name, func(t *testing.T) {
					s, err := it.build(opts...)
					if err != nil {
						t.Fatal(err)
					}
					for _, op := range []struct {
						name  string
						write func(any) (map[string]types.AttributeValue, error)
					}{
						{"Put", func(item any) (map[string]types.AttributeValue, error) { return s.Put(item) }},
						{"Create", func(item any) (map[string]types.AttributeValue, error) { return s.Create(item) }},
						{"KeyOf", s.KeyOf},
					} {
						got, err := op.write(it.item)
						if err != nil {
							t.Fatalf("%s = %v", op.name, err)
						}
						if pk := render(got["pk"]); pk != want {
							t.Errorf("%s stores pk %s; want %s", op.name, pk, want)
						}
						if kind := render(got["kind"]); op.name != "KeyOf" && kind != `S"ROLE"` {
							t.Errorf("%s stores kind %s; want S\"ROLE\"", op.name, kind)
						}
					}
				})
			}
		}
	}
}

// TestCombineWithConstantUpdate checks that an update of the other source of an attribute
// combined with a constant sets the combined attribute, the constant counting as known.
func TestCombineWithConstantUpdate(t *testing.T) {
	s := Must(New(
		Attr("id", HashKey(), Type(attr.S)),
		Attr("kind", Constant("ROLE")),
		Attr("n", Type(attr.N)),
		Attr("gsk", Combine("#", "kind", "n")),
	))
	actions, err := s.Update([]Change{{Op: UpdateSet, Path: "n", Value: 3}})
	if err != nil {
		t.Fatalf("Update = %v", err)
	}
	var got string
	for _, a := range actions {
		if a.Path.String() == "gsk" {
			got = render(a.Value)
		}
	}
	if want := `S"ROLE#3"`; got != want {
		t.Errorf("Update sets gsk to %s; want %s (actions %v)", got, want, actions)
	}
}
