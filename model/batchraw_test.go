package model

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

func idKey(i int) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: strconv.Itoa(i)}}
}

func idOf(item map[string]types.AttributeValue) string {
	return item["id"].(*types.AttributeValueMemberN).Value
}

// TestBatchGetRetries drives batchGet through chunking, a throttled call, unprocessed keys
// and duplicate keys, and checks that results come back in input order.
func TestBatchGetRetries(t *testing.T) {
	var keys []map[string]types.AttributeValue
	for i := range 150 {
		keys = append(keys, idKey(i))
	}
	keys = append(keys, idKey(3), idKey(999)) // a duplicate, and a key with no item
	calls := 0
	var sizes []int
	r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
		calls++
		req := in.RequestItems["t"]
		sizes = append(sizes, len(req.Keys))
		if calls == 2 {
			return nil, &types.ProvisionedThroughputExceededException{}
		}
		out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
		for j, k := range req.Keys {
			// The first call leaves its last 10 keys unprocessed.
			if calls == 1 && j >= len(req.Keys)-10 {
				if out.UnprocessedKeys == nil {
					out.UnprocessedKeys = map[string]types.KeysAndAttributes{"t": {}}
				}
				ka := out.UnprocessedKeys["t"]
				ka.Keys = append(ka.Keys, k)
				out.UnprocessedKeys["t"] = ka
				continue
			}
			if idOf(k) == "999" {
				continue
			}
			item := map[string]types.AttributeValue{"id": k["id"], "v": &types.AttributeValueMemberS{Value: "item " + idOf(k)}}
			out.Responses["t"] = append(out.Responses["t"], item)
		}
		return out, nil
	}}
	items, failed, err := batchGet(context.Background(), r, newBackoff(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, false, nil, nil)
	if err != nil || failed != nil {
		t.Fatalf("batchGet = %v, %v; want no failures", failed, err)
	}
	if want := []int{100, 61, 61}; !cmp.Equal(sizes, want) {
		t.Errorf("request sizes = %v; want %v", sizes, want)
	}
	for i, it := range items {
		want := idOf(keys[i])
		if want == "999" {
			if it != nil {
				t.Errorf("items[%d] = %v; want nil", i, it)
			}
			continue
		}
		if it == nil || it["v"].(*types.AttributeValueMemberS).Value != "item "+want {
			t.Errorf("items[%d] = %v; want item %s", i, it, want)
		}
	}
}

// TestBatchWriteGivesUp shows the items still unprocessed when the context ends, reported
// by their input positions.
func TestBatchWriteGivesUp(t *testing.T) {
	var keys []map[string]types.AttributeValue
	var reqs []types.WriteRequest
	for i := range 30 {
		keys = append(keys, idKey(i))
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: idKey(i)}})
	}
	// A duplicate key: only the last request for it is sent.
	keys = append(keys, idKey(0))
	reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: idKey(0)}})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		// Items 5 and 27 are never processed.
		var un []types.WriteRequest
		for _, w := range in.RequestItems["t"] {
			if id := idOf(w.PutRequest.Item); id == "5" || id == "27" {
				un = append(un, w)
			}
		}
		out := &dynamodb.BatchWriteItemOutput{}
		if un != nil {
			out.UnprocessedItems = map[string][]types.WriteRequest{"t": un}
		}
		return out, nil
	}}
	failed, err := batchWrite(ctx, r, newBackoff(time.Millisecond, 10*time.Millisecond), "t", []string{"id"}, keys, reqs)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("batchWrite err = %v; want context.DeadlineExceeded", err)
	}
	if want := []int{5, 27}; !cmp.Equal(failed, want) {
		t.Errorf("batchWrite failed = %v; want %v", failed, want)
	}
	first := r.requests[0].(*dynamodb.BatchWriteItemInput).RequestItems["t"]
	if len(first) != 25 {
		t.Errorf("first request holds %d items; want 25", len(first))
	}
}

func TestBatchWriteStopsOnHardError(t *testing.T) {
	keys := []map[string]types.AttributeValue{idKey(1), idKey(2)}
	reqs := []types.WriteRequest{{DeleteRequest: &types.DeleteRequest{Key: idKey(1)}}, {DeleteRequest: &types.DeleteRequest{Key: idKey(2)}}}
	r := &recorder{batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		return nil, &types.ResourceNotFoundException{}
	}}
	failed, err := batchWrite(context.Background(), r, newBackoff(time.Millisecond, time.Millisecond), "t", []string{"id"}, keys, reqs)
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || !cmp.Equal(failed, []int{0, 1}) || len(r.requests) != 1 {
		t.Errorf("batchWrite = %v, %v after %d requests; want [0 1], ResourceNotFoundException after 1", failed, err, len(r.requests))
	}
}
