package model

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/schema"
)

// answering returns a recorder that answers every request with success and no items.
func answering() *recorder {
	return &recorder{
		getItem: func(in *dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) {
			return &dynamodb.GetItemOutput{Item: in.Key}, nil
		},
		putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return &dynamodb.PutItemOutput{}, nil },
		updateItem: func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
			return &dynamodb.UpdateItemOutput{}, nil
		},
		deleteItem: func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error) {
			return &dynamodb.DeleteItemOutput{}, nil
		},
		query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil },
		scan:  func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) { return &dynamodb.ScanOutput{}, nil },
		batchGetItem: func(*dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			return &dynamodb.BatchGetItemOutput{}, nil
		},
		batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			return &dynamodb.BatchWriteItemOutput{}, nil
		},
		transactGetItems: func(in *dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
			return &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(in.TransactItems))}, nil
		},
		transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
			return &dynamodb.TransactWriteItemsOutput{}, nil
		},
	}
}

// requests returns the dry run's request or requests as a list, to compare with what a
// recorder received.
func requests[In any](in In, err error) ([]any, error) {
	switch v := any(in).(type) {
	case []*dynamodb.BatchGetItemInput:
		return toAny(v), err
	case []*dynamodb.BatchWriteItemInput:
		return toAny(v), err
	case []*dynamodb.QueryInput:
		return toAny(v), err
	case []*dynamodb.ScanInput:
		return toAny(v), err
	}
	return []any{in}, err
}

