package attr_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

type tagged struct {
	ID       string `dynamo:"id"`
	Renamed  int    `dynamo:"count"`
	Untagged bool
	Skipped  string `dynamo:"-"`
	Dash     string `dynamo:"-,"` // the name "-"
	hidden   string
}

type empties struct {
	S     string          `dynamo:",omitempty"`
	I     int             `dynamo:",omitempty"`
	B     bool            `dynamo:",omitempty"`
	P     *int            `dynamo:",omitempty"`
	L     []int           `dynamo:",omitempty"`
	M     map[string]int  `dynamo:",omitempty"`
	T     time.Time       `dynamo:",omitempty"`
	St    struct{ A int } `dynamo:",omitempty"`
	NullS string          `dynamo:",nullempty"`
	NullP *int            `dynamo:",nullempty"`
	NullL []string        `dynamo:",set,nullempty"`
	NullT time.Time       `dynamo:",nullempty"`
	Kept  string
	KeptP *int
}

type Base struct {
	ID      string `dynamo:"id"`
	Created int64  `dynamo:"created"`
}

type Audit struct {
	By   string `dynamo:"by"`
	Note string `dynamo:"note"`
}

type embedding struct {
	Base
	*Audit
	Note  string `dynamo:"note"` // shallower: wins over Audit.Note
	Inner Base   `dynamo:"inner"`
}

// SelfEmbed embeds a pointer to itself: its fields are walked once.
type SelfEmbed struct {
	*SelfEmbed
	Name string
}

// shouting encodes itself (upper case) but decodes through its fields.
type shouting struct {
	A string `dynamo:"a"`
}

func (v shouting) MarshalDynamo() (types.AttributeValue, error) {
	return &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
		"a": &types.AttributeValueMemberS{Value: strings.ToUpper(v.A)},
	}}, nil
}

// guregu is tagged as a guregu/dynamo user would.
type guregu struct {
	Name  string    `dynamo:"name,allowempty"`
	Tags  []string  `dynamo:"tags,set,omitempty"`
	When  time.Time `dynamo:"when,unixtime"`
	Empty string    `dynamo:",omitempty"`
}

type sdkTagged struct {
	Name  string   `dynamodbav:"name"`
	Tags  []string `dynamodbav:"tags,stringset,omitemptyelem"`
	When  int64    `dynamodbav:"when,omitempty"`
	Skip  string   `dynamodbav:"-"`
	Mixed string   `dynamo:"wins" dynamodbav:"loses"`
}

type times struct {
	Default time.Time  `dynamo:"d"`
	Millis  time.Time  `dynamo:"ms,millis"`
	Seconds time.Time  `dynamo:"s,seconds"`
	Unix    time.Time  `dynamo:"u,unixtime"`
	ISO     time.Time  `dynamo:"iso,iso"`
	Ptr     *time.Time `dynamo:"p,seconds"`
}

type award struct {
	Title string `dynamo:"title"`
	Year  int    `dynamo:"year"`
}

type nested struct {
	Name    string            `dynamo:"name"`
	Awards  []award           `dynamo:"awards"`
	ByYear  map[string]award  `dynamo:"byYear"`
	Best    *award            `dynamo:"best"`
	Labels  map[string]string `dynamo:"labels"`
	Sets    []string          `dynamo:"sets,set"`
	Any     any               `dynamo:"any"`
	Raw     types.AttributeValue
	Custom  point         `dynamo:"custom"`
	Temp    celsius       `dynamo:"temp"`
	Color   color         `dynamo:"color"`
	Big     attr.Number   `dynamo:"big"`
	Numbers []attr.Number `dynamo:"numbers"`
}

type withUnknown struct {
	ID   string                          `dynamo:"id"`
	Rest map[string]types.AttributeValue `dynamo:",unknown"`
}

type withUnknownAny struct {
	ID   string         `dynamo:"id"`
	Rest map[string]any `dynamo:",unknown"`
}

type node struct {
	Name string `dynamo:"name"`
	Kids []node `dynamo:"kids,omitempty"`
	Next *node  `dynamo:"next"`
}

