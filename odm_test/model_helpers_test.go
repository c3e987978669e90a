package odm_test

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// createTableFor creates the table of the schemas (several schemas: several models stored in
// one table) through tablesync, as a program does at startup: FromSchema, then Sync in
// CreateOnly mode, which creates the table with its indexes and waits until it is active.
// The table is named uniquely for the test; its stored name is returned, and the model is
// given the name without the run prefix through WithTablePrefix.
func createTableFor(t *testing.T, ctx context.Context, db *dynamodb.Client, base string, schemas ...schema.Definition) string {
	t.Helper()
	name := dynamotest.TableName(t, db, base)
	defs := make([]tablesync.Spec, len(schemas))
	for i, s := range schemas {
		defs[i] = tablesync.FromSchema(name, s)
	}
	res, err := tablesync.Sync(ctx, db, tablesync.CreateOnly, defs...)
	if err != nil {
		t.Fatalf("tablesync.Sync(%s, CreateOnly) = %v", name, err)
	}
	created := false
	for _, st := range res.Applied {
		created = created || st.Table == name && st.Action == tablesync.CreateTable
	}
	if !created {
		t.Fatalf("tablesync.Sync(%s, CreateOnly) did not create the table:\n%v", name, res)
	}
	return name
}

// modelOn returns the model of the items of s in the table stored as stored, named base
// with the run's prefix and the counter's suffix, as a program would configure it.
func modelOn[T any](t *testing.T, db *dynamodb.Client, stored, base string, s *schema.Schema[T], opts ...model.Option) *model.Model[T] {
	t.Helper()
	prefix := stored[:len(stored)-len(base)-len(suffixOf(stored))]
	opts = append([]model.Option{model.WithTablePrefix(prefix), model.WithTableSuffix(suffixOf(stored))}, opts...)
	m, err := model.New[T](db, base, s, opts...)
	if err != nil {
		t.Fatalf("model.New(%s) = %v", base, err)
	}
	if m.TableName() != stored {
		t.Fatalf("Table() = %q; want %q", m.TableName(), stored)
	}
	return m
}

// newModel creates a table for s and returns the model of it, named base with the run's
// prefix, as a program would configure it, and its client. The models newModel makes share
// one client, as a program's do: a transaction may mix them (models of two clients are
// refused, model.ErrDifferentClients).
func newModel[T any](t *testing.T, ctx context.Context, s *schema.Schema[T], base string, opts ...model.Option) (*model.Model[T], *dynamodb.Client) {
	t.Helper()
	db := sharedClient(t)
	stored := createTableFor(t, ctx, db, base, s)
	return modelOn[T](t, db, stored, base, s, opts...), db
}

// suffixOf returns the "_N" counter dynamotest.TableName ends a name with.
func suffixOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '_' {
			return name[i:]
		}
	}
	return ""
}

var shared struct {
	mu sync.Mutex
	db *dynamodb.Client
}

// sharedClient returns the DynamoDB client of the models newModel makes, opened once.
func sharedClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.db == nil {
		shared.db = open(t).DynamoDB()
	}
	return shared.db
}
