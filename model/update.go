package model

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/internal/awserr"
	"github.com/dynamodel/dynamodel/internal/expr"
	"github.com/dynamodel/dynamodel/schema"
)

// Returns chooses what an update returns.
type Returns uint8

const (
	ReturnAllNew     Returns = iota // the whole item after the update (the default)
	ReturnNone                      // nothing: Exec returns the zero T
	ReturnAllOld                    // the whole item before the update (zero T if it did not exist)
	ReturnUpdatedNew                // only the updated attributes, after the update
	ReturnUpdatedOld                // only the updated attributes, before the update
)

var returnValues = [...]types.ReturnValue{
	ReturnAllNew:     types.ReturnValueAllNew,
	ReturnNone:       types.ReturnValueNone,
	ReturnAllOld:     types.ReturnValueAllOld,
	ReturnUpdatedNew: types.ReturnValueUpdatedNew,
	ReturnUpdatedOld: types.ReturnValueUpdatedOld,
}

type updateKind uint8

const (
	uSet updateKind = iota
	uSetIfNotExists
	uAppend
	uPrepend
	uAdd
	uDecrement
	uRemove
	uDelete
)

type updateOp struct {
	kind  updateKind
	path  string
	value any
}

// Update is an update of one item, built step by step: each method returns a new Update and
// leaves the receiver as it was, so a partial update can be reused. Paths are document
// paths with the names of the schema ("address.city", "items[2].qty"). Nothing is checked or
// sent until [Update.Exec]; then every change is validated by the schema for its operator
// (SET values through type check, set transforms, validators and enum; ADD and DELETE type
// checked; REMOVE of a required attribute and changes of key attributes refused), updatedAt
// is set, and all problems are reported together.
//
// An update of a key with no item creates it, as in DynamoDB and Dynamoose; use
// [Update.MustExist] to refuse that. When the schema hides expired items, an expired item
// counts as no item, as it does for Get: the update replaces it with a new item holding
// the key and the update's changes (the expired item is deleted first, with a second
// request); in a transaction, where that cannot be done, the update fails with
// ErrConditionFailed instead.
type Update[T any] struct {
	m         *Model[T]
	key       Key
	ops       []updateOp
	cond      Condition
	mustExist bool
	returns   Returns
	returnSet bool
	version   *big.Int
	idem      bool    // Idempotent or IdempotencyToken: sent as a transaction with a token
	token     *string // IdempotencyToken's; nil for a new token on each Exec
}

// Update starts an update of the item with key.
func (m *Model[T]) Update(key Key) Update[T] { return Update[T]{m: m, key: key} }

func (u Update[T]) with(op updateOp) Update[T] {
	u.ops = append(u.ops[:len(u.ops):len(u.ops)], op)
	return u
}

// Set sets the attribute at path to v.
func (u Update[T]) Set(path string, v any) Update[T] { return u.with(updateOp{uSet, path, v}) }

// SetIfNotExists sets the attribute at path to v only when the item lacks it. A source of a
// combined attribute or of a template key is refused: the computed value could not follow
// the value the item keeps.
func (u Update[T]) SetIfNotExists(path string, v any) Update[T] {
	return u.with(updateOp{uSetIfNotExists, path, v})
}

// Append adds the elements of the list elems at the end of the list at path (an absent
// list counts as empty).
// The elements are checked as the list's elements (see [schema.UpdateAppend]); a list with a
// check or setter of the whole list (a validate rule such as max=3, a Setter) is refused
// before sending, since the resulting list is not known: Set the whole list instead. A
// ForceDefault list is set to its default instead, as by every update.
func (u Update[T]) Append(path string, elems any) Update[T] {
	return u.with(updateOp{uAppend, path, elems})
}

// Prepend adds the elements of the list elems at the start of the list at path (an absent
// list counts as empty).
// The elements are checked as the list's elements (see [schema.UpdateAppend]); a list with a
// check or setter of the whole list (a validate rule such as max=3, a Setter) is refused
// before sending, since the resulting list is not known: Set the whole list instead. A
// ForceDefault list is set to its default instead, as by every update.
func (u Update[T]) Prepend(path string, elems any) Update[T] {
	return u.with(updateOp{uPrepend, path, elems})
}