// TestItemRoundTrip encodes structs with every kind of tag and decodes the item back.
func TestItemRoundTrip(t *testing.T) {
	seven := 7
	tests := []struct {
		name string
		in   any // pointer to a struct
		want item
		back any // what decoding gives, when not *in
	}{
		{
			name: "names and skips",
			in:   &tagged{ID: "a", Renamed: 2, Untagged: true, Skipped: "no", Dash: "d", hidden: "no"},
			want: item{"id": s("a"), "count": n("2"), "Untagged": boolean(true), "-": s("d")},
			back: &tagged{ID: "a", Renamed: 2, Untagged: true, Dash: "d"},
		},
		{
			name: "empty values omitted, nulled or kept",
			in:   &empties{},
			want: item{"NullS": null(), "NullP": null(), "NullL": null(), "NullT": null(), "Kept": s("")},
		},
		{
			name: "non-empty values with empty options",
			in: &empties{S: "s", I: 1, B: true, P: &seven, L: []int{1}, M: map[string]int{"a": 1}, T: when,
				St: struct{ A int }{1}, NullS: "n", NullP: &seven, NullL: []string{"x"}, NullT: when, Kept: "k", KeptP: &seven},
			want: item{"S": s("s"), "I": n("1"), "B": boolean(true), "P": n("7"), "L": l(n("1")),
				"M": m(item{"a": n("1")}), "T": n("1704164645006"), "St": m(item{"A": n("1")}),
				"NullS": s("n"), "NullP": n("7"), "NullL": ss("x"), "NullT": n("1704164645006"), "Kept": s("k"), "KeptP": n("7")},
		},
		{
			name: "embedded structs flattened",
			in:   &embedding{Base: Base{ID: "x", Created: 5}, Audit: &Audit{By: "me", Note: "hidden"}, Note: "outer", Inner: Base{ID: "in"}},
			want: item{"id": s("x"), "created": n("5"), "by": s("me"), "note": s("outer"), "inner": m(item{"id": s("in"), "created": n("0")})},
			back: &embedding{Base: Base{ID: "x", Created: 5}, Audit: &Audit{By: "me"}, Note: "outer", Inner: Base{ID: "in"}},
		},
		{
			name: "nil embedded pointer",
			in:   &embedding{Base: Base{ID: "x"}},
			want: item{"id": s("x"), "created": n("0"), "note": s(""), "inner": m(item{"id": s(""), "created": n("0")})},
		},
		{
			name: "own encoder, decoded by fields",
			in:   &shouting{A: "hey"},
			want: item{"a": s("HEY")},
			back: &shouting{A: "HEY"},
		},
		{
			name: "embedding cycle",
			in:   &SelfEmbed{Name: "x", SelfEmbed: &SelfEmbed{Name: "inner"}},
			want: item{"Name": s("x")},
			back: &SelfEmbed{Name: "x"},
		},
		{
			name: "guregu tags",
			in:   &guregu{Tags: []string{"a"}, When: when.Truncate(time.Second)},
			want: item{"name": s(""), "tags": ss("a"), "when": n("1704164645")},
		},
		{
			name: "dynamodbav tags",
			in:   &sdkTagged{Name: "n", Tags: []string{"a"}, Skip: "x", Mixed: "m"},
			want: item{"name": s("n"), "tags": ss("a"), "wins": s("m")},
			back: &sdkTagged{Name: "n", Tags: []string{"a"}, Mixed: "m"},
		},
		{
			name: "time formats",
			in:   &times{Default: when, Millis: when, Seconds: when.Truncate(time.Second), Unix: when.Truncate(time.Second), ISO: when, Ptr: ptr(when.Truncate(time.Second))},
			want: item{"d": n("1704164645006"), "ms": n("1704164645006"), "s": n("1704164645"), "u": n("1704164645"),
				"iso": s("2024-01-02T03:04:05.006Z"), "p": n("1704164645")},
		},
		{
			name: "nested values",
			in: &nested{
				Name:    "n",
				Awards:  []award{{"a", 2001}, {"b", 2002}},
				ByYear:  map[string]award{"2001": {"a", 2001}},
				Best:    &award{"c", 2003},
				Labels:  map[string]string{"k": "v"},
				Sets:    []string{"x", "y"},
				Any:     map[string]any{"deep": []any{attr.Number("1"), "two"}},
				Raw:     ss("raw"),
				Custom:  point{1, 2},
				Temp:    celsius(-3.5),
				Color:   color(1),
				Big:     "-1.5e-130",
				Numbers: []attr.Number{"1", "2"},
			},
			want: item{
				"name":    s("n"),
				"awards":  l(m(item{"title": s("a"), "year": n("2001")}), m(item{"title": s("b"), "year": n("2002")})),
				"byYear":  m(item{"2001": m(item{"title": s("a"), "year": n("2001")})}),
				"best":    m(item{"title": s("c"), "year": n("2003")}),
				"labels":  m(item{"k": s("v")}),
				"sets":    ss("x", "y"),
				"any":     m(item{"deep": l(n("1"), s("two"))}),
				"Raw":     ss("raw"),
				"custom":  s("1,2"),
				"temp":    s("-3.5C"),
				"color":   s("red"),
				"big":     n("-1.5e-130"),
				"numbers": l(n("1"), n("2")),
			},
		},
		{
			name: "recursive type",
			in:   &node{Name: "root", Kids: []node{{Name: "kid"}}, Next: &node{Name: "next"}},
			want: item{"name": s("root"), "kids": l(m(item{"name": s("kid")})), "next": m(item{"name": s("next")})},
		},
		{
			name: "unknown attributes kept as attribute values",
			in:   &withUnknown{ID: "a", Rest: item{"extra": n("1"), "deep": m(item{"x": ss("y")})}},
			want: item{"id": s("a"), "extra": n("1"), "deep": m(item{"x": ss("y")})},
		},
		{
			name: "unknown attributes never overwrite fields",
			in:   &withUnknown{ID: "a", Rest: item{"id": s("stale")}},
			want: item{"id": s("a")},
			back: &withUnknown{ID: "a"},
		},
		{
			name: "unknown attributes kept as Go values",
			in:   &withUnknownAny{ID: "a", Rest: map[string]any{"n": attr.Number("1"), "tags": attr.StringSet{"x"}, "nil": nil}},
			want: item{"id": s("a"), "n": n("1"), "tags": ss("x"), "nil": null()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := attr.MarshalItem(tt.in)
			if err != nil {
				t.Fatalf("MarshalItem(%+v) error: %v", tt.in, err)
			}
			if diff := diffItem(tt.want, got); diff != "" {
				t.Fatalf("MarshalItem(%+v) = %s; want %s\n%s", tt.in, showItem(got), showItem(tt.want), diff)
			}
			out := reflect.New(reflect.TypeOf(tt.in).Elem())
			if err := attr.UnmarshalItem(got, out.Interface()); err != nil {
				t.Fatalf("UnmarshalItem(%s) error: %v", showItem(got), err)
			}
			want := tt.back
			if want == nil {
				want = tt.in
			}
			if diff := cmp.Diff(want, out.Interface(), avOpts, cmp.AllowUnexported(tagged{})); diff != "" {
				t.Errorf("UnmarshalItem(%s) = %+v; want %+v\n%s", showItem(got), out.Interface(), want, diff)
			}
		})
	}
}

