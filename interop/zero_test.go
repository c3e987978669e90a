package interop_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/validate"
)

// TestZeroEnumFieldRefusedAsByDynamoose checks that a struct's enum field left at its zero
// value, which a put stores as "" (the field is not tagged omitempty), is refused by the
// enum, as Dynamoose refuses to save "" outside its enum; an update to "" is refused too.
// Dynamodel stored it, and Dynamoose then refused to save back the item it read.
func TestZeroEnumFieldRefusedAsByDynamoose(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "zeroenum")
	err := m.Put(ctx(t), &plainItem{ID: "go", Name: "n"})
	var ve *validate.Error
	if !errors.As(err, &ve) || ve.Field("color") == nil || ve.Field("color").Rule != "enum" {
		t.Fatalf("Dynamodel Put of an item with no color = %v; want a *validate.Error with color:enum", err)
	}
	var saved string
	dynamoosetest.Run(t, plainJS+`
try { await new Item({ id: "js", name: "n", color: "" }).save(); out("saved"); } catch (e) { out(String(e)); }
`, map[string]any{"table": table}, &saved)
	if !strings.Contains(saved, "ValidationError") || !strings.Contains(saved, "color") {
		t.Errorf("Dynamoose's save of color \"\" = %q; want a ValidationError on color", saved)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("color", "").Exec(ctx(t)); err == nil {
		t.Errorf("Dynamodel Update Set(color, \"\") = nil; want the enum to refuse it")
	}
}
