package model

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// The most keys one BatchGetItem and the most requests one BatchWriteItem may hold.
const (
	maxBatchGet   = 100
	maxBatchWrite = 25
)

// keyString is a canonical text of the key attributes names of item, to match items and
// unprocessed requests with their inputs, and to find two actions on one item. Numbers are
// matched by value: DynamoDB answers with its own spelling of a number (1700000000 for the
// 1.7e+09 that was sent, 1.5 for 1.50).
func keyString(item map[string]types.AttributeValue, names []string) string {
	var b strings.Builder
	for _, n := range names {
		switch v := item[n].(type) {
		case *types.AttributeValueMemberS:
			b.WriteString("S")
			b.WriteString(v.Value)
		case *types.AttributeValueMemberN:
			b.WriteString("N")
			b.WriteString(attr.CanonicalNumber(v.Value))
		case *types.AttributeValueMemberB:
			b.WriteString("B")
			b.WriteString(base64.StdEncoding.EncodeToString(v.Value))
		default:
			b.WriteString("-")
		}
		b.WriteByte(0)
	}
	return b.String()
}

// batching is how a batch call sends its requests: newBackoff makes the backoff of each
// sender. Every batch call sends on its own goroutine, one request at a time; extra holds
// the tokens of the senders it may add, shared by the batch calls of one model, so that
// concurrent calls do not multiply the requests in flight (nil: none).
type batching struct {
	newBackoff func() *backoff
	extra      chan struct{}
}

// newBatching returns the batching of up to senders requests in flight.
func newBatching(senders int, newBackoff func() *backoff) batching {
	b := batching{newBackoff: newBackoff}
	if senders > 1 {
		b.extra = make(chan struct{}, senders-1)
	}
	return b
}

// requestFunc sends one request of the keys of chunk (canonical texts, see keyString) and
// returns those DynamoDB left unprocessed. When it fails it returns the keys of chunk not
// known to be done, and why.
type requestFunc func(ctx context.Context, chunk []string) (left []string, err error)

// sendAll sends pending, size keys per request, until every key is done or a failure is
// final, and returns then the keys not known to be done. Unprocessed keys go again, before
// the keys not sent yet, after the backoff; so does a request that failed with a transient
// error once the SDK's own attempts are spent (throttling, a 5xx answer, a reset connection:
// see awserr.Transient). Any other error, the end of ctx, or the backoff's limit of retries
// without progress (ErrRetriesExhausted) is final.
func sendAll(ctx context.Context, bo *backoff, pending []string, size int, request requestFunc) ([]string, error) {
	for len(pending) > 0 {
		n := min(size, len(pending))
		left, err := request(ctx, pending[:n])
		next := slices.Concat(left, pending[n:])
		switch {
		case err != nil && (!awserr.Transient(err) || ctx.Err() != nil):
			return next, err
		case err != nil:
			if werr := bo.wait(ctx); werr != nil {
				return next, errors.Join(werr, err)
			}
		case len(left) == 0:
			bo.reset()
		default:
			if len(left) < n {
				bo.progress()
			}
			if werr := bo.wait(ctx); werr != nil {
				return next, werr
			}
		}
		pending = next
	}
	return nil, nil
}

// distinct returns the canonical texts of the distinct keys of keys, in the order first
// seen, and the positions in keys of each: a batch sends each key once, as DynamoDB refuses
// duplicates within a request.
func distinct(keys []map[string]types.AttributeValue, keyNames []string) (pending []string, positions map[string][]int) {
	positions = make(map[string][]int, len(keys))
	for i, k := range keys {
		ks := keyString(k, keyNames)
		if _, ok := positions[ks]; !ok {
			pending = append(pending, ks)
		}
		positions[ks] = append(positions[ks], i)
	}
	return pending, positions
}

