package interop_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// leaseItem expires through an attribute of its own name, expiresAt.
type leaseItem struct {
	ID        string    `dynamo:"id"`
	N         int       `dynamo:"n"`
	Owner     string    `dynamo:"owner"`
	ExpiresAt time.Time `dynamo:"expiresAt,seconds,omitempty"`
}

func leaseSchema(hide bool) *schema.Schema[leaseItem] {
	opts := []schema.ExpiresOption{schema.TTLAttribute("expiresAt")}
	if hide {
		opts = append(opts, schema.HideExpired())
	}
	return schema.Must(schema.For[leaseItem](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("n", schema.RangeKey()),
		schema.Attr("owner", schema.Index()),
		schema.Expires(time.Hour, opts...),
	))
}

// TestExpiredItemsLeftOutOfReadsBothWays checks expiry under another attribute name
// (expires.attribute) with returnExpired false: each side writes two live items and one
// past its time, and leaves the other's expired item out of its get, batch get, query
// (on the table and through an index) and scan. Two differences are pinned: Dynamoose's
// count counts the expired item (Dynamodel's does not), and its batchGet throws on it. With
// returnExpired left true (Dynamodel without HideExpired) both read it.
func TestExpiredItemsLeftOutOfReadsBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, leaseSchema(true), "lease")
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, it := range []leaseItem{{ID: "go", N: 1, Owner: "go"}, {ID: "go", N: 2, Owner: "go", ExpiresAt: past}, {ID: "go", N: 3, Owner: "go"}} {
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	const leaseJS = `
const model = (returnExpired) => dynamoose.model(input.table, new dynamoose.Schema({
  id: { type: String, hashKey: true },
  n: { type: Number, rangeKey: true },
  owner: { type: String, index: true },
}), { ...noTables, expires: { ttl: 3600 * 1000, attribute: "expiresAt", items: { returnExpired } } });
`
	var fromGo map[string][]int
	dynamoosetest.Run(t, leaseJS+`
const Item = model(false);
for (const n of [1, 2, 3]) {
  await Item.create({ id: "js", n, owner: "js", ...(n === 2 ? { expiresAt: new Date(input.past) } : {}) });
}
const ns = (items) => items.map((i) => i.n).sort();
const shown = model(true);
out({
  get: ns((await Promise.all([1, 2, 3].map((n) => Item.get({ id: "go", n })))).filter(Boolean)),
  batch: ns(await Item.batchGet([1, 3].map((n) => ({ id: "go", n })))),
  // Dynamoose 4.2's batchGet throws on an expired item it hides (docs/migration.md §9).
  batchExpired: await Item.batchGet([1, 2, 3].map((n) => ({ id: "go", n }))).then(() => [], (e) => [e instanceof TypeError ? 1 : 0]),
  query: ns(await Item.query("id").eq("go").exec()),
  index: ns(await Item.query("owner").eq("go").using("ownerGlobalIndex").exec()),
  scan: ns((await Item.scan().exec()).filter((i) => i.id === "go")),
  count: [(await Item.query("id").eq("go").count().exec()).count],
  shown: ns(await shown.query("id").eq("go").exec()),
});
`, map[string]any{"table": table, "past": past.UnixMilli()}, &fromGo)
	want := map[string][]int{"get": {1, 3}, "batch": {1, 3}, "query": {1, 3}, "index": {1, 3}, "scan": {1, 3}, "shown": {1, 2, 3}}
	// Dynamoose counts what the server counts, expired items too; Dynamodel filters them out
	// on the server, so a count matches what a query returns (docs/migration.md §9).
	wantJS := map[string][]int{"batchExpired": {1}, "count": {3}}
	for name, w := range merged(want, wantJS) {
		if got := fromGo[name]; !slices.Equal(got, w) {
			t.Errorf("Dynamoose's %s of Dynamodel's items = %v; want %v", name, got, w)
		}
	}

	fromJS := map[string][]int{}
	collect := func(name string, seq func(yield func(leaseItem, error) bool)) {
		t.Helper()
		for it, err := range seq {
			if err != nil {
				t.Fatalf("Dynamodel %s = %v", name, err)
			}
			if it.ID == "js" {
				fromJS[name] = append(fromJS[name], it.N)
			}
		}
		slices.Sort(fromJS[name])
	}
	for n := 1; n <= 3; n++ {
		if it, err := m.Get(ctx(t), model.Key{Hash: "js", Range: n}); err == nil {
			fromJS["get"] = append(fromJS["get"], it.N)
		} else if !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("Dynamodel Get = %v", err)
		}
	}
	batch, err := m.BatchGet(ctx(t), []model.Key{{Hash: "js", Range: 1}, {Hash: "js", Range: 2}, {Hash: "js", Range: 3}})
	if err != nil {
		t.Fatalf("Dynamodel BatchGet = %v", err)
	}
	for _, it := range batch {
		if it != nil {
			fromJS["batch"] = append(fromJS["batch"], it.N)
		}
	}
	collect("query", m.Query(model.Where("id").Eq("js")).All(ctx(t)))
	collect("index", m.Query(model.Where("owner").Eq("js")).Index("ownerGlobalIndex").All(ctx(t)))
	collect("scan", m.Scan().All(ctx(t)))
	count, err := m.Query(model.Where("id").Eq("js")).Count(ctx(t))
	if err != nil {
		t.Fatalf("Dynamodel Count = %v", err)
	}
	fromJS["count"] = []int{count}
	shown, err := model.New[leaseItem](dynamotest.Client(), table, leaseSchema(false))
	if err != nil {
		t.Fatal(err)
	}
	collect("shown", shown.Query(model.Where("id").Eq("js")).All(ctx(t)))
	for name, w := range merged(want, map[string][]int{"count": {2}}) {
		if got := fromJS[name]; !slices.Equal(got, w) {
			t.Errorf("Dynamodel's %s of Dynamoose's items = %v; want %v", name, got, w)
		}
	}
	key := func(id, n string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": avS(id), "n": avN(n)}
	}
	for _, n := range []string{"1", "2", "3"} {
		sameStored(t, table, key("js", n), key("go", n), "owner", "expiresAt")
	}
	if js, gv := storedAt(t, table, key("js", "2"))["expiresAt"], storedAt(t, table, key("go", "2"))["expiresAt"]; !cmp.Equal(js, gv) {
		t.Errorf("stored expiresAt of the expired items: Dynamoose %v, Dynamodel %v", js, gv)
	}
}

func merged[K comparable, V any](a, b map[K]V) map[K]V {
	m := map[K]V{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}
