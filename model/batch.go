package model

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// itemError wraps the refusal of one item of a batch with its position; errors.As still
// reaches a *validate.Error inside.
func itemError(op string, i int, err error) error {
	return &InputError{Op: op, Err: fmt.Errorf("item %d: %w", i, err)}
}

// BatchGet returns the items with keys, in the order of keys: items[i] is the item of
// keys[i], or nil when there is none (or it expired and the schema hides expired items).
// Keys are read 100 per request (up to four requests in flight, see [WithBatchConcurrency]),
// a key given twice is read once, and keys DynamoDB leaves
// unprocessed are retried with exponential backoff and jitter until done, ctx ends or the
// retries run out ([WithBatchRetries]); then
// the keys not read are reported by position in a *BatchError, beside the items that were
// read. Options: [Consistent].
//
// BatchGet does not take [Project]: the items would miss the attributes not read, and Put
// of one would delete them. Use [Model.BatchGetPartial].
//
// Hooks run as for [Model.Get]: BeforeGet on each key (an error stops the batch before
// anything is sent), AfterLoad and AfterGet on each item found.
//
// It calls [BatchGetItem].
//
// [BatchGetItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
func (m *Model[T]) BatchGet(ctx context.Context, keys []Key, opts ...GetOption) ([]*T, error) {
	items, _, err := m.batchGet(ctx, keys, callOf(opts))
	return items, err
}

// BatchGetPartial is [Model.BatchGet] for a read with [Project]: each item found comes as a
// [Partial], which Put does not take (nil when there is none). Write changes with
// [Model.Update]. Options: [Consistent], [Project].
func (m *Model[T]) BatchGetPartial(ctx context.Context, keys []Key, opts ...GetPartialOption) ([]*Partial[T], error) {
	items, raws, err := m.batchGet(ctx, keys, callOf(opts))
	if items == nil {
		return nil, err
	}
	partials := make([]*Partial[T], len(items))
	for i, item := range items {
		if item != nil {
			partials[i] = &Partial[T]{Item: *item, Read: readNames(raws[i])}
		}
	}
	return partials, err
}

// batchGet reads the items with keys and returns them with the stored attributes read.
func (m *Model[T]) batchGet(ctx context.Context, keys []Key, c call) ([]*T, []map[string]types.AttributeValue, error) {
	r, err := m.batchGetRequest(ctx, keys, c)
	if err != nil {
		return nil, nil, err
	}
	raws, failed, err := batchGet(ctx, m.db, m.batch, r.table, r.keyNames, r.keys, r.consistent, r.proj, r.names)
	items := make([]*T, len(keys))
	for i, raw := range raws {
		if raw == nil {
			continue
		}
		item := new(T)
		ok, lerr := m.load(ctx, raw, item)
		if lerr == nil && ok {
			lerr = m.runHooks(ctx, hooks.OnAfterGet, item)
		}
		if lerr != nil {
			return items, raws, lerr
		}
		if ok {
			items[i] = item
		}
	}
	if err != nil {
		return items, raws, &BatchError{Op: "batch get", Table: m.table, Failed: failed, Err: err}
	}
	return items, raws, nil
}

// batchGetRequest encodes the keys of a batch get and runs the BeforeGet hooks on them.
func (m *Model[T]) batchGetRequest(ctx context.Context, keys []Key, c call) (batchGetRead, error) {
	r := batchGetRead{table: m.table, keyNames: m.keys, keys: make([]map[string]types.AttributeValue, len(keys)), consistent: c.consistent}
	for i, k := range keys {
		var err error
		if r.keys[i], err = m.key(k); err != nil {
			return r, itemError("batch get", i, err)
		}
	}
	var b expr.Builder
	proj, err := m.src.projectionWithKeys("batch get", &b, c.project, m.keys, "")
	if err != nil {
		return r, err
	}
	r.proj, r.names = proj, b.Names()
	if m.hooks.Has(hooks.OnBeforeGet) {
		for i := range r.keys {
			if err := m.runHooks(ctx, hooks.OnBeforeGet, m.keyItem(r.keys[i])); err != nil {
				return r, itemError("batch get", i, err)
			}
		}
	}
	return r, nil
}

