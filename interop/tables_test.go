package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

type shelfItem struct {
	Store string `dynamo:"store"`
	SKU   string `dynamo:"sku"`
	Price int    `dynamo:"price"`
	Brand string `dynamo:"brand"`
	Color string `dynamo:"color"`
	Size  int    `dynamo:"size"`
}

var shelfSchema = schema.Must(schema.For[shelfItem](
	schema.Attr("store", schema.HashKey()),
	schema.Attr("sku", schema.RangeKey()),
	schema.Attr("price", schema.Index(schema.Local())),
	schema.Attr("brand", schema.Index(schema.IndexRangeKey("price"))),
	schema.Attr("color", schema.Index(schema.IndexName("byColor"), schema.KeysOnly())),
	schema.Attr("size", schema.Index(schema.IndexName("bySize"), schema.Project("brand"))),
))

const shelfJS = `
const shelf = new dynamoose.Schema({
  store: { type: String, hashKey: true },
  sku: { type: String, rangeKey: true },
  price: { type: Number, index: { type: "local" } },
  brand: { type: String, index: { rangeKey: "price" } },
  color: { type: String, index: { name: "byColor", project: false } },
  size: { type: Number, index: { name: "bySize", project: ["brand"] } },
});
`

// TestTableDynamooseCreatesIsWhatDynamodelExpects has Dynamoose create a table (create:
// true) with a range key, a local index, global indexes with and without a range key,
// keys-only and with projected attributes, and checks that Dynamodel's tablesync finds
// nothing to change in it (Verify) and that Dynamodel reads the item Dynamoose wrote through
// each index.
func TestTableDynamooseCreatesIsWhatDynamodelExpects(t *testing.T) {
	t.Parallel()
	db := dynamotest.Client()
	table := dynamotest.TableName(t, db, "shelf")
	dynamoosetest.Run(t, shelfJS+`
const Item = dynamoose.model(input.table, shelf, { create: true, update: false, waitForActive: { enabled: true, check: { timeout: 60000, frequency: 100 } } });
await Item.create({ store: "s", sku: "a", price: 5, brand: "acme", color: "red", size: 3 });
`, map[string]any{"table": table}, nil)

	if _, err := tablesync.Sync(ctx(t), db, tablesync.Verify, tablesync.FromSchema(table, shelfSchema)); err != nil {
		t.Fatalf("tablesync Verify of the table Dynamoose created = %v", err)
	}
	m, err := model.New[shelfItem](db, table, shelfSchema)
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]model.Query[shelfItem]{
		"priceLocalIndex":  m.Query(model.And(model.Where("store").Eq("s"), model.Where("price").Eq(5))).Index("priceLocalIndex"),
		"brandGlobalIndex": m.Query(model.And(model.Where("brand").Eq("acme"), model.Where("price").Gt(1))).Index("brandGlobalIndex"),
	} {
		n := 0
		for it, err := range q.All(ctx(t)) {
			if err != nil || it.SKU != "a" {
				t.Errorf("Dynamodel query through %s = %+v, %v", name, it, err)
			}
			n++
		}
		if n != 1 {
			t.Errorf("Dynamodel query through %s found %d items; want 1", name, n)
		}
	}
}

// TestDynamooseUpdateFindsNothingToChangeInDynamodelsTable has Dynamodel's tablesync create
// the table of TestTableDynamooseCreatesIsWhatDynamodelExpects and Dynamoose open it with
// update: true (compare the table with its schema and change what differs): the table is
// left as Dynamodel created it, and Dynamoose reads and writes through it.
func TestDynamooseUpdateFindsNothingToChangeInDynamodelsTable(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, shelfSchema, "shelfupd")
	if err := m.Put(ctx(t), &shelfItem{Store: "s", SKU: "go", Price: 5, Brand: "acme", Color: "red", Size: 3}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var found []string
	dynamoosetest.Run(t, shelfJS+`
const Item = dynamoose.model(input.table, shelf, { create: true, update: true, waitForActive: { enabled: true, check: { timeout: 60000, frequency: 100 } } });
await Item.create({ store: "s", sku: "js", price: 6, brand: "acme", color: "red", size: 3 });
out((await Item.query("brand").eq("acme").using("brandGlobalIndex").exec()).map((i) => i.sku).sort());
`, map[string]any{"table": table}, &found)
	if len(found) != 2 || found[0] != "go" || found[1] != "js" {
		t.Errorf("Dynamoose's query through brandGlobalIndex = %v; want [go js]", found)
	}
	if _, err := tablesync.Sync(ctx(t), dynamotest.Client(), tablesync.Verify, tablesync.FromSchema(table, shelfSchema)); err != nil {
		t.Errorf("tablesync Verify after Dynamoose's update: true = %v", err)
	}
}

type logItem struct {
	ID   int64     `dynamo:"id"`
	At   time.Time `dynamo:"at,iso"`
	Day  time.Time `dynamo:"day,seconds"`
	Blob []byte    `dynamo:"blob"`
}

var logSchema = schema.Must(schema.For[logItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("at", schema.RangeKey()),
	schema.Attr("day", schema.Index(schema.IndexRangeKey("blob"))),
	schema.OnDemand(),
))

// TestTableWithDateAndBinaryKeysDynamooseCreates checks a table Dynamoose creates on demand
// with a number hash key, an ISO date range key and a global index on a date in seconds
// with a binary range key: tablesync's Verify finds it as defined, and each side reads the
// other's item through the index.
func TestTableWithDateAndBinaryKeysDynamooseCreates(t *testing.T) {
	t.Parallel()
	db := dynamotest.Client()
	table := dynamotest.TableName(t, db, "logs")
	at := time.Date(2024, 4, 5, 6, 7, 8, 900e6, time.UTC)
	const logJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: { type: Number, hashKey: true },
  at: { ...date("iso"), rangeKey: true },
  day: { ...date("seconds"), index: { rangeKey: "blob" } },
  blob: Buffer,
}, {}), { create: true, update: false, throughput: "ON_DEMAND", waitForActive: { enabled: true, check: { timeout: 60000, frequency: 100 } } });
`
	dynamoosetest.Run(t, logJS+`await Item.create({ id: 1, at: new Date(input.at), day: new Date(input.at), blob: Buffer.from([7]) });`,
		map[string]any{"table": table, "at": at.UnixMilli()}, nil)
	if _, err := tablesync.Sync(ctx(t), db, tablesync.Verify, tablesync.FromSchema(table, logSchema)); err != nil {
		t.Fatalf("tablesync Verify of the table Dynamoose created = %v", err)
	}
	m, err := model.New[logItem](db, table, logSchema)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Put(ctx(t), &logItem{ID: 2, At: at, Day: at, Blob: []byte{8}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var ids []int
	for it, err := range m.Query(model.Where("day").Eq(at)).Index("dayGlobalIndex").All(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Query = %v", err)
		}
		ids = append(ids, int(it.ID))
	}
	slices.Sort(ids)
	var fromGo []int
	dynamoosetest.Run(t, logJS+`out((await Item.query("day").eq(Math.round(input.at / 1000)).using("dayGlobalIndex").exec()).map((i) => i.id).sort());`,
		map[string]any{"table": table, "at": at.UnixMilli()}, &fromGo)
	if want := []int{1, 2}; !slices.Equal(ids, want) || !slices.Equal(fromGo, want) {
		t.Errorf("queries through dayGlobalIndex: Dynamodel found %v, Dynamoose %v; want %v each", ids, fromGo, want)
	}
}
