package model

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// recorder is a DB that records every request and answers from its functions; a request
// without a function fails. It builds golden files of requests and drives the retry paths
// that a local server never takes (unprocessed items, throttling).
type recorder struct {
	mu       sync.Mutex
	requests []any

	getItem            func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error)
	putItem            func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error)
	updateItem         func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error)
	deleteItem         func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error)
	query              func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error)
	scan               func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error)
	batchGetItem       func(*dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error)
	batchWriteItem     func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error)
	transactGetItems   func(*dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error)
	transactWriteItems func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error)
}

var errNoAnswer = errors.New("recorder: no answer for this request")

func answer[In, Out any](r *recorder, in *In, f func(*In) (*Out, error)) (*Out, error) {
	r.mu.Lock()
	r.requests = append(r.requests, in)
	r.mu.Unlock()
	if f == nil {
		return nil, errNoAnswer
	}
	return f(in)
}

func (r *recorder) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return answer(r, in, r.getItem)
}
func (r *recorder) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return answer(r, in, r.putItem)
}
func (r *recorder) UpdateItem(_ context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	return answer(r, in, r.updateItem)
}
func (r *recorder) DeleteItem(_ context.Context, in *dynamodb.DeleteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	return answer(r, in, r.deleteItem)
}
func (r *recorder) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return answer(r, in, r.query)
}
func (r *recorder) Scan(_ context.Context, in *dynamodb.ScanInput, _ ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	return answer(r, in, r.scan)
}
func (r *recorder) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	return answer(r, in, r.batchGetItem)
}
func (r *recorder) BatchWriteItem(_ context.Context, in *dynamodb.BatchWriteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	return answer(r, in, r.batchWriteItem)
}
func (r *recorder) TransactGetItems(_ context.Context, in *dynamodb.TransactGetItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	return answer(r, in, r.transactGetItems)
}
func (r *recorder) TransactWriteItems(_ context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	return answer(r, in, r.transactWriteItems)
}

var _ DB = (*recorder)(nil)
