package model

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// This file holds the dry runs of the item operations, as Dynamoose's {return: "request"}:
// each returns the request its operation would send, as the SDK input, built by the same
// code that builds it for sending (defaults, validation, timestamps, conditions, the
// version, the entity attribute), and sends nothing. Bad input is refused with the error the
// operation returns.
//
// Before hooks (BeforeGet, BeforePut, BeforeUpdate, BeforeDelete) run, as the operation runs
// them before building its request: they may change the item or refuse the call, and the
// request is the one the call would send. After hooks and AfterLoad do not run: nothing is
// sent, written or read.
//
// A request is the caller's: changing it changes nothing in the model. With the context of
// a unit of work ([RunInTransaction]) a dry run records nothing: it returns the request the
// operation sends outside a unit.

// GetRequest returns the GetItem request [Model.Get] (or, with [Project],
// [Model.GetPartial]) would send for key, without sending it.
func (m *Model[T]) GetRequest(ctx context.Context, key Key, opts ...GetPartialOption) (*dynamodb.GetItemInput, error) {
	return m.getRequest(ctx, key, callOf(opts))
}

// PutRequest returns the PutItem request [Model.Put] would send for item, without sending
// it. The item passes the write pipeline and the BeforePut hooks as Put passes it.
func (m *Model[T]) PutRequest(ctx context.Context, item *T, opts ...PutOption) (*dynamodb.PutItemInput, error) {
	in, _, _, err := m.putRequest(ctx, "put", item, callOf(opts))
	return in, err
}

// CreateRequest returns the PutItem request [Model.Create] would send for item (with its
// condition that no item has the key), without sending it.
func (m *Model[T]) CreateRequest(ctx context.Context, item *T, opts ...PutOption) (*dynamodb.PutItemInput, error) {
	in, _, _, err := m.putRequest(ctx, "create", item, callOf(opts))
	return in, err
}

// DeleteRequest returns the DeleteItem request [Model.Delete] would send for key, without
// sending it.
func (m *Model[T]) DeleteRequest(ctx context.Context, key Key, opts ...DeleteOption) (*dynamodb.DeleteItemInput, error) {
	in, _, _, err := m.deleteRequest(ctx, key, callOf(opts))
	return in, err
}

// BatchGetRequests returns the BatchGetItem requests [Model.BatchGet] (or, with [Project],
// [Model.BatchGetPartial]) would send first for keys, without sending them: the distinct
// keys, 100 per request, in order (none for no keys). Keys DynamoDB leaves unprocessed are
// sent again in later requests, which depend on its answers.
func (m *Model[T]) BatchGetRequests(ctx context.Context, keys []Key, opts ...GetPartialOption) ([]*dynamodb.BatchGetItemInput, error) {
	r, err := m.batchGetRequest(ctx, keys, callOf(opts))
	if err != nil {
		return nil, err
	}
	return r.firstInputs(), nil
}

// BatchPutRequests returns the BatchWriteItem requests [Model.BatchPut] would send first
// for items, without sending them: 25 per request, in order, of two items with one key the
// later only. Items DynamoDB leaves unprocessed are sent again in later requests.
func (m *Model[T]) BatchPutRequests(ctx context.Context, items []*T) ([]*dynamodb.BatchWriteItemInput, error) {
	keys, reqs, err := m.batchPutRequests(ctx, items)
	if err != nil {
		return nil, err
	}
	return firstWriteInputs(m.table, m.keys, keys, reqs), nil
}

// BatchDeleteRequests returns the BatchWriteItem requests [Model.BatchDelete] would send
// first for keys, without sending them, as [Model.BatchPutRequests] does.
func (m *Model[T]) BatchDeleteRequests(ctx context.Context, keys []Key) ([]*dynamodb.BatchWriteItemInput, error) {
	encoded, reqs, _, err := m.batchDeleteRequests(ctx, keys)
	if err != nil {
		return nil, err
	}
	return firstWriteInputs(m.table, m.keys, encoded, reqs), nil
}

