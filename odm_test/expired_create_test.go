package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// TestExpiredItemIsAbsentForCreate: with HideExpired an expired item is absent to Get,
// BatchGet, TransactGet, queries and scans, but Create (and Update with MustExist) still see
// it, through attribute_not_exists / attribute_exists on the hash key. DynamoDB deletes
// expired items lazily (typically within a few days; DynamoDB Local never), so for that time
// Get says ErrNotFound while Create of the same key fails with ErrConditionFailed — the
// session, lock and idempotency-key uses of TTL break.
func TestExpiredItemIsAbsentForCreate(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	clock := newClock(time.Now())
	s := schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()),
		schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(clock.now)))
	m, _ := newModel[statusOrder](t, ctx, s, "expcreate")
	for _, id := range []string{"s1", "s2", "s3"} {
		if err := m.Create(ctx, &statusOrder{ID: id, Status: "old", Total: 7}); err != nil {
			t.Fatalf("Create(%s) = %v", id, err)
		}
	}
	// With optimistic locking, a version 0 put expects no item: an expired one counts as none.
	vs := schema.Must(schema.For[statusOrder](schema.Attr("id", schema.HashKey()),
		schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(clock.now)))
	vm, _ := newModel[statusOrder](t, ctx, vs, "expversion", model.WithVersion("total"))
	for _, id := range []string{"v1", "v2"} {
		if err := vm.Put(ctx, &statusOrder{ID: id, Status: "old"}); err != nil {
			t.Fatalf("Put(%s, version 0) = %v", id, err)
		}
	}
	clock.set(time.Now().Add(2 * time.Hour)) // the items have expired
	if err := vm.Put(ctx, &statusOrder{ID: "v1", Status: "new"}); err != nil {
		t.Errorf("Put(key of an expired item, version 0) = %v; want nil", err)
	}
	if got, err := vm.Get(ctx, model.Key{Hash: "v1"}, model.Consistent()); err != nil || got.Status != "new" || got.Total != 1 {
		t.Errorf("Get after Put(version 0) = %+v, %v; want status new, version 1", got, err)
	}
	if err := vm.Put(ctx, &statusOrder{ID: "v2", Status: "new", Total: 1}); !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("Put(key of an expired item of version 1, version 1) = %v; want ErrConditionFailed", err)
	}
	if _, err := m.Get(ctx, model.Key{Hash: "s1"}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("Get(expired) = %v; want ErrNotFound", err)
	}
	if err := m.Create(ctx, &statusOrder{ID: "s1", Status: "new"}); err != nil {
		t.Errorf("Create(key of an expired item) = %v; want nil, as Get reports no item", err)
	}
	if _, err := m.Update(model.Key{Hash: "s2"}).Set("status", "x").MustExist().Exec(ctx); !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("Update(key of an expired item).MustExist() = %v; want ErrConditionFailed", err)
	}
	// Without MustExist, an update of an expired item is an update of a key with no item: it
	// creates the item, without the expired item's attributes.
	want := statusOrder{ID: "s2", Status: "x"}
	if got, err := m.Update(model.Key{Hash: "s2"}).Set("status", "x").Exec(ctx); err != nil || got != want {
		t.Errorf("Update(key of an expired item) = %+v, %v; want %+v, nil", got, err, want)
	}
	if got, err := m.Get(ctx, model.Key{Hash: "s2"}, model.Consistent()); err != nil || got != want {
		t.Errorf("Get after Update(key of an expired item) = %+v, %v; want %+v, nil", got, err, want)
	}
	if got, err := m.Get(ctx, model.Key{Hash: "s1"}, model.Consistent()); err != nil || got.Status != "new" {
		t.Errorf("Get after Create(key of an expired item) = %+v, %v; want status new", got, err)
	}
	// A transaction cannot delete the expired item first: it is cancelled.
	if dynamotest.Supports(dynamotest.Transactions) {
		if err := model.TransactWrite(ctx, m.Update(model.Key{Hash: "s3"}).Set("status", "x").Tx()); !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("TransactWrite(update of an expired item) = %v; want ErrConditionFailed", err)
		}
	}
	// A live item whose condition fails is left alone.
	if _, err := m.Update(model.Key{Hash: "s1"}).Set("total", 1).If(model.Where("status").Eq("old")).Exec(ctx); !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("Update(live item).If(false) = %v; want ErrConditionFailed", err)
	}
	if got, err := m.Get(ctx, model.Key{Hash: "s1"}, model.Consistent()); err != nil || got.Status != "new" || got.Total != 0 {
		t.Errorf("Get after a failed Update = %+v, %v; want status new, total 0", got, err)
	}
}
