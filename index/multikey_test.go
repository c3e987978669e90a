package index

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

// multi builds a key schema from partition and sort attributes in key order.
func multi(hash []Key, sort ...Key) KeySchema {
	k := KeySchema{Hash: hash[0], MoreHash: hash[1:]}
	if len(sort) > 0 {
		k.Range, k.MoreRange = sort[0], sort[1:]
	}
	if len(k.MoreHash) == 0 {
		k.MoreHash = nil
	}
	if len(k.MoreRange) == 0 {
		k.MoreRange = nil
	}
	return k
}

func s(name string) Key { return Key{name, attr.S} }
func n(name string) Key { return Key{name, attr.N} }

// matches is a table whose GSI byRound has a two-attribute partition key and a
// three-attribute sort key.
var matches = Layout{
	Keys: hashOnly("matchId", attr.S),
	Indexes: []Index{
		gsi("byRound", multi([]Key{s("tournament"), s("region")}, s("round"), s("bracket"), n("score"))),
		gsi("byPlayer", hashRange("player", attr.S, "playedAt", attr.N)),
	},
}

func TestCheckMultiAttributeKeys(t *testing.T) {
	five := []Key{s("a"), s("b"), s("c"), s("d"), s("e")}
	tests := []struct {
		name  string
		table Layout
		want  []string
	}{
		{"four and four", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("g4x4", multi(five[:4], n("w"), n("x"), s("y"), Key{"z", attr.B})),
		}}, nil},
		{"several partition attributes, no sort key", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("byAB", multi(five[:2])),
		}}, nil},
		{"five partition attributes", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("big", multi(five, s("x"))),
		}}, []string{`GSI "big": partition key has 5 attributes; DynamoDB allows at most 4`}},
		{"five sort attributes", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("big", multi([]Key{s("x")}, five...)),
		}}, []string{`GSI "big": sort key has 5 attributes; DynamoDB allows at most 4`}},
		{"attribute twice", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("dup", multi([]Key{s("a"), s("b")}, s("c"), s("a"))),
		}}, []string{`GSI "dup": attribute "a" appears twice in its key`}},
		{"non-scalar type", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("bad", multi([]Key{s("a"), {"tags", attr.SS}}, Key{"on", attr.BOOL})),
		}}, []string{
			`GSI "bad" range key "on" has type BOOL; keys must be S, N or B`,
			`GSI "bad" partition key attribute #2 "tags" has type SS; keys must be S, N or B`,
		}},
		{"types kept across indexes", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("one", multi([]Key{s("a"), n("b")})),
			gsi("two", multi([]Key{s("a"), s("b")})),
		}}, []string{`attribute "b" is N in GSI "one" but S in GSI "two"`}},
		{"local index", Layout{Keys: hashRange("pk", attr.S, "sk", attr.S), Indexes: []Index{
			lsi("loc", KeySchema{Hash: s("pk"), Range: s("a"), MoreRange: []Key{s("b")}}),
		}}, []string{`LSI "loc" has a multi-attribute key (pk S, a S + b S); only global indexes may`}},
		{"table", Layout{Keys: KeySchema{Hash: s("pk"), MoreHash: []Key{s("pk2")}}},
			[]string{`the table has a multi-attribute key (pk S + pk2 S); only global indexes may`}},
		{"further sort attributes without a first", Layout{Keys: hashOnly("id", attr.S), Indexes: []Index{
			gsi("ggg", KeySchema{Hash: s("a"), MoreRange: []Key{s("b")}}),
		}}, []string{`GSI "ggg" has further sort key attributes but no first one`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Check()
			var got []string
			if err != nil {
				var ie *Error
				if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
					t.Fatalf("Check() = %v; want an *Error wrapping ErrInvalid", err)
				}
				got = ie.Problems
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check() problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMultiAttributeKeyAttributesAndProjection(t *testing.T) {
	got := matches.Attributes()
	want := []Key{s("matchId"), s("tournament"), s("region"), s("round"), s("bracket"), n("score"), s("player"), n("playedAt")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Attributes() (-want +got):\n%s", diff)
	}
	keysOnly := matches.Indexes[0]
	keysOnly.Projection = Projection{Type: ProjectKeysOnly}
	for _, a := range []string{"matchId", "tournament", "region", "round", "bracket", "score"} {
		if !matches.Projects(keysOnly, a) {
			t.Errorf("Projects(KEYS_ONLY byRound, %q) = false; want true (a key attribute)", a)
		}
	}
	if matches.Projects(keysOnly, "player") {
		t.Errorf("Projects(KEYS_ONLY byRound, %q) = true; want false", "player")
	}
}

func TestMultiAttributeKeyEqualStringClone(t *testing.T) {
	k := matches.Indexes[0].Keys
	if got, want := k.String(), "tournament S + region S, round S + bracket S + score N"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	swapped := multi([]Key{s("region"), s("tournament")}, s("round"), s("bracket"), n("score"))
	if k.Equal(swapped) {
		t.Errorf("Equal(%v, %v) = true; want false (order matters)", k, swapped)
	}
	if !k.Equal(multi([]Key{s("tournament"), s("region")}, s("round"), s("bracket"), n("score"))) {
		t.Errorf("Equal of the same keys = false; want true")
	}
	c := matches.Clone()
	c.Indexes[0].Keys.MoreRange[0].Name = "changed"
	if matches.Indexes[0].Keys.MoreRange[0].Name != "bracket" {
		t.Errorf("changing a Clone's sort attribute changed the original")
	}
	_, err := Merge(matches, Layout{Keys: matches.Keys, Indexes: []Index{gsi("byRound", swapped)}})
	if err == nil || !strings.Contains(err.Error(), "keys tournament S + region S, round S + bracket S + score N, not region S + tournament S") &&
		!strings.Contains(err.Error(), "keys region S + tournament S, round S + bracket S + score N, not tournament S + region S") {
		t.Errorf("Merge of byRound with its partition attributes swapped = %v; want a conflict naming both key orders", err)
	}
}

func TestChooseMultiAttributeKey(t *testing.T) {
	tests := []struct {
		name        string
		cond        Conditions
		wantIndex   string
		wantRanges  []string
		wantFilter  []string
		wantExplain string // a part of Explain
	}{
		{"partition only",
			Conditions{Equal: []string{"tournament", "region"}},
			"byRound", nil, nil,
			`uses GSI "byRound": partition attributes "tournament", "region" (=); sort attribute "round" is not constrained`},
		{"equality prefix then range",
			Conditions{Equal: []string{"region", "tournament", "round"}, Range: "bracket"},
			"byRound", []string{"round", "bracket"}, nil,
			`sort attributes "round" (=), "bracket" (range condition)`},
		{"all sort attributes with =",
			Conditions{Equal: []string{"tournament", "region", "round", "bracket", "score"}},
			"byRound", []string{"round", "bracket", "score"}, nil,
			`sort attributes "round" (=), "bracket" (=), "score" (=)`},
		{"range on the first sort attribute",
			Conditions{Equal: []string{"tournament", "region", "other"}, Range: "round"},
			"byRound", []string{"round"}, []string{"other"},
			`sort attributes "round" (range condition); sort attribute "bracket" is not constrained; filters on other`},
		{"one partition attribute missing",
			Conditions{Equal: []string{"tournament", "matchId"}},
			"", nil, []string{"tournament"},
			`GSI "byRound": partition attribute "region" is not compared with = (a multi-attribute partition key needs = on each of "tournament", "region")`},
		{"skipped sort attribute",
			Conditions{Equal: []string{"tournament", "region", "bracket", "matchId"}},
			"", nil, []string{"tournament", "region", "bracket"},
			`GSI "byRound": sort attribute "bracket" is constrained but "round" before it is not; sort attributes are used in order, from the first, without skipping`},
		{"equality after a range",
			Conditions{Equal: []string{"tournament", "region", "bracket", "matchId"}, Range: "round"},
			"", nil, []string{"tournament", "region", "bracket", "round"},
			`GSI "byRound": sort attribute "bracket" is constrained after "round", which has a range condition; only the last sort attribute given may have one`},
		{"more key attributes beat fewer",
			Conditions{Equal: []string{"tournament", "region", "player"}},
			"byRound", nil, []string{"player"},
			`GSI "byPlayer": hash key "player" (=); range key "playedAt" is not constrained (uses fewer keys)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := matches.Choose(tt.cond)
			if err != nil {
				t.Fatalf("Choose(%v) = %v; want a choice", tt.cond, err)
			}
			if got.Index != tt.wantIndex || !cmp.Equal(got.Ranges, tt.wantRanges) || !cmp.Equal(got.Filter, tt.wantFilter) {
				t.Errorf("Choose(%v) = index %q ranges %q filter %q; want %q, %q, %q\n%s",
					tt.cond, got.Index, got.Ranges, got.Filter, tt.wantIndex, tt.wantRanges, tt.wantFilter, got.Explain)
			}
			if want := tt.wantRanges; len(want) > 0 && got.Range != want[len(want)-1] {
				t.Errorf("Choose(%v).Range = %q; want the last sort attribute used, %q", tt.cond, got.Range, want[len(want)-1])
			}
			if !strings.Contains(got.Explain, tt.wantExplain) {
				t.Errorf("Choose(%v).Explain = %q; want it to contain %q", tt.cond, got.Explain, tt.wantExplain)
			}
		})
	}
}

func TestChooseNamedMultiAttributeIndexRefused(t *testing.T) {
	tests := []struct {
		name string
		cond Conditions
		want string
	}{
		{"partition attribute with a range condition",
			Conditions{Equal: []string{"tournament"}, Range: "region", Index: "byRound"},
			`partition attribute "region" has a range condition; each of "tournament", "region" needs =`},
		{"skipped sort attribute",
			Conditions{Equal: []string{"tournament", "region", "round"}, Range: "score", Index: "byRound"},
			`sort attribute "score" is constrained but "bracket" before it is not`},
		{"two range conditions",
			Conditions{Equal: []string{"tournament", "region"}, Range: "bracket", MoreRanges: []string{"round"}, Index: "byRound"},
			`sort attribute "bracket" is constrained after "round", which has a range condition`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := matches.Choose(tt.cond)
			var ne *NoIndexError
			if !errors.As(err, &ne) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Choose(%v) = %v; want a *NoIndexError saying %q", tt.cond, err, tt.want)
			}
		})
	}
}
