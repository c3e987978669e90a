package odm_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/validate"
)

// TestModelBatch runs the batch calls with their requests sent one after the other, and
// with several in flight (the default).
func TestModelBatch(t *testing.T) {
	for _, senders := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d senders", senders), func(t *testing.T) { testModelBatch(t, senders) })
	}
}

func testModelBatch(t *testing.T, senders int) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orders, _ := newModel[Order](t, ctx, orderSchema, "batch", model.WithBatchConcurrency(senders))

	// 130 items: more than 25 per write request and 100 per read request.
	var items []*Order
	for i := range 130 {
		items = append(items, &Order{Customer: fmt.Sprintf("c%d", i%4), ID: i, Status: "new", Total: float64(i)})
	}
	if err := orders.BatchPut(ctx, items); err != nil {
		t.Fatalf("BatchPut(130) = %v", err)
	}
	n, err := orders.Scan().Consistent().Count(ctx)
	if err != nil || n != 130 {
		t.Fatalf("Count after BatchPut = %d, %v; want 130", n, err)
	}

	t.Run("get in input order", func(t *testing.T) {
		var keys []model.Key
		for i := 129; i >= 0; i -= 1 {
			keys = append(keys, model.Key{Hash: fmt.Sprintf("c%d", i%4), Range: i})
		}
		keys = append(keys, model.Key{Hash: "c1", Range: 5}, model.Key{Hash: "nobody", Range: 1}) // a duplicate, a miss
		got, err := orders.BatchGet(ctx, keys, model.Consistent())
		if err != nil {
			t.Fatalf("BatchGet = %v", err)
		}
		if len(got) != len(keys) {
			t.Fatalf("BatchGet returned %d items; want %d", len(got), len(keys))
		}
		for i, k := range keys[:131] {
			if got[i] == nil || got[i].Customer != k.Hash || got[i].ID != k.Range || got[i].Total != float64(k.Range.(int)) {
				t.Fatalf("BatchGet()[%d] = %+v; want the item %v", i, got[i], k)
			}
		}
		if got[131] != nil {
			t.Errorf("BatchGet()[131] = %+v; want nil for a missing key", got[131])
		}
	})
	t.Run("projection", func(t *testing.T) {
		got, err := orders.BatchGetPartial(ctx, []model.Key{{Hash: "c2", Range: 6}}, model.Project("total"))
		if err != nil || got[0] == nil || got[0].Item.Total != 6 || got[0].Item.Status != "" {
			t.Errorf("BatchGetPartial(Project total) = %+v, %v; want total only", got[0], err)
		}
	})
	t.Run("refused before sending", func(t *testing.T) {
		err := orders.BatchPut(ctx, []*Order{{Customer: "x", ID: 1}, {Customer: "x", ID: 2, Status: "lost"}})
		var ve *validate.Error
		var ie *model.InputError
		if !errors.As(err, &ve) || !errors.As(err, &ie) {
			t.Errorf("BatchPut(invalid) = %v; want an *InputError holding a *validate.Error", err)
		}
		got, err := orders.BatchGet(ctx, []model.Key{{Hash: "x", Range: 1}}, model.Consistent())
		if err != nil || got[0] != nil {
			t.Errorf("after a refused batch, BatchGet(x/1) = %+v, %v; want nothing written", got[0], err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		var keys []model.Key
		for i := range 100 {
			keys = append(keys, model.Key{Hash: fmt.Sprintf("c%d", i%4), Range: i})
		}
		keys = append(keys, model.Key{Hash: "nobody", Range: 1})
		if err := orders.BatchDelete(ctx, keys); err != nil {
			t.Fatalf("BatchDelete = %v", err)
		}
		n, err := orders.Scan().Consistent().Count(ctx)
		if err != nil || n != 30 {
			t.Errorf("Count after BatchDelete = %d, %v; want 30", n, err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, ccancel := context.WithCancel(ctx)
		ccancel()
		err := orders.BatchDelete(cctx, []model.Key{{Hash: "c1", Range: 101}, {Hash: "c2", Range: 102}})
		var be *model.BatchError
		if !errors.As(err, &be) || !errors.Is(err, context.Canceled) || len(be.Failed) != 2 {
			t.Errorf("BatchDelete(cancelled) = %v; want a *BatchError for both items wrapping context.Canceled", err)
		}
	})
	t.Run("write: puts and deletes mixed", func(t *testing.T) {
		// The table holds ids 100 to 129. Put 200 to 219 and 100 again, delete 101 to 110 and
		// 200: a key both put and deleted is deleted.
		items := []*Order{{Customer: "c0", ID: 100, Status: "new", Total: 999}}
		for i := 200; i < 220; i++ {
			items = append(items, &Order{Customer: fmt.Sprintf("c%d", i%4), ID: i, Status: "new", Total: float64(i)})
		}
		keys := []model.Key{{Hash: "c0", Range: 200}}
		for i := 101; i <= 110; i++ {
			keys = append(keys, model.Key{Hash: fmt.Sprintf("c%d", i%4), Range: i})
		}
		if err := orders.BatchWrite(ctx, items, keys); err != nil {
			t.Fatalf("BatchWrite = %v", err)
		}
		n, err := orders.Scan().Consistent().Count(ctx)
		if err != nil || n != 39 {
			t.Errorf("Count after BatchWrite = %d, %v; want 30 + 20 put - 11 deleted = 39", n, err)
		}
		got, err := orders.BatchGet(ctx, []model.Key{{Hash: "c0", Range: 100}, {Hash: "c1", Range: 101}, {Hash: "c0", Range: 200}, {Hash: "c1", Range: 201}}, model.Consistent())
		if err != nil || got[0] == nil || got[0].Total != 999 || got[1] != nil || got[2] != nil || got[3] == nil {
			t.Errorf("BatchGet after BatchWrite = %+v, %v; want 100 rewritten, 101 and 200 deleted, 201 put", got, err)
		}
	})
}