// Add adds v to the number at path, or the elements of the set v to the set at path; an
// absent attribute counts as 0 or the empty set.
func (u Update[T]) Add(path string, v any) Update[T] { return u.with(updateOp{uAdd, path, v}) }

// Increment adds n to the number at path, atomically; an absent number counts as 0. It is an
// atomic counter: concurrent increments are all counted.
func (u Update[T]) Increment(path string, n any) Update[T] { return u.Add(path, n) }

// Decrement subtracts n from the number at path, atomically; an absent number counts as 0.
// A ForceDefault number is set to its default instead, as by every update.
func (u Update[T]) Decrement(path string, n any) Update[T] {
	return u.with(updateOp{uDecrement, path, n})
}

// Remove removes the attributes at paths: whole attributes, map keys or list elements.
func (u Update[T]) Remove(paths ...string) Update[T] {
	for _, p := range paths {
		u = u.with(updateOp{kind: uRemove, path: p})
	}
	return u
}

// Delete removes the elements of the set elems from the set at path.
func (u Update[T]) Delete(path string, elems any) Update[T] {
	return u.with(updateOp{uDelete, path, elems})
}

// If adds a condition the stored item must meet (ANDed with earlier ones); when it does not,
// Exec fails with an error matching ErrConditionFailed.
func (u Update[T]) If(cond Condition) Update[T] {
	u.cond = And(u.cond, cond)
	return u
}

// IfVersion makes the update fail with ErrConditionFailed unless the stored item has version
// v (0: no item with the key exists), for a model with [WithVersion]. Every update of such a
// model stores the next version, with or without IfVersion: an update without IfVersion
// gives an item stored without a version its first one.
func (u Update[T]) IfVersion(v int64) Update[T] {
	u.version = big.NewInt(v)
	return u
}

// MustExist makes the update fail with ErrConditionFailed when no item has the key (or,
// when the schema hides expired items, only an expired one), instead of creating one.
func (u Update[T]) MustExist() Update[T] {
	u.mustExist = true
	return u
}

// Return chooses what Exec returns (by default the whole updated item).
func (u Update[T]) Return(r Returns) Update[T] {
	u.returns, u.returnSet = r, true
	return u
}

// Idempotent makes Exec apply the update at most once however often the SDK resends it:
// the update is sent as a transaction of one action (TransactWriteItems) with a client
// request token made for the call, which DynamoDB deduplicates, and which the SDK's retries
// resend unchanged. Use it for changes that a resend would apply twice: Increment,
// Decrement, Add, Append, Prepend. A retry of your own after Exec returned an error gets a
// new token and is not deduplicated: use [Update.IdempotencyToken] for that. When the update
// may have been applied although Exec failed (a response was lost and the resends did not
// settle it), the error matches [ErrOutcomeUnknown] and holds an [*OutcomeUnknownError]
// with the token sent (IdempotencyToken's, or the one made for the call): an Exec of the
// same update with IdempotencyToken of that token within ten minutes settles it.
//
// The cost: a transaction consumes twice the write capacity of an UpdateItem and takes a
// little longer; Exec returns the zero T (transactions return no item, so [Update.Return]
// other than ReturnNone is refused); concurrent transactions on the item may conflict, which
// Exec retries with backoff and the same token; under HideExpired, an update of an expired
// item fails with ErrConditionFailed as in [Update.Tx]. Servers without transactions (such
// as dynalite) refuse it.
func (u Update[T]) Idempotent() Update[T] {
	u.idem, u.token = true, nil
	return u
}

// IdempotencyToken is [Update.Idempotent] with the caller's token (1 to 36 characters):
// within ten minutes of the first Exec that completes with it, an Exec of the same update
// with the same token is not applied again, so a caller may retry after an error. The same
// token with a different update fails with an IdempotentParameterMismatchException; after ten
// minutes the token is forgotten.
func (u Update[T]) IdempotencyToken(token string) Update[T] {
	u.idem, u.token = true, &token
	return u
}