func toAny[E any](s []E) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// TestDryRunIsTheRequestSent: for every item operation, the request its dry run returns is
// the one the operation sends when it runs on the same input (compared with what a
// recording DB receives), and the dry run sends nothing.
func TestDryRunIsTheRequestSent(t *testing.T) {
	ctx := context.Background()
	placed := clockTime.Add(-time.Hour)
	item := func() *order {
		return &order{Customer: "c1", ID: 7, Status: "new", Total: 12.5, Tags: []string{"a"}, Placed: placed, Version: 3}
	}
	var old order
	cond := Where("total").Lt(100)
	var keys []Key
	for i := range 150 {
		keys = append(keys, Key{"c1", i % 120}) // 30 keys given twice: 120 distinct
	}
	var items []*order
	for i := range 30 {
		items = append(items, &order{Customer: "c1", ID: i % 27, Status: "new", Total: float64(i)})
	}
	tests := []struct {
		name string
		opts []Option
		dry  func(m *Model[order]) ([]any, error)
		run  func(m *Model[order]) error
	}{
		{"get", nil,
			func(m *Model[order]) ([]any, error) { return requests(m.GetRequest(ctx, Key{"c1", 7}, Consistent())) },
			func(m *Model[order]) error { _, err := m.Get(ctx, Key{"c1", 7}, Consistent()); return err }},
		{"get partial", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.GetRequest(ctx, Key{"c1", 7}, Project("status", "ship.city")))
			},
			func(m *Model[order]) error {
				_, err := m.GetPartial(ctx, Key{"c1", 7}, Project("status", "ship.city"))
				return err
			}},
		{"put", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.PutRequest(ctx, item(), If(cond), ReturnOld(&old)))
			},
			func(m *Model[order]) error { return m.Put(ctx, item(), If(cond), ReturnOld(&old)) }},
		{"put with a version", []Option{WithVersion("version")},
			func(m *Model[order]) ([]any, error) { return requests(m.PutRequest(ctx, item())) },
			func(m *Model[order]) error { return m.Put(ctx, item()) }},
		{"create", []Option{WithVersion("version")},
			func(m *Model[order]) ([]any, error) { return requests(m.CreateRequest(ctx, item(), If(cond))) },
			func(m *Model[order]) error { return m.Create(ctx, item(), If(cond)) }},
		{"delete", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.DeleteRequest(ctx, Key{"c1", 7}, If(cond), ReturnOld(&old)))
			},
			func(m *Model[order]) error { return m.Delete(ctx, Key{"c1", 7}, If(cond), ReturnOld(&old)) }},
		{"update", []Option{WithVersion("version")},
			func(m *Model[order]) ([]any, error) {
				return requests(m.Update(Key{"c1", 7}).Set("status", "paid").Increment("count", 1).If(cond).IfVersion(3).
					MustExist().Return(ReturnUpdatedNew).Request(ctx))
			},
			func(m *Model[order]) error {
				_, err := m.Update(Key{"c1", 7}).Set("status", "paid").Increment("count", 1).If(cond).IfVersion(3).
					MustExist().Return(ReturnUpdatedNew).Exec(ctx)
				return err
			}},
		{"batch get", []Option{WithBatchConcurrency(1)},
			func(m *Model[order]) ([]any, error) { return requests(m.BatchGetRequests(ctx, keys, Consistent())) },
			func(m *Model[order]) error { _, err := m.BatchGet(ctx, keys, Consistent()); return err }},
		{"batch get partial", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.BatchGetRequests(ctx, keys[:3], Project("total")))
			},
			func(m *Model[order]) error { _, err := m.BatchGetPartial(ctx, keys[:3], Project("total")); return err }},
		{"batch put", []Option{WithBatchConcurrency(1)},
			func(m *Model[order]) ([]any, error) { return requests(m.BatchPutRequests(ctx, items)) },
			func(m *Model[order]) error { return m.BatchPut(ctx, items) }},
		{"batch delete", []Option{WithBatchConcurrency(1)},
			func(m *Model[order]) ([]any, error) { return requests(m.BatchDeleteRequests(ctx, keys)) },
			func(m *Model[order]) error { return m.BatchDelete(ctx, keys) }},
		{"batch write", []Option{WithBatchConcurrency(1)},
			func(m *Model[order]) ([]any, error) { return requests(m.BatchWriteRequests(ctx, items, keys[:40])) },
			func(m *Model[order]) error { return m.BatchWrite(ctx, items, keys[:40]) }},
		{"query", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.Query(Where("customer").Eq("c1").And(Where("id").Gt(3))).Filter(Where("total").Gt(1)).
					Limit(5).Descending().Project("total").Requests())
			},
			func(m *Model[order]) error {
				for _, err := range m.Query(Where("customer").Eq("c1").And(Where("id").Gt(3))).Filter(Where("total").Gt(1)).
					Limit(5).Descending().Project("total").AllPartial(ctx) {
					return err
				}
				return nil
			}},
		{"query split by an OR", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.Query(Where("customer").In("c1", "c2")).Limit(10).Requests())
			},
			func(m *Model[order]) error {
				for _, err := range m.Query(Where("customer").In("c1", "c2")).Limit(10).All(ctx) {
					return err
				}
				return nil
			}},
		{"scan", nil,
			func(m *Model[order]) ([]any, error) {
				return requests(m.Scan().Index("byPlaced").Filter(Where("status").Eq("new")).Limit(3).Consistent().Requests())
			},
			func(m *Model[order]) error {
				for _, err := range m.Scan().Index("byPlaced").Filter(Where("status").Eq("new")).Limit(3).Consistent().All(ctx) {
					return err
				}
				return nil
			}},
		{"scan in segments", []Option{WithScanParallelism(1)},
			func(m *Model[order]) ([]any, error) { return requests(m.Scan().Segments(3).Requests()) },
			func(m *Model[order]) error {
				for _, err := range m.Scan().Segments(3).All(ctx) {
					return err
				}
				return nil
			}},
		{"transact write", []Option{WithVersion("version")},
			func(m *Model[order]) ([]any, error) {
				return requests(TransactWriteRequest(ctx, m.TxPut(item(), If(cond)), m.TxCreate(&order{Customer: "c2", ID: 1}),
					m.TxDelete(Key{"c3", 1}, If(cond)), m.TxCheck(Key{"c4", 1}, cond),
					m.Update(Key{"c5", 1}).Set("status", "sent").Tx(), TxToken("token-1")))
			},
			func(m *Model[order]) error {
				return TransactWrite(ctx, m.TxPut(item(), If(cond)), m.TxCreate(&order{Customer: "c2", ID: 1}),
					m.TxDelete(Key{"c3", 1}, If(cond)), m.TxCheck(Key{"c4", 1}, cond),
					m.Update(Key{"c5", 1}).Set("status", "sent").Tx(), TxToken("token-1"))
			}},
		{"transact get", nil,
			func(m *Model[order]) ([]any, error) {
				var a order
				var b Partial[order]
				return requests(TransactGetRequest(ctx, m.TxGet(Key{"c1", 1}, &a), m.TxGetPartial(Key{"c1", 2}, &b, Project("total"))))
			},
			func(m *Model[order]) error {
				var a order
				var b Partial[order]
				_, err := TransactGet(ctx, m.TxGet(Key{"c1", 1}, &a), m.TxGetPartial(Key{"c1", 2}, &b, Project("total")))
				return err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dry := &recorder{}
			got, err := tt.dry(newOrders(t, dry, tt.opts...))
			if err != nil {
				t.Fatalf("dry run = %v", err)
			}
			if len(dry.requests) != 0 {
				t.Errorf("dry run sent %d requests; want none", len(dry.requests))
			}
			sent := answering()
			if err := tt.run(newOrders(t, sent, tt.opts...)); err != nil {
				t.Fatalf("run = %v", err)
			}
			if diff := gocmp.Diff(sortSegments(sent.requests), sortSegments(got), avOpts, cmpopts.IgnoreUnexported(
				dynamodb.GetItemInput{}, dynamodb.PutItemInput{}, dynamodb.UpdateItemInput{}, dynamodb.DeleteItemInput{},
				dynamodb.QueryInput{}, dynamodb.ScanInput{}, dynamodb.BatchGetItemInput{}, dynamodb.BatchWriteItemInput{},
				dynamodb.TransactGetItemsInput{}, dynamodb.TransactWriteItemsInput{},
				types.KeysAndAttributes{}, types.WriteRequest{}, types.PutRequest{}, types.DeleteRequest{},
				types.TransactWriteItem{}, types.TransactGetItem{}, types.Put{}, types.Delete{}, types.Update{},
				types.ConditionCheck{}, types.Get{})); diff != "" {
				t.Errorf("dry run differs from the requests sent (-sent +dry run):\n%s", diff)
			}
			if len(got) == 0 {
				t.Errorf("dry run returned no request")
			}
		})
	}
}

