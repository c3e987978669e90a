package model

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/internal/awserr"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// MaxTransactionActions is the most actions one transaction may hold.
const MaxTransactionActions = 100

// WriteAction is one action of [TransactWrite], made by [Model.TxPut], [Model.TxCreate],
// [Model.TxDelete], [Model.TxCheck] or [Update.Tx]. Nothing is checked or sent until
// TransactWrite runs.
type WriteAction struct {
	op    string
	table string
	db    DB
	keys  []string
	build func(ctx context.Context) (types.TransactWriteItem, map[string]types.AttributeValue, error)
	after func(ctx context.Context) error
	token *string // set by TxToken only: not an action but the transaction's token
}

// MaxClientRequestToken is the longest client request token DynamoDB accepts.
const MaxClientRequestToken = 36

// TxToken gives [TransactWrite] the transaction's client request token, which makes the
// transaction idempotent: for ten minutes after it completes, DynamoDB applies a transaction
// with the same token and the same actions at most once, and answers a resend with the first
// call's result; a resend with the same token and other actions fails with an
// IdempotentParameterMismatchException. Give it among the actions, once; it is not an action
// and is not counted as one:
//
//	err := model.TransactWrite(ctx, model.TxToken(requestID), a1, a2)
//
// Without it the model makes a random token for the call, which the SDK's resends reuse and
// which an [*OutcomeUnknownError] reports: that makes the SDK's resends safe, but not a
// caller's retry of a failed call in general: to retry a transaction safely, build the same
// actions and pass the same token again, within ten minutes. The token must hold 1 to 36
// characters (checked before anything is sent, as an *InputError).
func TxToken(token string) WriteAction {
	return WriteAction{op: "token", token: &token}
}

// newToken returns a client request token unique to one request, in the form the SDK gives
// the tokens it makes: a random (version 4) UUID, 36 characters.
func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// checkToken refuses a client request token DynamoDB would refuse.
func checkToken(op, token string) error {
	if n := len([]rune(token)); n < 1 || n > MaxClientRequestToken {
		return inputError(op, "client request token %q has %d characters; DynamoDB takes 1 to %d", token, n, MaxClientRequestToken)
	}
	return nil
}

// TxPut is a put in a transaction, as [Model.Put] (with version checks under WithVersion).
// Options: [If] (a transaction returns no items, so ReturnOld and ReturnStored do not
// apply).
func (m *Model[T]) TxPut(item *T, opts ...IfOption) WriteAction {
	return m.txPut("put", item, callOf(opts))
}

// TxCreate is a create in a transaction, as [Model.Create]. Options: [If].
func (m *Model[T]) TxCreate(item *T, opts ...IfOption) WriteAction {
	return m.txPut("create", item, callOf(opts))
}

func (m *Model[T]) txPut(op string, item *T, c call) WriteAction {
	return WriteAction{op: op, table: m.table, db: m.db, keys: m.keys,
		build: func(ctx context.Context) (types.TransactWriteItem, map[string]types.AttributeValue, error) {
			in, _, _, err := m.putRequest(ctx, op, item, c)
			if err != nil {
				return types.TransactWriteItem{}, nil, err
			}
			return types.TransactWriteItem{Put: &types.Put{
				TableName: in.TableName, Item: in.Item, ConditionExpression: in.ConditionExpression,
				ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
			}}, in.Item, nil
		},
		after: func(ctx context.Context) error { return m.runHooks(ctx, hooks.OnAfterPut, item) },
	}
}

// TxDelete is a delete in a transaction, as [Model.Delete]. Options: [If].
func (m *Model[T]) TxDelete(key Key, opts ...IfOption) WriteAction {
	return m.txDelete(key, callOf(opts))
}

func (m *Model[T]) txDelete(key Key, c call) WriteAction {
	var keyItem *T
	return WriteAction{op: "delete", table: m.table, db: m.db, keys: m.keys,
		build: func(ctx context.Context) (types.TransactWriteItem, map[string]types.AttributeValue, error) {
			in, _, ki, err := m.deleteRequest(ctx, key, c)
			if err != nil {
				return types.TransactWriteItem{}, nil, err
			}
			keyItem = ki
			return types.TransactWriteItem{Delete: &types.Delete{
				TableName: in.TableName, Key: in.Key, ConditionExpression: in.ConditionExpression,
				ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
			}}, in.Key, nil
		},
		after: func(ctx context.Context) error { return m.runHooks(ctx, hooks.OnAfterDelete, keyItem) },
	}
}