// Exec validates the update, sends it, and returns the item as [Update.Return] chose. In a
// unit of work ([RunInTransaction]) it is recorded, not sent, and returns the zero T.
//
// It calls [UpdateItem].
//
// [UpdateItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
func (u Update[T]) Exec(ctx context.Context) (T, error) {
	var item T
	if f := unitOf(ctx); f != nil {
		return item, u.record(ctx, f)
	}
	if u.idem {
		return item, u.execIdempotent(ctx)
	}
	in, keyItem, err := u.request(ctx)
	if err != nil {
		return item, err
	}
	m := u.m
	out, err := m.updateItem(ctx, in, u.mustExist)
	if err != nil {
		return item, err
	}
	after := keyItem
	if out.Attributes != nil {
		ok, err := m.load(ctx, out.Attributes, &item)
		if err != nil {
			return item, err
		}
		if ok {
			after = &item
		}
	}
	if err := m.runHooks(ctx, hooks.OnAfterUpdate, after); err != nil {
		return item, err
	}
	return item, nil
}

// request returns the request of the update, after the BeforeUpdate hooks, with the item of
// the key the hooks got (nil without update hooks).
func (u Update[T]) request(ctx context.Context) (*dynamodb.UpdateItemInput, *T, error) {
	in, err := u.input()
	if err != nil {
		return nil, nil, err
	}
	m := u.m
	var keyItem *T
	if m.hooks.Has(hooks.OnBeforeUpdate) || m.hooks.Has(hooks.OnAfterUpdate) {
		keyItem = m.keyItem(in.Key)
	}
	if err := m.runHooks(ctx, hooks.OnBeforeUpdate, keyItem); err != nil {
		return nil, nil, err
	}
	return in, keyItem, nil
}

// execIdempotent sends the update as a transaction of one action with a client request
// token, retrying conflicts with other transactions on the item with the same token.
func (u Update[T]) execIdempotent(ctx context.Context) error {
	const op = "update"
	m := u.m
	if u.returnSet && u.returns != ReturnNone {
		return inputError(op, "Return does not apply to an idempotent update: a transaction returns no item")
	}
	token := newToken()
	if u.token != nil {
		if err := checkToken(op, *u.token); err != nil {
			return err
		}
		token = *u.token
	}
	b, err := u.Tx().built(ctx)
	if err != nil {
		return err
	}
	actions := []builtAction{b}
	wait := newBackoff(idempotentRetryBase, idempotentRetryMax, idempotentRetries)
	var lost error // an attempt that may have been applied, of this send or an earlier one
	var earlier bool
	lostAt := 0
	for sends := 0; ; sends++ {
		l, e, err := sendWrite(ctx, op, &token, actions)
		if err == nil {
			break
		}
		if lost == nil && l != nil {
			lost, earlier, lostAt = l, e, sends
		}
		if transactionConflict(err) && wait.wait(ctx) == nil {
			continue // with the same token: if the lost attempt was applied, this settles it
		}
		var te *TransactionError
		if lost != nil && !errors.As(err, &te) {
			return transactionUnknown(op, m.table, token, lost, earlier || lostAt < sends, err)
		}
		return err
	}
	return afterWrite(ctx, actions)
}

// The retries of an idempotent update that conflicts with other transactions on its item.
const (
	idempotentRetryBase = 20 * time.Millisecond
	idempotentRetryMax  = time.Second
	idempotentRetries   = 10
)

// transactionConflict reports whether a transaction failed only because another
// transaction, or an earlier attempt with the same token, was using its items.
func transactionConflict(err error) bool {
	var inProgress *types.TransactionInProgressException
	return errors.As(err, &inProgress) || cancelledByConflict(err)
}

