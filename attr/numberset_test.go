package attr_test

import (
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

func TestNumberSetDuplicatesByValue(t *testing.T) {
	tests := []struct {
		name string
		set  []attr.Number
		dup  bool
	}{
		{"distinct", []attr.Number{"1", "2", "1.5", "-1", "10", "0.1"}, false},
		{"same text", []attr.Number{"1", "1"}, true},
		{"trailing zero", []attr.Number{"1", "1.0"}, true},
		{"leading zero", []attr.Number{"01", "1"}, true},
		{"exponent", []attr.Number{"100", "1e2"}, true},
		{"negative exponent", []attr.Number{"0.5", "5E-1"}, true},
		{"plus sign", []attr.Number{"+3", "3"}, true},
		{"zeros", []attr.Number{"0", "-0.00"}, true},
		{"sign matters", []attr.Number{"1", "-1"}, false},
		{"scale matters", []attr.Number{"1", "10", "100", "0.01"}, false},
		{"38 digits", []attr.Number{"12345678901234567890123456789012345678", "12345678901234567890123456789012345679"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.set, attr.NumberSet(tt.set)} {
				_, err := attr.MarshalWith(v, attr.Options{Set: true})
				if got := errors.Is(err, attr.ErrDuplicate); got != tt.dup {
					t.Errorf("MarshalWith(%#v, set) = %v; want a duplicate: %v", v, err, tt.dup)
				}
			}
		})
	}
	// Floats: -0 and 0 are one number to DynamoDB.
	if _, err := attr.MarshalWith([]float64{0, negZero()}, attr.Options{Set: true}); !errors.Is(err, attr.ErrDuplicate) {
		t.Errorf("MarshalWith([0 -0], set) = %v; want ErrDuplicate", err)
	}
}

func negZero() float64 {
	z := 0.0
	return -z
}

func TestCanonicalNumber(t *testing.T) {
	tests := []struct {
		name string
		in   []string // spellings of one number
		want string
	}{
		{"integer", []string{"17", "+17", "017", "17.0", "1.7e1", "170e-1"}, "17"},
		{"exponent", []string{"1.7e+09", "1.7E9", "1700000000", "1700000000.000", "17e8"}, "17e8"},
		{"fraction", []string{"1.5", "1.50", "01.5", "15e-1", "0.15e1"}, "15e-1"},
		{"negative", []string{"-1.50", "-1.5", "-15E-1"}, "-15e-1"},
		{"zero", []string{"0", "-0", "0.000", "0e10", "-0.0e-3", ".0"}, "0"},
		{"small", []string{"0.001", "1e-3", ".001"}, "1e-3"},
		{"not a number", []string{"abc"}, "abc"},
		{"bad exponent", []string{"1e"}, "1e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range tt.in {
				if got := attr.CanonicalNumber(in); got != tt.want {
					t.Errorf("CanonicalNumber(%q) = %q; want %q", in, got, tt.want)
				}
			}
		})
	}
}
