package hooks

import (
	"context"
	"errors"
	"strconv"
)

// The hook interfaces. A model's Go type implements any of them with a pointer receiver; the
// model calls the method on the item involved in the operation. Check an implementation at
// compile time with a blank assignment:
//
//	var _ hooks.BeforePut = (*User)(nil)
type (
	// BeforePut runs before an item is written by put or create. An error stops the write.
	BeforePut interface {
		BeforePut(ctx context.Context) error
	}
	// AfterPut runs after an item was written by put or create.
	AfterPut interface {
		AfterPut(ctx context.Context) error
	}
	// BeforeUpdate runs before an update is sent, on the item holding the key. An error stops
	// the update.
	BeforeUpdate interface {
		BeforeUpdate(ctx context.Context) error
	}
	// AfterUpdate runs after an update, on the item the update returned (or the key).
	AfterUpdate interface {
		AfterUpdate(ctx context.Context) error
	}
	// BeforeDelete runs before a delete is sent, on the item holding the key. An error stops
	// the delete.
	BeforeDelete interface {
		BeforeDelete(ctx context.Context) error
	}
	// AfterDelete runs after a delete, on the item holding the key.
	AfterDelete interface {
		AfterDelete(ctx context.Context) error
	}
	// BeforeGet runs before a get is sent, on the item holding the key. An error stops the get.
	BeforeGet interface {
		BeforeGet(ctx context.Context) error
	}
	// AfterGet runs after a get found an item, on that item.
	AfterGet interface {
		AfterGet(ctx context.Context) error
	}
	// AfterLoad runs on every item read from the table: by get, query, scan, batch get and
	// transactions, after the item was decoded.
	AfterLoad interface {
		AfterLoad(ctx context.Context) error
	}
)

// Event names the moment a hook runs at.
type Event uint8

// The events, one per hook interface.
const (
	OnBeforePut Event = iota + 1
	OnAfterPut
	OnBeforeUpdate
	OnAfterUpdate
	OnBeforeDelete
	OnAfterDelete
	OnBeforeGet
	OnAfterGet
	OnAfterLoad
)

var eventNames = [...]string{
	OnBeforePut:    "BeforePut",
	OnAfterPut:     "AfterPut",
	OnBeforeUpdate: "BeforeUpdate",
	OnAfterUpdate:  "AfterUpdate",
	OnBeforeDelete: "BeforeDelete",
	OnAfterDelete:  "AfterDelete",
	OnBeforeGet:    "BeforeGet",
	OnAfterGet:     "AfterGet",
	OnAfterLoad:    "AfterLoad",
}

// String returns the name of the hook interface for e, such as "BeforePut".
func (e Event) String() string {
	if int(e) < len(eventNames) && eventNames[e] != "" {
		return eventNames[e]
	}
	return "Event(" + strconv.Itoa(int(e)) + ")"
}

// Before reports whether e runs before its operation: an error from such a hook stops the
// operation with nothing sent.
func (e Event) Before() bool {
	return e == OnBeforePut || e == OnBeforeUpdate || e == OnBeforeDelete || e == OnBeforeGet
}

// ErrHook is wrapped by every *Error, so callers can tell a hook's refusal from other failures
// with errors.Is.
var ErrHook = errors.New("hooks: hook failed")

// Error is the failure of one hook. It wraps the hook's own error, which errors.Is and
// errors.As reach as well as ErrHook.
type Error struct {
	Event Event
	Err   error
}

func (e *Error) Error() string {
	return "hooks: " + e.Event.String() + ": " + e.Err.Error()
}

// Unwrap returns the hook's error and ErrHook.
func (e *Error) Unwrap() []error { return []error{e.Err, ErrHook} }

// Func is a hook registered on a model rather than written as a method. It receives the item
// the operation is about.
type Func[T any] func(ctx context.Context, item *T) error

