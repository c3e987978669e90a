package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type reviewOrder struct {
	ID     string `dynamo:"id"`
	Status string `dynamo:"status"`
	Total  int    `dynamo:"total"`
}

// TestReviewKeysOnlyIndexWithOwnFilter: a model adds its own filter to every query — the
// expiry filter with HideExpired, the entity filter with WithEntity — but DynamoDB refuses a
// filter on attributes a GSI does not project. The planner picks a KEYS_ONLY index without
// looking at what the filter needs, so every query of such an index fails with a
// ValidationException from the server, even a plain equality on its hash key, and the
// caller has no way to make it work.
func TestReviewKeysOnlyIndexWithOwnFilter(t *testing.T) {
	t.Skip("defect: queries of a KEYS_ONLY/INCLUDE GSI fail on the server when the model adds an expiry or entity filter; see review")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	byStatus := schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.KeysOnly()))
	tests := []struct {
		name string
		s    *schema.Schema
		opts []model.Option
	}{
		{"HideExpired", schema.Must(schema.For[reviewOrder](schema.Attr("id", schema.HashKey()), byStatus,
			schema.Expires(time.Hour, schema.HideExpired()))), nil},
		{"WithEntity", schema.Must(schema.For[reviewOrder](schema.Attr("id", schema.HashKey()), byStatus)),
			[]model.Option{model.WithEntity("type", "order")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newModel[reviewOrder](t, ctx, tt.s, "keysonly", tt.opts...)
			if err := m.Put(ctx, &reviewOrder{ID: "o1", Status: "paid", Total: 5}); err != nil {
				t.Fatalf("Put = %v", err)
			}
			q := m.Query(model.Where("status").Eq("paid"))
			if n, err := q.Count(ctx); err != nil || n != 1 {
				t.Errorf("Query(status = paid).Count() = %d, %v; want 1, nil", n, err)
			}
			var ids []string
			for o, err := range q.All(ctx) {
				if err != nil {
					t.Fatalf("Query(status = paid).All() error = %v", err)
				}
				ids = append(ids, o.ID)
			}
			if len(ids) != 1 || ids[0] != "o1" {
				t.Errorf("Query(status = paid).All() = %v; want [o1]", ids)
			}
		})
	}
}
