package schema

import (
	"reflect"
	"strconv"
	"strings"
)

// combineText is the text a source of a combined attribute adds to it: its stored text, as
// [storedText], except that a plain float (a float kind that does not encode itself) is
// written as JavaScript writes a number (String(n)), since Dynamoose joins the values
// themselves: 1000000 and 0.5 as such, 1.5e-7 and 1e+21 with an exponent. Go's shortest form
// would write 1e+06 and 1.5e-07, and an item written by Dynamoose would not match the key
// Dynamodel computes. A type with its own encoding (attr.Marshaler, encoding.TextMarshaler) is
// combined as it is stored, as any other source.
func combineText(a *attribute, v any) (string, error) {
	text, err := storedText(a, v)
	if err != nil {
		return "", err
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch k := rv.Kind(); {
	case k != reflect.Float32 && k != reflect.Float64:
	case encodesItself(rv.Type()):
	case k == reflect.Float32:
		return jsNumber(rv.Float(), 32), nil
	default:
		return jsNumber(rv.Float(), 64), nil
	}
	return text, nil
}

// jsNumber formats a finite f as ECMAScript's Number::toString does: the shortest digits that
// read back as f (of bits bits), in plain decimal when 1e-7 <= |f| < 1e21, else as d.ddde±x.
func jsNumber(f float64, bits int) string {
	if f == 0 {
		return "0" // -0 too
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, bits), "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	k, n := len(digits), e+1 // f = 0.digits × 10^n
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	out := digits[:1]
	if k > 1 {
		out += "." + digits[1:]
	}
	if n-1 < 0 {
		return sign + out + "e-" + strconv.Itoa(1-n)
	}
	return sign + out + "e+" + strconv.Itoa(n-1)
}
