package interop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
)

// TestNestedSetAndListAppendSameOnBothSides has each side write the same item, then update
// address.city (Dynamodel's Set of the nested path; Dynamoose sets the whole object, as it
// takes "address.city" for the name of a top-level attribute) and append to a list of
// strings and to a list of objects (Dynamoose's $ADD on a list, Dynamodel's Append), and
// checks that both updates leave the same stored item, which the other side reads. The item
// Dynamoose's dotted update leaves (address unchanged, a top-level "address.city") is read
// by Dynamodel as an unknown attribute and put back as it is.
func TestNestedSetAndListAppendSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "nestedupd")
	base := plainItem{ID: "go", Name: "n", Address: &address{City: "Lyon", Zip: 69001},
		Words: []string{"x"}, Lines: []address{{City: "A", Zip: 1}}, Color: "red"}
	if err := m.Put(ctx(t), &base); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("address.city", "Paris").
		Append("words", []string{"y", "z"}).Append("lines", []address{{City: "B", Zip: 2}}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, plainJS+`
const goItem = await Item.get("go");
// The same item as Dynamodel's (its zero values included), then the same update.
await Item.create(Object.assign({}, goItem, { id: "js" }, { address: { city: "Lyon", zip: 69001 }, words: ["x"], lines: [{ city: "A", zip: 1 }] }));
// Dynamoose 4.2 has no nested paths in updates: set the whole object.
await Item.update({ id: "js" }, { $SET: { address: { city: "Paris", zip: 69001 } }, $ADD: { words: ["y", "z"], lines: [{ city: "B", zip: 2 }] } });
// What it does with one: a top-level attribute named "address.city".
await Item.create(Object.assign({}, goItem, { id: "dot" }, { address: { city: "Lyon", zip: 69001 } }));
await Item.update({ id: "dot" }, { $SET: { "address.city": "Paris" } });
out(await Item.get("go"));
`, map[string]any{"table": table}, &fromGo)
	fromJS, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	if fromJS.Address == nil || *fromJS.Address != (address{City: "Paris", Zip: 69001}) ||
		len(fromJS.Words) != 3 || fromJS.Words[2] != "z" || len(fromJS.Lines) != 2 || fromJS.Lines[1] != (address{City: "B", Zip: 2}) {
		t.Errorf("Dynamodel's read of Dynamoose's updated item = %+v; want address Paris 69001, words [x y z], lines A then B", fromJS)
	}
	if got := fromGo["address"]; !sameAny(got, map[string]any{"city": "Paris", "zip": 69001.0}) {
		t.Errorf("Dynamoose's read of Dynamodel's updated address = %v", got)
	}
	if got := fromGo["words"]; !sameAny(got, []any{"x", "y", "z"}) {
		t.Errorf("Dynamoose's read of Dynamodel's updated words = %v", got)
	}
	sameStorage(t, table, "js", "go")

	before := stored(t, table, "dot")
	if city := before["address.city"]; !sameAny(city, map[string]any{"S": "Paris"}) {
		t.Errorf("Dynamoose's update of address.city stored the top-level \"address.city\" = %v; docs/migration.md says it does", city)
	}
	dot, err := m.Get(ctx(t), model.Key{Hash: "dot"})
	if err != nil {
		t.Fatalf("Dynamodel Get(dot) = %v", err)
	}
	if dot.Address.City != "Lyon" || dot.Extra["address.city"] != "Paris" {
		t.Errorf("Dynamodel's read of Dynamoose's dotted update: address %+v, unknown %v; want Lyon and address.city Paris", dot.Address, dot.Extra)
	}
	if err := m.Put(ctx(t), &dot); err != nil {
		t.Fatalf("Dynamodel Put(dot) = %v", err)
	}
	if diff := cmp.Diff(before, stored(t, table, "dot")); diff != "" {
		t.Errorf("Dynamodel's Put of its Get of the dotted item changed it (-before +after):\n%s", diff)
	}
}

// TestUpdateToNullAndRemoveSameOnBothSides has each side update the union [String, NULL] to
// null (Dynamodel's Set(path, nil)), remove an object and a list, and checks that both leave
// the same stored item; Dynamodel then deletes Dynamoose's item under the condition note = nil
// (NULL).
func TestUpdateToNullAndRemoveSameOnBothSides(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, plainSchema, "nullupd")
	base := plainItem{ID: "go", Name: "n", Note: attr.Some("x"), Address: &address{City: "Lyon", Zip: 1}, Lines: []address{{City: "A"}}, Color: "red"}
	if err := m.Put(ctx(t), &base); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "go"}).Set("note", nil).Remove("address", "lines").Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, plainJS+`
const goItem = await Item.get("go");
await Item.create(Object.assign({}, goItem, { id: "js", note: "x", address: { city: "Lyon", zip: 1 }, lines: [{ city: "A" }] }));
await Item.update({ id: "js" }, { $SET: { note: null }, $REMOVE: ["address", "lines"] });
out(await Item.get("go"));
`, map[string]any{"table": table}, &fromGo)
	if v, ok := fromGo["note"]; !ok || v != nil {
		t.Errorf("Dynamoose's read of Dynamodel's note set to nil = %v (present %v); want null", v, ok)
	}
	got, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	if !got.Note.Null || got.Address != nil || got.Lines != nil {
		t.Errorf("Dynamodel's read of Dynamoose's update = note %+v, address %v, lines %v; want NULL, none, none", got.Note, got.Address, got.Lines)
	}
	sameStorage(t, table, "js", "go")
	if err := m.Delete(ctx(t), model.Key{Hash: "js"}, model.If(model.Where("note").Eq(nil))); err != nil {
		t.Errorf("Dynamodel Delete of Dynamoose's item if note is NULL = %v", err)
	}
}
