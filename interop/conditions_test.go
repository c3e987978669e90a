package interop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type guardedItem struct {
	ID      string    `dynamo:"id"`
	Status  string    `dynamo:"status"`
	Email   string    `dynamo:"email"`
	Age     int       `dynamo:"age"`
	Address *address  `dynamo:"address,omitempty"`
	Seen    time.Time `dynamo:"seen,seconds"`
	Born    time.Time `dynamo:"born,iso"`
	Tags    []string  `dynamo:"tags,set,omitempty"`
}

var guardedSchema = schema.Must(schema.For[guardedItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Index()),
))

const guardedJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  status: String,
  email: { type: String, index: true },
  age: Number,
  address: { type: Object, schema: { city: String, zip: Number } },
  seen: date("seconds"),
  born: date("iso"),
  tags: { type: Set, schema: [String] },
}), noTables);
// passes says whether a conditional write went through (false: its condition failed).
const passes = async (p) => {
  try { await p; return true; } catch (e) { if (e.name === "ConditionalCheckFailedException") return false; throw e; }
};
const cond = (path) => new dynamoose.Condition(path);
`

// guardedAt is the time the items of the condition tests hold in seen and born.
var guardedAt = time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC)

// guardedItems are the items each side writes for the other's conditions: the first has an
// address, the second none.
func guardedItems(prefix string) []guardedItem {
	return []guardedItem{
		{ID: prefix + "1", Status: "active", Email: "a@x", Age: 30, Address: &address{City: "Lyon", Zip: 69001},
			Seen: guardedAt, Born: guardedAt, Tags: []string{"red", "blue"}},
		{ID: prefix + "2", Status: "closed", Email: "a@x", Age: 40, Seen: guardedAt.Add(time.Hour), Born: guardedAt.Add(time.Hour)},
	}
}

// TestDynamooseConditionsOnDynamodelItems has Dynamoose save and delete Dynamodel's items
// under conditions (attribute_exists on a nested path, a comparison on dates stored in
// seconds and ISO text, in (of ISO dates too), between on dates in seconds, begins_with,
// contains on a set, a negated nested exists) and checks which writes pass.
func TestDynamooseConditionsOnDynamodelItems(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "guardjs")
	for _, it := range guardedItems("go") {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var got map[string][]bool
	dynamoosetest.Run(t, guardedJS+`
const one = await Item.get("go1"), two = await Item.get("go2");
const both = async (c) => [await passes(one.save({ condition: c })), await passes(two.save({ condition: c }))];
// Dynamoose 4.2 sends a Date in a condition as is: give dates as stored.
const cut = input.cut;
out({
  nestedExists: await both(cond("address.city").exists()),
  nestedEq: await both(cond("address.zip").eq(69001)),
  secondsLt: await both(cond("seen").lt(Math.round(cut / 1000))),
  isoLt: await both(cond("born").lt(new Date(cut).toISOString())),
  in: await both(cond("status").in(["active", "pending"])),
  beginsWith: await both(cond("status").beginsWith("clo")),
  contains: await both(cond("tags").contains("red")),
  dateIn: await both(cond("born").in([new Date(input.at).toISOString(), new Date(input.at + 5 * 3600e3).toISOString()])),
  secondsBetween: await both(cond("seen").between(Math.round(cut / 1000), Math.round(cut / 1000) + 3600)),
  notNested: await both(cond("address.zip").not().exists()),
  delete: [await passes(Item.delete("go1", { condition: cond("status").eq("closed") })),
           await passes(Item.delete("go2", { condition: cond("status").eq("closed") }))],
});
`, map[string]any{"table": table, "cut": guardedAt.Add(30 * time.Minute).UnixMilli(), "at": guardedAt.UnixMilli()}, &got)
	want := map[string][]bool{
		"nestedExists": {true, false}, "nestedEq": {true, false},
		"secondsLt": {true, false}, "isoLt": {true, false},
		"in": {true, false}, "beginsWith": {false, true}, "contains": {true, false},
		"dateIn": {true, false}, "secondsBetween": {false, true}, "notNested": {false, true},
		"delete": {false, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dynamoose's conditional writes of Dynamodel's items (-want +got):\n%s", diff)
	}
	if _, err := m.Get(ctx(t), model.Key{Hash: "go1"}); err != nil {
		t.Errorf("Dynamodel Get of the item Dynamoose's delete spared = %v", err)
	}
	if _, err := m.Get(ctx(t), model.Key{Hash: "go2"}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Dynamodel Get of the item Dynamoose deleted = %v; want ErrNotFound", err)
	}
}

// TestDynamodelConditionsOnDynamooseItems has Dynamodel put and delete Dynamoose's items
// under the same conditions (If with time.Time values, encoded as each date attribute
// stores them) and checks which writes pass.
func TestDynamodelConditionsOnDynamooseItems(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "guardgo")
	dynamoosetest.Run(t, guardedJS+`
