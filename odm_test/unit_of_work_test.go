package odm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
)

// ledger is a repository in the manner of seed 004's services: its methods call the model
// and know nothing of transactions.
type ledger struct{ accounts *model.Model[Account] }

func (l ledger) debit(ctx context.Context, id string, n int) error {
	_, err := l.accounts.Update(model.Key{Hash: id}).Decrement("balance", n).
		If(model.Where("balance").Ge(n)).Return(model.ReturnNone).Exec(model.WithLabel(ctx, "debit "+id))
	return err
}

func (l ledger) credit(ctx context.Context, id string, n int) error {
	_, err := l.accounts.Update(model.Key{Hash: id}).Increment("balance", n).MustExist().
		Return(model.ReturnNone).Exec(model.WithLabel(ctx, "credit "+id))
	return err
}

// TestUnitOfWork runs repository calls in units of work. What needs a commit runs only on a
// server with transactions; what is decided before sending runs everywhere.
func TestUnitOfWork(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	accounts, _ := newModel[Account](t, ctx, accountSchema, "uow_accounts")
	orders, _ := newModel[Order](t, ctx, orderSchema, "uow_orders")
	for _, a := range []Account{{ID: "a", Balance: 100}, {ID: "b", Balance: 5}} {
		if err := accounts.Put(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	l := ledger{accounts}
	balances := func(t *testing.T) [2]int {
		t.Helper()
		var got [2]int
		for i, id := range []string{"a", "b"} {
			a, err := accounts.Get(ctx, model.Key{Hash: id}, model.Consistent())
			if err != nil {
				t.Fatalf("Get(%s) = %v", id, err)
			}
			got[i] = a.Balance
		}
		return got
	}
	pay := func(amount int, order int) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			if err := l.debit(ctx, "a", amount); err != nil {
				return err
			}
			if err := l.credit(ctx, "b", amount); err != nil {
				return err
			}
			return orders.Create(ctx, &Order{Customer: "a", ID: order, Status: "paid", Total: float64(amount)})
		}
	}

	t.Run("fn fails: nothing is written", func(t *testing.T) {
		stop := errors.New("stop")
		err := model.RunInTransaction(ctx, func(ctx context.Context) error {
			if err := pay(30, 1)(ctx); err != nil {
				return err
			}
			return stop
		})
		if err != stop {
			t.Fatalf("RunInTransaction = %v; want %v", err, stop)
		}
		if got := balances(t); got != [2]int{100, 5} {
			t.Errorf("balances = %v; want [100 5]", got)
		}
	})
	t.Run("refused at the call: nothing is written", func(t *testing.T) {
		err := model.RunInTransaction(ctx, func(ctx context.Context) error {
			if err := l.debit(ctx, "a", 10); err != nil {
				return err
			}
			return l.debit(ctx, "a", 10) // the same item twice
		})
		var ie *model.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), `"debit a" at unit_of_work_test.go:`) {
			t.Fatalf("RunInTransaction = %v; want an *InputError naming both debits", err)
		}
		if got := balances(t); got != [2]int{100, 5} {
			t.Errorf("balances = %v; want [100 5]", got)
		}
	})
	t.Run("committed", func(t *testing.T) {
		dynamotest.Require(t, dynamotest.Transactions)
		if err := model.RunInTransaction(ctx, pay(30, 1)); err != nil {
			t.Fatalf("RunInTransaction = %v", err)
		}
		if got := balances(t); got != [2]int{70, 35} {
			t.Errorf("balances = %v; want [70 35]", got)
		}
		if _, err := orders.Get(ctx, model.Key{Hash: "a", Range: 1}, model.Consistent()); err != nil {
			t.Errorf("Get(order a/1) = %v", err)
		}
	})
	t.Run("repeated with its token, applied once", func(t *testing.T) {
		dynamotest.Require(t, dynamotest.Transactions)
		// Accounts only: the orders' requests hold the time (expiry), so a repeat of them is
		// another transaction, which DynamoDB refuses under the same token.
		transfer := func(ctx context.Context) error {
			if err := l.debit(ctx, "a", 10); err != nil {
				return err
			}
			return l.credit(ctx, "b", 10)
		}
		token := dynamotest.RunID() + "-transfer"
		for i := range 2 {
			if err := model.RunInTransaction(ctx, transfer, model.CommitToken(token)); err != nil {
				t.Fatalf("RunInTransaction #%d = %v", i+1, err)
			}
		}
		if got := balances(t); got != [2]int{60, 45} {
			t.Errorf("balances = %v; want [60 45] (applied once)", got)
		}
	})
	t.Run("cancelled, mapped to the call", func(t *testing.T) {
		dynamotest.Require(t, dynamotest.Transactions)
		err := model.RunInTransaction(ctx, pay(500, 2))
		var ae *model.ActionError
		if !errors.As(err, &ae) || ae.Index != 0 || ae.Label != "debit a" || !strings.HasPrefix(ae.Source, "unit_of_work_test.go:") || ae.Code != "ConditionalCheckFailed" {
			t.Fatalf("RunInTransaction = %v; want action 0, the debit of a, ConditionalCheckFailed", err)
		}
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("errors.Is(%v, ErrConditionFailed) = false; want true", err)
		}
		if got := balances(t); got != [2]int{60, 45} {
			t.Errorf("balances = %v; want [60 45] (nothing applied)", got)
		}
		if _, err := orders.Get(ctx, model.Key{Hash: "a", Range: 2}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(order a/2) = %v; want ErrNotFound", err)
		}
	})
}
