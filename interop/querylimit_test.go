package interop_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

const readingJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: { type: String, hashKey: true },
  at: { type: { value: Date, settings: { storage: "iso" } }, rangeKey: true },
  score: { type: Number, index: { type: "local" } },
  history: { type: Array, schema: [Date] },
}), noTables);
`

// TestQueryLimitFilterCountAndOrderBothWays has each side query the other's readings (a
// range key) descending, counted with a filter, projected, and in pages of 2 with a
// condition on score (Dynamoose's limit and startAt, Dynamodel's Limit and Page). Both turn
// the condition on score into the key condition of scoreLocalIndex (Dynamoose even from
// .filter), so the first page of 2 holds the two matches.
func TestQueryLimitFilterCountAndOrderBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, readingSchema, "readlimit")
	base := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	for i := range 4 {
		it := readingItem{ID: "go", At: base.Add(time.Duration(i) * time.Hour), Score: i * 10, History: []time.Time{}}
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, readingJS+`
for (let i = 0; i < 4; i++) {
  await Item.create({ id: "js", at: new Date(input.base + i * 3600e3), score: i * 10, history: [] });
}
const q = () => Item.query("id").eq("go");
// score is the range key of scoreLocalIndex: Dynamoose makes the "filter" its key condition.
const first = await q().filter("score").ge(20).limit(2).exec();
const all = [];
let last;
for (let n = 0; n < 10; n++) {
  let page = q().filter("score").ge(20).limit(2);
  if (last) page = page.startAt(last);
  const res = await page.exec();
  all.push(...res.map((i) => i.score));
  last = res.lastKey;
  if (!last) break;
}
out({
  descending: (await q().sort("descending").exec()).map((i) => i.score),
  count: (await q().filter("score").gt(0).count().exec()).count,
  projected: (await q().attributes(["score"]).exec()).map((i) => Object.keys(i).sort().join(",")),
  firstPage: first.map((i) => i.score),
  paged: all,
});
`, map[string]any{"table": table, "base": base.UnixMilli()}, &fromGo)
	sameJSON(t, "Dynamoose's queries of Dynamodel's readings", fromGo, `{
  "descending": [30, 20, 10, 0], "count": 3, "projected": ["score", "score", "score", "score"],
  "firstPage": [20, 30], "paged": [20, 30]}`)

	js := m.Query(model.Where("id").Eq("js"))
	var desc []int
	for it, err := range js.Descending().All(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Query = %v", err)
		}
		desc = append(desc, it.Score)
	}
	if want := []int{30, 20, 10, 0}; !slices.Equal(desc, want) {
		t.Errorf("Dynamodel's descending query of Dynamoose's readings = %v; want %v", desc, want)
	}
	if n, err := js.Filter(model.Where("score").Gt(0)).Count(ctx(t)); err != nil || n != 3 {
		t.Errorf("Dynamodel's Count of Dynamoose's readings = %d, %v; want 3", n, err)
	}
	byScore := m.Query(model.Where("id").Eq("js").And(model.Where("score").Ge(20))).Limit(2)
	if why, err := byScore.Explain(); err != nil || !strings.Contains(why, "scoreLocalIndex") {
		t.Errorf("Dynamodel's plan of a query on id and score = %q, %v; want scoreLocalIndex, as Dynamoose chooses", why, err)
	}
	page, err := byScore.Page(ctx(t), "")
	if err != nil {
		t.Fatalf("Dynamodel Page = %v", err)
	}
	var scores []int
	for _, it := range page.Items {
		scores = append(scores, it.Score)
	}
	if !cmp.Equal(scores, []int{20, 30}) {
		t.Errorf("Dynamodel's first page of 2 filtered readings = %v; want [20 30]", scores)
	}
	var read [][]string
	for p, err := range js.Project("score").AllPartial(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel AllPartial = %v", err)
		}
		read = append(read, p.Read)
	}
	if len(read) != 4 || !slices.Equal(read[0], []string{"at", "id", "score"}) {
		t.Errorf("Dynamodel's projected query read %v; want 4 items of [at id score] (the keys come too)", read)
	}
}
