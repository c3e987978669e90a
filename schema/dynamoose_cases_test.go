package schema

import (
	"errors"
	"regexp"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// The cases below are ported from Dynamoose's unit tests (packages/dynamoose/test/Item.js of
// github.com/dynamoose/dynamoose): what a save stores for a schema and an input, and which
// input it refuses. Each case names the Dynamoose test it comes from. Dynamoose's
// objectFromSchema takes flags (defaults, validate, required, ...) that a save turns all on;
// Dynamodel's Put always runs every step, so only the cases whose flags match a save are
// ported. Where Dynamodel deliberately differs (docs/migration.md, docs/schema.md "Deliberate
// differences"), the case asserts Dynamodel's documented behaviour and says so.

// dynamooseCase is one ported case: a map schema, an item, and either the item stored
// (rendered as render does) or the failures of the refusal ("path:rule", as failures gives).
type dynamooseCase struct {
	name string // the Dynamoose test: file, describe block, title
	opts []Option
	in   map[string]any
	want string // the stored item; "" when the write is refused
	fail string // the refusal; "" when the write succeeds
}

func runDynamooseCases(t *testing.T, cases []dynamooseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(append([]Option{clock()}, tc.opts...)...)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			item := dynamooseInput(tc.in)
			got, err := s.Put(&item)
			if f := failures(err); f != tc.fail {
				t.Fatalf("Put(%v) failures = %q; want %q", tc.in, f, tc.fail)
			}
			if err == nil && renderItem(got) != tc.want {
				t.Errorf("Put(%v) = %s; want %s", tc.in, renderItem(got), tc.want)
			}
		})
	}
}