// Set holds the hooks registered for the items of type T. The zero Set has none. A Set is a
// value: On returns a new Set and never changes the receiver, so a Set can be shared and
// extended safely.
type Set[T any] struct {
	funcs [len(eventNames)][]Func[T]
}

// On returns a copy of s with f added to the hooks of event e. Hooks of one event run in the
// order they were added, after the item's own method for that event.
func (s Set[T]) On(e Event, f Func[T]) Set[T] {
	if int(e) <= 0 || int(e) >= len(eventNames) || f == nil {
		return s
	}
	fs := s.funcs[e]
	s.funcs[e] = append(fs[:len(fs):len(fs)], f)
	return s
}

// Len returns the number of hooks registered for e, not counting methods of T.
func (s Set[T]) Len(e Event) int {
	if int(e) <= 0 || int(e) >= len(eventNames) {
		return 0
	}
	return len(s.funcs[e])
}

// Run runs the hooks of event e for item: first the item's own method (when *T implements the
// interface for e), then the registered hooks in order. It stops at the first error and
// returns it as an *Error. A nil item runs only the registered hooks, which receive nil.
func (s Set[T]) Run(ctx context.Context, e Event, item *T) error {
	if item != nil {
		if err := method(ctx, e, item); err != nil {
			return &Error{Event: e, Err: err}
		}
	}
	if int(e) <= 0 || int(e) >= len(eventNames) {
		return nil
	}
	for _, f := range s.funcs[e] {
		if err := f(ctx, item); err != nil {
			return &Error{Event: e, Err: err}
		}
	}
	return nil
}

// Has reports whether any hook runs for e: a method of *T or a registered one. A model can
// skip work (such as decoding the old item) when no hook needs it.
func (s Set[T]) Has(e Event) bool {
	return implements[T](e) || s.Len(e) > 0
}

// implements reports whether *T has the method of the hook interface for e.
func implements[T any](e Event) bool {
	var p any = (*T)(nil)
	switch e {
	case OnBeforePut:
		_, ok := p.(BeforePut)
		return ok
	case OnAfterPut:
		_, ok := p.(AfterPut)
		return ok
	case OnBeforeUpdate:
		_, ok := p.(BeforeUpdate)
		return ok
	case OnAfterUpdate:
		_, ok := p.(AfterUpdate)
		return ok
	case OnBeforeDelete:
		_, ok := p.(BeforeDelete)
		return ok
	case OnAfterDelete:
		_, ok := p.(AfterDelete)
		return ok
	case OnBeforeGet:
		_, ok := p.(BeforeGet)
		return ok
	case OnAfterGet:
		_, ok := p.(AfterGet)
		return ok
	case OnAfterLoad:
		_, ok := p.(AfterLoad)
		return ok
	}
	return false
}

func method(ctx context.Context, e Event, item any) error {
	switch e {
	case OnBeforePut:
		if h, ok := item.(BeforePut); ok {
			return h.BeforePut(ctx)
		}
	case OnAfterPut:
		if h, ok := item.(AfterPut); ok {
			return h.AfterPut(ctx)
		}
	case OnBeforeUpdate:
		if h, ok := item.(BeforeUpdate); ok {
			return h.BeforeUpdate(ctx)
		}
	case OnAfterUpdate:
		if h, ok := item.(AfterUpdate); ok {
			return h.AfterUpdate(ctx)
		}
	case OnBeforeDelete:
		if h, ok := item.(BeforeDelete); ok {
			return h.BeforeDelete(ctx)
		}
	case OnAfterDelete:
		if h, ok := item.(AfterDelete); ok {
			return h.AfterDelete(ctx)
		}
	case OnBeforeGet:
		if h, ok := item.(BeforeGet); ok {
			return h.BeforeGet(ctx)
		}
	case OnAfterGet:
		if h, ok := item.(AfterGet); ok {
			return h.AfterGet(ctx)
		}
	case OnAfterLoad:
		if h, ok := item.(AfterLoad); ok {
			return h.AfterLoad(ctx)
		}
	}
	return nil
}
