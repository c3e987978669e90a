package odm_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type Account struct {
	ID      string `dynamo:"id"`
	Balance int    `dynamo:"balance"`
	Version int    `dynamo:"version,omitempty"`
	Hits    int    `dynamo:"hits,omitempty"`
}

var accountSchema = schema.Must(schema.For[Account](schema.Attr("id", schema.HashKey())))

func TestModelTransactions(t *testing.T) {
	dynamotest.Require(t, dynamotest.Transactions)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	accounts, _ := newModel[Account](t, ctx, accountSchema, "accounts")
	orders, _ := newModel[Order](t, ctx, orderSchema, "txorders")
	for _, a := range []Account{{ID: "a", Balance: 100}, {ID: "b", Balance: 5}} {
		if err := accounts.Put(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	balance := func(id string) int {
		t.Helper()
		a, err := accounts.Get(ctx, model.Key{Hash: id}, model.Consistent())
		if err != nil {
			t.Fatalf("Get(%s) = %v", id, err)
		}
		return a.Balance
	}

	t.Run("write across tables", func(t *testing.T) {
		err := model.TransactWrite(ctx,
			accounts.Update(model.Key{Hash: "a"}).Decrement("balance", 30).If(model.Where("balance").Ge(30)).Tx(),
			accounts.Update(model.Key{Hash: "b"}).Increment("balance", 30).Tx(),
			orders.TxCreate(&Order{Customer: "a", ID: 1, Status: "paid", Total: 30}),
		)
		if err != nil {
			t.Fatalf("TransactWrite = %v", err)
		}
		if a, b := balance("a"), balance("b"); a != 70 || b != 35 {
			t.Errorf("balances = %d, %d; want 70, 35", a, b)
		}
	})
	t.Run("cancelled, mapped to the action", func(t *testing.T) {
		err := model.TransactWrite(ctx,
			accounts.Update(model.Key{Hash: "b"}).Increment("balance", 500).Tx(),
			accounts.Update(model.Key{Hash: "a"}).Decrement("balance", 500).If(model.Where("balance").Ge(500)).Tx(),
			orders.TxCheck(model.Key{Hash: "a", Range: 1}, model.Where("status").Eq("paid")),
		)
		var ae *model.ActionError
		if !errors.As(err, &ae) || ae.Index != 1 || ae.Op != "update" || ae.Table != accounts.TableName() || ae.Code != "ConditionalCheckFailed" {
			t.Fatalf("TransactWrite = %v; want action 1 (update %s) ConditionalCheckFailed", err, accounts.TableName())
		}
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("errors.Is(%v, ErrConditionFailed) = false; want true", err)
		}
		var te *model.TransactionError
		if !errors.As(err, &te) || len(te.Actions) != 1 {
			t.Errorf("TransactWrite = %v; want a *TransactionError with one failed action", err)
		}
		if a, b := balance("a"), balance("b"); a != 70 || b != 35 {
			t.Errorf("balances = %d, %d; want 70, 35 (nothing applied)", a, b)
		}
	})
	t.Run("create and delete", func(t *testing.T) {
		err := model.TransactWrite(ctx,
			orders.TxCreate(&Order{Customer: "a", ID: 1, Status: "new"}),
			accounts.TxDelete(model.Key{Hash: "b"}),
		)
		var ae *model.ActionError
		if !errors.As(err, &ae) || ae.Index != 0 || ae.Op != "create" {
			t.Fatalf("TransactWrite(create existing) = %v; want action 0 (create) to fail", err)
		}
		if err := model.TransactWrite(ctx, accounts.TxDelete(model.Key{Hash: "b"}, model.If(model.Where("balance").Eq(35)))); err != nil {
			t.Fatalf("TransactWrite(delete b) = %v", err)
		}
		if _, err := accounts.Get(ctx, model.Key{Hash: "b"}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(b) after delete = %v; want ErrNotFound", err)
		}
	})
	t.Run("get", func(t *testing.T) {
		var a, missing Account
		var o model.Partial[Order]
		found, err := model.TransactGet(ctx,
			accounts.TxGet(model.Key{Hash: "a"}, &a),
			accounts.TxGet(model.Key{Hash: "zz"}, &missing),
			orders.TxGetPartial(model.Key{Hash: "a", Range: 1}, &o, model.Project("status")),
		)
		if err != nil {
			t.Fatalf("TransactGet = %v", err)
		}
		if fmt.Sprint(found) != "[true false true]" || a.Balance != 70 || o.Item.Status != "paid" || o.Item.Total != 0 {
			t.Errorf("TransactGet = %v, a %+v, o %+v; want [true false true], balance 70, status only", found, a, o)
		}
	})
	t.Run("refused before sending", func(t *testing.T) {
		var many []model.WriteAction
		for i := range 101 {
			many = append(many, orders.TxPut(&Order{Customer: "m", ID: i}))
		}
		tests := []struct {
			name    string
			actions []model.WriteAction
		}{
			{"over 100", many},
			{"same item twice", []model.WriteAction{accounts.Update(model.Key{Hash: "a"}).Increment("hits", 1).Tx(), accounts.TxCheck(model.Key{Hash: "a"}, model.Where("id").Exists())}},
			{"invalid item", []model.WriteAction{orders.TxPut(&Order{Customer: "x", ID: 1, Status: "lost"})}},
			{"no actions", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := model.TransactWrite(ctx, tt.actions...)
				var ie *model.InputError
				if !errors.As(err, &ie) {
					t.Errorf("TransactWrite = %v; want an *InputError", err)
				}
			})
		}
		if n, err := orders.Query(model.Where("customer").Eq("m")).Consistent().Count(ctx); err != nil || n != 0 {
			t.Errorf("items written by refused transactions: %d, %v; want 0", n, err)
		}
	})
}

