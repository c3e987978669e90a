package schema

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type Measure struct {
	ID     int64       `dynamo:"id"`
	Seq    uint16      `dynamo:"seq"`
	Total  float64     `dynamo:"total"`
	Ratio  float32     `dynamo:"ratio"`
	Small  int8        `dynamo:"small"`
	Count  *int        `dynamo:"count"`
	Amount attr.Number `dynamo:"amount"`
	Name   string      `dynamo:"name"`
	Scores []float64   `dynamo:"scores,omitempty"`
	Codes  []int       `dynamo:"codes,set,omitempty"`
}

func TestValueNumbers(t *testing.T) {
	sc := mustSchema(t)(For[Measure](Attr("id", HashKey()), Attr("seq", RangeKey())))
	tests := []struct {
		name  string
		path  string
		v     any
		want  string // the encoded value, or the refusal's text
		fails bool
	}{
		{"int for a float64", "total", 45, "N45", false},
		{"uint for a float64", "total", uint8(7), "N7", false},
		{"float32 for a float64", "total", float32(0.5), "N0.5", false},
		{"int for a float32", "ratio", 3, "N3", false},
		{"float64 a float32 holds", "ratio", 0.25, "N0.25", false},
		{"float64 a float32 rounds", "ratio", 0.1, "not exactly representable as float32", true},
		{"whole float for an int64", "id", 12.0, "N12", false},
		{"float with a fraction for an int64", "id", 12.5, "has a fraction", true},
		{"int for an int8", "small", 100, "N100", false},
		{"int over an int8", "small", 300, "overflows int8", true},
		{"negative for a uint16", "seq", -1, "overflows uint16", true},
		{"float over an int64", "id", 1e19, "overflows int64", true},
		{"NaN for an int64", "id", math.NaN(), "not a number", true},
		{"int64 beyond float64's precision", "total", int64(1<<53 + 1), "not exactly representable", true},
		{"int64 float64 holds", "total", int64(1 << 60), "N1.152921504606847e+18", false},
		{"int for a *int", "count", int32(4), "N4", false},
		{"whole float for a *int", "count", 4.0, "N4", false},
		{"int for an attr.Number", "amount", 12, "N12", false},
		{"float for an attr.Number", "amount", 1.25, "N1.25", false},
		{"infinity for an attr.Number", "amount", math.Inf(1), "not a number", true},
		{"number for a string", "name", 5, "want string", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Value(tt.path, tt.v)
			if tt.fails {
				var ve *validate.Error
				if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Path != tt.path || ve.Fields[0].Rule != "type" {
					t.Fatalf("Value(%s, %v) = %v, %v; want a type refusal at %s", tt.path, tt.v, render(got), err, tt.path)
				}
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Value(%s, %v) = %v; want an error saying %q", tt.path, tt.v, err, tt.want)
				}
				return
			}
			if err != nil || render(got) != tt.want {
				t.Errorf("Value(%s, %v) = %s, %v; want %s", tt.path, tt.v, render(got), err, tt.want)
			}
		})
	}
}

func TestKeyNumbers(t *testing.T) {
	sc := mustSchema(t)(For[Measure](Attr("id", HashKey()), Attr("seq", RangeKey())))
	tests := []struct {
		name      string
		hash, rng any
		want      string
		fails     string
	}{
		{"untyped constants", 7, 2, "{id:N7 seq:N2}", ""},
		{"whole floats", 7.0, 2.0, "{id:N7 seq:N2}", ""},
		{"fraction and overflow", 7.5, 70000, "", "id:type seq:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Key(tt.hash, tt.rng)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Key(%v, %v) = %v; want failures %q", tt.hash, tt.rng, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Key(%v, %v) = %s; want %s", tt.hash, tt.rng, renderItem(got), tt.want)
			}
		})
	}
}

func TestUpdateNumbers(t *testing.T) {
	var seen any
	sc := mustSchema(t)(For[Measure](Attr("id", HashKey()), Attr("seq", RangeKey()),
		Attr("total", Setter(func(v float64, _ *float64) (float64, error) { seen = v; return v, nil }))))
	tests := []struct {
		name  string
		c     Change
		want  string
		fails string
	}{
		{"SET an int into a float64, the setter sees a float64", Change{Op: UpdateSet, Path: "total", Value: 45}, "SET total N45", ""},
		{"SET a whole float into an int8", Change{Op: UpdateSet, Path: "small", Value: 3.0}, "SET small N3", ""},
		{"SET a fraction into an int8", Change{Op: UpdateSet, Path: "small", Value: 3.5}, "", "small:type"},
		{"ADD an int to a float64", Change{Op: UpdateAdd, Path: "total", Value: 2}, "ADD total N2", ""},
		{"ADD a fraction to an int8", Change{Op: UpdateAdd, Path: "small", Value: 0.5}, "", "small:type"},
		{"ADD more than an int8 holds", Change{Op: UpdateAdd, Path: "small", Value: 1000}, "", "small:type"},
		{"SET a list of ints into a list of floats", Change{Op: UpdateSet, Path: "scores", Value: []int{1, 2}}, "SET scores L[N1 N2]", ""},
		{"SET a list with a fraction into a list of ints", Change{Op: UpdateSet, Path: "codes", Value: []float64{1, 2.5}}, "", "codes:type"},
		{"ADD whole floats to an int set", Change{Op: UpdateAdd, Path: "codes", Value: []float64{3, 4}}, "ADD codes NS[3 4]", ""},
		{"DELETE a fraction from an int set", Change{Op: UpdateDelete, Path: "codes", Value: []float64{0.5}}, "", "codes:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen = nil
			got, err := sc.Update([]Change{tt.c})
			if f := failures(err); f != tt.fails {
				t.Fatalf("Update(%v) = %v; want failures %q", tt.c, err, tt.fails)
			}
			if err != nil {
				return
			}
			if s := got[0].Op.String() + " " + got[0].Path.String() + " " + render(got[0].Value); s != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.c, s, tt.want)
			}
			if tt.c.Path == "total" && tt.c.Op == UpdateSet {
				if _, ok := seen.(float64); !ok {
					t.Errorf("Update(%v): the setter got %T; want float64", tt.c, seen)
				}
			}
		})
	}
}

func TestDefaultNumberMustFit(t *testing.T) {
	tests := []struct {
		name  string
		def   any
		fails bool
	}{
		{"whole float for an int8", 3.0, false},
		{"fraction for an int8", 1.5, true},
		{"overflow of an int8", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := For[Measure](Attr("id", HashKey()), Attr("small", Default(tt.def)))
			if got := err != nil; got != tt.fails {
				t.Errorf("For(Default(%v)) = %v; want failure %v", tt.def, err, tt.fails)
			}
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Errorf("For(Default(%v)) = %v; want ErrInvalid", tt.def, err)
			}
		})
	}
}
