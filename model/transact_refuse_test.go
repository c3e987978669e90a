package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/hooks"
)

// TestTransactWriteRefusalsNameTheActions: TransactWrite and a unit of work refuse the same
// problems through one path: two actions on one item name both actions and the key, and a
// zero WriteAction is refused before any action is built (no before hook runs).
func TestTransactWriteRefusalsNameTheActions(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(m *Model[order]) error
		want string
	}{
		{"same item twice", func(m *Model[order]) error {
			return TransactWrite(ctx, m.TxPut(&order{Customer: "c", ID: 9}), m.Update(Key{"c", 1}).Increment("count", 1).Tx(),
				m.TxCheck(Key{"c", 1}, Where("status").Exists()))
		}, `model: transact write: action 1 (update dev_orders) and action 2 (check dev_orders) are on the same item (customer="c", id=1)`},
		{"a zero action after a put", func(m *Model[order]) error {
			return TransactWrite(ctx, m.TxPut(&order{Customer: "c", ID: 1}), WriteAction{})
		}, "model: transact write: action 1 is the zero WriteAction"},
		{"a zero action after a put, in a unit of work", func(m *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				return TransactWrite(ctx, m.TxPut(&order{Customer: "c", ID: 1}), WriteAction{})
			})
		}, "model: transact write: action 1 is the zero WriteAction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			m := newOrders(t, r)
			var before []string
			m.hooks = m.hooks.On(hooks.OnBeforePut, func(_ context.Context, o *order) error {
				before = append(before, o.Customer)
				return nil
			})
			err := tt.run(m)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want an *InputError containing %q", err, tt.want)
			}
			if len(r.requests) != 0 {
				t.Errorf("%d requests sent; want none", len(r.requests))
			}
			if strings.Contains(tt.name, "zero") && len(before) != 0 {
				t.Errorf("BeforePut ran %d times; want none: the zero action is refused before any is built", len(before))
			}
		})
	}
}
