package attr

import (
	"encoding"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type (
	encFunc   func(p unsafe.Pointer, a *arena) (types.AttributeValue, error)
	decFunc   func(av types.AttributeValue, p unsafe.Pointer) error
	emptyFunc func(p unsafe.Pointer) bool
)

// codec is the compiled encoder and decoder of one Go type under one set of options. The
// functions work on a pointer to the value, so no reflection happens per call for the types
// the compiler knows.
type codec struct {
	t      reflect.Type
	kind   Type
	enc    encFunc
	dec    decFunc
	empty  emptyFunc
	static counts      // members the encoding of one value always needs
	sp     *structPlan // for structs
	op     op          // a scalar a struct field can encode and decode inline; opGeneric otherwise

	customEnc, customDec bool // enc or dec is the type's own method, not sp's

	blocks     [smallLists + 1]atomic.Pointer[block] // member layouts for short maps of this type
	listBlocks [smallLists + 1]atomic.Pointer[block] // the same with the list's values, for short lists
}

// op names the common scalar codecs that struct plans run inline, without calling through enc
// and dec.
type op uint8

const (
	opGeneric op = iota
	opString
	opInt
	opInt64
	opInt32
	opFloat64
	opBool
	opTimeMillis
	opTimeSeconds
)

// member is the type of the attribute value member an op writes.
func (o op) member() Type {
	switch o {
	case opString:
		return S
	case opBool:
		return BOOL
	case opGeneric:
		return Invalid
	}
	return N
}

type codecKey struct {
	t reflect.Type
	o Options
}

var (
	codecs    sync.Map // codecKey -> *codec, complete codecs only
	compileMu sync.Mutex
	building  = map[codecKey]*codec{} // under compileMu: codecs of the compilation in progress
	depth     int                     // under compileMu
)

var (
	timeType            = reflect.TypeFor[time.Time]()
	stringSetType       = reflect.TypeFor[StringSet]()
	numberSetType       = reflect.TypeFor[NumberSet]()
	binarySetType       = reflect.TypeFor[BinarySet]()
	numberType          = reflect.TypeFor[Number]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// codecFor returns the codec of t under o. Only Time and Set matter to a type's codec; the
// empty-value options are applied by whoever holds the value (a struct field, MarshalWith).
func codecFor(t reflect.Type, o Options) (*codec, error) {
	key := codecKey{t, Options{Time: o.Time, Set: o.Set || isSetType(t)}}
	if c, ok := codecs.Load(key); ok {
		return c.(*codec), nil
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	return compile(key)
}

// compile builds the codec for key, under compileMu. A type that refers to itself gets the
// codec under construction, whose functions are read when called, not when compiled.
func compile(key codecKey) (*codec, error) {
	if isSetType(key.t) {
		key.o.Set = true
	}
	if c, ok := codecs.Load(key); ok {
		return c.(*codec), nil
	}
	if c, ok := building[key]; ok {
		return c, nil
	}
	c := &codec{t: key.t, kind: kindOf(key.t, key.o)}
	building[key] = c
	depth++
	err := c.build(key.o)
	depth--
	if depth == 0 {
		if err == nil {
			for k, bc := range building {
				codecs.Store(k, bc)
			}
		}
		clear(building)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// kindOf is the DynamoDB type a Go type is stored as, or Invalid when it is only known at run
// time.
func kindOf(t reflect.Type, o Options) Type {
	if o.Set || isSetType(t) {
		if k := setKind(t, o); k != Invalid {
			return k
		}
	}
	if t.Kind() == reflect.Pointer {
		if isMemberType(t) {
			return Invalid
		}
		return kindOf(t.Elem(), o)
	}
	pt := reflect.PointerTo(t)
	switch {
	case t == avType, pt.Implements(marshalerType), pt.Implements(sdkMarshalType):
		return Invalid
	case t == timeType:
		return o.Time.Type()
	case t == numberType:
		return N
	case pt.Implements(textMarshalerType):
		return S
	}
	switch t.Kind() {
	case reflect.String:
		return S
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return N
	case reflect.Bool:
		return BOOL
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return B
		}
		return L
	case reflect.Map, reflect.Struct:
		return M
	}
	return Invalid
}

func (c *codec) build(o Options) error {
	t := c.t
	c.empty = zeroEmpty(t)
	if isMemberType(t) {
		c.buildMember()
		return nil
	}
	if t.Kind() == reflect.Pointer {
		return c.buildPointer(o)
	}
	if o.Set && setKind(t, o) != Invalid {
		return c.buildSet(o)
	}
	if t == avType {
		c.enc = func(p unsafe.Pointer, _ *arena) (types.AttributeValue, error) {
			av := *(*types.AttributeValue)(p)
			return av, CheckUTF8(av)
		}
		c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
			*(*types.AttributeValue)(p) = av
			return nil
		}
		c.empty = func(p unsafe.Pointer) bool { return *(*types.AttributeValue)(p) == nil }
		return nil
	}
	c.buildCustom()
	if c.enc != nil && c.dec != nil {
		c.customEnc, c.customDec = true, true
		return nil
	}
	enc, dec := c.enc, c.dec
	if err := c.buildKind(o); err != nil {
		// A type with only one of its own methods may still have no kind to fall back on:
		// then the other direction fails when used, not the whole type.
		switch {
		case enc != nil:
			c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
				return unmarshalError(t, TypeOf(av), ErrUnsupported)
			}
		case dec != nil:
			c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
				return nil, marshalError(t, Invalid, ErrUnsupported)
			}
		default:
			return err
		}
	}
	if enc != nil {
		c.enc = enc
		c.static = counts{}
	}
	if dec != nil {
		c.dec = dec
	}
	if enc != nil || dec != nil {
		c.op = opGeneric
	}
	c.customEnc, c.customDec = enc != nil, dec != nil
	return nil
}

// isMemberType reports whether t is one of the SDK's attribute value types
// (*types.AttributeValueMemberS and its siblings), which are stored as they are, never
// encoded as the structs they are.
func isMemberType(t reflect.Type) bool {
	return t != avType && t.Kind() == reflect.Pointer && t.Implements(avType)
}

// buildMember compiles the codec of an SDK attribute value type: the value is the attribute
// value, and decoding takes an attribute value of that type only.
func (c *codec) buildMember() {
	t := c.t
	c.enc = func(p unsafe.Pointer, _ *arena) (types.AttributeValue, error) {
		v := reflect.NewAt(t, p).Elem()
		if v.IsNil() {
			return nil, nil
		}
		av := v.Interface().(types.AttributeValue)
		return av, CheckUTF8(av)
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		v := reflect.ValueOf(av)
		if !v.IsValid() || v.Type() != t {
			return mismatch(t, av)
		}
		reflect.NewAt(t, p).Elem().Set(v)
		return nil
	}
	c.empty = func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
	c.customEnc, c.customDec = true, true
}

// buildCustom installs the codec's own methods, in order of preference: Dynamodel's
// Marshaler/Unmarshaler, the SDK's, then (for anything but time.Time) encoding's TextMarshaler
// and TextUnmarshaler. Methods are called on a pointer to the value.
func (c *codec) buildCustom() {
	t := c.t
	pt := reflect.PointerTo(t)
	iface := func(p unsafe.Pointer) any { return reflect.NewAt(t, p).Interface() }
	switch {
	case pt.Implements(marshalerType):
		c.enc = func(p unsafe.Pointer, _ *arena) (types.AttributeValue, error) {
			av, err := iface(p).(Marshaler).MarshalDynamo()
			if err != nil {
				return nil, marshalError(t, Invalid, err)
			}
			return av, CheckUTF8(av)
		}
	case pt.Implements(sdkMarshalType):
		c.enc = func(p unsafe.Pointer, _ *arena) (types.AttributeValue, error) {
			av, err := iface(p).(sdkMarshaler).MarshalDynamoDBAttributeValue()
			if err != nil {
				return nil, marshalError(t, Invalid, err)
			}
			return av, CheckUTF8(av)
		}
	case t != timeType && pt.Implements(textMarshalerType):
		c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
			b, err := iface(p).(encoding.TextMarshaler).MarshalText()
			if err != nil {
				return nil, marshalError(t, S, err)
			}
			if err := checkText(t, S, string(b)); err != nil {
				return nil, err
			}
			return a.S(string(b)), nil
		}
	}
	switch {
	case pt.Implements(unmarshalerType):
		c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
			if err := iface(p).(Unmarshaler).UnmarshalDynamo(av); err != nil {
				return unmarshalError(t, TypeOf(av), err)
			}
			return nil
		}
	case pt.Implements(sdkUnmarshType):
		c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
			if err := iface(p).(sdkUnmarshaler).UnmarshalDynamoDBAttributeValue(av); err != nil {
				return unmarshalError(t, TypeOf(av), err)
			}
			return nil
		}
	case t != timeType && pt.Implements(textUnmarshalerType):
		c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
			switch v := av.(type) {
			case *types.AttributeValueMemberS:
				if err := iface(p).(encoding.TextUnmarshaler).UnmarshalText([]byte(v.Value)); err != nil {
					return unmarshalError(t, S, err)
				}
				return nil
			case *types.AttributeValueMemberNULL:
				setZero(t, p)
				return nil
			}
			return mismatch(t, av)
		}
	}
}

