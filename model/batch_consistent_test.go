package model

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestBatchGetSendsConsistentReadOnlyWhenAsked: a batch get sends ConsistentRead true with
// Consistent and no ConsistentRead at all without it (DynamoDB's default, eventually
// consistent, as Get, Query and Scan and Dynamoose's batchGet send it), in its first
// requests, in the retries of unprocessed keys, and in its dry run.
func TestBatchGetSendsConsistentReadOnlyWhenAsked(t *testing.T) {
	ctx := context.Background()
	keys := []Key{{"c1", 1}, {"c1", 2}}
	tests := []struct {
		name string
		run  func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error)
		want *bool // nil: no ConsistentRead
	}{
		{"BatchGet", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			_, err := m.BatchGet(ctx, keys)
			return nil, err
		}, nil},
		{"BatchGet Consistent", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			_, err := m.BatchGet(ctx, keys, Consistent())
			return nil, err
		}, new(true)},
		{"BatchGetPartial Project", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			_, err := m.BatchGetPartial(ctx, keys, Project("total"))
			return nil, err
		}, nil},
		{"BatchGetPartial Consistent", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			_, err := m.BatchGetPartial(ctx, keys, Consistent(), Project("total"))
			return nil, err
		}, new(true)},
		{"BatchGetRequests", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			return m.BatchGetRequests(ctx, keys)
		}, nil},
		{"BatchGetRequests Consistent", func(m *Model[order]) ([]*dynamodb.BatchGetItemInput, error) {
			return m.BatchGetRequests(ctx, keys, Consistent())
		}, new(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			left := true // the first request leaves its last key unprocessed: it is retried
			r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
				ka := in.RequestItems["dev_orders"]
				out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
				if left && len(ka.Keys) > 1 {
					left = false
					out.UnprocessedKeys = map[string]types.KeysAndAttributes{"dev_orders": {Keys: ka.Keys[len(ka.Keys)-1:]}}
					ka.Keys = ka.Keys[:len(ka.Keys)-1]
				}
				out.Responses["dev_orders"] = ka.Keys
				return out, nil
			}}
			m := newOrders(t, r, WithBatchConcurrency(1))
			dry, err := tt.run(m)
			if err != nil {
				t.Fatal(err)
			}
			sent := dry
			if dry == nil {
				for _, in := range r.requests {
					sent = append(sent, in.(*dynamodb.BatchGetItemInput))
				}
				if len(sent) != 2 {
					t.Fatalf("%d requests sent; want 2 (the first and the retry of its unprocessed key)", len(sent))
				}
			}
			for i, in := range sent {
				got := in.RequestItems["dev_orders"].ConsistentRead
				switch {
				case tt.want == nil && got != nil:
					t.Errorf("request %d: ConsistentRead = %v; want none", i, *got)
				case tt.want != nil && (got == nil || *got != *tt.want):
					t.Errorf("request %d: ConsistentRead = %v; want %v", i, got, *tt.want)
				}
			}
		})
	}
}
