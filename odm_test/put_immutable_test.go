package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// TestPutLeavesItemAlone: "The caller's item is never modified: the pipeline works on
// a copy (nested pointers, slices and maps it changes are copied too)." Defaults, case
// transforms, timestamps and expiry on nested values must not reach the caller's struct or
// map.
func TestPutLeavesItemAlone(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	t.Run("struct", func(t *testing.T) {
		s := schema.Must(schema.For[User](
			schema.Attr("id", schema.HashKey()),
			schema.Attr("email", schema.Lowercase()),
			schema.Attr("role", schema.Default("member")),
			schema.Attr("address.city", schema.Uppercase()),
			schema.Attr("items.sku", schema.Trim()),
			schema.Attr("tags", schema.Uppercase()),
			schema.Timestamps(),
		))
		users, _ := newModel[User](t, ctx, s, "immut")
		u := User{ID: "u1", Email: "A@B.CO", Address: &Address{City: "oslo"}, Items: []Line{{" x ", 1}}, Tags: []string{"a"}}
		want := User{ID: "u1", Email: "A@B.CO", Address: &Address{City: "oslo"}, Items: []Line{{" x ", 1}}, Tags: []string{"a"}}
		var stored User
		if err := users.Create(ctx, &u, model.ReturnStored(&stored)); err != nil {
			t.Fatalf("Create = %v", err)
		}
		if diff := cmp.Diff(u, want); diff != "" {
			t.Errorf("Create changed the caller's item (-got +want):\n%s", diff)
		}
		if stored.Email != "a@b.co" || stored.Role != "member" || stored.Address.City != "OSLO" || stored.Items[0].SKU != "x" || stored.Tags[0] != "A" {
			t.Errorf("ReturnStored = %+v; want the transformed item", stored)
		}
	})
	t.Run("map", func(t *testing.T) {
		s := schema.Must(schema.New(
			schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
			schema.Attr("home", schema.Map(
				schema.Attr("city", schema.Type(attr.S), schema.Uppercase()),
				schema.Attr("zip", schema.Type(attr.S), schema.Default("0000")),
			)),
			schema.Attr("lines", schema.List(schema.Map(schema.Attr("sku", schema.Type(attr.S), schema.Trim())))),
			schema.Timestamps(),
		))
		m, _ := newModel[map[string]any](t, ctx, s, "immutmap")
		item := map[string]any{"id": "m1", "home": map[string]any{"city": "oslo"}, "lines": []any{map[string]any{"sku": " x "}}}
		want := map[string]any{"id": "m1", "home": map[string]any{"city": "oslo"}, "lines": []any{map[string]any{"sku": " x "}}}
		if err := m.Put(ctx, &item); err != nil {
			t.Fatalf("Put = %v", err)
		}
		if diff := cmp.Diff(item, want); diff != "" {
			t.Errorf("Put changed the caller's map (-got +want):\n%s", diff)
		}
	})
}
