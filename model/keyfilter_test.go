package model

import (
	"errors"
	"strings"
	"testing"
)

// TestQueryRefusesKeyFilter checks that a condition on a key of the table or index queried that
// the key condition cannot hold is refused before sending with ErrKeyFilter, naming the key,
// its role and where, and that the same condition on an attribute that is not a key of what is
// queried is filtered as usual.
func TestQueryRefusesKeyFilter(t *testing.T) {
	r := &recorder{}
	m := newOrders(t, r)
	tests := []struct {
		name string
		q    Query[order]
		want string // "" for a query that is sent
	}{
		{"<> on the range key", m.Query(Where("customer").Eq("c").And(Where("id").Ne(3))), `names "id", the range key of the table`},
		{"IN on the range key", m.Query(Where("customer").Eq("c").And(Where("id").In(1, 2))), `names "id", the range key of the table`},
		{"exists in a Filter", m.Query(Where("customer").Eq("c")).Filter(Where("id").Exists()), `names "id", the range key of the table`},
		{"second equality on the hash key", m.Query(Where("customer").Eq("c").And(Where("customer").Eq("d"))), `names "customer", the hash key of the table`},
		{"range key of the index", m.Query(Where("customer").Eq("c").And(Where("placed").Ne(nil))).Index("byPlaced"), `the range key of index "byPlaced"`},
		{"<> on another attribute", m.Query(Where("customer").Eq("c").And(Where("status").Ne("new"))), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.q.Explain()
			if tt.want == "" {
				if err != nil {
					t.Errorf("Explain() = %v; want the query planned", err)
				}
				return
			}
			var ie *InputError
			if !errors.Is(err, ErrKeyFilter) || !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Explain() = %v; want an *InputError wrapping ErrKeyFilter containing %q", err, tt.want)
			}
		})
	}
	if len(r.requests) != 0 {
		t.Errorf("sent %d requests; want none", len(r.requests))
	}
}
