package attr_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

type textKind string

type utf8Item struct {
	ID      string                          `dynamo:"id"`
	Kind    textKind                        `dynamo:"kind"`
	Tags    []string                        `dynamo:"tags,set"`
	Keyed   map[string]bool                 `dynamo:"keyed,set"`
	Labels  map[string]string               `dynamo:"labels"`
	Nested  map[string]int                  `dynamo:"nested"`
	List    []string                        `dynamo:"list"`
	Any     any                             `dynamo:"any"`
	Raw     types.AttributeValue            `dynamo:"raw"`
	Strings attr.StringSet                  `dynamo:"strings"`
	Rest    map[string]types.AttributeValue `dynamo:",unknown"`
}

// TestMarshalRefusesInvalidUTF8 checks that text that is not UTF-8 is refused wherever it
// would be stored, with its path, by Marshal (the put path), and by
// CheckItemUTF8 for items built by hand: DynamoDB would store U+FFFD in place of each bad
// byte, making "k\xff" and "k\xfe" one value.
func TestMarshalRefusesInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		item utf8Item
		path string
	}{
		{"string field", utf8Item{ID: "k\xff"}, "id"},
		{"named string field", utf8Item{Kind: "\xfe"}, "kind"},
		{"string set member", utf8Item{Tags: []string{"a", "b\xff"}}, "tags[1]"},
		{"set of map keys", utf8Item{Keyed: map[string]bool{"a\xff": true}}, "keyed[0]"},
		{"string map key", utf8Item{Labels: map[string]string{"a\xff": "x"}}, "labels.a\xff"},
		{"string map value", utf8Item{Labels: map[string]string{"a": "x\xff"}}, "labels.a"},
		{"map key", utf8Item{Nested: map[string]int{"a\xfe": 1}}, "nested.a\xfe"},
		{"list element", utf8Item{List: []string{"ok", "\xc3"}}, "list[1]"},
		{"any value", utf8Item{Any: map[string]any{"x": []any{"\xff"}}}, "any.x[0]"},
		{"attribute value", utf8Item{Raw: &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"s": &types.AttributeValueMemberSS{Value: []string{"ok", "\xff"}}}}}, "raw.s[1]"},
		{"string set type", utf8Item{Strings: attr.StringSet{"\xff"}}, "strings[0]"},
		{"unknown attribute name", utf8Item{Rest: map[string]types.AttributeValue{"x\xff": &types.AttributeValueMemberS{Value: "1"}}}, "x\xff"},
		{"unknown attribute value", utf8Item{Rest: map[string]types.AttributeValue{"x": &types.AttributeValueMemberS{Value: "\xff"}}}, "x"},
	}
	c, err := attr.For[utf8Item]()
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, via string, err error, path string) {
		t.Helper()
		var e *attr.Error
		if !errors.Is(err, attr.ErrUTF8) || !errors.As(err, &e) {
			t.Fatalf("%s = %v; want an *attr.Error wrapping ErrUTF8", via, err)
		}
		if e.Path != path {
			t.Errorf("%s: error path %q; want %q (%v)", via, e.Path, path, err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Marshal(&tt.item)
			check(t, "Marshal", err, tt.path)
			_, err = attr.MarshalItem(&tt.item)
			check(t, "MarshalItem", err, tt.path)
		})
	}
	t.Run("valid text", func(t *testing.T) {
		item := utf8Item{ID: "ünï", Tags: []string{"日本"}, Labels: map[string]string{"é": "ü"}}
		if _, err := c.Marshal(&item); err != nil {
			t.Fatalf("Marshal(%+v) = %v; want no error", item, err)
		}
	})
	t.Run("bytes are binary", func(t *testing.T) {
		av, err := attr.Marshal([]byte("k\xff"))
		if err != nil || attr.TypeOf(av) != attr.B {
			t.Fatalf("Marshal([]byte) = %v, %v; want B", av, err)
		}
	})
	t.Run("CheckItemUTF8", func(t *testing.T) {
		item := map[string]types.AttributeValue{"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k\xfe": &types.AttributeValueMemberNULL{Value: true}}}}}}
		check(t, "CheckItemUTF8", attr.CheckItemUTF8(item), "l[0].k\xfe")
	})
}
