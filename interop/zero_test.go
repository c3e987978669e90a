package interop_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestZeroEnumFieldStoredEmpty pins a documented difference: a struct's enum field left at its
// zero value passes Dynamodel's enum check (the zero value counts as absent) and is stored as
// "" unless tagged omitempty; Dynamoose reads the item but refuses to save it back, as "" is
// not in its enum.
func TestZeroEnumFieldStoredEmpty(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "zeroenum")
	if err := m.Put(ctx(t), &plainItem{ID: "go", Name: "n"}); err != nil {
		t.Fatalf("Dynamodel Put of an item with no color = %v", err)
	}
	if c := stored(t, table, "go")["color"]; !cmp.Equal(c, map[string]any{"S": ""}) {
		t.Errorf("Dynamodel stored color = %v; docs/migration.md says the zero value is stored as \"\"", c)
	}
	var saved string
	dynamoosetest.Run(t, plainJS+`
const it = await Item.get("go");
try { await it.save(); out("saved " + JSON.stringify(it.color)); } catch (e) { out(String(e)); }
`, map[string]any{"table": table}, &saved)
	if !strings.Contains(saved, "ValidationError") || !strings.Contains(saved, "color") {
		t.Errorf("Dynamoose's save of the item it read = %q; want a ValidationError on color", saved)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("color", "").Exec(ctx(t)); err == nil {
		t.Errorf("Dynamodel Update Set(color, \"\") = nil; want the enum to refuse it")
	}
}
