package interop_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/schema"
)

type emptyPlace struct {
	City string `dynamo:"city,omitempty"`
}

type emptyItem struct {
	ID    string         `dynamo:"id"`
	Name  string         `dynamo:"name"`
	Tags  []string       `dynamo:"tags,set"`
	Words []string       `dynamo:"words"`
	Place *emptyPlace    `dynamo:"place"`
	Meta  map[string]any `dynamo:"meta"`
}

var emptySchema = schema.Must(schema.For[emptyItem](schema.Attr("id", schema.HashKey())))

// TestEmptyValuesBothWays checks empty values: both store an empty string, list, object
// and map alike and read the other's; both refuse an empty set before sending (DynamoDB
// stores none).
func TestEmptyValuesBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, emptySchema, "empty")
	var refused string
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  name: String,
  tags: { type: Set, schema: [String] },
  words: { type: Array, schema: [String] },
  place: { type: Object, schema: { city: String } },
  meta: Object,
}), noTables);
await Item.create({ id: "js", name: "", words: [], place: {}, meta: {} });
try { await Item.create({ id: "jsset", tags: new Set() }); out("not refused"); } catch (e) { out(String(e)); }
`, map[string]any{"table": table}, &refused)
	if !strings.Contains(refused, "non-empty set") {
		t.Errorf("Dynamoose's create with an empty set: %q; want it refused", refused)
	}
	if err := m.Put(ctx(t), &emptyItem{ID: "goset", Tags: []string{}}); !errors.Is(err, schema.ErrEmptySet) {
		t.Errorf("Dynamodel Put with an empty set = %v; want ErrEmptySet", err)
	}
	if err := m.Put(ctx(t), &emptyItem{ID: "go", Words: []string{}, Place: &emptyPlace{}, Meta: map[string]any{}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	got, err := m.Get(ctx(t), modelKey("js"))
	if err != nil || got.Name != "" || got.Words == nil || len(got.Words) != 0 || got.Place == nil || *got.Place != (emptyPlace{}) || got.Meta == nil || len(got.Meta) != 0 {
		t.Errorf("Dynamodel Get of Dynamoose's empty values = %+v, %v; want empty, not absent", got, err)
	}
	sameStorage(t, table, "js", "go")
}
