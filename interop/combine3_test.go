package interop_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type comboItem struct {
	ID      string    `dynamo:"id"`
	N       int       `dynamo:"n"`
	OK      bool      `dynamo:"ok"`
	Millis  time.Time `dynamo:"millis"`
	Seconds time.Time `dynamo:"seconds,seconds"`
	ISO     time.Time `dynamo:"iso,iso"`
	All     string    `dynamo:"all"`
	Dates   string    `dynamo:"dates"`
}

var comboSchema = schema.Must(schema.For[comboItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("all", schema.Combine(",", "n", "ok")),
	schema.Attr("dates", schema.Combine("|", "millis", "seconds", "iso")),
))

const comboJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  n: Number,
  ok: Boolean,
  millis: Date,
  seconds: date("seconds"),
  iso: date("iso"),
  all: dynamoose.type.COMBINE(["n", "ok"]),
  dates: dynamoose.type.COMBINE(["millis", "seconds", "iso"], "|"),
}), noTables);
`

// TestCombineOfNumbersBooleansAndDatesBothWays checks combined attributes whose sources are
// a number, a boolean and dates in their three storages, with Dynamoose's default separator
// (none given: a comma, which Combine must name): each side writes the sources and reads the
// other's combined values, and both store the same.
func TestCombineOfNumbersBooleansAndDatesBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, comboSchema, "combo")
	at := time.Date(2024, 2, 29, 23, 59, 59, 500e6, time.UTC)
	fromJS, fromGo := exchange(t, m, table, map[string]any{"at": at.UnixMilli()}, comboJS, `{ n: -42, ok: false, millis: new Date(input.at), seconds: new Date(input.at), iso: new Date(input.at) }`,
		&comboItem{ID: "go", N: -42, OK: false, Millis: at, Seconds: at, ISO: at})
	const dates = "1709251199500|1709251200|2024-02-29T23:59:59.500Z"
	if fromJS.All != "-42,false" || fromJS.Dates != dates {
		t.Errorf("Dynamodel's read of Dynamoose's combined values = %q, %q; want %q, %q", fromJS.All, fromJS.Dates, "-42,false", dates)
	}
	if fromGo["all"] != "-42,false" || fromGo["dates"] != dates {
		t.Errorf("Dynamoose's read of Dynamodel's combined values = %q, %q; want %q, %q", fromGo["all"], fromGo["dates"], "-42,false", dates)
	}
	sameStorage(t, table, "js", "go")

	// An update of the sources to 0 and false combines them too. Dynamoose 4.2 refuses an
	// update that leaves out the sources of any combined attribute, even one it does not
	// change (docs/migration.md §9): it must set the dates' too. Dynamodel takes the update
	// of n and ok alone, and the same update as Dynamoose's.
	if _, err := m.Update(model.Key{Hash: "go"}).Set("n", 7).Set("ok", true).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update of n and ok = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("n", 0).Set("ok", false).Set("millis", at).Set("seconds", at).Set("iso", at).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var refused string
	dynamoosetest.Run(t, comboJS+`
try { await Item.update({ id: "js" }, { n: 7, ok: true }); out("not refused"); } catch (e) { out(String(e)); }
await Item.update({ id: "js" }, { n: 0, ok: false, millis: new Date(input.at), seconds: new Date(input.at), iso: new Date(input.at) });
`, map[string]any{"table": table, "at": at.UnixMilli()}, &refused)
	if !strings.Contains(refused, "Missing combine attributes: millis, seconds, iso") {
		t.Errorf("Dynamoose's update of n and ok alone: %q; want it refused for the dates' sources", refused)
	}
	if all := stored(t, table, "go")["all"]; !sameAny(all, map[string]any{"S": "0,false"}) {
		t.Errorf("Dynamodel's update of the sources to 0 and false stored all = %v; want 0,false", all)
	}
	sameStorage(t, table, "js", "go")
}

var comboMapSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("n", schema.Type(attr.N)),
	schema.Attr("ok", schema.Type(attr.BOOL)),
	schema.Attr("all", schema.Combine(",", "n", "ok")),
))

// TestCombineWithoutSourcesDiffers pins a difference: when none of its sources is present,
// Dynamoose stores the combined attribute as an empty string, while Dynamodel leaves it
// absent (a struct field not tagged omitempty stores its zero, the empty string, as
// Dynamoose does); removing every source by an update does the same on each side. Each
// reads the other's item.
func TestCombineWithoutSourcesDiffers(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, comboMapSchema, "combonone")
	if err := m.Put(ctx(t), &map[string]any{"id": "go"}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if err := m.Put(ctx(t), &map[string]any{"id": "go2", "n": 1, "ok": true}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go2"}).Remove("n", "ok").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo []map[string]any
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String, n: Number, ok: Boolean, all: dynamoose.type.COMBINE(["n", "ok"]),
}), noTables);
await Item.create({ id: "js" });
await Item.create({ id: "js2", n: 1, ok: true });
await Item.update({ id: "js2" }, { $REMOVE: ["n", "ok"] });
out([await Item.get("go"), await Item.get("go2")]);
`, map[string]any{"table": table}, &fromGo)
	for _, id := range []string{"js", "js2"} {
		if all := stored(t, table, id)["all"]; !cmp.Equal(all, map[string]any{"S": ""}) {
			t.Errorf("Dynamoose stored all = %v for %s; want the empty string", all, id)
		}
		got, err := m.Get(ctx(t), model.Key{Hash: id})
		if err != nil || got["all"] != "" {
			t.Errorf("Dynamodel Get of Dynamoose's %s = %v, %v; want all empty", id, got, err)
		}
	}
	for i, id := range []string{"go", "go2"} {
		if all, ok := stored(t, table, id)["all"]; ok {
			t.Errorf("Dynamodel stored all = %v for %s; want it absent", all, id)
		}
		if fromGo[i]["id"] != id || fromGo[i]["all"] != nil {
			t.Errorf("Dynamoose's read of Dynamodel's %s = %v; want it without all", id, fromGo[i])
		}
	}
}
