package model

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
)

// BatchWrite puts items and deletes the items with keys together: 25 puts and deletes per
// request, mixed, so that n puts and m deletes take ⌈(n+m)/25⌉ requests where [Model.BatchPut]
// and [Model.BatchDelete] would take ⌈n/25⌉+⌈m/25⌉. Every item passes the write pipeline and
// every key is encoded before anything is sent; one refused stops the batch. Hooks run as
// for BatchPut and BatchDelete. Unprocessed requests are retried as BatchPut retries them,
// and those not done are reported in a *BatchError (Op "batch write") whose Failed positions
// count the items first, then the keys: position len(items)+j is keys[j]. The deletes come
// after the puts, so a key both put and deleted is deleted (one request per key is sent).
// The writes are not atomic: a failed batch may leave some done. In a unit of work
// ([RunInTransaction]) it is refused ([ErrNotTransactional]).
//
// It calls [BatchWriteItem].
//
// [BatchWriteItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
func (m *Model[T]) BatchWrite(ctx context.Context, items []*T, keys []Key) error {
	if f := unitOf(ctx); f != nil {
		return f.refuse(notTransactional("batch write", "call Put and Delete for each item"))
	}
	encoded, reqs, keyItems, err := m.batchWriteRequests(ctx, items, keys)
	if err != nil {
		return err
	}
	failed, err := batchWrite(ctx, m.db, m.batch, m.table, m.keys, encoded, reqs)
	if err != nil {
		return &BatchError{Op: "batch write", Table: m.table, Failed: failed, Err: err}
	}
	for _, item := range items {
		if err := m.runHooks(ctx, hooks.OnAfterPut, item); err != nil {
			return err
		}
	}
	for _, item := range keyItems {
		if err := m.runHooks(ctx, hooks.OnAfterDelete, item); err != nil {
			return err
		}
	}
	return nil
}

// batchWriteRequests runs the BeforePut hooks and the write pipeline on items, then encodes
// keys and runs the BeforeDelete hooks on them, and returns the write requests of both, puts
// first, each with its key, and the items of the keys the hooks got (nil without delete
// hooks).
func (m *Model[T]) batchWriteRequests(ctx context.Context, items []*T, keys []Key) (encoded []map[string]types.AttributeValue, reqs []types.WriteRequest, keyItems []*T, err error) {
	putKeys, puts, err := m.batchPutRequests(ctx, items)
	if err != nil {
		return nil, nil, nil, err
	}
	delKeys, dels, keyItems, err := m.batchDeleteRequests(ctx, keys)
	if err != nil {
		return nil, nil, nil, err
	}
	return slices.Concat(putKeys, delKeys), slices.Concat(puts, dels), keyItems, nil
}
