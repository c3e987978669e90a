package model

import (
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/awserr"
)

var (
	// ErrNotFound is returned by Get (and the item results of batch and transaction reads)
	// when no item has the key, or when the item has expired and the schema hides expired
	// items.
	ErrNotFound = errors.New("model: item not found")

	// ErrConditionFailed is matched with errors.Is when a write's condition was false: Create
	// of a key that exists, an update that requires an existing item, a failed optimistic
	// lock, or a condition the caller gave.
	ErrConditionFailed = errors.New("model: condition failed")

	// ErrBadCursor is returned for a page cursor that is malformed, was made for another
	// query, or fails its signature check.
	ErrBadCursor = errors.New("model: bad cursor")

	// ErrRetriesExhausted is matched with errors.Is on a *BatchError whose items DynamoDB
	// left unprocessed (or whose requests it throttled) through every retry the model allows
	// (see WithBatchRetries).
	ErrRetriesExhausted = errors.New("model: batch retries exhausted")

	// ErrKeyFilter is wrapped by the *InputError of a query that constrains a key attribute of
	// the table or index it reads with a condition the key condition cannot hold (<>, IN,
	// attribute_exists, NOT, OR, size, a second range condition): DynamoDB refuses such a
	// condition as a filter, so it is refused before sending, with the key and the reason.
	ErrKeyFilter = errors.New("model: condition on a key attribute that cannot be a key condition")
)

// ErrInvalidModel is wrapped by the *ConfigError of a model or table that cannot be made.
var ErrInvalidModel = errors.New("model: invalid model")

// ConfigError lists every problem [New] or [NewTable] found in their arguments and options,
// so that all of them can be fixed at once. It wraps [ErrInvalidModel], and
// [ErrDifferentClients] when NewTable's models are bound to different clients.
type ConfigError struct {
	Func     string // "New" or "NewTable"
	Table    string // the table name given to New; empty for NewTable
	Problems []string
	also     []error // sentinels some problems match, besides ErrInvalidModel
}

func (e *ConfigError) Error() string {
	if e.Func == "New" {
		return fmt.Sprintf("model: New(%q): %s", e.Table, strings.Join(e.Problems, "; "))
	}
	return "model: " + e.Func + ": " + strings.Join(e.Problems, "; ")
}

// Unwrap returns ErrInvalidModel, then the sentinels of particular problems
// (ErrDifferentClients).
func (e *ConfigError) Unwrap() []error { return append([]error{ErrInvalidModel}, e.also...) }

// OpError is the failure of an operation DynamoDB refused or that could not be sent. It
// wraps the SDK's error unchanged (errors.As reaches *types.ResourceNotFoundException and the
// like), and also [ErrConditionFailed] when a condition failed. Its message leaves out the
// secrets a server may echo (the session token) and an endpoint's password; the SDK's error
// it wraps is as the SDK wrote it.
type OpError struct {
	Op    string // the operation: "get", "put", "create", "update", "delete", "query", ...
	Table string // the stored table name, with prefix and suffix
	Err   error
}

func (e *OpError) Error() string {
	msg := fmt.Sprintf("model: %s %s: %v", e.Op, e.Table, e.Err)
	if awserr.Is(e.Err, awserr.NotFound) {
		msg += "; the table does not exist: create it with Client.Sync or tablesync.Sync at startup, or `dynamodel apply`"
	}
	return awserr.Redact(msg)
}

// NotFoundError is the [ErrNotFound] of a read of one key: the table and the key it read.
// errors.Is(err, ErrNotFound) matches it.
type NotFoundError struct {
	Table string // the stored table name, with prefix and suffix
	Key   string // the key, e.g. id="u1", sort=3
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("model: item not found: table %s, key %s", e.Table, e.Key)
}