// updateItem sends an update. Under HideExpired an update requires a live item (or none,
// unless mustExist): without MustExist, when the stored item has expired, the expired item
// is deleted and the update sent again, so that it creates the item as it would for a key
// with no item, instead of changing an item no read returns.
func (m *Model[T]) updateItem(ctx context.Context, in *dynamodb.UpdateItemInput, mustExist bool) (*dynamodb.UpdateItemOutput, error) {
	retry := m.view.HidesExpired() && !mustExist
	out, err := m.sendUpdate(ctx, in)
	if err == nil || !retry || !awserr.Is(err, awserr.ConditionFailed) {
		return out, err
	}
	var failed *types.ConditionalCheckFailedException
	if !errors.As(err, &failed) {
		return out, err
	}
	old := failed.Item
	if old == nil {
		// A server that does not return the item with a failed condition (dynalite, for
		// one): read it, to tell an expired item from the caller's own condition failing.
		got, gerr := m.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: in.TableName, Key: in.Key, ConsistentRead: aws.Bool(true)})
		if gerr != nil {
			return nil, opError("update", m.table, gerr)
		}
		if old = got.Item; old == nil {
			return out, err
		}
	}
	if stored, ok := m.entity.own(old); !ok || !m.view.Expired(stored) {
		return out, err // the item is live: the caller's condition failed
	}
	var b expr.Builder
	ce, cerr := m.condition(&b, And(expiredOnly(m.view), m.entity.filter()))
	if cerr != nil {
		return nil, cerr
	}
	_, derr := m.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: in.TableName, Key: in.Key, ConditionExpression: ce,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
	})
	if derr != nil && !awserr.Is(derr, awserr.ConditionFailed) {
		return nil, opError("update", m.table, derr)
	}
	// Deleted, or changed meanwhile by another writer: the update's condition decides again.
	return m.sendUpdate(ctx, in)
}

// sendUpdate sends in, its error an *OpError. When its condition failed after an attempt
// whose response was lost, the error is ErrOutcomeUnknown (and not ErrConditionFailed): the
// lost attempt may have been applied; an update's new item is not known, and another writer
// that read the same version would store the same one.
func (m *Model[T]) sendUpdate(ctx context.Context, in *dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
	tries, record := recordAttempts(in.ConditionExpression)
	out, err := m.db.UpdateItem(ctx, in, record...)
	if lost, ok := conditionAfterLost(tries, err); ok {
		return nil, unknownOutcome("update", m.table, lost, err)
	}
	return out, opError("update", m.table, err)
}

