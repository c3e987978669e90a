package interop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type patternedItem struct {
	ID string         `dynamo:"id"`
	A  map[string]any `dynamo:"a"`
	B  map[string]any `dynamo:"b"`
}

var patternedSchema = schema.Must(schema.For[patternedItem](
	schema.Attr("id", schema.HashKey()),
	schema.SaveUnknown("a.*", "b.**"),
))

const patternedJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  a: Object,
  b: Object,
}, { saveUnknown: ["a.*", "b.**"] }), noTables);
`

// TestSaveUnknownPatternsRoundTrip has Dynamoose write nested maps under saveUnknown patterns
// ("a.*" keeps a's members and empties the maps and lists below them, "b.**" keeps b whole),
// Dynamodel read the item and put back what it read, and Dynamoose read it again: the put
// must store the item unchanged. Dynamodel's own write of such maps keeps them whole, which
// Dynamoose reads through its patterns.
func TestSaveUnknownPatternsRoundTrip(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, patternedSchema, "patterned")
	value := `{ a: { x: 1, s: "t", deep: { y: 2 }, list: [1, 2] },
  b: { x: 1, deep: { y: 2, z: [1, { w: 3 }], e: {} } }, c: "dropped" }`
	dynamoosetest.Run(t, patternedJS+`await Item.create(Object.assign(`+value+`, { id: "js" }));`,
		map[string]any{"table": table}, nil)
	before := stored(t, table, "js")
	want := map[string]any{
		"id": map[string]any{"S": "js"},
		"a": map[string]any{"M": map[string]any{"x": map[string]any{"N": "1"}, "s": map[string]any{"S": "t"},
			"deep": map[string]any{"M": map[string]any{}}, "list": map[string]any{"L": []any{}}}},
		"b": map[string]any{"M": map[string]any{"x": map[string]any{"N": "1"}, "deep": map[string]any{"M": map[string]any{
			"y": map[string]any{"N": "2"},
			"z": map[string]any{"L": []any{map[string]any{"N": "1"}, map[string]any{"M": map[string]any{"w": map[string]any{"N": "3"}}}}},
			"e": map[string]any{"M": map[string]any{}},
		}}}},
	}
	if diff := cmp.Diff(want, before); diff != "" {
		t.Errorf("Dynamoose's stored item under saveUnknown patterns (-want +got):\n%s", diff)
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	if err := m.Put(ctx(t), &got); err != nil {
		t.Fatalf("Dynamodel Put of what Get returned = %v", err)
	}
	if diff := cmp.Diff(before, stored(t, table, "js")); diff != "" {
		t.Errorf("Dynamodel's Put of its Get changed the stored item (-before +after):\n%s", diff)
	}
	var fromJS map[string]any
	dynamoosetest.Run(t, patternedJS+`out(await Item.get("js"));`, map[string]any{"table": table}, &fromJS)
	sameJSON(t, "Dynamoose's read of the item Dynamodel put back", fromJS, `{"id": "js",
  "a": {"x": 1, "s": "t", "deep": {}, "list": []}, "b": {"x": 1, "deep": {"y": 2, "z": [1, {"w": 3}], "e": {}}}}`)

	// A declared map without a schema (a map field, Type(attr.M)) is stored whole by
	// Dynamodel, patterns or not; Dynamoose keeps in its Object only what saveUnknown keeps
	// (docs/migration.md §9). Dynamoose drops the rest when it reads such an item.
	goItem := patternedItem{ID: "go",
		A: map[string]any{"x": 1, "deep": map[string]any{"y": 2}, "list": []any{1, 2}},
		B: map[string]any{"x": 1, "deep": map[string]any{"y": 2}},
	}
	if err := m.Put(ctx(t), &goItem); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if a := stored(t, table, "go")["a"]; !cmp.Equal(a, map[string]any{"M": map[string]any{"x": map[string]any{"N": "1"},
		"deep": map[string]any{"M": map[string]any{"y": map[string]any{"N": "2"}}},
		"list": map[string]any{"L": []any{map[string]any{"N": "1"}, map[string]any{"N": "2"}}}}}) {
		t.Errorf("Dynamodel stored a = %v; docs/migration.md says a map field is stored whole", a)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, patternedJS+`out(await Item.get("go"));`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go",
  "a": {"x": 1, "deep": {}, "list": []}, "b": {"x": 1, "deep": {"y": 2}}}`)
}

type keeperItem struct {
	ID    string         `dynamo:"id"`
	Name  string         `dynamo:"name"`
	Extra map[string]any `dynamo:",unknown"`
}

var keeperSchema = schema.Must(schema.For[keeperItem](
	schema.Attr("id", schema.HashKey()),
	schema.SaveUnknown("top", "meta.*", "deep.**", "list.*.k"),
))

// TestSaveUnknownPatternsOnUndeclaredAttributes has each side write undeclared attributes
// under the same saveUnknown patterns (a name, one level, any depth, a field of each list
// element) and read the other's, and checks that both keep the same parts, and that
// Dynamodel's Put of what it read of Dynamoose's item stores it unchanged.
func TestSaveUnknownPatternsOnUndeclaredAttributes(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, keeperSchema, "keeper")
	fromJS, fromGo := exchange(t, m, table, nil, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String },
  { saveUnknown: ["top", "meta.*", "deep.**", "list.*.k"] }), noTables);
