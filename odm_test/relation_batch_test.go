package odm_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestRelationSetMixesPutsAndDeletesInBatches sets a role's links on the server with more
// changes than a transaction holds: 80 links put and 60 deleted go 25 to a BatchWriteItem,
// puts and deletes mixed, in ⌈140/25⌉ = 6 requests (before, ⌈80/25⌉ + ⌈60/25⌉ = 7).
func TestRelationSetMixesPutsAndDeletesInBatches(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newRelFixture(t, ctx)
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%03d", prefix, i)
		}
		return out
	}
	olds, news := ids("old", 60), ids("new", 80)
	if _, err := f.rel.Set(ctx, "admin", olds); err != nil {
		t.Fatalf("Set(60 links) = %v", err)
	}
	before, txBefore := f.db.count("BatchWriteItem"), f.db.count("TransactWriteItems")
	c, err := f.rel.Set(ctx, "admin", news)
	if err != nil {
		t.Fatalf("Set(80 others) = %v", err)
	}
	if !slices.Equal(c.Added, news) || !slices.Equal(c.Removed, olds) || c.Transaction {
		t.Errorf("Set = %d added, %d removed, transaction %v; want 80, 60, false", len(c.Added), len(c.Removed), c.Transaction)
	}
	if got, want := f.db.count("BatchWriteItem")-before, 6; got != want {
		t.Errorf("Set of 80 puts and 60 deletes sent %d BatchWriteItem; want %d", got, want)
	}
	if n := f.db.count("TransactWriteItems") - txBefore; n != 0 {
		t.Errorf("Set of 140 changes sent %d TransactWriteItems; want 0", n)
	}
	if got, err := f.rel.List(ctx, "admin"); err != nil || !slices.Equal(got, news) {
		t.Errorf("List(admin) = %d links, %v; want the 80 new ones", len(got), err)
	}
}