// TxCheck is a condition check in a transaction: the transaction fails unless the item with
// key meets cond. Nothing is written to that item.
func (m *Model[T]) TxCheck(key Key, cond Condition) WriteAction {
	return WriteAction{op: "check", table: m.table, db: m.db, keys: m.keys,
		build: func(context.Context) (types.TransactWriteItem, map[string]types.AttributeValue, error) {
			k, err := m.key(key)
			if err != nil {
				return types.TransactWriteItem{}, nil, err
			}
			if cond.IsZero() {
				return types.TransactWriteItem{}, nil, inputError("check", "no condition")
			}
			var b expr.Builder
			ce, err := m.condition(&b, And(cond, m.entity.guard()))
			if err != nil {
				return types.TransactWriteItem{}, nil, err
			}
			return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
				TableName: aws.String(m.table), Key: k, ConditionExpression: ce,
				ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
			}}, k, nil
		},
	}
}

// Tx is the update as an action of a transaction. Return does not apply: transactions
// return no items. When the schema hides expired items, an update of a key whose item has
// expired cancels the transaction (ErrConditionFailed): the expired item cannot be deleted
// first within it, as [Update.Exec] does.
func (u Update[T]) Tx() WriteAction {
	m := u.m
	var keyItem *T
	return WriteAction{op: "update", table: m.table, db: m.db, keys: m.keys,
		build: func(ctx context.Context) (types.TransactWriteItem, map[string]types.AttributeValue, error) {
			in, ki, err := u.request(ctx)
			if err != nil {
				return types.TransactWriteItem{}, nil, err
			}
			keyItem = ki
			return types.TransactWriteItem{Update: &types.Update{
				TableName: in.TableName, Key: in.Key, UpdateExpression: in.UpdateExpression, ConditionExpression: in.ConditionExpression,
				ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues,
			}}, in.Key, nil
		},
		after: func(ctx context.Context) error { return m.runHooks(ctx, hooks.OnAfterUpdate, keyItem) },
	}
}

// TransactWrite runs actions as one transaction, on the client of their models: all of them
// happen, or none. A [TxToken] among the actions sets the transaction's client request
// token, to make a caller's retry safe. In a unit of work ([RunInTransaction]) the actions
// join the unit's transaction instead.
//
// Every action is built and checked before anything is sent: a refused action is reported
// with its position, as are more than 100 actions and two actions on one item, which
// DynamoDB refuses, and two actions on models bound to different clients (another account,
// region or endpoint; see [DB]), which one request cannot hold: that *InputError matches
// [ErrDifferentClients]. When DynamoDB cancels the transaction, the error is a
// *TransactionError whose *ActionError values (errors.As) give the position, operation and
// reason of each action that failed; a failed condition also matches ErrConditionFailed.
// When the transaction may have been applied although the call failed (a response was lost
// and the SDK's resends did not settle it), the error matches [ErrOutcomeUnknown] and holds
// an [*OutcomeUnknownError] with the token sent (the [TxToken], or the one the model made):
// send the same actions again with TxToken of that token within ten minutes to settle it.
//
// It calls [TransactWriteItems].
//
// [TransactWriteItems]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
func TransactWrite(ctx context.Context, actions ...WriteAction) error {
	const op = "transact write"
	if f := unitOf(ctx); f != nil {
		return f.record(ctx, actions...)
	}
	token, built, err := buildWrite(ctx, actions)
	if err != nil {
		return err
	}
	if token == nil {
		return commitWrite(ctx, op, newToken(), built)
	}
	return commitWrite(ctx, op, *token, built)
}

// buildWrite builds and checks the actions of a transaction (running their Before hooks):
// it returns the token of a TxToken among them and the other actions, built.
func buildWrite(ctx context.Context, actions []WriteAction) (token *string, built []builtAction, err error) {
	const op = "transact write"
	if i := slices.IndexFunc(actions, isToken); i >= 0 {
		token = actions[i].token
		if err := checkToken(op, *token); err != nil {
			return nil, nil, err
		}
		n := len(actions)
		actions = slices.DeleteFunc(slices.Clone(actions), isToken)
		if n-len(actions) > 1 {
			return nil, nil, inputError(op, "%d TxToken options; a transaction has one token", n-len(actions))
		}
	}
	if len(actions) > MaxTransactionActions {
		return nil, nil, inputError(op, "%d actions; a transaction holds at most %d", len(actions), MaxTransactionActions)
	}
	if built, err = buildActions(ctx, actions, true); err != nil {
		return nil, nil, err
	}
	if err := oneActionPerItem(op, "", built, nil); err != nil {
		return nil, nil, err
	}
	return token, built, nil
}