// buildKind compiles the codec from the type's kind.
func (c *codec) buildKind(o Options) error {
	t := c.t
	switch {
	case t == timeType:
		c.buildTime(o.Time)
		return nil
	case t == numberType:
		c.enc, c.dec, c.empty = encNumber, decNumber(t), emptyString
		c.static[N] = 1
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		c.enc, c.dec, c.empty = encString, decString(t), emptyString
		c.static[S] = 1
		c.op = opString
	case reflect.Bool:
		c.enc, c.dec, c.empty = encBool, decBool(t), func(p unsafe.Pointer) bool { return !*(*bool)(p) }
		c.static[BOOL] = 1
		c.op = opBool
	case reflect.Int:
		c.enc, c.dec, c.empty = encInt[int], decInt[int](t), isZero[int]
		c.static[N] = 1
		c.op = opInt
		if strconv.IntSize == 64 {
			c.op = opInt64 // the same memory as an int64
		}
	case reflect.Int8:
		c.enc, c.dec, c.empty = encInt[int8], decInt[int8](t), isZero[int8]
		c.static[N] = 1
	case reflect.Int16:
		c.enc, c.dec, c.empty = encInt[int16], decInt[int16](t), isZero[int16]
		c.static[N] = 1
	case reflect.Int32:
		c.enc, c.dec, c.empty = encInt[int32], decInt[int32](t), isZero[int32]
		c.static[N] = 1
		c.op = opInt32
	case reflect.Int64:
		c.enc, c.dec, c.empty = encInt[int64], decInt[int64](t), isZero[int64]
		c.static[N] = 1
		c.op = opInt64
	case reflect.Uint:
		c.enc, c.dec, c.empty = encUint[uint], decUint[uint](t), isZero[uint]
		c.static[N] = 1
	case reflect.Uint8:
		c.enc, c.dec, c.empty = encUint[uint8], decUint[uint8](t), isZero[uint8]
		c.static[N] = 1
	case reflect.Uint16:
		c.enc, c.dec, c.empty = encUint[uint16], decUint[uint16](t), isZero[uint16]
		c.static[N] = 1
	case reflect.Uint32:
		c.enc, c.dec, c.empty = encUint[uint32], decUint[uint32](t), isZero[uint32]
		c.static[N] = 1
	case reflect.Uint64:
		c.enc, c.dec, c.empty = encUint[uint64], decUint[uint64](t), isZero[uint64]
		c.static[N] = 1
	case reflect.Uintptr:
		c.enc, c.dec, c.empty = encUint[uintptr], decUint[uintptr](t), isZero[uintptr]
		c.static[N] = 1
	case reflect.Float32:
		c.enc, c.dec, c.empty = encFloat[float32], decFloat[float32](t), isZero[float32]
		c.static[N] = 1
	case reflect.Float64:
		c.enc, c.dec, c.empty = encFloat[float64], decFloat[float64](t), isZero[float64]
		c.static[N] = 1
		c.op = opFloat64
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			c.enc, c.dec, c.empty = encBytes, decBytes(t), emptySlice
			c.static[B] = 1
			return nil
		}
		return c.buildList(o)
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			c.enc, c.dec = encByteArray(t.Len()), decByteArray(t)
			c.static[B] = 1
			return nil
		}
		return c.buildList(o)
	case reflect.Map:
		return c.buildMap(o)
	case reflect.Struct:
		return c.buildStruct()
	case reflect.Interface:
		c.buildInterface(o)
	default:
		return &Error{Op: "compile", GoType: t, Err: ErrUnsupported}
	}
	return nil
}

