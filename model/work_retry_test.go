package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
)

// cancelled is the cancellation of a transaction of two actions with these reasons.
func cancelled(codes ...string) error {
	reasons := make([]types.CancellationReason, len(codes))
	for i, c := range codes {
		reasons[i] = types.CancellationReason{Code: aws.String(c)}
	}
	return &types.TransactionCanceledException{Message: aws.String("Transaction cancelled"), CancellationReasons: reasons}
}

// TestRunInTransactionRunsAgainOnConflict: a commit cancelled only by conflicts with other
// transactions applied nothing, so RunInTransaction runs fn again, up to its limit, each
// commit a new request with a new token; before hooks run in each run, after hooks once.
// Any other reason, an error that is not a cancellation, a CommitToken, and a limit of 0 or
// 1 end it at the first commit.
func TestRunInTransactionRunsAgainOnConflict(t *testing.T) {
	conflict := cancelled("None", "TransactionConflict")
	tests := []struct {
		name    string
		opts    []UnitOption
		answers []error // the commits' answers in turn (nil: applied)
		runs    int     // the times fn runs
		want    func(error) string
		applied bool
	}{
		{"conflict twice, then applied", nil, []error{conflict, conflict, nil}, 3, isErr(nil), true},
		{"conflicts past the default limit", nil, []error{conflict, conflict, conflict}, 3, conflictError, false},
		{"ConflictAttempts(5)", []UnitOption{ConflictAttempts(5)}, []error{conflict, conflict, conflict, conflict, nil}, 5, isErr(nil), true},
		{"ConflictAttempts(2) spent", []UnitOption{ConflictAttempts(2)}, []error{conflict, conflict}, 2, conflictError, false},
		{"ConflictAttempts(1)", []UnitOption{ConflictAttempts(1)}, []error{conflict}, 1, conflictError, false},
		{"ConflictAttempts(0)", []UnitOption{ConflictAttempts(0)}, []error{conflict}, 1, conflictError, false},
		{"a failed condition", nil, []error{cancelled("ConditionalCheckFailed", "None")}, 1, isErr(ErrConditionFailed), false},
		{"a failed condition beside a conflict", nil, []error{cancelled("ConditionalCheckFailed", "TransactionConflict")}, 1,
			isErr(ErrConditionFailed), false},
		{"a validation error", nil, []error{cancelled("None", "ValidationError")}, 1, wants[*TransactionError]("ValidationError"), false},
		{"a transaction in progress", nil, []error{&types.TransactionInProgressException{Message: aws.String("in progress")}}, 1,
			wants[*OpError]("in progress"), false},
		{"throttled", nil, []error{&types.ProvisionedThroughputExceededException{Message: aws.String("slow down")}}, 1,
			wants[*OpError]("slow down"), false},
		{"a CommitToken", []UnitOption{CommitToken("t-1")}, []error{conflict}, 1, conflictError, false},
		{"a CommitToken and ConflictAttempts(1)", []UnitOption{CommitToken("t-1"), ConflictAttempts(1)}, []error{conflict}, 1, conflictError, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var events []string
			r := &recorder{}
			r.transactWriteItems = func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
				n := len(r.requests) - 1
				if n >= len(tt.answers) {
					t.Fatalf("commit %d; want %d at most", n+1, len(tt.answers))
				}
				if tt.answers[n] == nil {
					events = append(events, "applied")
					return &dynamodb.TransactWriteItemsOutput{}, nil
				}
				return nil, tt.answers[n]
			}
			m := newOrders(t, r)
			m.hooks = m.hooks.On(hooks.OnBeforePut, func(context.Context, *order) error { events = append(events, "BeforePut"); return nil }).
				On(hooks.OnAfterPut, func(context.Context, *order) error { events = append(events, "AfterPut"); return nil })
			runs := 0
			err := RunInTransaction(context.Background(), func(ctx context.Context) error {
				runs++
				if err := m.Put(ctx, &order{Customer: "c", ID: 1, Status: "new"}); err != nil {
					return err
				}
				_, err := m.Update(Key{"c", 2}).Increment("count", 1).Exec(ctx)
				return err
			}, tt.opts...)
			if msg := tt.want(err); msg != "" {
				t.Errorf("RunInTransaction = %v; %s", err, msg)
			}
			if runs != tt.runs || len(r.requests) != tt.runs {
				t.Errorf("fn ran %d times, %d commits sent; want %d of each", runs, len(r.requests), tt.runs)
			}
			wantEvents := strings.Repeat("BeforePut ", tt.runs)
			if tt.applied {
				wantEvents += "applied AfterPut"
			}
			if got := strings.Join(events, " "); got != strings.TrimSpace(wantEvents) {
				t.Errorf("events %q; want %q", got, strings.TrimSpace(wantEvents))
			}
			seen := map[string]bool{}
			for i, req := range r.requests {
				tok := tokenOf(req)
				if len(tt.opts) > 0 && tt.opts[0].token != nil {
					if tok != *tt.opts[0].token {
						t.Errorf("commit %d token %q; want the CommitToken %q", i, tok, *tt.opts[0].token)
					}
					continue
				}
				if !modelToken.MatchString(tok) || seen[tok] {
					t.Errorf("commit %d token %q; want a new random UUID for each commit", i, tok)
				}
				seen[tok] = true
			}
		})
	}
}