// sortSegments puts the requests of a parallel scan in the order of their segments, which
// the segments send in no particular order.
func sortSegments(reqs []any) []any {
	return slices.SortedStableFunc(slices.Values(reqs), func(a, b any) int {
		sa, _ := a.(*dynamodb.ScanInput)
		sb, _ := b.(*dynamodb.ScanInput)
		if sa == nil || sb == nil || sa.Segment == nil || sb.Segment == nil {
			return 0
		}
		return cmp.Compare(*sa.Segment, *sb.Segment)
	})
}

// TestDryRunOfUpdateUnderHideExpired: the update a model that hides expired items sends
// asks for the stored item when its condition fails; its dry run shows that too.
func TestDryRunOfUpdateUnderHideExpired(t *testing.T) {
	ctx := context.Background()
	s := schema.Must(schema.For[session](schema.Attr("id", schema.HashKey()),
		schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(func() time.Time { return clockTime })))
	dry := &recorder{}
	m, err := New[session](dry, "sessions", s)
	if err != nil {
		t.Fatal(err)
	}
	in, err := m.Update(Key{Hash: "s1"}).Set("status", "new").Request(ctx)
	if err != nil || len(dry.requests) != 0 {
		t.Fatalf("Request() = %v after %d requests; want nil after none", err, len(dry.requests))
	}
	sent := answering()
	if m, err = New[session](sent, "sessions", s); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Update(Key{Hash: "s1"}).Set("status", "new").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(sent.requests, []any{in}, avOpts, cmpopts.IgnoreUnexported(dynamodb.UpdateItemInput{})); diff != "" {
		t.Errorf("Request() differs from the request sent (-sent +Request):\n%s", diff)
	}
	if in.ReturnValuesOnConditionCheckFailure != types.ReturnValuesOnConditionCheckFailureAllOld {
		t.Errorf("ReturnValuesOnConditionCheckFailure = %q; want ALL_OLD", in.ReturnValuesOnConditionCheckFailure)
	}
}

