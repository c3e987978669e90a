package model

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// TestBatchWriteMixesPutsAndDeletes checks that BatchWrite sends puts and deletes together,
// 25 a request (30 puts and 20 deletes in 2 requests), and reports the requests left undone
// by position: the items first, then the keys.
func TestBatchWriteMixesPutsAndDeletes(t *testing.T) {
	tests := []struct {
		name       string
		slow       bool // item 3 and key 4 are left unprocessed every time
		wantSizes  []int
		wantFailed []int
	}{
		{name: "mixed", wantSizes: []int{25, 25}},
		{name: "left undone", slow: true, wantFailed: []int{3, 34}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex // the requests are sent in parallel
			var sizes []int
			r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
				reqs := in.RequestItems["dev_orders"]
				mu.Lock()
				sizes = append(sizes, len(reqs))
				mu.Unlock()
				out := &dynamodb.BatchWriteItemOutput{}
				for _, w := range reqs {
					var k map[string]types.AttributeValue
					if w.PutRequest != nil {
						k = w.PutRequest.Item
					} else {
						k = w.DeleteRequest.Key
					}
					if k["customer"].(*types.AttributeValueMemberS).Value == "slow" {
						out.UnprocessedItems = map[string][]types.WriteRequest{"dev_orders": append(out.UnprocessedItems["dev_orders"], w)}
					}
				}
				return out, nil
			}}
			m := newOrders(t, r, WithBatchBackoff(time.Millisecond, 5*time.Millisecond), WithBatchRetries(math.MaxInt))
			var items []*order
			for i := range 30 {
				items = append(items, &order{Customer: "c", ID: i, Total: 1})
			}
			var keys []Key
			for i := range 20 {
				keys = append(keys, Key{"d", 100 + i})
			}
			if tt.slow {
				items[3].Customer = "slow"
				keys[4] = Key{"slow", 7}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			err := m.BatchWrite(ctx, items, keys)
			if tt.wantFailed == nil {
				if err != nil {
					t.Fatalf("BatchWrite = %v", err)
				}
				if diff := cmp.Diff(sizes, tt.wantSizes); diff != "" {
					t.Errorf("request sizes mismatch (-got +want):\n%s", diff)
				}
				return
			}
			var be *BatchError
			if !errors.As(err, &be) || be.Op != "batch write" || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("BatchWrite = %v; want a *BatchError of batch write wrapping the deadline", err)
			}
			if diff := cmp.Diff(be.Failed, tt.wantFailed); diff != "" {
				t.Errorf("Failed mismatch (-got +want):\n%s", diff)
			}
		})
	}
}
