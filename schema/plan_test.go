package schema

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"testing"
	"time"
	"unsafe"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type planInner struct {
	Code  string  `dynamo:"code"`
	Score float64 `dynamo:"score"`
}

type PlanEmbedded struct {
	Note string `dynamo:"note"`
}

type planItem struct {
	ID      string      `dynamo:"id"`
	Views   int64       `dynamo:"views"`
	Rating  float64     `dynamo:"rating"`
	Color   string      `dynamo:"color"`
	Tags    []string    `dynamo:"tags,set"`
	Level   int         `dynamo:"level"`
	Inner   planInner   `dynamo:"inner"`
	Ptr     *planInner  `dynamo:"ptr"`
	List    []planInner `dynamo:"list"`
	Created time.Time   `dynamo:"created,unixtime"`
	PlanEmbedded
}

// TestCheckPlan checks that the compiled checks of an item that needs no write give exactly
// what the general pipeline gives, item or failures, for items that pass and items that
// fail every kind of check, and that each validator runs once per write either way.
// planSchema returns the schema of planItem, with every kind of check, whose rating
// validator counts its calls in calls.
func planSchema(t *testing.T, calls *int) *Schema {
	code := validate.Regexp(regexp.MustCompile(`^[A-Z]{3}$`))
	return mustSchema(t)(For[planItem](
		Attr("id", HashKey(), Validate(validate.Regexp(regexp.MustCompile(`^item#[0-9]+$`)))),
		Attr("views", Default(int64(1))),
		Attr("rating", Validate(validate.Func("rating", func(r float64) error {
			*calls++
			if r < 0 || r > 5 {
				return errors.New("out of range")
			}
			return nil
		}))),
		Attr("color", Enum("red", "green")),
		Attr("tags", Enum("a", "b", "c")),
		Attr("level", Enum(1, 2, 3)),
		Attr("inner.code", Required(), Validate(code)),
		Attr("inner.score", Validate(validate.Func("score", func(f float64) error {
			if math.Signbit(f) {
				return errors.New("negative")
			}
			return nil
		}))),
		Attr("ptr.code", Validate(code)),
		Attr("list.code", Validate(code)),
		Attr("note", Required()),
		CreatedAt("created", attr.TimeSeconds),
		UpdatedAt("updated", attr.TimeSeconds),
		clock(),
	))
}

func TestCheckPlan(t *testing.T) {
	calls := 0
	s := planSchema(t, &calls)
	if s.checks == nil {
		t.Fatal("no check plan for a schema whose pipeline writes nothing to a complete item")
	}
	fast, walks := 0, 0
	for _, c := range s.checks.checks {
		if c.fast {
			fast++
		}
		if c.walk {
			walks++
		}
	}
	// Fields: id, rating, inner.code, inner.score (validate), inner.code, note (required),
	// color, tags, level (enum); walks: ptr and list (validate).
	if len(s.checks.need) != 2 || fast != 9 || walks != 2 {
		t.Errorf("plan: %d presence checks, %d fast checks, %d walks; want 2, 9, 2", len(s.checks.need), fast, walks)
	}
	general := *s
	general.checks = nil

	valid, changes := planItems()
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			for _, create := range []bool{false, true} {
				item := valid
				item.Tags = append([]string(nil), valid.Tags...)
				change(&item)
				want, wantCalls := run(&general, &item, create, &calls)
				got, gotCalls := run(s, &item, create, &calls)
				if got != want {
					t.Errorf("create=%v: with the plan\n%s\nwant (general pipeline)\n%s", create, got, want)
				}
				if gotCalls != wantCalls || item.Rating != 0 && gotCalls != 1 {
					t.Errorf("create=%v: the rating validator ran %d times; the general pipeline runs it %d times", create, gotCalls, wantCalls)
				}
			}
		})
	}
}

