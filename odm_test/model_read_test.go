package odm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type Order struct {
	Customer string    `dynamo:"customer"`
	ID       int       `dynamo:"id"`
	Status   string    `dynamo:"status,omitempty"`
	Total    float64   `dynamo:"total,omitempty"`
	Placed   time.Time `dynamo:"placed,omitempty"`
	Ship     *Address  `dynamo:"ship,omitempty"`
	Expires  time.Time `dynamo:"expires,seconds,omitempty"`
}

var orderSchema = schema.Must(schema.For[Order](
	schema.Attr("customer", schema.HashKey()),
	schema.Attr("id", schema.RangeKey()),
	schema.Attr("status", schema.Enum("new", "paid", "sent"), schema.Index(schema.IndexName("byStatus"), schema.IndexRangeKey("placed"))),
	schema.Attr("placed", schema.Index(schema.Local(), schema.IndexName("byPlaced"))),
	schema.Expires(24*time.Hour, schema.TTLAttribute("expires"), schema.HideExpired()),
))

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// seedOrders writes 3 customers × 10 orders: order i of a customer is placed on day i, has
// total 10*i, and status new, paid or sent by i%3.
func seedOrders(t *testing.T, ctx context.Context, orders *model.Model[Order]) []Order {
	t.Helper()
	var all []Order
	for c := range 3 {
		for i := range 10 {
			o := Order{Customer: fmt.Sprintf("c%d", c), ID: i, Status: []string{"new", "paid", "sent"}[i%3], Total: float64(10 * i),
				Placed: day0.AddDate(0, 0, i), Ship: &Address{City: []string{"Oslo", "Bergen"}[i%2]}}
			if err := orders.Put(ctx, &o); err != nil {
				t.Fatalf("Put(%s/%d) = %v", o.Customer, o.ID, err)
			}
			got, err := orders.Get(ctx, model.Key{Hash: o.Customer, Range: o.ID}, model.Consistent())
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, got)
		}
	}
	return all
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for item, err := range seq {
		if err != nil {
			t.Fatalf("iteration error: %v", err)
		}
		out = append(out, item)
	}
	return out
}

// wholes returns the items of partial reads.
func wholes[T any](ps []model.Partial[T]) []T {
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = p.Item
	}
	return out
}

func ids(orders []Order) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = fmt.Sprintf("%s/%d", o.Customer, o.ID)
	}
	return out
}