await Item.create({ id: "js1", status: "active", email: "a@x", age: 30, address: { city: "Lyon", zip: 69001 },
  seen: new Date(input.at), born: new Date(input.at), tags: new Set(["red", "blue"]) });
await Item.create({ id: "js2", status: "closed", email: "a@x", age: 40, seen: new Date(input.at + 3600e3), born: new Date(input.at + 3600e3) });
`, map[string]any{"table": table, "at": guardedAt.UnixMilli()}, nil)
	cut := guardedAt.Add(30 * time.Minute)
	conds := map[string]model.Condition{
		"nestedExists":   model.Where("address.city").Exists(),
		"nestedEq":       model.Where("address.zip").Eq(69001),
		"secondsLt":      model.Where("seen").Lt(cut),
		"isoLt":          model.Where("born").Lt(cut),
		"in":             model.Where("status").In("active", "pending"),
		"beginsWith":     model.Where("status").BeginsWith("clo"),
		"contains":       model.Where("tags").Contains("red"),
		"dateIn":         model.Where("born").In(guardedAt, guardedAt.Add(5*time.Hour)),
		"secondsBetween": model.Where("seen").Between(cut, cut.Add(time.Hour)),
		"notNested":      model.Not(model.Where("address.zip").Exists()),
	}
	want := map[string][]bool{
		"nestedExists": {true, false}, "nestedEq": {true, false},
		"secondsLt": {true, false}, "isoLt": {true, false},
		"in": {true, false}, "beginsWith": {false, true}, "contains": {true, false},
		"dateIn": {true, false}, "secondsBetween": {false, true}, "notNested": {false, true},
	}
	got := map[string][]bool{}
	for name, c := range conds {
		for _, id := range []string{"js1", "js2"} {
			it, err := m.Get(ctx(t), model.Key{Hash: id})
			if err != nil {
				t.Fatalf("Dynamodel Get(%s) = %v", id, err)
			}
			err = m.Put(ctx(t), &it, model.If(c))
			if err != nil && !errors.Is(err, model.ErrConditionFailed) {
				t.Fatalf("Dynamodel Put(%s) under %s = %v", id, name, err)
			}
			got[name] = append(got[name], err == nil)
		}
	}
	for _, id := range []string{"js1", "js2"} {
		err := m.Delete(ctx(t), model.Key{Hash: id}, model.If(model.Where("status").Eq("closed")))
		if err != nil && !errors.Is(err, model.ErrConditionFailed) {
			t.Fatalf("Dynamodel Delete(%s) = %v", id, err)
		}
		got["delete"] = append(got["delete"], err == nil)
	}
	want["delete"] = []bool{false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dynamodel's conditional writes of Dynamoose's items (-want +got):\n%s", diff)
	}
	var left []string
	dynamoosetest.Run(t, guardedJS+`out((await Item.scan().exec()).map((i) => i.id));`, map[string]any{"table": table}, &left)
	if !cmp.Equal(left, []string{"js1"}) {
		t.Errorf("Dynamoose's scan after Dynamodel's conditional deletes = %v; want [js1]", left)
	}
}

// TestDateUpdatesSameOnBothSides has each side update dates stored in seconds and ISO text
// with a time 0.6 s past a second, and checks that both store the same values (seconds
// rounded as Dynamoose rounds them).
func TestDateUpdatesSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "dateupd")
	at := guardedAt.Add(600 * time.Millisecond)
	base := guardedItems("go")[1]
	if err := m.Put(ctx(t), &base); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go2"}).Set("seen", at).Set("born", at).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, guardedJS+`
const goItem = await Item.get("go2");
await Item.create(Object.assign({}, goItem, { id: "js" }));
await Item.update({ id: "js" }, { seen: new Date(input.at), $SET: { born: new Date(input.at) } });
out(await Item.get("go2"));
`, map[string]any{"table": table, "at": at.UnixMilli()}, &fromGo)
	if got := ms(fromGo["seen"]); !got.Equal(at.Round(time.Second)) {
		t.Errorf("Dynamoose's read of Dynamodel's updated seen = %v; want %v", got, at.Round(time.Second))
	}
	if got := ms(fromGo["born"]); !got.Equal(at) {
		t.Errorf("Dynamoose's read of Dynamodel's updated born = %v; want %v", got, at)
	}
	sameStorage(t, table, "js", "go2")
}
