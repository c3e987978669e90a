package schema

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// node is one container of attribute values the pipelines work on: a struct (through
// reflection, by the fields' indexes), a map item, or a single struct-typed value (for a SET
// of a whole nested value). It is a concrete type, kept on the stack, so walking an item
// allocates nothing of its own.
type node struct {
	kind  nodeKind
	v     reflect.Value  // kindStruct: the addressable struct; kindValue: the value itself
	m     map[string]any // kindMap
	extra map[string]any // kindStruct at the item's level: values of attributes without a field
	// shared is set while v is still the caller's struct item, which the pipeline only
	// reads: the first write moves the node to a copy (see writable), so that a put whose
	// steps change nothing copies nothing.
	shared *core
}

type nodeKind uint8

const (
	kindStruct nodeKind = iota
	kindMap
	kindValue
)

func structNode(v reflect.Value) node { return node{kind: kindStruct, v: v} }
func mapNode(m map[string]any) node   { return node{kind: kindMap, m: m} }

// field returns the struct field of a (or the value of a kindValue node); ok is false for
// map nodes, attributes without a field, and fields behind nil embedded pointers.
func (n *node) field(a *attribute) (reflect.Value, bool) {
	switch n.kind {
	case kindValue:
		return n.v, true
	case kindStruct:
		if a.virtual {
			return reflect.Value{}, false
		}
		if len(a.index) == 1 {
			return n.v.Field(a.index[0]), true
		}
		f, err := n.v.FieldByIndexErr(a.index)
		return f, err == nil
	}
	return reflect.Value{}, false
}

// has reports whether a is present, without boxing its value.
func (n *node) has(a *attribute) bool {
	if n.kind == kindMap && a.nullPresent {
		_, ok := n.m[a.name] // nil is NULL, a value of its own
		return ok
	}
	if n.kind == kindMap || a.virtual && n.kind == kindStruct {
		_, ok := n.get(a)
		return ok
	}
	f, ok := n.field(a)
	return ok && !f.IsZero()
}

func (n *node) get(a *attribute) (any, bool) {
	switch {
	case n.kind == kindMap:
		v, ok := n.m[a.name]
		return v, ok && v != nil
	case n.kind == kindStruct && a.virtual:
		v, ok := n.extra[a.name]
		return v, ok && v != nil
	}
	f, ok := n.field(a)
	if !ok || f.IsZero() {
		return nil, false
	}
	return f.Interface(), true
}

func (n *node) set(a *attribute, x any) error {
	switch {
	case n.kind == kindMap:
		if x == nil {
			delete(n.m, a.name)
		} else {
			n.m[a.name] = x
		}
		return nil
	case n.kind == kindStruct && a.virtual:
		if n.extra == nil {
			n.extra = make(map[string]any, 4)
		}
		n.extra[a.name] = x
		return nil
	case n.kind == kindValue:
		return assign(n.v, x)
	}
	n.writable()
	return assign(fieldForSet(n.v, a.index), x)
}

// writable makes the struct item of n the pipeline's own before a write to it: a node still
// on the caller's item (shared) moves to a copy, with the containers that write steps
// change copied too (see own). Every write to a struct node's fields goes through it, or
// through a node derived from one that went through it (descend makes its node writable
// before a phase that writes); it does nothing on nodes the pipeline owns.
func (n *node) writable() {
	s := n.shared
	if s == nil {
		return
	}
	n.shared = nil
	n.v = reflect.ValueOf(s.clone(n.v.Addr().Interface())).Elem()
	own(s.root, n, false)
}

// setTime stores a time without boxing it when the field is a time.Time.
func (n *node) setTime(a *attribute, t time.Time) {
	if n.kind == kindStruct && !a.virtual && a.goType == timeType {
		n.writable()
		f := fieldForSet(n.v, a.index)
		*(f.Addr().Interface().(*time.Time)) = t
		return
	}
	_ = n.set(a, t)
}

