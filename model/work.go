package model

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ErrNotTransactional is matched with errors.Is (on an *InputError) when a call made in a
// unit of work ([RunInTransaction]) cannot join its transaction: a batch write, which
// DynamoDB does not run in a transaction, would otherwise be sent at once, outside it.
var ErrNotTransactional = errors.New("model: the call cannot join a transaction")

// UnitOption configures [RunInTransaction].
type UnitOption struct {
	token    *string
	attempts *int
}

// DefaultConflictAttempts is how many times [RunInTransaction] runs fn, at most, when
// DynamoDB cancels its commits only because of conflicts with other transactions; see
// [ConflictAttempts].
const DefaultConflictAttempts = 3

// ConflictAttempts sets how many times [RunInTransaction] runs fn, at most, when DynamoDB
// cancels the commit only because other transactions were using its items (every reason
// TransactionConflict or None): nothing was applied, so fn runs again, with a fresh unit,
// after a random wait that grows with each attempt, and its commit is a new request with a
// new token. 0 or 1 runs fn once. The default is [DefaultConflictAttempts], or 1 with a
// [CommitToken] (which names one request; see there): ConflictAttempts above 1 with a
// CommitToken is refused, as is a negative n, with an *InputError before fn runs.
func ConflictAttempts(n int) UnitOption { return UnitOption{attempts: &n} }

// CommitToken gives the transaction of a unit of work its client request token (1 to 36
// characters), as [TxToken] does for [TransactWrite]: for ten minutes after the commit
// completes, a commit of the same calls with the same token is not applied again, so a
// caller may run the unit again after an error it cannot judge (a timeout, a lost
// connection) without applying it twice. The same token with other calls fails with an
// IdempotentParameterMismatchException, and so does a unit whose requests hold values taken
// from the clock (timestamps, an expiry computed at write time, conditions on expiry under
// HideExpired), which differ from one run to the next. Without CommitToken the model makes
// a random token for each commit, which the SDK's resends reuse and which an
// [*OutcomeUnknownError] reports.
//
// With CommitToken, RunInTransaction does not run fn again on a conflict: the token must
// stay the token of one request for the promise above to hold. A second attempt under
// another token could be applied besides the first's when the caller runs the unit again
// with its token; under the same token, requests fn built anew may differ and be refused.
// A caller that gives a token retries a conflict itself, with the same token, when fn
// builds the same requests.
func CommitToken(token string) UnitOption { return UnitOption{token: &token} }

// WithLabel returns a copy of ctx whose write calls, in a unit of work, are labelled label:
// when DynamoDB cancels the transaction, the [*ActionError] of a failed call carries the
// label, beside the file:line of the call, and so do the refusals that name calls. A label
// given to a context that has one already is added to it after a slash, so that a service
// and the repository it calls can each say what the call is for ("order o-3/debit"). Outside
// a unit of work the label has no effect.
//
//	err := accounts.Update(key).Decrement("balance", n).If(model.Where("balance").Ge(n)).
//		Exec(model.WithLabel(ctx, "debit"))
func WithLabel(ctx context.Context, label string) context.Context {
	if outer, _ := ctx.Value(labelKey{}).(string); outer != "" {
		label = outer + "/" + label
	}
	return context.WithValue(ctx, labelKey{}, label)
}

type (
	unitKey  struct{}
	labelKey struct{}
)

