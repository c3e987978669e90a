package attr

import (
	"errors"
	"reflect"
	"strconv"
)

// Sentinel errors, wrapped by *Error; test for them with errors.Is.
var (
	// ErrType: the attribute's DynamoDB type does not fit the Go type.
	ErrType = errors.New("type mismatch")
	// ErrRange: a value does not fit the Go type: a number too large, a fraction for an
	// integer, more bytes or elements than an array holds; or a value does not fit DynamoDB:
	// NaN or an infinity, values nested past 32 levels (a cycle through pointers).
	ErrRange = errors.New("value out of range")
	// ErrSyntax: text that should be a number or a time is not one.
	ErrSyntax = errors.New("invalid syntax")
	// ErrDuplicate: a Go slice stored as a set holds the same value twice.
	ErrDuplicate = errors.New("duplicate value in set")
	// ErrUnsupported: the Go type has no DynamoDB mapping (chan, func, complex, unsafe.Pointer,
	// maps whose keys are not strings or integers).
	ErrUnsupported = errors.New("unsupported type")
	// ErrTag: a struct tag cannot be understood (an unknown option, a conflict).
	ErrTag = errors.New("invalid struct tag")
	// ErrUTF8: text to be stored (a string, a map key, a set member) is not valid UTF-8.
	// DynamoDB's strings are Unicode, and the bad bytes would be replaced with U+FFFD on the
	// way, so two different Go strings could be stored as one value; bytes belong in a
	// binary attribute ([]byte).
	ErrUTF8 = errors.New("invalid UTF-8")
)

// Error is a failure to encode or decode one value. It names the attribute path
// (awards[1].year, empty for the value as a whole), the Go type and the DynamoDB type involved,
// and wraps the cause: one of the sentinels above, or an error of a custom marshaler.
type Error struct {
	Op         string       // "marshal", "unmarshal", or "compile" for problems of the Go type itself
	Path       string       // the attribute's document path, e.g. awards[1].year
	GoType     reflect.Type // the Go type being encoded or decoded into; nil when unknown
	DynamoType Type         // the DynamoDB type met (unmarshal) or wanted (marshal); Invalid when unknown
	Err        error
}

// Error formats the failure on one line:
// attr: unmarshal "awards[1].year": S into int: type mismatch.
func (e *Error) Error() string {
	msg := "attr: " + e.Op
	if e.Path != "" {
		msg += " " + strconv.Quote(e.Path)
	}
	switch {
	case e.GoType != nil && e.DynamoType != Invalid && e.Op == "unmarshal":
		msg += ": " + e.DynamoType.String() + " into " + e.GoType.String()
	case e.GoType != nil && e.DynamoType != Invalid:
		msg += ": " + e.GoType.String() + " as " + e.DynamoType.String()
	case e.GoType != nil:
		msg += ": " + e.GoType.String()
	case e.DynamoType != Invalid:
		msg += ": " + e.DynamoType.String()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// because wraps a sentinel with a detail, on one line: "value out of range: 300 does not fit".
func because(sentinel error, detail string) error { return &detailError{sentinel, detail} }

type detailError struct {
	sentinel error
	detail   string
}

func (e *detailError) Error() string { return e.sentinel.Error() + ": " + e.detail }
func (e *detailError) Unwrap() error { return e.sentinel }

func marshalError(t reflect.Type, dt Type, err error) *Error {
	return &Error{Op: "marshal", GoType: t, DynamoType: dt, Err: err}
}

func unmarshalError(t reflect.Type, dt Type, err error) *Error {
	return &Error{Op: "unmarshal", GoType: t, DynamoType: dt, Err: err}
}

// atKey and atIndex prefix the path of err (an *Error, or any error from a custom marshaler,
// which is then wrapped) with a map key or a list index.
func atKey(err error, op string, name string) error {
	var e *Error
	if errors.As(err, &e) {
		e.Path = prependKey(e.Path, name)
		return e
	}
	return &Error{Op: op, Path: name, Err: err}
}

func atIndex(err error, op string, i int) error {
	var e *Error
	if errors.As(err, &e) {
		e.Path = prependIndex(e.Path, i)
		return e
	}
	return &Error{Op: op, Path: prependIndex("", i), Err: err}
}
