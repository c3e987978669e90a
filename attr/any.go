package attr

import (
	"reflect"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// buildInterface compiles an interface type. Encoding looks at the dynamic value. Decoding
// into an interface that holds a non-nil pointer decodes into what it points to; otherwise an
// empty interface receives the natural Go value of the attribute (see decodeAny), and any
// other interface type is an error.
func (c *codec) buildInterface(o Options) {
	t := c.t
	empty := t.NumMethod() == 0
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		var v any
		if empty {
			v = *(*any)(p)
		} else {
			iv := reflect.NewAt(t, p).Elem()
			if iv.IsNil() {
				return nil, nil
			}
			v = iv.Elem().Interface()
		}
		return encodeAny(v, o, a)
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		iv := reflect.NewAt(t, p).Elem()
		if !iv.IsNil() && iv.Elem().Kind() == reflect.Pointer && !iv.Elem().IsNil() {
			if _, null := av.(*types.AttributeValueMemberNULL); !null {
				target := iv.Elem()
				ec, err := codecFor(target.Type().Elem(), o)
				if err != nil {
					return during("unmarshal", err)
				}
				return ec.dec(av, target.UnsafePointer())
			}
		}
		if !empty {
			if _, null := av.(*types.AttributeValueMemberNULL); null {
				iv.SetZero()
				return nil
			}
			return unmarshalError(t, TypeOf(av), because(ErrUnsupported, "cannot choose a concrete type for a non-empty interface"))
		}
		v, err := decodeAny(av)
		if err != nil {
			return err
		}
		*(*any)(p) = v
		return nil
	}
	c.empty = func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsNil() }
}

// encodeAny encodes a dynamic value: common types directly, others through their codec.
func encodeAny(v any, o Options, a *arena) (types.AttributeValue, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if err := checkText(stringType, S, x); err != nil {
			return nil, err
		}
		return a.S(x), nil
	case bool:
		return a.BOOL(x), nil
	case types.AttributeValue:
		return x, CheckUTF8(x)
	case Number:
		return encNumber(unsafe.Pointer(&x), a)
	case float64:
		return encFloat[float64](unsafe.Pointer(&x), a)
	case int:
		return encInt[int](unsafe.Pointer(&x), a)
	case int64:
		return encInt[int64](unsafe.Pointer(&x), a)
	case []byte:
		return encBytes(unsafe.Pointer(&x), a)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil
		}
		ec, err := codecFor(rv.Type().Elem(), Options{Time: o.Time, Set: o.Set})
		if err != nil {
			return nil, during("marshal", err)
		}
		return ec.enc(rv.UnsafePointer(), a)
	}
	c, err := codecFor(rv.Type(), Options{Time: o.Time, Set: o.Set})
	if err != nil {
		return nil, during("marshal", err)
	}
	return c.enc(addressable(rv), a)
}

// decodeAny returns the natural Go value of an attribute: S string, N Number (no digit is
// lost), B []byte, BOOL bool, NULL nil, M map[string]any, L []any, SS StringSet, NS NumberSet,
// BS BinarySet.
func decodeAny(av types.AttributeValue) (any, error) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value, nil
	case *types.AttributeValueMemberN:
		return Number(v.Value), nil
	case *types.AttributeValueMemberB:
		return v.Value, nil
	case *types.AttributeValueMemberBOOL:
		return v.Value, nil
	case *types.AttributeValueMemberNULL:
		return nil, nil
	case *types.AttributeValueMemberM:
		m := make(map[string]any, len(v.Value))
		for k, e := range v.Value {
			x, err := decodeAny(e)
			if err != nil {
				return nil, atKey(err, "unmarshal", k)
			}
			m[k] = x
		}
		return m, nil
	case *types.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			x, err := decodeAny(e)
			if err != nil {
				return nil, atIndex(err, "unmarshal", i)
			}
			l[i] = x
		}
		return l, nil
	case *types.AttributeValueMemberSS:
		return StringSet(v.Value), nil
	case *types.AttributeValueMemberNS:
		ns := make(NumberSet, len(v.Value))
		for i, s := range v.Value {
			ns[i] = Number(s)
		}
		return ns, nil
	case *types.AttributeValueMemberBS:
		return BinarySet(v.Value), nil
	}
	return nil, unmarshalError(reflect.TypeFor[any](), Invalid, because(ErrType, "unknown attribute value member"))
}

// during reports a type that cannot be compiled, met inside a dynamic value, as a failure of
// the marshal or unmarshal in progress.
func during(op string, err error) error {
	if e, ok := err.(*Error); ok && e.Op == "compile" {
		c := *e
		c.Op = op
		return &c
	}
	return err
}
