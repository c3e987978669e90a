package attr_test

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

// checkJSON checks that AppendJSON writes what Marshal returns, as internal/wire writes it,
// after the bytes already in the buffer; or fails as Marshal fails, leaving the buffer as it
// was.
func checkJSON[T any](t *testing.T, v *T) {
	t.Helper()
	c, err := attr.For[T]()
	if err != nil {
		t.Fatal(err)
	}
	prefix := []byte(`{"Item":`)
	got, gotErr := c.AppendJSON(prefix, v)
	item, wantErr := c.Marshal(v)
	if wantErr != nil || gotErr != nil {
		if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
			t.Fatalf("AppendJSON(%+v) error: %v; Marshal's: %v", v, gotErr, wantErr)
		}
		if string(got) != string(prefix) {
			t.Errorf("AppendJSON(%+v) failed and left %q; want the buffer as it was", v, got)
		}
		return
	}
	want, ok := attr.AppendItemJSON(nil, item)
	if !ok {
		t.Fatalf("wire cannot write Marshal(%+v)", v)
	}
	if !strings.HasPrefix(string(got), string(prefix)) {
		t.Fatalf("AppendJSON lost the buffer's bytes: %q", got)
	}
	var gotV, wantV any
	if err := json.Unmarshal(got[len(prefix):], &gotV); err != nil {
		t.Fatalf("AppendJSON(%+v) wrote invalid JSON %q: %v", v, got[len(prefix):], err)
	}
	if err := json.Unmarshal(want, &wantV); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantV, gotV); diff != "" {
		t.Errorf("AppendJSON(%+v) differs from Marshal's item (-Marshal +AppendJSON):\n%s", v, diff)
	}
}

type jsonScalars struct {
	S   string    `dynamo:"s"`
	I   int       `dynamo:"i"`
	I64 int64     `dynamo:"i64"`
	I32 int32     `dynamo:"i32"`
	F   float64   `dynamo:"f"`
	B   bool      `dynamo:"b"`
	Ms  time.Time `dynamo:"ms,millis"`
	Sec time.Time `dynamo:"sec,unixtime"`
	// Scalars under empty-value options and of the kinds the plans do not write inline.
	OS  string    `dynamo:"os,omitempty"`
	NS  string    `dynamo:"ns,nullempty"`
	OF  float64   `dynamo:"of,omitempty"`
	F32 float32   `dynamo:"f32"`
	U   uint16    `dynamo:"u"`
	ISO time.Time `dynamo:"iso"`
}

func TestAppendJSON(t *testing.T) {
	seven := 7
	at := time.Date(2024, 6, 10, 8, 30, 15, 123456789, time.UTC)
	scalars := jsonScalars{
		S: "quote \" backslash \\ newline \n tab \t nul \x00 del \x7f line sep \u2028 é 日本 bad \xff",
		I: -42, I64: math.MaxInt64, I32: math.MinInt32, F: 1.5e300, B: true, Ms: at, Sec: at,
		NS: "", F32: 0.1, U: 65535, ISO: at,
	}
	t.Run("scalars", func(t *testing.T) { checkJSON(t, &scalars) })
	t.Run("zero scalars", func(t *testing.T) { checkJSON(t, &jsonScalars{}) })
	for _, f := range []float64{0, math.Copysign(0, -1), 1e21, 1e-7, 123456789.125, -math.MaxFloat64, math.SmallestNonzeroFloat64} {
		t.Run("float "+jsonText(f), func(t *testing.T) { checkJSON(t, &jsonScalars{F: f}) })
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		t.Run("refused "+jsonText(f), func(t *testing.T) {
			checkJSON(t, &jsonScalars{F: f})
			c, _ := attr.For[jsonScalars]()
			if _, err := c.AppendJSON(nil, &jsonScalars{F: f}); !errors.Is(err, attr.ErrRange) {
				t.Errorf("AppendJSON(F: %v) = %v; want ErrRange", f, err)
			}
		})
	}
	t.Run("nested", func(t *testing.T) {
		checkJSON(t, &nested{
			Name:    "n",
			Awards:  []award{{"a", 2001}, {"b \"q\"", 2002}},
			ByYear:  map[string]award{"2001": {"a", 2001}, "": {"empty key", 1}},
			Best:    &award{"best", 2020},
			Labels:  map[string]string{"k": "v", "é": "\x01"},
			Sets:    []string{"x", "y"},
			Any:     map[string]any{"l": []any{1, "two", nil, true}},
			Custom:  point{1, 2},
			Temp:    21.5,
			Color:   2,
			Big:     "123456789012345678901234567890",
			Numbers: []attr.Number{"1", "2.5"},
		})
	})
	t.Run("empty nested", func(t *testing.T) { checkJSON(t, &nested{}) })
	t.Run("empties", func(t *testing.T) { checkJSON(t, &empties{}) })
	t.Run("empties set", func(t *testing.T) {
		checkJSON(t, &empties{S: "s", I: 1, B: true, P: &seven, L: []int{1}, M: map[string]int{"a": 1}, T: at,
			NullS: "n", NullP: &seven, NullL: []string{"a"}, NullT: at, Kept: "k", KeptP: &seven})
	})
	t.Run("embedded nil pointer", func(t *testing.T) {
		checkJSON(t, &embedding{Base: Base{ID: "a", Created: 1}, Note: "n"})
	})
	t.Run("embedded pointer", func(t *testing.T) {
		checkJSON(t, &embedding{Base: Base{ID: "a"}, Audit: &Audit{By: "me", Note: "hidden"}, Inner: Base{ID: "i"}})
	})
	t.Run("times", func(t *testing.T) {
		checkJSON(t, &times{Default: at, Millis: at, Seconds: at, Unix: at, ISO: at, Ptr: &at})
	})
	t.Run("recursive", func(t *testing.T) {
		checkJSON(t, &node{Name: "root", Kids: []node{{Name: "a"}, {Name: "b", Next: &node{Name: "c"}}}})
	})
	t.Run("tags", func(t *testing.T) { checkJSON(t, &tagged{ID: "x", Renamed: 3, Untagged: true, Dash: "-"}) })
	t.Run("encodes itself", func(t *testing.T) { checkJSON(t, &shouting{A: "quiet"}) })
	t.Run("unknown attributes", func(t *testing.T) {
		checkJSON(t, &withUnknownAny{ID: "a", Rest: map[string]any{"extra": 1, "id": "not over the field"}})
	})
	t.Run("nil", func(t *testing.T) { checkJSON[jsonScalars](t, nil) })
}