// RunInTransaction runs fn as a unit of work: the writes fn makes with the context it is
// given — [Model.Put], [Model.Create], [Model.Delete], [Update.Exec] and [TransactWrite],
// called directly or through helper functions such as a repository's methods — are not
// sent but recorded, and when fn returns nil, they are sent together as one
// TransactWriteItems: all of them happen, or none. When fn returns an error, nothing is
// sent and RunInTransaction returns that error.
//
// A recorded call passes the whole pipeline at once (defaults, transforms, validation,
// timestamps, version, before hooks) and returns nil when its action is ready: it did not
// happen yet. A call is refused with an error, and nothing recorded, when its item is
// refused, when it is the 101st call (a transaction holds at most 100 actions; a unit of
// work is never split), when it is on an item an earlier call of the unit is on (DynamoDB
// allows one action per item; the error names both calls), and when it cannot join a
// transaction: a BatchPut or BatchDelete ([ErrNotTransactional]), [ReturnOld] or
// [ReturnStored], an [Update.Return] other than ReturnNone, an [Update.Idempotent] update.
// A unit in which a call was refused is not committed even if fn ignores the error and
// returns nil: RunInTransaction returns the first refusal. [Update.Exec] returns the zero T.
//
// Reads (Get, Query, Scan, batch and transaction reads) are sent as usual: they see what is
// stored, not the unit's writes, which are not stored yet.
//
// The transaction is sent through the client of the calls' models: a call on a model bound
// to another client than the unit's first call (see [DB]) is refused, with an error that
// names both calls and matches [ErrDifferentClients]. When DynamoDB cancels the transaction,
// the error is a [*TransactionError] whose [*ActionError] values name each call that
// failed: its position, operation, table, DynamoDB's reason, its label ([WithLabel]) and the
// file:line where it was made; a failed condition matches [ErrConditionFailed].
//
// When DynamoDB cancels the commit only because other transactions were using its items
// (TransactionConflict), nothing was applied, and RunInTransaction runs fn again, as
// Firestore's and Spanner's run-in-transaction do: up to [DefaultConflictAttempts] runs in
// all, or [ConflictAttempts], with a random, growing wait before each (it returns as soon as
// ctx ends), each commit a new request with a new token. So fn may run more than once: it
// must do nothing outside the unit that it would not do again (send no message, charge no
// card; do that after RunInTransaction returned nil), and read again what it decides on.
// Before hooks run in every run, after hooks once, after the commit that succeeded. When the
// attempts are spent, the error is the last cancellation. Any other reason (a failed
// condition, say), an error of fn, and an unknown outcome end it at once. With a
// [CommitToken], which turns these runs off (see there), a repeated unit of the same calls
// is applied at most once. When the commit may have been applied although it failed (a
// response was lost and the SDK's resends did not settle it), the error matches
// [ErrOutcomeUnknown] and holds an [*OutcomeUnknownError] with the token the commit carried
// (the CommitToken, or the one the model made): run the unit again with CommitToken of that
// token within ten minutes to settle it.
//
// Before hooks run when the call is made; after hooks run once the transaction succeeded,
// in the order of the calls, with ctx (an after hook's error is returned, the transaction
// having happened). A unit with no writes sends nothing and returns nil.
//
// A RunInTransaction inside fn (with fn's context) joins the unit: its calls are committed
// with the outer ones, when the outermost fn returns nil, and when it returns an error (or
// one of its calls was refused), its own calls are dropped from the unit, so that the outer
// fn may handle that error and go on. It takes no CommitToken nor ConflictAttempts: the
// outermost unit commits. Calls made with fn's context after fn returned are refused.
//
// fn may make calls from several goroutines; the actions are sent in the order the calls
// were recorded. It calls [TransactWriteItems].
//
// [TransactWriteItems]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
func RunInTransaction(ctx context.Context, fn func(ctx context.Context) error, opts ...UnitOption) error {
	const op = "transaction"
	token, attempts, err := unitOptions(opts)
	if err != nil {
		return err
	}
	if fn == nil {
		return inputError(op, "nil function")
	}
	if parent := unitOf(ctx); parent != nil {
		if token != nil || attempts > 0 {
			return inputError(op, "CommitToken or ConflictAttempts in a nested RunInTransaction: the outermost unit of work commits, with its options")
		}
		return (&frame{u: parent.u, parent: parent}).run(ctx, fn)
	}
	switch {
	case token != nil && attempts > 1:
		return inputError(op, "ConflictAttempts(%d) with a CommitToken: a token names one request, so the unit is committed once (see CommitToken)", attempts)
	case token != nil:
		attempts = 1
	case attempts == 0:
		attempts = DefaultConflictAttempts
	}
	wait := newBackoff(unitRetryBase, unitRetryMax, attempts-1)
	for run := 1; ; run++ {
		committed, err := runUnit(ctx, fn, token)
		if !committed || run >= attempts || !cancelledByConflict(err) || wait.wait(ctx) != nil {
			return err
		}
	}
}

// The waits before RunInTransaction runs fn again after a conflict.
const (
	unitRetryBase = 20 * time.Millisecond
	unitRetryMax  = time.Second
)

// unitOptions reads the options of RunInTransaction: the CommitToken (nil: none) and the
// ConflictAttempts (0: not given; at least 1 when given).
func unitOptions(opts []UnitOption) (token *string, attempts int, err error) {
	const op = "transaction"
	for _, o := range opts {
		switch {
		case o.token != nil && token != nil:
			return nil, 0, inputError(op, "two CommitToken options; a transaction has one token")
		case o.token != nil:
			if err := checkToken(op, *o.token); err != nil {
				return nil, 0, err
			}
			token = o.token
		case o.attempts != nil && attempts > 0:
			return nil, 0, inputError(op, "two ConflictAttempts options")
		case o.attempts != nil && *o.attempts < 0:
			return nil, 0, inputError(op, "ConflictAttempts(%d): the number of runs is 0 or more", *o.attempts)
		case o.attempts != nil:
			attempts = max(*o.attempts, 1)
		}
	}
	return token, attempts, nil
}

