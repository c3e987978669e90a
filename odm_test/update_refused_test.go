package odm_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type profileItem struct {
	ID      string    `dynamo:"id"`
	Kind    string    `dynamo:"kind"`
	Email   string    `dynamo:"email"`
	Tags    []string  `dynamo:"tags,set,omitempty"`
	Home    *Address  `dynamo:"home,omitempty"`
	Lines   []Line    `dynamo:"lines,omitempty"`
	Visits  int       `dynamo:"visits,omitempty"`
	Updated time.Time `dynamo:"updatedAt,omitempty"`
}

var profileItemSchema = schema.Must(schema.For[profileItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("kind", schema.Constant("profile")),
	schema.Attr("email", schema.Required()),
	schema.Attr("tags", schema.Required()),
	schema.Attr("home.city", schema.Required()),
	schema.Attr("lines.sku", schema.Required()),
	schema.UpdatedAt("updatedAt", attr.TimeMillis),
))

// TestUpdateRefusedBeforeSending checks the update rules of DESIGN.md ("updates are
// validated per operator") on the server: each refused update is a typed error, and the
// stored item is unchanged.
func TestUpdateRefusedBeforeSending(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, _ := newModel[profileItem](t, ctx, profileItemSchema, "updrules")
	key := model.Key{Hash: "p1"}
	if err := m.Put(ctx, &profileItem{ID: "p1", Email: "a@b.co", Tags: []string{"t"}, Home: &Address{City: "Oslo"}, Lines: []Line{{"s", 1}}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	before, err := m.Get(ctx, key, model.Consistent())
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	u := m.Update(key)
	tests := []struct {
		name string
		u    model.Update[profileItem]
	}{
		{"remove a required attribute", u.Remove("email")},
		{"remove a required nested attribute", u.Remove("home.city")},
		{"remove a required attribute of a list element", u.Remove("lines[0].sku")},
		{"remove the key", u.Remove("id")},
		{"set a constant", u.Set("kind", "other")},
		{"set without a value", u.Set("email", nil)},
		{"empty set into a required set", u.Set("tags", []string{})},
		{"map without its required attribute", u.Set("home", &Address{Zip: "0150"})},
		{"list element without its required attribute", u.Set("lines[0]", Line{Qty: 2})},
		{"element of the wrong type", u.Set("lines[0].qty", "two")},
		{"add to a list", u.Add("lines", []Line{{"x", 1}})},
		{"add a fraction to an int", u.Increment("visits", 1.5)},
		{"delete from a number", u.Delete("visits", []int{1})},
		{"delete a value of another type", u.Delete("tags", []int{1})},
		{"remove updatedAt, which the update sets", u.Remove("updatedAt")},
		{"unknown attribute", u.Set("nickname", "x")},
		{"no changes", u},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.u.Exec(ctx); !refusedBeforeSending(err) {
				t.Errorf("Exec() = %v; want a typed error before sending", err)
			}
		})
	}
	after, err := m.Get(ctx, key, model.Consistent())
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	if diff := cmp.Diff(after, before); diff != "" {
		t.Errorf("item changed by refused updates (-got +want):\n%s", diff)
	}
}

// TestTransactionRefusedBeforeSending: more than 100 actions, and two actions on one
// item, are refused before sending, and nothing is written.
func TestTransactionRefusedBeforeSending(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, _ := newModel[listsItem](t, ctx, listsItemSchema, "txrules")
	var many []model.WriteAction
	for i := range model.MaxTransactionActions + 1 {
		many = append(many, m.TxPut(&listsItem{ID: fmt.Sprintf("i%d", i)}))
	}
	tests := []struct {
		name    string
		actions []model.WriteAction
	}{
		{"101 actions", many},
		{"one item twice", []model.WriteAction{m.TxPut(&listsItem{ID: "i0"}), m.Update(model.Key{Hash: "i0"}).Set("log", []string{"x"}).Tx()}},
		{"a refused action", []model.WriteAction{m.TxPut(&listsItem{ID: "i0"}), m.TxPut(&listsItem{ID: ""})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := model.TransactWrite(ctx, tt.actions...); !refusedBeforeSending(err) {
				t.Errorf("TransactWrite = %v; want a typed error before sending", err)
			}
		})
	}
	if n, err := m.Scan().Count(ctx); err != nil || n != 0 {
		t.Errorf("Scan().Count() = %d, %v; want 0, nil", n, err)
	}
}
