package schema

import (
	"errors"
	"reflect"

	"github.com/dynamodel/dynamodel/attr"
)

// ErrEmptySet is the cause of the refusal (rule "type") of an item that holds an empty string,
// number or binary set: DynamoDB stores no empty sets, and leaving the attribute out quietly
// would store something else than the item says. Leave the attribute out (a nil slice), or tag
// the field omitempty (or nullempty) to ask for that.
var ErrEmptySet = errors.New("schema: an empty set cannot be stored")

// emptySetStep refuses an empty set held by the set attribute a (see ErrEmptySet). It is
// compiled only for sets that are not tagged omitempty or nullempty.
func (w *writer) emptySetStep(a *attribute, n *node, path attr.Path) {
	if n.kind == kindStruct && !a.virtual {
		// The field is read in place: no boxing on the way of every put.
		if f, ok := n.field(a); ok && emptyCollection(f) {
			w.fail(path, a, "type", f.Interface(), ErrEmptySet)
		}
		return
	}
	if v, ok := n.get(a); ok && emptyCollection(reflect.ValueOf(v)) {
		w.fail(path, a, "type", v, ErrEmptySet)
	}
}

// emptyCollection reports whether rv holds a slice, array or map of length 0 that is not nil
// (a nil one is absent).
func emptyCollection(rv reflect.Value) bool {
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return false
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Map:
		return !rv.IsNil() && rv.Len() == 0
	case reflect.Array:
		return rv.Len() == 0
	}
	return false
}