// TestDryRunRefusesBadInput: a dry run refuses what its operation refuses, with the same
// error, and sends nothing.
func TestDryRunRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	var other address
	bad := &order{Customer: "c", ID: 1, Status: "lost"} // not in the enum
	tests := []struct {
		name string
		dry  func(m *Model[order]) error
		run  func(m *Model[order]) error
	}{
		{"put of an invalid item",
			func(m *Model[order]) error { _, err := m.PutRequest(ctx, bad); return err },
			func(m *Model[order]) error { return m.Put(ctx, bad) }},
		{"create of a nil item",
			func(m *Model[order]) error { _, err := m.CreateRequest(ctx, nil); return err },
			func(m *Model[order]) error { return m.Create(ctx, nil) }},
		{"delete with ReturnOld of another type",
			func(m *Model[order]) error {
				_, err := m.DeleteRequest(ctx, Key{"c", 1}, ReturnOld(&other))
				return err
			},
			func(m *Model[order]) error { return m.Delete(ctx, Key{"c", 1}, ReturnOld(&other)) }},
		{"get without the range key",
			func(m *Model[order]) error { _, err := m.GetRequest(ctx, Key{Hash: "c"}); return err },
			func(m *Model[order]) error { _, err := m.Get(ctx, Key{Hash: "c"}); return err }},
		{"batch get of a bad key",
			func(m *Model[order]) error {
				_, err := m.BatchGetRequests(ctx, []Key{{"c", 1}, {Hash: "c"}})
				return err
			},
			func(m *Model[order]) error { _, err := m.BatchGet(ctx, []Key{{"c", 1}, {Hash: "c"}}); return err }},
		{"batch put of an invalid item",
			func(m *Model[order]) error { _, err := m.BatchPutRequests(ctx, []*order{bad}); return err },
			func(m *Model[order]) error { return m.BatchPut(ctx, []*order{bad}) }},
		{"batch delete of a bad key",
			func(m *Model[order]) error { _, err := m.BatchDeleteRequests(ctx, []Key{{Hash: "c"}}); return err },
			func(m *Model[order]) error { return m.BatchDelete(ctx, []Key{{Hash: "c"}}) }},
		{"update of a key attribute",
			func(m *Model[order]) error {
				_, err := m.Update(Key{"c", 1}).Set("customer", "d").Request(ctx)
				return err
			},
			func(m *Model[order]) error {
				_, err := m.Update(Key{"c", 1}).Set("customer", "d").Exec(ctx)
				return err
			}},
		{"query without a condition",
			func(m *Model[order]) error { _, err := m.Query(Condition{}).Requests(); return err },
			func(m *Model[order]) error {
				for _, err := range m.Query(Condition{}).All(ctx) {
					return err
				}
				return nil
			}},
		{"scan of an unknown index",
			func(m *Model[order]) error { _, err := m.Scan().Index("nope").Requests(); return err },
			func(m *Model[order]) error { _, err := m.Scan().Index("nope").Count(ctx); return err }},
		{"transaction with no actions",
			func(*Model[order]) error { _, err := TransactWriteRequest(ctx); return err },
			func(*Model[order]) error { return TransactWrite(ctx) }},
		{"transaction of a bad action",
			func(m *Model[order]) error {
				_, err := TransactGetRequest(ctx, m.TxGet(Key{Hash: "c"}, new(order)))
				return err
			},
			func(m *Model[order]) error {
				_, err := TransactGet(ctx, m.TxGet(Key{Hash: "c"}, new(order)))
				return err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			m := newOrders(t, r)
			dryErr, runErr := tt.dry(m), tt.run(m)
			if dryErr == nil || runErr == nil || dryErr.Error() != runErr.Error() || fmt.Sprintf("%T", dryErr) != fmt.Sprintf("%T", runErr) {
				t.Errorf("dry run = %v (%T); want the operation's error %v (%T)", dryErr, dryErr, runErr, runErr)
			}
			if len(r.requests) != 0 {
				t.Errorf("%d requests sent; want none", len(r.requests))
			}
		})
	}
}

