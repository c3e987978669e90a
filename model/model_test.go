package model

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/schema"
)

type address struct {
	City string `dynamo:"city,omitempty"`
	Zip  string `dynamo:"zip,omitempty"`
}

type order struct {
	Customer string    `dynamo:"customer"`
	ID       int       `dynamo:"id"`
	Status   string    `dynamo:"status,omitempty"`
	Total    float64   `dynamo:"total,omitempty"`
	Tags     []string  `dynamo:"tags,set,omitempty"`
	Lines    []string  `dynamo:"lines,omitempty"`
	Ship     *address  `dynamo:"ship,omitempty"`
	Placed   time.Time `dynamo:"placed,omitempty"`
	Version  int       `dynamo:"version,omitempty"`
	Count    int       `dynamo:"count,omitempty"`
}

var clockTime = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func orderSchema(t testing.TB) *schema.Schema[order] {
	t.Helper()
	s, err := schema.For[order](
		schema.Attr("customer", schema.HashKey()),
		schema.Attr("id", schema.RangeKey()),
		schema.Attr("status", schema.Enum("new", "paid", "sent"), schema.Index(schema.IndexName("byStatus"), schema.IndexRangeKey("placed"))),
		schema.Attr("placed", schema.Index(schema.Local(), schema.IndexName("byPlaced"))),
		schema.Timestamps(),
		schema.Clock(func() time.Time { return clockTime }),
	)
	if err != nil {
		t.Fatalf("schema.For[order] = %v", err)
	}
	return s
}

func newOrders(t testing.TB, r *recorder, opts ...Option) *Model[order] {
	t.Helper()
	m, err := New[order](r, "orders", orderSchema(t), append([]Option{WithTablePrefix("dev_")}, opts...)...)
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	return m
}

// TestGoldenRequests compares the requests the operations build with testdata/*.json.
func TestGoldenRequests(t *testing.T) {
	ctx := context.Background()
	placed := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		run  func(m *Model[order]) error
	}{
		{"get", func(m *Model[order]) error {
			_, err := m.GetPartial(ctx, Key{Hash: "c1", Range: 7}, Consistent(), Project("status", "ship.city"))
			return err
		}},
		{"put", func(m *Model[order]) error {
			return m.Put(ctx, &order{Customer: "c1", ID: 7, Status: "new", Total: 12.5, Tags: []string{"gift"}, Placed: placed},
				If(Or(Where("status").NotExists(), Where("status").Eq("new"))))
		}},
		{"create", func(m *Model[order]) error {
			return m.Create(ctx, &order{Customer: "c1", ID: 8, Ship: &address{City: "Oslo"}})
		}},
		{"delete", func(m *Model[order]) error {
			var old order
			return m.Delete(ctx, Key{Hash: "c1", Range: 7}, If(Where("placed").Lt(placed)), ReturnOld(&old))
		}},
		{"update", func(m *Model[order]) error {
			_, err := m.Update(Key{Hash: "c1", Range: 7}).
				Set("status", "paid").Set("ship.city", "Bergen").SetIfNotExists("placed", placed).
				Append("lines", []string{"l2"}).Prepend("lines2", nil).
				Exec(ctx)
			if err == nil {
				return errors.New("update of an unknown attribute was not refused")
			}
			_, err = m.Update(Key{Hash: "c1", Range: 7}).
				Set("status", "paid").Set("ship.city", "Bergen").SetIfNotExists("placed", placed).
				Append("lines", []string{"l2"}).Increment("total", 2.5).Decrement("count", 1).
				Remove("ship.zip").Delete("tags", []string{"gift"}).
				If(Where("status").In("new", "paid")).MustExist().Return(ReturnUpdatedNew).
				Exec(ctx)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{
				getItem: func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) { return &dynamodb.GetItemOutput{}, nil },
				putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return &dynamodb.PutItemOutput{}, nil },
				deleteItem: func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error) {
					return &dynamodb.DeleteItemOutput{}, nil
				},
				updateItem: func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
					return &dynamodb.UpdateItemOutput{}, nil
				},
			}
			err := tt.run(newOrders(t, r))
			if err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatalf("%s = %v", tt.name, err)
			}
			if len(r.requests) != 1 {
				t.Fatalf("%s sent %d requests; want 1", tt.name, len(r.requests))
			}
			golden(t, tt.name, r.requests[0])
		})
	}
}

