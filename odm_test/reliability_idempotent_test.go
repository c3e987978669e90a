package odm_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/dynamodeltest/fault"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
)

// TestIdempotentIncrementsUnderLostResponsesExact runs 16 goroutines × 100 idempotent
// increments of one counter while 5% of TransactWriteItems responses are lost after the
// server applied them. Each increment has its own token; a call that fails (every attempt
// lost, or a conflict that outlasted the retries) is retried by the caller with the same
// token. The counter must end at exactly 1,600: no increment lost, none applied twice.
func TestIdempotentIncrementsUnderLostResponsesExact(t *testing.T) {
	dynamotest.Require(t, dynamotest.Transactions)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	clean, db := newModel[Account](t, ctx, accountSchema, "idemincr")
	faulty, ft := faultyClient(db, fault.Options{Seed: 1601, Rate: 0.05, Kinds: lostKinds, Operations: []string{"TransactWriteItems"}})
	accounts := modelOn[Account](t, faulty, clean.TableName(), "idemincr", accountSchema)
	if err := clean.Put(ctx, &Account{ID: "n"}); err != nil {
		t.Fatal(err)
	}
	var retried atomic.Int64
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 100 {
				tok := fmt.Sprintf("idem-%d-%d", g, i)
				for {
					_, err := accounts.Update(model.Key{Hash: "n"}).Increment("balance", 1).IdempotencyToken(tok).Exec(ctx)
					if err == nil {
						break
					}
					if ctx.Err() != nil || errors.Is(err, model.ErrConditionFailed) {
						t.Error(err)
						return
					}
					retried.Add(1) // the same token: applied at most once
				}
			}
		})
	}
	wg.Wait()
	got, err := clean.Get(ctx, model.Key{Hash: "n"}, model.Consistent())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("count %d; %d calls retried by the caller; faults %v", got.Balance, retried.Load(), ft.Counts())
	if got.Balance != 1600 {
		t.Errorf("count = %d; want exactly 1,600", got.Balance)
	}
	if ft.Total() < 20 {
		t.Errorf("%d responses lost; want at least 20", ft.Total())
	}
}
