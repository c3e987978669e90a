package schema

import (
	"fmt"
	"maps"
	"reflect"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// node is one container of attribute values the pipelines work on: a struct (through
// reflection, by the fields' indexes) or a map item.
type node interface {
	get(a *attribute) (v any, present bool)
	set(a *attribute, v any) error
}

// structNode is an addressable struct value. extra holds the values of attributes without a
// field (timestamps, combined attributes); it is used for the item's own level only.
type structNode struct {
	v     reflect.Value
	extra map[string]any
}

func (n *structNode) get(a *attribute) (any, bool) {
	if a.virtual {
		v, ok := n.extra[a.name]
		return v, ok && v != nil
	}
	f, err := n.v.FieldByIndexErr(a.index)
	if err != nil || f.IsZero() {
		return nil, false
	}
	return f.Interface(), true
}

func (n *structNode) set(a *attribute, x any) error {
	if a.virtual {
		if n.extra == nil {
			n.extra = make(map[string]any, 4)
		}
		n.extra[a.name] = x
		return nil
	}
	f := fieldForSet(n.v, a.index)
	return assign(f, x)
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

// mapNode is a map item or a nested map.
type mapNode map[string]any

func (n mapNode) get(a *attribute) (any, bool) {
	v, ok := n[a.name]
	return v, ok && v != nil
}

func (n mapNode) set(a *attribute, x any) error {
	if x == nil {
		delete(n, a.name)
		return nil
	}
	n[a.name] = x
	return nil
}

// children calls fn for each container held by attribute a in n: the struct or map it holds,
// or each element of its list (i is the element's position, -1 for a single container).
func children(n node, a *attribute, fn func(c node, i int)) {
	switch n := n.(type) {
	case *structNode:
		if a.virtual {
			return
		}
		f, err := n.v.FieldByIndexErr(a.index)
		if err != nil {
			return
		}
		structChildren(f, fn)
	case *valueNode:
		structChildren(n.v, fn)
	case mapNode:
		switch v := n[a.name].(type) {
		case map[string]any:
			fn(mapNode(v), -1)
		case []any:
			for i, e := range v {
				if m, ok := e.(map[string]any); ok {
					fn(mapNode(m), i)
				}
			}
		case []map[string]any:
			for i, m := range v {
				fn(mapNode(m), i)
			}
		}
	}
}

func structChildren(f reflect.Value, fn func(c node, i int)) {
	switch f.Kind() {
	case reflect.Struct:
		fn(&structNode{v: f}, -1)
	case reflect.Pointer:
		if !f.IsNil() && f.Elem().Kind() == reflect.Struct {
			fn(&structNode{v: f.Elem()}, -1)
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
				fn(&structNode{v: e}, i)
			}
		}
	}
}

// own makes the containers inside n that write steps will change copies of the caller's, so
// the pipeline never changes the caller's item. Nested structs held by value are already
// part of the copied item; pointers, slices and maps are copied.
func own(l *level, n node) {
	for _, a := range l.nested {
		if !a.writes {
			continue
		}
		sub := a.sub()
		switch n := n.(type) {
		case *structNode:
			if a.virtual {
				continue
			}
			f, err := n.v.FieldByIndexErr(a.index)
			if err != nil {
				continue
			}
			ownValue(f)
			structChildren(f, func(c node, _ int) { own(sub, c) })
		case *valueNode:
			ownValue(n.v)
			structChildren(n.v, func(c node, _ int) { own(sub, c) })
		case mapNode:
			switch v := n[a.name].(type) {
			case map[string]any:
				c := maps.Clone(v)
				n[a.name] = c
				own(sub, mapNode(c))
			case []any:
				c := make([]any, len(v))
				for i, e := range v {
					if m, ok := e.(map[string]any); ok {
						m = maps.Clone(m)
						own(sub, mapNode(m))
						c[i] = m
					} else {
						c[i] = e
					}
				}
				n[a.name] = c
			case []map[string]any:
				c := make([]map[string]any, len(v))
				for i, m := range v {
					c[i] = maps.Clone(m)
					own(sub, mapNode(c[i]))
				}
				n[a.name] = c
			}
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
				return fmt.Errorf("element %d: %w", i, err)
			}
		}
		return nil
	}
	if a.typ == attr.NULL {
		return fmt.Errorf("got %T, want nil (NULL)", v)
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