func TestNewRefuses(t *testing.T) {
	s := orderSchema(t)
	r := &recorder{}
	tests := []struct {
		name string
		new  func() error
		want string
	}{
		{"bad table name", func() error { _, err := New[order](r, "a b", s); return err }, `table name "a b" holds ' '`},
		{"short table name", func() error { _, err := New[order](r, "ab", s); return err }, "3 to 255 characters"},
		{"no client", func() error { _, err := New[order](nil, "orders", s); return err }, "no DB client"},
		{"no schema", func() error { _, err := New[order](r, "orders", nil); return err }, "no schema"},
		{"version on a key", func() error { _, err := New[order](r, "orders", s, WithVersion("id")); return err }, "is a key attribute"},
		{"unknown version", func() error { _, err := New[order](r, "orders", s, WithVersion("nope")); return err }, "version attribute"},
		{"backoff", func() error {
			_, err := New[order](r, "orders", s, WithBatchBackoff(time.Second, time.Millisecond))
			return err
		}, "WithBatchBackoff"},
		{"batch concurrency", func() error {
			_, err := New[order](r, "orders", s, WithBatchConcurrency(0))
			return err
		}, "WithBatchConcurrency needs at least 1"},
		{"batch retries", func() error {
			_, err := New[order](r, "orders", s, WithBatchRetries(-1))
			return err
		}, "WithBatchRetries needs at least 0"},
		{"scan parallelism", func() error {
			_, err := New[order](r, "orders", s, WithScanParallelism(0))
			return err
		}, "WithScanParallelism needs at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.new()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New() = %v; want an error containing %q", err, tt.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Func != "New" || !errors.Is(err, ErrInvalidModel) {
				t.Errorf("New() = %v (%T); want a *ConfigError of New matching ErrInvalidModel", err, err)
			}
		})
	}
	m, err := New[order](r, "orders", s, WithTablePrefix("dev_"), WithTableSuffix("-eu"))
	if err != nil || m.TableName() != "dev_orders-eu" {
		t.Errorf("New(prefix, suffix).TableName() = %v, %v; want dev_orders-eu", m, err)
	}
}

// TestRefusedBeforeSending checks that bad input gets a typed error and no request.
func TestRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	var other address
	tests := []struct {
		name string
		run  func(m *Model[order]) error
		as   func(error) bool
	}{
		{"nil item", func(m *Model[order]) error { return m.Put(ctx, nil) }, isInputError},
		{"ReturnOld of another type", func(m *Model[order]) error { return m.Delete(ctx, Key{"c", 1}, ReturnOld(&other)) }, isInputError},
		{"bad condition path", func(m *Model[order]) error { return m.Delete(ctx, Key{"c", 1}, If(Where("a[").Exists())) }, isConditionError},
		{"condition value of the wrong type", func(m *Model[order]) error {
			return m.Delete(ctx, Key{"c", 1}, If(Where("placed").Eq("yesterday")))
		}, isConditionError},
		{"missing range key", func(m *Model[order]) error { _, err := m.Get(ctx, Key{Hash: "c"}); return err }, isValidation},
		{"enum", func(m *Model[order]) error { return m.Put(ctx, &order{Customer: "c", ID: 1, Status: "lost"}) }, isValidation},
		{"unknown returns", func(m *Model[order]) error {
			_, err := m.Update(Key{"c", 1}).Set("status", "new").Return(Returns(9)).Exec(ctx)
			return err
		}, isInputError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			err := tt.run(newOrders(t, r))
			if !tt.as(err) {
				t.Errorf("%s = %v (%T); want another error type", tt.name, err, err)
			}
			if len(r.requests) != 0 {
				t.Errorf("%s sent %d requests; want none", tt.name, len(r.requests))
			}
		})
	}
}

