package odm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
)

// TestNotFoundNamesTableAndKey checks that Get of a missing item returns an error that matches
// ErrNotFound and names the table and the key, so that a log line says which item was missing.
func TestNotFoundNamesTableAndKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	accounts, _ := newModel[Account](t, ctx, accountSchema, "notfound")
	_, err := accounts.Get(ctx, model.Key{Hash: "nobody"})
	var nf *model.NotFoundError
	if !errors.Is(err, model.ErrNotFound) || !errors.As(err, &nf) {
		t.Fatalf("Get(missing) = %v; want a *model.NotFoundError matching ErrNotFound", err)
	}
	want := "model: item not found: table " + accounts.TableName() + `, key id="nobody"`
	if err.Error() != want {
		t.Errorf("Get(missing) = %q; want %q", err, want)
	}
}

// TestMissingTableSuggestsSync checks that an operation on a table that does not exist says so
// and names the ways to create it.
func TestMissingTableSuggestsSync(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	accounts, db := newModel[Account](t, ctx, accountSchema, "missing")
	ghost, err := model.New[Account](db, accounts.TableName()+"_never_created", accountSchema)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ghost.Get(ctx, model.Key{Hash: "a"})
	var op *model.OpError
	if !errors.As(err, &op) {
		t.Fatalf("Get on a missing table = %v; want an *model.OpError", err)
	}
	if !strings.Contains(err.Error(), "the table does not exist: create it with Client.Sync or tablesync.Sync at startup, or `dynamodel apply`") {
		t.Errorf("Get on a missing table = %q; want it to say the table does not exist and how to create it", err)
	}
}
