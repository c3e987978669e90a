package attr_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

type fuzzInner struct {
	Name  string   `dynamo:"name"`
	Score float32  `dynamo:"score"`
	Tags  []string `dynamo:"tags,omitempty"`
}

type fuzzItem struct {
	S     string            `dynamo:"s"`
	I     int64             `dynamo:"i"`
	U     uint32            `dynamo:"u"`
	F     float64           `dynamo:"f"`
	B     bool              `dynamo:"b"`
	Bin   []byte            `dynamo:"bin"`
	T     time.Time         `dynamo:"t"`
	TS    time.Time         `dynamo:"ts,seconds"`
	TI    time.Time         `dynamo:"ti,isonanos"`
	P     *string           `dynamo:"p"`
	L     []string          `dynamo:"l"`
	Set   []string          `dynamo:"set,set"`
	NSet  []int64           `dynamo:"nset,set"`
	M     map[string]string `dynamo:"m"`
	Inner fuzzInner         `dynamo:"inner"`
	List  []fuzzInner       `dynamo:"list"`
	Any   any               `dynamo:"any"`
	Num   attr.Number       `dynamo:"num"`
	Rest  map[string]any    `dynamo:",unknown"`
}

// Times a fuzz case may use: RFC 3339 holds years 0 to 9999.
const (
	minMillis = -62135596800000 // 0001-01-01
	maxMillis = 253402300799999 // 9999-12-31
)

// newFuzzItem builds a value from the fuzzer's inputs. Sets are built without duplicates and
// empty sets are nil: those are the two documented limits of a round trip (DynamoDB stores no
// duplicates and no empty sets).
func newFuzzItem(s string, i int64, u uint32, f float64, b bool, bin []byte) fuzzItem {
	ms := minMillis + int64(uint64(i)%uint64(maxMillis-minMillis+1))
	words := strings.Split(s, ",")
	set := slices.Compact(slices.Sorted(slices.Values(slices.DeleteFunc(slices.Clone(words), func(w string) bool { return w == "" }))))
	if len(set) == 0 {
		set = nil
	}
	nset := []int64{i}
	if int64(u) != i {
		nset = append(nset, int64(u))
	}
	v := fuzzItem{
		S:     s,
		I:     i,
		U:     u,
		F:     f,
		B:     b,
		Bin:   bin,
		T:     time.UnixMilli(ms).UTC(),
		TS:    time.Unix(ms/1000, 0).UTC(),
		TI:    time.Unix(ms/1000, int64(u%1e9)).In(time.FixedZone("", int(i%(14*60))*60)),
		L:     words,
		Set:   set,
		NSet:  nset,
		M:     map[string]string{s: s},
		Inner: fuzzInner{Name: s, Score: float32(u) / 7, Tags: set},
		List:  []fuzzInner{{Name: s}, {Score: -float32(i % 1000)}},
		Any:   map[string]any{"s": s, "n": attr.Number(strconv.FormatInt(i, 10)), "l": []any{b, nil, s}},
		Num:   attr.Number(strconv.FormatInt(i, 10) + "." + strconv.FormatUint(uint64(u), 10) + "e-3"),
		Rest:  map[string]any{"x_" + s: s, "x_bin": bin},
	}
	if !b {
		v.P = &s
	}
	if utf8.Valid(bin) {
		v.M["bin"] = string(bin) // text only: invalid UTF-8 is refused (see FuzzRoundTrip)
	}
	if bin == nil {
		delete(v.Rest, "x_bin") // a nil []byte is absent, so no unknown attribute comes back
	}
	return v
}

// FuzzRoundTrip checks that any value of fuzzItem survives Marshal and Unmarshal exactly,
// through the compiled codec and through MarshalItem.
func FuzzRoundTrip(f *testing.F) {
	f.Add("hello,world", int64(42), uint32(7), 3.25, true, []byte{1, 2})
	f.Add("", int64(-1), uint32(0), 0.0, false, []byte(nil))
	f.Add("a,a,,b", int64(math.MinInt64), uint32(math.MaxUint32), -1e-300, false, []byte{})
	f.Add("ünïcödé,\x00", int64(math.MaxInt64), uint32(999999999), math.MaxFloat64, true, []byte{0xff})
	c, err := attr.For[fuzzItem]()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, i int64, u uint32, fl float64, b bool, bin []byte) {
		in := newFuzzItem(s, i, u, fl, b, bin)
		it, err := c.Marshal(&in)
		if !utf8.ValidString(s) {
			if !errors.Is(err, attr.ErrUTF8) {
				t.Fatalf("Marshal(%q) = %v; want an error wrapping ErrUTF8", s, err)
			}
			return
		}
		if math.IsNaN(fl) || math.IsInf(fl, 0) {
			if !errors.Is(err, attr.ErrRange) {
				t.Fatalf("Marshal(%v) = %v; want an error wrapping ErrRange", fl, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Marshal(%+v) error: %v", in, err)
		}
		general, err := attr.MarshalItem(&in)
		if err != nil {
			t.Fatalf("MarshalItem(%+v) error: %v", in, err)
		}
		if diff := diffItem(general, it); diff != "" {
			t.Fatalf("Marshal(%+v) = %s; MarshalItem gives %s", in, showItem(it), showItem(general))
		}
		var out fuzzItem
		if err := c.Unmarshal(it, &out); err != nil {
			t.Fatalf("Unmarshal(%s) error: %v", showItem(it), err)
		}
		if diff := cmp.Diff(in, out); diff != "" {
			t.Fatalf("Unmarshal(Marshal(%+v)) = %+v; want the input\n%s", in, out, diff)
		}
	})
}
