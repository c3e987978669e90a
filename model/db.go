package model

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// DB is the part of the DynamoDB client a model uses. *dynamodb.Client satisfies it; so does
// any wrapper that adds tracing, metrics or a test double.
//
// A transaction ([TransactWrite], [TransactGet], a unit of work) is one request, sent
// through one client: its actions must come from models bound to one client, or it is
// refused before anything is sent ([ErrDifferentClients]); so are the models of a [Table]
// when it is made ([NewTable]). Two clients are one when they
// have one dynamic type and are equal with ==: the models of one dynamodel.Client (which
// binds its *dynamodb.Client) are, and so are the models given one wrapper, or wrappers
// made alike of one client as struct values. A wrapper and the client it wraps are
// different clients: give every model of a transaction the same one. A DB value == cannot
// compare (a struct holding a func, map or slice) is taken as one client with any other
// value of its type; give such a wrapper as a pointer to have two of them told apart.
type DB interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(ctx context.Context, in *dynamodb.ScanInput, opts ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

var _ DB = (*dynamodb.Client)(nil)