func isToken(a WriteAction) bool { return a.token != nil }

// buildActions builds the actions of one call that joins a transaction (TransactWrite, or a
// write in a unit of work), in order, running their before hooks. It refuses none given, the
// zero WriteAction and actions on models of different clients (ErrDifferentClients), before
// building any, and returns the error of an action that cannot be built: when positions is
// set, an *InputError that names the action by its position.
func buildActions(ctx context.Context, actions []WriteAction, positions bool) ([]builtAction, error) {
	const op = "transact write"
	if len(actions) == 0 {
		return nil, inputError(op, "no actions")
	}
	if i := slices.IndexFunc(actions, func(a WriteAction) bool { return a.build == nil }); i >= 0 {
		return nil, inputError(op, "action %d is the zero WriteAction", i)
	}
	if j := otherClient(actions[0].db, len(actions), func(i int) DB { return actions[i].db }); j >= 0 {
		return nil, differentClients(op, "", actionName(0, actions[0].op, actions[0].table), actionName(j, actions[j].op, actions[j].table))
	}
	built := make([]builtAction, len(actions))
	for i, a := range actions {
		b, err := a.built(ctx)
		if err != nil {
			if positions {
				err = &InputError{Op: op, Err: fmt.Errorf("%s: %w", actionName(i, a.op, a.table), err)}
			}
			return nil, err
		}
		b.name = actionName(i, a.op, a.table)
		built[i] = b
	}
	return built, nil
}

// oneActionPerItem refuses an action of built on the item of an earlier action, in built or
// recorded before it (earlier finds those; nil: none), as DynamoDB allows one action per
// item in a transaction: an *InputError of op (empty: the operation of the action refused)
// whose message starts with what.
func oneActionPerItem(op, what string, built []builtAction, earlier func(item string) (builtAction, bool)) error {
	for i, b := range built {
		other, ok := builtAction{}, false
		if earlier != nil {
			other, ok = earlier(b.item)
		}
		if j := slices.IndexFunc(built[:i], func(o builtAction) bool { return o.item == b.item }); !ok && j >= 0 {
			other, ok = built[j], true
		}
		if !ok {
			continue
		}
		if op == "" {
			op = b.op
		}
		return inputError(op, "%s%s and %s are on the same item (%s); DynamoDB allows one action per item in a transaction",
			what, other.name, b.name, keyText(b.key))
	}
	return nil
}

// builtAction is a WriteAction built and checked, ready to send.
type builtAction struct {
	WriteAction
	request types.TransactWriteItem
	key     map[string]types.AttributeValue // the key attributes of the item written
	item    string                          // the table and key, to find two actions on one item
	label   string                          // where the action was recorded, in a unit of work:
	source  string                          // WithLabel's label and the file:line of the call
	name    string                          // the action in an error: its position, or its call in a unit of work
}

// built runs the action's build: its pipeline and before hooks.
func (a WriteAction) built(ctx context.Context) (builtAction, error) {
	req, av, err := a.build(ctx)
	if err != nil {
		return builtAction{}, err
	}
	key := make(map[string]types.AttributeValue, len(a.keys))
	for _, k := range a.keys {
		key[k] = av[k]
	}
	return builtAction{WriteAction: a, request: req, key: key, item: a.table + "\x00" + keyString(av, a.keys)}, nil
}

// commitWrite sends actions as one TransactWriteItems with token, through the client of
// their models (buildActions and a unit of work refuse actions on models of different
// clients), maps a cancellation back to the actions, and runs their after hooks once the
// transaction succeeded. When the transaction may have been applied although the
// call failed (see transactionLost), the error is an *OutcomeUnknownError with the token,
// which the caller needs to settle it: so the model always sends a token it knows, never
// leaving the SDK to make one the caller would not see.
func commitWrite(ctx context.Context, op, token string, actions []builtAction) error {
	if err := sendCommit(ctx, op, token, actions); err != nil {
		return err
	}
	return afterWrite(ctx, actions)
}

// sendCommit is commitWrite without the after hooks: its error is always the send's.
func sendCommit(ctx context.Context, op, token string, actions []builtAction) error {
	lost, earlier, err := sendWrite(ctx, op, &token, actions)
	if err != nil && lost != nil {
		return transactionUnknown(op, tablesOf(actionOf(actions), len(actions)), token, lost, earlier, err)
	}
	return err
}

