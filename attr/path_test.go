package attr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

func TestParsePath(t *testing.T) {
	tests := []struct {
		in      string
		want    attr.Path
		wantErr bool
	}{
		{in: "name", want: attr.Path{{Name: "name"}}},
		{in: "address.city", want: attr.Path{{Name: "address"}, {Name: "city"}}},
		{in: "items[2].qty", want: attr.Path{{Name: "items"}, {Index: 2, IsIndex: true}, {Name: "qty"}}},
		{in: "grid[0][10]", want: attr.Path{{Name: "grid"}, {Index: 0, IsIndex: true}, {Index: 10, IsIndex: true}}},
		{in: "a-b#c:d", want: attr.Path{{Name: "a-b#c:d"}}},
		{in: "", wantErr: true},
		{in: "a..b", wantErr: true},
		{in: ".a", wantErr: true},
		{in: "a.", wantErr: true},
		{in: "[1]", wantErr: true},
		{in: "a[", wantErr: true},
		{in: "a[]", wantErr: true},
		{in: "a[-1]", wantErr: true},
		{in: "a[+1]", wantErr: true},
		{in: "a[x]", wantErr: true},
		{in: "a[1]b", wantErr: true},
		{in: "a]", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := attr.ParsePath(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParsePath(%q) = %v, %v; want error %v", tt.in, got, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePath(%q) = %v; want %v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("ParsePath(%q).String() = %q; want %q", tt.in, s, tt.in)
			}
		})
	}
}

func TestPathBuildersCopy(t *testing.T) {
	base := make(attr.Path, 1, 4)
	base[0] = attr.PathElem{Name: "items"}
	a := base.Index(1).Key("qty")
	b := base.Index(2).Key("price")
	tests := []struct {
		name string
		got  attr.Path
		want string
	}{
		{"base untouched", base, "items"},
		{"first", a, "items[1].qty"},
		{"second", b, "items[2].price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s := tt.got.String(); s != tt.want {
				t.Errorf("String() = %q; want %q", s, tt.want)
			}
		})
	}
}

func TestTypeOf(t *testing.T) {
	tests := []struct {
		av   types.AttributeValue
		want attr.Type
		name string
	}{
		{s("x"), attr.S, "S"}, {n("1"), attr.N, "N"}, {b(1), attr.B, "B"}, {boolean(true), attr.BOOL, "BOOL"},
		{null(), attr.NULL, "NULL"}, {m(item{}), attr.M, "M"}, {l(), attr.L, "L"}, {ss("a"), attr.SS, "SS"},
		{ns("1"), attr.NS, "NS"}, {bs([]byte{1}), attr.BS, "BS"}, {nil, attr.Invalid, "Invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := attr.TypeOf(tt.av)
			if got != tt.want || got.String() != tt.name {
				t.Errorf("TypeOf(%s) = %v (%q); want %v (%q)", show(tt.av), got, got.String(), tt.want, tt.name)
			}
			if set := tt.want == attr.SS || tt.want == attr.NS || tt.want == attr.BS; got.IsSet() != set {
				t.Errorf("%v.IsSet() = %t; want %t", got, got.IsSet(), set)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in    attr.Number
		valid bool
		i     int64
		iErr  bool
		f     float64
	}{
		{in: "42", valid: true, i: 42, f: 42},
		{in: "-0.5", valid: true, iErr: true, f: -0.5},
		{in: "+1e3", valid: true, iErr: true, f: 1000},
		{in: "1E-2", valid: true, iErr: true, f: 0.01},
		{in: ".5", valid: true, iErr: true, f: 0.5},
		{in: "5.", valid: true, iErr: true, f: 5},
		{in: "", valid: false, iErr: true},
		{in: "abc", valid: false, iErr: true},
		{in: "1e", valid: false, iErr: true},
		{in: "--1", valid: false, iErr: true},
		{in: "1.2.3", valid: false, iErr: true},
		{in: "NaN", valid: false, iErr: true},
	}
	for _, tt := range tests {
		t.Run(string(tt.in), func(t *testing.T) {
			if got := tt.in.Valid(); got != tt.valid {
				t.Errorf("Number(%q).Valid() = %t; want %t", tt.in, got, tt.valid)
			}
			i, err := tt.in.Int64()
			if (err != nil) != tt.iErr || (err == nil && i != tt.i) {
				t.Errorf("Number(%q).Int64() = %d, %v; want %d (error %t)", tt.in, i, err, tt.i, tt.iErr)
			}
			u, err := tt.in.Uint64()
			if (err != nil) != (tt.iErr || tt.i < 0) || (err == nil && int64(u) != tt.i) {
				t.Errorf("Number(%q).Uint64() = %d, %v; want %d", tt.in, u, err, tt.i)
			}
			if !tt.valid {
				return
			}
			f, err := tt.in.Float64()
			if err != nil || f != tt.f {
				t.Errorf("Number(%q).Float64() = %v, %v; want %v", tt.in, f, err, tt.f)
			}
			bf, err := tt.in.BigFloat()
			if err != nil {
				t.Fatalf("Number(%q).BigFloat() error: %v", tt.in, err)
			}
			if g, _ := bf.Float64(); g != tt.f {
				t.Errorf("Number(%q).BigFloat() = %v; want %v", tt.in, g, tt.f)
			}
		})
	}
}

func TestTimeFormatString(t *testing.T) {
	tests := []struct {
		f    attr.TimeFormat
		want string
	}{
		{attr.TimeMillis, "millis"}, {attr.TimeSeconds, "seconds"}, {attr.TimeISO, "iso"},
		{attr.TimeISOMicros, "isomicros"}, {attr.TimeISONanos, "isonanos"}, {attr.TimeFormat(9), "TimeFormat(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.f.String(); got != tt.want {
				t.Errorf("TimeFormat(%d).String() = %q; want %q", uint8(tt.f), got, tt.want)
			}
		})
	}
}
