package schema

import (
	"reflect"
	"strconv"
	"time"
	"unsafe"

	"github.com/dynamodel/dynamodel/attr"
)

// keyField is the field of a key attribute (of the table or of an index), whose value
// AppendPut checks from the struct: the encoded item it writes is not checked as a map is.
type keyField struct {
	fieldAt
	bytes bool // a []byte, whose length is checked; otherwise a string, a number or a time
	// omitted: an index key whose field is tagged omitempty, which an empty value leaves out
	// of the item (and so of the index) rather than sending empty.
	omitted bool
}

// jsonWrites reports whether AppendPut can write the schema's items in DynamoDB's JSON form,
// and returns the fields of their key attributes. It needs a struct schema whose items that
// need no write are checked by a plan, with no toDynamo conversion and no unknown field (the
// encoding beside the codec's), whose every key attribute is a field holding a plain string,
// bytes or number (no method of its own that could encode it otherwise) or a time.
func jsonWrites(s *Schema) ([]keyField, bool) {
	if s.goType == nil || s.checks == nil || len(s.toDynamoAttrs) > 0 || s.unknownField {
		return nil, false
	}
	var keys []keyField
	for i, a := range append([]*attribute{s.hash, s.rng}, s.indexKeys...) {
		if a == nil {
			continue
		}
		f, ok := fieldOf(s.goType, a)
		if !ok {
			return nil, false
		}
		k := keyField{fieldAt: f, omitted: i >= 2 && a.opts.OmitEmpty}
		if f.typ == reflect.TypeFor[time.Time]() {
			// A time that is set encodes to a number or to non-empty text.
			keys = append(keys, k)
			continue
		}
		if f.typ.NumMethod() > 0 || reflect.PointerTo(f.typ).NumMethod() > 0 {
			return nil, false
		}
		switch f.typ.Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		case reflect.Slice:
			if f.typ.Elem().Kind() != reflect.Uint8 {
				return nil, false
			}
			k.bytes = true
		default:
			return nil, false
		}
		keys = append(keys, k)
	}
	return keys, true
}

// keysSet reports whether every key attribute of the struct item at p holds a value the
// checks of the encoded item would pass: a non-empty string or bytes, a non-zero number or
// time, or nothing for an index key that omitempty leaves out. Other zero values are left to
// those checks (zero numbers too, which omitempty or nullempty may turn into no key).
func (s *Schema) keysSet(p unsafe.Pointer) bool {
	for i := range s.jsonKeys {
		k := &s.jsonKeys[i]
		empty := k.isZero(p)
		if k.bytes {
			empty = len(*(*[]byte)(unsafe.Add(p, k.off))) == 0
		}
		if empty && !k.omitted {
			return false
		}
	}
	return true
}

// appendStamps adds the stored-only times kept by setTime to the item b holds from start on
// in DynamoDB's JSON form, as members before its closing brace.
func appendStamps(b []byte, start int, stamps []stamp) []byte {
	if len(stamps) == 0 {
		return b
	}
	b = b[:len(b)-1]
	for _, st := range stamps {
		if len(b) > start+1 {
			b = append(b, ',')
		}
		b = append(attr.AppendStringJSON(b, st.a.name), `:{"N":"`...)
		b = append(strconv.AppendInt(b, stampInt(st), 10), `"}`...)
	}
	return append(b, '}')
}

// stampInt is the number a stamp is stored as: epoch milliseconds or seconds.
func stampInt(st stamp) int64 {
	return st.a.opts.Time.Epoch(st.t)
}
