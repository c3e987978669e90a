package interop_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type memberItem struct {
	ID    string `dynamo:"id"`
	Name  string `dynamo:"name"`
	Color string `dynamo:"color,omitempty"`
	Role  string `dynamo:"role,omitempty"`
}

var memberSchema = schema.Must(schema.For[memberItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("name", schema.Required()),
	schema.Attr("color", schema.Enum("red", "blue")),
	schema.Attr("role", schema.Default("member")),
))

const memberJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  name: { type: String, required: true },
  color: { type: String, enum: ["red", "blue"] },
  role: { type: String, default: "member" },
}), noTables);
const passes = async (p) => {
  try { await p; return true; } catch (e) { if (e.name === "ConditionalCheckFailedException") return false; throw e; }
};
`

// TestCreateRefusesTheOthersItemBothWays checks that create (overwrite: false) fails on an
// item the other side wrote, on both sides, and that a put (overwrite: true) replaces it.
func TestCreateRefusesTheOthersItemBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, memberSchema, "create")
	if err := m.Put(ctx(t), &memberItem{ID: "go", Name: "Ada", Color: "red"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, memberJS+`
await Item.create({ id: "js", name: "Ada", color: "red" });
out({
  create: await passes(Item.create({ id: "go", name: "Bob" })),
  save: await passes(new Item({ id: "go", name: "Bob" }).save({ overwrite: false })),
  overwrite: await passes(Item.create({ id: "go", name: "Cy", color: "blue" }, { overwrite: true })),
});
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's creates over Dynamodel's item", fromGo, `{"create": false, "save": false, "overwrite": true}`)
	if got := stored(t, table, "go"); !cmp.Equal(got, map[string]any{"id": map[string]any{"S": "go"}, "name": map[string]any{"S": "Cy"},
		"color": map[string]any{"S": "blue"}, "role": map[string]any{"S": "member"}}) {
		t.Errorf("Dynamodel's item after Dynamoose's create with overwrite = %v; want name Cy, color blue, role member", got)
	}
	if err := m.Create(ctx(t), &memberItem{ID: "js", Name: "Bob"}); !errorsIsConditionFailed(err) {
		t.Errorf("Dynamodel Create over Dynamoose's item = %v; want ErrConditionFailed", err)
	}
	if got, err := m.Get(ctx(t), model.Key{Hash: "js"}); err != nil || got != (memberItem{ID: "js", Name: "Ada", Color: "red", Role: "member"}) {
		t.Errorf("Dynamodel Get of Dynamoose's item after a refused Create = %+v, %v; want it unchanged", got, err)
	}
	if err := m.Put(ctx(t), &memberItem{ID: "js", Name: "Cy", Color: "blue"}); err != nil {
		t.Fatalf("Dynamodel Put over Dynamoose's item = %v", err)
	}
	sameStorage(t, table, "js", "go")
}

// TestReadsDoNotCheckRequiredEnumOrDefaultBothWays checks what each side reads of an item
// that its schema would not have written (a writer with a looser schema): the required
// attribute missing, a color outside the enum, the defaulted role missing. Neither refuses
// it or fills in the default on read; both refuse to save it back unchanged.
func TestReadsDoNotCheckRequiredEnumOrDefaultBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, memberSchema, "loose")
	if _, err := dynamotest.Client().PutItem(ctx(t), &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
		"id": avS("loose"), "color": avS("green"),
	}}); err != nil {
		t.Fatalf("PutItem = %v", err)
	}
	var fromJS map[string]any
	dynamoosetest.Run(t, memberJS+`
const item = await Item.get("loose");
const got = { ...item };
let saved;
try { await item.save(); saved = "saved"; } catch (e) { saved = e.name; }
out({ got, saved });
`, map[string]any{"table": table}, &fromJS)
	sameJSON(t, "Dynamoose's read of the loose item", fromJS, `{"got": {"id": "loose", "color": "green"}, "saved": "ValidationError"}`)
	got, err := m.Get(ctx(t), model.Key{Hash: "loose"})
	if err != nil || got != (memberItem{ID: "loose", Color: "green"}) {
		t.Errorf("Dynamodel Get of the loose item = %+v, %v; want id loose, color green, nothing else", got, err)
	}
	if err := m.Put(ctx(t), &got); err == nil {
		t.Errorf("Dynamodel Put of the loose item read back = nil; want it refused")
	}
}