// TestCodecMatchesMarshalItem checks that the compiled Codec[T] (with its inline fields and
// member block) writes the same items as the general path, and reads them back.
func TestCodecMatchesMarshalItem(t *testing.T) {
	c, err := attr.For[nested]()
	if err != nil {
		t.Fatal(err)
	}
	fields, err := attr.Fields(reflect.TypeFor[nested]())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fields, c.Fields(), cmp.Comparer(func(a, b reflect.Type) bool { return a == b })); diff != "" {
		t.Errorf("Codec.Fields() differs from Fields(nested):\n%s", diff)
	}
	tests := []struct {
		name string
		in   nested
	}{
		{"zero but a color", nested{Color: 2}},
		{"full", nested{Name: "x", Awards: []award{{"a", 1}}, Best: &award{"b", 2}, Sets: []string{"s"}, Any: "v", Big: "5", Color: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Marshal(&tt.in)
			if err != nil {
				t.Fatalf("Marshal(%+v) error: %v", tt.in, err)
			}
			want, err := attr.MarshalItem(tt.in)
			if err != nil {
				t.Fatalf("MarshalItem(%+v) error: %v", tt.in, err)
			}
			if diff := diffItem(want, got); diff != "" {
				t.Fatalf("Marshal(%+v) = %s; want %s", tt.in, showItem(got), showItem(want))
			}
			var back nested
			if err := c.Unmarshal(got, &back); err != nil {
				t.Fatalf("Unmarshal(%s) error: %v", showItem(got), err)
			}
			if diff := cmp.Diff(tt.in, back, avOpts); diff != "" {
				t.Errorf("Unmarshal(%s) = %+v; want %+v\n%s", showItem(got), back, tt.in, diff)
			}
		})
	}
}

