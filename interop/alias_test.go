package interop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

var aliasSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("fullName", schema.Type(attr.S), schema.Alias("name")),
	schema.Attr("years", schema.Type(attr.N), schema.Alias("age")),
))

// TestAliasesBothWays checks attributes stored under one name and used under an alias
// (Dynamoose's alias, Dynamodel's Alias on a map item): each side writes and updates by the
// alias and reads the other's item under it, and both store the attribute's own name.
// Dynamoose's update takes the stored name only (docs/migration.md §9).
func TestAliasesBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, aliasSchema, "alias")
	if err := m.Put(ctx(t), &map[string]any{"id": "go", "name": "Ada", "age": 36}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("age", 37).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  fullName: { type: String, alias: "name" },
  years: { type: Number, alias: "age" },
}), noTables);
await Item.create({ id: "js", name: "Ada", age: 36 });
// Dynamoose 4.2's update does not map an alias: it sends an empty update, which DynamoDB refuses.
const byAlias = await Item.update({ id: "js" }, { age: 37 }).then(() => "updated", (e) => e.name);
await Item.update({ id: "js" }, { years: 37 });
out({ byAlias, got: await Item.get("go") });
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's update by alias and read of Dynamodel's item", fromGo, `{"byAlias": "ValidationException", "got": {"id": "go", "name": "Ada", "age": 37}}`)
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if want := map[string]any{"id": "js", "name": "Ada", "age": attr.Number("37")}; err != nil || !cmp.Equal(got, want) {
		t.Errorf("Dynamodel Get of Dynamoose's item = %v, %v; want %v", got, err, want)
	}
	if st := stored(t, table, "js"); st["fullName"] == nil || st["years"] == nil {
		t.Errorf("Dynamoose stored %v; want fullName and years", st)
	}
	sameStorage(t, table, "js", "go")
}
