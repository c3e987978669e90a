package model

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// serial sends a batch's requests one after the other, with the given backoff and no limit
// on retries but the context.
func serial(base, max time.Duration) batching {
	return newBatching(1, func() *backoff { return newBackoff(base, max, math.MaxInt) })
}

func idKey(i int) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: strconv.Itoa(i)}}
}

// idPuts returns the keys and the put requests of the items with the given ids, in order.
func idPuts(ids ...int) ([]map[string]types.AttributeValue, []types.WriteRequest) {
	keys := make([]map[string]types.AttributeValue, len(ids))
	reqs := make([]types.WriteRequest, len(ids))
	for i, id := range ids {
		keys[i] = idKey(id)
		reqs[i] = types.WriteRequest{PutRequest: &types.PutRequest{Item: idKey(id)}}
	}
	return keys, reqs
}

// ids returns from, from+1, ..., from+n-1.
func ids(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

func idOf(item map[string]types.AttributeValue) string {
	return item["id"].(*types.AttributeValueMemberN).Value
}

// TestBatchGetRetries drives batchGet through chunking, a throttled call, unprocessed keys
// and duplicate keys, and checks that results come back in input order.
func TestBatchGetRetries(t *testing.T) {
	keys, _ := idPuts(append(ids(0, 150), 3, 999)...) // a duplicate, and a key with no item
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
	items, failed, err := batchGet(context.Background(), r, serial(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, false, nil, nil)
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
	// A duplicate key at the end: only the last request for it is sent.
	keys, reqs := idPuts(append(ids(0, 30), 0)...)
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
	failed, err := batchWrite(ctx, r, serial(time.Millisecond, 10*time.Millisecond), "t", []string{"id"}, keys, reqs)
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
	failed, err := batchWrite(context.Background(), r, serial(time.Millisecond, time.Millisecond), "t", []string{"id"}, keys, reqs)
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || !cmp.Equal(failed, []int{0, 1}) || len(r.requests) != 1 {
		t.Errorf("batchWrite = %v, %v after %d requests; want [0 1], ResourceNotFoundException after 1", failed, err, len(r.requests))
	}
}

// TestBatchNumberKeysByValue: DynamoDB answers with its own spelling of numbers, so items,
// unprocessed keys and duplicates are matched by value.
func TestBatchNumberKeysByValue(t *testing.T) {
	n := func(v string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: v}}
	}
	t.Run("get", func(t *testing.T) {
		calls := 0
		r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			calls++
			out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
			if calls == 1 {
				// 1.50 is read, 1.7e+09 left unprocessed: both in the server's spelling.
				out.Responses["t"] = append(out.Responses["t"], n("1.5"))
				out.UnprocessedKeys = map[string]types.KeysAndAttributes{"t": {Keys: []map[string]types.AttributeValue{n("1700000000")}}}
				return out, nil
			}
			out.Responses["t"] = append(out.Responses["t"], n("1700000000"))
			return out, nil
		}}
		keys := []map[string]types.AttributeValue{n("1.50"), n("1.7e+09"), n("1.5")}
		items, failed, err := batchGet(context.Background(), r, serial(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, false, nil, nil)
		if err != nil || failed != nil {
			t.Fatalf("batchGet = %v, %v; want no failures", failed, err)
		}
		for i, it := range items {
			if it == nil {
				t.Errorf("items[%d] = nil; want the item of %s", i, idOf(keys[i]))
			}
		}
		if got := len(r.requests[0].(*dynamodb.BatchGetItemInput).RequestItems["t"].Keys); got != 2 {
			t.Errorf("first request holds %d keys; want 2 (1.50 and 1.5 are one key)", got)
		}
		if got := idOf(r.requests[1].(*dynamodb.BatchGetItemInput).RequestItems["t"].Keys[0]); got != "1.7e+09" {
			t.Errorf("retried key = %s; want 1.7e+09", got)
		}
	})
	t.Run("write", func(t *testing.T) {
		calls := 0
		r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			calls++
			if calls == 1 {
				left := types.WriteRequest{PutRequest: &types.PutRequest{Item: n("1700000000")}}
				return &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{"t": {left}}}, nil
			}
			return &dynamodb.BatchWriteItemOutput{}, nil
		}}
		keys := []map[string]types.AttributeValue{n("1"), n("1.7e+09")}
		reqs := []types.WriteRequest{{PutRequest: &types.PutRequest{Item: n("1")}}, {PutRequest: &types.PutRequest{Item: n("1.7e+09")}}}
		failed, err := batchWrite(context.Background(), r, serial(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, reqs)
		if err != nil || failed != nil {
			t.Fatalf("batchWrite = %v, %v; want no failures", failed, err)
		}
		retried := r.requests[1].(*dynamodb.BatchWriteItemInput).RequestItems["t"]
		if len(retried) != 1 || idOf(retried[0].PutRequest.Item) != "1.7e+09" {
			t.Errorf("retried %v; want the put of 1.7e+09", retried)
		}
	})
}

