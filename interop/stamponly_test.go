package interop_test

import (
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type stampedItem struct {
	ID      string    `dynamo:"id"`
	Name    string    `dynamo:"name"`
	Created time.Time `dynamo:"created"`
}

var stampedSchema = schema.Must(schema.For[stampedItem](
	schema.Attr("id", schema.HashKey()),
	schema.CreatedAt("created", attr.TimeMillis),
))

// TestCreatedAtAloneBothWays checks timestamps with a createdAt of another name in explicit
// milliseconds and no updatedAt (updatedAt: null): each side writes, then updates, an item;
// neither adds an updatedAt, an update keeps createdAt, and each reads the other's.
func TestCreatedAtAloneBothWays(t *testing.T) { // not parallel: it compares the times of writes with now
	m, table := newModel(t, stampedSchema, "stamped")
	now := time.Now()
	if err := m.Put(ctx(t), &stampedItem{ID: "go", Name: "a"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("name", "b").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({ id: String, name: String },
  { timestamps: { createdAt: { created: { type: { value: Date, settings: { storage: "milliseconds" } } } }, updatedAt: null } }), noTables);
await Item.create({ id: "js", name: "a" });
await Item.update({ id: "js" }, { name: "b" });
out(await Item.get("go"));
`, map[string]any{"table": table}, &fromGo)
	if fromGo["name"] != "b" || len(fromGo) != 3 {
		t.Errorf("Dynamoose's read of Dynamodel's item = %v; want id, name b, created", fromGo)
	}
	near(t, "Dynamoose's read of Dynamodel's created", ms(fromGo["created"]), now)
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil || got.Name != "b" {
		t.Fatalf("Dynamodel Get of Dynamoose's item = %+v, %v", got, err)
	}
	near(t, "Dynamodel's read of Dynamoose's created", got.Created, now)
	sameStorage(t, table, "js", "go", "created")
}
