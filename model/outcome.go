package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// ErrOutcomeUnknown is matched with errors.Is when a write may have been applied although
// the call failed: a conditional write failed its condition on a resend, after an earlier
// attempt of the same call whose response was lost (a connection reset or a 5xx answer),
// and what is stored now does not prove whether that attempt was applied; or a transaction
// ([TransactWrite], the commit of [RunInTransaction], an [Update.Idempotent] update) lost
// the response of an attempt and its resends, if any, did not settle it. It never matches
// ErrConditionFailed, nor the SDK's errors: a loop that retries on conflicts or throttling
// must not retry on it, as that could apply the change twice. For a transaction, send the
// same actions again with the same token within ten minutes: the error holds an
// [*OutcomeUnknownError] that gives it, and DynamoDB answers with the first result. For a
// single write, read the item to decide; see docs/reliability.md.
var ErrOutcomeUnknown = errors.New("model: outcome unknown: an attempt whose response was lost may have been applied")

// attempts records the attempts the SDK's retryer makes for one call: a middleware in the
// Finalize step, after the retry middleware, sees each attempt.
type attempts struct {
	mu       sync.Mutex
	lost     error // the first attempt, before the last, whose outcome is unknown
	last     error // the outcome of the latest attempt
	lastSent bool  // the latest attempt was handed to the HTTP client
	sending  bool  // the current attempt was handed to the HTTP client
	count    int
}

// recordAttempts returns the recorder of the attempts of a write whose condition is cond and
// the per-call options that feed it: for a write without a condition (cond nil), which no
// resend can make fail its condition, a nil recorder (which has recorded nothing) and no
// options, so that such a write adds nothing to the SDK's middleware stack nor allocates a
// recorder.
func recordAttempts(cond *string) (*attempts, []func(*dynamodb.Options)) {
	if cond == nil {
		return nil, nil
	}
	a := new(attempts)
	return a, []func(*dynamodb.Options){a.option}
}

// option is the per-call option that records the attempts of the call into a: a
// middleware right after the retry middleware sees each attempt's outcome, and one at the
// end of the Finalize step, after signing, marks the attempts that were handed on to be
// sent (an attempt that failed before, as in signing, reached no server).
func (a *attempts) option(o *dynamodb.Options) {
	o.APIOptions = append(slices.Clip(o.APIOptions), func(s *middleware.Stack) error {
		m := middleware.FinalizeMiddlewareFunc("dynamodel.Attempts", a.handle)
		var err error
		if _, ok := s.Finalize.Get("Retry"); ok {
			err = s.Finalize.Insert(m, "Retry", middleware.After)
		} else {
			err = s.Finalize.Add(m, middleware.After)
		}
		if err != nil {
			return err
		}
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("dynamodel.Sending", a.markSending), middleware.After)
	})
}

func (a *attempts) handle(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	a.mu.Lock()
	a.sending = false
	a.mu.Unlock()
	out, md, err := next.HandleFinalize(ctx, in)
	a.mu.Lock()
	if a.count > 0 && a.lost == nil && a.lastSent && outcomeUnknown(a.last) {
		a.lost = a.last
	}
	a.count++
	a.last = err
	a.lastSent = a.sending
	a.mu.Unlock()
	return out, md, err
}

// markSending marks the current attempt as handed to the HTTP client, unless its context
// has ended already, when the client sends nothing.
func (a *attempts) markSending(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	if ctx.Err() == nil {
		a.mu.Lock()
		a.sending = true
		a.mu.Unlock()
	}
	return next.HandleFinalize(ctx, in)
}

// lostEarlier returns the error of an attempt before the last whose outcome is unknown, or
// nil when every earlier attempt is known not to have been applied (always, for the nil
// recorder of a write without a condition).
func (a *attempts) lostEarlier() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lost
}

// outcomeUnknown reports whether an attempt that ended with err may have been applied:
// DynamoDB applies nothing it answers with a 4xx error, but a request whose response was
// lost, or answered with a 5xx (by DynamoDB or a proxy in between), may have been. A
// request that failed to connect was not sent.
func outcomeUnknown(err error) bool {
	if err == nil {
		return false
	}
	var dial *net.OpError
	if errors.As(err, &dial) && dial.Op == "dial" {
		return false // no connection was made: nothing was sent
	}
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		// 0: no response at all (a request that could not be sent, or whose response was lost).
		status := re.HTTPStatusCode()
		return status < 400 || status >= 500
	}
	return true
}

