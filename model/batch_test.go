package model

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

func TestBatchGolden(t *testing.T) {
	ctx := context.Background()
	r := &recorder{
		batchGetItem: func(*dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			return &dynamodb.BatchGetItemOutput{}, nil
		},
		batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			return &dynamodb.BatchWriteItemOutput{}, nil
		},
	}
	m := newOrders(t, r)
	if _, err := m.BatchGetPartial(ctx, []Key{{"c1", 1}, {"c1", 2}, {"c1", 1}}, Consistent(), Project("total")); err != nil {
		t.Fatal(err)
	}
	if err := m.BatchPut(ctx, []*order{{Customer: "c1", ID: 1, Total: 3}, {Customer: "c2", ID: 1, Tags: []string{"x"}}}); err != nil {
		t.Fatal(err)
	}
	if err := m.BatchDelete(ctx, []Key{{"c1", 1}, {"c2", 1}}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"batch_get", "batch_put", "batch_delete"} {
		golden(t, name, r.requests[i])
	}
}

// TestBatchGetReportsFailures shows a batch get that DynamoDB keeps throttling: the
// items read are returned, and the keys not read are listed by position.
func TestBatchGetReportsFailures(t *testing.T) {
	r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
		out := &dynamodb.BatchGetItemOutput{}
		for _, k := range in.RequestItems["dev_orders"].Keys {
			if k["customer"].(*types.AttributeValueMemberS).Value == "slow" {
				ka := out.UnprocessedKeys["dev_orders"]
				ka.Keys = append(ka.Keys, k)
				out.UnprocessedKeys = map[string]types.KeysAndAttributes{"dev_orders": ka}
				continue
			}
			if out.Responses == nil {
				out.Responses = map[string][]map[string]types.AttributeValue{}
			}
			out.Responses["dev_orders"] = append(out.Responses["dev_orders"], k)
		}
		return out, nil
	}}
	m := newOrders(t, r, WithBatchBackoff(time.Millisecond, 5*time.Millisecond), WithBatchRetries(math.MaxInt))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	items, err := m.BatchGet(ctx, []Key{{"fast", 1}, {"slow", 1}, {"fast", 2}, {"slow", 2}})
	var be *BatchError
	if !errors.As(err, &be) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("BatchGet = %v; want a *BatchError wrapping the deadline", err)
	}
	if diff := cmp.Diff(be.Failed, []int{1, 3}); diff != "" {
		t.Errorf("Failed mismatch (-got +want):\n%s", diff)
	}
	if items[0] == nil || items[0].ID != 1 || items[2] == nil || items[2].ID != 2 || items[1] != nil || items[3] != nil {
		t.Errorf("BatchGet items = %v; want items 0 and 2 only", items)
	}
}

// slowOrders answers BatchGetItem and BatchWriteItem of dev_orders: keys of the customer
// "slow" are left unprocessed every time, the others are done.
func slowOrders() *recorder {
	slow := func(k map[string]types.AttributeValue) bool {
		return k["customer"].(*types.AttributeValueMemberS).Value == "slow"
	}
	return &recorder{
		batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
			for _, k := range in.RequestItems["dev_orders"].Keys {
				if slow(k) {
					ka := out.UnprocessedKeys["dev_orders"]
					ka.Keys = append(ka.Keys, k)
					out.UnprocessedKeys = map[string]types.KeysAndAttributes{"dev_orders": ka}
					continue
				}
				out.Responses["dev_orders"] = append(out.Responses["dev_orders"], k)
			}
			return out, nil
		},
		batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			out := &dynamodb.BatchWriteItemOutput{}
			for _, w := range in.RequestItems["dev_orders"] {
				if slow(w.DeleteRequest.Key) {
					out.UnprocessedItems = map[string][]types.WriteRequest{"dev_orders": append(out.UnprocessedItems["dev_orders"], w)}
				}
			}
			return out, nil
		},
	}
}

