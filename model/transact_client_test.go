package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
)

// valueDB wraps a client as a struct value, as a tracing or metrics wrapper may.
type valueDB struct{ DB }

// funcDB is a wrapper == cannot compare (comparing two would panic): it holds a func.
type funcDB struct {
	DB
	trace func(string)
}

// ordersOn returns the orders model on db, counting its before hooks (Put, Update, Delete
// and Get) in *before.
func ordersOn(t *testing.T, db DB, before *int) *Model[order] {
	t.Helper()
	m, err := New[order](db, "orders", orderSchema(t), WithTablePrefix("dev_"))
	if err != nil {
		t.Fatal(err)
	}
	count := func(context.Context, *order) error { *before++; return nil }
	m.hooks = m.hooks.On(hooks.OnBeforePut, count).On(hooks.OnBeforeUpdate, count).
		On(hooks.OnBeforeDelete, count).On(hooks.OnBeforeGet, count)
	return m
}

// TestTransactionOnModelsOfDifferentClientsIsRefused: TransactWrite, TransactGet, their
// dry runs and a unit of work refuse actions on models bound to different clients (which
// one request, sent through one client, would send to the wrong account, region or
// endpoint) with an *InputError matching ErrDifferentClients that names the two actions, and
// send nothing to either client. The second client's model runs no before hook: the
// refusal comes before its actions are built.
func TestTransactionOnModelsOfDifferentClientsIsRefused(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(m1, m2 *Model[order]) error
		want []string // what the message holds, in order
	}{
		{"TransactWrite", func(m1, m2 *Model[order]) error {
			return TransactWrite(ctx, m1.TxPut(&order{Customer: "c", ID: 1}), m2.TxPut(&order{Customer: "c", ID: 2}))
		}, []string{"model: transact write: action 0 (put dev_orders) and action 1 (put dev_orders)"}},
		{"TransactWrite, the third action", func(m1, m2 *Model[order]) error {
			return TransactWrite(ctx, m1.TxPut(&order{Customer: "c", ID: 1}), m1.TxDelete(Key{"c", 2}),
				m2.Update(Key{"c", 3}).Increment("count", 1).Tx(), m1.TxCheck(Key{"c", 4}, Where("status").Exists()))
		}, []string{"model: transact write: action 0 (put dev_orders) and action 2 (update dev_orders)"}},
		{"TransactWriteRequest", func(m1, m2 *Model[order]) error {
			_, err := TransactWriteRequest(ctx, m1.TxDelete(Key{"c", 1}), m2.TxCheck(Key{"c", 2}, Where("status").Exists()))
			return err
		}, []string{"model: transact write: action 0 (delete dev_orders) and action 1 (check dev_orders)"}},
		{"TransactGet", func(m1, m2 *Model[order]) error {
			var a, b order
			_, err := TransactGet(ctx, m1.TxGet(Key{"c", 1}, &a), m1.TxGet(Key{"c", 2}, &a), m2.TxGet(Key{"c", 3}, &b))
			return err
		}, []string{"model: transact get: action 0 (get dev_orders) and action 2 (get dev_orders)"}},
		{"TransactGetRequest", func(m1, m2 *Model[order]) error {
			var a order
			var b Partial[order]
			_, err := TransactGetRequest(ctx, m1.TxGet(Key{"c", 1}, &a), m2.TxGetPartial(Key{"c", 2}, &b, Project("total")))
			return err
		}, []string{"model: transact get: action 0 (get dev_orders) and action 1 (get dev_orders)"}},
		{"a unit of work", func(m1, m2 *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				if err := m1.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
					return err
				}
				_ = m2.Delete(WithLabel(ctx, "other"), Key{"c", 2}) // refused: the unit is not committed
				return nil
			})
		}, []string{`model: delete: unit of work: put dev_orders at transact_client_test.go:`, ` and delete dev_orders "other" at transact_client_test.go:`}},
		{"a TransactWrite in a unit of work", func(m1, m2 *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				return TransactWrite(ctx, m1.TxPut(&order{Customer: "c", ID: 1}), m2.TxPut(&order{Customer: "c", ID: 2}))
			})
		}, []string{"model: transact write: action 0 (put dev_orders) and action 1 (put dev_orders)"}},
		{"a nested unit of work", func(m1, m2 *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				if _, err := m1.Update(Key{"c", 1}).Increment("count", 1).Exec(ctx); err != nil {
					return err
				}
				return RunInTransaction(ctx, func(ctx context.Context) error {
					return m2.Put(ctx, &order{Customer: "c", ID: 2})
				})
			})
		}, []string{`model: put: unit of work: update dev_orders at transact_client_test.go:`, ` and put dev_orders at transact_client_test.go:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r1, r2 := answering(), answering()
			var before1, before2 int
			err := tt.run(ordersOn(t, r1, &before1), ordersOn(t, r2, &before2))
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrDifferentClients) || !holdsInOrder(err.Error(), append(tt.want, "are on models of different clients")) {
				t.Errorf("err = %v; want an *InputError matching ErrDifferentClients, holding %q", err, tt.want)
			}
			if n := len(r1.requests) + len(r2.requests); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
			if before2 != 0 {
				t.Errorf("the second client's model ran %d before hooks; want none", before2)
			}
		})
	}
}

// TestTransactionOnModelsOfOneClientIsSent: a transaction whose models share one client is
// sent once, through it, whether the models share a table or not.
func TestTransactionOnModelsOfOneClientIsSent(t *testing.T) {
	ctx := context.Background()
	r := answering()
	r.transactWriteItems = func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}
	r.transactGetItems = func(in *dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
		return &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(in.TransactItems))}, nil
	}
	var before int
	orders := ordersOn(t, r, &before)
	archive, err := New[order](r, "archive", orderSchema(t), WithTablePrefix("dev_"))
	if err != nil {
		t.Fatal(err)
	}
	if err := TransactWrite(ctx, orders.TxDelete(Key{"c", 1}), archive.TxPut(&order{Customer: "c", ID: 1})); err != nil {
		t.Fatalf("TransactWrite = %v", err)
	}
	var a, b order
	if _, err := TransactGet(ctx, orders.TxGet(Key{"c", 1}, &a), archive.TxGet(Key{"c", 1}, &b)); err != nil {
		t.Fatalf("TransactGet = %v", err)
	}
	err = RunInTransaction(ctx, func(ctx context.Context) error {
		if err := orders.Delete(ctx, Key{"c", 2}); err != nil {
			return err
		}
		return archive.Put(ctx, &order{Customer: "c", ID: 2})
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r.requests) != 3 {
		t.Errorf("%d requests sent; want 3", len(r.requests))
	}
}

// TestTransactionClientsAreComparedWithoutPanic: two models' clients are one when they have
// one dynamic type and are equal: one pointer, or wrappers made alike of one client as
// struct values. Wrappers == cannot compare (a struct holding a func, directly or through an
// interface field) are taken as one client of their type, without the panic == would raise.
func TestTransactionClientsAreComparedWithoutPanic(t *testing.T) {
	ctx := context.Background()
	r1, r2 := answering(), answering()
	trace := func(string) {}
	tests := []struct {
		name   string
		a, b   DB
		refuse bool
	}{
		{"one pointer", r1, r1, false},
		{"two pointers", r1, r2, true},
		{"value wrappers of one client", valueDB{r1}, valueDB{r1}, false},
		{"value wrappers of two clients", valueDB{r1}, valueDB{r2}, true},
		{"a wrapper and the client it wraps", valueDB{r1}, r1, true},
		{"a pointer wrapper of one client, twice", &valueDB{r1}, &valueDB{r1}, true},
		{"wrappers holding a func", funcDB{r1, trace}, funcDB{r2, trace}, false},
		{"wrappers holding a wrapper holding a func", valueDB{funcDB{r1, trace}}, valueDB{funcDB{r1, trace}}, false},
		{"a wrapper holding a func and another type", funcDB{r1, trace}, valueDB{r1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n int
			_, err := TransactWriteRequest(ctx, ordersOn(t, tt.a, &n).TxPut(&order{Customer: "c", ID: 1}),
				ordersOn(t, tt.b, &n).TxPut(&order{Customer: "c", ID: 2}))
			if refused := errors.Is(err, ErrDifferentClients); refused != tt.refuse || (err != nil && !refused) {
				t.Errorf("TransactWriteRequest = %v; want refused (ErrDifferentClients): %v", err, tt.refuse)
			}
		})
	}
}

// holdsInOrder reports whether s holds each of parts, one after the other.
func holdsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// TestUnitOfWorkDroppedCallsDoNotBindItsClient: the calls of a nested unit of work that
// failed are dropped, and so is their client: the unit is committed through the client of
// the calls it keeps.
func TestUnitOfWorkDroppedCallsDoNotBindItsClient(t *testing.T) {
	ctx := context.Background()
	r1, r2 := answering(), answering()
	r1.transactWriteItems = func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}
	var n int
	m1, m2 := ordersOn(t, r1, &n), ordersOn(t, r2, &n)
	errInner := errors.New("inner")
	err := RunInTransaction(ctx, func(ctx context.Context) error {
		err := RunInTransaction(ctx, func(ctx context.Context) error {
			if err := m2.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
				return err
			}
			return errInner
		})
		if !errors.Is(err, errInner) {
			t.Errorf("nested RunInTransaction = %v; want %v", err, errInner)
		}
		return m1.Put(ctx, &order{Customer: "c", ID: 2})
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r1.requests) != 1 || len(r2.requests) != 0 {
		t.Errorf("requests sent: %d through the kept call's client, %d through the dropped one's; want 1 and 0", len(r1.requests), len(r2.requests))
	}
}
