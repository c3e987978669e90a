package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/validate"
)

// here returns the file:line it is called from, as a unit of work names a call.
func here() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

// committing is a recorder whose TransactWriteItems succeeds.
func committing() *recorder {
	return &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}}
}

// TestRunInTransactionSendsWhatTransactWriteSends checks that the ordinary calls of a unit of
// work build the very request TransactWrite builds from the Tx actions: the golden file of
// TestTransactGolden, one TransactWriteItems, and nothing else.
func TestRunInTransactionSendsWhatTransactWriteSends(t *testing.T) {
	r := committing()
	m := newOrders(t, r, WithVersion("version"))
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		if err := m.Put(ctx, &order{Customer: "c1", ID: 1, Status: "new", Version: 4}); err != nil {
			return err
		}
		if err := m.Create(ctx, &order{Customer: "c1", ID: 2}); err != nil {
			return err
		}
		if got, err := m.Update(Key{"c1", 3}).Increment("total", 5).IfVersion(7).Exec(ctx); err != nil || !cmp.Equal(got, order{}) {
			return fmt.Errorf("Exec = %+v, %v; want the zero order, nil", got, err)
		}
		if err := m.Delete(ctx, Key{"c1", 4}, If(Where("status").Eq("sent"))); err != nil {
			return err
		}
		return TransactWrite(ctx, m.TxCheck(Key{"c2", 1}, Where("total").Lt(100)))
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r.requests) != 1 {
		t.Fatalf("requests = %d; want one TransactWriteItems", len(r.requests))
	}
	golden(t, "transact_write", withoutModelToken(t, r.requests[0]))
}

func TestRunInTransactionSendsNothingWhenFnFails(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	var after int
	m.hooks = m.hooks.On(hooks.OnAfterPut, func(context.Context, *order) error { after++; return nil })
	stop := errors.New("insufficient funds")
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		if err := m.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
			return err
		}
		if _, err := m.Update(Key{"c", 2}).Set("status", "paid").Exec(ctx); err != nil {
			return err
		}
		return stop
	})
	if err != stop {
		t.Errorf("RunInTransaction = %v; want fn's error", err)
	}
	if len(r.requests) != 0 || after != 0 {
		t.Errorf("requests = %d, after hooks = %d; want none", len(r.requests), after)
	}
}

func TestRunInTransactionWithoutWritesSendsNothing(t *testing.T) {
	r := &recorder{getItem: func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) { return &dynamodb.GetItemOutput{}, nil }}
	m := newOrders(t, r)
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		_, err := m.Get(ctx, Key{"c", 1}) // reads are sent as usual
		if !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("Get = %v; want ErrNotFound", err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r.requests) != 1 {
		t.Fatalf("requests = %v; want the GetItem only", r.requests)
	}
	if _, ok := r.requests[0].(*dynamodb.GetItemInput); !ok {
		t.Errorf("request = %T; want *dynamodb.GetItemInput", r.requests[0])
	}
}

