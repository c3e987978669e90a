package odm_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/dynamodeltest/fault"
	"github.com/dynamodel/dynamodel/model"
)

// faultyClient returns a client like db whose requests go through a fault-injecting
// transport. It keeps the SDK's standard retryer (3 attempts, its retry quota), with
// backoffs of at most 5ms instead of 20s so that the tests stay short.
func faultyClient(db *dynamodb.Client, o fault.Options) (*dynamodb.Client, *fault.Transport) {
	ft := fault.New(http.DefaultTransport.(*http.Transport).Clone(), o)
	return dynamodb.New(db.Options(), func(opts *dynamodb.Options) {
		opts.HTTPClient = &http.Client{Transport: ft}
		opts.Retryer = retry.NewStandard(func(so *retry.StandardOptions) { so.MaxBackoff = 5 * time.Millisecond })
	}), ft
}

var lostKinds = []fault.Kind{fault.LostReset, fault.Lost500}

// TestCreateUnderLostResponsesSucceeds creates fresh items while responses of PutItem are
// lost after the server applied the request: the SDK resends, the resend fails the
// existence check on the item the first attempt created, and Create must still report
// success, every time.
func TestCreateUnderLostResponsesSucceeds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	clean, db := newModel[Account](t, ctx, accountSchema, "lostcreate")
	faulty, ft := faultyClient(db, fault.Options{Seed: 16, Rate: 0.2, Kinds: lostKinds, Operations: []string{"PutItem"}})
	accounts := modelOn[Account](t, faulty, clean.TableName(), "lostcreate", accountSchema)
	const n = 200
	for i := range n {
		a := Account{ID: fmt.Sprintf("c%03d", i), Balance: i}
		if err := accounts.Create(ctx, &a); err != nil {
			t.Fatalf("Create(%s) = %v; want success (faults so far %v)", a.ID, err, ft.Counts())
		}
	}
	if lost := ft.Total(); lost < 20 {
		t.Fatalf("%d responses lost; want at least 20 for the test to mean something", lost)
	}
	for i := range n {
		got, err := clean.Get(ctx, model.Key{Hash: fmt.Sprintf("c%03d", i)}, model.Consistent())
		if err != nil || got.Balance != i {
			t.Errorf("Get(c%03d) = %+v, %v; want balance %d", i, got, err, i)
		}
	}
	t.Logf("200 creates, %d responses lost: %v", ft.Total(), ft.Counts())
}

// TestDeleteIfUnderLostResponsesNeverConflicts deletes items with a true condition while
// DeleteItem responses are lost: no delete may report a failed condition for an item it
// deleted. A resend that fails its condition is ErrOutcomeUnknown.
func TestDeleteIfUnderLostResponsesNeverConflicts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	clean, db := newModel[Account](t, ctx, accountSchema, "lostdelete")
	faulty, ft := faultyClient(db, fault.Options{Seed: 5, Rate: 0.2, Kinds: lostKinds, Operations: []string{"DeleteItem"}})
	accounts := modelOn[Account](t, faulty, clean.TableName(), "lostdelete", accountSchema)
	const n = 150
	for i := range n {
		if err := clean.Put(ctx, &Account{ID: fmt.Sprintf("d%03d", i), Balance: 7}); err != nil {
			t.Fatal(err)
		}
	}
	unknown := 0
	for i := range n {
		err := accounts.Delete(ctx, model.Key{Hash: fmt.Sprintf("d%03d", i)}, model.If(model.Where("balance").Eq(7)))
		switch {
		case errors.Is(err, model.ErrConditionFailed):
			t.Fatalf("Delete(d%03d, If balance = 7) = %v; the item had balance 7 and this call deleted it", i, err)
		case errors.Is(err, model.ErrOutcomeUnknown):
			unknown++
		case err != nil:
			// Every attempt lost: an error, but not a refusal.
			var op *model.OpError
			if !errors.As(err, &op) {
				t.Fatalf("Delete(d%03d) = %v", i, err)
			}
		}
		if _, err := clean.Get(ctx, model.Key{Hash: fmt.Sprintf("d%03d", i)}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(d%03d) after Delete = %v; want ErrNotFound", i, err)
		}
	}
	if ft.Total() < 15 || unknown == 0 {
		t.Fatalf("%d responses lost, %d outcomes unknown; want at least 15 and some", ft.Total(), unknown)
	}
	t.Logf("%d deletes, %d responses lost, %d ErrOutcomeUnknown", n, ft.Total(), unknown)
}

// TestVersionedIncrementsUnderLostResponsesNeverDoubleApply runs 16 goroutines × 100
// read-modify-write increments of one counter under optimistic locking, retrying on
// ErrConditionFailed as docs/model.md recommends, while 5% of write responses are lost
// after the server applied them. A conflict reported for an applied write made the loop
// apply it twice (1,697 instead of 1,600); now every increment the model reports done is
// stored once, none is stored twice, and only those reported ErrOutcomeUnknown may or may
// not be stored: successes ≤ count ≤ successes + unknown ≤ 1,600.
func TestVersionedIncrementsUnderLostResponsesNeverDoubleApply(t *testing.T) {
	for _, how := range []string{"put", "update"} {
		t.Run(how, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			clean, db := newModel[Account](t, ctx, accountSchema, "lostversion"+how, model.WithVersion("version"))
			faulty, ft := faultyClient(db, fault.Options{Seed: 1600, Rate: 0.05, Kinds: lostKinds, Operations: []string{"PutItem", "UpdateItem"}})
			accounts := modelOn[Account](t, faulty, clean.TableName(), "lostversion"+how, accountSchema, model.WithVersion("version"))
			if err := clean.Put(ctx, &Account{ID: "n"}); err != nil {
				t.Fatal(err)
			}
			var done, unknown, failed atomic.Int64
			var wg sync.WaitGroup
			for range 16 {
				wg.Go(func() {
					for range 100 {
						for {
							cur, err := accounts.Get(ctx, model.Key{Hash: "n"}, model.Consistent())
							if err != nil {
								t.Error(err)
								return
							}
							if how == "put" {
								cur.Balance++
								err = accounts.Put(ctx, &cur)
							} else {
								_, err = accounts.Update(model.Key{Hash: "n"}).Increment("balance", 1).IfVersion(int64(cur.Version)).Return(model.ReturnNone).Exec(ctx)
							}
							if errors.Is(err, model.ErrConditionFailed) {
								continue // a real conflict: read again
							}
							switch {
							case err == nil:
								done.Add(1)
							case errors.Is(err, model.ErrOutcomeUnknown):
								unknown.Add(1)
							default:
								failed.Add(1) // every attempt lost: also unknown
							}
							break
						}
					}
				})
			}
			wg.Wait()
			got, err := clean.Get(ctx, model.Key{Hash: "n"}, model.Consistent())
			if err != nil {
				t.Fatal(err)
			}
			d, u := int(done.Load()), int(unknown.Load()+failed.Load())
			t.Logf("%s: count %d; %d reported done, %d unknown (%d ErrOutcomeUnknown); faults %v", how, got.Balance, d, u, unknown.Load(), ft.Counts())
			if got.Balance < d || got.Balance > d+u || d+u != 1600 {
				t.Errorf("count = %d with %d increments reported done and %d unknown; want done ≤ count ≤ done+unknown = 1,600", got.Balance, d, u)
			}
			if ft.Total() < 20 {
				t.Errorf("%d responses lost; want at least 20", ft.Total())
			}
		})
	}
}
