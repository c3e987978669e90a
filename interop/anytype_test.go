package interop_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type anyItem struct {
	ID string `dynamo:"id"`
	V  any    `dynamo:"v"`
}

var anySchema = schema.Must(schema.For[anyItem](schema.Attr("id", schema.HashKey())))

// TestAnyAttributeReadBothWays checks dynamoose.type.ANY against a Go field of type any:
// each side writes one item per kind of value (text, number, boolean, binary, a nested map
// and a list, a string set) and reads the other's, and both store the same. Dynamoose
// keeps what lies inside a map or list under ANY only as saveUnknown keeps it: without
// saveUnknown it stores and reads them empty (docs/migration.md §9).
func TestAnyAttributeReadBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, anySchema, "anytype")
	goValues := []any{"text", 12.5, true, []byte{1, 2},
		map[string]any{"a": 1, "b": []any{"x", 2, false}, "c": map[string]any{"d": "e"}},
		[]any{"x", 1, map[string]any{"k": "v"}},
		attr.StringSet{"p", "q"},
	}
	for i, v := range goValues {
		if err := m.Put(ctx(t), &anyItem{ID: fmt.Sprint("go", i), V: v}); err != nil {
			t.Fatalf("Dynamodel Put(%v) = %v", v, err)
		}
	}
	var fromGo struct{ Values, Bare []any }
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, v: dynamoose.type.ANY }, { saveUnknown: true }), noTables);
const values = ["text", 12.5, true, Buffer.from([1, 2]),
  { a: 1, b: ["x", 2, false], c: { d: "e" } },
  ["x", 1, { k: "v" }],
  new Set(["p", "q"])];
for (const [i, v] of values.entries()) await Item.create({ id: "js" + i, v });
const Bare = dynamoose.model(input.table, new dynamoose.Schema({ id: String, v: dynamoose.type.ANY }), noTables);
await Bare.create({ id: "bare4", v: values[4] });
await Bare.create({ id: "bare5", v: values[5] });
out({
  values: await Promise.all(values.map(async (_, i) => (await Item.get("go" + i)).v)),
  bare: [(await Bare.get("go4")).v, (await Bare.get("go5")).v],
});
`, map[string]any{"table": table}, &fromGo)
	want := []any{"text", 12.5, true, map[string]any{"$b64": "AQI="},
		map[string]any{"a": 1.0, "b": []any{"x", 2.0, false}, "c": map[string]any{"d": "e"}},
		[]any{"x", 1.0, map[string]any{"k": "v"}},
		map[string]any{"$set": []any{"p", "q"}},
	}
	if diff := cmp.Diff(want, fromGo.Values); diff != "" {
		t.Errorf("Dynamoose's read of Dynamodel's any values (-want +got):\n%s", diff)
	}
	if want := []any{map[string]any{}, []any{}}; !cmp.Equal(fromGo.Bare, want) {
		t.Errorf("Dynamoose's read without saveUnknown of Dynamodel's map and list under ANY = %v; want them empty", fromGo.Bare)
	}
	wantGo := []any{"text", attr.Number("12.5"), true, []byte{1, 2},
		map[string]any{"a": attr.Number("1"), "b": []any{"x", attr.Number("2"), false}, "c": map[string]any{"d": "e"}},
		[]any{"x", attr.Number("1"), map[string]any{"k": "v"}},
		attr.StringSet{"p", "q"},
	}
	for i, w := range wantGo {
		got, err := m.Get(ctx(t), model.Key{Hash: fmt.Sprint("js", i)})
		if err != nil {
			t.Fatalf("Dynamodel Get(js%d) = %v", i, err)
		}
		if ss, ok := got.V.(attr.StringSet); ok && len(ss) == 2 && ss[0] > ss[1] {
			ss[0], ss[1] = ss[1], ss[0]
		}
		if diff := cmp.Diff(w, got.V); diff != "" {
			t.Errorf("Dynamodel's read of Dynamoose's any value %d (-want +got):\n%s", i, diff)
		}
		sameStorage(t, table, fmt.Sprint("js", i), fmt.Sprint("go", i))
	}
	if v := stored(t, table, "bare4")["v"]; !cmp.Equal(v, map[string]any{"M": map[string]any{}}) {
		t.Errorf("Dynamoose without saveUnknown stored the map under ANY as %v; want it empty", v)
	}
	if v := stored(t, table, "bare5")["v"]; !cmp.Equal(v, map[string]any{"L": []any{}}) {
		t.Errorf("Dynamoose without saveUnknown stored the list under ANY as %v; want it empty", v)
	}
}
