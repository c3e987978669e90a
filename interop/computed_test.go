package interop_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type personItem struct {
	ID      string `dynamo:"id"`
	First   string `dynamo:"first"`
	Last    string `dynamo:"last"`
	Role    string `dynamo:"role"`
	Version int    `dynamo:"version"`
	Email   string `dynamo:"email"`
	Full    string `dynamo:"full"`
	Kind    string `dynamo:"kind"`
}

var personSchema = schema.Must(schema.For[personItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("role", schema.Default("member")),
	schema.Attr("version", schema.Default(1), schema.ForceDefault()),
	schema.Attr("email",
		schema.Setter(func(v string, _ *string) (string, error) { return strings.ToLower(v), nil }),
		schema.Getter(func(v string) (string, error) { return strings.ToUpper(v), nil })),
	schema.Attr("full", schema.Combine("#", "last", "first")),
	schema.Attr("kind", schema.Constant("PERSON")),
))

const personJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  first: String,
  last: String,
  role: { type: String, default: "member" },
  version: { type: Number, default: 1, forceDefault: true },
  email: { type: String, set: (v) => v.toLowerCase(), get: (v) => v.toUpperCase() },
  full: { type: { value: "Combine", settings: { attributes: ["last", "first"], separator: "#" } } },
  kind: { type: { value: "Constant", settings: { value: "PERSON" } } },
}), noTables);
`

// TestComputedAttributesReadBothWays checks a default, a forced default, set and get
// transforms, a combined attribute and a constant: each side writes an item that leaves the
// computed attributes to the schema and reads the other's, and both store the same values.
func TestComputedAttributesReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, personSchema, "person")
	fromJS, fromGo := exchange(t, m, table, nil, personJS,
		`{ first: "Ada", last: "Lovelace", version: 7, email: "Ada@Example.COM", kind: "PERSON" }`,
		&personItem{ID: "go", First: "Ada", Last: "Lovelace", Version: 7, Email: "Ada@Example.COM"})
	want := personItem{ID: "js", First: "Ada", Last: "Lovelace", Role: "member", Version: 1,
		Email: "ADA@EXAMPLE.COM", Full: "Lovelace#Ada", Kind: "PERSON"}
	if fromJS != want {
		t.Errorf("Dynamodel's read of Dynamoose's item = %+v; want %+v", fromJS, want)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "first": "Ada", "last": "Lovelace",
  "role": "member", "version": 1, "email": "ADA@EXAMPLE.COM", "full": "Lovelace#Ada", "kind": "PERSON"}`)
	sameStorage(t, table, "js", "go")
}

// TestConstantLeftAbsentByDynamoose pins a documented difference: Dynamoose leaves an absent
// constant absent (it only checks a given one), where Dynamodel fills it in; Dynamodel reads
// such an item all the same.
func TestConstantLeftAbsentByDynamoose(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, personSchema, "person")
	dynamoosetest.Run(t, personJS+`await Item.create({ id: "js", first: "Ada", last: "Lovelace" });`,
		map[string]any{"table": table}, nil)
	if _, ok := stored(t, table, "js")["kind"]; ok {
		t.Errorf("Dynamoose stored the absent constant kind: %v; docs/migration.md says it leaves it absent", stored(t, table, "js"))
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil || got.Full != "Lovelace#Ada" || got.Kind != "" {
		t.Errorf("Dynamodel Get of Dynamoose's item without its constant = %+v, %v; want it read, kind empty", got, err)
	}
	if err := m.Put(ctx(t), &personItem{ID: "go", First: "Ada", Last: "Lovelace"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if k := stored(t, table, "go")["kind"]; !cmp.Equal(k, map[string]any{"S": "PERSON"}) {
		t.Errorf("Dynamodel stored kind = %v; want the constant PERSON", k)
	}
}

// TestCombineRecomputedByUpdateSameOnBothSides has each side update both sources of a
// combined attribute (and the forced default, which both set again) and checks that the
// stored items match; an update of one source alone is refused by both.
func TestCombineRecomputedByUpdateSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, personSchema, "personupd")
	if err := m.Put(ctx(t), &personItem{ID: "go", First: "Ada", Last: "Lovelace", Email: "a@x"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("first", "Grace").Set("last", "Hopper").Set("version", 5).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("first", "Alan").Exec(ctx(t)); err == nil {
		t.Errorf("Dynamodel Update of one combined source = nil; want it refused")
	}
	var refused string
	dynamoosetest.Run(t, personJS+`
await Item.create({ id: "js", first: "Ada", last: "Lovelace", email: "a@x", kind: "PERSON" });
await Item.update({ id: "js" }, { first: "Grace", last: "Hopper", version: 5 });
try { await Item.update({ id: "js" }, { first: "Alan" }); out("not refused"); } catch (e) { out(String(e)); }
`, map[string]any{"table": table}, &refused)
	if !strings.Contains(refused, "combine") {
		t.Errorf("Dynamoose update of one combined source: %q; want it refused", refused)
	}
	if full := stored(t, table, "go")["full"]; !cmp.Equal(full, map[string]any{"S": "Hopper#Grace"}) {
		t.Errorf("Dynamodel's update stored full = %v; want Hopper#Grace", full)
	}
	sameStorage(t, table, "js", "go")
}