// TestRunInTransactionRefusesAtTheCall checks each call a transaction cannot hold: the call
// returns the error, and the unit, though fn ignores the error and returns nil, is not
// committed and returns it.
func TestRunInTransactionRefusesAtTheCall(t *testing.T) {
	m := newOrders(t, nil)
	var firstAt string
	tests := []struct {
		name  string
		call  func(ctx context.Context) error
		check func(err error) string // what is wrong with err, or ""
	}{
		{"101st call", func(ctx context.Context) error {
			for i := range MaxTransactionActions - 1 { // with the harness's first call, 100
				if err := m.Put(ctx, &order{Customer: "m", ID: i}); err != nil {
					return fmt.Errorf("call %d: %w", i, err)
				}
			}
			return m.Delete(ctx, Key{"m", 500})
		}, wants[*InputError]("would hold 101 actions; a transaction holds at most 100")},
		{"a TransactWrite that would pass 100", func(ctx context.Context) error {
			for i := range MaxTransactionActions - 2 {
				if err := m.Put(ctx, &order{Customer: "m", ID: i}); err != nil {
					return err
				}
			}
			return TransactWrite(ctx, m.TxDelete(Key{"m", 500}), m.TxDelete(Key{"m", 501}))
		}, wants[*InputError]("would hold 101 actions")},
		{"two calls on one item", func(ctx context.Context) error {
			at, err := here(), m.Put(WithLabel(ctx, "reserve"), &order{Customer: "c", ID: 1})
			if err != nil {
				return err
			}
			firstAt = at
			_, err = m.Update(Key{"c", 1}).Set("status", "paid").Return(ReturnNone).Exec(ctx)
			return err
		}, func(err error) string {
			// Both calls, with the label of the first, and the item.
			return wants[*InputError](`unit of work: put dev_orders "reserve" at `+firstAt+` and update dev_orders at work_test.go:`, `are on the same item (customer="c", id=1)`)(err)
		}},
		{"two actions on one item in one TransactWrite", func(ctx context.Context) error {
			return TransactWrite(ctx, m.TxDelete(Key{"c", 2}), m.TxCheck(Key{"c", 2}, Where("status").Exists()))
		}, wants[*InputError]("delete dev_orders at work_test.go:", "and check dev_orders at work_test.go:", `are on the same item (customer="c", id=2)`)},
		{"an invalid item", func(ctx context.Context) error {
			return m.Create(ctx, &order{Customer: "c", ID: 1, Status: "lost"})
		}, func(err error) string {
			var ve *validate.Error
			if !errors.As(err, &ve) {
				return "want a *validate.Error"
			}
			return ""
		}},
		{"ReturnOld", func(ctx context.Context) error {
			var old order
			return m.Delete(ctx, Key{"c", 1}, ReturnOld(&old))
		}, wants[*InputError]("option ReturnOld does not apply in a transaction")},
		{"ReturnStored", func(ctx context.Context) error {
			o := order{Customer: "c", ID: 1}
			return m.Put(ctx, &o, ReturnStored(&o))
		}, wants[*InputError]("option ReturnStored does not apply in a transaction")},
		{"Update.Return", func(ctx context.Context) error {
			_, err := m.Update(Key{"c", 1}).Set("status", "new").Return(ReturnAllNew).Exec(ctx)
			return err
		}, wants[*InputError]("Return in a unit of work")},
		{"Update.Idempotent", func(ctx context.Context) error {
			_, err := m.Update(Key{"c", 1}).Increment("count", 1).Idempotent().Exec(ctx)
			return err
		}, wants[*InputError]("give RunInTransaction a CommitToken")},
		{"TxToken", func(ctx context.Context) error {
			return TransactWrite(ctx, TxToken("t"), m.TxDelete(Key{"c", 1}))
		}, wants[*InputError]("TxToken in a unit of work")},
		{"BatchPut", func(ctx context.Context) error {
			return m.BatchPut(ctx, []*order{{Customer: "c", ID: 1}})
		}, isErr(ErrNotTransactional)},
		{"BatchDelete", func(ctx context.Context) error {
			return m.BatchDelete(ctx, []Key{{"c", 1}})
		}, isErr(ErrNotTransactional)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := committing()
			m.db = r
			var callErr error
			err := RunInTransaction(context.Background(), func(ctx context.Context) error {
				if err := m.Put(ctx, &order{Customer: "first", ID: 1}); err != nil {
					return err
				}
				callErr = tt.call(ctx)
				return nil // ignores the refusal
			})
			if callErr == nil {
				t.Fatalf("the call = nil; want a refusal")
			}
			if msg := tt.check(callErr); msg != "" {
				t.Errorf("the call = %v; %s", callErr, msg)
			}
			if err != callErr {
				t.Errorf("RunInTransaction = %v; want the refusal %v", err, callErr)
			}
			if len(r.requests) != 0 {
				t.Errorf("requests = %d; want none", len(r.requests))
			}
		})
	}
}

