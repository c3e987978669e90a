package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
)

// TestCancelledContext: "Every call takes a context and stops promptly when it is
// cancelled." With a cancelled context every operation returns at once with an error that
// matches context.Canceled, and writes nothing.
func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, _ := newModel[listsItem](t, ctx, listsItemSchema, "cancel")
	if err := m.Put(ctx, &listsItem{ID: "a", Log: []string{"x"}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	done, stop := context.WithCancel(ctx)
	stop()
	first := func(seq func(func(listsItem, error) bool)) error {
		var err error
		seq(func(_ listsItem, e error) bool { err = e; return e == nil })
		return err
	}
	tests := []struct {
		name string
		run  func() error
	}{
		{"Get", func() error { _, err := m.Get(done, model.Key{Hash: "a"}); return err }},
		{"Put", func() error { return m.Put(done, &listsItem{ID: "b"}) }},
		{"Delete", func() error { return m.Delete(done, model.Key{Hash: "a"}) }},
		{"Update", func() error {
			_, err := m.Update(model.Key{Hash: "a"}).Set("log", []string{"y"}).Exec(done)
			return err
		}},
		{"Query.All", func() error { return first(m.Query(model.Where("id").Eq("a")).All(done)) }},
		{"Query.Page", func() error { _, err := m.Query(model.Where("id").Eq("a")).Page(done, ""); return err }},
		{"Query.Count", func() error { _, err := m.Query(model.Where("id").Eq("a")).Count(done); return err }},
		{"Scan.All", func() error { return first(m.Scan().All(done)) }},
		{"Scan.Segments", func() error { return first(m.Scan().Segments(4).All(done)) }},
		{"Scan.Count", func() error { _, err := m.Scan().Segments(2).Count(done); return err }},
		{"BatchGet", func() error { _, err := m.BatchGet(done, []model.Key{{Hash: "a"}}); return err }},
		{"BatchPut", func() error { return m.BatchPut(done, []*listsItem{{ID: "c"}}) }},
		{"BatchDelete", func() error { return m.BatchDelete(done, []model.Key{{Hash: "a"}}) }},
		{"TransactWrite", func() error { return model.TransactWrite(done, m.TxPut(&listsItem{ID: "d"})) }},
		{"TransactGet", func() error {
			var v listsItem
			_, err := model.TransactGet(done, m.TxGet(model.Key{Hash: "a"}, &v))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := tt.run()
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s(cancelled) = %v; want an error matching context.Canceled", tt.name, err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s(cancelled) took %v; want it to return promptly", tt.name, d)
			}
		})
	}
	if n, err := m.Scan().Consistent().Count(ctx); err != nil || n != 1 {
		t.Errorf("Scan().Count() = %d, %v; want 1 (nothing written or deleted)", n, err)
	}
}
