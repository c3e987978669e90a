package model

import (
	"context"
	"errors"
	"testing"
	"time"

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
	if _, err := m.BatchGet(ctx, []Key{{"c1", 1}, {"c1", 2}, {"c1", 1}}, Consistent(), Project("total")); err != nil {
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
	m := newOrders(t, r, WithBatchBackoff(time.Millisecond, 5*time.Millisecond))
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