// dynamooseInput copies the top level of an item, so that a case's input stays as written.
func dynamooseInput(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func idN() Def { return Attr("id", Type(attr.N)) }
func idS() Def { return Attr("id", Type(attr.S)) }

// emptyAsAbsent is a setter that turns "" into no value (Dynamoose's set returning undefined).
func emptyAsAbsent(v any, _ *any) (any, error) {
	if v == "" {
		return nil, nil
	}
	return v, nil
}

func minLen(n int) validate.Rule {
	return validate.Func("minLen", func(v string) error {
		if len(v) <= n {
			return errors.New("too short")
		}
		return nil
	})
}

// Item.js, describe "Item.objectFromSchema", the basic, defaults and validations tables.
func TestDynamooseObjectFromSchema(t *testing.T) {
	runDynamooseCases(t, []dynamooseCase{
		{name: "basic/id only", opts: []Option{idN()},
			in: map[string]any{"id": 1}, want: `{id:N1}`},
		{name: "basic/attribute not in schema is dropped", opts: []Option{idN()},
			in: map[string]any{"id": 1, "name": "Charlie"}, want: `{id:N1}`},
		{name: "basic/declared string kept", opts: []Option{idN(), Attr("name", Type(attr.S))},
			in: map[string]any{"id": 1, "name": "Charlie"}, want: `{id:N1 name:S"Charlie"}`},
		{name: "basic/undefined without default stays absent", opts: []Option{idN(), Attr("name", Type(attr.S))},
			in: map[string]any{"id": 1, "name": nil}, want: `{id:N1}`},
		{name: "basic/undefined takes the default", opts: []Option{idN(), Attr("name", Type(attr.S), Default("Charlie"))},
			in: map[string]any{"id": 1, "name": nil}, want: `{id:N1 name:S"Charlie"}`},
		{name: "basic/NULL type stores null", opts: []Option{idN(), Attr("data", Type(attr.NULL))},
			in: map[string]any{"id": 1, "data": nil}, want: `{data:NULL id:N1}`},
		{name: "basic/ANY holds a string", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": "Charlie"}, want: `{id:N1 name:S"Charlie"}`},
		{name: "basic/ANY holds a number", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": 5}, want: `{id:N1 name:N5}`},
		{name: "basic/ANY holds a boolean", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": true}, want: `{id:N1 name:BOOL true}`},
		{name: "basic/ANY holds an empty list", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": []any{}}, want: `{id:N1 name:L[]}`},
		{name: "basic/ANY holds an empty map", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": map[string]any{}}, want: `{id:N1 name:M{}}`},
		// Deliberate (docs/migration.md §8): a nil in a map item is absent unless the attribute
		// is declared Nullable, Any or NULL; Dynamoose stores the unknown null as NULL.
		{name: "basic/saveUnknown keeps a null (nil is absent)", opts: []Option{idN(), SaveUnknown()},
			in: map[string]any{"id": 1, "data": nil}, want: `{id:N1}`},
		// Deliberate (docs/migration.md §8, added with these cases): Dynamoose's ANY, Object
		// and Array without a schema keep only their container ({} or []) unless saveUnknown
		// names the contents; Any(), Type(attr.M) and Type(attr.L) store the contents.
		{name: "basic/ANY holds a list (contents kept)", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": []any{"Test"}}, want: `{id:N1 name:L[S"Test"]}`},
		{name: "basic/ANY holds a map (contents kept)", opts: []Option{idN(), Attr("name", Any())},
			in: map[string]any{"id": 1, "name": map[string]any{"hello": "world"}}, want: `{id:N1 name:M{hello:S"world"}}`},
		{name: "basic/string for a number is refused", opts: []Option{idN()},
			in: map[string]any{"id": "hello"}, fail: "id:type"},
		{name: "basic/binary stays binary", opts: []Option{idS(), Attr("data", Type(attr.B))},
			in: map[string]any{"id": "1", "data": []byte("Hello World")}, want: `{data:B"Hello World" id:S"1"}`},

		{name: "defaults/default value", opts: []Option{Attr("id", Type(attr.S), Default("id"))},
			in: map[string]any{}, want: `{id:S"id"}`},
		{name: "defaults/default function", opts: []Option{Attr("id", Type(attr.S), DefaultFunc(func() string { return "id" }))},
			in: map[string]any{}, want: `{id:S"id"}`},
		{name: "defaults/nested default without the parent", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S), Default("Charlie"))))},
			in: map[string]any{"id": "id"}, want: `{id:S"id"}`},
		{name: "defaults/nested default inside an empty parent", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S), Default("Charlie"))))},
			in: map[string]any{"id": "id", "data": map[string]any{}}, want: `{data:M{name:S"Charlie"} id:S"id"}`},
		{name: "defaults/nested default inside a defaulted parent", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S), Default("Charlie"))), Default(map[string]any{}))},
			in: map[string]any{"id": "id"}, want: `{data:M{name:S"Charlie"} id:S"id"}`},
		{name: "defaults/zero number default", opts: []Option{Attr("id", Type(attr.N), Default(0))},
			in: map[string]any{}, want: `{id:N0}`},

		{name: "validations/validator of an absent attribute does not run", opts: []Option{idS(), Attr("age", Type(attr.N), Validate(validate.Func("positive", func(v float64) error {
			if v <= 0 {
				return errors.New("not positive")
			}
			return nil
		})))},
			in: map[string]any{"id": "test"}, want: `{id:S"test"}`},
		{name: "validations/function refuses", opts: []Option{Attr("id", Type(attr.S), Validate(minLen(5)))},
			in: map[string]any{"id": "test"}, fail: "id:minLen"},
		{name: "validations/function accepts", opts: []Option{Attr("id", Type(attr.S), Validate(minLen(5)))},
			in: map[string]any{"id": "hello world"}, want: `{id:S"hello world"}`},
		{name: "validations/RegExp refuses", opts: []Option{Attr("id", Type(attr.S), Validate(validate.Regexp(regexp.MustCompile(`ID_.+`))))},
			in: map[string]any{"id": "test"}, fail: "id:regexp"},
		{name: "validations/RegExp accepts", opts: []Option{Attr("id", Type(attr.S), Validate(validate.Regexp(regexp.MustCompile(`ID_.+`))))},
			in: map[string]any{"id": "ID_test"}, want: `{id:S"ID_test"}`},
		{name: "validations/value refuses", opts: []Option{Attr("id", Type(attr.S), Validate(validate.Value("ID_test")))},
			in: map[string]any{"id": "test"}, fail: "id:value"},
		{name: "validations/value accepts", opts: []Option{Attr("id", Type(attr.S), Validate(validate.Value("ID_test")))},
			in: map[string]any{"id": "ID_test"}, want: `{id:S"ID_test"}`},
		{name: "validations/enum of an absent attribute", opts: []Option{idS(), Attr("age", Type(attr.N), Enum(10, 20))},
			in: map[string]any{"id": "test"}, want: `{id:S"test"}`},
		{name: "validations/required enum attribute absent", opts: []Option{idS(), Attr("age", Type(attr.N), Enum(10, 20), Required())},
			in: map[string]any{"id": "test"}, fail: "age:required"},
		{name: "validations/object of ANY", opts: []Option{idS(), Attr("data", Type(attr.M))},
			in: map[string]any{"id": "test", "data": map[string]any{"hello": map[string]any{"world": "universe"}}}, want: `{data:M{hello:M{world:S"universe"}} id:S"test"}`},
		{name: "validations/array of ANY", opts: []Option{idS(), Attr("data", Type(attr.L))},
			in: map[string]any{"id": "test", "data": []any{"hello", map[string]any{"world": "universe"}}}, want: `{data:L[S"hello" M{world:S"universe"}] id:S"test"}`},
		{name: "validations/required inside an absent optional object", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S), Required())))},
			in: map[string]any{"id": "test"}, want: `{id:S"test"}`},
		{name: "validations/required object absent", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S))), Required())},
			in: map[string]any{"id": "test"}, fail: "data:required"},
		{name: "validations/required object empty", opts: []Option{idS(), Attr("data", Map(Attr("name", Type(attr.S))), Required())},
			in: map[string]any{"id": "test", "data": map[string]any{}}, want: `{data:M{} id:S"test"}`},
		{name: "validations/required nested attribute absent", opts: []Option{idS(), Attr("data", Map(Attr("email", Type(attr.S)), Attr("name", Type(attr.S), Required())))},
			in: map[string]any{"id": "test", "data": map[string]any{"email": "test@test.com"}}, fail: "data.name:required"},
		{name: "validations/required top-level attribute absent", opts: []Option{idS(), Attr("hash", Type(attr.S), Required()), Attr("data", Map(Attr("email", Type(attr.S)), Attr("name", Type(attr.S), Required())))},
			in: map[string]any{"id": "test"}, fail: "hash:required"},
		{name: "validations/set modifier returning undefined leaves the attribute absent", opts: []Option{idN(), Attr("name", Type(attr.S), Setter(emptyAsAbsent))},
			in: map[string]any{"id": 1, "name": ""}, want: `{id:N1}`},
		{name: "validations/set modifier returning undefined on a required attribute", opts: []Option{idN(), Attr("name", Type(attr.S), Required(), Setter(emptyAsAbsent))},
			in: map[string]any{"id": 1, "name": ""}, fail: "name:required"},
		// Deliberate, as "ANY holds a list" above: Dynamoose stores [].
		{name: "validations/array without schema (contents kept)", opts: []Option{idN(), Attr("friends", Type(attr.L))},
			in: map[string]any{"id": 1, "friends": []any{"a", "b", "c"}}, want: `{friends:L[S"a" S"b" S"c"] id:N1}`},
		// Deliberate (docs/migration.md §8): Dynamoose refuses null for a String (TypeMismatch);
		// in Dynamodel a nil is absent.
		{name: "validations/null for a string (nil is absent)", opts: []Option{idN(), Attr("data", Type(attr.S))},
			in: map[string]any{"id": 1, "data": nil}, want: `{id:N1}`},
	})
}
