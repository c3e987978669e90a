package interop_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

var strictSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("name", schema.Type(attr.S)),
	schema.ErrorUnknown(),
))

// TestErrorUnknownIgnoredByDynamoose4 pins a difference: errorUnknown is a Dynamoose 1.x
// option that Dynamoose 4.2 ignores (it drops the unknown attribute and saves the rest),
// while Dynamodel's ErrorUnknown refuses the write, and the read of an item holding one
// (which a Dynamoose model with saveUnknown writes), here on map items.
func TestErrorUnknownIgnoredByDynamoose4(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, strictSchema, "strict")
	var created string
	dynamoosetest.Run(t, `
const Strict = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { errorUnknown: true }), noTables);
const created = await Strict.create({ id: "js", name: "a", extra: 1 }).then(() => "created", (e) => String(e));
const Loose = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String }, { saveUnknown: true }), noTables);
await Loose.create({ id: "loose", name: "a", extra: 1 });
out(created);
`, map[string]any{"table": table}, &created)
	if created != "created" {
		t.Errorf("Dynamoose 4.2's create with errorUnknown of an unknown attribute: %q; want it created", created)
	}
	if st := storedAt(t, table, map[string]types.AttributeValue{"id": avS("js")}); st["extra"] != nil {
		t.Errorf("Dynamoose 4.2 with errorUnknown stored %v; want extra dropped", st)
	}
	if err := m.Put(ctx(t), &map[string]any{"id": "go", "name": "a", "extra": 1}); err == nil {
		t.Errorf("Dynamodel Put with ErrorUnknown of an unknown attribute = nil; want it refused")
	}
	if _, err := m.Get(ctx(t), model.Key{Hash: "loose"}); !errors.Is(err, schema.ErrUnknown) {
		t.Errorf("Dynamodel Get with ErrorUnknown of an item holding an unknown attribute = %v; want ErrUnknown", err)
	}
	if got, err := m.Get(ctx(t), model.Key{Hash: "js"}); err != nil || got["name"] != "a" {
		t.Errorf("Dynamodel Get with ErrorUnknown of Dynamoose's item = %+v, %v", got, err)
	}
}