type temperature float64

type jsonNested struct {
	Floats   []float64         `dynamo:"floats"`
	Temps    []temperature     `dynamo:"temps"`
	Blobs    [][]byte          `dynamo:"blobs"`
	Bytes    []byte            `dynamo:"bytes"`
	NullB    []byte            `dynamo:"nullb,nullempty"`
	Labels   map[string]string `dynamo:"labels"`
	NullM    map[string]string `dynamo:"nullm,nullempty"`
	OmitL    []jsonScalars     `dynamo:"omitl,omitempty"`
	Pair     [2]award          `dynamo:"pair"`
	Inner    jsonScalars       `dynamo:"inner"`
	Deep     [][]string        `dynamo:"deep"`
	NullList []string          `dynamo:"nulllist,nullempty"`
}

func TestAppendJSONNested(t *testing.T) {
	nan := math.NaN()
	tests := map[string]jsonNested{
		"zero":  {},
		"empty": {Floats: []float64{}, Blobs: [][]byte{}, Bytes: []byte{}, NullB: []byte{}, Labels: map[string]string{}, NullM: map[string]string{}, OmitL: []jsonScalars{}, Deep: [][]string{{}}, NullList: []string{}},
		"full": {
			Floats: []float64{1, -0.5, 1e300}, Temps: []temperature{21.5}, Blobs: [][]byte{nil, {}, {1, 2, 3}},
			Bytes: []byte("\x00\xff"), NullB: []byte{9}, Labels: map[string]string{"a\"": "b\n", "": ""},
			NullM: map[string]string{"k": "v"}, OmitL: []jsonScalars{{S: "x"}, {}}, Pair: [2]award{{"a", 1}, {"b", 2}},
			Inner: jsonScalars{S: "in", F: 2.5}, Deep: [][]string{{"a", "b"}, nil, {"c"}}, NullList: []string{"z"},
		},
		"NaN in a list":        {Floats: []float64{1, nan}},
		"NaN of a named float": {Temps: []temperature{temperature(math.Inf(1))}},
		"NaN nested":           {Inner: jsonScalars{F: nan}},
		"NaN in a struct list": {OmitL: []jsonScalars{{}, {F: nan}}},
	}
	for name, v := range tests {
		t.Run(name, func(t *testing.T) { checkJSON(t, &v) })
	}
}

func jsonText(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// FuzzAppendJSON checks AppendJSON against Marshal on items built from the fuzzer's inputs.
func FuzzAppendJSON(f *testing.F) {
	f.Add("hello", int64(42), 3.25, true, []byte{1, 2})
	f.Add("", int64(-1), 0.0, false, []byte(nil))
	f.Add("\x00\"\\\u2028\xff", int64(math.MinInt64), -1e-300, false, []byte{})
	f.Fuzz(func(t *testing.T, s string, i int64, fl float64, b bool, bin []byte) {
		at := time.UnixMilli(i % 253402300799999).UTC()
		checkJSON(t, &jsonScalars{S: s, I: int(i), I64: i, I32: int32(i), F: fl, B: b, Ms: at, Sec: at, OS: s, NS: s, OF: fl, ISO: at})
		checkJSON(t, &nested{Name: s, Labels: map[string]string{s: s}, Awards: []award{{s, int(i)}}, Any: []any{s, fl, b, bin}})
	})
}

// TestNesting checks that values nested deeper than DynamoDB stores them, cycles included,
// are refused with ErrRange by Marshal and AppendJSON alike, rather than overflowing the
// stack.
func TestNesting(t *testing.T) {
	chain := func(n int) *node {
		root := &node{Name: "0"}
		for cur, i := root, 1; i < n; i++ {
			cur.Kids = []node{{Name: strconv.Itoa(i)}}
			cur = &cur.Kids[0]
		}
		return root
	}
	cyclic := &node{Name: "loop"}
	cyclic.Next = cyclic
	loop := map[string]any{"name": "loop"}
	loop["self"] = loop
	type anyItem struct {
		V any `dynamo:"v"`
	}
	c, err := attr.For[node]()
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		v       *node
		refused bool
	}{
		"16 levels":    {chain(16), false},
		"too deep":     {chain(40), true},
		"pointer loop": {cyclic, true},
	} {
		t.Run(name, func(t *testing.T) {
			checkJSON(t, tc.v)
			_, err := c.Marshal(tc.v)
			if refused := errors.Is(err, attr.ErrRange); refused != tc.refused || !refused && err != nil {
				t.Errorf("Marshal = %v; want refused: %v", err, tc.refused)
			}
		})
	}
	t.Run("any loop", func(t *testing.T) {
		checkJSON(t, &anyItem{V: loop})
		ca, _ := attr.For[anyItem]()
		if _, err := ca.Marshal(&anyItem{V: loop}); !errors.Is(err, attr.ErrRange) {
			t.Errorf("Marshal(a map holding itself) = %v; want ErrRange", err)
		}
	})
}