// TestBatchRetryLimit checks that batch calls stop retrying items DynamoDB never processes
// after the model's limit of retries without progress, with no deadline on the context, and
// report the items left.
func TestBatchRetryLimit(t *testing.T) {
	keys := []Key{{"fast", 1}, {"slow", 1}, {"fast", 2}, {"slow", 2}}
	tests := []struct {
		name  string
		opts  []Option
		calls int // the first request does the fast keys, then 1 + retries without progress
	}{
		{"default", nil, 1 + 10},
		{"three", []Option{WithBatchRetries(3)}, 1 + 3},
		{"none", []Option{WithBatchRetries(0)}, 1},
	}
	for _, tt := range tests {
		for _, op := range []struct {
			name string
			run  func(context.Context, *Model[order]) error
		}{
			{"batch get", func(ctx context.Context, m *Model[order]) error { _, err := m.BatchGet(ctx, keys); return err }},
			{"batch delete", func(ctx context.Context, m *Model[order]) error { return m.BatchDelete(ctx, keys) }},
		} {
			t.Run(tt.name+"/"+op.name, func(t *testing.T) {
				r := slowOrders()
				m := newOrders(t, r, append([]Option{WithBatchBackoff(time.Microsecond, time.Microsecond)}, tt.opts...)...)
				// The deadline only keeps a broken limit from hanging the test.
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				err := op.run(ctx, m)
				var be *BatchError
				if !errors.As(err, &be) || !errors.Is(err, ErrRetriesExhausted) || errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("%s = %v; want a *BatchError matching ErrRetriesExhausted", op.name, err)
				}
				if diff := cmp.Diff(be.Failed, []int{1, 3}); diff != "" {
					t.Errorf("Failed mismatch (-got +want):\n%s", diff)
				}
				if got := len(r.requests); got != tt.calls {
					t.Errorf("%s sent %d requests; want %d", op.name, got, tt.calls)
				}
			})
		}
	}
}

// TestBatchRetryLimitThrottled checks the limit on a request DynamoDB throttles every time:
// the error matches both ErrRetriesExhausted and the last throttling error.
func TestBatchRetryLimitThrottled(t *testing.T) {
	r := &recorder{batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		return nil, &types.ProvisionedThroughputExceededException{Message: aws.String("slow down")}
	}}
	m := newOrders(t, r, WithBatchBackoff(time.Microsecond, time.Microsecond), WithBatchRetries(2))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := m.BatchDelete(ctx, []Key{{"a", 1}, {"b", 2}})
	var be *BatchError
	var pt *types.ProvisionedThroughputExceededException
	if !errors.As(err, &be) || !errors.Is(err, ErrRetriesExhausted) || !errors.As(err, &pt) {
		t.Fatalf("BatchDelete = %v; want a *BatchError matching ErrRetriesExhausted and the throttling error", err)
	}
	if diff := cmp.Diff(be.Failed, []int{0, 1}); diff != "" {
		t.Errorf("Failed mismatch (-got +want):\n%s", diff)
	}
	if got := len(r.requests); got != 3 {
		t.Errorf("BatchDelete sent %d requests; want 3 (one and two retries)", got)
	}
}

// TestBatchRetryLimitCountsProgress checks that a round that gets any item done counts the
// retries from zero: a batch that DynamoDB does one item per request finishes under a limit
// of one retry.
func TestBatchRetryLimitCountsProgress(t *testing.T) {
	r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		reqs := in.RequestItems["dev_orders"]
		out := &dynamodb.BatchWriteItemOutput{}
		if len(reqs) > 1 {
			out.UnprocessedItems = map[string][]types.WriteRequest{"dev_orders": reqs[1:]}
		}
		return out, nil
	}}
	m := newOrders(t, r, WithBatchBackoff(time.Microsecond, time.Microsecond), WithBatchRetries(1))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	keys := []Key{{"a", 1}, {"a", 2}, {"a", 3}, {"a", 4}, {"a", 5}, {"a", 6}}
	if err := m.BatchDelete(ctx, keys); err != nil {
		t.Fatalf("BatchDelete = %v; want nil", err)
	}
	if got := len(r.requests); got != len(keys) {
		t.Errorf("BatchDelete sent %d requests; want %d, one per item", got, len(keys))
	}
}
