package schema

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

var (
	numberType = reflect.TypeFor[attr.Number]()
	int64Type  = reflect.TypeFor[int64]()
)

// isNumberKind reports whether k is a Go integer or float kind.
func isNumberKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// coerce converts a Go number given for a numeric struct field to the field's type, when the
// conversion is exact: 45 for a float64 field, 3.0 for an int field, 7 for an attr.Number.
// A fraction into an integer, a value out of the field's range, or a float that another
// float type would round is an error. Any other value is returned as it is, for accepts to
// judge. It runs where a value comes on its own (keys, condition values, update values),
// since there a literal's Go type is an accident of how it was written.
func (a *attribute) coerce(v any) (any, error) {
	if t, ok := a.epochTime(v); ok {
		return t, nil
	}
	if v == nil || a.goType == nil {
		return a.listOf(v), nil
	}
	rv := reflect.ValueOf(v)
	dst := a.goType
	ptr := false
	if dst.Kind() == reflect.Pointer {
		dst, ptr = dst.Elem(), true
	}
	if rv.Kind() == reflect.Slice && dst.Kind() == reflect.Slice && rv.Type() != dst {
		return coerceList(rv, dst)
	}
	if !isNumberKind(rv.Kind()) {
		return v, nil
	}
	if rv.Type() == dst || !isNumeric(dst) {
		return v, nil
	}
	out, err := convertNumber(rv, dst)
	if err != nil {
		return nil, err
	}
	if ptr {
		p := reflect.New(dst)
		p.Elem().Set(out)
		return p.Interface(), nil
	}
	return out.Interface(), nil
}

