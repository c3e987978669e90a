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

// appendJSON appends the struct at p as an item in DynamoDB's JSON form. Inline scalars are
// written straight from the struct; other fields are encoded by their codecs, from an arena
// over one block as encodeItem does, and written from their attribute values.
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
		av, err := f.value(p, a)
		if err != nil {
			return b, err
		}
		if av == nil {
			continue
		}
		var ok bool
		if b, ok = AppendValueJSON(jsonKey(b, f.name, &first), av); !ok {
			return b, ErrNoJSON
		}
	}
	return append(b, '}'), nil
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
		b = AppendStringJSON(append(b, `{"S":`...), *(*string)(p))
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
		b = strconv.AppendInt(b, (*time.Time)(p).Unix(), 10)
	default:
		f := *(*float64)(p)
		if err := finite(f); err != nil {
			return b, err
		}
		b = strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return append(b, `"}`...), nil
}
