package interop_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type datesetItem struct {
	ID    string      `dynamo:"id"`
	Days  []time.Time `dynamo:"days,set"`
	Stamp []time.Time `dynamo:"stamps,set,seconds"`
}

var datesetSchema = schema.Must(schema.For[datesetItem](schema.Attr("id", schema.HashKey())))

// TestDateSetsAreNumberSetsToDynamoose4 pins a difference: Dynamoose 4.2 refuses a Set of
// Date (only String, Number and Buffer sets), so a Dynamodel []time.Time set is read by
// Dynamoose as the Number set it is stored as (epoch milliseconds, or seconds), and a
// Number set Dynamoose writes with those numbers is read by Dynamodel as the dates.
func TestDateSetsAreNumberSetsToDynamoose4(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, datesetSchema, "datesets")
	a, b := time.Date(2024, 1, 2, 3, 4, 5, 600e6, time.UTC), time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	if err := m.Put(ctx(t), &datesetItem{ID: "go", Days: []time.Time{a, b}, Stamp: []time.Time{b}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, `
let refused;
try {
  const Dated = dynamoose.model(input.table, new dynamoose.Schema({ id: String, days: { type: Set, schema: [Date] } }), noTables);
  await Dated.create({ id: "refused", days: new Set([new Date(input.a)]) });
  refused = "not refused";
} catch (e) { refused = String(e); }
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  days: { type: Set, schema: [Number] },
  stamps: { type: Set, schema: [Number] },
}), noTables);
await Item.create({ id: "js", days: new Set([input.a, input.b]), stamps: new Set([input.b / 1000]) });
out({ refused, got: await Item.get("go") });
`, map[string]any{"table": table, "a": a.UnixMilli(), "b": b.UnixMilli()}, &fromGo)
	// A Set of Dates fails in its custom type (TypeError: val.map is not a function), an
	// array of them in the SDK (Only Number Set (NS), Binary Set (BS) or String Set (SS) ...).
	if r, _ := fromGo["refused"].(string); !strings.Contains(r, "TypeError") {
		t.Errorf("Dynamoose's create of a Set of Date: %q; want it refused", r)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's date sets", fromGo["got"].(map[string]any), `{"id": "go",
  "days": {"$set": [`+jsonInt(a.UnixMilli())+`, `+jsonInt(b.UnixMilli())+`]}, "stamps": {"$set": [`+jsonInt(b.Unix())+`]}}`)
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	slices.SortFunc(got.Days, time.Time.Compare)
	if err != nil || !slices.EqualFunc(got.Days, []time.Time{a, b}, time.Time.Equal) || !slices.EqualFunc(got.Stamp, []time.Time{b}, time.Time.Equal) {
		t.Errorf("Dynamodel Get of Dynamoose's number sets as dates = %+v, %v", got, err)
	}
	sameStorage(t, table, "js", "go")
}