// unknownOutcome is the error of a conditional write whose condition failed after an
// attempt with a lost response, when what is stored does not show whether that attempt was
// applied.
func unknownOutcome(op, table string, lost, err error) error {
	return &OpError{Op: op, Table: table, Err: fmt.Errorf("%w (first lost: %v; then: %v)", ErrOutcomeUnknown, lost, err)}
}

// storedItem returns the item with key as it is now: the item DynamoDB returned with the
// failed condition, or, from a server that does not return it, a consistent read.
func (m *Model[T]) storedItem(ctx context.Context, err error, key map[string]types.AttributeValue) (map[string]types.AttributeValue, error) {
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) && failed.Item != nil {
		return failed.Item, nil
	}
	out, gerr := m.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(m.table), Key: key, ConsistentRead: aws.Bool(true)})
	if gerr != nil {
		return nil, gerr
	}
	return out.Item, nil
}

// resolvePut decides a put or create whose condition failed (err) after an attempt with a
// lost response (lost). The stored item is the one this call wrote when it equals in.Item
// in every attribute: then the call succeeded. For a versioned put, equality proves
// nothing, as another writer that read the same version writes the same item; but a stored
// item with the next version that differs from in.Item is another writer's, so the
// condition did fail. Anything else is ErrOutcomeUnknown.
func (m *Model[T]) resolvePut(ctx context.Context, op string, in *dynamodb.PutItemInput, lost, err error) (*dynamodb.PutItemOutput, error) {
	if in.Item == nil || in.ReturnValues == types.ReturnValueAllOld {
		return nil, unknownOutcome(op, m.table, lost, err)
	}
	key := make(map[string]types.AttributeValue, len(m.keys))
	for _, k := range m.keys {
		key[k] = in.Item[k]
	}
	stored, gerr := m.storedItem(ctx, err, key)
	if gerr != nil {
		return nil, unknownOutcome(op, m.table, lost, errors.Join(err, gerr))
	}
	same := stored != nil && sameItem(stored, in.Item)
	if m.o.version == "" {
		if same {
			return &dynamodb.PutItemOutput{}, nil
		}
		return nil, unknownOutcome(op, m.table, lost, err)
	}
	if stored != nil && !same && sameValue(stored[m.o.version], in.Item[m.o.version]) {
		return nil, opError(op, m.table, err)
	}
	return nil, unknownOutcome(op, m.table, lost, err)
}

// sameItem reports whether a and b hold the same attributes with the same values, numbers
// compared by value and sets as sets.
func sameItem(a, b map[string]types.AttributeValue) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !sameValue(va, vb) {
			return false
		}
	}
	return true
}

func sameValue(a, b types.AttributeValue) bool {
	switch a := a.(type) {
	case *types.AttributeValueMemberS:
		b, ok := b.(*types.AttributeValueMemberS)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberN:
		b, ok := b.(*types.AttributeValueMemberN)
		return ok && attr.CanonicalNumber(a.Value) == attr.CanonicalNumber(b.Value)
	case *types.AttributeValueMemberB:
		b, ok := b.(*types.AttributeValueMemberB)
		return ok && bytes.Equal(a.Value, b.Value)
	case *types.AttributeValueMemberBOOL:
		b, ok := b.(*types.AttributeValueMemberBOOL)
		return ok && a.Value == b.Value
	case *types.AttributeValueMemberNULL:
		_, ok := b.(*types.AttributeValueMemberNULL)
		return ok
	case *types.AttributeValueMemberM:
		b, ok := b.(*types.AttributeValueMemberM)
		return ok && sameItem(a.Value, b.Value)
	case *types.AttributeValueMemberL:
		b, ok := b.(*types.AttributeValueMemberL)
		return ok && slices.EqualFunc(a.Value, b.Value, sameValue)
	case *types.AttributeValueMemberSS:
		b, ok := b.(*types.AttributeValueMemberSS)
		return ok && sameSet(a.Value, b.Value, func(s string) string { return s })
	case *types.AttributeValueMemberNS:
		b, ok := b.(*types.AttributeValueMemberNS)
		return ok && sameSet(a.Value, b.Value, attr.CanonicalNumber)
	case *types.AttributeValueMemberBS:
		b, ok := b.(*types.AttributeValueMemberBS)
		return ok && sameSet(a.Value, b.Value, func(v []byte) string { return string(v) })
	}
	return false
}

