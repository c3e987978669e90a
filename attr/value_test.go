package attr_test

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

var when = time.Date(2024, 1, 2, 3, 4, 5, 6_000_000, time.UTC)

// TestValueRoundTrip encodes each value, compares the attribute value, decodes it into a new
// value of the same type and compares that with the original (or with back, when the stored
// form cannot hold everything, as a time's nanoseconds in milliseconds).
func TestValueRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   any
		opts attr.Options
		want types.AttributeValue // nil: encodes to nothing
		back any                  // what decoding gives, when not in
	}{
		{name: "string", in: "hello", want: s("hello")},
		{name: "empty string kept", in: "", want: s("")},
		{name: "named string", in: myString("x"), want: s("x")},
		{name: "int", in: 42, want: n("42")},
		{name: "int8 min", in: int8(-128), want: n("-128")},
		{name: "int16", in: int16(-300), want: n("-300")},
		{name: "int32", in: int32(1 << 30), want: n("1073741824")},
		{name: "int64 min", in: int64(-9223372036854775808), want: n("-9223372036854775808")},
		{name: "uint max", in: uint64(18446744073709551615), want: n("18446744073709551615")},
		{name: "uint8", in: uint8(255), want: n("255")},
		{name: "uint16", in: uint16(65535), want: n("65535")},
		{name: "uint32", in: uint32(4294967295), want: n("4294967295")},
		{name: "uint", in: uint(7), want: n("7")},
		{name: "float32", in: float32(1.5), want: n("1.5")},
		{name: "float64", in: 0.1, want: n("0.1")},
		{name: "float64 large", in: 1e300, want: n("1e+300")},
		{name: "float64 small", in: -2.5e-10, want: n("-2.5e-10")},
		{name: "number beyond float64", in: attr.Number("123456789012345678901234567890.12345678"), want: n("123456789012345678901234567890.12345678")},
		{name: "empty number absent", in: attr.Number(""), want: nil},
		{name: "bool true", in: true, want: boolean(true)},
		{name: "bool false", in: false, want: boolean(false)},
		{name: "bytes", in: []byte{1, 2, 3}, want: b(1, 2, 3)},
		{name: "empty bytes kept", in: []byte{}, want: b()},
		{name: "nil bytes absent", in: []byte(nil), want: nil},
		{name: "byte array", in: [4]byte{9, 8, 7, 6}, want: b(9, 8, 7, 6)},
		{name: "time millis by default", in: when, want: n("1704164645006")},
		{name: "time seconds", in: when, opts: attr.Options{Time: attr.TimeSeconds}, want: n("1704164645"), back: when.Truncate(time.Second)},
		{name: "time seconds rounds half up", in: when.Add(494 * time.Millisecond), opts: attr.Options{Time: attr.TimeSeconds}, want: n("1704164646"), back: when.Truncate(time.Second).Add(time.Second)},
		{name: "time iso", in: when, opts: attr.Options{Time: attr.TimeISO}, want: s("2024-01-02T03:04:05.006Z")},
		{name: "time iso in UTC", in: when.In(time.FixedZone("", 2*3600)), opts: attr.Options{Time: attr.TimeISO}, want: s("2024-01-02T03:04:05.006Z"), back: when},
		{name: "time iso micros", in: when.Add(7000), opts: attr.Options{Time: attr.TimeISOMicros}, want: s("2024-01-02T03:04:05.006007Z")},
		{name: "time iso nanos", in: when.Add(7), opts: attr.Options{Time: attr.TimeISONanos}, want: s("2024-01-02T03:04:05.006000007Z")},
		{name: "time millis drops nanoseconds", in: when.Add(123), want: n("1704164645006"), back: when},
		{name: "zero time kept", in: time.Time{}, want: n("-62135596800000")},
		{name: "pointer", in: ptr("x"), want: s("x")},
		{name: "nil pointer absent", in: (*string)(nil), want: nil},
		{name: "pointer to pointer", in: ptr(ptr(5)), want: n("5")},
		{name: "list", in: []int{1, 2}, want: l(n("1"), n("2"))},
		{name: "empty list kept", in: []int{}, want: l()},
		{name: "nil list absent", in: []int(nil), want: nil},
		{name: "array", in: [2]string{"a", "b"}, want: l(s("a"), s("b"))},
		{name: "list keeps nil positions", in: []*int{nil, ptr(3)}, want: l(null(), n("3"))},
		{name: "list of lists", in: [][]string{{"a"}, {}}, want: l(l(s("a")), l())},
		{name: "list of times", in: []time.Time{when}, opts: attr.Options{Time: attr.TimeSeconds}, want: l(n("1704164645")), back: []time.Time{when.Truncate(time.Second)}},
		{name: "string set", in: []string{"a", "b"}, opts: attr.Options{Set: true}, want: ss("a", "b")},
		{name: "number set", in: []int{3, 1}, opts: attr.Options{Set: true}, want: ns("3", "1")},
		{name: "float set", in: []float64{0.5}, opts: attr.Options{Set: true}, want: ns("0.5")},
		{name: "big number set", in: []attr.Number{"1e40"}, opts: attr.Options{Set: true}, want: ns("1e40")},
		{name: "binary set", in: [][]byte{{1}, {2}}, opts: attr.Options{Set: true}, want: bs([]byte{1}, []byte{2})},
		{name: "time set", in: []time.Time{when}, opts: attr.Options{Set: true}, want: ns("1704164645006")},
		{name: "iso time set", in: []time.Time{when}, opts: attr.Options{Set: true, Time: attr.TimeISO}, want: ss("2024-01-02T03:04:05.006Z")},
		{name: "named string set", in: []myString{"x"}, opts: attr.Options{Set: true}, want: ss("x")},
		{name: "array set", in: [2]int{1, 2}, opts: attr.Options{Set: true}, want: ns("1", "2")},
		{name: "map struct set", in: map[string]struct{}{"a": {}, "b": {}}, opts: attr.Options{Set: true}, want: ss("a", "b")},
		{name: "map bool set keeps true", in: map[int]bool{1: true, 2: false}, opts: attr.Options{Set: true}, want: ns("1"), back: map[int]bool{1: true}},
		{name: "empty set absent", in: []string{}, opts: attr.Options{Set: true}, want: nil},
		{name: "StringSet", in: attr.StringSet{"a"}, want: ss("a")},
		{name: "NumberSet", in: attr.NumberSet{"1", "2.5"}, want: ns("1", "2.5")},
		{name: "BinarySet", in: attr.BinarySet{{0xff}}, want: bs([]byte{0xff})},
		{name: "map", in: map[string]int{"a": 1}, want: m(item{"a": n("1")})},
		{name: "empty map kept", in: map[string]int{}, want: m(item{})},
		{name: "nil map absent", in: map[string]int(nil), want: nil},
		{name: "map of strings", in: map[string]string{"k": "v", "e": ""}, want: m(item{"k": s("v"), "e": s("")})},
		{name: "map with int keys", in: map[int]string{7: "x", -1: "y"}, want: m(item{"7": s("x"), "-1": s("y")})},
		{name: "map with uint keys", in: map[uint8]bool{200: true}, want: m(item{"200": boolean(true)})},
		{name: "map nil value is NULL", in: map[string]*int{"a": nil}, want: m(item{"a": null()})},
		{name: "named string keys", in: map[myString]int{"k": 1}, want: m(item{"k": n("1")})},
		{name: "any string", in: any("x"), want: s("x")},
		{name: "map of any", in: map[string]any{
			"s": "x", "n": attr.Number("1.5"), "b": []byte{1}, "t": true, "z": nil,
			"l": []any{"a", attr.Number("2")}, "m": map[string]any{"k": "v"},
			"ss": attr.StringSet{"a"}, "ns": attr.NumberSet{"1"}, "bs": attr.BinarySet{{1}},
		}, want: m(item{
			"s": s("x"), "n": n("1.5"), "b": b(1), "t": boolean(true), "z": null(),
			"l": l(s("a"), n("2")), "m": m(item{"k": s("v")}),
			"ss": ss("a"), "ns": ns("1"), "bs": bs([]byte{1}),
		})},
		{name: "any scalars", in: map[string]any{
			"f": 1.5, "i": 3, "i64": int64(-4), "u8": uint8(9), "p": ptr(5), "np": (*int)(nil), "t": when, "bytes": []byte{7}, "c": color(1),
		}, want: m(item{
			"f": n("1.5"), "i": n("3"), "i64": n("-4"), "u8": n("9"), "p": n("5"), "np": null(), "t": n("1704164645006"), "bytes": b(7), "c": s("red"),
		}), back: map[string]any{
			"f": attr.Number("1.5"), "i": attr.Number("3"), "i64": attr.Number("-4"), "u8": attr.Number("9"), "p": attr.Number("5"), "np": nil,
			"t": attr.Number("1704164645006"), "bytes": []byte{7}, "c": "red",
		}},
		{name: "any times follow the options", in: []any{when}, opts: attr.Options{Time: attr.TimeISO}, want: l(s("2024-01-02T03:04:05.006Z")), back: []any{"2024-01-02T03:04:05.006Z"}},
		{name: "large string set", in: manyStrings(40), opts: attr.Options{Set: true}, want: ss(manyStrings(40)...)},
		{name: "large binary set", in: manyBytes(40), opts: attr.Options{Set: true}, want: bs(manyBytes(40)...)},
		{name: "text marshaler", in: color(2), want: s("green")},
		{name: "dynamodel marshaler", in: point{3, 4}, want: s("3,4")},
		{name: "sdk marshaler by method set", in: celsius(21.5), want: s("21.5C")},
		{name: "list of marshalers", in: []point{{1, 2}}, want: l(s("1,2"))},
		{name: "struct", in: struct{ A string }{"x"}, want: m(item{"A": s("x")})},
		{name: "omit empty", in: "", opts: attr.Options{OmitEmpty: true}, want: nil},
		{name: "null empty", in: 0, opts: attr.Options{NullEmpty: true}, want: null()},
		{name: "null empty nil pointer", in: (*int)(nil), opts: attr.Options{NullEmpty: true}, want: null(), back: (*int)(nil)},
		{name: "null empty set", in: []string{}, opts: attr.Options{Set: true, NullEmpty: true}, want: null(), back: []string(nil)},
		{name: "null empty keeps a value", in: 3, opts: attr.Options{NullEmpty: true}, want: n("3")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := attr.MarshalWith(tt.in, tt.opts)
			if err != nil {
				t.Fatalf("Marshal(%v) error: %v", tt.in, err)
			}
			if diff := diffAV(tt.want, got); diff != "" {
				t.Fatalf("Marshal(%v) = %s; want %s\n%s", tt.in, show(got), show(tt.want), diff)
			}
			if got == nil {
				return
			}
			out := reflect.New(reflect.TypeOf(tt.in))
			if err := attr.UnmarshalWith(got, out.Interface(), tt.opts); err != nil {
				t.Fatalf("Unmarshal(%s) error: %v", show(got), err)
			}
			want := tt.back
			if want == nil {
				want = tt.in
			}
			if tt.back == nil && tt.opts.NullEmpty && attr.TypeOf(got) == attr.NULL {
				want = reflect.Zero(reflect.TypeOf(tt.in)).Interface()
			}
			if diff := cmp.Diff(want, out.Elem().Interface()); diff != "" {
				t.Errorf("Unmarshal(%s) = %v; want %v\n%s", show(got), out.Elem().Interface(), want, diff)
			}
		})
	}
}

