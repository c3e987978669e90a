package tablesync

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dynamodel/dynamodel/internal/awserr"
)

var (
	// ErrRefused is wrapped by the *RefusedError that [Apply] and [Sync] return for a plan with
	// changes DynamoDB cannot make in place.
	ErrRefused = errors.New("tablesync: change refused")
	// ErrDrift is wrapped by the *DriftError that [Sync] returns in [Verify] mode when the live
	// tables differ from the definitions.
	ErrDrift = errors.New("tablesync: tables differ from their definitions")
	// ErrNotActive is wrapped by the error of [WaitForActive] when a table is being deleted or
	// cannot become ACTIVE, and when the wait times out; and by the error of [Apply] when a
	// time to live being disabled is still DISABLING at the timeout.
	ErrNotActive = errors.New("tablesync: table not active")
	// ErrNoTable is wrapped by the error of [Describe] when the table does not exist.
	ErrNoTable = errors.New("tablesync: table does not exist")
)

// Error is a request to DynamoDB that failed. It wraps the SDK's error unchanged.
type Error struct {
	Table string
	Op    string // the API operation, e.g. "UpdateTable"
	Step  *Step  // the step being applied, if any
	Err   error
}

// Error formats the failure on one line, without the secrets a server may echo (the session
// token) or an endpoint's password.
func (e *Error) Error() string {
	if e.Step != nil {
		return awserr.Redact(fmt.Sprintf("tablesync: %s: %s: %s: %v", e.Table, stepTitle(*e.Step), e.Op, e.Err))
	}
	return awserr.Redact(fmt.Sprintf("tablesync: %s: %s: %v", e.Table, e.Op, e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// RefusedError lists the changes DynamoDB cannot make in place and what to do instead.
type RefusedError struct {
	Steps []Step
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	b.WriteString("tablesync: refused to apply a plan with changes DynamoDB cannot make in place")
	for _, s := range e.Steps {
		fmt.Fprintf(&b, "; %s: %s: %s. %s", s.Table, s.Action, s.Change, s.Why)
	}
	return b.String()
}

// Unwrap returns [ErrRefused].
func (e *RefusedError) Unwrap() error { return ErrRefused }

// DriftError is the drift [Sync] found in [Verify] mode: the plan that would remove it.
type DriftError struct {
	Changes *Changes
}

func (e *DriftError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tablesync: %d difference(s) between the tables and their definitions", len(e.Changes.Steps))
	for _, s := range e.Changes.Steps {
		fmt.Fprintf(&b, "; %s: %s: %s", s.Table, stepTitle(s), s.Change)
	}
	return b.String()
}

// Unwrap returns [ErrDrift].
func (e *DriftError) Unwrap() error { return ErrDrift }

// unsupported reports whether err says the server does not implement the operation (DynamoDB
// Local on tagging, dynalite on time to live).
func unsupported(err error) bool {
	code, ok := awserr.Code(err)
	if !ok {
		return false
	}
	switch code {
	case "UnknownOperationException", "NotImplemented", "NotImplementedException":
		return true
	}
	return false
}

// ignoresTableClass reports whether err answers an UpdateTable that sets only the table class
// by saying there is nothing to update: the server does not know table classes (DynamoDB
// Local, dynalite).
func ignoresTableClass(err error) bool {
	if !awserr.Is(err, awserr.Validation) {
		return false
	}
	var api interface{ ErrorMessage() string }
	if !errors.As(err, &api) {
		return false
	}
	msg := api.ErrorMessage()
	return strings.HasPrefix(msg, "Nothing to update") || strings.HasPrefix(msg, "At least one of ")
}

// reason says why an operation is unsupported, for a plan's notes.
func reason(err error) string {
	code, _ := awserr.Code(err)
	return "the server does not support it (" + code + ")"
}

func stepTitle(s Step) string {
	if s.Index != "" {
		return fmt.Sprintf("%s %s", s.Action, s.Index)
	}
	return string(s.Action)
}