// TestBatchUnknownUnprocessedKey: an unprocessed key that matches none sent is an error
// naming every key not known to be done, not a panic or a retry of another request.
func TestBatchUnknownUnprocessedKey(t *testing.T) {
	stranger := idKey(42)
	t.Run("get", func(t *testing.T) {
		r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			return &dynamodb.BatchGetItemOutput{
				Responses:       map[string][]map[string]types.AttributeValue{"t": {idKey(1)}},
				UnprocessedKeys: map[string]types.KeysAndAttributes{"t": {Keys: []map[string]types.AttributeValue{stranger}}},
			}, nil
		}}
		keys := []map[string]types.AttributeValue{idKey(1), idKey(2)}
		items, failed, err := batchGet(context.Background(), r, serial(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, false, nil, nil)
		if err == nil || !cmp.Equal(failed, []int{1}) || items[0] == nil || len(r.requests) != 1 {
			t.Errorf("batchGet = %v, %v after %d requests; want [1] and an error after 1", failed, err, len(r.requests))
		}
	})
	t.Run("write", func(t *testing.T) {
		r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			left := types.WriteRequest{PutRequest: &types.PutRequest{Item: stranger}}
			return &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{"t": {left}}}, nil
		}}
		keys := []map[string]types.AttributeValue{idKey(1), idKey(2)}
		reqs := []types.WriteRequest{{PutRequest: &types.PutRequest{Item: idKey(1)}}, {PutRequest: &types.PutRequest{Item: idKey(2)}}}
		failed, err := batchWrite(context.Background(), r, serial(time.Microsecond, time.Millisecond), "t", []string{"id"}, keys, reqs)
		if err == nil || !cmp.Equal(failed, []int{0, 1}) || len(r.requests) != 1 {
			t.Errorf("batchWrite = %v, %v after %d requests; want [0 1] and an error after 1", failed, err, len(r.requests))
		}
	})
}

// concurrent returns a batching of n senders with a short backoff.
func concurrent(n int) batching {
	return newBatching(n, func() *backoff { return newBackoff(time.Microsecond, time.Millisecond, math.MaxInt) })
}

// inFlight counts calls in flight and keeps the most seen at once.
type inFlight struct {
	mu       sync.Mutex
	now, max int
}

func (f *inFlight) enter() {
	f.mu.Lock()
	f.now++
	f.max = max(f.max, f.now)
	f.mu.Unlock()
	time.Sleep(time.Millisecond) // long enough for the other senders to start
}

func (f *inFlight) leave() {
	f.mu.Lock()
	f.now--
	f.mu.Unlock()
}

// TestBatchWriteSenders: with several senders, every request is written once, with its
// unprocessed items retried, and no more requests than senders are in flight.
func TestBatchWriteSenders(t *testing.T) {
	keys, reqs := idPuts(append(ids(0, 230), 7)...) // a duplicate: only this last request for 7 is sent
	var (
		flight  inFlight
		mu      sync.Mutex
		written = map[string]int{}
		seen    = map[string]bool{}
	)
	r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		flight.enter()
		defer flight.leave()
		mu.Lock()
		defer mu.Unlock()
		out := &dynamodb.BatchWriteItemOutput{}
		for _, w := range in.RequestItems["t"] {
			id := idOf(w.PutRequest.Item)
			// The first time it is sent, every item whose id ends in 3 is left unprocessed.
			if strings.HasSuffix(id, "3") && !seen[id] {
				seen[id] = true
				out.UnprocessedItems = map[string][]types.WriteRequest{"t": append(out.UnprocessedItems["t"], w)}
				continue
			}
			written[id]++
		}
		return out, nil
	}}
	failed, err := batchWrite(context.Background(), r, concurrent(4), "t", []string{"id"}, keys, reqs)
	if err != nil || failed != nil {
		t.Fatalf("batchWrite = %v, %v; want no failures", failed, err)
	}
	for i := range 230 {
		if n := written[strconv.Itoa(i)]; n != 1 {
			t.Errorf("item %d written %d times; want once", i, n)
		}
	}
	if flight.max < 2 || flight.max > 4 {
		t.Errorf("at most %d requests in flight; want 2 to 4 with 4 senders", flight.max)
	}
}

