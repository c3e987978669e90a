package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

func TestIndexWithMultiAttributeKey(t *testing.T) {
	sc := mustSchema(t)(New(
		Attr("matchId", Type(attr.S)),
		Attr("tournament", Type(attr.S), Index(IndexName("byRound"), IndexHashKeys("region"), IndexRangeKeys("round", "bracket"), KeysOnly())),
		Attr("region", Type(attr.S)),
		Attr("round", Type(attr.N)),
		Attr("bracket", Type(attr.B)),
		Attr("player", Type(attr.S), Index(IndexRangeKeys("round"))),
	))
	got := sc.Layout()
	want := []index.Index{
		{Name: "byRound", Global: true, Projection: index.Projection{Type: index.ProjectKeysOnly}, Keys: index.KeySchema{
			Hash: index.Key{Name: "tournament", Type: attr.S}, MoreHash: []index.Key{{Name: "region", Type: attr.S}},
			Range: index.Key{Name: "round", Type: attr.N}, MoreRange: []index.Key{{Name: "bracket", Type: attr.B}},
		}},
		// One sort attribute is an ordinary range key.
		{Name: "playerGlobalIndex", Global: true, Keys: index.KeySchema{
			Hash: index.Key{Name: "player", Type: attr.S}, Range: index.Key{Name: "round", Type: attr.N},
		}},
	}
	if diff := cmp.Diff(want, got.Indexes); diff != "" {
		t.Errorf("Layout().Indexes (-want +got):\n%s", diff)
	}
	// Every key attribute of the index is a key attribute of the item: an empty string in one
	// of them is refused before writing, as for other index keys.
	var indexKeys []string
	for _, a := range sc.indexKeys {
		indexKeys = append(indexKeys, a.name)
	}
	if diff := cmp.Diff([]string{"tournament", "region", "round", "bracket", "player"}, indexKeys); diff != "" {
		t.Errorf("index key attributes (-want +got):\n%s", diff)
	}
}

func TestIndexWithMultiAttributeKeyErrors(t *testing.T) {
	s := func(name string, settings ...Setting) Def {
		return Attr(name, append([]Setting{Type(attr.S)}, settings...)...)
	}
	keys := []Option{s("id"), s("a"), s("b"), s("c"), s("d"), s("e"), Attr("flag", Type(attr.BOOL)), Attr("any", Any())}
	with := func(extra ...Option) []Option { return append(append([]Option(nil), keys...), extra...) }
	tests := []struct {
		name string
		opts []Option
		want []string
	}{
		{"unknown partition attribute", with(s("x", Index(IndexName("byX"), IndexHashKeys("nope")))),
			[]string{`index "byX": partition attribute "nope" is not an attribute`}},
		{"unknown sort attribute", with(s("x", Index(IndexName("byX"), IndexRangeKeys("a", "nope")))),
			[]string{`index "byX": sort attribute "nope" is not an attribute`}},
		{"boolean sort attribute", with(s("x", Index(IndexName("byX"), IndexRangeKeys("flag")))),
			[]string{`index "byX": sort attribute "flag" has type BOOL; key attributes are S, N or B`}},
		{"any-typed partition attribute", with(s("x", Index(IndexName("byX"), IndexHashKeys("any")))),
			[]string{`index "byX": partition attribute "any" has type any; key attributes are S, N or B`}},
		{"five partition attributes", with(s("x", Index(IndexName("byX"), IndexHashKeys("a", "b", "c", "d")))),
			[]string{`GSI "byX": partition key has 5 attributes; DynamoDB allows at most 4`}},
		{"five sort attributes", with(s("x", Index(IndexName("byX"), IndexRangeKeys("a", "b", "c", "d", "e")))),
			[]string{`GSI "byX": sort key has 5 attributes; DynamoDB allows at most 4`}},
		{"attribute twice", with(s("x", Index(IndexName("byX"), IndexHashKeys("a"), IndexRangeKeys("b", "a")))),
			[]string{`GSI "byX": attribute "a" appears twice in its key`}},
		{"declared attribute again", with(s("x", Index(IndexName("byX"), IndexHashKeys("x")))),
			[]string{`GSI "byX": attribute "x" appears twice in its key`}},
		{"local index", with(s("r", RangeKey()), s("x", Index(Local(), IndexRangeKeys("a", "b")))),
			[]string{`index "xLocalIndex": a local index has the table's hash key and one range key; IndexHashKeys and IndexRangeKeys are for global indexes`}},
		{"range key given twice", with(s("x", Index(IndexName("byX"), IndexRangeKey("a"), IndexRangeKeys("b")))),
			[]string{`index "byX": both IndexRangeKey("a") and IndexRangeKeys`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts...)
			checkProblems(t, err, tt.want)
		})
	}
}
