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

// checkEmptySets refuses the empty sets of the item in n (see ErrEmptySet), at every level.
func (w *writer) checkEmptySets(l *level, n *node, path attr.Path) {
	for _, a := range l.attrs {
		if a.typ.IsSet() && !a.opts.OmitEmpty && !a.opts.NullEmpty {
			if n.kind == kindStruct && !a.virtual {
				// The field is read in place: no boxing on the way of every put.
				if f, ok := n.field(a); ok && emptyCollection(f) {
					w.fail(path, a, "type", f.Interface(), ErrEmptySet)
				}
			} else if v, ok := n.get(a); ok && emptyCollection(reflect.ValueOf(v)) {
				w.fail(path, a, "type", v, ErrEmptySet)
			}
			continue
		}
		if sub := a.sub(); sub != nil && holdsSets(sub, 0) {
			children(n, a, func(c *node, i int) {
				p := at(path, a)
				if i >= 0 {
					p = p.Index(i)
				}
				w.checkEmptySets(sub, c, p)
			})
		}
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

// holdsSets reports whether l or a level below it declares a set attribute.
func holdsSets(l *level, depth int) bool {
	if l == nil || depth > maxBoundDepth {
		return false
	}
	for _, a := range l.attrs {
		if a.typ.IsSet() || holdsSets(a.sub(), depth+1) {
			return true
		}
	}
	return false
}
