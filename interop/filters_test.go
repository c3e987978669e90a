package interop_test

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// filterWant holds what each filter of TestFiltersNegationsAndCountsBothWays finds among
// searchItems(p): ids, a count, or the attribute names a projection returns.
func filterWant(p string) map[string][]string {
	return map[string][]string{
		"noTags":      {p + "x"},
		"closedOrYng": {p + "0", p + "4"},
		"notActive":   {p + "4"},
		"notRed":      {p + "1", p + "3"},
		"notRange":    {p + "0", p + "3", p + "4", p + "x"},
		"prefix":      {p + "1"},
		"count":       {"4"},
		"projected":   {"age,id"},
	}
}

// TestFiltersNegationsAndCountsBothWays has each side scan and query the other's items with
// filters on an attribute some items lack (not exists), or (across two attributes), negated
// comparisons, contains and between (which Dynamoose refuses to negate), begins_with on the
// key, a count with a filter, and a projection, and checks what each finds.
func TestFiltersNegationsAndCountsBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "filters")
	for _, it := range searchItems("go") {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string][]string
	dynamoosetest.Run(t, guardedJS+searchJS+`
const ids = (items) => [...items].map((i) => i.id).filter((id) => id.startsWith("go")).sort();
const scan = (c) => Item.scan(c);
const q = () => Item.query("email").eq("a@x").using("emailGlobalIndex");
out({
  noTags: ids(await scan(cond("tags").not().exists()).exec()),
  closedOrYng: ids(await q().filter("status").eq("closed").or().filter("age").lt(25).exec()),
  notActive: ids(await q().filter("status").not().eq("active").exec()),
  notRed: ids(await q().filter("tags").not().contains("red").exec()),
  // Dynamoose 4.2 refuses not() before between (InvalidFilterComparison).
  notRange: await Promise.resolve().then(() => scan(cond("age").not().between(25, 45)).exec()).then(ids, (e) => [e.name]),
  prefix: ids(await scan(cond("id").beginsWith("go1")).exec()),
  count: [String((await scan(cond("age").gt(35).and().where("id").beginsWith("go")).count().exec()).count)],
  projected: [...new Set((await scan(cond("id").beginsWith("go")).attributes(["id", "age"]).exec()).map((i) => Object.keys(i).sort().join(",")))],
});
`, map[string]any{"table": table, "at": guardedAt.UnixMilli()}, &fromGo)
	wantGo := filterWant("go")
	wantGo["notRange"] = []string{"InvalidFilterComparison"}
	if diff := cmp.Diff(wantGo, fromGo); diff != "" {
		t.Errorf("Dynamoose's filters of Dynamodel's items (-want +got):\n%s", diff)
	}

	ids := func(name string, seq func(yield func(guardedItem, error) bool)) []string {
		t.Helper()
		s := []string{}
		for it, err := range seq {
			if err != nil {
				t.Fatalf("Dynamodel %s = %v", name, err)
			}
			if strings.HasPrefix(it.ID, "js") {
				s = append(s, it.ID)
			}
		}
		slices.Sort(s)
		return s
	}
	js := model.Where("id").BeginsWith("js")
	scan := func(c model.Condition) model.Scan[guardedItem] { return m.Scan().Filter(model.And(js, c)) }
	q := m.Query(model.Where("email").Eq("a@x")).Index("emailGlobalIndex")
	count, err := scan(model.Where("age").Gt(35)).Count(ctx(t))
	if err != nil {
		t.Fatalf("Dynamodel Count = %v", err)
	}
	projected := map[string]bool{}
	for p, err := range m.Scan().Filter(js).Project("id", "age").AllPartial(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel projected Scan = %v", err)
		}
		projected[strings.Join(p.Read, ",")] = true
	}
	fromJS := map[string][]string{
		"noTags":      ids("noTags", scan(model.Where("tags").NotExists()).All(ctx(t))),
		"closedOrYng": ids("closedOrYng", q.Filter(model.Or(model.Where("status").Eq("closed"), model.Where("age").Lt(25))).All(ctx(t))),
		"notActive":   ids("notActive", q.Filter(model.Not(model.Where("status").Eq("active"))).All(ctx(t))),
		"notRed":      ids("notRed", q.Filter(model.Not(model.Where("tags").Contains("red"))).All(ctx(t))),
		"notRange":    ids("notRange", scan(model.Not(model.Where("age").Between(25, 45))).All(ctx(t))),
		"prefix":      ids("prefix", m.Scan().Filter(model.Where("id").BeginsWith("js1")).All(ctx(t))),
		"count":       {strconv.Itoa(count)},
		"projected":   slices.Sorted(maps.Keys(projected)),
	}
	if diff := cmp.Diff(filterWant("js"), fromJS); diff != "" {
		t.Errorf("Dynamodel's filters of Dynamoose's items (-want +got):\n%s", diff)
	}
}