// TestUnknownCollected decodes an item with attributes the struct does not name.
func TestUnknownCollected(t *testing.T) {
	in := item{"id": s("a"), "x": n("1"), "tags": ss("p", "q"), "deep": m(item{"k": l(null())})}
	tests := []struct {
		name string
		into any
		want any
	}{
		{"attribute values", &withUnknown{}, &withUnknown{ID: "a", Rest: item{"x": n("1"), "tags": ss("p", "q"), "deep": m(item{"k": l(null())})}}},
		{"Go values", &withUnknownAny{}, &withUnknownAny{ID: "a", Rest: map[string]any{"x": attr.Number("1"), "tags": attr.StringSet{"p", "q"}, "deep": map[string]any{"k": []any{nil}}}}},
		{"stale unknowns cleared", &withUnknown{Rest: item{"old": s("x")}}, &withUnknown{ID: "a", Rest: item{"x": n("1"), "tags": ss("p", "q"), "deep": m(item{"k": l(null())})}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := attr.UnmarshalItem(in, tt.into); err != nil {
				t.Fatalf("UnmarshalItem(%s) error: %v", showItem(in), err)
			}
			if diff := cmp.Diff(tt.want, tt.into, avOpts); diff != "" {
				t.Errorf("UnmarshalItem(%s) = %+v; want %+v\n%s", showItem(in), tt.into, tt.want, diff)
			}
			back, err := attr.MarshalItem(tt.into)
			if err != nil {
				t.Fatalf("MarshalItem(%+v) error: %v", tt.into, err)
			}
			if diff := diffItem(in, back); diff != "" {
				t.Errorf("MarshalItem(%+v) = %s; want %s (nothing dropped)", tt.into, showItem(back), showItem(in))
			}
		})
	}
	t.Run("no unknowns leaves nil", func(t *testing.T) {
		v := withUnknown{Rest: item{"old": s("x")}}
		if err := attr.UnmarshalItem(item{"id": s("a")}, &v); err != nil {
			t.Fatal(err)
		}
		if v.Rest != nil {
			t.Errorf("UnmarshalItem({id}) Rest = %s; want nil", showItem(v.Rest))
		}
	})
}

func TestMarshalItemMap(t *testing.T) {
	in := map[string]any{"a": 1, "b": []string{"x"}}
	got, err := attr.MarshalItem(in)
	if err != nil {
		t.Fatal(err)
	}
	want := item{"a": n("1"), "b": l(s("x"))}
	if diff := diffItem(want, got); diff != "" {
		t.Fatalf("MarshalItem(%v) = %s; want %s", in, showItem(got), showItem(want))
	}
	var back map[string]any
	if err := attr.UnmarshalItem(got, &back); err != nil {
		t.Fatal(err)
	}
	wantBack := map[string]any{"a": attr.Number("1"), "b": []any{"x"}}
	if diff := cmp.Diff(wantBack, back); diff != "" {
		t.Errorf("UnmarshalItem(%s) = %v; want %v", showItem(got), back, wantBack)
	}
}
