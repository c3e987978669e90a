package schema

import (
	"encoding"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// The 400 KB check of a struct item is made cheap with an upper bound of the item's size
// computed from the Go value, by a function compiled once per type: it reads string and
// byte lengths and counts every number, time and bool at their largest stored size, without
// walking the encoded item's maps. Only when the bound is over the limit (or cannot be given,
// for values only known at run time) is the exact size of the encoded item computed.

// boundFunc returns an upper bound of the size DynamoDB counts for the Go value v once
// encoded (see ItemSize); ok is false when it cannot tell cheaply. It reads v through
// reflection, with the field indexes and constant parts compiled for its type.
type boundFunc func(v reflect.Value) (n int, ok bool)

const (
	// scalarBound is at least the counted size of any number (N of up to 40 characters
	// counts 22 bytes), bool, NULL, and time (N, or RFC 3339 text of at most 35 characters).
	scalarBound = 40
	// maxBoundDepth stops the compilation of recursive types; their values are measured
	// exactly instead.
	maxBoundDepth = 12
)

var (
	marshalerType    = reflect.TypeFor[attr.Marshaler]()
	sdkMarshalerType = reflect.TypeFor[interface {
		MarshalDynamoDBAttributeValue() (types.AttributeValue, error)
	}]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	stringType        = reflect.TypeFor[string]()
	stringMapType     = reflect.TypeFor[map[string]string]()
	stringsType       = reflect.TypeFor[[]string]()
)

// encodesItself reports whether attr encodes a value of type t with the type's own method
// (attr.Marshaler, the SDK's Marshaler, encoding.TextMarshaler) rather than as its kind.
func encodesItself(t reflect.Type) bool {
	pt := reflect.PointerTo(t) // its method set holds t's
	return pt.Implements(marshalerType) || pt.Implements(sdkMarshalerType) || pt.Implements(textMarshalerType)
}

// sizeBound is a compiled bound: the constant n when f is nil, else f's answer.
type sizeBound struct {
	f boundFunc
	n int
}

func constBound(n int) sizeBound { return sizeBound{n: n} }

// at returns the bound of the value v.
func (b sizeBound) at(v reflect.Value) (int, bool) {
	if b.f == nil {
		return b.n, true
	}
	return b.f(v)
}

// boundFor compiles the bound of values of type t; ok is false when there is none (custom
// marshalers, interfaces, unknown-attribute fields, recursive types).
func boundFor(t reflect.Type, depth int) (b sizeBound, ok bool) {
	if depth > maxBoundDepth {
		return b, false
	}
	if t == timeType {
		return constBound(scalarBound), true
	}
	if encodesItself(t) {
		return b, false
	}
	switch t.Kind() {
	case reflect.String:
		// A string stored as N (attr.Number) counts fewer bytes than its length plus 2.
		return sizeBound{f: stringBound}, true
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return constBound(scalarBound), true
	case reflect.Pointer:
		elem, ok := boundFor(t.Elem(), depth+1)
		if !ok {
			return b, false
		}
		return sizeBound{f: func(v reflect.Value) (int, bool) {
			if v.IsNil() {
				return 1, true
			}
			return elem.at(v.Elem())
		}}, true
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return sizeBound{f: func(v reflect.Value) (int, bool) { return v.Len() + 1, true }}, true
		}
		elem, ok := boundFor(t.Elem(), depth+1)
		if !ok {
			return b, false
		}
		if t == stringsType {
			// A []string (a string set, or a list) is read as one, not element by element
			// through reflect.
			return sizeBound{f: stringsBound}, true
		}
		return sizeBound{f: func(v reflect.Value) (int, bool) { return sequenceBound(v, elem) }}, true
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return constBound(t.Len() + 1), true
		}
		elem, ok := boundFor(t.Elem(), depth+1)
		if !ok {
			return b, false
		}
		if elem.f == nil {
			return constBound(3 + t.Len()*(elem.n+1)), true
		}
		return sizeBound{f: func(v reflect.Value) (int, bool) { return sequenceBound(v, elem) }}, true
	case reflect.Map:
		if t.Key() != stringType || t.Elem() != stringType {
			// Iterating other maps through reflect allocates; they are measured exactly,
			// unless empty.
			return sizeBound{f: func(v reflect.Value) (int, bool) { return 3, v.Len() == 0 }}, true
		}
		return sizeBound{f: func(v reflect.Value) (int, bool) {
			if !v.CanInterface() {
				return 0, false // reached through an unexported embedded struct
			}
			if v.Type() != stringMapType {
				v = v.Convert(stringMapType)
			}
			n := 3
			for k, e := range v.Interface().(map[string]string) {
				if k == "" {
					return 0, false // refused by the check of names, which reports it
				}
				n += len(k) + len(e) + 3
			}
			return n, true
		}}, true
	case reflect.Struct:
		return structBound(t, depth)
	}
	return b, false
}