func TestModelOptimisticLocking(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	accounts, _ := newModel[Account](t, ctx, accountSchema, "locked", model.WithVersion("version"))

	a := Account{ID: "a", Balance: 10}
	if err := accounts.Put(ctx, &a); err != nil {
		t.Fatalf("Put(version 0) = %v", err)
	}
	if err := accounts.Put(ctx, &a); !errors.Is(err, model.ErrConditionFailed) {
		t.Fatalf("Put(version 0) again = %v; want ErrConditionFailed (the item exists)", err)
	}
	stored, err := accounts.Get(ctx, model.Key{Hash: "a"}, model.Consistent())
	if err != nil || stored.Version != 1 {
		t.Fatalf("Get = %+v, %v; want version 1", stored, err)
	}
	stored.Balance = 20
	if err := accounts.Put(ctx, &stored); err != nil {
		t.Fatalf("Put(version 1) = %v", err)
	}
	stale := stored // still version 1; the table holds 2
	stale.Balance = 99
	if err := accounts.Put(ctx, &stale); !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("Put(stale version) = %v; want ErrConditionFailed", err)
	}
	// ReturnStored brings the item up to date, version included.
	fresh := Account{ID: "f", Balance: 1}
	if err := accounts.Put(ctx, &fresh, model.ReturnStored(&fresh)); err != nil || fresh.Version != 1 {
		t.Fatalf("Put(f, ReturnStored) = %v, version %d; want version 1", err, fresh.Version)
	}
	fresh.Balance = 2
	if err := accounts.Put(ctx, &fresh, model.ReturnStored(&fresh)); err != nil || fresh.Version != 2 {
		t.Errorf("Put(f again, ReturnStored) = %v, version %d; want version 2", err, fresh.Version)
	}
	got, err := accounts.Update(model.Key{Hash: "a"}).Increment("balance", 1).IfVersion(2).Exec(ctx)
	if err != nil || got.Version != 3 || got.Balance != 21 {
		t.Errorf("Update(IfVersion 2) = %+v, %v; want version 3, balance 21", got, err)
	}
	if _, err := accounts.Update(model.Key{Hash: "a"}).Increment("balance", 1).IfVersion(2).Exec(ctx); !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("Update(IfVersion 2) again = %v; want ErrConditionFailed", err)
	}
	if err := accounts.BatchPut(ctx, []*Account{{ID: "b"}}); err == nil {
		t.Errorf("BatchPut on a versioned model = nil; want an error")
	}
}

// TestModelAtomicCounter increments one counter from many goroutines at once: every
// increment counts.
func TestModelAtomicCounter(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	accounts, _ := newModel[Account](t, ctx, accountSchema, "counter")
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := accounts.Update(model.Key{Hash: "c"}).Increment("hits", 1).Return(model.ReturnNone).Exec(ctx); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Increment = %v", err)
	}
	got, err := accounts.Get(ctx, model.Key{Hash: "c"}, model.Consistent())
	if err != nil || got.Hits != workers*each {
		t.Errorf("Get(c) = %+v, %v; want hits %d", got, err, workers*each)
	}
}
