package interop_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// searchItems are the items each side writes for the other's queries and scans: five with
// the email a@x (ages 20 to 60, seen an hour apart, "red" in the set of the even ones), one
// with another email.
func searchItems(prefix string) []guardedItem {
	var items []guardedItem
	for i := range 5 {
		it := guardedItem{ID: fmt.Sprintf("%s%d", prefix, i), Status: "active", Email: "a@x", Age: 20 + 10*i,
			Seen: guardedAt.Add(time.Duration(i) * time.Hour), Born: guardedAt.Add(time.Duration(i) * time.Hour),
			Tags: []string{"blue"}}
		if i%2 == 0 {
			it.Tags = append(it.Tags, "red")
		}
		if i == 4 {
			it.Status = "closed"
		}
		items = append(items, it)
	}
	return append(items, guardedItem{ID: prefix + "x", Status: "active", Email: "b@x", Age: 99, Seen: guardedAt, Born: guardedAt})
}

// searchJS writes searchItems("js") with Dynamoose.
const searchJS = `
for (let i = 0; i < 5; i++) {
  await Item.create({ id: "js" + i, status: i == 4 ? "closed" : "active", email: "a@x", age: 20 + 10 * i,
    seen: new Date(input.at + i * 3600e3), born: new Date(input.at + i * 3600e3),
    tags: new Set(i % 2 == 0 ? ["blue", "red"] : ["blue"]) });
}
await Item.create({ id: "jsx", status: "active", email: "b@x", age: 99, seen: new Date(input.at), born: new Date(input.at) });
`

// searchWant holds the ids each query of the search tests finds, for the prefix of the items.
func searchWant(p string) map[string][]string {
	ids := func(n ...int) []string {
		var s []string
		for _, i := range n {
			s = append(s, fmt.Sprint(p, i))
		}
		return s
	}
	return map[string][]string{
		"ageGt":     ids(2, 3, 4),
		"filterIn":  ids(2, 3),
		"contains":  ids(0, 2, 4),
		"seconds":   ids(0, 1),
		"iso":       ids(3, 4),
		"paged":     ids(0, 1, 2, 3, 4),
		"scanRange": ids(1, 2),
	}
}

// TestDynamooseQueriesDynamodelItems has Dynamoose query and scan Dynamodel's items: a query
// through the email index with a range condition on another attribute (a filter), .filter
// with in, contains on a set, comparisons of dates stored in seconds and ISO text, pages of
// one item followed by startAt, and a scan filtered by between; and checks the ids found.
func TestDynamooseQueriesDynamodelItems(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "searchjs")
	for _, it := range searchItems("go") {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var got map[string][]string
	cut := guardedAt.Add(90 * time.Minute)
	dynamoosetest.Run(t, guardedJS+`
const ids = (items) => [...items].map((i) => i.id).sort();
const q = () => Item.query("email").eq("a@x").using("emailGlobalIndex");
const paged = [];
let last;
for (let n = 0; n < 20; n++) {
  let page = q().limit(1);
  if (last) page = page.startAt(last);
  const res = await page.exec();
  paged.push(...res.map((i) => i.id));
  last = res.lastKey;
  if (!last) break;
}
out({
  ageGt: ids(await Item.query("email").eq("a@x").where("age").gt(35).exec()),
  filterIn: ids(await q().filter("age").in([40, 50, 99]).exec()),
  contains: ids(await q().filter("tags").contains("red").exec()),
  // Dynamoose 4.2 sends a Date in a condition as is: give dates as stored.
  seconds: ids(await q().filter("seen").lt(Math.round(input.cut / 1000)).exec()),
  iso: ids(await q().filter("born").gt(new Date(input.cut + 3600e3).toISOString()).exec()),
  paged: paged.sort(),
  scanRange: ids(await Item.scan("age").between(25, 45).exec()),
});
`, map[string]any{"table": table, "cut": cut.UnixMilli()}, &got)
	if diff := cmp.Diff(searchWant("go"), got); diff != "" {
		t.Errorf("Dynamoose's queries of Dynamodel's items (-want +got):\n%s", diff)
	}
}

// TestDynamodelQueriesDynamooseItems runs the same queries and scans with Dynamodel on
// Dynamoose's items: one condition for the key and the filter, Filter, a set's Contains,
// time.Time compared with dates in seconds and ISO text, pages of one item by cursor.
func TestDynamodelQueriesDynamooseItems(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, guardedSchema, "searchgo")
	dynamoosetest.Run(t, guardedJS+searchJS, map[string]any{"table": table, "at": guardedAt.UnixMilli()}, nil)
	cut := guardedAt.Add(90 * time.Minute)
	email := model.Where("email").Eq("a@x")
	ids := func(name string, seq func(yield func(guardedItem, error) bool)) []string {
		var s []string
		for it, err := range seq {
			if err != nil {
				t.Fatalf("Dynamodel %s = %v", name, err)
			}
			s = append(s, it.ID)
		}
		slices.Sort(s)
		return s
	}
	q := m.Query(email).Index("emailGlobalIndex")
	got := map[string][]string{
		"ageGt":     ids("ageGt", m.Query(email.And(model.Where("age").Gt(35))).All(ctx(t))),
		"filterIn":  ids("filterIn", q.Filter(model.Where("age").In(40, 50, 99)).All(ctx(t))),
		"contains":  ids("contains", q.Filter(model.Where("tags").Contains("red")).All(ctx(t))),
		"seconds":   ids("seconds", q.Filter(model.Where("seen").Lt(cut)).All(ctx(t))),
		"iso":       ids("iso", q.Filter(model.Where("born").Gt(cut.Add(time.Hour))).All(ctx(t))),
		"scanRange": ids("scanRange", m.Scan().Filter(model.Where("age").Between(25, 45)).All(ctx(t))),
	}
	cursor := ""
	for range 20 {
		page, err := q.Limit(1).Page(ctx(t), cursor)
		if err != nil {
			t.Fatalf("Dynamodel Page = %v", err)
		}
		for _, it := range page.Items {
			got["paged"] = append(got["paged"], it.ID)
		}
		if cursor = page.Cursor; cursor == "" {
			break
		}
	}
	slices.Sort(got["paged"])
	if diff := cmp.Diff(searchWant("js"), got); diff != "" {
		t.Errorf("Dynamodel's queries of Dynamoose's items (-want +got):\n%s", diff)
	}
}
