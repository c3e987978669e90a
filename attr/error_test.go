package attr_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
)

type target struct {
	Count  int               `dynamo:"count"`
	Small  int8              `dynamo:"small"`
	U      uint              `dynamo:"u"`
	F      float64           `dynamo:"f"`
	Name   string            `dynamo:"name"`
	Flag   bool              `dynamo:"flag"`
	List   []int             `dynamo:"list"`
	Pair   [2]int            `dynamo:"pair"`
	ID     [4]byte           `dynamo:"uuid"`
	Data   []byte            `dynamo:"data"`
	Award  award             `dynamo:"award"`
	Awards []award           `dynamo:"awards"`
	ByName map[string]award  `dynamo:"byName"`
	ByNum  map[int]string    `dynamo:"byNum"`
	Tags   []string          `dynamo:"tags,set"`
	Nums   []int             `dynamo:"nums,set"`
	When   attrTime          `dynamo:"when"`
	Color  color             `dynamo:"color"`
	Point  point             `dynamo:"point"`
	Str    fmt.Stringer      `dynamo:"str"`
	Labels map[string]string `dynamo:"labels"`
	Big    attr.Number       `dynamo:"big"`
}

type attrTime struct {
	At attrTimeValue `dynamo:"at"`
}

type attrTimeValue = time.Time

// TestUnmarshalErrors checks that every kind of mismatch names the attribute path, the Go
// type and the DynamoDB type, and wraps the right sentinel.
func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name     string
		item     item
		path     string
		goType   reflect.Type
		dynamo   attr.Type
		sentinel error
	}{
		{"S into int", item{"count": s("1")}, "count", typeOf[int](), attr.S, attr.ErrType},
		{"N into string", item{"name": n("1")}, "name", typeOf[string](), attr.N, attr.ErrType},
		{"S into bool", item{"flag": s("true")}, "flag", typeOf[bool](), attr.S, attr.ErrType},
		{"BOOL into list", item{"list": boolean(true)}, "list", typeOf[[]int](), attr.BOOL, attr.ErrType},
		{"L into struct", item{"award": l()}, "award", typeOf[award](), attr.L, attr.ErrType},
		{"M into list", item{"list": m(item{})}, "list", typeOf[[]int](), attr.M, attr.ErrType},
		{"S into bytes", item{"data": s("x")}, "data", typeOf[[]byte](), attr.S, attr.ErrType},
		{"S into map", item{"labels": s("x")}, "labels", typeOf[map[string]string](), attr.S, attr.ErrType},
		{"N into map value", item{"labels": m(item{"k": n("1")})}, "labels.k", typeOf[string](), attr.N, attr.ErrType},
		{"not a number", item{"count": n("abc")}, "count", typeOf[int](), attr.N, attr.ErrSyntax},
		{"overflow", item{"small": n("300")}, "small", typeOf[int8](), attr.N, attr.ErrRange},
		{"fraction into int", item{"count": n("1.5")}, "count", typeOf[int](), attr.N, attr.ErrRange},
		{"negative into uint", item{"u": n("-1")}, "u", typeOf[uint](), attr.N, attr.ErrRange},
		{"float overflow", item{"f": n("1e400")}, "f", typeOf[float64](), attr.N, attr.ErrRange},
		{"wrong byte count", item{"uuid": b(1, 2, 3)}, "uuid", typeOf[[4]byte](), attr.B, attr.ErrRange},
		{"list longer than array", item{"pair": l(n("1"), n("2"), n("3"))}, "pair", typeOf[[2]int](), attr.L, attr.ErrRange},
		{"nested struct", item{"award": m(item{"year": s("x")})}, "award.year", typeOf[int](), attr.S, attr.ErrType},
		{"list element", item{"awards": l(m(item{}), m(item{"year": s("1999")}))}, "awards[1].year", typeOf[int](), attr.S, attr.ErrType},
		{"map value", item{"byName": m(item{"x": m(item{"title": n("1")})})}, "byName.x.title", typeOf[string](), attr.N, attr.ErrType},
		{"map key", item{"byNum": m(item{"one": s("x")})}, "byNum.one", typeOf[int](), attr.M, attr.ErrSyntax},
		{"set member", item{"nums": ns("1", "x")}, "nums[1]", typeOf[int](), attr.N, attr.ErrSyntax},
		{"list element into set", item{"tags": l(s("a"), n("2"))}, "tags[1]", typeOf[string](), attr.N, attr.ErrType},
		{"S set into numbers", item{"nums": ss("1")}, "nums[0]", typeOf[int](), attr.S, attr.ErrType},
		{"bad time text", item{"when": m(item{"at": s("yesterday")})}, "when.at", typeOf[attrTimeValue](), attr.S, attr.ErrSyntax},
		{"BOOL into time", item{"when": m(item{"at": boolean(true)})}, "when.at", typeOf[attrTimeValue](), attr.BOOL, attr.ErrType},
		{"N into Number is fine but S is not", item{"big": s("1")}, "big", typeOf[attr.Number](), attr.S, attr.ErrType},
		{"N into text unmarshaler", item{"color": n("1")}, "color", typeOf[color](), attr.N, attr.ErrType},
		{"non-empty interface", item{"str": s("x")}, "str", typeOf[fmt.Stringer](), attr.S, attr.ErrUnsupported},
		{"nil attribute value", item{"count": nil}, "count", typeOf[int](), attr.Invalid, attr.ErrType},
		{"nil list element", item{"list": l(nil)}, "list[0]", typeOf[int](), attr.Invalid, attr.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v target
			err := attr.UnmarshalItem(tt.item, &v)
			checkError(t, fmt.Sprintf("UnmarshalItem(%s)", showItem(tt.item)), err, "unmarshal", tt.path, tt.goType, tt.dynamo, tt.sentinel)
		})
	}
}

