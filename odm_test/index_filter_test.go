package odm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type statusOrder struct {
	ID     string `dynamo:"id"`
	Status string `dynamo:"status"`
	Total  int    `dynamo:"total"`
}

// TestKeysOnlyIndexWithOwnFilter: a model adds its own filter to every query — the
// expiry filter with HideExpired, the entity filter with WithEntity — but DynamoDB refuses a
// filter on attributes a secondary index does not project. Such an index is passed over by
// the planner, and a query that only it could serve (or that names it), like a scan of it,
// is refused before sending with an error that names the index and the attribute to project
// (docs/model.md). An index that projects the attribute, and a model without such a filter,
// read the index as usual.
func TestKeysOnlyIndexWithOwnFilter(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	keysOnly := schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.KeysOnly()))
	tests := []struct {
		name string
		s    *schema.Schema[statusOrder]
		opts []model.Option
		need string // the attribute the model's filter reads; "" for none
	}{
		{"HideExpired", schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()), keysOnly,
			schema.Expires(time.Hour, schema.HideExpired()))), nil, "ttl"},
		{"WithEntity", schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()), keysOnly)),
			[]model.Option{model.WithEntity("type", "order")}, "type"},
		{"HideExpired, expiry projected", schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()),
			schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.Project("ttl"))),
			schema.Expires(time.Hour, schema.HideExpired()))), nil, ""},
		{"WithEntity, entity projected", schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()),
			schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.Project("type"))))),
			[]model.Option{model.WithEntity("type", "order")}, ""},
		{"no filter of the model", schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()), keysOnly,
			schema.Expires(time.Hour))), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newModel[statusOrder](t, ctx, tt.s, "keysonly", tt.opts...)
			if err := m.Put(ctx, &statusOrder{ID: "o1", Status: "paid", Total: 5}); err != nil {
				t.Fatalf("Put = %v", err)
			}
			// The table serves a query that fits it, whatever the index projects.
			both := m.Query(model.Where("id").Eq("o1").And(model.Where("status").Eq("paid")))
			if n, err := both.Count(ctx); err != nil || n != 1 {
				t.Errorf("Query(id = o1 and status = paid).Count() = %d, %v; want 1, nil", n, err)
			}
			byStatus := []struct {
				name string
				q    model.Query[statusOrder]
			}{
				{"planned", m.Query(model.Where("status").Eq("paid"))},
				{"named", m.Query(model.Where("status").Eq("paid")).Index("byStatus")},
				{"projected", m.Query(model.Where("status").Eq("paid")).Project("id")},
			}
			for _, q := range byStatus {
				n, cerr := q.q.Count(ctx)
				var ids []string
				var aerr error
				// The index does not project total (nor does Project("id")): the items are partial.
				for o, err := range q.q.AllPartial(ctx) {
					if err != nil {
						aerr = err
						break
					}
					ids = append(ids, o.Item.ID)
				}
				if tt.need == "" {
					if cerr != nil || n != 1 {
						t.Errorf("%s: Query(status = paid).Count() = %d, %v; want 1, nil", q.name, n, cerr)
					}
					if aerr != nil || len(ids) != 1 || ids[0] != "o1" {
						t.Errorf("%s: Query(status = paid).All() = %v, %v; want [o1]", q.name, ids, aerr)
					}
					continue
				}
				for _, err := range []error{cerr, aerr} {
					var in *model.InputError
					if !errors.As(err, &in) || !errors.Is(err, index.ErrNoIndex) ||
						!strings.Contains(err.Error(), `"byStatus"`) || !strings.Contains(err.Error(), `"`+tt.need+`"`) {
						t.Errorf("%s: Query(status = paid) = %v; want a *model.InputError matching index.ErrNoIndex naming byStatus and %q", q.name, err, tt.need)
					}
				}
			}
			var serr error
			var ids []string
			for o, err := range m.Scan().Index("byStatus").AllPartial(ctx) {
				if err != nil {
					serr = err
					break
				}
				ids = append(ids, o.Item.ID)
			}
			var in *model.InputError
			switch {
			case tt.need == "" && (serr != nil || len(ids) != 1):
				t.Errorf("Scan().Index(byStatus).All() = %v, %v; want [o1]", ids, serr)
			case tt.need != "" && (!errors.As(serr, &in) || !strings.Contains(serr.Error(), `"`+tt.need+`"`)):
				t.Errorf("Scan().Index(byStatus).All() = %v; want a *model.InputError naming %q", serr, tt.need)
			}
		})
	}
}