// sendWrite sends actions as one TransactWriteItems with token, once (with the SDK's own
// resends). err is the call's error, a *TransactionError for a cancellation, with the label
// and source of each action that failed; lost is the error of an attempt that may have been
// applied although the call failed, and earlier whether it came before the last attempt
// (see transactionLost). Nothing is made of lost here: an idempotent update sends again on
// a conflict, with the same token, which settles it.
func sendWrite(ctx context.Context, op string, token *string, actions []builtAction) (lost error, earlier bool, err error) {
	var tries attempts
	_, err = actions[0].db.TransactWriteItems(ctx, writeInput(token, actions), tries.option)
	if err == nil {
		return nil, false, nil
	}
	lost, earlier = tries.transactionLost(err)
	err = transactionError(op, err, actionOf(actions), len(actions))
	if te, ok := err.(*TransactionError); ok {
		for _, ae := range te.Actions {
			if ae.Index < len(actions) {
				ae.Label, ae.Source = actions[ae.Index].label, actions[ae.Index].source
			}
		}
	}
	return lost, earlier, err
}

// afterWrite runs the after hooks of the actions of a transaction that succeeded, in order.
func afterWrite(ctx context.Context, actions []builtAction) error {
	for _, a := range actions {
		if a.after != nil {
			if err := a.after(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// actionOf returns the operation and table of actions[i], for transactionError.
func actionOf(actions []builtAction) func(int) (string, string) {
	return func(i int) (string, string) { return actions[i].op, actions[i].table }
}

// writeInput is the request of the built actions of a transaction, with its token.
func writeInput(token *string, actions []builtAction) *dynamodb.TransactWriteItemsInput {
	items := make([]types.TransactWriteItem, len(actions))
	for i, a := range actions {
		items[i] = a.request
	}
	return &dynamodb.TransactWriteItemsInput{TransactItems: items, ClientRequestToken: token}
}

// inTransaction refuses the options of a call that a transaction cannot honour: it returns
// no items.
func inTransaction(op string, c call) error {
	switch {
	case c.oldDst != nil:
		return inputError(op, "option ReturnOld does not apply in a transaction")
	case c.storedDst != nil:
		return inputError(op, "option ReturnStored does not apply in a transaction")
	}
	return nil
}

// transactionError maps a cancellation back to the actions that failed.
func transactionError(op string, err error, action func(int) (string, string), n int) error {
	reasons, ok := awserr.Cancellations(err)
	if !ok {
		return &OpError{Op: op, Table: tablesOf(action, n), Err: err}
	}
	te := &TransactionError{Op: op, Err: err}
	for _, r := range reasons {
		ae := &ActionError{Index: r.Index, Code: r.Code, Message: r.Message}
		if r.Index < n {
			ae.Op, ae.Table = action(r.Index)
		}
		te.Actions = append(te.Actions, ae)
	}
	return te
}

// cancelledByConflict reports whether err is a cancellation of a TransactWriteItems due
// only to other transactions using its items: a TransactionConflict reason, and no other
// reason than None beside it. Nothing of such a transaction was applied.
func cancelledByConflict(err error) bool {
	te, ok := err.(*TransactionError)
	if !ok {
		return false
	}
	conflict := false
	for _, a := range te.Actions {
		switch a.Code {
		case "TransactionConflict":
			conflict = true
		case "None", "":
		default:
			return false
		}
	}
	return conflict
}

// tablesOf names the tables of a transaction for an *OpError: the table when there is one.
func tablesOf(action func(int) (string, string), n int) string {
	_, first := action(0)
	for i := 1; i < n; i++ {
		if _, t := action(i); t != first {
			return "(several tables)"
		}
	}
	return first
}

// GetAction is one read of [TransactGet], made by [Model.TxGet].
type GetAction struct {
	table  string
	db     DB
	build  func(ctx context.Context) (types.TransactGetItem, error)
	decode func(ctx context.Context, item map[string]types.AttributeValue) (bool, error)
}

// TxGet reads the item with key into dst in a transaction. Hooks run as for [Model.Get]:
// BeforeGet before the transaction is sent, AfterLoad and AfterGet on the item found.
// Transactions read consistently and TxGet takes no options; to read some attributes only,
// use [Model.TxGetPartial] (dst would miss the attributes not read, and Put of it would
// delete them).
func (m *Model[T]) TxGet(key Key, dst *T) GetAction {
	return m.txGet(key, dst == nil, call{}, func(v T, _ map[string]types.AttributeValue) { *dst = v })
}

// TxGetPartial is [Model.TxGet] for a read with [Project]: the item found comes into dst as
// a [Partial], which Put does not take. Write changes with [Model.Update]. Options:
// [Project].
func (m *Model[T]) TxGetPartial(key Key, dst *Partial[T], opts ...ProjectOption) GetAction {
	return m.txGet(key, dst == nil, callOf(opts), func(v T, raw map[string]types.AttributeValue) {
		*dst = Partial[T]{Item: v, Read: readNames(raw)}
	})
}

// txGet is TxGet and TxGetPartial: set stores the item found in the destination. The read
// is the one Get builds (key, projection, BeforeGet hooks), as a transaction's action.
func (m *Model[T]) txGet(key Key, nilDst bool, c call, set func(T, map[string]types.AttributeValue)) GetAction {
	return GetAction{table: m.table, db: m.db,
		build: func(ctx context.Context) (types.TransactGetItem, error) {
			if nilDst {
				return types.TransactGetItem{}, inputError("get", "nil destination")
			}
			in, err := m.getRequest(ctx, key, c)
			if err != nil {
				return types.TransactGetItem{}, err
			}
			return types.TransactGetItem{Get: &types.Get{TableName: in.TableName, Key: in.Key,
				ProjectionExpression: in.ProjectionExpression, ExpressionAttributeNames: in.ExpressionAttributeNames}}, nil
		},
		decode: func(ctx context.Context, item map[string]types.AttributeValue) (bool, error) {
			var v T
			ok, err := m.load(ctx, item, &v)
			if err != nil || !ok {
				return false, err
			}
			if err := m.runHooks(ctx, hooks.OnAfterGet, &v); err != nil {
				return false, err
			}
			set(v, item)
			return true, nil
		},
	}
}

// TransactGet reads items as one transaction (a consistent snapshot), on the client of their
// models: actions on models bound to different clients (see [DB]) are refused before
// anything is sent, with an *InputError that names two of them and matches
// [ErrDifferentClients]. found[i] tells whether actions[i] found its item (and filled its
// destination); a missing or hidden expired item leaves its destination as it was.
//
// It calls [TransactGetItems].
//
// [TransactGetItems]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
func TransactGet(ctx context.Context, actions ...GetAction) (found []bool, err error) {
	const op = "transact get"
	in, err := transactGetInput(ctx, actions)
	if err != nil {
		return nil, err
	}
	out, err := actions[0].db.TransactGetItems(ctx, in)
	if err != nil {
		return nil, transactionError(op, err, func(i int) (string, string) { return "get", actions[i].table }, len(actions))
	}
	if len(out.Responses) != len(actions) {
		return nil, &OpError{Op: op, Table: actions[0].table, Err: errors.New("response count differs from the request's")}
	}
	found = make([]bool, len(actions))
	for i, r := range out.Responses {
		if r.Item == nil {
			continue
		}
		if found[i], err = actions[i].decode(ctx, r.Item); err != nil {
			return found, err
		}
	}
	return found, nil
}

// transactGetInput checks the actions of a transaction of reads, builds them (running their
// BeforeGet hooks) and returns its request. The zero GetAction and actions on models of
// different clients are refused before any action is built.
func transactGetInput(ctx context.Context, actions []GetAction) (*dynamodb.TransactGetItemsInput, error) {
	const op = "transact get"
	if len(actions) == 0 {
		return nil, inputError(op, "no actions")
	}
	if len(actions) > MaxTransactionActions {
		return nil, inputError(op, "%d actions; a transaction holds at most %d", len(actions), MaxTransactionActions)
	}
	if i := slices.IndexFunc(actions, func(a GetAction) bool { return a.build == nil }); i >= 0 {
		return nil, inputError(op, "action %d is the zero GetAction", i)
	}
	if j := otherClient(actions[0].db, len(actions), func(i int) DB { return actions[i].db }); j >= 0 {
		return nil, differentClients(op, "", actionName(0, "get", actions[0].table), actionName(j, "get", actions[j].table))
	}
	items := make([]types.TransactGetItem, len(actions))
	for i, a := range actions {
		var err error
		if items[i], err = a.build(ctx); err != nil {
			return nil, &InputError{Op: op, Err: fmt.Errorf("%s: %w", actionName(i, "get", a.table), err)}
		}
	}
	return &dynamodb.TransactGetItemsInput{TransactItems: items}, nil
}