// TestProjectionErrorsAreInputErrors: a projection that names no attribute, an empty path, or
// paths that overlap is an *InputError of the operation, before anything is sent.
func TestProjectionErrorsAreInputErrors(t *testing.T) {
	ctx := context.Background()
	var dst Partial[order]
	tests := []struct {
		name, op, want string
		run            func(m *Model[order]) error
	}{
		{"get, empty path", "get", `Project(""): `, func(m *Model[order]) error {
			_, err := m.GetPartial(ctx, Key{"c", 1}, Project(""))
			return err
		}},
		{"get, overlapping paths", "get", `Project("ship", "ship.city"): expr: projection: paths ship and ship.city overlap`, func(m *Model[order]) error {
			_, err := m.GetPartial(ctx, Key{"c", 1}, Project("ship", "ship.city"))
			return err
		}},
		{"query, unknown attribute", "query", `Project("nope"): `, func(m *Model[order]) error {
			for _, err := range m.Query(Where("customer").Eq("c")).Project("nope").All(ctx) {
				return err
			}
			return nil
		}},
		{"scan, empty path", "scan", `Project(""): `, func(m *Model[order]) error {
			_, err := m.Scan().Project("").Page(ctx, "")
			return err
		}},
		{"batch get, overlapping paths", "batch get", "overlap", func(m *Model[order]) error {
			_, err := m.BatchGetPartial(ctx, []Key{{"c", 1}}, Project("ship.city", "ship"))
			return err
		}},
		{"transact get", "transact get", `Project("")`, func(m *Model[order]) error {
			_, err := TransactGet(ctx, m.TxGetPartial(Key{"c", 1}, &dst, Project("")))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			err := tt.run(newOrders(t, r))
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "model: "+tt.op+": ") {
				t.Errorf("%s = %v (%T); want an *InputError of %s containing %q", tt.name, err, err, tt.op, tt.want)
			}
			if len(r.requests) != 0 {
				t.Errorf("%s sent %d requests; want none", tt.name, len(r.requests))
			}
		})
	}
}

func isInputError(err error) bool     { var e *InputError; return errors.As(err, &e) }
func isConditionError(err error) bool { var e *ConditionError; return errors.As(err, &e) }
func isValidation(err error) bool {
	var e interface{ Unwrap() error }
	return err != nil && errors.As(err, &e) && strings.HasPrefix(err.Error(), "validate: ")
}

func TestOpErrorWrapsSDKError(t *testing.T) {
	sdkErr := &types.ConditionalCheckFailedException{}
	r := &recorder{putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return nil, sdkErr }}
	err := newOrders(t, r).Put(context.Background(), &order{Customer: "c", ID: 1})
	var op *OpError
	var got *types.ConditionalCheckFailedException
	if !errors.As(err, &op) || op.Op != "put" || op.Table != "dev_orders" || !errors.As(err, &got) || got != sdkErr || !errors.Is(err, ErrConditionFailed) {
		t.Errorf("Put = %v; want an *OpError{put, dev_orders} wrapping the SDK error and matching ErrConditionFailed", err)
	}
	if want := "model: put dev_orders: ConditionalCheckFailedException: "; err.Error() != want {
		t.Errorf("Put error = %q; want %q", err.Error(), want)
	}
}

func TestWithHooksRunsOnTheCopyOnly(t *testing.T) {
	ctx := context.Background()
	r := &recorder{putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return &dynamodb.PutItemOutput{}, nil }}
	plain := newOrders(t, r)
	var ran []string
	hooked := plain.WithHooks(hooks.Set[order]{}.On(hooks.OnBeforePut, func(_ context.Context, o *order) error {
		ran = append(ran, o.Customer)
		return nil
	}))
	if err := hooked.Put(ctx, &order{Customer: "hooked", ID: 1}); err != nil {
		t.Fatalf("hooked.Put = %v", err)
	}
	if err := plain.Put(ctx, &order{Customer: "plain", ID: 2}); err != nil {
		t.Fatalf("plain.Put = %v", err)
	}
	if want := []string{"hooked"}; !slices.Equal(ran, want) {
		t.Errorf("BeforePut hooks ran for %q; want %q (the model WithHooks was called on keeps none)", ran, want)
	}
	if len(r.requests) != 2 || hooked.TableName() != plain.TableName() {
		t.Errorf("sent %d requests to %q and %q; want 2 to one table", len(r.requests), hooked.TableName(), plain.TableName())
	}
}
