package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type stagedLine struct {
	SKU string `dynamo:"sku"`
	Qty int    `dynamo:"qty" validate:"min=1"`
}

type staged struct {
	ID    string       `dynamo:"id"`
	Stage []string     `dynamo:"stage"`
	Level int          `dynamo:"level"`
	Lines []stagedLine `dynamo:"lines"`
}

// TestForceDefaultAndZeroChecksOnServer checks against the server that an Append, Prepend or
// Decrement of a ForceDefault attribute leaves its default stored (the default was appended
// to the stored list, or subtracted from the stored number), and that a put of an element
// whose field holds a zero its validator refuses is refused, as an update setting it is (the
// put stored lines[0].qty 0 under min=1).
func TestForceDefaultAndZeroChecksOnServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[staged](
		schema.Attr("stage", schema.Default([]string{"draft"}), schema.ForceDefault()),
		schema.Attr("level", schema.Default(3), schema.ForceDefault()),
	))
	m, _ := newModel[staged](t, ctx, s, "staged")
	if err := m.Put(ctx, &staged{ID: "s1", Lines: []stagedLine{{SKU: "a", Qty: 1}}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	updates := map[string]model.Update[staged]{
		"append":    m.Update(model.Key{Hash: "s1"}).Append("stage", []string{"x"}),
		"prepend":   m.Update(model.Key{Hash: "s1"}).Prepend("stage", []string{"x"}),
		"decrement": m.Update(model.Key{Hash: "s1"}).Decrement("level", 1),
	}
	for name, u := range updates {
		got, err := u.Exec(ctx)
		if err != nil {
			t.Fatalf("%s: Exec = %v", name, err)
		}
		if !cmp.Equal(got.Stage, []string{"draft"}) || got.Level != 3 {
			t.Errorf("%s: stored stage %v, level %d; want the defaults [draft], 3", name, got.Stage, got.Level)
		}
	}

	err := m.Put(ctx, &staged{ID: "s2", Lines: []stagedLine{{SKU: "a"}}})
	var ve *validate.Error
	if !errors.As(err, &ve) || ve.Field("lines[0].qty") == nil {
		t.Errorf("Put of lines[0].qty 0 = %v; want a *validate.Error at lines[0].qty", err)
	}
	_, err = m.Update(model.Key{Hash: "s1"}).Set("lines[0].qty", 0).Exec(ctx)
	if !errors.As(err, &ve) || ve.Field("lines[0].qty") == nil {
		t.Errorf("Update Set(lines[0].qty, 0) = %v; want a *validate.Error at lines[0].qty", err)
	}
	if _, err := m.Get(ctx, model.Key{Hash: "s2"}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Get(s2) = %v; want ErrNotFound: the refused put wrote nothing", err)
	}
}