// assign stores x into the settable value f, wrapping it in a pointer or dereferencing it
// where that is all it takes.
func assign(f reflect.Value, x any) error {
	if x == nil {
		f.SetZero()
		return nil
	}
	rv := reflect.ValueOf(x)
	ft := f.Type()
	switch {
	case rv.Type().AssignableTo(ft):
		f.Set(rv)
	case ft.Kind() == reflect.Pointer && rv.Type().AssignableTo(ft.Elem()):
		p := reflect.New(ft.Elem())
		p.Elem().Set(rv)
		f.Set(p)
	case rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Type().Elem().AssignableTo(ft):
		f.Set(rv.Elem())
	default:
		return fmt.Errorf("got %T, want %v", x, ft)
	}
	return nil
}

// fieldForSet returns the field at index, copying the structs that embedded pointers on the
// way lead to, so that a write never reaches the caller's values.
func fieldForSet(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			p := reflect.New(v.Type().Elem())
			if !v.IsNil() {
				p.Elem().Set(v.Elem())
			}
			v.Set(p)
			v = p.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// children calls fn for each container held by attribute a in n: the struct or map it holds,
// or each element of its list (i is the element's position, -1 for a single container).
func children(n *node, a *attribute, fn func(c *node, i int)) {
	if n.kind == kindMap {
		switch v := n.m[a.name].(type) {
		case map[string]any:
			c := mapNode(v)
			fn(&c, -1)
		case []any:
			for i, e := range v {
				if m, ok := e.(map[string]any); ok {
					c := mapNode(m)
					fn(&c, i)
				}
			}
		case []map[string]any:
			for i, m := range v {
				c := mapNode(m)
				fn(&c, i)
			}
		}
		return
	}
	f, ok := n.field(a)
	if !ok {
		return
	}
	eachStruct(f, func(c reflect.Value, i int) {
		cn := structNode(c)
		fn(&cn, i)
	})
}

// eachStruct calls fn for the structs f holds: itself, what it points to, or its elements.
func eachStruct(f reflect.Value, fn func(c reflect.Value, i int)) {
	switch f.Kind() {
	case reflect.Struct:
		fn(f, -1)
	case reflect.Pointer:
		if !f.IsNil() && f.Elem().Kind() == reflect.Struct {
			fn(f.Elem(), -1)
		}
	case reflect.Slice, reflect.Array:
		for i := range f.Len() {
			e := f.Index(i)
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					continue
				}
				e = e.Elem()
			}
			if e.Kind() == reflect.Struct {
				fn(e, i)
			}
		}
	}
}

// own makes the containers inside n that write steps will change copies of the caller's, so
// the pipeline never changes the caller's item. Nested structs held by value are already
// part of the copied item; pointers, slices and maps are copied. With all, every container
// of nested attributes is copied, for item setters, which may change anything.
func own(l *level, n *node, all bool) {
	attrs := l.nested
	if all {
		attrs = l.attrs
	}
	for _, a := range attrs {
		sub := a.sub()
		if sub == nil || !a.writes && !all {
			continue
		}
		if n.kind != kindMap {
			f, ok := n.field(a)
			if !ok {
				continue
			}
			ownValue(f)
			eachStruct(f, func(c reflect.Value, _ int) {
				cn := structNode(c)
				own(sub, &cn, all)
			})
			continue
		}
		switch v := n.m[a.name].(type) {
		case map[string]any:
			c := maps.Clone(v)
			n.m[a.name] = c
			cn := mapNode(c)
			own(sub, &cn, all)
		case []any:
			c := make([]any, len(v))
			for i, e := range v {
				if m, ok := e.(map[string]any); ok {
					m = maps.Clone(m)
					cn := mapNode(m)
					own(sub, &cn, all)
					c[i] = m
				} else {
					c[i] = e
				}
			}
			n.m[a.name] = c
		case []map[string]any:
			c := make([]map[string]any, len(v))
			for i, m := range v {
				c[i] = maps.Clone(m)
				cn := mapNode(c[i])
				own(sub, &cn, all)
			}
			n.m[a.name] = c
		}
	}
}

