package interop_test

import (
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestAddOrDeleteOfOneElementRefusedBothWays checks that both refuse, before sending, an
// ADD or DELETE on a string set given one string instead of a set, and leave the set as it
// was.
func TestAddOrDeleteOfOneElementRefusedBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, counterSchema, "addone")
	if err := m.Put(ctx(t), &counterItem{ID: "go", Tags: []string{"a"}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	for name, u := range map[string]model.Update[counterItem]{
		"Add":    m.Update(model.Key{Hash: "go"}).Add("tags", "c"),
		"Delete": m.Update(model.Key{Hash: "go"}).Delete("tags", "a"),
	} {
		if _, err := u.Exec(ctx(t)); err == nil || !strings.Contains(err.Error(), "want SS") {
			t.Errorf("Dynamodel %s of one string to a string set = %v; want it refused (want SS)", name, err)
		}
	}
	var res map[string]string
	dynamoosetest.Run(t, counterJS+`
await Item.create({ id: "js", count: 0, tags: new Set(["a"]) });
out({
  add: await Item.update({ id: "js" }, { $ADD: { tags: "c" } }).then(() => "ok", (e) => e.name),
  del: await Item.update({ id: "js" }, { $DELETE: { tags: "a" } }).then(() => "ok", (e) => e.name),
});
`, map[string]any{"table": table}, &res)
	if res["add"] != "TypeMismatch" || res["del"] != "TypeMismatch" {
		t.Errorf("Dynamoose's $ADD and $DELETE of one string to a string set: %v; want both TypeMismatch", res)
	}
	sameStorage(t, table, "js", "go", "createdAt", "updatedAt")
}