// planItems returns a planItem that passes every check, and changes to it, by name.
func planItems() (planItem, map[string]func(*planItem)) {
	valid := planItem{
		ID: "item#1", Views: 2, Rating: 4.5, Color: "red", Tags: []string{"a", "c"}, Level: 2,
		Inner: planInner{Code: "ABC", Score: 1}, Ptr: &planInner{Code: "DEF"},
		List:    []planInner{{Code: "GHI"}, {Code: "JKL"}},
		Created: time.Unix(1718000000, 0), PlanEmbedded: PlanEmbedded{Note: "n"},
	}
	changes := map[string]func(*planItem){
		"valid":                 func(*planItem) {},
		"id fails":              func(v *planItem) { v.ID = "other" },
		"id missing":            func(v *planItem) { v.ID = "" },
		"default to write":      func(v *planItem) { v.Views = 0 },
		"default and a failure": func(v *planItem) { v.Views, v.Color = 0, "blue" },
		"createdAt to write":    func(v *planItem) { v.Created = time.Time{} },
		"rating fails":          func(v *planItem) { v.Rating = 7 },
		"rating -0 is zero":     func(v *planItem) { v.Rating = math.Copysign(0, -1) },
		"rating 0 skipped":      func(v *planItem) { v.Rating = 0 },
		"color fails":           func(v *planItem) { v.Color = "blue" },
		"color empty":           func(v *planItem) { v.Color = "" },
		"tag fails":             func(v *planItem) { v.Tags = []string{"a", "z"} },
		"tags empty":            func(v *planItem) { v.Tags = []string{} },
		"level fails":           func(v *planItem) { v.Level = 9 },
		"inner code missing":    func(v *planItem) { v.Inner.Code = "" },
		"inner code fails":      func(v *planItem) { v.Inner.Code = "abc" },
		"inner score -0":        func(v *planItem) { v.Inner.Score = math.Copysign(0, -1) },
		"ptr code fails":        func(v *planItem) { v.Ptr = &planInner{Code: "x"} },
		"ptr nil":               func(v *planItem) { v.Ptr = nil },
		"list code fails":       func(v *planItem) { v.List = []planInner{{Code: "GHI"}, {Code: "no"}} },
		"note missing":          func(v *planItem) { v.Note = "" },
		"everything fails": func(v *planItem) {
			v.ID, v.Rating, v.Color, v.Tags, v.Level = "x", -1, "blue", []string{"z"}, 0
			v.Inner, v.Ptr, v.List, v.Note = planInner{Score: -1}, &planInner{Code: "x"}, []planInner{{Code: "y"}}, ""
		},
	}
	return valid, changes
}

// run writes item with s and returns the item or the failures as text, with the number of
// calls the write made to the counted validator.
func run(s *Schema, item *planItem, create bool, calls *int) (string, int) {
	*calls = 0
	write := s.Put
	if create {
		write = s.Create
	}
	out, err := write(item)
	if err != nil {
		var ve *validate.Error
		if errors.As(err, &ve) {
			text := ""
			for _, f := range ve.Fields {
				text += fmt.Sprintf("%s %s %v: %v\n", f.Path, f.Rule, f.Value, f.Err)
			}
			return text, *calls
		}
		return "error: " + err.Error(), *calls
	}
	return renderItem(out), *calls
}

// TestIsZero checks that a field's zero value is told as reflect.Value.IsZero tells it.
func TestIsZero(t *testing.T) {
	type plain struct {
		A int32
		B int32
		P *int
	}
	type padded struct {
		A int8
		B int64
	}
	one := 1
	negZero := math.Copysign(0, -1)
	values := []any{
		int8(0), int8(1), int16(0), int16(-1), int32(0), uint32(7), int64(0), int64(1 << 40), false, true,
		float32(0), float32(negZero), float64(0), negZero, 0.5,
		"", "abc"[:0], "a", []int(nil), []int{}, map[int]int(nil), map[int]int{}, (*int)(nil), &one,
		complex128(0), complex(negZero, 0), complex64(1i),
		time.Time{}, time.Unix(0, 0), plain{}, plain{B: 1}, plain{P: &one},
		padded{}, padded{A: 1}, planInner{}, planInner{Score: negZero}, planInner{Code: "abc"[:0]}, [2]int{}, [2]int{0, 1},
	}
	type holder struct{ V any }
	for _, v := range values {
		rv := reflect.New(reflect.TypeOf(v)).Elem()
		rv.Set(reflect.ValueOf(v))
		f := fieldAt{zero: zeroKindOf(rv.Type()), typ: rv.Type()}
		if got, want := f.isZero(rv.Addr().UnsafePointer()), rv.IsZero(); got != want {
			t.Errorf("isZero(%T %#v) = %v (zero kind %d); reflect says %v", v, v, got, f.zero, want)
		}
	}
	for _, v := range []any{nil, 0, ""} {
		h := holder{v}
		f := fieldAt{zero: zeroKindOf(reflect.TypeFor[any]()), typ: reflect.TypeFor[any]()}
		if got, want := f.isZero(unsafe.Pointer(&h.V)), reflect.ValueOf(&h).Elem().Field(0).IsZero(); got != want {
			t.Errorf("isZero(any(%#v)) = %v; reflect says %v", v, got, want)
		}
	}
	if k := zeroKindOf(reflect.TypeFor[padded]()); k != zeroReflect {
		t.Errorf("zeroKindOf(padded struct) = %d; want zeroReflect: its padding is not compared", k)
	}
	if k := zeroKindOf(reflect.TypeFor[time.Time]()); k != zeroWords {
		t.Errorf("zeroKindOf(time.Time) = %d; want zeroWords", k)
	}
}

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
			if got := e.holds(v.Elem().Type(), v.UnsafePointer()); got != tc.want {
				t.Errorf("enum of %d values: holds(%#v) = %v; want %v", len(values), tc.v, got, tc.want)
			}
		}
	}
	var none *stringEnum
	if none.holds(reflect.TypeFor[string](), unsafe.Pointer(new(string))) {
		t.Error("a nil enum holds a string")
	}
}
