package attr

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type (
	signed interface {
		~int | ~int8 | ~int16 | ~int32 | ~int64
	}
	unsigned interface {
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
	}
	float interface{ ~float32 | ~float64 }
)

func isZero[T signed | unsigned | float](p unsafe.Pointer) bool { return *(*T)(p) == 0 }

func emptyString(p unsafe.Pointer) bool { return len(*(*string)(p)) == 0 }

// sliceHeader is the layout of every Go slice.
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

func emptySlice(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }

func encString(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	s := *(*string)(p)
	if !validText(s) { // checkText, one call fewer
		return nil, checkText(stringType, S, s)
	}
	return a.S(s), nil
}

func decString(t reflect.Type) decFunc {
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberS:
			*(*string)(p) = v.Value
			return nil
		case *types.AttributeValueMemberNULL:
			*(*string)(p) = ""
			return nil
		}
		return mismatch(t, av)
	}
}

func encNumber(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	s := *(*string)(p)
	if s == "" {
		return nil, nil
	}
	if !validNumber(s) {
		return nil, marshalError(numberType, N, because(ErrSyntax, strconv.Quote(s)+" is not a number"))
	}
	return a.N(s), nil
}

func decNumber(t reflect.Type) decFunc {
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberN:
			*(*string)(p) = v.Value
			return nil
		case *types.AttributeValueMemberNULL:
			*(*string)(p) = ""
			return nil
		}
		return mismatch(t, av)
	}
}

func encBool(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	return a.BOOL(*(*bool)(p)), nil
}

func decBool(t reflect.Type) decFunc {
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberBOOL:
			*(*bool)(p) = v.Value
			return nil
		case *types.AttributeValueMemberNULL:
			*(*bool)(p) = false
			return nil
		}
		return mismatch(t, av)
	}
}

func encInt[T signed](p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	return a.N(a.formatInt(int64(*(*T)(p)))), nil
}

func decInt[T signed](t reflect.Type) decFunc {
	bits := t.Bits()
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberN:
			n, err := parseInt(v.Value, bits)
			if err != nil {
				return unmarshalError(t, N, err)
			}
			*(*T)(p) = T(n)
			return nil
		case *types.AttributeValueMemberNULL:
			*(*T)(p) = 0
			return nil
		}
		return mismatch(t, av)
	}
}

func encUint[T unsigned](p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	return a.N(a.formatUint(uint64(*(*T)(p)))), nil
}

func decUint[T unsigned](t reflect.Type) decFunc {
	bits := t.Bits()
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberN:
			n, err := parseUint(v.Value, bits)
			if err != nil {
				return unmarshalError(t, N, err)
			}
			*(*T)(p) = T(n)
			return nil
		case *types.AttributeValueMemberNULL:
			*(*T)(p) = 0
			return nil
		}
		return mismatch(t, av)
	}
}

func encFloat[T float](p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	f := float64(*(*T)(p))
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, marshalError(reflect.TypeFor[T](), N, because(ErrRange, "DynamoDB has no NaN or infinity"))
	}
	bits := 64
	if unsafe.Sizeof(T(0)) == 4 {
		bits = 32
	}
	return a.N(a.formatFloat(f, bits)), nil
}

func decFloat[T float](t reflect.Type) decFunc {
	bits := t.Bits()
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberN:
			f, err := strconv.ParseFloat(v.Value, bits)
			if err != nil {
				return unmarshalError(t, N, numError(err, v.Value))
			}
			*(*T)(p) = T(f)
			return nil
		case *types.AttributeValueMemberNULL:
			*(*T)(p) = 0
			return nil
		}
		return mismatch(t, av)
	}
}

// numError turns a strconv error into one that wraps ErrRange or ErrSyntax.
func numError(err error, s string) error {
	if errors.Is(err, strconv.ErrRange) {
		return because(ErrRange, strconv.Quote(s)+" does not fit")
	}
	return because(ErrSyntax, strconv.Quote(s)+" is not a number")
}