// TestUnmarshalCustomErrors checks that errors of the type's own methods keep their message
// and gain the path.
func TestUnmarshalCustomErrors(t *testing.T) {
	tests := []struct {
		name string
		item item
		path string
		msg  string
	}{
		{"text unmarshaler", item{"color": s("blue")}, "color", `attr: unmarshal "color": S into attr_test.color: unknown color "blue"`},
		{"dynamodel unmarshaler", item{"point": s("12")}, "point", `attr: unmarshal "point": S into attr_test.point: point needs x,y`},
		{"overflow detail", item{"small": n("300")}, "small", `attr: unmarshal "small": N into int8: value out of range: "300" does not fit`},
		{"array length detail", item{"uuid": b(1)}, "uuid", `attr: unmarshal "uuid": B into [4]uint8: value out of range: 1 bytes for 4`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v target
			err := attr.UnmarshalItem(tt.item, &v)
			var e *attr.Error
			if !errors.As(err, &e) {
				t.Fatalf("UnmarshalItem(%s) = %v; want an *attr.Error", showItem(tt.item), err)
			}
			if e.Path != tt.path || err.Error() != tt.msg {
				t.Errorf("UnmarshalItem(%s) = %q (path %q); want %q (path %q)", showItem(tt.item), err, e.Path, tt.msg, tt.path)
			}
		})
	}
}

type marshalTarget struct {
	Tags   []string          `dynamo:"tags,set"`
	Nums   []float64         `dynamo:"nums,set"`
	Bins   [][]byte          `dynamo:"bins,set"`
	F      float64           `dynamo:"f"`
	F32    float32           `dynamo:"f32"`
	Big    attr.Number       `dynamo:"big"`
	Fail   failing           `dynamo:"fail"`
	Scores []scored          `dynamo:"scores"`
	ByName map[string]scored `dynamo:"byName"`
	Any    any               `dynamo:"any"`
	Color  color             `dynamo:"color"`
}

type scored struct {
	Score float64 `dynamo:"score"`
}

func TestMarshalErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name     string
		in       marshalTarget
		path     string
		goType   reflect.Type
		dynamo   attr.Type
		sentinel error
	}{
		{"duplicate string", marshalTarget{Tags: []string{"a", "b", "a"}}, "tags[2]", typeOf[[]string](), attr.SS, attr.ErrDuplicate},
		{"duplicate number", marshalTarget{Nums: []float64{1, 1}}, "nums[1]", typeOf[[]float64](), attr.NS, attr.ErrDuplicate},
		{"duplicate bytes", marshalTarget{Bins: [][]byte{{1}, {1}}}, "bins[1]", typeOf[[][]byte](), attr.BS, attr.ErrDuplicate},
		{"duplicate in a large set", marshalTarget{Tags: append(manyStrings(30), "v7")}, "tags[30]", typeOf[[]string](), attr.SS, attr.ErrDuplicate},
		{"duplicate in a large binary set", marshalTarget{Bins: append(manyBytes(30), []byte{3, 0})}, "bins[30]", typeOf[[][]byte](), attr.BS, attr.ErrDuplicate},
		{"NaN", marshalTarget{F: nan}, "f", typeOf[float64](), attr.N, attr.ErrRange},
		{"infinity in float32", marshalTarget{F32: float32(math.Inf(1))}, "f32", typeOf[float32](), attr.N, attr.ErrRange},
		{"NaN in set", marshalTarget{Nums: []float64{nan}}, "nums[0]", typeOf[float64](), attr.N, attr.ErrRange},
		{"invalid number", marshalTarget{Big: "12abc"}, "big", typeOf[attr.Number](), attr.N, attr.ErrSyntax},
		{"nested", marshalTarget{Scores: []scored{{1}, {nan}}}, "scores[1].score", typeOf[float64](), attr.N, attr.ErrRange},
		{"map value", marshalTarget{ByName: map[string]scored{"x": {nan}}}, "byName.x.score", typeOf[float64](), attr.N, attr.ErrRange},
		{"any value", marshalTarget{Any: []any{make(chan int)}}, "any[0]", typeOf[chan int](), attr.Invalid, attr.ErrUnsupported},
	}
	c, err := attr.For[marshalTarget]()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Color = 1
			_, err := c.Marshal(&tt.in)
			checkError(t, fmt.Sprintf("Marshal(%+v)", tt.in), err, "marshal", tt.path, tt.goType, tt.dynamo, tt.sentinel)
			_, err = attr.MarshalItem(tt.in)
			checkError(t, fmt.Sprintf("MarshalItem(%+v)", tt.in), err, "marshal", tt.path, tt.goType, tt.dynamo, tt.sentinel)
		})
	}
	t.Run("custom marshaler", func(t *testing.T) {
		in := marshalTarget{Color: 1, Fail: failing{Fail: true}}
		_, err := c.Marshal(&in)
		want := `attr: marshal "fail": attr_test.failing: refused`
		if err == nil || err.Error() != want {
			t.Errorf("Marshal(%+v) = %v; want %s", in, err, want)
		}
	})
}

type (
	badOption struct {
		A string `dynamo:"a,omitempty,sett"`
	}
	badSet struct {
		A int `dynamo:"a,set"`
	}
	badBytesSet struct {
		A []byte `dynamo:"a,set"`
	}
	badUnknown struct {
		A map[string]string `dynamo:",unknown"`
	}
	twoUnknowns struct {
		A map[string]any                  `dynamo:",unknown"`
		B map[string]types.AttributeValue `dynamo:",unknown"`
	}
	sameName struct {
		A string `dynamo:"x"`
		B string `dynamo:"x"`
	}
	EmbA      struct{ Base }
	EmbB      struct{ Base }
	twiceBase struct {
		EmbA
		EmbB
	}
	chanField   struct{ C chan int }
	funcField   struct{ F func() }
	structKeyed struct{ M map[point]int }
	complexNum  struct{ C complex128 }
	// embedsTime has time.Time's methods, promoted: it encodes as text, not as a map.
	embedsTime struct {
		time.Time
		ID string
	}
)

