package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type readingItem struct {
	ID      string      `dynamo:"id"`
	At      time.Time   `dynamo:"at,iso"`
	Score   int         `dynamo:"score"`
	History []time.Time `dynamo:"history"`
}

var readingSchema = schema.Must(schema.For[readingItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("at", schema.RangeKey()),
	schema.Attr("score", schema.Index(schema.Local())),
))

// TestRangeKeyAndLocalIndexBothWays checks a table with an ISO date range key, a local index
// (index: {type: "local"}, named scoreLocalIndex by both) and a list of dates: each side
// writes readings and queries the other's by a range of dates on the table and by score on
// the index, and gets the item by its full key.
func TestRangeKeyAndLocalIndexBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, readingSchema, "readings")
	base := time.Date(2024, 5, 1, 8, 0, 0, 250e6, time.UTC)
	for i := range 4 {
		it := readingItem{ID: "go", At: base.Add(time.Duration(i) * time.Hour), Score: i * 10, History: []time.Time{base, base.Add(time.Second)}}
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo struct {
		ByDate  []int            `json:"byDate"`
		ByScore []int            `json:"byScore"`
		One     map[string]any   `json:"one"`
		History []map[string]any `json:"history"`
	}
	dynamoosetest.Run(t, `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: { type: String, hashKey: true },
  at: { type: { value: Date, settings: { storage: "iso" } }, rangeKey: true },
  score: { type: Number, index: { type: "local" } },
  history: { type: Array, schema: [Date] },
}), noTables);
const base = input.base;
for (let i = 0; i < 4; i++) {
  await Item.create({ id: "js", at: new Date(base + i * 3600e3), score: i * 10, history: [new Date(base), new Date(base + 1000)] });
}
// Dynamoose 4.2 sends a Date in a condition as is (the SDK refuses it): give the stored text.
const byDate = await Item.query("id").eq("go").where("at").between(new Date(base + 3600e3).toISOString(), new Date(base + 2 * 3600e3).toISOString()).exec();
const byScore = await Item.query("id").eq("go").where("score").ge(20).using("scoreLocalIndex").exec();
const one = await Item.get({ id: "go", at: new Date(base + 3 * 3600e3).toISOString() }); // Dynamoose 4.2 takes a Date key as stored
out({ byDate: byDate.map((i) => i.score).sort(), byScore: byScore.map((i) => i.score).sort(), one: { score: one.score }, history: one.history.map((d) => ({ d })) });
`, map[string]any{"table": table, "base": base.UnixMilli()}, &fromGo)
	if want := []int{10, 20}; !slices.Equal(fromGo.ByDate, want) {
		t.Errorf("Dynamoose's query of Dynamodel's readings by date = %v; want %v", fromGo.ByDate, want)
	}
	if want := []int{20, 30}; !slices.Equal(fromGo.ByScore, want) {
		t.Errorf("Dynamoose's query of Dynamodel's readings through scoreLocalIndex = %v; want %v", fromGo.ByScore, want)
	}
	if fromGo.One["score"] != 30.0 || len(fromGo.History) != 2 || !ms(fromGo.History[1]["d"]).Equal(base.Add(time.Second)) {
		t.Errorf("Dynamoose's get of Dynamodel's reading = %v, history %v", fromGo.One, fromGo.History)
	}

	scores := func(q model.Query[readingItem]) []int {
		t.Helper()
		var got []int
		for it, err := range q.All(ctx(t)) {
			if err != nil {
				t.Fatalf("Dynamodel Query = %v", err)
			}
			got = append(got, it.Score)
		}
		slices.Sort(got)
		return got
	}
	byDate := scores(m.Query(model.And(model.Where("id").Eq("js"), model.Where("at").Between(base.Add(time.Hour), base.Add(2*time.Hour)))))
	if want := []int{10, 20}; !slices.Equal(byDate, want) {
		t.Errorf("Dynamodel's query of Dynamoose's readings by date = %v; want %v", byDate, want)
	}
	byScore := scores(m.Query(model.And(model.Where("id").Eq("js"), model.Where("score").Ge(20))).Index("scoreLocalIndex"))
	if want := []int{20, 30}; !slices.Equal(byScore, want) {
		t.Errorf("Dynamodel's query of Dynamoose's readings through scoreLocalIndex = %v; want %v", byScore, want)
	}
	one, err := m.Get(ctx(t), model.Key{Hash: "js", Range: base.Add(3 * time.Hour)})
	if err != nil || one.Score != 30 || !slices.EqualFunc(one.History, []time.Time{base, base.Add(time.Second)}, time.Time.Equal) {
		t.Errorf("Dynamodel Get of Dynamoose's reading = %+v, %v", one, err)
	}
}
