package tablesync_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/tablesync"
)

// TestDescribe creates tables from definitions, reads them back with Describe, and checks that
// the definition read plans no change to the live table, that it says what the definitions
// said, and that it survives an export and a read.
func TestDescribe(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	users, orders, events := shop(t, db)
	if !dynamotest.Supports(dynamotest.Streams) {
		users.Stream, orders.Stream = tablesync.Stream{}, tablesync.Stream{}
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, users, orders, events); err != nil {
		t.Fatalf("Sync(update) = %v", err)
	}
	byName := cmpopts.SortSlices(func(a, b index.Index) bool { return a.Name < b.Name })
	tests := []struct {
		name string
		defs []tablesync.Spec
	}{
		{"two models in one table", []tablesync.Spec{users, orders}},
		{"on demand with a binary key", []tablesync.Spec{events}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.defs[0].Name
			got, err := tablesync.Describe(ctx, db, name)
			if err != nil {
				t.Fatalf("Describe(%s) = %v", name, err)
			}
			if plan, err := tablesync.Plan(ctx, db, got); err != nil || !plan.Empty() {
				t.Errorf("Plan(Describe(%s)) = %v, %v; want no changes", name, plan, err)
			}
			if got.Name != name || !got.Index.Keys.Equal(tt.defs[0].Index.Keys) || got.Billing != tt.defs[0].Billing || got.Stream != tt.defs[0].Stream {
				t.Errorf("Describe(%s) = %+v; want the definition's name, keys, billing and stream", name, got)
			}
			var wantIndexes []index.Index
			for _, d := range tt.defs {
				for _, ix := range d.Index.Indexes {
					if !slices.ContainsFunc(wantIndexes, func(x index.Index) bool { return x.Name == ix.Name }) {
						wantIndexes = append(wantIndexes, ix)
					}
				}
			}
			if diff := cmp.Diff(wantIndexes, got.Index.Indexes, byName); diff != "" {
				t.Errorf("Describe(%s) indexes mismatch (-want +got):\n%s", name, diff)
			}
			wantTTL := tt.defs[0].TTL
			if !dynamotest.Supports(dynamotest.TTL) {
				wantTTL = ""
			}
			if got.TTL != wantTTL {
				t.Errorf("Describe(%s).TTL = %q; want %q", name, got.TTL, wantTTL)
			}
			if dynamotest.Supports(dynamotest.Tagging) {
				want := map[string]string{}
				for _, d := range tt.defs {
					for k, v := range d.Tags {
						want[k] = v
					}
				}
				if len(want) == 0 {
					want = nil
				}
				if diff := cmp.Diff(want, got.Tags); diff != "" {
					t.Errorf("Describe(%s).Tags mismatch (-want +got):\n%s", name, diff)
				}
			}

			js, err := tablesync.ExportJSON(got)
			if err != nil {
				t.Fatalf("ExportJSON(Describe(%s)) = %v", name, err)
			}
			back, err := tablesync.ReadJSON(strings.NewReader(string(js)))
			if err != nil {
				t.Fatalf("ReadJSON(ExportJSON(Describe(%s))) = %v", name, err)
			}
			if diff := cmp.Diff([]tablesync.Spec{got}, back, byName); diff != "" {
				t.Errorf("ReadJSON(ExportJSON(Describe(%s))) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}

	t.Run("missing table", func(t *testing.T) {
		missing := dynamotest.TableName(t, db, "missing")
		if got, err := tablesync.Describe(ctx, db, missing); !errors.Is(err, tablesync.ErrNoTable) || !strings.Contains(err.Error(), missing) {
			t.Errorf("Describe(missing) = %+v, %v; want ErrNoTable naming the table", got, err)
		}
	})
}