`, `{ name: "n", top: 1, other: 2, meta: { a: 1, b: { c: 2 } }, deep: { a: { b: [1, { c: 3 }] } },
  list: [{ k: 1, j: 2 }, { j: 3 }] }`,
		&keeperItem{ID: "go", Name: "n", Extra: map[string]any{"top": 1, "other": 2,
			"meta": map[string]any{"a": 1, "b": map[string]any{"c": 2}},
			"deep": map[string]any{"a": map[string]any{"b": []any{1, map[string]any{"c": 3}}}},
			"list": []any{map[string]any{"k": 1, "j": 2}, map[string]any{"j": 3}}}})
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "name": "n", "top": 1,
  "meta": {"a": 1, "b": {}}, "deep": {"a": {"b": [1, {"c": 3}]}}, "list": [{"k": 1}, {}]}`)
	sameStorage(t, table, "js", "go")
	before := stored(t, table, "js")
	if err := m.Put(ctx(t), &fromJS); err != nil {
		t.Fatalf("Dynamodel Put of what Get returned = %v", err)
	}
	if diff := cmp.Diff(before, stored(t, table, "js")); diff != "" {
		t.Errorf("Dynamodel's Put of its Get changed Dynamoose's item (-before +after):\n%s", diff)
	}
}

type placeWithRest struct {
	City string         `dynamo:"city"`
	Rest map[string]any `dynamo:",unknown"`
}

type roundTripItem struct {
	ID    string         `dynamo:"id"`
	Place placeWithRest  `dynamo:"place"`
	Extra map[string]any `dynamo:",unknown"`
}

var roundTripSchema = schema.Must(schema.For[roundTripItem](schema.Attr("id", schema.HashKey()), schema.SaveUnknown()))

var roundTripMapSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("place", schema.Map(schema.Attr("city", schema.Type(attr.S)))),
	schema.SaveUnknown(),
))

// TestGetThenPutKeepsDynamooseUnknownAttributes has Dynamoose write, under saveUnknown: true,
// unknown attributes of every stored type (String, Number and Binary sets, a Buffer, null,
// nested maps and lists, an empty map and list) at the top and inside a declared object, and
// checks that Dynamodel's Get then Put, of a struct (fields tagged unknown) and of a map item,
// stores the item unchanged (a map item's NULL was dropped).
func TestGetThenPutKeepsDynamooseUnknownAttributes(t *testing.T) {
	t.Parallel()
	value := `{ place: { city: "Lyon", zip: 69001, geo: { lat: 45.75, tags: new Set(["a", "b"]) } },
  ss: new Set(["x", "y"]), ns: new Set([1, 2.5]), bs: new Set([Buffer.from([1]), Buffer.from([2, 3])]),
  blob: Buffer.from([0, 255]), nothing: null, big: 9007199254740991, list: [1, "a", [true], { k: null }],
  emptyMap: {}, emptyList: [] }`
	js := `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  place: { type: Object, schema: { city: String } },
}, { saveUnknown: true }), noTables);
`
	check := func(t *testing.T, table string, getPut func() error) {
		t.Helper()
		dynamoosetest.Run(t, js+`await Item.create(Object.assign(`+value+`, { id: "js" }));`, map[string]any{"table": table}, nil)
		before := stored(t, table, "js")
		if err := getPut(); err != nil {
			t.Fatalf("Dynamodel Get then Put = %v", err)
		}
		if diff := cmp.Diff(before, stored(t, table, "js")); diff != "" {
			t.Errorf("Dynamodel's Put of its Get changed Dynamoose's item (-before +after):\n%s", diff)
		}
	}
	t.Run("struct", func(t *testing.T) {
		m, table := newModel(t, roundTripSchema, "rtstruct")
		check(t, table, func() error {
			it, err := m.Get(ctx(t), model.Key{Hash: "js"})
			if err != nil {
				return err
			}
			return m.Put(ctx(t), &it)
		})
	})
	t.Run("map", func(t *testing.T) {
		m, table := newModel(t, roundTripMapSchema, "rtmap")
		check(t, table, func() error {
			it, err := m.Get(ctx(t), model.Key{Hash: "js"})
			if err != nil {
				return err
			}
			return m.Put(ctx(t), &it)
		})
	})
}

// TestUpdateOfUnknownToNullSameOnBothSides has each side update an unknown attribute of a map
// item (saveUnknown) to null: Dynamoose stores NULL, and so does Dynamodel's Set(path, nil),
// which refused it before.
func TestUpdateOfUnknownToNullSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, roundTripMapSchema, "unknownnull")
	if err := m.Put(ctx(t), &map[string]any{"id": "go", "extra": "x"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("extra", nil).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update Set(extra, nil) = %v", err)
	}
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, place: { type: Object, schema: { city: String } } },
  { saveUnknown: true }), noTables);
await Item.create({ id: "js", extra: "x" });
await Item.update({ id: "js" }, { extra: null });
`, map[string]any{"table": table}, nil)
	if v := stored(t, table, "js")["extra"]; !cmp.Equal(v, map[string]any{"NULL": true}) {
		t.Errorf("Dynamoose's update to null stored extra = %v; want NULL", v)
	}
	sameStorage(t, table, "js", "go")
}