func sameSet[E any](a, b []E, key func(E) string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[string]int, len(a))
	for _, e := range a {
		seen[key(e)]++
	}
	for _, e := range b {
		k := key(e)
		if seen[k] == 0 {
			return false
		}
		seen[k]--
	}
	return true
}

// conditionAfterLost returns the error of a conditional write that failed (err): when its
// condition failed after an earlier attempt of the call whose response was lost, the write
// may have been applied by that attempt, and the error is ErrOutcomeUnknown instead of a
// condition failure. ok is false when err is not such a case.
func conditionAfterLost(a *attempts, err error) (lost error, ok bool) {
	if !awserr.Is(err, awserr.ConditionFailed) {
		return nil, false
	}
	lost = a.lostEarlier()
	return lost, lost != nil
}

// transactionLost returns, for a TransactWriteItems call that failed with err, the error of
// an attempt that may have been applied, when no answer settles it: the response of an
// attempt was lost (a reset connection, a timeout, a 5xx answer) and the attempts that
// followed, if any, ended on another error (throttling, say). earlier tells whether that
// attempt came before the last one. It returns nil when the failure is known: a
// cancellation (TransactionCanceledException: the SDK resends with the token of the first
// attempt, and DynamoDB answers a resend of an applied transaction with its success, so a
// cancellation means nothing was applied), a 4xx answer after attempts none of which may
// have been applied, or a call refused before anything was sent.
func (a *attempts) transactionLost(err error) (lost error, earlier bool) {
	if err == nil || awserr.Is(err, awserr.TransactionCanceled) {
		return nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lost != nil {
		return a.lost, true
	}
	if a.count > 0 && a.lastSent && outcomeUnknown(a.last) {
		return a.last, false
	}
	return nil, false
}

// OutcomeUnknownError is the [ErrOutcomeUnknown] of a transaction ([TransactWrite], the
// commit of [RunInTransaction], an [Update.Idempotent] update): the response of an attempt
// was lost, so the transaction may have been applied, and the SDK's resends did not settle
// it. It comes inside an [*OpError] naming the operation; errors.As reaches it.
//
// Token is the client request token every attempt of the call carried: the caller's
// ([TxToken], [CommitToken], [Update.IdempotencyToken]) or, without one, the token the model
// made for the call. Sending the same actions again with that token within ten minutes
// settles the outcome: DynamoDB answers with the first result and applies nothing twice.
//
//	var unknown *model.OutcomeUnknownError
//	if errors.As(err, &unknown) {
//		err = model.TransactWrite(ctx, model.TxToken(unknown.Token), debit.Tx(), credit.Tx())
//	}
//
// It matches nothing else, neither the SDK's errors nor [ErrConditionFailed]: a loop that
// retries on conflicts or throttling with a new token must not retry it.
type OutcomeUnknownError struct {
	Token string
	Lost  error // the error of the attempt that may have been applied
	Err   error // the call's error, when a later attempt ended on another one; or nil
}

func (e *OutcomeUnknownError) Error() string {
	s := fmt.Sprintf("%v; the same actions sent again with the same token (%q) within ten minutes settle it", ErrOutcomeUnknown, e.Token)
	if e.Err != nil {
		return fmt.Sprintf("%s (first lost: %v; then: %v)", s, e.Lost, e.Err)
	}
	return fmt.Sprintf("%s (%v)", s, e.Lost)
}

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// transactionUnknown is the error of a transaction sent with token whose outcome is unknown
// (see transactionLost): lost is the error of the attempt that may have been applied, err
// the call's error (the SDK's, in an *OpError of op or not). Neither is wrapped, so that the
// error matches nothing but ErrOutcomeUnknown: a caller's loop that retries on throttling
// or conflicts must not resend it under a new token.
func transactionUnknown(op, table, token string, lost error, earlier bool, err error) error {
	if oe, ok := err.(*OpError); ok && oe.Op == op {
		err = oe.Err
	}
	if !earlier {
		lost, err = err, nil
	}
	return &OpError{Op: op, Table: table, Err: &OutcomeUnknownError{Token: token, Lost: lost, Err: err}}
}