// TestDecodeInto covers decoding where the stored form is not the one the Go type would
// write: sets into plain slices, lists into sets, NULL into anything, numbers DynamoDB
// normalised, times stored in the other format.
func TestDecodeInto(t *testing.T) {
	tests := []struct {
		name string
		av   types.AttributeValue
		into any // pointer to a zero value of the target type
		opts attr.Options
		want any
	}{
		{name: "SS into []string", av: ss("a", "b"), into: new([]string), want: []string{"a", "b"}},
		{name: "NS into []int", av: ns("1", "2"), into: new([]int), want: []int{1, 2}},
		{name: "BS into [][]byte", av: bs([]byte{1}), into: new([][]byte), want: [][]byte{{1}}},
		{name: "L into set", av: l(s("a")), into: new([]string), opts: attr.Options{Set: true}, want: []string{"a"}},
		{name: "L into map set", av: l(n("4")), into: new(map[int]struct{}), opts: attr.Options{Set: true}, want: map[int]struct{}{4: {}}},
		{name: "SS into StringSet", av: ss("x"), into: new(attr.StringSet), want: attr.StringSet{"x"}},
		{name: "NULL into int", av: null(), into: ptr(5), want: 0},
		{name: "NULL into string", av: null(), into: ptr("x"), want: ""},
		{name: "NULL into pointer", av: null(), into: ptr(ptr(1)), want: (*int)(nil)},
		{name: "NULL into slice", av: null(), into: ptr([]int{1}), want: []int(nil)},
		{name: "NULL into map", av: null(), into: ptr(map[string]int{"a": 1}), want: map[string]int(nil)},
		{name: "NULL into time", av: null(), into: ptr(when), want: time.Time{}},
		{name: "NULL into struct", av: null(), into: ptr(struct{ A int }{1}), want: struct{ A int }{}},
		{name: "NULL into any", av: null(), into: ptr(any(1)), want: nil},
		{name: "NULL into text unmarshaler", av: null(), into: ptr(color(1)), want: color(0)},
		{name: "exponent into int", av: n("1E+3"), into: new(int), want: 1000},
		{name: "whole fraction into int", av: n("7.0"), into: new(int64), want: int64(7)},
		{name: "exponent into uint", av: n("2e2"), into: new(uint16), want: uint16(200)},
		{name: "iso text into millis time", av: s("2024-01-02T03:04:05.006Z"), into: new(time.Time), want: when},
		{name: "millis into iso time", av: n("1704164645006"), into: new(time.Time), opts: attr.Options{Time: attr.TimeISO}, want: when},
		{name: "seconds", av: n("1704164645"), into: new(time.Time), opts: attr.Options{Time: attr.TimeSeconds}, want: when.Truncate(time.Second)},
		{name: "N into any is Number", av: n("12345678901234567890123"), into: new(any), want: attr.Number("12345678901234567890123")},
		{name: "M into any", av: m(item{"a": l(boolean(true), null())}), into: new(any), want: map[string]any{"a": []any{true, nil}}},
		{name: "SS into any", av: ss("a"), into: new(any), want: attr.StringSet{"a"}},
		{name: "NS into any", av: ns("1"), into: new(any), want: attr.NumberSet{"1"}},
		{name: "BS into any", av: bs([]byte{1}), into: new(any), want: attr.BinarySet{{1}}},
		{name: "B into any", av: b(1), into: new(any), want: []byte{1}},
		{name: "into pointer held by any", av: n("3"), into: ptr(any(new(int))), want: ptr(3)},
		{name: "short list into array zeroes the rest", av: l(n("1")), into: ptr([3]int{7, 7, 7}), want: [3]int{1, 0, 0}},
		{name: "M into map of lists", av: m(item{"k": l(s("a"))}), into: new(map[string][]string), want: map[string][]string{"k": {"a"}}},
		{name: "M into int keyed map", av: m(item{"-3": s("x")}), into: new(map[int64]string), want: map[int64]string{-3: "x"}},
		{name: "NULL value in map of strings", av: m(item{"k": null()}), into: new(map[string]string), want: map[string]string{"k": ""}},
		{name: "attribute value passthrough", av: m(item{"a": n("1")}), into: new(types.AttributeValue), want: m(item{"a": n("1")})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := attr.UnmarshalWith(tt.av, tt.into, tt.opts); err != nil {
				t.Fatalf("Unmarshal(%s) error: %v", show(tt.av), err)
			}
			got := reflect.ValueOf(tt.into).Elem().Interface()
			if diff := cmp.Diff(tt.want, got, avOpts); diff != "" {
				t.Errorf("Unmarshal(%s) = %#v; want %#v\n%s", show(tt.av), got, tt.want, diff)
			}
		})
	}
}

func manyStrings(k int) []string {
	out := make([]string, k)
	for i := range out {
		out[i] = "v" + strconv.Itoa(i)
	}
	return out
}

func manyBytes(k int) [][]byte {
	out := make([][]byte, k)
	for i := range out {
		out[i] = []byte{byte(i), byte(i >> 8)}
	}
	return out
}