func (c *codec) buildPointer(o Options) error {
	et := c.t.Elem()
	elem, err := compile(codecKey{et, Options{Time: o.Time, Set: o.Set}})
	if err != nil {
		return err
	}
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		ep := *(*unsafe.Pointer)(p)
		if ep == nil {
			return nil, nil
		}
		return elem.enc(ep, a)
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		if _, null := av.(*types.AttributeValueMemberNULL); null {
			*(*unsafe.Pointer)(p) = nil
			return nil
		}
		ep := *(*unsafe.Pointer)(p)
		if ep == nil {
			ep = reflect.New(et).UnsafePointer()
			*(*unsafe.Pointer)(p) = ep
		}
		return elem.dec(av, ep)
	}
	c.empty = func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
	return nil
}

// mismatch is the error for an attribute whose type does not fit the Go type.
func mismatch(t reflect.Type, av types.AttributeValue) error {
	if av == nil {
		return unmarshalError(t, Invalid, because(ErrType, "nil attribute value"))
	}
	return unmarshalError(t, TypeOf(av), ErrType)
}

// setZero sets the value at p to its zero value.
func setZero(t reflect.Type, p unsafe.Pointer) { reflect.NewAt(t, p).Elem().SetZero() }

// zeroEmpty is the emptiness test of types without a faster one: the zero value is empty.
func zeroEmpty(t reflect.Type) emptyFunc {
	if t == timeType {
		return func(p unsafe.Pointer) bool { return (*time.Time)(p).IsZero() }
	}
	switch t.Kind() {
	case reflect.Map:
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Len() == 0 }
	case reflect.Slice:
		return emptySlice
	case reflect.Array:
		if t.Len() == 0 {
			return func(unsafe.Pointer) bool { return true }
		}
	}
	return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
}

// addressable returns a pointer to v's value, copying v when it is not addressable.
func addressable(v reflect.Value) unsafe.Pointer {
	if v.CanAddr() {
		return v.Addr().UnsafePointer()
	}
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return p.UnsafePointer()
}