// wire is the JSON form of a request, as the golden files hold it.
func wire(t *testing.T, request any) string {
	t.Helper()
	b, err := json.MarshalIndent(plain(reflect.ValueOf(request)), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wants checks that an error is an E whose message holds each of parts.
func wants[E error](parts ...string) func(error) string {
	return func(err error) string {
		var e E
		if !errors.As(err, &e) {
			var zero E
			return fmt.Sprintf("want a %T", zero)
		}
		for _, p := range parts {
			if !strings.Contains(err.Error(), p) {
				return fmt.Sprintf("want a message holding %q", p)
			}
		}
		return ""
	}
}

func isErr(target error) func(error) string {
	return func(err error) string {
		if !errors.Is(err, target) {
			return fmt.Sprintf("want errors.Is %v", target)
		}
		return ""
	}
}

// TestRunInTransactionMapsCancellationToTheCall checks that DynamoDB's reasons, as the SDK
// decodes them from a recorded response, name the call that failed: its label and line.
func TestRunInTransactionMapsCancellationToTheCall(t *testing.T) {
	srv := &recordedServer{status: http.StatusBadRequest, body: canceledTwo}
	m := newOrders(t, nil)
	m.db = srv.client(t)
	var putAt, deleteAt string
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		var err error
		if putAt, err = here(), m.Put(WithLabel(ctx, "new order"), &order{Customer: "c", ID: 1, Status: "new"}); err != nil {
			return err
		}
		if _, err := m.Update(Key{"c", 2}).Set("status", "paid").Exec(ctx); err != nil {
			return err
		}
		deleteAt, err = here(), m.Delete(WithLabel(ctx, "sent order"), Key{"c", 3}, If(Where("status").Eq("sent")))
		return err
	})
	var te *TransactionError
	if !errors.As(err, &te) {
		t.Fatalf("RunInTransaction = %v; want a *TransactionError", err)
	}
	got := make([]ActionError, len(te.Actions))
	for i, a := range te.Actions {
		got[i] = *a
	}
	want := []ActionError{
		{Index: 0, Op: "put", Table: "dev_orders", Code: "TransactionConflict", Message: "Transaction is ongoing for the item", Label: "new order", Source: putAt},
		{Index: 2, Op: "delete", Table: "dev_orders", Code: "ConditionalCheckFailed", Message: "The conditional request failed", Label: "sent order", Source: deleteAt},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RunInTransaction actions mismatch (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrConditionFailed) {
		t.Errorf("errors.Is(%v, ErrConditionFailed) = false; want true", err)
	}
	wantMsg := fmt.Sprintf(`model: transact write cancelled: action 0 "new order" (put dev_orders at %s): TransactionConflict; `+
		`action 2 "sent order" (delete dev_orders at %s): ConditionalCheckFailed`, putAt, deleteAt)
	if err.Error() != wantMsg {
		t.Errorf("Error() = %q; want %q", err.Error(), wantMsg)
	}
	var ae *ActionError
	if errors.As(err, &ae); ae.Error() != `model: transaction action 0 "new order" (put dev_orders at `+putAt+`): TransactionConflict: Transaction is ongoing for the item` {
		t.Errorf("ActionError = %q", ae.Error())
	}
	if len(srv.ops) != 1 || srv.ops[0] != "DynamoDB_20120810.TransactWriteItems" {
		t.Fatalf("requests %v; want one TransactWriteItems", srv.ops)
	}
}

// TestRunInTransactionCommitTokenMakesARetrySafe runs a unit whose commit failed again with
// the same CommitToken: both requests are the same, token included, so DynamoDB applies it
// once.
func TestRunInTransactionCommitTokenMakesARetrySafe(t *testing.T) {
	lost := errors.New("connection reset")
	r := &recorder{}
	r.transactWriteItems = func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		if len(r.requests) == 1 {
			return nil, lost
		}
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}
	m := newOrders(t, r)
	transfer := func(ctx context.Context) error {
		if _, err := m.Update(Key{"c", 1}).Decrement("total", 5).If(Where("total").Ge(5)).Exec(ctx); err != nil {
			return err
		}
		_, err := m.Update(Key{"c", 2}).Increment("total", 5).Exec(ctx)
		return err
	}
	if err := RunInTransaction(context.Background(), transfer, CommitToken("req-42")); !errors.Is(err, lost) {
		t.Fatalf("first RunInTransaction = %v; want %v", err, lost)
	}
	if err := RunInTransaction(context.Background(), transfer, CommitToken("req-42")); err != nil {
		t.Fatalf("second RunInTransaction = %v", err)
	}
	if len(r.requests) != 2 {
		t.Fatalf("requests = %d; want 2", len(r.requests))
	}
	first, second := r.requests[0].(*dynamodb.TransactWriteItemsInput), r.requests[1].(*dynamodb.TransactWriteItemsInput)
	if aws.ToString(first.ClientRequestToken) != "req-42" {
		t.Errorf("ClientRequestToken = %v; want req-42", aws.ToString(first.ClientRequestToken))
	}
	if diff := cmp.Diff(wire(t, first), wire(t, second)); diff != "" {
		t.Errorf("the retry's request differs (-first +second):\n%s", diff)
	}

	t.Run("without a token the model makes one for each run", func(t *testing.T) {
		r := committing()
		m.db = r
		for range 2 {
			if err := RunInTransaction(context.Background(), transfer); err != nil {
				t.Fatal(err)
			}
		}
		a, b := tokenOf(r.requests[0]), tokenOf(r.requests[1])
		if !modelToken.MatchString(a) || !modelToken.MatchString(b) || a == b {
			t.Errorf("ClientRequestToken = %q, then %q; want two different random UUIDs", a, b)
		}
	})
	t.Run("a bad token is refused before fn runs", func(t *testing.T) {
		ran := false
		err := RunInTransaction(context.Background(), func(context.Context) error { ran = true; return nil }, CommitToken(strings.Repeat("x", 37)))
		var ie *InputError
		if !errors.As(err, &ie) || ran {
			t.Errorf("RunInTransaction(37-character token) = %v, fn ran %v; want an *InputError, fn not run", err, ran)
		}
	})
}

