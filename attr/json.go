package attr

import (
	"errors"
	"strconv"
	"time"
	"unsafe"
)

// ErrNoJSON is returned by AppendJSON for an item that holds a value DynamoDB's JSON has no
// form for: an attribute value type the SDK does not define (from a type's own
// MarshalDynamo), or nesting deeper than DynamoDB allows.
var ErrNoJSON = errors.New("attr: the item holds a value with no DynamoDB JSON form")

// AppendJSON appends the item *v encodes to b in DynamoDB's JSON wire format, as a request
// carries it ({"id":{"S":"a"},"n":{"N":"1"}}): the item Marshal returns, with the same
// errors, written without building its map. The attributes come in field order; strings are
// escaped as the SDK's serializer escapes them. On error, b is returned as it was given.
func (c *Codec[T]) AppendJSON(b []byte, v *T) ([]byte, error) {
	if c.enc != nil && v != nil && c.enc.unknown == nil {
		out, err := c.enc.appendJSON(b, unsafe.Pointer(v))
		if err != nil {
			return b, err
		}
		return out, nil
	}
	m, err := c.Marshal(v)
	if err != nil {
		return b, err
	}
	out, ok := AppendItemJSON(b, m)
	if !ok {
		return b, ErrNoJSON
	}
	return out, nil
}

// appendJSON appends the struct at p as an item in DynamoDB's JSON form, the members its
// codecs cannot write as JSON taken from an arena over one block, as encodeItem takes them.
func (sp *structPlan) appendJSON(b []byte, p unsafe.Pointer) ([]byte, error) {
	lay := sp.layout()
	var a *arena
	if lay.needArena {
		var base unsafe.Pointer
		if lay.blk.typ != nil {
			base = lay.blk.alloc()
		}
		a = lay.blk.arena(base, &lay.skip)
		defer a.release()
	}
	return sp.appendFields(b, p, a)
}

// appendFields appends the fields of the struct at p as a JSON object of attribute values.
func (sp *structPlan) appendFields(b []byte, p unsafe.Pointer, a *arena) ([]byte, error) {
	b = append(b, '{')
	first := true
	for i := range sp.fields {
		f := &sp.fields[i]
		if f.op != opGeneric && !f.omit && !f.null {
			b = jsonKey(b, f.name, &first)
			var err error
			if b, err = appendOp(b, f.op, unsafe.Add(p, f.off)); err != nil {
				return b, atKey(err, "marshal", f.name)
			}
			continue
		}
		var err error
		if b, err = f.appendJSON(b, p, a, &first); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendJSON appends one field of the struct at p as a member, applying its empty-value
// policy as value does.
func (f *fieldPlan) appendJSON(b []byte, p unsafe.Pointer, a *arena, first *bool) ([]byte, error) {
	fp := unsafe.Add(p, f.off)
	if f.embeds != nil {
		if fp = f.fieldPointer(p, false); fp == nil {
			return f.appendNull(b, first), nil
		}
	}
	if (f.omit || f.null) && f.c.empty(fp) {
		return f.appendNull(b, first), nil
	}
	mark, wasFirst := len(b), *first
	b, present, err := f.c.appendJSON(jsonKey(b, f.name, first), fp, a)
	if err != nil {
		return b, atKey(err, "marshal", f.name)
	}
	if !present {
		b, *first = b[:mark], wasFirst
		return f.appendNull(b, first), nil
	}
	return b, nil
}

// appendNull appends the member of an empty or absent field: NULL under nullempty, else
// nothing.
func (f *fieldPlan) appendNull(b []byte, first *bool) []byte {
	if !f.null {
		return b
	}
	return append(jsonKey(b, f.name, first), `{"NULL":true}`...)
}

// appendJSON appends the value at p as its attribute value's JSON: inline scalars and the
// codecs with a json function directly, the others through their attribute value. present is
// false (and nothing appended) when the value encodes to nothing.
func (c *codec) appendJSON(b []byte, p unsafe.Pointer, a *arena) (_ []byte, present bool, _ error) {
	if c.op != opGeneric {
		b, err := appendOp(b, c.op, p)
		return b, true, err
	}
	if c.json != nil {
		return c.json(b, p, a)
	}
	av, err := c.enc(p, a)
	if err != nil || av == nil {
		return b, false, err
	}
	b, ok := AppendValueJSON(b, av)
	if !ok {
		return b, false, ErrNoJSON
	}
	return b, true, nil
}

// jsonBytes is encBytes written as JSON.
func jsonBytes(b []byte, p unsafe.Pointer, _ *arena) ([]byte, bool, error) {
	v := *(*[]byte)(p)
	if v == nil {
		return b, false, nil
	}
	return append(appendBlob(append(b, `{"B":`...), v), '}'), true, nil
}

// jsonStringMap is encStringMap written as JSON.
func jsonStringMap(b []byte, p unsafe.Pointer, _ *arena) ([]byte, bool, error) {
	sm := *(*map[string]string)(p)
	if sm == nil {
		return b, false, nil
	}
	b = append(b, `{"M":{`...)
	first := true
	for k, v := range sm {
		if !first {
			b = append(b, ',')
		}
		first = false
		var kv, vv bool
		b, kv = appendText(b, k)
		b, vv = appendText(append(b, `:{"S":`...), v)
		if !kv || !vv {
			return b, false, checkStringEntry(k, v)
		}
		b = append(b, '}')
	}
	return append(b, "}}"...), true, nil
}

// jsonKey appends the name of an object's member, after a comma unless it is the first.
func jsonKey(b []byte, name string, first *bool) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	return append(AppendStringJSON(b, name), ':')
}

// appendOp appends the value at p of an inline scalar op, as its attribute value's JSON:
// the same text formatOp gives its member.
func appendOp(b []byte, o op, p unsafe.Pointer) ([]byte, error) {
	switch o {
	case opString:
		var valid bool
		b, valid = appendText(append(b, `{"S":`...), *(*string)(p))
		if !valid {
			return b, checkText(stringType, S, *(*string)(p))
		}
		return append(b, '}'), nil
	case opBool:
		if *(*bool)(p) {
			return append(b, `{"BOOL":true}`...), nil
		}
		return append(b, `{"BOOL":false}`...), nil
	}
	b = append(b, `{"N":"`...)
	switch o {
	case opInt:
		b = strconv.AppendInt(b, int64(*(*int)(p)), 10)
	case opInt64:
		b = strconv.AppendInt(b, *(*int64)(p), 10)
	case opInt32:
		b = strconv.AppendInt(b, int64(*(*int32)(p)), 10)
	case opTimeMillis:
		b = strconv.AppendInt(b, (*time.Time)(p).UnixMilli(), 10)
	case opTimeSeconds:
		b = strconv.AppendInt(b, TimeSeconds.Epoch(*(*time.Time)(p)), 10)
	default:
		f := *(*float64)(p)
		if err := finite(f); err != nil {
			return b, err
		}
		b = strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return append(b, `"}`...), nil
}