// conflictError checks that err is the cancellation of a conflict: a *TransactionError
// whose reasons are TransactionConflict, which does not match ErrConditionFailed.
func conflictError(err error) string {
	var te *TransactionError
	if !errors.As(err, &te) || !cancelledByConflict(err) || errors.Is(err, ErrConditionFailed) {
		return "want the *TransactionError of a TransactionConflict"
	}
	return ""
}

// TestRunInTransactionConflictWaitEndsWithContext: the wait before running fn again returns
// as soon as the context ends, with the conflict's error, and fn does not run again.
func TestRunInTransactionConflictWaitEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		cancel()
		return nil, cancelled("TransactionConflict")
	}}
	m := newOrders(t, r)
	runs := 0
	err := RunInTransaction(ctx, func(ctx context.Context) error {
		runs++
		return m.Delete(ctx, Key{"c", 1})
	}, ConflictAttempts(10))
	if msg := conflictError(err); msg != "" || runs != 1 {
		t.Errorf("RunInTransaction = %v after %d runs; %s, after 1 run", err, runs, msg)
	}
}

// TestConflictAttemptsRefused: options RunInTransaction cannot honour are refused before fn
// runs, with an *InputError.
func TestConflictAttemptsRefused(t *testing.T) {
	tests := []struct {
		name string
		opts []UnitOption
		want string
	}{
		{"negative", []UnitOption{ConflictAttempts(-1)}, "ConflictAttempts(-1): the number of runs is 0 or more"},
		{"twice", []UnitOption{ConflictAttempts(2), ConflictAttempts(3)}, "two ConflictAttempts options"},
		{"with a CommitToken", []UnitOption{ConflictAttempts(2), CommitToken("t")}, "ConflictAttempts(2) with a CommitToken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := false
			err := RunInTransaction(context.Background(), func(context.Context) error { ran = true; return nil }, tt.opts...)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) || ran {
				t.Errorf("RunInTransaction = %v, fn ran %v; want an *InputError containing %q, fn not run", err, ran, tt.want)
			}
		})
	}
	t.Run("nested", func(t *testing.T) {
		err := RunInTransaction(context.Background(), func(ctx context.Context) error {
			return RunInTransaction(ctx, func(context.Context) error { return nil }, ConflictAttempts(2))
		})
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "nested RunInTransaction") {
			t.Errorf("nested RunInTransaction(ConflictAttempts(2)) = %v; want an *InputError", err)
		}
	})
}

// TestRunInTransactionAfterHookConflictIsNotRetried: an after hook runs once the commit was
// applied; when it returns the cancellation of a conflict of its own (a transaction the
// hook sent), RunInTransaction returns that error and does not run fn again, which would
// apply the unit a second time under a new token. (What keeps it so: hooks.Run wraps the
// hook's error and cancelledByConflict takes a *TransactionError only unwrapped, the commit's
// own; with errors.As there it would match the hook's and run fn again.)
func TestRunInTransactionAfterHookConflictIsNotRetried(t *testing.T) {
	r := committing()
	m := newOrders(t, r)
	hookErr := transactionError("transact write", cancelled("TransactionConflict"), func(int) (string, string) { return "put", "dev_audit" }, 1)
	m.hooks = m.hooks.On(hooks.OnAfterPut, func(context.Context, *order) error { return hookErr })
	runs := 0
	err := RunInTransaction(context.Background(), func(ctx context.Context) error {
		runs++
		return m.Put(ctx, &order{Customer: "c", ID: 1, Status: "new"})
	})
	if !errors.Is(err, hookErr) || runs != 1 || len(r.requests) != 1 {
		t.Errorf("RunInTransaction = %v after %d runs and %d commits; want the hook's error after 1 run and 1 commit", err, runs, len(r.requests))
	}
}