// runUnit runs fn as an outermost unit of work and commits its calls with token (nil: a new
// token of the model's), then runs their after hooks. committed tells whether the error, if
// any, is the commit's send: an error of fn or of an after hook is never one, so a unit whose
// commit was applied is never run again, whatever an after hook returns.
func runUnit(ctx context.Context, fn func(context.Context) error, token *string) (committed bool, err error) {
	u := &unit{seen: map[string]int{}}
	if err := (&frame{u: u}).run(ctx, fn); err != nil {
		return false, err
	}
	u.mu.Lock()
	calls := make([]builtAction, len(u.calls))
	for i, c := range u.calls {
		calls[i] = c.builtAction
	}
	u.mu.Unlock()
	if len(calls) == 0 {
		return false, nil
	}
	tok := newToken()
	if token != nil {
		tok = *token
	}
	if err := sendCommit(ctx, "transact write", tok, calls); err != nil {
		return true, err
	}
	return false, afterWrite(ctx, calls)
}

// unit is the record of a unit of work: the calls of its outermost RunInTransaction and of
// those nested in it.
type unit struct {
	mu    sync.Mutex
	calls []recorded
	seen  map[string]int // the item of each call, to its position in calls
}

type recorded struct {
	builtAction
	frame *frame
}

// frame is one RunInTransaction of a unit: the outermost, or one nested in it.
type frame struct {
	u      *unit
	parent *frame
	// Guarded by u.mu:
	refusal error // the first call refused in this frame
	ended   bool
}

// unitOf returns the frame of the unit of work ctx is in, or nil.
func unitOf(ctx context.Context) *frame {
	f, _ := ctx.Value(unitKey{}).(*frame)
	return f
}

// run runs fn in frame f. When fn fails, panics, or one of its calls was refused, the calls
// made in f (and in frames nested in it) are dropped. Either way f ends.
func (f *frame) run(ctx context.Context, fn func(context.Context) error) (err error) {
	if f.parent != nil {
		f.u.mu.Lock()
		ended := f.parent.hasEnded()
		f.u.mu.Unlock()
		if ended {
			return inputError("transaction", "RunInTransaction with the context of a unit of work that has ended")
		}
	}
	done := false
	defer func() {
		u := f.u
		u.mu.Lock()
		defer u.mu.Unlock()
		f.ended = true
		if err == nil && done {
			err = f.refusal
		}
		if err != nil || !done {
			u.calls = slices.DeleteFunc(u.calls, func(c recorded) bool { return c.frame.within(f) })
			clear(u.seen)
			for i, c := range u.calls {
				u.seen[c.item] = i
			}
		}
	}()
	err = fn(context.WithValue(ctx, unitKey{}, f))
	done = true
	return err
}

// within reports whether f is g or nested in it.
func (f *frame) within(g *frame) bool {
	for ; f != nil; f = f.parent {
		if f == g {
			return true
		}
	}
	return false
}

// hasEnded reports whether f or a frame it is nested in has ended. The caller holds u.mu.
func (f *frame) hasEnded() bool {
	for ; f != nil; f = f.parent {
		if f.ended {
			return true
		}
	}
	return false
}

// refuse records err as a refusal of f (the first one counts) and returns it.
func (f *frame) refuse(err error) error {
	f.u.mu.Lock()
	defer f.u.mu.Unlock()
	return f.refused(err)
}

// refused is refuse for a caller that holds u.mu.
func (f *frame) refused(err error) error {
	if f.refusal == nil && !f.hasEnded() {
		f.refusal = err
	}
	return err
}

// notTransactional is the refusal of a call that cannot join a transaction.
func notTransactional(op, instead string) error {
	return &InputError{Op: op, Err: &because{ErrNotTransactional,
		fmt.Sprintf("%s in a unit of work: it cannot join the transaction, and would be sent at once; %s", op, instead)}}
}