// epochTime reads a whole number given for a date stored as a number as the time it stores,
// as Dynamoose takes a Date's stored form in place of a Date: epoch milliseconds for
// attr.TimeMillis, seconds for attr.TimeSeconds, so the same number is stored. A date stored
// as ISO text takes no number (Dynamoose refuses it too), and a fraction is not a stored form.
func (a *attribute) epochTime(v any) (time.Time, bool) {
	if !a.date || (a.goType != nil && a.goType != timeType) {
		return time.Time{}, false
	}
	if a.opts.Time != attr.TimeMillis && a.opts.Time != attr.TimeSeconds {
		return time.Time{}, false
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || !isNumberKind(rv.Kind()) {
		return time.Time{}, false
	}
	iv, err := convertNumber(rv, int64Type)
	if err != nil {
		return time.Time{}, false
	}
	n := iv.Int()
	if a.opts.Time == attr.TimeSeconds {
		return time.Unix(n, 0).UTC(), true
	}
	return time.UnixMilli(n).UTC(), true
}

// asNumberOf returns v as a t when v is a Go number of another type that converts to t
// exactly, else v as it is. In a map item a number's Go type is whatever the caller wrote (11,
// 11.0, int64(11)), where Dynamoose has one Number: a setter, getter or validator function
// written for float64 takes the int 11 too.
func asNumberOf(v any, t reflect.Type) any {
	if v == nil || t == nil || !isNumeric(t) {
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Type() == t || !isNumberKind(rv.Kind()) {
		return v
	}
	out, err := convertNumber(rv, t)
	if err != nil {
		return v
	}
	return out.Interface()
}

// isNumeric reports whether t is a Go number type or attr.Number.
func isNumeric(t reflect.Type) bool { return isNumberKind(t.Kind()) || t == numberType }

// coerceList converts a list (or set) of numbers to the field's slice type element by
// element, when every element converts exactly: []int{1, 2} for a []float64 field.
func coerceList(rv reflect.Value, dst reflect.Type) (any, error) {
	if !isNumberKind(rv.Type().Elem().Kind()) || !isNumeric(dst.Elem()) {
		return rv.Interface(), nil
	}
	out := reflect.MakeSlice(dst, rv.Len(), rv.Len())
	for i := range rv.Len() {
		e, err := convertNumber(rv.Index(i), dst.Elem())
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		out.Index(i).Set(e)
	}
	return out.Interface(), nil
}

// convertNumber converts the number rv to the numeric type dst (or attr.Number), refusing
// conversions that would change the value.
func convertNumber(rv reflect.Value, dst reflect.Type) (reflect.Value, error) {
	out := reflect.New(dst).Elem()
	if dst == numberType {
		if rv.CanFloat() && (math.IsNaN(rv.Float()) || math.IsInf(rv.Float(), 0)) {
			return out, fmt.Errorf("%v is not a number DynamoDB stores", rv.Float())
		}
		out.SetString(numberText(rv))
		return out, nil
	}
	src := rv.Type()
	switch dk := dst.Kind(); {
	case dk >= reflect.Int && dk <= reflect.Int64:
		var i int64
		switch {
		case rv.CanInt():
			i = rv.Int()
		case rv.CanUint():
			u := rv.Uint()
			if u > math.MaxInt64 {
				return out, overflow(rv, dst)
			}
			i = int64(u)
		default:
			f := rv.Float()
			if err := integral(f, rv, dst); err != nil {
				return out, err
			}
			// 2^63 is the first float64 beyond int64; floats below it convert exactly.
			if f < -(1<<63) || f >= 1<<63 {
				return out, overflow(rv, dst)
			}
			i = int64(f)
		}
		if out.OverflowInt(i) {
			return out, overflow(rv, dst)
		}
		out.SetInt(i)
	case dk >= reflect.Uint && dk <= reflect.Uintptr:
		var u uint64
		switch {
		case rv.CanInt():
			i := rv.Int()
			if i < 0 {
				return out, overflow(rv, dst)
			}
			u = uint64(i)
		case rv.CanUint():
			u = rv.Uint()
		default:
			f := rv.Float()
			if err := integral(f, rv, dst); err != nil {
				return out, err
			}
			if f < 0 || f >= 1<<64 {
				return out, overflow(rv, dst)
			}
			u = uint64(f)
		}
		if out.OverflowUint(u) {
			return out, overflow(rv, dst)
		}
		out.SetUint(u)
	default: // float32, float64
		var f float64
		exact := true
		switch {
		case rv.CanInt():
			i := rv.Int()
			f = float64(i)
			exact = f >= -(1<<63) && f < 1<<63 && int64(f) == i
		case rv.CanUint():
			u := rv.Uint()
			f = float64(u)
			exact = f < 1<<64 && uint64(f) == u
		default:
			f = rv.Float()
		}
		if dk == reflect.Float32 && !math.IsNaN(f) && float64(float32(f)) != f {
			exact = false
		}
		if !exact {
			return out, fmt.Errorf("%v (%v) is not exactly representable as %v", rv.Interface(), src, dst)
		}
		out.SetFloat(f)
	}
	return out, nil
}

// integral refuses NaN, infinities and floats with a fraction, for an integer type.
func integral(f float64, rv reflect.Value, dst reflect.Type) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("%v is not a number %v can hold", f, dst)
	}
	if f != math.Trunc(f) {
		return fmt.Errorf("%v (%v) has a fraction; %v holds whole numbers", rv.Interface(), rv.Type(), dst)
	}
	return nil
}

func overflow(rv reflect.Value, dst reflect.Type) error {
	return fmt.Errorf("%v (%v) overflows %v", rv.Interface(), rv.Type(), dst)
}

// numberText is the decimal text of a Go number, as attr.Number holds it.
func numberText(rv reflect.Value) string {
	switch {
	case rv.CanInt():
		return strconv.FormatInt(rv.Int(), 10)
	case rv.CanUint():
		return strconv.FormatUint(rv.Uint(), 10)
	}
	bits := 64
	if rv.Kind() == reflect.Float32 {
		bits = 32
	}
	return strconv.FormatFloat(rv.Float(), 'g', -1, bits)
}

// listOf returns a typed Go slice ([]string, []int, []time.Time...) given for a list
// attribute of a map schema as the []any the pipeline walks, so that it is taken as
// Dynamoose takes an array ([]byte, binary, is not a list). Anything else is returned as
// it is.
func (a *attribute) listOf(v any) any {
	if a.elem == nil || a.goType != nil {
		return v
	}
	switch v.(type) {
	case nil, []any, []map[string]any, []byte:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return v
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}
