package schema

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/dynamodel/dynamodel/attr"
)

// combineText is the text a source of a combined attribute adds to it: its stored text, as
// [storedText], except that a plain float (a float kind that does not encode itself) is
// written as JavaScript writes a number (String(n)), since Dynamoose joins the values
// themselves: 1000000 and 0.5 as such, 1.5e-7 and 1e+21 with an exponent. Go's shortest form
// would write 1e+06 and 1.5e-07, and an item written by Dynamoose would not match the key
// Dynamodel computes. A type with its own encoding (attr.Marshaler, encoding.TextMarshaler) is
// combined as it is stored, as any other source.
func combineText(a *attribute, v any) (string, error) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if k := rv.Kind(); (k == reflect.Float32 || k == reflect.Float64) && !encodesItself(rv.Type()) {
		// Formatted here alone, not first by the codec: storedText would write the same
		// number in Go's form. NaN and ±Inf go to storedText, which refuses them, and so does
		// a zero the attribute leaves out or stores as NULL.
		f := rv.Float()
		if !math.IsNaN(f) && !math.IsInf(f, 0) && (f != 0 || !a.opts.OmitEmpty && !a.opts.NullEmpty) {
			if k == reflect.Float32 {
				return jsNumber(f, 32), nil
			}
			return jsNumber(f, 64), nil
		}
	}
	if rv.Kind() == reflect.Slice && a.typ == attr.L && !encodesItself(rv.Type()) {
		return listText(a, rv)
	}
	return storedText(a, v)
}

// listText is the text a list source adds to a combined attribute: its elements' texts
// joined by commas, as JavaScript writes an array (Dynamoose joins the values themselves):
// ["hello", "hola"] is hello,hola, a nested list is flattened the same way and a nil element
// is empty. An element with no text (a map, binary) refuses the write.
func listText(a *attribute, rv reflect.Value) (string, error) {
	elem := a.elem
	if elem == nil {
		elem = &attribute{opts: attr.Options{Time: a.opts.Time}}
	}
	parts := make([]string, rv.Len())
	for i := range rv.Len() {
		e := rv.Index(i).Interface()
		if e == nil {
			continue
		}
		text, err := combineText(elem, e)
		if err != nil {
			return "", fmt.Errorf("element %d: %w", i, err)
		}
		parts[i] = text
	}
	return strings.Join(parts, ","), nil
}

// jsNumber formats a finite f as ECMAScript's Number::toString does: the shortest digits that
// read back as f (of bits bits), in plain decimal when 1e-7 <= |f| < 1e21, else as d.ddde±x.
func jsNumber(f float64, bits int) string {
	if f == 0 {
		return "0" // -0 too
	}
	var in, out [48]byte
	b := out[:0]
	if f < 0 {
		b, f = append(b, '-'), -f
	}
	e := strconv.AppendFloat(in[:0], f, 'e', -1, bits) // d.ddde±xx
	at := bytes.IndexByte(e, 'e')
	digits := e[:at]
	if len(digits) > 1 {
		digits = append(digits[:1], digits[2:]...) // drop the point
	}
	x := 0
	for _, c := range e[at+2:] {
		x = x*10 + int(c-'0')
	}
	if e[at+1] == '-' {
		x = -x
	}
	k, n := len(digits), x+1 // f = 0.digits × 10^n
	zeros := func(b []byte, c int) []byte {
		for range c {
			b = append(b, '0')
		}
		return b
	}
	switch {
	case k <= n && n <= 21:
		b = zeros(append(b, digits...), n-k)
	case 0 < n && n <= 21:
		b = append(append(append(b, digits[:n]...), '.'), digits[n:]...)
	case -6 < n && n <= 0:
		b = append(zeros(append(b, "0."...), -n), digits...)
	default:
		b = append(b, digits[0])
		if k > 1 {
			b = append(append(b, '.'), digits[1:]...)
		}
		if n-1 < 0 {
			b = strconv.AppendInt(append(b, "e-"...), int64(1-n), 10)
		} else {
			b = strconv.AppendInt(append(b, "e+"...), int64(n-1), 10)
		}
	}
	return string(b)
}
