package schema

import (
	"fmt"
	"reflect"
	"testing"
)

// TestStringEnum checks an enum's membership test, for a few values compared in turn and for
// many in a set, on strings and string slices.
func TestStringEnum(t *testing.T) {
	type color string
	many := make([]string, maxScannedEnum+4)
	for i := range many {
		many[i] = fmt.Sprint("v", i)
	}
	for _, values := range [][]string{{"red", "green", "v3"}, append(many, "red", "green")} {
		e := newStringEnum(values)
		for _, tc := range []struct {
			v    any
			want bool
		}{
			{"red", true}, {"", true}, {"blue", false}, {color("green"), true}, {color("x"), false},
			{[]string{"red", "v3"}, true}, {[]string{}, true}, {[]string(nil), true}, {[]string{"red", "blue"}, false},
			{[]color{"green"}, true}, {7, false},
		} {
			v := reflect.New(reflect.TypeOf(tc.v))
			v.Elem().Set(reflect.ValueOf(tc.v))
			if got := e.holds(v.Elem()); got != tc.want {
				t.Errorf("enum of %d values: holds(%#v) = %v; want %v", len(values), tc.v, got, tc.want)
			}
		}
	}
	var none *stringEnum
	if none.holds(reflect.ValueOf("red")) {
		t.Error("a nil enum holds a string")
	}
}
