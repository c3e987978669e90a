// Package interop_test checks that real Dynamoose and Dynamodel read each other's items: for
// each feature, Dynamoose writes an item that Dynamodel reads, and Dynamodel writes one that
// Dynamoose reads. Dynamodel's tablesync creates every table; Dynamoose is told not to create,
// change or wait for tables (package dynamoosetest), so its models work only if the table is
// what it expects.
package interop_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// newModel creates, through tablesync, a table unique to the test for s, and returns the
// model of it and the table's name, which the scripts give Dynamoose as its model's name.
func newModel[T any](t *testing.T, s *schema.Schema[T], base string) (*model.Model[T], string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db := dynamotest.Client()
	name := dynamotest.TableName(t, db, base)
	if _, err := tablesync.Sync(ctx, db, tablesync.CreateOnly, tablesync.FromSchema(name, s)); err != nil {
		t.Fatalf("tablesync.Sync(%s) = %v", name, err)
	}
	m, err := model.New[T](db, name, s)
	if err != nil {
		t.Fatalf("model.New(%s) = %v", name, err)
	}
	return m, name
}

// ctx returns a context for one test's requests.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// sameJSON fails the test when got and want differ once both are read as JSON (numbers as
// float64), naming what.
func sameJSON(t *testing.T, what string, got map[string]any, want string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want for %s: %v", what, err)
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}