// update builds the update expression's actions: the schema validates and encodes the
// changes, then each becomes the action its method asked for.
func (u Update[T]) update() (expr.Update, error) {
	m := u.m
	changes := make([]schema.Change, len(u.ops))
	for i, op := range u.ops {
		c := schema.Change{Path: op.path, Value: op.value}
		switch op.kind {
		case uSetIfNotExists:
			c.Op = schema.UpdateSetIfAbsent
		case uSet:
			c.Op = schema.UpdateSet
		case uAppend, uPrepend:
			c.Op = schema.UpdateAppend
		case uAdd, uDecrement:
			c.Op = schema.UpdateAdd
		case uRemove:
			c.Op = schema.UpdateRemove
		case uDelete:
			c.Op = schema.UpdateDelete
		}
		changes[i] = c
	}
	var up expr.Update
	if len(changes) == 0 {
		return up, inputError("update", "no changes")
	}
	if e := m.entity; e.attr != "" {
		for _, c := range changes {
			if p, err := m.enc().path(c.Path); err == nil && len(p) > 0 && p[0].Name == e.attr {
				return up, inputError("update", "%s: the entity attribute is written by the model", c.Path)
			}
		}
	}
	actions, err := m.s.Update(changes)
	if err != nil {
		return up, err
	}
	emptyList := expr.Value(&types.AttributeValueMemberL{Value: []types.AttributeValue{}})
	var nothing []string // the paths of appends of no elements, which change nothing
	for i, a := range actions {
		// actions[i] is changes[i]'s, that is u.ops[i]'s (Schema.Update's contract); the
		// actions after them are the ones the schema adds.
		kind := updateKind(255)
		if i < len(u.ops) {
			kind = u.ops[i].kind
		}
		if a.Default {
			kind = uSet // the schema set the default in place of the change given
		}
		switch {
		case a.IfAbsent:
			up = up.Set(a.Path, expr.IfNotExists(a.Path, expr.Value(a.Value)))
		case kind == uAppend || kind == uPrepend:
			l, ok := a.Value.(*types.AttributeValueMemberL)
			if !ok {
				return up, inputError("update", "Append or Prepend of %s: the attribute is not a list", a.Path)
			}
			if len(l.Value) == 0 {
				// The list stays as it is; sent, list_append(if_not_exists(path, []), [])
				// would store an empty list where the item has none, which a put leaves out.
				nothing = append(nothing, a.Path.String())
				continue
			}
			current := expr.IfNotExists(a.Path, emptyList)
			if kind == uAppend {
				up = up.Set(a.Path, expr.ListAppend(current, expr.Value(a.Value)))
			} else {
				up = up.Set(a.Path, expr.ListAppend(expr.Value(a.Value), current))
			}
		case kind == uDecrement:
			n, ok := a.Value.(*types.AttributeValueMemberN)
			if !ok {
				return up, inputError("update", "Decrement of %s: the attribute is not a number", a.Path)
			}
			up = up.Add(a.Path, &types.AttributeValueMemberN{Value: negate(n.Value)})
		case a.Op == schema.UpdateSet:
			up = up.Set(a.Path, expr.Value(a.Value))
		case a.Op == schema.UpdateAdd:
			up = up.Add(a.Path, a.Value)
		case a.Op == schema.UpdateDelete:
			up = up.Delete(a.Path, a.Value)
		case a.Op == schema.UpdateRemove:
			up = up.Remove(a.Path)
		}
	}
	if len(nothing) == len(u.ops) {
		// Every change was an append of no elements: the update changes nothing, and is
		// refused as an update without changes is (the timestamps alone would create an
		// item where none is).
		return up, inputError("update", "no changes: an Append or Prepend of no elements changes nothing (%s)", strings.Join(nothing, ", "))
	}
	if e := m.entity; e.attr != "" {
		// An update may create the item: it must be of the model's entity then too.
		up = up.Set(attr.Path{{Name: e.attr}}, expr.Value(e.value()))
	}
	return up, nil
}

// negate returns the decimal text of -n.
func negate(n string) string {
	switch {
	case strings.HasPrefix(n, "-"):
		return n[1:]
	case strings.HasPrefix(n, "+"):
		return "-" + n[1:]
	case strings.Trim(n, "0.") == "":
		return n
	}
	return "-" + n
}

func (u Update[T]) input() (*dynamodb.UpdateItemInput, error) {
	m := u.m
	if int(u.returns) >= len(returnValues) {
		return nil, inputError("update", "unknown Returns value %d", u.returns)
	}
	k, err := m.key(u.key)
	if err != nil {
		return nil, err
	}
	up, err := u.update()
	if err != nil {
		return nil, err
	}
	up = m.versionUpdate(up)
	var b expr.Builder
	ue, err := b.Update(up)
	if err != nil {
		return nil, &InputError{Op: "update", Err: err}
	}
	cond := And(u.cond, m.entity.guard())
	switch {
	case u.mustExist:
		// An expired item the schema hides does not exist either.
		cond = And(Where(m.keys[0]).Exists(), expiredFilter(m.view), cond)
	case m.view.HidesExpired():
		// No item, or a live one: an expired item is deleted first (see updateItem).
		cond = And(expiredFilter(m.view), cond)
	}
	if u.version != nil {
		if m.o.version == "" {
			return nil, inputError("update", "IfVersion needs a model with WithVersion")
		}
		cond = And(cond, m.versionIs(u.version))
	}
	ce, err := m.condition(&b, cond)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.UpdateItemInput{
		TableName: aws.String(m.table), Key: k, UpdateExpression: aws.String(ue), ConditionExpression: ce,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		ReturnValues: returnValues[u.returns],
	}
	if m.view.HidesExpired() && !u.mustExist {
		// A failed condition returns the stored item, to tell an expired item (which
		// updateItem deletes before sending the update again) from a live one.
		in.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	}
	return in, nil
}
