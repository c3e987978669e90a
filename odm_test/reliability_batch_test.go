package odm_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/dynamodeltest/fault"
	"github.com/dynamodel/dynamodel/model"
)

// TestBatchesUnderTransportFaults writes, reads and deletes 10,000 items (2,000 with the
// SDK's default retryer untouched, whose backoffs of up to 20s make 10,000 items take about
// 100s on dynalite) while 30% of the
// requests meet a fault (throttling, 500, 503, 502 with an HTML body, resets before and after
// the server, unprocessed items), through a client with the SDK's default retryer. A reset
// or an HTML 502 used to become final once the SDK's three attempts were spent, and cancel
// the batch's other senders: thousands of items were left. Now every item is done and no
// BatchError is returned.
func TestBatchesUnderTransportFaults(t *testing.T) {
	fast := retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = 20 * time.Millisecond })
	for _, tt := range []struct {
		name    string
		n       int
		retryer aws.Retryer // nil: the client's default
	}{
		{"default retryer", 2000, nil},
		{"standard retryer with 20ms backoff", 10000, fast},
	} {
		t.Run(tt.name, func(t *testing.T) { batchesUnderFaults(t, tt.n, tt.retryer) })
	}
}

func batchesUnderFaults(t *testing.T, n int, retryer aws.Retryer) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	clean, db := newModel[Account](t, ctx, accountSchema, "faultbatch")
	ft := fault.New(http.DefaultTransport.(*http.Transport).Clone(), fault.Options{Seed: 30, Rate: 0.3})
	faulty := dynamodb.New(db.Options(), func(o *dynamodb.Options) {
		o.HTTPClient = &http.Client{Transport: ft}
		if retryer != nil {
			o.Retryer = retryer
		}
	})
	accounts := modelOn[Account](t, faulty, clean.TableName(), "faultbatch", accountSchema,
		model.WithBatchBackoff(time.Millisecond, 20*time.Millisecond))
	items := make([]*Account, n)
	keys := make([]model.Key, n)
	for i := range items {
		items[i] = &Account{ID: fmt.Sprintf("b%05d", i), Balance: i}
		keys[i] = model.Key{Hash: items[i].ID}
	}
	start := time.Now()
	if err := accounts.BatchPut(ctx, items); err != nil {
		t.Fatalf("BatchPut(%d items) = %v", n, err)
	}
	t.Logf("BatchPut: %v, faults %v", time.Since(start), ft.Counts())
	if c, err := clean.Scan().Consistent().Count(ctx); err != nil || c != n {
		t.Fatalf("items stored after BatchPut: %d, %v; want %d", c, err, n)
	}
	start = time.Now()
	got, err := accounts.BatchGet(ctx, keys, model.Consistent())
	if err != nil {
		t.Fatalf("BatchGet(%d keys) = %v", n, err)
	}
	for i, a := range got {
		if a == nil || a.Balance != i {
			t.Fatalf("BatchGet: item %d = %+v; want balance %d", i, a, i)
		}
	}
	t.Logf("BatchGet: %v, faults %v", time.Since(start), ft.Counts())
	start = time.Now()
	if err := accounts.BatchDelete(ctx, keys); err != nil {
		t.Fatalf("BatchDelete(%d keys) = %v", n, err)
	}
	t.Logf("BatchDelete: %v, faults %v", time.Since(start), ft.Counts())
	if c, err := clean.Scan().Consistent().Count(ctx); err != nil || c != 0 {
		t.Fatalf("items left after BatchDelete: %d, %v; want 0", c, err)
	}
	if ft.Total() < n/30 {
		t.Errorf("%d faults injected; want at least %d", ft.Total(), n/30)
	}
}
