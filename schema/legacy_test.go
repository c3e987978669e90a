package schema

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

type legacyDoc struct {
	ID    string         `dynamo:"id"`
	Done  bool           `dynamo:"done"`
	Meta  map[string]any `dynamo:"meta"`
	Steps []legacyStep   `dynamo:"steps"`
	Count int            `dynamo:"count"`
}

type legacyStep struct {
	Name string `dynamo:"name"`
	Ok   bool   `dynamo:"ok"`
}

// TestLegacyStorage checks that BooleansAsStrings and DocumentsAsJSON store booleans, maps
// and lists as older Dynamoose versions did, and read them back, in struct and map schemas.
func TestLegacyStorage(t *testing.T) {
	structs := mustSchema(t)(For[legacyDoc](BooleansAsStrings(), DocumentsAsJSON()))
	maps := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("done", Type(attr.BOOL)),
		Attr("meta", Type(attr.M)),
		Attr("steps", List(Map(Attr("name", Type(attr.S)), Attr("ok", Type(attr.BOOL))))),
		Attr("count", Type(attr.N)),
		BooleansAsStrings(), DocumentsAsJSON(),
	))
	want := `{count:N2 done:S"true" id:S"a" meta:S"{\"n\":1.50,\"tag\":\"<x>\"}" steps:S"[{\"name\":\"one\",\"ok\":false}]"}`
	t.Run("struct", func(t *testing.T) {
		in := legacyDoc{ID: "a", Done: true, Meta: map[string]any{"tag": "<x>", "n": attr.Number("1.50")},
			Steps: []legacyStep{{Name: "one"}}, Count: 2}
		got, err := structs.Put(&in)
		if err != nil || renderItem(got) != want {
			t.Fatalf("Put(%+v) = %s, %v; want %s", in, renderItem(got), err, want)
		}
		var back legacyDoc
		if err := structs.Read(got, &back); err != nil {
			t.Fatalf("Read(%s) = %v", renderItem(got), err)
		}
		if diff := cmp.Diff(in, back); diff != "" {
			t.Errorf("Read(Put(x)) (-x +read):\n%s", diff)
		}
	})
	t.Run("map", func(t *testing.T) {
		in := map[string]any{"id": "a", "done": true, "meta": map[string]any{"tag": "<x>", "n": attr.Number("1.50")},
			"steps": []any{map[string]any{"name": "one", "ok": false}}, "count": 2}
		got, err := maps.Put(in)
		if err != nil || renderItem(got) != want {
			t.Fatalf("Put(%v) = %s, %v; want %s", in, renderItem(got), err, want)
		}
		var back map[string]any
		if err := maps.Read(got, &back); err != nil {
			t.Fatalf("Read(%s) = %v", renderItem(got), err)
		}
		in["count"] = attr.Number("2")
		if diff := cmp.Diff(in, back); diff != "" {
			t.Errorf("Read(Put(x)) (-x +read):\n%s", diff)
		}
	})
	t.Run("condition value", func(t *testing.T) {
		av, err := structs.Value("done", false)
		if err != nil || render(av) != `S"false"` {
			t.Errorf(`Value("done", false) = %s, %v; want S"false"`, render(av), err)
		}
	})
	t.Run("native values are read too", func(t *testing.T) {
		item := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}, "done": &types.AttributeValueMemberBOOL{Value: true}}
		var back legacyDoc
		if err := structs.Read(item, &back); err != nil || !back.Done {
			t.Errorf("Read(done BOOL) = %+v, %v; want Done", back, err)
		}
	})
	t.Run("other text is refused", func(t *testing.T) {
		for _, item := range []map[string]types.AttributeValue{
			{"id": &types.AttributeValueMemberS{Value: "a"}, "done": &types.AttributeValueMemberS{Value: "yes"}},
			{"id": &types.AttributeValueMemberS{Value: "a"}, "meta": &types.AttributeValueMemberS{Value: "[1]"}},
		} {
			var back legacyDoc
			if err := structs.Read(item, &back); !errors.Is(err, ErrLegacyValue) {
				t.Errorf("Read(%s) = %v; want ErrLegacyValue", renderItem(item), err)
			}
		}
	})
	t.Run("paths inside JSON text are refused", func(t *testing.T) {
		for _, p := range []string{"meta.tag", "steps[0].name"} {
			if _, err := structs.Value(p, "x"); !errors.Is(err, ErrLegacyValue) {
				t.Errorf("Value(%q, x) = %v; want ErrLegacyValue", p, err)
			}
			if _, err := maps.Update([]Change{{Op: UpdateSet, Path: p, Value: "x"}}); !errors.Is(err, ErrLegacyValue) {
				t.Errorf("Update(SET %s) = %v; want ErrLegacyValue", p, err)
			}
		}
	})
	t.Run("sets have no JSON form", func(t *testing.T) {
		in := map[string]any{"id": "a", "meta": map[string]any{"s": attr.StringSet{"x"}}}
		if _, err := maps.Put(in); err == nil {
			t.Errorf("Put(%v) = nil; want an error", in)
		}
	})
}
