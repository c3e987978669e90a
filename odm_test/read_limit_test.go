package odm_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/model"
)

// limitRecorder is a DB that records the Limit of every query and scan it passes on.
type limitRecorder struct {
	model.DB
	mu     sync.Mutex
	limits []int32 // 0: no Limit
}

func (d *limitRecorder) record(l *int32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := int32(0)
	if l != nil {
		v = *l
	}
	d.limits = append(d.limits, v)
}

func (d *limitRecorder) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	d.record(in.Limit)
	return d.DB.Query(ctx, in, opts...)
}

func (d *limitRecorder) Scan(ctx context.Context, in *dynamodb.ScanInput, opts ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	d.record(in.Limit)
	return d.DB.Scan(ctx, in, opts...)
}

func (d *limitRecorder) take() []int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	l := d.limits
	d.limits = nil
	return l
}

// TestFilteredReadSendsLimit: under HideExpired (or WithEntity, or a Filter) every read
// has a filter, and DynamoDB's Limit counts items read before it; Limit(n) used to send no
// Limit at all, so Limit(1) read whole 1 MB pages. Each request now carries a Limit, and All
// and Page still return exactly n items, the same as a read without one.
func TestFilteredReadSendsLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orders, db := newModel[Order](t, ctx, orderSchema, "filteredlimit")
	var all []Order
	for i := range 20 {
		o := Order{Customer: "c1", ID: i, Status: []string{"new", "paid", "sent", "new"}[i%4]}
		if err := orders.Put(ctx, &o); err != nil {
			t.Fatalf("Put = %v", err)
		}
		all = append(all, o)
	}
	rec := &limitRecorder{DB: db}
	m, err := model.New[Order](rec, orders.TableName(), orderSchema)
	if err != nil {
		t.Fatalf("model.New = %v", err)
	}
	ids := func(os []Order) []int {
		var out []int
		for _, o := range os {
			out = append(out, o.ID)
		}
		return out
	}
	paid := func(os []Order) []Order {
		var out []Order
		for _, o := range os {
			if o.Status == "paid" {
				out = append(out, o)
			}
		}
		return out
	}
	c1 := m.Query(model.Where("customer").Eq("c1"))
	tests := []struct {
		name string
		seq  func() []Order
		want []Order
	}{
		{"query", func() []Order { return collect(t, c1.Limit(3).All(ctx)) }, all[:3]},
		{"query with a filter", func() []Order {
			return collect(t, c1.Filter(model.Where("status").Eq("paid")).Limit(2).All(ctx))
		}, paid(all)[:2]},
		{"scan", func() []Order { return collect(t, m.Scan().Filter(model.Where("customer").Eq("c1")).Limit(1).All(ctx)) }, nil},
		{"pages", func() []Order {
			var got []Order
			cursor := ""
			for {
				p, err := c1.Filter(model.Where("status").Ne("new")).Limit(4).Page(ctx, cursor)
				if err != nil {
					t.Fatalf("Page(%q) = %v", cursor, err)
				}
				if len(p.Items) > 4 {
					t.Errorf("Page(%q) = %d items; want at most 4", cursor, len(p.Items))
				}
				got = append(got, p.Items...)
				if cursor = p.Cursor; cursor == "" {
					return got
				}
			}
		}, func() []Order {
			var out []Order
			for _, o := range all {
				if o.Status != "new" {
					out = append(out, o)
				}
			}
			return out
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec.take()
			got := tt.seq()
			if tt.want == nil {
				if len(got) != 1 {
					t.Errorf("got %d items; want 1", len(got))
				}
			} else if g, w := ids(got), ids(tt.want); !slices.Equal(g, w) {
				t.Errorf("got items %v; want %v", g, w)
			}
			for _, l := range rec.take() {
				if l == 0 {
					t.Errorf("a request without Limit; want every request to carry one")
				}
			}
		})
	}
}
