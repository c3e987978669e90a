package index

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

func hashRange(h string, ht attr.Type, r string, rt attr.Type) KeySchema {
	return KeySchema{Hash: Key{h, ht}, Range: Key{r, rt}}
}

func hashOnly(h string, ht attr.Type) KeySchema { return KeySchema{Hash: Key{h, ht}} }

func gsi(name string, keys KeySchema) Index { return Index{Name: name, Global: true, Keys: keys} }

func lsi(name string, keys KeySchema) Index { return Index{Name: name, Keys: keys} }

// orders is a table with a composite key, two GSIs and an LSI.
var orders = Layout{
	Keys: hashRange("customer", attr.S, "orderId", attr.S),
	Indexes: []Index{
		gsi("byStatus", hashRange("status", attr.S, "createdAt", attr.N)),
		gsi("byEmail", hashOnly("email", attr.S)),
		lsi("byTotal", hashRange("customer", attr.S, "total", attr.N)),
	},
}

func TestCheck(t *testing.T) {
	tp := func(r, w int64) *Throughput { return &Throughput{r, w} }
	many := func(n int, global bool) []Index {
		out := make([]Index, n)
		for i := range out {
			out[i] = Index{Name: fmt.Sprintf("lx%02d", i), Global: global, Keys: hashRange("pk", attr.S, fmt.Sprintf("r%02d", i), attr.S)}
			if global {
				out[i].Name = fmt.Sprintf("gx%02d", i)
				out[i].Keys.Hash = Key{fmt.Sprintf("h%02d", i), attr.S}
			}
		}
		return out
	}
	include := make([]string, 101)
	for i := range include {
		include[i] = fmt.Sprintf("a%d", i)
	}
	tests := []struct {
		name  string
		table Layout
		want  []string // the problems, in order; nil for a valid table
	}{
		{"hash only", Layout{Keys: hashOnly("id", attr.S)}, nil},
		{"valid with indexes", orders, nil},
		{"twenty GSIs and five LSIs", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: append(many(20, true), many(5, false)[:5]...)}, nil},
		{"GSI with own throughput", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{{Name: "g_1.x-y", Global: true, Keys: hashOnly("a", attr.N), Throughput: tp(1, 1)}}}, nil},
		{"include", Layout{Keys: hashOnly("id", attr.B), Indexes: []Index{{Name: "inc", Global: true, Keys: hashOnly("a", attr.N), Projection: Projection{ProjectInclude, []string{"x", "y"}}}}}, nil},
		{"no hash key", Layout{}, []string{"table hash key has no name"}},
		{"range without name", Layout{Keys: KeySchema{Hash: Key{"id", attr.S}, Range: Key{"", attr.N}}}, []string{"table range key has type N but no name"}},
		{"key types", Layout{Keys: hashRange("id", attr.BOOL, "sk", attr.M)}, []string{
			`table hash key "id" has type BOOL; keys must be S, N or B`,
			`table range key "sk" has type M; keys must be S, N or B`,
		}},
		{"untyped key", Layout{Keys: hashOnly("id", attr.Invalid)}, []string{`table hash key "id" has type Invalid; keys must be S, N or B`}},
		{"range is hash", Layout{Keys: hashRange("id", attr.S, "id", attr.S)}, []string{`table range key "id" is also its hash key`}},
		{"long key name", Layout{Keys: hashOnly(strings.Repeat("k", 256), attr.S)}, []string{`table hash key "kkkkkkkkkkkkkkkkkkkk"... is longer than 255 bytes`}},
		{"too many GSIs", Layout{Keys: hashOnly("pk", attr.S), Indexes: many(21, true)}, []string{"21 global indexes; DynamoDB allows at most 20"}},
		{"too many LSIs", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: many(6, false)}, []string{"6 local indexes; DynamoDB allows at most 5"}},
		{"duplicate names", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{gsi("dup", hashOnly("a", attr.S)), gsi("dup", hashOnly("b", attr.S))}}, []string{`GSI "dup" is declared more than once`}},
		{"bad names", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{gsi("", hashOnly("a", attr.S)), gsi("ab", hashOnly("a", attr.S)), gsi("by email", hashOnly("a", attr.S))}}, []string{
			"index #1 has no name",
			`GSI "ab": name must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`,
			`GSI "by email": name must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`,
		}},
		{"LSI with another hash", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{lsi("byX", hashRange("x", attr.S, "y", attr.S))}}, []string{
			`LSI "byX": hash key "x" must be the table's hash key "pk"`,
		}},
		{"LSI without range", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{lsi("byX", hashOnly("pk", attr.S))}}, []string{`LSI "byX" has no range key; a local index needs one`}},
		{"LSI repeating the table's keys is allowed", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{lsi("same", hashRange("pk", attr.S, "sk", attr.S))}}, nil},
		{"LSI on hash-only table", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{lsi("byX", hashRange("pk", attr.S, "x", attr.N))}}, []string{`LSI "byX": the table has no range key; local indexes need a table with one`}},
		{"LSI throughput", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{{Name: "byX", Keys: hashRange("pk", attr.S, "x", attr.N), Throughput: tp(1, 1)}}}, []string{`LSI "byX" has throughput; local indexes share the table's capacity`}},
		{"GSI zero throughput", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{{Name: "g1x", Global: true, Keys: hashOnly("a", attr.S), Throughput: tp(0, 5)}}}, []string{`GSI "g1x": throughput 0 read, 5 write; each must be at least 1`}},
		{"attribute with two types", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{gsi("bySk", hashOnly("sk", attr.N))}}, []string{`attribute "sk" is S in the table but N in GSI "bySk"`}},
		{"index range is hash", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{gsi("gix", hashRange("a", attr.S, "a", attr.S))}}, []string{`GSI "gix": range key "a" is also its hash key`}},
		{"index key types", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{gsi("gix", hashRange("a", attr.SS, "b", attr.L))}}, []string{
			`GSI "gix" hash key "a" has type SS; keys must be S, N or B`,
			`GSI "gix" range key "b" has type L; keys must be S, N or B`,
		}},
		{"projections", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{
			{Name: "all", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{ProjectAll, []string{"x"}}},
			{Name: "inc", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{Type: ProjectInclude}},
			{Name: "dup", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{ProjectInclude, []string{"x", "", "x"}}},
			{Name: "odd", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{Type: "SOME"}},
		}}, []string{
			`GSI "all": projection ALL lists attributes; only INCLUDE does`,
			`GSI "inc": projection INCLUDE lists no attributes`,
			`GSI "dup": projection INCLUDE lists an empty attribute name`,
			`GSI "dup": projection INCLUDE lists "x" twice`,
			`GSI "odd": projection type "SOME"; want ALL, KEYS_ONLY or INCLUDE`,
		}},
		{"too many projected attributes", Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{
			{Name: "inc", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{ProjectInclude, include}},
		}}, []string{"indexes project 101 INCLUDE attributes in all; DynamoDB allows at most 100"}},
		{"every problem at once", Layout{Keys: hashRange("pk", attr.BOOL, "pk", attr.BOOL), Indexes: []Index{
			gsi("x", hashOnly("pk", attr.S)), lsi("x", hashRange("other", attr.S, "r", attr.S)),
		}}, []string{
			`table hash key "pk" has type BOOL; keys must be S, N or B`,
			`table range key "pk" has type BOOL; keys must be S, N or B`,
			`table range key "pk" is also its hash key`,
			`GSI "x": name must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`,
			`attribute "pk" is BOOL in the table but S in GSI "x"`,
			`LSI "x": name must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'`,
			`LSI "x": hash key "other" must be the table's hash key "pk"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Check()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Check() = %v; want nil", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Check() = %v; want an *Error wrapping ErrInvalid", err)
			}
			if diff := cmp.Diff(tt.want, e.Problems); diff != "" {
				t.Errorf("Check() problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"one", &Error{Op: "check", Problems: []string{"a"}}, "index: check: a"},
		{"two", &Error{Op: "merge", Problems: []string{"a", "b"}}, "index: merge: 2 problems: a; b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q; want %q", got, tt.want)
			}
		})
	}
	if !errors.Is(&Error{Op: "merge"}, ErrConflict) || errors.Is(&Error{Op: "merge"}, ErrInvalid) {
		t.Errorf("a merge *Error must wrap ErrConflict only")
	}
}

func TestBillingCheck(t *testing.T) {
	tests := []struct {
		name    string
		billing Billing
		wantErr bool
	}{
		{"on demand", OnDemand(), false},
		{"provisioned", Provisioned(1, 1), false},
		{"zero value", Billing{}, true},
		{"no writes", Provisioned(5, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.billing.Check()
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrInvalid)) {
				t.Errorf("%v.Check() = %v; want error %v", tt.billing, err, tt.wantErr)
			}
		})
	}
}

func TestThroughputFor(t *testing.T) {
	own := &Throughput{7, 8}
	tests := []struct {
		name    string
		ix      Index
		billing Billing
		want    Throughput
		wantOK  bool
	}{
		{"GSI inherits", gsi("g", hashOnly("a", attr.S)), Provisioned(3, 4), Throughput{3, 4}, true},
		{"GSI own", Index{Global: true, Throughput: own}, Provisioned(3, 4), Throughput{7, 8}, true},
		{"on demand", Index{Global: true, Throughput: own}, OnDemand(), Throughput{}, false},
		{"LSI", lsi("l", hashRange("a", attr.S, "b", attr.S)), Provisioned(3, 4), Throughput{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.ix.ThroughputFor(tt.billing)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ThroughputFor(%v) = %v, %v; want %v, %v", tt.billing, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestAttributes(t *testing.T) {
	got := orders.Attributes()
	want := []Key{{"customer", attr.S}, {"orderId", attr.S}, {"status", attr.S}, {"createdAt", attr.N}, {"email", attr.S}, {"total", attr.N}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Attributes() mismatch (-want +got):\n%s", diff)
	}
}

func TestClone(t *testing.T) {
	orig := Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{{Name: "inc", Global: true, Keys: hashOnly("a", attr.S),
		Projection: Projection{ProjectInclude, []string{"x"}}, Throughput: &Throughput{1, 1}}}}
	c := orig.Clone()
	c.Indexes[0].Projection.Attributes[0] = "changed"
	c.Indexes[0].Throughput.Read = 99
	c.Indexes[0].Name = "other"
	if got := orig.Indexes[0]; got.Name != "inc" || got.Projection.Attributes[0] != "x" || got.Throughput.Read != 1 {
		t.Errorf("changing a Clone changed the original: %+v", got)
	}
}

func TestMerge(t *testing.T) {
	keys := hashRange("pk", attr.S, "sk", attr.S)
	byType := gsi("byType", hashRange("type", attr.S, "sk", attr.S))
	byEmail := Index{Name: "byEmail", Global: true, Keys: hashOnly("email", attr.S), Projection: Projection{ProjectInclude, []string{"a", "b"}}}
	byEmailReordered := byEmail
	byEmailReordered.Projection = Projection{ProjectInclude, []string{"b", "a"}}
	tests := []struct {
		name    string
		tables  []Layout
		want    Layout
		wantErr []string
	}{
		{"one", []Layout{{Keys: keys, Indexes: []Index{byType}}}, Layout{Keys: keys, Indexes: []Index{byType}}, nil},
		{"union in declaration order", []Layout{
			{Keys: keys, Indexes: []Index{byType}},
			{Keys: keys, Indexes: []Index{byEmail, byType}},
			{Keys: keys},
		}, Layout{Keys: keys, Indexes: []Index{byType, byEmail}}, nil},
		{"include order does not matter", []Layout{
			{Keys: keys, Indexes: []Index{byEmail}},
			{Keys: keys, Indexes: []Index{byEmailReordered}},
		}, Layout{Keys: keys, Indexes: []Index{byEmail}}, nil},
		{"none", nil, Layout{}, []string{"no tables to merge"}},
		{"keys differ", []Layout{
			{Keys: keys},
			{Keys: hashRange("pk", attr.S, "sk", attr.N)},
			{Keys: hashOnly("id", attr.S)},
		}, Layout{}, []string{
			"table #2 has keys pk S, sk N; table #1 has pk S, sk S",
			"table #3 has keys id S; table #1 has pk S, sk S",
		}},
		{"index differs", []Layout{
			{Keys: keys, Indexes: []Index{byEmail}},
			{Keys: keys, Indexes: []Index{{Name: "byEmail", Keys: hashRange("pk", attr.S, "email", attr.S), Throughput: &Throughput{1, 2}}}},
		}, Layout{}, []string{
			`index "byEmail" of table #2 differs from table #1's: LSI, not GSI, keys pk S, email S, not email S, projection ALL, not INCLUDE(a, b) and throughput 1 read, 2 write, not the table's`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Merge(tt.tables...)
			if tt.wantErr != nil {
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, ErrConflict) {
					t.Fatalf("Merge() = %v; want an *Error wrapping ErrConflict", err)
				}
				if diff := cmp.Diff(tt.wantErr, e.Problems); diff != "" {
					t.Errorf("Merge() problems mismatch (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("Merge() = %v; want nil", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Merge() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeCopies(t *testing.T) {
	in := Layout{Keys: hashOnly("pk", attr.S), Indexes: []Index{{Name: "inc", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{ProjectInclude, []string{"x"}}}}}
	got, err := Merge(in)
	if err != nil {
		t.Fatal(err)
	}
	got.Indexes[0].Projection.Attributes[0] = "changed"
	if in.Indexes[0].Projection.Attributes[0] != "x" {
		t.Errorf("changing Merge's result changed its input")
	}
}

func TestEqual(t *testing.T) {
	a := Index{Name: "g", Global: true, Keys: hashOnly("a", attr.S), Projection: Projection{ProjectInclude, []string{"x", "y"}}, Throughput: &Throughput{1, 1}}
	tests := []struct {
		name string
		b    func(Index) Index
		want bool
	}{
		{"same", func(ix Index) Index { return ix }, true},
		{"reordered include", func(ix Index) Index { ix.Projection.Attributes = []string{"y", "x"}; return ix }, true},
		{"other name", func(ix Index) Index { ix.Name = "h"; return ix }, false},
		{"other include", func(ix Index) Index { ix.Projection.Attributes = []string{"x"}; return ix }, false},
		{"throughput inherited", func(ix Index) Index { ix.Throughput = nil; return ix }, false},
		{"throughput differs", func(ix Index) Index { ix.Throughput = &Throughput{1, 2}; return ix }, false},
		{"range key", func(ix Index) Index { ix.Keys.Range = Key{"r", attr.N}; return ix }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.b(a.clone())
			if got := a.Equal(b); got != tt.want {
				t.Errorf("Equal(%+v) = %v; want %v", b, got, tt.want)
			}
		})
	}
	if !(Projection{}).Equal(Projection{Type: ProjectAll}) {
		t.Errorf("the zero Projection must equal ALL")
	}
}

func TestChoose(t *testing.T) {
	// shop has the table's keys repeated by an LSI-like GSI, a GSI with the same hash as the
	// table, and a hash-only GSI, to exercise every rule.
	shop := Layout{
		Keys: hashRange("pk", attr.S, "sk", attr.S),
		Indexes: []Index{
			gsi("byStatus", hashRange("status", attr.S, "createdAt", attr.N)),
			gsi("byStatusDue", hashRange("status", attr.S, "due", attr.N)),
			{Name: "byPkDate", Global: true, Keys: hashRange("pk", attr.S, "createdAt", attr.N), Projection: Projection{Type: ProjectKeysOnly}},
			gsi("byEmail", hashOnly("email", attr.S)),
			lsi("byTotal", hashRange("pk", attr.S, "total", attr.N)),
		},
	}
	tests := []struct {
		name       string
		cond       Conditions
		wantIndex  string
		wantRange  string
		wantFilter []string
		wantErr    error
	}{
		{"table by hash", Conditions{Equal: []string{"pk"}}, "", "", nil, nil},
		{"table by hash and range", Conditions{Equal: []string{"pk"}, Range: "sk"}, "", "sk", nil, nil},
		{"table by hash and range equality", Conditions{Equal: []string{"sk", "pk"}}, "", "sk", nil, nil},
		{"index beats table on range", Conditions{Equal: []string{"pk"}, Range: "createdAt"}, "byPkDate", "createdAt", nil, nil},
		{"LSI on range", Conditions{Equal: []string{"pk"}, Range: "total"}, "byTotal", "total", nil, nil},
		{"first declared wins a tie", Conditions{Equal: []string{"status"}}, "byStatus", "", nil, nil},
		{"range picks the later index", Conditions{Equal: []string{"status"}, Range: "due"}, "byStatusDue", "due", nil, nil},
		{"hash only with filter", Conditions{Equal: []string{"email", "kind"}, Range: "createdAt"}, "byEmail", "", []string{"kind", "createdAt"}, nil},
		{"table with filter", Conditions{Equal: []string{"pk", "status"}, Range: "price"}, "", "", []string{"status", "price"}, nil},
		{"range key equality beats range condition elsewhere", Conditions{Equal: []string{"pk", "sk"}, Range: "createdAt"}, "", "sk", []string{"createdAt"}, nil},
		{"several ranges: the table wins the tie", Conditions{Equal: []string{"pk"}, Range: "total", MoreRanges: []string{"sk"}}, "", "sk", []string{"total"}, nil},
		{"several ranges, other order", Conditions{Equal: []string{"pk"}, Range: "sk", MoreRanges: []string{"total"}}, "", "sk", []string{"total"}, nil},
		{"several ranges: the first declared index wins", Conditions{Equal: []string{"pk"}, Range: "total", MoreRanges: []string{"createdAt"}}, "byPkDate", "createdAt", []string{"total"}, nil},
		{"several ranges: one fits", Conditions{Equal: []string{"status"}, Range: "price", MoreRanges: []string{"due", "price"}}, "byStatusDue", "due", []string{"price"}, nil},
		{"an index that does not project what the query needs is passed over", Conditions{Equal: []string{"pk"}, Range: "createdAt", Need: []string{"ttl"}}, "", "", []string{"createdAt"}, nil},
		{"an index that projects what the query needs", Conditions{Equal: []string{"pk"}, Range: "createdAt", Need: []string{"sk", "createdAt"}}, "byPkDate", "createdAt", nil, nil},
		{"named index does not project what the query needs", Conditions{Equal: []string{"pk"}, Index: "byPkDate", Need: []string{"ttl"}}, "", "", nil, ErrNoIndex},
		{"named index", Conditions{Equal: []string{"pk"}, Index: "byTotal"}, "byTotal", "", nil, nil},
		{"named index over a better table", Conditions{Equal: []string{"pk"}, Range: "sk", Index: "byPkDate"}, "byPkDate", "", []string{"sk"}, nil},
		{"named index unknown", Conditions{Equal: []string{"pk"}, Index: "nope"}, "", "", nil, ErrUnknownIndex},
		{"named index does not fit", Conditions{Equal: []string{"pk"}, Index: "byEmail"}, "", "", nil, ErrNoIndex},
		{"nothing fits", Conditions{Equal: []string{"total"}, Range: "pk"}, "", "", nil, ErrNoIndex},
		{"no conditions", Conditions{}, "", "", nil, ErrNoIndex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shop.Choose(tt.cond)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Choose(%v) = %+v, %v; want error %v", tt.cond, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Choose(%v) = %v; want index %q", tt.cond, err, tt.wantIndex)
			}
			if got.Index != tt.wantIndex || got.Range != tt.wantRange || !cmp.Equal(got.Filter, tt.wantFilter) {
				t.Errorf("Choose(%v) = index %q range %q filter %v; want %q, %q, %v\n%s",
					tt.cond, got.Index, got.Range, got.Filter, tt.wantIndex, tt.wantRange, tt.wantFilter, got.Explain)
			}
			want, _ := shop.Index(tt.wantIndex)
			if tt.wantIndex == "" {
				want = Index{Keys: shop.Keys, Projection: Projection{Type: ProjectAll}}
			}
			if !got.Keys.Equal(want.Keys) || got.Global != want.Global || !got.Projection.Equal(want.Projection) {
				t.Errorf("Choose(%v) = keys %v global %v projection %v; want %v, %v, %v", tt.cond, got.Keys, got.Global, got.Projection, want.Keys, want.Global, want.Projection)
			}
		})
	}
}