// inParallel sends keys, size per request, through request (see sendAll). Without extra
// senders free, or when the keys fit in one request, one sender sends them all in order,
// each request with the next keys. Otherwise the keys are cut into requests, and each sender
// takes the next request and sends it with its retries to the end. On the first final
// failure the other senders are cancelled; rest lists every key not known to be done then
// (those of failed and cancelled sends and of requests never sent), and err is that first
// failure.
func (b batching) inParallel(ctx context.Context, keys []string, size int, request requestFunc) (rest []string, err error) {
	n := (len(keys) + size - 1) / size
	extra := 0
take:
	for extra < n-1 {
		select {
		case b.extra <- struct{}{}:
			extra++
		default:
			break take
		}
	}
	if extra == 0 {
		return sendAll(ctx, b.newBackoff(), keys, size, request)
	}
	defer func() {
		for range extra {
			<-b.extra
		}
	}()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex
		next   int
		failed bool
		rests  = make([][]string, n)
		wg     sync.WaitGroup
	)
	for range 1 + extra {
		wg.Go(func() {
			bo := b.newBackoff()
			for {
				mu.Lock()
				i := next
				next++
				stop := failed
				mu.Unlock()
				if i >= n {
					return
				}
				chunk := keys[i*size : min((i+1)*size, len(keys))]
				if stop {
					rests[i] = chunk
					continue
				}
				r, sendErr := sendAll(ctx, bo, chunk, size, request)
				mu.Lock()
				rests[i] = r
				if sendErr != nil && !failed {
					failed, err = true, sendErr
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err == nil {
		return nil, nil
	}
	return slices.Concat(rests...), err
}

// batchGetRead is a batch get ready to send: the encoded keys and the settings of every
// request.
type batchGetRead struct {
	table      string
	keyNames   []string
	keys       []map[string]types.AttributeValue
	consistent bool
	proj       *string
	names      map[string]string
}

// input returns the request of keys. ConsistentRead is sent only for a consistent read, as
// Get, Query and Scan send it: an eventually consistent read is DynamoDB's default.
func (r batchGetRead) input(keys []map[string]types.AttributeValue) *dynamodb.BatchGetItemInput {
	req := types.KeysAndAttributes{Keys: keys, ProjectionExpression: r.proj, ExpressionAttributeNames: r.names}
	if r.consistent {
		req.ConsistentRead = aws.Bool(true)
	}
	return &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{r.table: req}}
}

// firstInputs returns the requests a batch get sends first: its distinct keys, 100 per
// request, in order. Retries of unprocessed keys follow them.
func (r batchGetRead) firstInputs() []*dynamodb.BatchGetItemInput {
	pending, positions := distinct(r.keys, r.keyNames)
	var ins []*dynamodb.BatchGetItemInput
	for chunk := range slices.Chunk(pending, maxBatchGet) {
		ins = append(ins, r.input(firstOf(chunk, positions, r.keys)))
	}
	return ins
}

// firstOf returns, for each key of chunk, the first of all given with it: a batch get
// reads a key given twice once.
func firstOf[V any](chunk []string, positions map[string][]int, all []V) []V {
	out := make([]V, len(chunk))
	for j, ks := range chunk {
		out[j] = all[positions[ks][0]]
	}
	return out
}

// lastOf returns, for each key of chunk, the last of all given with it: of two writes of
// one item, the later wins.
func lastOf[V any](chunk []string, positions map[string][]int, all []V) []V {
	out := make([]V, len(chunk))
	for j, ks := range chunk {
		at := positions[ks]
		out[j] = all[at[len(at)-1]]
	}
	return out
}

// batchGet reads keys, 100 per request, retrying unprocessed keys with backoff until done,
// ctx ends or the backoff's retries run out. items[i] is the item of keys[i], nil when there is none; failed lists the
// positions of keys that were not read, and err why.
func batchGet(ctx context.Context, db DB, b batching, table string, keyNames []string, keys []map[string]types.AttributeValue,
	consistent bool, proj *string, names map[string]string) (items []map[string]types.AttributeValue, failed []int, err error) {
	r := batchGetRead{table: table, keyNames: keyNames, keys: keys, consistent: consistent, proj: proj, names: names}
	items = make([]map[string]types.AttributeValue, len(keys))
	pending, positions := distinct(keys, keyNames)
	// Senders write items at the positions of their own keys only, and each key is sent by
	// one sender.
	request := func(ctx context.Context, chunk []string) ([]string, error) {
		out, err := db.BatchGetItem(ctx, r.input(firstOf(chunk, positions, keys)))
		if err != nil {
			return chunk, err
		}
		for _, it := range out.Responses[table] {
			for _, i := range positions[keyString(it, keyNames)] {
				items[i] = it
			}
		}
		var left []string
		for _, k := range out.UnprocessedKeys[table].Keys {
			ks := keyString(k, keyNames)
			if _, ok := positions[ks]; !ok {
				// Which key was left is unknown: every key of the chunk not read is.
				var unread []string
				for _, ks := range chunk {
					if items[positions[ks][0]] == nil {
						unread = append(unread, ks)
					}
				}
				return unread, errUnknownKey(ks)
			}
			left = append(left, ks)
		}
		return left, nil
	}
	rest, err := b.inParallel(ctx, pending, maxBatchGet, request)
	if err != nil {
		return items, allPositions(rest, positions), err
	}
	return items, nil, nil
}

// batchWriteInput returns the BatchWriteItem request of reqs.
func batchWriteInput(table string, reqs []types.WriteRequest) *dynamodb.BatchWriteItemInput {
	return &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}}
}

// firstWriteInputs returns the requests batchWrite sends first: 25 per request, of each
// key the last request given, in order. Retries of unprocessed requests follow them.
func firstWriteInputs(table string, keyNames []string, keys []map[string]types.AttributeValue, requests []types.WriteRequest) []*dynamodb.BatchWriteItemInput {
	pending, positions := distinct(keys, keyNames)
	var ins []*dynamodb.BatchWriteItemInput
	for chunk := range slices.Chunk(pending, maxBatchWrite) {
		ins = append(ins, batchWriteInput(table, lastOf(chunk, positions, requests)))
	}
	return ins
}

// batchWrite sends requests, 25 per BatchWriteItem, retrying unprocessed ones with backoff
// until done, ctx ends or the backoff's retries run out. keys[i] is the key of requests[i]; of requests with the same key
// only the last is sent (as it would win), and the others count as done with it, so no two
// senders write one item. failed lists the positions of requests that were not done.
func batchWrite(ctx context.Context, db DB, b batching, table string, keyNames []string, keys []map[string]types.AttributeValue,
	requests []types.WriteRequest) (failed []int, err error) {
	pending, positions := distinct(keys, keyNames)
	request := func(ctx context.Context, chunk []string) ([]string, error) {
		out, err := db.BatchWriteItem(ctx, batchWriteInput(table, lastOf(chunk, positions, requests)))
		if err != nil {
			return chunk, err
		}
		var left []string
		for _, r := range out.UnprocessedItems[table] {
			var ks string
			switch {
			case r.PutRequest != nil:
				ks = keyString(r.PutRequest.Item, keyNames)
			case r.DeleteRequest != nil:
				ks = keyString(r.DeleteRequest.Key, keyNames)
			}
			if _, ok := positions[ks]; !ok {
				// Which request was left is unknown: none of the chunk counts as done.
				return chunk, errUnknownKey(ks)
			}
			left = append(left, ks)
		}
		return left, nil
	}
	rest, err := b.inParallel(ctx, pending, maxBatchWrite, request)
	if err != nil {
		return allPositions(rest, positions), err
	}
	return nil, nil
}

// errUnknownKey is the error of a batch that DynamoDB answered with an unprocessed key or
// request matching none that was sent; ks is its keyString.
func errUnknownKey(ks string) error {
	return fmt.Errorf("model: DynamoDB left unprocessed a key that matches none sent (%q)", strings.TrimSpace(strings.ReplaceAll(ks, "\x00", " ")))
}

// allPositions returns the input positions of the pending keys, in input order.
func allPositions(pending []string, positions map[string][]int) []int {
	var out []int
	for _, ks := range pending {
		out = append(out, positions[ks]...)
	}
	slices.Sort(out)
	return out
}
