package attr

import (
	"errors"
	"reflect"
	"sync"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Codec encodes and decodes one struct type T. It is compiled once, on first use of For[T],
// and is safe for concurrent use.
type Codec[T any] struct {
	c      *codec
	enc    *structPlan // c.sp, unless T encodes itself
	dec    *structPlan // c.sp, unless T decodes itself
	fields []Field
}

var codecsByType sync.Map // reflect.Type -> *Codec[T]

// For returns the codec of the struct type T, compiling it on first use. It reports the
// problems of T's struct tags and fields (see Fields).
func For[T any]() (*Codec[T], error) {
	t := reflect.TypeFor[T]()
	if v, ok := codecsByType.Load(t); ok {
		return v.(*Codec[T]), nil
	}
	fields, err := Fields(t)
	if err != nil {
		return nil, err
	}
	c, err := codecFor(t, Options{})
	if err != nil {
		return nil, err
	}
	ct := &Codec[T]{c: c, fields: fields}
	if !c.customEnc {
		ct.enc = c.sp
	}
	if !c.customDec {
		ct.dec = c.sp
	}
	v, _ := codecsByType.LoadOrStore(t, ct)
	return v.(*Codec[T]), nil
}

// Marshal encodes *v as an item.
func (c *Codec[T]) Marshal(v *T) (map[string]types.AttributeValue, error) {
	return c.enc.encodeItem(c.c, unsafe.Pointer(v))
}

// Unmarshal decodes item into *v. Fields whose attributes are absent from the item keep their
// values: decode into a zero T to get exactly the item.
func (c *Codec[T]) Unmarshal(item map[string]types.AttributeValue, v *T) error {
	return c.dec.decodeItem(c.c, item, unsafe.Pointer(v))
}

// Fields returns T's attributes (see Fields). The slice is shared: do not modify it.
func (c *Codec[T]) Fields() []Field { return c.fields }

// MarshalItem encodes a struct, a pointer to a struct, or a map with string keys as an item.
func MarshalItem(v any) (map[string]types.AttributeValue, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, marshalError(rv.Type(), M, errors.New("nil pointer"))
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct && rv.Kind() != reflect.Map {
		var t reflect.Type
		if rv.IsValid() {
			t = rv.Type()
		}
		return nil, marshalError(t, M, because(ErrUnsupported, "an item needs a struct or a map"))
	}
	c, err := codecFor(rv.Type(), Options{})
	if err != nil {
		return nil, err
	}
	return c.marshalItem(addressable(rv))
}

// marshalItem encodes the value at p as an item: through the struct plan, or through the
// type's own encoder, which must then produce an M.
func (c *codec) marshalItem(p unsafe.Pointer) (map[string]types.AttributeValue, error) {
	if p == nil {
		return nil, marshalError(c.t, M, errors.New("nil pointer"))
	}
	if c.sp != nil && !c.customEnc {
		return c.sp.encodeItem(c, p)
	}
	a := arenas.Get().(*arena)
	av, err := c.enc(p, a)
	a.release()
	if err != nil {
		return nil, err
	}
	switch v := av.(type) {
	case nil:
		return map[string]types.AttributeValue{}, nil
	case *types.AttributeValueMemberM:
		return v.Value, nil
	}
	// A struct with its own Marshaler (or one promoted from an embedded field) may encode as
	// something other than a map.
	return nil, marshalError(c.t, TypeOf(av), because(ErrType, "an item must encode as M"))
}

// unmarshalItem decodes item into the value at p.
func (c *codec) unmarshalItem(item map[string]types.AttributeValue, p unsafe.Pointer) error {
	if p == nil {
		return unmarshalError(c.t, M, errors.New("nil pointer"))
	}
	if c.sp != nil && !c.customDec {
		return c.sp.decode(item, p)
	}
	return c.dec(&types.AttributeValueMemberM{Value: item}, p)
}

// UnmarshalItem decodes item into out, a non-nil pointer to a struct or to a map with string
// keys.
func UnmarshalItem(item map[string]types.AttributeValue, out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return unmarshalError(reflect.TypeOf(out), M, errors.New("need a non-nil pointer"))
	}
	t := rv.Type().Elem()
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
		return unmarshalError(t, M, because(ErrUnsupported, "an item needs a struct or a map"))
	}
	c, err := codecFor(t, Options{})
	if err != nil {
		return err
	}
	return c.unmarshalItem(item, rv.UnsafePointer())
}

// Marshal encodes one value with the default options. See MarshalWith.
func Marshal(v any) (types.AttributeValue, error) { return MarshalWith(v, Options{}) }

// Unmarshal decodes one attribute value into out, a non-nil pointer, with the default options.
func Unmarshal(av types.AttributeValue, out any) error { return UnmarshalWith(av, out, Options{}) }

// MarshalWith encodes one value as an attribute of the given options would be: the same code
// encodes items, keys, condition values and update values, so a time stored as epoch seconds
// is compared as epoch seconds. It returns a nil attribute value and no error when the value
// encodes to nothing (nil, a nil pointer, an empty set; any empty value with OmitEmpty), or
// NULL for those with NullEmpty.
func MarshalWith(v any, o Options) (types.AttributeValue, error) {
	var av types.AttributeValue
	if v != nil {
		rv := reflect.ValueOf(v)
		c, err := codecFor(rv.Type(), o)
		if err != nil {
			return nil, err
		}
		p := addressable(rv)
		if (o.OmitEmpty || o.NullEmpty) && c.empty(p) {
			if o.OmitEmpty {
				return nil, nil
			}
			return &types.AttributeValueMemberNULL{Value: true}, nil
		}
		a := arenas.Get().(*arena)
		a.reserve(&c.static, 1)
		av, err = c.enc(p, a)
		a.release()
		if err != nil {
			return nil, err
		}
	}
	if av == nil && o.NullEmpty && !o.OmitEmpty {
		return &types.AttributeValueMemberNULL{Value: true}, nil
	}
	return av, nil
}

// UnmarshalWith decodes one attribute value into out, a non-nil pointer, as an attribute of
// the given options would be decoded.
func UnmarshalWith(av types.AttributeValue, out any, o Options) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return unmarshalError(reflect.TypeOf(out), TypeOf(av), errors.New("need a non-nil pointer"))
	}
	c, err := codecFor(rv.Type().Elem(), o)
	if err != nil {
		return err
	}
	if av == nil {
		return unmarshalError(rv.Type().Elem(), Invalid, because(ErrType, "nil attribute value"))
	}
	return c.dec(av, rv.UnsafePointer())
}
