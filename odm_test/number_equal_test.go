package odm_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// TestEqualNumbersByValue: validate.Equal compares numbers by value "whatever their Go
// kind (and attr.Number text)"; two attr.Number values that spell one number differently
// were compared as text, so Enum and Value refused a stored 1.0 against 1.
func TestEqualNumbersByValue(t *testing.T) {
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"attr.Number spellings", attr.Number("1.0"), attr.Number("1"), true},
		{"attr.Number exponent", attr.Number("1.5E+2"), attr.Number("150"), true},
		{"attr.Number and int", attr.Number("1.0"), 1, true},
		{"attr.Number different", attr.Number("1.5"), attr.Number("1.50001"), false},
		{"attr.Number malformed as text", attr.Number("x"), attr.Number("x"), true},
		{"strings stay text", "1.0", "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validate.Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%#v, %#v) = %v; want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

type levelItem struct {
	ID    string      `dynamo:"id"`
	Level attr.Number `dynamo:"level"`
}

// TestNumberEnumByValue: the schema's enum and value rules on an attr.Number attribute
// accept another spelling of a member.
func TestNumberEnumByValue(t *testing.T) {
	tests := []struct {
		name string
		rule schema.Setting
	}{
		{"enum", schema.Enum(attr.Number("1"), attr.Number("2"))},
		{"value", schema.Validate(validate.Value(attr.Number("1")))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := schema.Must(schema.For[levelItem](schema.Attr("id", schema.HashKey()), schema.Attr("level", tt.rule)))
			if _, err := s.Put(&levelItem{ID: "a", Level: "1.0"}); err != nil {
				t.Errorf("Put(level 1.0) = %v; want nil", err)
			}
			if _, err := s.Put(&levelItem{ID: "a", Level: "3"}); err == nil {
				t.Errorf("Put(level 3) = nil; want a *validate.Error")
			}
		})
	}
}
