package odm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/model"
)

// TestPlannerIgnoresConditionOrder: index.Layout.Choose promises "ties go to the table,
// then to the index declared first" and a result that "depends only on t and c". A query
// with range conditions on both the table's range key (id) and an LSI's range key (placed)
// fits both with hash and range key; the table should be chosen whichever way the
// conditions are written. The model offers the planner one range condition at a time, in
// the order they were written, and takes the first that fits, so the order of And's
// arguments decides.
func TestPlannerIgnoresConditionOrder(t *testing.T) {
	orders, err := model.New[Order](open(t).DynamoDB(), "orders_plan", orderSchema)
	if err != nil {
		t.Fatalf("model.New = %v", err)
	}
	since := day0.AddDate(0, 0, 3)
	tests := []struct {
		name string
		q    model.Query[Order]
	}{
		{"id first", orders.Query(model.Where("customer").Eq("c1").And(model.Where("id").Gt(2)).And(model.Where("placed").Ge(since)))},
		{"placed first", orders.Query(model.Where("customer").Eq("c1").And(model.Where("placed").Ge(since)).And(model.Where("id").Gt(2)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			why, err := tt.q.Explain()
			if err != nil {
				t.Fatalf("Explain() = %v", err)
			}
			if !strings.HasPrefix(why, "uses table") {
				t.Errorf("Explain() = %q; want the table (ties go to the table)", why)
			}
		})
	}
}

// TestSplitQueryReportsBranchError: when an OR or IN is split into one query per branch
// and a branch is refused for its own reason (an empty key value, a value of the wrong type),
// plans returns the first planning error instead ("no index fits a query with no
// conditions"), which hides the actual mistake from the caller.
func TestSplitQueryReportsBranchError(t *testing.T) {
	orders, err := model.New[Order](open(t).DynamoDB(), "orders_split", orderSchema)
	if err != nil {
		t.Fatalf("model.New = %v", err)
	}
	tests := []struct {
		name string
		q    model.Query[Order]
	}{
		{"empty key value", orders.Query(model.Where("customer").In("c1", ""))},
		{"wrong type", orders.Query(model.Where("customer").In("c1", 5))},
		{"range value of the wrong type", orders.Query(model.Or(model.Where("customer").Eq("c1"), model.Where("customer").Eq("c2").And(model.Where("id").Gt("x"))))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.q.Explain()
			if err == nil || errors.Is(err, index.ErrNoIndex) {
				t.Errorf("Explain() = %v; want the branch's own error, not ErrNoIndex", err)
			}
		})
	}
}