// record builds actions (the pipeline and before hooks run now) and adds them to the unit,
// all or none: the action of one write call, or those of a TransactWrite.
func (f *frame) record(ctx context.Context, actions ...WriteAction) error {
	label, _ := ctx.Value(labelKey{}).(string)
	source := callSite()
	if slices.ContainsFunc(actions, isToken) {
		return f.refuse(inputError("transact write", "TxToken in a unit of work: give RunInTransaction a CommitToken"))
	}
	u := f.u
	if len(actions) > 0 {
		u.mu.Lock()
		err := f.check(len(actions), callName(actions[0].op, actions[0].table, label, source))
		if err == nil && !slices.ContainsFunc(actions, func(a WriteAction) bool { return a.build == nil }) {
			// A zero action is refused as such by buildActions: it has no client.
			err = f.checkClient(len(actions), func(i int) (string, DB, string) {
				return actions[i].op, actions[i].db, callName(actions[i].op, actions[i].table, label, source)
			})
		}
		u.mu.Unlock()
		if err != nil {
			return f.refuse(err)
		}
	}
	built, err := buildActions(ctx, actions, len(actions) > 1)
	if err != nil {
		return f.refuse(err)
	}
	for i := range built {
		built[i].label, built[i].source = label, source
		built[i].name = callName(built[i].op, built[i].table, label, source)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if err := f.check(len(built), built[0].name); err != nil {
		return f.refused(err)
	}
	if err := f.checkClient(len(built), func(i int) (string, DB, string) { return built[i].op, built[i].db, built[i].name }); err != nil {
		return f.refused(err)
	}
	earlier := func(item string) (builtAction, bool) {
		j, ok := u.seen[item]
		if !ok {
			return builtAction{}, false
		}
		return u.calls[j].builtAction, true
	}
	if err := oneActionPerItem("", "unit of work: ", built, earlier); err != nil {
		return f.refused(err)
	}
	for _, b := range built {
		u.seen[b.item] = len(u.calls)
		u.calls = append(u.calls, recorded{b, f})
	}
	return nil
}

// check refuses n more actions in f, for the call called name, when f has ended or the
// unit would hold more than a transaction may. The caller holds u.mu.
func (f *frame) check(n int, name string) error {
	if f.hasEnded() {
		return inputError("transaction", "%s: the unit of work has ended (a call with the context of a RunInTransaction that returned)", name)
	}
	if have := len(f.u.calls); have+n > MaxTransactionActions {
		return inputError("transaction", "%s: the unit of work would hold %d actions; a transaction holds at most %d, and a unit of work is not split",
			name, have+n, MaxTransactionActions)
	}
	return nil
}

// checkClient refuses n more actions in f (action(i) gives the operation, client and name of
// the i-th) when one is on a model of another client than the unit's first call: a unit of
// work is committed as one request, through one client. The caller holds u.mu.
func (f *frame) checkClient(n int, action func(i int) (op string, db DB, name string)) error {
	if len(f.u.calls) == 0 {
		return nil
	}
	first := f.u.calls[0]
	for i := range n {
		if op, db, name := action(i); !sameClient(first.db, db) {
			return differentClients(op, "unit of work: ", first.name, name)
		}
	}
	return nil
}

// callName names a call of a unit of work: `update dev_accounts "debit" at repo.go:42`.
func callName(op, table, label, source string) string {
	s := op + " " + table
	if label != "" {
		s += " " + strconv.Quote(label)
	}
	if source != "" {
		s += " at " + source
	}
	return s
}

// keyText is the key of an item as NotFoundError writes it: customer="c", id=1.
func keyText(key map[string]types.AttributeValue) string {
	return notFound("", key).(*NotFoundError).Key
}

// modelDir is the directory of the model package's source files, as the runtime names it.
var modelDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}()

// callSite returns the file:line of the first caller outside the model package (its tests
// count as outside), with the file's base name.
func callSite() string {
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	for {
		fr, more := frames.Next()
		if fr.File != "" && (filepath.Dir(fr.File) != modelDir || strings.HasSuffix(fr.File, "_test.go")) {
			return filepath.Base(fr.File) + ":" + strconv.Itoa(fr.Line)
		}
		if !more {
			return ""
		}
	}
}

// record records the update in the unit of work of f, refusing what a transaction cannot do.
func (u Update[T]) record(ctx context.Context, f *frame) error {
	switch {
	case u.idem:
		return f.refuse(inputError("update", "Idempotent or IdempotencyToken in a unit of work: give RunInTransaction a CommitToken"))
	case u.returnSet && u.returns != ReturnNone:
		return f.refuse(inputError("update", "Return in a unit of work: a transaction returns no item"))
	}
	return f.record(ctx, u.Tx())
}