// BatchWriteRequests returns the BatchWriteItem requests [Model.BatchWrite] would send
// first for items and keys, without sending them: the puts of items, then the deletes of
// keys, mixed 25 per request, in order, of two with one key the later only (a key both put
// and deleted is deleted). Requests DynamoDB leaves unprocessed are sent again in later
// requests.
func (m *Model[T]) BatchWriteRequests(ctx context.Context, items []*T, keys []Key) ([]*dynamodb.BatchWriteItemInput, error) {
	encoded, reqs, _, err := m.batchWriteRequests(ctx, items, keys)
	if err != nil {
		return nil, err
	}
	return firstWriteInputs(m.table, m.keys, encoded, reqs), nil
}

// Request returns the UpdateItem request [Update.Exec] would send, without sending it.
// (When the schema hides expired items and the stored item has expired, Exec deletes it
// and sends the same request again.) An idempotent update ([Update.Idempotent]) sends a
// TransactWriteItems request instead, with a token of its own: Request refuses it with an
// *InputError; see that request with [TransactWriteRequest] of [Update.Tx] and a [TxToken].
func (u Update[T]) Request(ctx context.Context) (*dynamodb.UpdateItemInput, error) {
	if u.idem {
		return nil, inputError("update", "an idempotent update sends TransactWriteItems, not UpdateItem; see its request with TransactWriteRequest(ctx, u.Tx(), TxToken(token))")
	}
	in, _, err := u.request(ctx)
	return in, err
}

// Requests returns the Query requests [Query.All] (or [Query.AllPartial]) would send first,
// without sending them: one, or one per query an OR splits the query into (each with the
// Limit it gets when the queries before it return no items). Later requests start after
// the last key each page returns; [Query.Page] sends the first request with the cursor's
// start key, and [Query.Count] with Select COUNT and no projection or Limit.
func (q Query[T]) Requests() ([]*dynamodb.QueryInput, error) {
	plans, err := q.q.plans(false)
	if err != nil {
		return nil, err
	}
	ins := make([]*dynamodb.QueryInput, len(plans))
	for i, p := range plans {
		ins[i] = p.request(nil, requestLimit(q.q.limit, p.exact, 0))
	}
	return ins, nil
}

// Requests returns the Scan requests [Scan.All] (or [Scan.AllPartial]) would send first,
// without sending them: one, or with [Scan.Segments] one per segment. Later requests start
// after the last key each page returns; [Scan.Page] sends the first request with the
// cursor's start key, and [Scan.Count] with Select COUNT and no projection or Limit.
func (s Scan[T]) Requests() ([]*dynamodb.ScanInput, error) {
	base, exact, _, err := s.s.input(false)
	if err != nil {
		return nil, err
	}
	if s.s.segments <= 1 {
		return []*dynamodb.ScanInput{s.s.request(base, 0, nil, requestLimit(s.s.limit, exact, 0))}, nil
	}
	ins := make([]*dynamodb.ScanInput, s.s.segments)
	for seg := range ins {
		ins[seg] = s.s.request(base, seg, nil, 0)
	}
	return ins, nil
}

// TransactWriteRequest returns the TransactWriteItems request [TransactWrite] would send
// for actions, without sending it. Its ClientRequestToken is the [TxToken] given, or nil:
// without one, TransactWrite sends a random token it makes for each call, which a dry run
// cannot show (the next call would not use it); everything else is the request sent.
func TransactWriteRequest(ctx context.Context, actions ...WriteAction) (*dynamodb.TransactWriteItemsInput, error) {
	token, built, err := buildWrite(ctx, actions)
	if err != nil {
		return nil, err
	}
	return writeInput(token, built), nil
}

// TransactGetRequest returns the TransactGetItems request [TransactGet] would send for
// actions, without sending it.
func TransactGetRequest(ctx context.Context, actions ...GetAction) (*dynamodb.TransactGetItemsInput, error) {
	return transactGetInput(ctx, actions)
}