// ownValue replaces a pointer or a slice in f by a copy (and the structs a slice points to).
func ownValue(f reflect.Value) {
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return
		}
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(f.Elem())
		f.Set(p)
	case reflect.Slice:
		if f.IsNil() {
			return
		}
		c := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
		reflect.Copy(c, f)
		if f.Type().Elem().Kind() == reflect.Pointer {
			for i := range c.Len() {
				ownValue(c.Index(i))
			}
		}
		f.Set(c)
	}
}

// transforms reports whether a has set transforms: a Setter, trim, lowercase or uppercase.
func (a *attribute) transforms() bool { return a.setter != nil || a.trim || a.lower || a.upper }

// accepts checks that v can be stored as attribute a: for struct fields, that it is of the
// field's type; for map items and interface fields, that it encodes to the attribute's
// DynamoDB type. Nil is accepted (it is absent).
func (a *attribute) accepts(v any) error {
	if v == nil || a.anyType {
		return nil
	}
	if a.goType != nil && a.goType.Kind() != reflect.Interface {
		if a.fitsType(reflect.TypeOf(v)) {
			return nil
		}
		return fmt.Errorf("got %T, want %v", v, a.goType)
	}
	if a.date {
		switch t := v.(type) {
		case time.Time:
			return nil
		case *time.Time:
			if t != nil {
				return nil
			}
		}
		return fmt.Errorf("got %T, want time.Time", v)
	}
	if a.child != nil {
		if _, ok := v.(map[string]any); !ok {
			return fmt.Errorf("got %T, want map[string]any", v)
		}
		return nil
	}
	if a.elem != nil {
		var elems []any
		switch v := v.(type) {
		case []any:
			elems = v
		case []map[string]any:
			if a.elem.child != nil {
				return nil
			}
			for _, m := range v {
				elems = append(elems, m)
			}
		default:
			return fmt.Errorf("got %T, want []any", v)
		}
		for i, e := range elems {
			if err := a.elem.accepts(e); err != nil {
				return atElement(i, e, err)
			}
		}
		return nil
	}
	if a.typ == attr.NULL {
		return fmt.Errorf("got %T, want nil (NULL)", v)
	}
	if a.dates {
		if _, ok := v.([]time.Time); !ok {
			return fmt.Errorf("got %T, want []time.Time (a set of dates)", v)
		}
	}
	av, err := attr.MarshalWith(v, a.opts)
	if err != nil {
		return err
	}
	if av == nil {
		return nil
	}
	if got := attr.TypeOf(av); got != a.typ {
		return fmt.Errorf("got %T, stored as %v; want %v", v, got, a.typ)
	}
	return nil
}

// elementError is the refusal of an element of a list value: sub is the element's path below
// the list ("[0]", "[0][2]"), value the element, err the cause. The failure is reported at the
// element's path (people[0]), not the list's (see elementAt).
type elementError struct {
	sub   string
	value any
	err   error
}

func (e *elementError) Error() string { return "element " + e.sub + ": " + e.err.Error() }
func (e *elementError) Unwrap() error { return e.err }

// atElement makes err, the refusal of element e at position i of a list, an *elementError.
func atElement(i int, e any, err error) error {
	sub := "[" + strconv.Itoa(i) + "]"
	if inner, ok := err.(*elementError); ok {
		return &elementError{sub: sub + inner.sub, value: inner.value, err: inner.err}
	}
	return &elementError{sub: sub, value: e, err: err}
}

// elementAt returns the path, value and cause of the refusal err of value v at path p: the
// element's when err refuses an element of a list (people[0]), else p, v and err.
func elementAt(p string, v any, err error) (string, any, error) {
	if e, ok := err.(*elementError); ok {
		return p + e.sub, e.value, e.err
	}
	return p, v, err
}
