package interop_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type visitItem struct {
	ID    string    `dynamo:"id"`
	Email string    `dynamo:"email"`
	At    time.Time `dynamo:"at,seconds"`
	Page  string    `dynamo:"page"`
}

var visitSchema = schema.Must(schema.For[visitItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Index(schema.IndexName("byEmail"), schema.IndexRangeKey("at"))),
	schema.Attr("page", schema.Index(schema.IndexName("byPage"), schema.KeysOnly())),
))

const visitJS = `
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  email: { type: String, index: { name: "byEmail", rangeKey: "at" } },
  at: { type: { value: Date, settings: { storage: "seconds" } } },
  page: { type: String, index: { name: "byPage", project: false } },
}), noTables);
`

// TestGlobalIndexWithDateRangeKeyBothWays checks a named global index whose range key is a
// date stored in seconds, and a keys-only index: each side queries the other's visits by
// email and a range of times (Dynamoose given the stored seconds), in both orders, and
// through the keys-only index.
func TestGlobalIndexWithDateRangeKeyBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, visitSchema, "visits")
	base := time.Date(2024, 9, 1, 12, 0, 0, 0, time.UTC)
	for i := range 4 {
		it := visitItem{ID: "go" + jsonInt(int64(i)), Email: "go@x", At: base.Add(time.Duration(i) * time.Hour), Page: "home"}
		if err := m.Put(ctx(t), &it); err != nil {
			t.Fatalf("Dynamodel Put = %v", err)
		}
	}
	var fromGo map[string][]string
	dynamoosetest.Run(t, visitJS+`
for (let i = 0; i < 4; i++) {
  await Item.create({ id: "js" + i, email: "js@x", at: new Date(input.base + i * 3600e3), page: "home" });
}
const s = input.base / 1000;
const q = () => Item.query("email").eq("go@x").where("at").between(s + 3600, s + 2 * 3600).using("byEmail");
out({
  between: (await q().exec()).map((i) => i.id),
  descending: (await Item.query("email").eq("go@x").using("byEmail").sort("descending").exec()).map((i) => i.id),
  keysOnly: (await Item.query("page").eq("home").using("byPage").exec()).map((i) => i.id).filter((id) => id.startsWith("go")).sort(),
});
`, map[string]any{"table": table, "base": base.UnixMilli()}, &fromGo)
	want := map[string][]string{"between": {"go1", "go2"}, "descending": {"go3", "go2", "go1", "go0"}, "keysOnly": {"go0", "go1", "go2", "go3"}}
	if diff := cmp.Diff(want, fromGo); diff != "" {
		t.Errorf("Dynamoose's queries of Dynamodel's visits (-want +got):\n%s", diff)
	}

	ids := func(seq func(func(visitItem, error) bool)) []string {
		var s []string
		for it, err := range seq {
			if err != nil {
				t.Fatalf("Dynamodel Query = %v", err)
			}
			s = append(s, it.ID)
		}
		return s
	}
	byEmail := model.Where("email").Eq("js@x")
	got := map[string][]string{
		"between":    ids(m.Query(byEmail.And(model.Where("at").Between(base.Add(time.Hour), base.Add(2*time.Hour)))).Index("byEmail").All(ctx(t))),
		"descending": ids(m.Query(byEmail).Index("byEmail").Descending().All(ctx(t))),
	}
	for p, err := range m.Query(model.Where("page").Eq("home")).Index("byPage").AllPartial(ctx(t)) {
		if err != nil {
			t.Fatalf("Dynamodel Query(byPage) = %v", err)
		}
		if p.Item.ID[:2] == "js" {
			got["keysOnly"] = append(got["keysOnly"], p.Item.ID)
		}
	}
	slices.Sort(got["keysOnly"])
	want = map[string][]string{"between": {"js1", "js2"}, "descending": {"js3", "js2", "js1", "js0"}, "keysOnly": {"js0", "js1", "js2", "js3"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dynamodel's queries of Dynamoose's visits (-want +got):\n%s", diff)
	}
}