// TestDryRunHooks: a dry run runs the Before hooks, whose changes are in the request it
// returns, and no After hook; a Before hook's error is the dry run's.
func TestDryRunHooks(t *testing.T) {
	ctx := context.Background()
	var ran []string
	record := func(name string) hooks.Func[order] {
		return func(context.Context, *order) error { ran = append(ran, name); return nil }
	}
	set := hooks.Set[order]{}.
		On(hooks.OnBeforePut, func(_ context.Context, o *order) error { ran = append(ran, "BeforePut"); o.Status = "paid"; return nil }).
		On(hooks.OnAfterPut, record("AfterPut")).
		On(hooks.OnBeforeDelete, record("BeforeDelete")).On(hooks.OnAfterDelete, record("AfterDelete")).
		On(hooks.OnBeforeGet, record("BeforeGet")).On(hooks.OnAfterGet, record("AfterGet")).On(hooks.OnAfterLoad, record("AfterLoad")).
		On(hooks.OnBeforeUpdate, record("BeforeUpdate")).On(hooks.OnAfterUpdate, record("AfterUpdate"))
	r := &recorder{}
	m := newOrders(t, r).WithHooks(set)
	in, err := m.PutRequest(ctx, &order{Customer: "c", ID: 1, Status: "new"})
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := in.Item["status"].(*types.AttributeValueMemberS); !ok || s.Value != "paid" {
		t.Errorf("PutRequest item status = %v; want the BeforePut hook's paid", in.Item["status"])
	}
	if _, err := m.DeleteRequest(ctx, Key{"c", 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.GetRequest(ctx, Key{"c", 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Update(Key{"c", 1}).Set("total", 2).Request(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(ran), "[BeforePut BeforeDelete BeforeGet BeforeUpdate]"; got != want {
		t.Errorf("hooks run = %s; want %s", got, want)
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests sent; want none", len(r.requests))
	}
	refuse := errors.New("refused")
	m = newOrders(t, r).WithHooks(hooks.Set[order]{}.On(hooks.OnBeforePut, func(context.Context, *order) error { return refuse }))
	if _, err := m.PutRequest(ctx, &order{Customer: "c", ID: 1}); !errors.Is(err, refuse) {
		t.Errorf("PutRequest with a refusing hook = %v; want its error", err)
	}
}

// TestDryRunOfIdempotentUpdate: an idempotent update sends TransactWriteItems, so its
// Request is refused, pointing at TransactWriteRequest.
func TestDryRunOfIdempotentUpdate(t *testing.T) {
	r := &recorder{}
	_, err := newOrders(t, r).Update(Key{"c", 1}).Increment("count", 1).Idempotent().Request(context.Background())
	var ie *InputError
	if !errors.As(err, &ie) || ie.Op != "update" {
		t.Errorf("Request() of an idempotent update = %v; want an *InputError of update", err)
	}
}