// TestBatchSendersStopOnHardError: when one sender fails, the others stop, and the failed
// positions are exactly the requests not known to be done.
func TestBatchSendersStopOnHardError(t *testing.T) {
	keys, reqs := idPuts(ids(0, 500)...)
	var mu sync.Mutex
	done := map[int]bool{}
	r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		time.Sleep(time.Millisecond)
		items := in.RequestItems["t"]
		if idOf(items[0].PutRequest.Item) == "100" { // the fifth request
			return nil, &types.ResourceNotFoundException{}
		}
		mu.Lock()
		defer mu.Unlock()
		for _, w := range items {
			id, _ := strconv.Atoi(idOf(w.PutRequest.Item))
			done[id] = true
		}
		return &dynamodb.BatchWriteItemOutput{}, nil
	}}
	failed, err := batchWrite(context.Background(), r, concurrent(3), "t", []string{"id"}, keys, reqs)
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("batchWrite err = %v; want the ResourceNotFoundException", err)
	}
	var want []int
	for i := range 500 {
		if !done[i] {
			want = append(want, i)
		}
	}
	if !cmp.Equal(failed, want) {
		t.Errorf("batchWrite failed = %v; want the %d positions not written %v", failed, len(want), want)
	}
	if !slices.Contains(failed, 100) || len(done) > 400 {
		t.Errorf("batchWrite wrote %d items and failed %v; want it to stop soon after the request of 100 failed", len(done), failed)
	}
}

// TestBatchGetSenders: with several senders, items come back in input order.
func TestBatchGetSenders(t *testing.T) {
	keys, _ := idPuts(ids(0, 450)...)
	var flight inFlight
	r := &recorder{batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
		flight.enter()
		defer flight.leave()
		out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
		for _, k := range in.RequestItems["t"].Keys {
			if idOf(k) == "300" {
				continue // no such item
			}
			out.Responses["t"] = append(out.Responses["t"], map[string]types.AttributeValue{"id": k["id"], "v": &types.AttributeValueMemberS{Value: "item " + idOf(k)}})
		}
		return out, nil
	}}
	items, failed, err := batchGet(context.Background(), r, concurrent(3), "t", []string{"id"}, keys, false, nil, nil)
	if err != nil || failed != nil {
		t.Fatalf("batchGet = %v, %v; want no failures", failed, err)
	}
	for i, it := range items {
		switch {
		case i == 300 && it != nil:
			t.Errorf("items[300] = %v; want nil", it)
		case i != 300 && (it == nil || idOf(it) != strconv.Itoa(i)):
			t.Errorf("items[%d] = %v; want the item of %d", i, it, i)
		}
	}
	if flight.max < 2 || flight.max > 3 {
		t.Errorf("at most %d requests in flight; want 2 to 3 with 3 senders", flight.max)
	}
}

// TestBatchSendersShared: concurrent batch calls share the extra senders, so that the
// requests in flight are at most one per call plus the extra ones.
func TestBatchSendersShared(t *testing.T) {
	var flight inFlight
	r := &recorder{batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
		flight.enter()
		defer flight.leave()
		return &dynamodb.BatchWriteItemOutput{}, nil
	}}
	b := concurrent(3) // two extra senders, shared
	const calls = 4
	var wg sync.WaitGroup
	errs := make([]error, calls)
	for c := range calls {
		keys, reqs := idPuts(ids(c*1000, 200)...)
		wg.Go(func() {
			_, errs[c] = batchWrite(context.Background(), r, b, "t", []string{"id"}, keys, reqs)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if got := len(r.requests); got != calls*8 {
		t.Errorf("%d requests; want %d", got, calls*8)
	}
	if flight.max > calls+2 {
		t.Errorf("at most %d requests in flight; want at most %d (one per call and two shared)", flight.max, calls+2)
	}
	if n := len(b.extra); n != 0 {
		t.Errorf("%d extra senders still taken after the calls; want 0", n)
	}
}