func TestChooseExplain(t *testing.T) {
	shop := Layout{
		Keys: hashRange("pk", attr.S, "sk", attr.S),
		Indexes: []Index{
			gsi("byStatus", hashRange("status", attr.S, "createdAt", attr.N)),
			{Name: "byPk", Global: true, Keys: hashOnly("pk", attr.S), Projection: Projection{ProjectInclude, []string{"total"}}},
		},
	}
	tests := []struct {
		name string
		cond Conditions
		want string
	}{
		{"table", Conditions{Equal: []string{"pk"}, Range: "sk"},
			`uses table: hash key "pk" (=) and range key "sk" (range condition). Passed over: GSI "byStatus": hash key "status" is not compared with =; GSI "byPk": hash key "pk" (=), no range key (uses fewer keys).`},
		{"tie goes to the table", Conditions{Equal: []string{"pk", "kind"}},
			`uses table: hash key "pk" (=); range key "sk" is not constrained; filters on kind. Passed over: GSI "byStatus": hash key "status" is not compared with =; GSI "byPk": hash key "pk" (=), no range key (the table is preferred).`},
		{"index", Conditions{Equal: []string{"status"}, Range: "createdAt"},
			`uses GSI "byStatus": hash key "status" (=) and range key "createdAt" (range condition). Passed over: table: hash key "pk" is not compared with =; GSI "byPk": hash key "pk" is not compared with =.`},
		{"named", Conditions{Equal: []string{"pk"}, Index: "byPk"},
			`uses GSI "byPk": hash key "pk" (=), no range key, as the query names it; the index projects INCLUDE(total), so other attributes are not returned.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shop.Choose(tt.cond)
			if err != nil {
				t.Fatalf("Choose(%v) = %v", tt.cond, err)
			}
			if got.Explain != tt.want {
				t.Errorf("Choose(%v).Explain =\n%s\nwant\n%s", tt.cond, got.Explain, tt.want)
			}
		})
	}
}

func TestChooseErrors(t *testing.T) {
	tests := []struct {
		name string
		cond Conditions
		want string
	}{
		{"nothing fits", Conditions{Equal: []string{"total"}, Range: "pk"},
			`index: no index fits a query with = on total and a range condition on pk; tried table: hash key "pk" has a range condition; a hash key needs =; GSI "byEmail": hash key "email" is not compared with =`},
		{"named", Conditions{Range: "sk", Index: "byEmail"},
			`index: index "byEmail" does not fit a query with a range condition on sk; tried GSI "byEmail": hash key "email" is not compared with =`},
		{"unknown", Conditions{Index: "byName"}, `index: unknown index "byName"; the table has indexes GSI "byEmail"`},
	}
	table := Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{gsi("byEmail", hashOnly("email", attr.S))}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := table.Choose(tt.cond)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Choose(%v) = %v; want %s", tt.cond, err, tt.want)
			}
		})
	}
	_, err := Layout{Keys: hashOnly("pk", attr.S)}.Choose(Conditions{Index: "x"})
	if err == nil || !strings.HasSuffix(err.Error(), "the table has no indexes") {
		t.Errorf("Choose on a table without indexes = %v; want it to say the table has no indexes", err)
	}
}

func TestProjects(t *testing.T) {
	tbl := Layout{
		Keys: hashRange("pk", attr.S, "sk", attr.S),
		Indexes: []Index{
			gsi("all", hashOnly("status", attr.S)),
			{Name: "keys", Global: true, Keys: hashRange("status", attr.S, "at", attr.N), Projection: Projection{Type: ProjectKeysOnly}},
			{Name: "some", Global: true, Keys: hashOnly("status", attr.S), Projection: Projection{ProjectInclude, []string{"ttl"}}},
		},
	}
	ix := func(name string) Index { i, _ := tbl.Index(name); return i }
	tests := []struct {
		ix   Index
		name string
		want bool
	}{
		{Index{Keys: tbl.Keys}, "anything", true},
		{ix("all"), "anything", true},
		{ix("keys"), "pk", true},
		{ix("keys"), "sk", true},
		{ix("keys"), "status", true},
		{ix("keys"), "at", true},
		{ix("keys"), "ttl", false},
		{ix("keys"), "", false},
		{ix("some"), "ttl", true},
		{ix("some"), "sk", true},
		{ix("some"), "total", false},
	}
	for _, tt := range tests {
		if got := tbl.Projects(tt.ix, tt.name); got != tt.want {
			t.Errorf("Projects(%q, %q) = %v; want %v", tt.ix.Name, tt.name, got, tt.want)
		}
	}
}
