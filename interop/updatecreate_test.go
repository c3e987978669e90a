package interop_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type tallyItem struct {
	ID      string `dynamo:"id"`
	Name    string `dynamo:"name,omitempty"`
	Role    string `dynamo:"role,omitempty"`
	Version int    `dynamo:"version,omitempty"`
	Score   int    `dynamo:"score,omitempty"`
}

var tallySchema = schema.Must(schema.For[tallyItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("role", schema.Default("member")),
	schema.Attr("version", schema.Default(1), schema.ForceDefault()),
	schema.Attr("score", schema.DefaultFunc(func() int { return 10 })),
))

const tallyJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  name: String,
  role: { type: String, default: "member" },
  version: { type: Number, default: 1, forceDefault: true },
  score: { type: Number, default: () => 10 },
}), noTables);
`

// TestUpdateThatCreatesItsItemSameOnBothSides has each side update keys that hold no item
// (a SET; an ADD to a number with a default function and a SET of a forced default), and
// checks that both store the same: only the forced default is applied, the others stay
// absent, and each reads the other's item.
func TestUpdateThatCreatesItsItemSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, tallySchema, "updcreate")
	if _, err := m.Update(model.Key{Hash: "go"}).Set("name", "Ada").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go2"}).Add("score", 5).Set("version", 7).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo []map[string]any
	dynamoosetest.Run(t, tallyJS+`
await Item.update({ id: "js" }, { name: "Ada" });
await Item.update({ id: "js2" }, { $ADD: { score: 5 }, $SET: { version: 7 } });
out([await Item.get("go"), await Item.get("go2")]);
`, map[string]any{"table": table}, &fromGo)
	// Neither applies a default on an update but the forced one: role and score stay absent.
	for i, want := range []string{`{"id": "go", "name": "Ada", "version": 1}`, `{"id": "go2", "score": 5, "version": 1}`} {
		sameJSON(t, "Dynamoose's read of Dynamodel's updated item", fromGo[i], want)
	}
	for id, want := range map[string]tallyItem{"js": {ID: "js", Name: "Ada", Version: 1}, "js2": {ID: "js2", Score: 5, Version: 1}} {
		if got, err := m.Get(ctx(t), model.Key{Hash: id}); err != nil || got != want {
			t.Errorf("Dynamodel Get of Dynamoose's updated item = %+v, %v; want %+v", got, err, want)
		}
	}
	sameStorage(t, table, "js", "go")
	sameStorage(t, table, "js2", "go2")
}