// BatchPut writes items, replacing items with the same keys, 25 per request, with up to
// four requests in flight (shared by the model's batch calls, see [WithBatchConcurrency]).
// Every item passes the write pipeline first, and one refused item stops the batch before
// anything is sent. Items DynamoDB leaves unprocessed are retried with exponential backoff
// and jitter until done, ctx ends or the retries run out ([WithBatchRetries]); then the
// items not written are reported by position in a *BatchError. Of two items with one key,
// the later wins. Batch writes take no conditions, so a model with a version attribute
// refuses them. In a unit of work ([RunInTransaction]) batch writes are refused
// ([ErrNotTransactional]).
//
// It calls [BatchWriteItem].
//
// [BatchWriteItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
func (m *Model[T]) BatchPut(ctx context.Context, items []*T) error {
	if f := unitOf(ctx); f != nil {
		return f.refuse(notTransactional("batch put", "call Put for each item"))
	}
	keys, reqs, err := m.batchPutRequests(ctx, items)
	if err != nil {
		return err
	}
	failed, err := batchWrite(ctx, m.db, m.batch, m.table, m.keys, keys, reqs)
	if err != nil {
		return &BatchError{Op: "batch put", Table: m.table, Failed: failed, Err: err}
	}
	for _, item := range items {
		if err := m.runHooks(ctx, hooks.OnAfterPut, item); err != nil {
			return err
		}
	}
	return nil
}

// BatchDelete deletes the items with keys, 25 per request, retrying unprocessed ones as
// BatchPut does. Deleting a missing item is not an error. In a unit of work
// ([RunInTransaction]) it is refused ([ErrNotTransactional]).
//
// It calls [BatchWriteItem].
func (m *Model[T]) BatchDelete(ctx context.Context, keys []Key) error {
	if f := unitOf(ctx); f != nil {
		return f.refuse(notTransactional("batch delete", "call Delete for each key"))
	}
	encoded, reqs, keyItems, err := m.batchDeleteRequests(ctx, keys)
	if err != nil {
		return err
	}
	failed, err := batchWrite(ctx, m.db, m.batch, m.table, m.keys, encoded, reqs)
	if err != nil {
		return &BatchError{Op: "batch delete", Table: m.table, Failed: failed, Err: err}
	}
	for _, item := range keyItems {
		if err := m.runHooks(ctx, hooks.OnAfterDelete, item); err != nil {
			return err
		}
	}
	return nil
}

// batchPutRequests runs the BeforePut hooks and the write pipeline on items and returns
// their write requests, with the item of each as its key.
func (m *Model[T]) batchPutRequests(ctx context.Context, items []*T) (keys []map[string]types.AttributeValue, reqs []types.WriteRequest, err error) {
	if m.o.version != "" {
		return nil, nil, inputError("batch put", "the model has a version attribute, which batch writes cannot check; use Put or a transaction")
	}
	reqs = make([]types.WriteRequest, len(items))
	keys = make([]map[string]types.AttributeValue, len(items))
	for i, item := range items {
		if item == nil {
			return nil, nil, itemError("batch put", i, fmt.Errorf("nil item"))
		}
		if err := m.runHooks(ctx, hooks.OnBeforePut, item); err != nil {
			return nil, nil, itemError("batch put", i, err)
		}
		av, err := m.s.Put(item)
		if err == nil {
			err = m.entity.stamp("batch put", av)
		}
		if err != nil {
			return nil, nil, itemError("batch put", i, err)
		}
		reqs[i] = types.WriteRequest{PutRequest: &types.PutRequest{Item: av}}
		keys[i] = av
	}
	return keys, reqs, nil
}

// batchDeleteRequests encodes keys, runs the BeforeDelete hooks on them and returns their
// write requests, with the items of the keys the hooks got (nil without delete hooks).
func (m *Model[T]) batchDeleteRequests(ctx context.Context, keys []Key) (encoded []map[string]types.AttributeValue, reqs []types.WriteRequest, keyItems []*T, err error) {
	reqs = make([]types.WriteRequest, len(keys))
	encoded = make([]map[string]types.AttributeValue, len(keys))
	for i, k := range keys {
		av, err := m.key(k)
		if err != nil {
			return nil, nil, nil, itemError("batch delete", i, err)
		}
		reqs[i] = types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: av}}
		encoded[i] = av
	}
	if m.hooks.Has(hooks.OnBeforeDelete) || m.hooks.Has(hooks.OnAfterDelete) {
		keyItems = make([]*T, len(keys))
		for i, k := range encoded {
			keyItems[i] = m.keyItem(k)
			if err := m.runHooks(ctx, hooks.OnBeforeDelete, keyItems[i]); err != nil {
				return nil, nil, nil, itemError("batch delete", i, err)
			}
		}
	}
	return encoded, reqs, keyItems, nil
}