// parseInt parses decimal integer text; numbers DynamoDB returns with a fraction or an
// exponent (1E+3, 2.0) are accepted when their value is a whole number.
func parseInt(s string, bits int) (int64, error) {
	n, err := strconv.ParseInt(s, 10, bits)
	if err == nil {
		return n, nil
	}
	if errors.Is(err, strconv.ErrSyntax) {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && validNumber(s) {
			lim := math.Ldexp(1, bits-1)
			if f != math.Trunc(f) {
				return 0, because(ErrRange, strconv.Quote(s)+" is not a whole number")
			}
			if f >= -lim && f < lim {
				return int64(f), nil
			}
			return 0, because(ErrRange, strconv.Quote(s)+" does not fit")
		}
	}
	return 0, numError(err, s)
}

func parseUint(s string, bits int) (uint64, error) {
	n, err := strconv.ParseUint(s, 10, bits)
	if err == nil {
		return n, nil
	}
	if errors.Is(err, strconv.ErrSyntax) {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && validNumber(s) {
			if f != math.Trunc(f) || f < 0 || f >= math.Ldexp(1, bits) {
				return 0, because(ErrRange, strconv.Quote(s)+" does not fit")
			}
			return uint64(f), nil
		}
	}
	return 0, numError(err, s)
}

func encBytes(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	b := *(*[]byte)(p)
	if b == nil {
		return nil, nil
	}
	return a.B(b), nil
}

func decBytes(t reflect.Type) decFunc {
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberB:
			*(*[]byte)(p) = v.Value
			return nil
		case *types.AttributeValueMemberNULL:
			*(*[]byte)(p) = nil
			return nil
		}
		return mismatch(t, av)
	}
}

func encByteArray(n int) encFunc {
	return func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		b := make([]byte, n)
		copy(b, unsafe.Slice((*byte)(p), n))
		return a.B(b), nil
	}
}

func decByteArray(t reflect.Type) decFunc {
	n := t.Len()
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberB:
			if len(v.Value) != n {
				return unmarshalError(t, B, because(ErrRange, strconv.Itoa(len(v.Value))+" bytes for "+strconv.Itoa(n)))
			}
			copy(unsafe.Slice((*byte)(p), n), v.Value)
			return nil
		case *types.AttributeValueMemberNULL:
			clear(unsafe.Slice((*byte)(p), n))
			return nil
		}
		return mismatch(t, av)
	}
}

// buildTime compiles time.Time in format f (see [TimeFormat.Epoch] and
// [TimeFormat.AppendText]). Decoding accepts both stored forms whatever the format: N as epoch
// milliseconds (seconds with TimeSeconds) and S as RFC 3339 text with any fraction and offset,
// so changing an attribute's format does not make old items unreadable.
func (c *codec) buildTime(f TimeFormat) {
	t := c.t
	switch f {
	case TimeSeconds:
		c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
			return a.N(a.formatInt(TimeSeconds.Epoch(*(*time.Time)(p)))), nil
		}
		c.static[N] = 1
		c.op = opTimeSeconds
	case TimeISO, TimeISOMicros, TimeISONanos:
		c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
			a.room(40)
			return a.S(a.keep(f.AppendText(a.spare(), *(*time.Time)(p)))), nil
		}
		c.static[S] = 1
	default:
		c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
			return a.N(a.formatInt((*time.Time)(p).UnixMilli())), nil
		}
		c.static[N] = 1
		c.op = opTimeMillis
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberN:
			n, err := parseInt(v.Value, 64)
			if err != nil {
				return unmarshalError(t, N, err)
			}
			if f == TimeSeconds {
				*(*time.Time)(p) = time.Unix(n, 0).UTC()
			} else {
				*(*time.Time)(p) = time.UnixMilli(n).UTC()
			}
			return nil
		case *types.AttributeValueMemberS:
			tm, err := parseTime(v.Value)
			if err != nil {
				return unmarshalError(t, S, because(ErrSyntax, err.Error()))
			}
			*(*time.Time)(p) = tm
			return nil
		case *types.AttributeValueMemberNULL:
			*(*time.Time)(p) = time.Time{}
			return nil
		}
		return mismatch(t, av)
	}
	c.empty = func(p unsafe.Pointer) bool { return (*time.Time)(p).IsZero() }
}