func TestRunInTransactionHooks(t *testing.T) {
	var events []string
	log := func(name string) hooks.Func[order] {
		return func(_ context.Context, o *order) error {
			events = append(events, fmt.Sprintf("%s %s/%d", name, o.Customer, o.ID))
			return nil
		}
	}
	tests := []struct {
		name   string
		commit error
		want   string
	}{
		{"committed", nil, "[BeforePut c/1 BeforeDelete c/2 committing AfterPut c/1 AfterDelete c/2]"},
		{"cancelled", &types.TransactionCanceledException{Message: aws.String("[None, ConditionalCheckFailed]")},
			"[BeforePut c/1 BeforeDelete c/2 committing]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events = nil
			r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
				events = append(events, "committing")
				return &dynamodb.TransactWriteItemsOutput{}, tt.commit
			}}
			m := newOrders(t, r)
			m.hooks = m.hooks.On(hooks.OnBeforePut, log("BeforePut")).On(hooks.OnAfterPut, log("AfterPut")).
				On(hooks.OnBeforeDelete, log("BeforeDelete")).On(hooks.OnAfterDelete, log("AfterDelete"))
			err := RunInTransaction(context.Background(), func(ctx context.Context) error {
				if err := m.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
					return err
				}
				return m.Delete(ctx, Key{"c", 2})
			})
			if (err == nil) != (tt.commit == nil) {
				t.Errorf("RunInTransaction = %v; want the commit's outcome %v", err, tt.commit)
			}
			if got := fmt.Sprint(events); got != tt.want {
				t.Errorf("hooks ran %s; want %s", got, tt.want)
			}
		})
	}
}

// TestRunInTransactionNested checks that a nested unit joins the outer one, and that its
// calls are dropped when it fails.
func TestRunInTransactionNested(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	declined := errors.New("declined")
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		if err := m.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
			return err
		}
		if err := RunInTransaction(ctx, func(ctx context.Context) error {
			return m.Put(ctx, &order{Customer: "c", ID: 2})
		}); err != nil {
			return err
		}
		err := RunInTransaction(ctx, func(ctx context.Context) error {
			if err := m.Put(ctx, &order{Customer: "c", ID: 3}); err != nil {
				return err
			}
			return declined
		})
		if err != declined {
			return fmt.Errorf("failing nested unit = %v; want %v", err, declined)
		}
		err = RunInTransaction(ctx, func(ctx context.Context) error {
			_ = m.Put(ctx, &order{Customer: "c", ID: 4})
			_ = m.Put(ctx, &order{Customer: "c", ID: 1}) // refused: the outer unit writes c/1
			return nil
		})
		var ie *InputError
		if !errors.As(err, &ie) {
			return fmt.Errorf("nested unit with a refused call = %v; want its *InputError", err)
		}
		if err := RunInTransaction(ctx, func(context.Context) error { return nil }, CommitToken("t")); !errors.As(err, &ie) {
			return fmt.Errorf("nested unit with a CommitToken = %v; want an *InputError", err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r.requests) != 1 {
		t.Fatalf("requests = %d; want one", len(r.requests))
	}
	var ids []string
	for _, it := range r.requests[0].(*dynamodb.TransactWriteItemsInput).TransactItems {
		ids = append(ids, it.Put.Item["id"].(*types.AttributeValueMemberN).Value)
	}
	if got := fmt.Sprint(ids); got != "[1 2]" {
		t.Errorf("items committed = %s; want [1 2] (the failed nested units' calls dropped)", got)
	}
}

