package interop_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type nodeItem struct {
	ID     string `dynamo:"id"`
	Name   string `dynamo:"name"`
	Parent string `dynamo:"parent,omitempty"`
}

var nodeSchema = schema.Must(schema.For[nodeItem](schema.Attr("id", schema.HashKey())))

// TestModelReferenceReadAsItsKeyBothWays checks dynamoose.type.THIS (an attribute holding
// another item of the model), which Dynamodel has no type for (docs/schema.md): Dynamoose
// stores the referenced item's hash key, which a string field reads and writes, and
// Dynamoose's populate follows a reference Dynamodel wrote.
func TestModelReferenceReadAsItsKeyBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, nodeSchema, "this")
	for _, it := range []nodeItem{{ID: "go", Name: "root"}, {ID: "gochild", Name: "child", Parent: "go"}} {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String, parent: dynamoose.type.THIS }), noTables);
const root = await Item.create({ id: "js", name: "root" });
await Item.create({ id: "jschild", name: "child", parent: root });
const child = await Item.get("gochild");
const read = { ...child };
const populated = await child.populate();
out({ child: read, parent: populated.parent });
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's read and populate of Dynamodel's reference", fromGo, `{
  "child": {"id": "gochild", "name": "child", "parent": "go"},
  "parent": {"id": "go", "name": "root"}
}`)
	got, err := m.Get(ctx(t), model.Key{Hash: "jschild"})
	if want := (nodeItem{ID: "jschild", Name: "child", Parent: "js"}); err != nil || got != want {
		t.Errorf("Dynamodel Get of Dynamoose's reference = %+v, %v; want %+v", got, err, want)
	}
	if p := stored(t, table, "jschild")["parent"]; !sameAny(p, map[string]any{"S": "js"}) {
		t.Errorf("Dynamoose stored the reference as %v; want the key js as S", p)
	}
}
