package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type counterItem struct {
	ID        string    `dynamo:"id"`
	Count     int       `dynamo:"count"`
	Tags      []string  `dynamo:"tags,set,omitempty"`
	Note      string    `dynamo:"note,omitempty"`
	Level     string    `dynamo:"level"`
	Email     string    `dynamo:"email,omitempty"`
	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
}

var counterSchema = schema.Must(schema.For[counterItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("level", schema.Default("low")),
	schema.Attr("email", schema.Index()),
	schema.Timestamps(),
))

const counterJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  count: Number,
  tags: { type: Set, schema: [String] },
  note: String,
  level: { type: String, default: "low" },
  email: { type: String, index: true },
}, { timestamps: true }), noTables);
`

// TestUpdateAddRemoveSameOnBothSides has each side write the same item and then update it
// with $ADD (a number and a string set) and $REMOVE of a plain attribute and of one with a
// default (which Dynamoose sets to the default), then $DELETE from the set, and checks
// that both updates leave the same stored item, which the other side reads.
func TestUpdateAddRemoveSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, counterSchema, "counter")
	base := counterItem{ID: "go", Count: 1, Tags: []string{"a", "b"}, Note: "x", Level: "high"}
	if err := m.Put(ctx(t), &base); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Add("count", 5).Add("tags", []string{"c"}).
		Remove("note", "level").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Delete("tags", []string{"a"}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update (DELETE) = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, counterJS+`
await new Item({ id: "js", count: 1, tags: new Set(["a", "b"]), note: "x", level: "high" }).save();
await Item.update({ id: "js" }, { $ADD: { count: 5, tags: ["c"] }, $REMOVE: ["note", "level"] });
await Item.update({ id: "js" }, { $DELETE: { tags: ["a"] } });
out(await Item.get("go"));
`, map[string]any{"table": table}, &fromGo)
	fromJS, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	want := counterItem{ID: "js", Count: 6, Tags: []string{"b", "c"}, Level: "low"}
	if diff := cmp.Diff(want, fromJS, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".CreatedAt" || p.Last().String() == ".UpdatedAt"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's updated item (-want +got):\n%s", diff)
	}
	if !fromJS.UpdatedAt.After(fromJS.CreatedAt) && !fromJS.UpdatedAt.Equal(fromJS.CreatedAt) {
		t.Errorf("Dynamoose's update: updatedAt %v before createdAt %v", fromJS.UpdatedAt, fromJS.CreatedAt)
	}
	delete(fromGo, "createdAt")
	delete(fromGo, "updatedAt")
	sameJSON(t, "Dynamoose's read of Dynamodel's updated item", fromGo,
		`{"id": "go", "count": 6, "tags": {"$set": ["b", "c"]}, "level": "low"}`)
	sameStorage(t, table, "js", "go", "createdAt", "updatedAt")
}

// TestQueryThroughIndexBothWays has each side write items with an index key (index: true,
// the default global index named emailGlobalIndex) and query the other's through it.
func TestQueryThroughIndexBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, counterSchema, "counterq")
	for _, it := range []counterItem{{ID: "go1", Email: "go@x", Count: 1}, {ID: "go2", Email: "go@x", Count: 2}, {ID: "go3", Email: "other@x"}} {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo []string
	dynamoosetest.Run(t, counterJS+`
await Item.create({ id: "js1", email: "js@x", count: 1 });
await Item.create({ id: "js2", email: "js@x", count: 2 });
await Item.create({ id: "js3", email: "other@x" });
const found = await Item.query("email").eq("go@x").using("emailGlobalIndex").exec();
out([...found].sort((a, b) => a.count - b.count).map((i) => i.id));
`, map[string]any{"table": table}, &fromGo)
	if want := []string{"go1", "go2"}; !slices.Equal(fromGo, want) {
		t.Errorf("Dynamoose's query of Dynamodel's items through emailGlobalIndex = %v; want %v", fromGo, want)
	}
	var fromJS []string
	for it, err := range m.Query(model.Where("email").Eq("js@x")).Index("emailGlobalIndex").All(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Query = %v", err)
		}
		fromJS = append(fromJS, it.ID)
	}
	slices.Sort(fromJS)
	if want := []string{"js1", "js2"}; !slices.Equal(fromJS, want) {
		t.Errorf("Dynamodel's query of Dynamoose's items through emailGlobalIndex = %v; want %v", fromJS, want)
	}
}