func TestModelQuery(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orders, _ := newModel[Order](t, ctx, orderSchema, "orders", model.WithCursorKey([]byte("test key")))
	all := seedOrders(t, ctx, orders)
	c1 := all[10:20]

	tests := []struct {
		name    string
		q       model.Query[Order]
		want    []Order
		explain string // a fragment of Explain
	}{
		{"hash key", orders.Query(model.Where("customer").Eq("c1")), c1, "uses table"},
		{"descending with limit", orders.Query(model.Where("customer").Eq("c1")).Descending().Limit(3), []Order{c1[9], c1[8], c1[7]}, "uses table"},
		{"range key between", orders.Query(model.Where("customer").Eq("c1").And(model.Where("id").Between(2, 4))), c1[2:5], `range key "id"`},
		{"local index by time", orders.Query(model.Where("customer").Eq("c1").And(model.Where("placed").Ge(day0.AddDate(0, 0, 7)))), c1[7:], `LSI "byPlaced"`},
		{"global index", orders.Query(model.Where("status").Eq("sent").And(model.Where("placed").Lt(day0.AddDate(0, 0, 3)))),
			[]Order{all[2], all[12], all[22]}, `GSI "byStatus"`},
		{"filter with or", orders.Query(model.Where("customer").Eq("c1").And(model.Or(model.Where("total").Ge(80), model.Where("ship.city").Eq("Bergen").And(model.Where("status").Eq("new"))))),
			[]Order{c1[3], c1[8], c1[9]}, "Filter: "},
		{"explicit filter and limit", orders.Query(model.Where("customer").Eq("c1")).Filter(model.Where("status").Eq("paid")).Limit(2), []Order{c1[1], c1[4]}, "Filter: "},
		{"named index", orders.Query(model.Where("customer").Eq("c1").And(model.Where("id").Gt(7))).Index("byPlaced"), c1[8:], `as the query names it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, tt.q.All(ctx))
			if !strings.Contains(must(tt.q.Explain()), tt.explain) {
				t.Errorf("Explain() = %q; want it to mention %q", must(tt.q.Explain()), tt.explain)
			}
			if tt.name == "global index" {
				slices.SortFunc(got, func(a, b Order) int { return strings.Compare(a.Customer, b.Customer) })
			}
			if diff := cmp.Diff(ids(got), ids(tt.want)); diff != "" {
				t.Errorf("All() mismatch (-got +want):\n%s", diff)
			}
		})
	}

	t.Run("or across partitions and indexes", func(t *testing.T) {
		q := orders.Query(model.Or(
			model.Where("customer").Eq("c1"),
			model.Where("status").Eq("paid").And(model.Where("placed").Lt(day0.AddDate(0, 0, 2))),
			model.Where("customer").Eq("c2").And(model.Where("id").Lt(2)),
		))
		got := collect(t, q.All(ctx))
		// c1/1 is paid and placed on day 1: two branches match it, and it comes once.
		// Branches are read in turn; within the index branch, items placed on the same day
		// come in no set order.
		want := append(append(append([]Order(nil), c1...), all[1], all[21]), all[20])
		gotIDs, wantIDs := ids(got), ids(want)
		if len(gotIDs) == len(wantIDs) {
			slices.Sort(gotIDs[10:12])
			slices.Sort(wantIDs[10:12])
		}
		if diff := cmp.Diff(gotIDs, wantIDs); diff != "" {
			t.Errorf("All() mismatch (-got +want):\n%s", diff)
		}
		if why := must(q.Explain()); !strings.Contains(why, "splits it into 3 queries") || !strings.Contains(why, `GSI "byStatus"`) {
			t.Errorf("Explain() = %q; want 3 queries, one on byStatus", why)
		}
		if n, err := q.Count(ctx); err != nil || n != len(want) {
			t.Errorf("Count() = %d, %v; want %d", n, err, len(want))
		}
		if got := collect(t, q.Limit(11).All(ctx)); len(got) != 11 {
			t.Errorf("All(Limit 11) = %d items; want 11", len(got))
		}
		var ie *model.InputError
		if _, err := q.Page(ctx, ""); !errors.As(err, &ie) {
			t.Errorf("Page() = %v; want an *InputError", err)
		}
	})
	t.Run("in on the hash key", func(t *testing.T) {
		q := orders.Query(model.Where("customer").In("c2", "c0").And(model.Where("id").Ge(8)))
		got := collect(t, q.All(ctx))
		want := []Order{all[28], all[29], all[8], all[9]}
		if diff := cmp.Diff(ids(got), ids(want)); diff != "" {
			t.Errorf("All() mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("items are decoded", func(t *testing.T) {
		got := collect(t, orders.Query(model.Where("customer").Eq("c1").And(model.Where("id").Eq(3))).Consistent().All(ctx))
		if diff := cmp.Diff(got, c1[3:4]); diff != "" {
			t.Errorf("All() mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("projection", func(t *testing.T) {
		got := wholes(collect(t, orders.Query(model.Where("customer").Eq("c2").And(model.Where("id").Eq(1))).Project("ship.city").AllPartial(ctx)))
		want := []Order{{Customer: "c2", ID: 1, Ship: &Address{City: "Bergen"}}}
		// The expiry time is read too, so that expired items can be hidden.
		if diff := cmp.Diff(got, want, cmpopts.IgnoreFields(Order{}, "Expires")); diff != "" {
			t.Errorf("All(Project) mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("count", func(t *testing.T) {
		n, err := orders.Query(model.Where("customer").Eq("c0").And(model.Where("total").Gt(45))).Count(ctx)
		if err != nil || n != 5 {
			t.Errorf("Count() = %d, %v; want 5", n, err)
		}
	})
	t.Run("pages", func(t *testing.T) {
		for _, tt := range []struct {
			q     model.Query[Order]
			pages int
		}{
			{orders.Query(model.Where("customer").Eq("c1")).Limit(4), 3},
			// 6 items match; the filtered page knows when it has read the last one.
			{orders.Query(model.Where("customer").Eq("c1").And(model.Where("status").Ne("new"))).Limit(3), 2},
		} {
			q := tt.q
			var got []Order
			cursor, pages := "", 0
			for {
				p, err := q.Page(ctx, cursor)
				if err != nil {
					t.Fatalf("Page(%q) = %v", cursor, err)
				}
				pages++
				got = append(got, p.Items...)
				if p.Cursor == "" {
					break
				}
				// The cursor is encoded, so the key's attribute name never shows in plain
				// text. (A short value such as "c1" can appear in base64 text by chance.)
				if strings.Contains(p.Cursor, "customer") {
					t.Errorf("cursor %q shows the key", p.Cursor)
				}
				cursor = p.Cursor
			}
			want := collect(t, q.Limit(0).All(ctx))
			if diff := cmp.Diff(ids(got), ids(want)); diff != "" {
				t.Errorf("pages mismatch (-got +want):\n%s", diff)
			}
			if pages != tt.pages {
				t.Errorf("read %d pages (%v); want %d", pages, ids(got), tt.pages)
			}
		}
	})
	t.Run("forged cursor", func(t *testing.T) {
		p, err := orders.Query(model.Where("customer").Eq("c1")).Limit(2).Page(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		forged := "x" + p.Cursor[1:]
		if _, err := orders.Query(model.Where("customer").Eq("c1")).Limit(2).Page(ctx, forged); !errors.Is(err, model.ErrBadCursor) {
			t.Errorf("Page(forged) = %v; want ErrBadCursor", err)
		}
		if _, err := orders.Query(model.Where("status").Eq("new")).Limit(2).Page(ctx, p.Cursor); !errors.Is(err, model.ErrBadCursor) {
			t.Errorf("Page(cursor of another index) = %v; want ErrBadCursor", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		for _, q := range []model.Query[Order]{
			orders.Query(model.Where("total").Eq(10)),
			orders.Query(model.Where("status").Eq("new")).Consistent(),
			orders.Query(model.Where("customer").Eq("c1")).Index("nope"),
			orders.Query(model.Condition{}),
		} {
			_, err := q.Count(ctx)
			var ie *model.InputError
			if !errors.As(err, &ie) {
				t.Errorf("Count() = %v; want an *InputError", err)
			}
		}
	})
	t.Run("break stops", func(t *testing.T) {
		n := 0
		for _, err := range orders.Query(model.Where("customer").Eq("c1")).All(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 2 {
				break
			}
		}
		if n != 2 {
			t.Errorf("loop ran %d times; want 2", n)
		}
	})
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

func TestModelScan(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orders, _ := newModel[Order](t, ctx, orderSchema, "scan")
	all := seedOrders(t, ctx, orders)
	sorted := func(os []Order) []string { s := ids(os); slices.Sort(s); return s }

	t.Run("all", func(t *testing.T) {
		got := collect(t, orders.Scan().Consistent().All(ctx))
		if diff := cmp.Diff(sorted(got), sorted(all)); diff != "" {
			t.Errorf("Scan mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("filter and limit", func(t *testing.T) {
		got := collect(t, orders.Scan().Filter(model.Where("total").Ge(90)).All(ctx))
		if diff := cmp.Diff(sorted(got), []string{"c0/9", "c1/9", "c2/9"}); diff != "" {
			t.Errorf("Scan(filter) mismatch (-got +want):\n%s", diff)
		}
		if got := collect(t, orders.Scan().Limit(7).All(ctx)); len(got) != 7 {
			t.Errorf("Scan(Limit 7) = %d items; want 7", len(got))
		}
	})
	t.Run("segments", func(t *testing.T) {
		got := collect(t, orders.Scan().Segments(4).All(ctx))
		if diff := cmp.Diff(sorted(got), sorted(all)); diff != "" {
			t.Errorf("Scan(Segments 4) mismatch (-got +want):\n%s", diff)
		}
		n, err := orders.Scan().Segments(3).Filter(model.Where("status").Eq("new")).Count(ctx)
		if err != nil || n != 12 {
			t.Errorf("Count(Segments 3, status new) = %d, %v; want 12", n, err)
		}
		if got := collect(t, orders.Scan().Segments(5).Limit(4).All(ctx)); len(got) != 4 {
			t.Errorf("Scan(Segments 5, Limit 4) = %d items; want 4", len(got))
		}
	})
	t.Run("index", func(t *testing.T) {
		got := collect(t, orders.Scan().Index("byStatus").Filter(model.Where("status").Eq("paid")).All(ctx))
		if len(got) != 9 {
			t.Errorf("Scan(byStatus, paid) = %d items; want 9", len(got))
		}
	})
	t.Run("pages", func(t *testing.T) {
		var got []Order
		cursor := ""
		for {
			p, err := orders.Scan().Limit(7).Page(ctx, cursor)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, p.Items...)
			if cursor = p.Cursor; cursor == "" {
				break
			}
		}
		if diff := cmp.Diff(sorted(got), sorted(all)); diff != "" {
			t.Errorf("Scan pages mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("one segment per worker", func(t *testing.T) {
		var got []Order
		for i := range 3 {
			seg := orders.Scan().Segment(i, 3).Limit(4)
			cursor := ""
			for {
				p, err := seg.Page(ctx, cursor)
				if err != nil {
					t.Fatalf("Segment(%d, 3).Page = %v", i, err)
				}
				got = append(got, p.Items...)
				if cursor = p.Cursor; cursor == "" {
					break
				}
				if _, err := orders.Scan().Segment((i+1)%3, 3).Limit(4).Page(ctx, cursor); !errors.Is(err, model.ErrBadCursor) {
					t.Errorf("a cursor of segment %d read by segment %d: %v; want ErrBadCursor", i, (i+1)%3, err)
				}
			}
		}
		if diff := cmp.Diff(sorted(got), sorted(all)); diff != "" {
			t.Errorf("segments mismatch (-got +want):\n%s", diff)
		}
		var ie *model.InputError
		if _, err := orders.Scan().Segment(3, 3).Count(ctx); !errors.As(err, &ie) {
			t.Errorf("Segment(3, 3).Count = %v; want an *InputError", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, ccancel := context.WithCancel(ctx)
		ccancel()
		var err error
		for _, e := range orders.Scan().Segments(3).All(cctx) {
			err = e
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Scan(cancelled ctx) error = %v; want context.Canceled", err)
		}
	})
}

// TestModelExpiredHidden writes an item whose expiry time has passed (DynamoDB deletes
// such items only eventually, DynamoDB Local never) and checks that get, query, scan and
// their counts do not see it.
func TestModelExpiredHidden(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	orders, db := newModel[Order](t, ctx, orderSchema, "ttl")
	if err := orders.Put(ctx, &Order{Customer: "c", ID: 1}); err != nil {
		t.Fatal(err)
	}
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(orders.TableName()), Item: map[string]types.AttributeValue{
		"customer": avS("c"), "id": avN("2"), "expires": avN(fmt.Sprint(time.Now().Add(-time.Hour).Unix())),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := orders.Get(ctx, model.Key{Hash: "c", Range: 2}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Get(expired) = %+v, %v; want ErrNotFound", got, err)
	}
	if got, err := orders.Get(ctx, model.Key{Hash: "c", Range: 1}, model.Consistent()); err != nil || got.Expires.Before(time.Now()) {
		t.Errorf("Get(live) = %+v, %v; want the item, expiring in the future", got, err)
	}
	q := orders.Query(model.Where("customer").Eq("c"))
	if got := collect(t, q.All(ctx)); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("Query = %v; want only item 1", ids(got))
	}
	if n, err := q.Count(ctx); err != nil || n != 1 {
		t.Errorf("Query.Count = %d, %v; want 1", n, err)
	}
	if n, err := orders.Scan().Count(ctx); err != nil || n != 1 {
		t.Errorf("Scan.Count = %d, %v; want 1", n, err)
	}
}