// Is matches ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// notFound returns the NotFoundError of key in table.
func notFound(table string, key map[string]types.AttributeValue) error {
	names := slices.Sorted(maps.Keys(key))
	parts := make([]string, len(names))
	for i, n := range names {
		var v string
		switch x := key[n].(type) {
		case *types.AttributeValueMemberS:
			v = strconv.Quote(x.Value)
		case *types.AttributeValueMemberN:
			v = x.Value
		case *types.AttributeValueMemberB:
			v = "b64:" + base64.StdEncoding.EncodeToString(x.Value)
		default:
			v = "?"
		}
		parts[i] = n + "=" + v
	}
	return &NotFoundError{Table: table, Key: strings.Join(parts, ", ")}
}

// Unwrap returns the SDK's error and, when a condition failed, ErrConditionFailed.
func (e *OpError) Unwrap() []error {
	if awserr.Is(e.Err, awserr.ConditionFailed) {
		return []error{e.Err, ErrConditionFailed}
	}
	return []error{e.Err}
}

// ActionError is why one action of a cancelled transaction failed. Index is the action's
// position in the transaction, from 0.
type ActionError struct {
	Index   int
	Op      string // "put", "create", "update", "delete", "check" or "get"
	Table   string
	Code    string // DynamoDB's reason: ConditionalCheckFailed, TransactionConflict, ValidationError, ...
	Message string
	// In a unit of work ([RunInTransaction]): the label given with [WithLabel] to the call
	// that recorded the action (empty without one), and where that call was made, as
	// file:line (the file's base name).
	Label  string
	Source string
}

func (e *ActionError) Error() string {
	s := fmt.Sprintf("model: transaction %s: %s", e.action(), e.Code)
	if e.Message != "" {
		s += ": " + e.Message
	}
	return awserr.Redact(s)
}

// action names the action: `action 1 "debit" (update dev_accounts at repo.go:42)`.
func (e *ActionError) action() string {
	s := fmt.Sprintf("action %d", e.Index)
	if e.Label != "" {
		s += " " + strconv.Quote(e.Label)
	}
	s += " (" + e.Op + " " + e.Table
	if e.Source != "" {
		s += " at " + e.Source
	}
	return s + ")"
}

// Is matches ErrConditionFailed when the action's condition failed.
func (e *ActionError) Is(target error) bool {
	return target == ErrConditionFailed && e.Code == "ConditionalCheckFailed"
}

// TransactionError is a cancelled transaction: the actions that failed, each an
// [*ActionError] that errors.As reaches, and the SDK's error.
type TransactionError struct {
	Op      string // "transact write" or "transact get"
	Actions []*ActionError
	Err     error
}

func (e *TransactionError) Error() string {
	if len(e.Actions) == 0 {
		return "model: " + e.Op + " cancelled: " + awserr.RedactError(e.Err)
	}
	parts := make([]string, len(e.Actions))
	for i, a := range e.Actions {
		parts[i] = a.action() + ": " + a.Code
	}
	return "model: " + e.Op + " cancelled: " + strings.Join(parts, "; ")
}

// Unwrap returns the failed actions, then the SDK's error.
func (e *TransactionError) Unwrap() []error {
	errs := make([]error, 0, len(e.Actions)+1)
	for _, a := range e.Actions {
		errs = append(errs, a)
	}
	return append(errs, e.Err)
}

// BatchError reports the items a batch operation could not finish, by their position in the
// input, when the context ended, DynamoDB refused a request, or it kept leaving them
// unprocessed past the retry limit. The items not listed were done.
type BatchError struct {
	Op     string // "batch get", "batch put", "batch delete" or "batch write"
	Table  string
	Failed []int // positions in the input, in order
	// Err is why they were left: the context's error, the error of DynamoDB, or
	// ErrRetriesExhausted (joined with DynamoDB's last error when it was one).
	Err error
}

func (e *BatchError) Error() string {
	return awserr.Redact(fmt.Sprintf("model: %s %s: %d items not done: %v", e.Op, e.Table, len(e.Failed), e.Err))
}

func (e *BatchError) Unwrap() error { return e.Err }

// opError wraps err as an *OpError unless it is already one of the errors the model returns.
func opError(op, table string, err error) error {
	switch err.(type) {
	case nil:
		return nil
	case *OpError, *InputError, *TransactionError, *BatchError:
		return err
	}
	return &OpError{Op: op, Table: table, Err: err}
}
