package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type ticket struct {
	ID      string `dynamo:"id"`
	Status  string `dynamo:"status,omitempty"`
	Note    string `dynamo:"note,omitempty"`
	Version int    `dynamo:"version,omitempty"`
}

// TestUpdateDefaultsAsDynamoose checks against the server that an update applies defaults as
// Dynamoose does: REMOVE of an attribute with a default stores the default, and a
// ForceDefault attribute is set to its default by every update.
func TestUpdateDefaultsAsDynamoose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[ticket](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("status", schema.Default("open")),
		schema.Attr("version", schema.Default(2), schema.ForceDefault()),
	))
	tickets, _ := newModel[ticket](t, ctx, s, "tickets")
	if err := tickets.Put(ctx, &ticket{ID: "t", Status: "closed", Note: "n"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	steps := []struct {
		name string
		u    model.Update[ticket]
		want ticket
	}{
		{"remove of a default attribute", tickets.Update(model.Key{Hash: "t"}).Remove("status"), ticket{ID: "t", Status: "open", Note: "n", Version: 2}},
		{"forced attribute set", tickets.Update(model.Key{Hash: "t"}).Set("version", 7), ticket{ID: "t", Status: "open", Note: "n", Version: 2}},
		{"other attribute changed", tickets.Update(model.Key{Hash: "t"}).Set("status", "closed").Remove("note"), ticket{ID: "t", Status: "closed", Version: 2}},
	}
	for _, st := range steps {
		if _, err := st.u.Exec(ctx); err != nil {
			t.Fatalf("%s: Update = %v", st.name, err)
		}
		got, err := tickets.Get(ctx, model.Key{Hash: "t"}, model.Consistent())
		if err != nil {
			t.Fatalf("%s: Get = %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: stored (-want +got):\n%s", st.name, diff)
		}
	}
}

type tagged struct {
	ID   string   `dynamo:"id"`
	Tags []string `dynamo:"tags,set"`
	Nums []int    `dynamo:"nums,set"`
}

// TestEmptySetRefusedBeforeSending checks against the server that an item holding an empty
// string or number set is refused with schema.ErrEmptySet before anything is sent (no item
// is written), where it used to be written without the attribute.
func TestEmptySetRefusedBeforeSending(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	items, _ := newModel[tagged](t, ctx, schema.Must(schema.For[tagged]()), "tagged")
	for _, item := range []*tagged{{ID: "s", Tags: []string{}}, {ID: "n", Nums: []int{}}} {
		err := items.Put(ctx, item)
		if !errors.Is(err, schema.ErrEmptySet) || !refusedBeforeSending(err) {
			t.Errorf("Put(%+v) = %v; want schema.ErrEmptySet before sending", item, err)
		}
		if _, err := items.Get(ctx, model.Key{Hash: item.ID}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(%s) after the refused Put = %v; want model.ErrNotFound", item.ID, err)
		}
	}
	if err := items.Put(ctx, &tagged{ID: "ok", Tags: []string{"a"}}); err != nil {
		t.Errorf("Put of a set with a member = %v", err)
	}
}