// TestCompileErrors checks the problems reported when a type is first compiled.
func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name     string
		compile  func() error
		path     string
		sentinel error
	}{
		{"unknown option", func() error { _, err := attr.For[badOption](); return err }, "A", attr.ErrTag},
		{"set on a number", func() error { _, err := attr.For[badSet](); return err }, "a", attr.ErrTag},
		{"set on bytes", func() error { _, err := attr.For[badBytesSet](); return err }, "a", attr.ErrTag},
		{"unknown on the wrong map", func() error { _, err := attr.For[badUnknown](); return err }, "", attr.ErrTag},
		{"two unknown fields", func() error { _, err := attr.For[twoUnknowns](); return err }, "", attr.ErrTag},
		{"one name twice", func() error { _, err := attr.For[sameName](); return err }, "x", attr.ErrTag},
		{"one struct embedded twice at a depth", func() error { _, err := attr.For[twiceBase](); return err }, "id", attr.ErrTag},
		{"chan", func() error { _, err := attr.For[chanField](); return err }, "C", attr.ErrUnsupported},
		{"func", func() error { _, err := attr.For[funcField](); return err }, "F", attr.ErrUnsupported},
		{"complex", func() error { _, err := attr.For[complexNum](); return err }, "C", attr.ErrUnsupported},
		{"struct map keys", func() error { _, err := attr.For[structKeyed](); return err }, "M", attr.ErrUnsupported},
		{"not a struct", func() error { _, err := attr.For[int](); return err }, "", attr.ErrUnsupported},
		{"item of a slice", func() error { _, err := attr.MarshalItem([]int{1}); return err }, "", attr.ErrUnsupported},
		{"item of a struct that encodes as S", func() error { _, err := attr.MarshalItem(embedsTime{ID: "x"}); return err }, "", attr.ErrType},
		{"unmarshal item into a slice", func() error { return attr.UnmarshalItem(item{}, &[]int{}) }, "", attr.ErrUnsupported},
		{"Marshal of a chan", func() error { _, err := attr.Marshal(make(chan int)); return err }, "", attr.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.compile()
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("compile = %v; want an error wrapping %v", err, tt.sentinel)
			}
			var e *attr.Error
			if !errors.As(err, &e) {
				t.Fatalf("compile = %v; want an *attr.Error", err)
			}
			if tt.path != "" && e.Path != tt.path {
				t.Errorf("compile = %v with path %q; want path %q", err, e.Path, tt.path)
			}
		})
	}
}

func TestPointerArguments(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
	}{
		{"UnmarshalItem into a value", func() error { return attr.UnmarshalItem(item{}, target{}) }},
		{"UnmarshalItem into nil", func() error { return attr.UnmarshalItem(item{}, (*target)(nil)) }},
		{"Unmarshal into a value", func() error { return attr.Unmarshal(s("x"), "") }},
		{"Unmarshal of nil", func() error { var x string; return attr.Unmarshal(nil, &x) }},
		{"MarshalItem of nil pointer", func() error { _, err := attr.MarshalItem((*target)(nil)); return err }},
		{"Codec.Marshal of nil", func() error {
			c, err := attr.For[award]()
			if err != nil {
				return nil
			}
			_, err = c.Marshal(nil)
			return err
		}},
		{"Codec.Unmarshal into nil", func() error {
			c, err := attr.For[award]()
			if err != nil {
				return nil
			}
			return c.Unmarshal(item{}, nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *attr.Error
			if err := tt.err(); !errors.As(err, &e) {
				t.Errorf("got %v; want an *attr.Error", err)
			}
		})
	}
}

func checkError(t *testing.T, call string, err error, op, path string, goType reflect.Type, dynamo attr.Type, sentinel error) {
	t.Helper()
	var e *attr.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s = %v; want an *attr.Error", call, err)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("%s = %v; want it to wrap %v", call, err, sentinel)
	}
	if e.Op != op || e.Path != path || e.GoType != goType || e.DynamoType != dynamo {
		t.Errorf("%s = {Op %q Path %q GoType %v DynamoType %v}; want {Op %q Path %q GoType %v DynamoType %v}",
			call, e.Op, e.Path, e.GoType, e.DynamoType, op, path, goType, dynamo)
	}
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