func stringBound(v reflect.Value) (int, bool) { return v.Len() + 2, true }

// stringsBound is the bound of a []string, sequenceBound of its strings' stringBound, read
// through a pointer to it (boxing the slice itself would allocate).
func stringsBound(v reflect.Value) (int, bool) {
	if !v.CanAddr() || !v.CanInterface() {
		return sequenceBound(v, sizeBound{f: stringBound})
	}
	n := 3
	for _, s := range *v.Addr().Interface().(*[]string) {
		n += len(s) + 2 + 1
	}
	return n, true
}

// sequenceBound is the bound of a list (or set): the slice or array v.
func sequenceBound(v reflect.Value, elem sizeBound) (int, bool) {
	n := v.Len()
	if elem.f == nil {
		return 3 + n*(elem.n+1), true
	}
	total := 3
	for i := range n {
		e, ok := elem.f(v.Index(i))
		if !ok {
			return 0, false
		}
		total += e + 1
	}
	return total, true
}

// structBound compiles the bound of a struct: the names and constant bounds of its fields
// are summed once, string fields are read directly, and only the others take a call.
func structBound(t reflect.Type, depth int) (sizeBound, bool) {
	fields, err := attr.Fields(t)
	if err != nil {
		return sizeBound{}, false
	}
	type field struct {
		index []int // the field's index; through embedded structs, the whole path
		bound sizeBound
	}
	base := 3
	var strs []int // indexes of string fields of t itself
	var fs []field
	for _, f := range fields {
		if f.Options.Unknown {
			return sizeBound{}, false
		}
		b, ok := boundFor(f.Type, depth+1)
		if !ok {
			return sizeBound{}, false
		}
		// A field behind a nil embedded pointer is absent; its name is counted anyway.
		base += len(f.Name) + 1
		switch {
		case b.f == nil:
			base += b.n
		case len(f.Index) == 1 && f.Type.Kind() == reflect.String:
			strs = append(strs, f.Index[0])
		default:
			fs = append(fs, field{index: f.Index, bound: b})
		}
	}
	if len(strs) == 0 && len(fs) == 0 {
		return constBound(base), true
	}
	return sizeBound{f: func(v reflect.Value) (int, bool) {
		n := base
		for _, i := range strs {
			n += v.Field(i).Len() + 2
		}
		for _, f := range fs {
			var fv reflect.Value
			if len(f.index) == 1 {
				fv = v.Field(f.index[0])
			} else if fv, err = v.FieldByIndexErr(f.index); err != nil {
				continue // behind a nil embedded pointer: absent
			}
			b, ok := f.bound.at(fv)
			if !ok {
				return 0, false
			}
			n += b
		}
		return n, true
	}}, true
}

// itemBound compiles the bound of a struct schema's items, counting what the pipeline adds
// beside the codec; nil when the schema's items are always measured exactly.
func (s *core) itemBound() boundFunc {
	if s.goType == nil || s.unknownField {
		return nil
	}
	for _, a := range s.root.attrs {
		if a.toDynamo != nil {
			return nil
		}
	}
	b, ok := boundFor(s.goType, 0)
	if !ok {
		return nil
	}
	if b.f == nil {
		return func(reflect.Value) (int, bool) { return b.n, true }
	}
	return b.f
}

// bounded computes the bound of the struct item in n once; ok is false when there is none.
// A bound also means that the item's maps hold no empty key (the only names of a struct
// item that can be empty), so the check of names has nothing to find.
func (w *writer) bounded(n *node) (size int, ok bool) {
	if w.boundDone {
		return w.boundSize, w.boundOK
	}
	w.boundDone = true
	s := w.s
	if s.bound == nil || n.kind != kindStruct || len(n.extra) > 0 {
		return 0, false
	}
	size, ok = s.bound(n.v)
	if !ok {
		return 0, false
	}
	for _, st := range w.stamps[:w.nstamps] {
		size += len(st.a.name) + scalarBound
	}
	w.boundSize, w.boundOK = size, true
	return size, true
}

// withinLimit reports whether the struct item in n, encoded, is certainly within
// MaxItemSize, from its bound.
func (w *writer) withinLimit(n *node) bool {
	size, ok := w.bounded(n)
	return ok && size <= MaxItemSize
}