// TestRunInTransactionRefusesCallsAfterItEnded checks that a call with the context of a unit
// that returned is refused, not lost.
func TestRunInTransactionRefusesCallsAfterItEnded(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	var kept context.Context
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		kept = ctx
		return m.Put(ctx, &order{Customer: "c", ID: 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = m.Put(kept, &order{Customer: "c", ID: 2})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "the unit of work has ended") {
		t.Errorf("Put after the unit ended = %v; want an *InputError saying it ended", err)
	}
	if len(r.requests) != 1 {
		t.Errorf("requests = %d; want the commit only", len(r.requests))
	}
}

// TestRunInTransactionCallsFromGoroutines records calls made at once (run with -race).
func TestRunInTransactionCallsFromGoroutines(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	const n = 20
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		errs := make(chan error, n)
		for i := range n {
			go func() { errs <- m.Put(ctx, &order{Customer: "g", ID: i}) }()
		}
		for range n {
			if err := <-errs; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if got := len(r.requests[0].(*dynamodb.TransactWriteItemsInput).TransactItems); got != n {
		t.Errorf("actions committed = %d; want %d", got, n)
	}
}

func TestWithLabelNests(t *testing.T) {
	srv := &recordedServer{status: http.StatusBadRequest, body: `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]"}`}
	m := newOrders(t, nil)
	m.db = srv.client(t)
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		return m.Delete(WithLabel(WithLabel(ctx, "order o-1"), "cancel"), Key{"c", 1}, If(Where("status").Eq("new")))
	})
	var ae *ActionError
	if !errors.As(err, &ae) || ae.Label != "order o-1/cancel" {
		t.Fatalf("RunInTransaction = %v; want the label order o-1/cancel", err)
	}
}

// TestRunInTransactionNestedPanic checks that a nested unit that panics leaves none of its
// calls in the unit when the outer fn recovers.
func TestRunInTransactionNestedPanic(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		if err := m.Put(ctx, &order{Customer: "c", ID: 1}); err != nil {
			return err
		}
		func() {
			defer func() { _ = recover() }()
			_ = RunInTransaction(ctx, func(ctx context.Context) error {
				_ = m.Put(ctx, &order{Customer: "c", ID: 2})
				panic("bug")
			})
		}()
		return nil
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if n := len(r.requests[0].(*dynamodb.TransactWriteItemsInput).TransactItems); n != 1 {
		t.Errorf("actions committed = %d; want 1 (the panicking unit's call dropped)", n)
	}
	var ie *InputError
	if err := RunInTransaction(context.Background(), nil); !errors.As(err, &ie) {
		t.Errorf("RunInTransaction(nil) = %v; want an *InputError", err)
	}
}

// TestDryRunsInAUnitOfWorkRecordNothing checks that a dry run made with the context of a
// unit of work returns its request and joins nothing: the write of the same item that
// follows is recorded, and the unit commits that write alone.
func TestDryRunsInAUnitOfWorkRecordNothing(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	o := &order{Customer: "c", ID: 1}
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		if in, err := m.PutRequest(ctx, o); err != nil || in == nil {
			return fmt.Errorf("PutRequest = %v, %v", in, err)
		}
		if in, err := m.DeleteRequest(ctx, Key{"c", 1}); err != nil || in == nil {
			return fmt.Errorf("DeleteRequest = %v, %v", in, err)
		}
		if in, err := m.Update(Key{"c", 1}).Set("status", "paid").Request(ctx); err != nil || in == nil {
			return fmt.Errorf("Update.Request = %v, %v", in, err)
		}
		if in, err := TransactWriteRequest(ctx, m.TxDelete(Key{"c", 1})); err != nil || in == nil {
			return fmt.Errorf("TransactWriteRequest = %v, %v", in, err)
		}
		return m.Put(ctx, o)
	})
	if err != nil {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if len(r.requests) != 1 {
		t.Fatalf("requests = %d; want one TransactWriteItems", len(r.requests))
	}
	if in := r.requests[0].(*dynamodb.TransactWriteItemsInput); len(in.TransactItems) != 1 || in.TransactItems[0].Put == nil {
		t.Errorf("TransactWriteItems = %d actions; want the Put alone", len(in.TransactItems))
	}
}
