package model

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func orderItem(c string, id int) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"customer": &types.AttributeValueMemberS{Value: c},
		"id":       &types.AttributeValueMemberN{Value: strconv.Itoa(id)},
	}
}

// pagedQuery answers every query with pages of two items, ten pages in all.
func pagedQuery(calls *atomic.Int32) func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
	return func(in *dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
		n := int(calls.Add(1))
		out := &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{orderItem("c", 2*n), orderItem("c", 2*n+1)}}
		if n < 10 {
			out.LastEvaluatedKey = orderItem("c", 2*n+1)
		}
		return out, nil
	}
}

func TestQueryGolden(t *testing.T) {
	ctx := context.Background()
	since := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		run  func(m *Model[order]) error
	}{
		{"query_table", func(m *Model[order]) error {
			_, err := m.Query(Where("customer").Eq("c1").And(Where("id").Between(1, 9))).Descending().Consistent().Project("ship.city").PagePartial(ctx, "")
			return err
		}},
		{"query_lsi_with_filter", func(m *Model[order]) error {
			_, err := m.Query(And(Where("customer").Eq("c1"), Where("placed").Gt(since), Or(Where("total").Gt(10.5), Where("tags").Contains("gift")))).Limit(5).Page(ctx, "")
			return err
		}},
		{"query_gsi", func(m *Model[order]) error {
			_, err := m.Query(Where("status").Eq("paid").And(Where("placed").Le(since))).Count(ctx)
			return err
		}},
		{"scan", func(m *Model[order]) error {
			_, err := m.Scan().Filter(Not(Where("ship").Exists())).Limit(3).Project("total").PagePartial(ctx, "")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{
				query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil },
				scan:  func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) { return &dynamodb.ScanOutput{}, nil },
			}
			if err := tt.run(newOrders(t, r)); err != nil {
				t.Fatalf("%s = %v", tt.name, err)
			}
			if len(r.requests) != 1 {
				t.Fatalf("%s sent %d requests; want 1", tt.name, len(r.requests))
			}
			golden(t, tt.name, r.requests[0])
		})
	}
}

func TestExplain(t *testing.T) {
	m := newOrders(t, &recorder{})
	tests := []struct {
		name string
		q    Query[order]
		want string
	}{
		{"table", m.Query(Where("customer").Eq("c")), `uses table: hash key "customer" (=); range key "id" is not constrained.`},
		{"lsi", m.Query(Where("customer").Eq("c").And(Where("placed").Gt(time.Unix(0, 0)))), `uses LSI "byPlaced"`},
		{"gsi with filter", m.Query(Where("status").Eq("new").And(Where("total").Gt(1.0))), `Filter: total > 1.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Explain()
			if err != nil || !strings.Contains(got, tt.want) {
				t.Errorf("Explain() = %q, %v; want it to contain %q", got, err, tt.want)
			}
		})
	}
}

// TestBreakStopsRequests shows that leaving the loop stops reading pages.
func TestBreakStopsRequests(t *testing.T) {
	var calls atomic.Int32
	m := newOrders(t, &recorder{query: pagedQuery(&calls)})
	n := 0
	for _, err := range m.Query(Where("customer").Eq("c")).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("after 3 items, %d requests; want 2", got)
	}
	calls.Store(0)
	var seen []string
	for item, err := range m.Query(Where("customer").Eq("c")).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, strconv.Itoa(item.ID))
	}
	if got := calls.Load(); got != 10 || len(seen) != 20 {
		t.Errorf("full loop: %d requests, %d items; want 10, 20", got, len(seen))
	}
}

// TestParallelScanBreak shows that breaking out of a parallel scan stops every segment and
// returns only when they have stopped.
func TestParallelScanBreak(t *testing.T) {
	var calls atomic.Int32
	r := &recorder{scan: func(in *dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
		n := int(calls.Add(1))
		// Endless pages.
		return &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{orderItem("c", n)}, LastEvaluatedKey: orderItem("c", n)}, nil
	}}
	m := newOrders(t, r, WithScanParallelism(2))
	n := 0
	for _, err := range m.Scan().Segments(8).All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 50 {
			break
		}
	}
	after := calls.Load()
	time.Sleep(20 * time.Millisecond)
	if got := calls.Load(); got != after {
		t.Errorf("requests went on after the loop ended: %d, then %d", after, got)
	}
	segments := map[int32]bool{}
	for _, req := range r.requests {
		in := req.(*dynamodb.ScanInput)
		segments[*in.Segment] = true
		if *in.TotalSegments != 8 {
			t.Fatalf("TotalSegments = %d; want 8", *in.TotalSegments)
		}
	}
	if len(segments) > 2 {
		t.Errorf("%d segments read; want at most 2 at once, and endless segments never end", len(segments))
	}
}

// TestFilteredReadSendsLimit: with a filter, DynamoDB's Limit counts the items read, not
// those returned, so a read with a limit sends the number still wanted, doubled on each
// further request, and still stops at exactly the limit.
func TestFilteredReadSendsLimit(t *testing.T) {
	for _, exact := range []bool{true, false} {
		var limits []int32
		id := 0
		fetch := func(_ context.Context, _ map[string]types.AttributeValue, limit int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
			limits = append(limits, limit)
			read := int(limit)
			if read == 0 {
				read = 1000 // a 1 MB page
			}
			kept := read
			if !exact {
				kept = read / 4 // the filter keeps one item in four
			}
			var items []map[string]types.AttributeValue
			for range kept {
				id++
				items = append(items, orderItem("c", id))
			}
			return items, orderItem("c", id), nil
		}
		decode := func(_ context.Context, raw map[string]types.AttributeValue) (string, bool, error) {
			return idOf(raw), true, nil
		}
		n := 0
		for _, err := range readAll(context.Background(), fetch, 10, exact, decode) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		want := []int32{10}
		if !exact {
			want = []int32{10, 16, 16} // 2 kept of 10, then 4 of 8×2, then 4 of 4×4
		}
		if n != 10 || !slices.Equal(limits, want) {
			t.Errorf("readAll(limit 10, exact %v) = %d items with request limits %v; want 10 with %v", exact, n, limits, want)
		}
	}
}

func TestRequestLimit(t *testing.T) {
	tests := []struct {
		want     int
		exact    bool
		requests int
		limit    int32
	}{
		{0, false, 0, 0},
		{5, true, 3, 5},
		{5, false, 0, 5},
		{5, false, 3, 40},
		{5, false, 60, maxRequestLimit},
		{1 << 30, true, 0, maxRequestLimit},
	}
	for _, tt := range tests {
		if got := requestLimit(tt.want, tt.exact, tt.requests); got != tt.limit {
			t.Errorf("requestLimit(%d, %v, %d) = %d; want %d", tt.want, tt.exact, tt.requests, got, tt.limit)
		}
	}
}
