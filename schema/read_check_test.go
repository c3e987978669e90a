package schema

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

func boolAV(v bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: v} }
func listAV(v ...types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberL{Value: v}
}

type checkedAddress struct {
	Country string `dynamo:"country"`
	Rank    any    `dynamo:"rank"`
}

type checkedItem struct {
	ID      string           `dynamo:"id"`
	Score   any              `dynamo:"score"`
	Address checkedAddress   `dynamo:"address"`
	People  []checkedAddress `dynamo:"people"`
	Extra   map[string]any   `dynamo:",unknown"`
}

// TestReadRefusesStoredTypeMismatch checks that a stored value of a type its attribute
// cannot hold is refused with an *attr.Error naming its path, for struct items (an interface
// field or a stored-only attribute declared with a type, which the codec cannot check) and
// for map items, where nothing was checked.
func TestReadRefusesStoredTypeMismatch(t *testing.T) {
	structSchema := mustSchema(t)(For[checkedItem](
		Attr("id", HashKey()), Attr("score", Type(attr.N)),
		Attr("address.rank", Type(attr.N)), Attr("people.rank", Type(attr.N)),
	))
	mapSchema := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()), Attr("score", Type(attr.N)), Attr("meta", Type(attr.M)),
		Attr("address", Map(Attr("country", Type(attr.S)))),
		Attr("people", List(Map(Attr("country", Type(attr.S))))),
		Attr("visits", List(Date(attr.TimeMillis))),
		Attr("groups", List(Map(Attr("data", List(Type(attr.N)))))),
		Attr("tags", Type(attr.SS)),
	))
	tests := []struct {
		name     string
		s        *core
		item     map[string]types.AttributeValue
		wantPath string
	}{
		{"struct: number holding text", structSchema, map[string]types.AttributeValue{"id": s("a"), "score": s("Hello World")}, "score"},
		{"struct: nested string holding BOOL", structSchema, map[string]types.AttributeValue{"id": s("a"), "address": m(map[string]types.AttributeValue{"country": boolAV(true)})}, "address.country"},
		{"struct: nested interface field holding text", structSchema, map[string]types.AttributeValue{"id": s("a"), "address": m(map[string]types.AttributeValue{"rank": s("first")})}, "address.rank"},
		{"struct: interface field in a list of structs holding text", structSchema, map[string]types.AttributeValue{"id": s("a"), "people": listAV(m(map[string]types.AttributeValue{"rank": n("1")}), m(map[string]types.AttributeValue{"rank": s("first")}))}, "people[1].rank"},
		{"map: number holding text", mapSchema, map[string]types.AttributeValue{"id": s("a"), "score": s("Hello World")}, "score"},
		{"map: map holding text", mapSchema, map[string]types.AttributeValue{"id": s("a"), "meta": s("test")}, "meta"},
		{"map: nested string holding BOOL", mapSchema, map[string]types.AttributeValue{"id": s("a"), "address": m(map[string]types.AttributeValue{"country": boolAV(true)})}, "address.country"},
		{"map: string in a list of maps", mapSchema, map[string]types.AttributeValue{"id": s("a"), "people": listAV(m(map[string]types.AttributeValue{"country": n("1")}))}, "people[0].country"},
		{"map: list element of the wrong type", mapSchema, map[string]types.AttributeValue{"id": s("a"), "groups": listAV(m(map[string]types.AttributeValue{"data": listAV(n("1"), s("x"))}))}, "groups[0].data[1]"},
		{"map: date holding BOOL", mapSchema, map[string]types.AttributeValue{"id": s("a"), "visits": listAV(n("1"), boolAV(true))}, "visits[1]"},
		{"map: string set holding a list", mapSchema, map[string]types.AttributeValue{"id": s("a"), "tags": listAV(s("x"))}, "tags"},
		{"map: list holding a map", mapSchema, map[string]types.AttributeValue{"id": s("a"), "people": m(nil)}, "people"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.s == structSchema {
				err = tt.s.Read(tt.item, new(checkedItem))
			} else {
				err = tt.s.Read(tt.item, new(map[string]any))
			}
			var ae *attr.Error
			if !errors.As(err, &ae) || !errors.Is(err, attr.ErrType) {
				t.Fatalf("Read(%v) = %v; want an *attr.Error wrapping attr.ErrType", tt.item, err)
			}
			if ae.Path != tt.wantPath {
				t.Errorf("Read(%v) = %v with path %q; want path %q", tt.item, err, ae.Path, tt.wantPath)
			}
		})
	}
}

// TestReadDecodesDeclaredElements checks that lists and sets of a map schema read back as their
// declared element types (dates as time.Time, not numbers), so that an unchanged item read
// and put again is stored as it was.
func TestReadDecodesDeclaredElements(t *testing.T) {
	at := time.Date(2020, 2, 21, 0, 57, 33, 120_000_000, time.UTC)
	sch := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("visits", List(Date(attr.TimeMillis))),
		Attr("nested", List(List(Date(attr.TimeISO)))),
		Attr("seen", Type(attr.NS), Date(attr.TimeSeconds)),
		Attr("iso", Date(attr.TimeISO), Type(attr.SS)),
	))
	stored := map[string]types.AttributeValue{
		"id":     s("a"),
		"visits": listAV(n("1582246653120")),
		"nested": listAV(listAV(s("2020-02-21T00:57:33.120Z"))),
		"seen":   &types.AttributeValueMemberNS{Value: []string{"1582246653"}},
		"iso":    &types.AttributeValueMemberSS{Value: []string{"2020-02-21T00:57:33.120Z"}},
	}
	var item map[string]any
	if err := sch.Read(stored, &item); err != nil {
		t.Fatalf("Read = %v", err)
	}
	want := map[string]any{
		"id":     "a",
		"visits": []any{at},
		"nested": []any{[]any{at}},
		"seen":   []time.Time{at.Truncate(time.Second)},
		"iso":    []time.Time{at},
	}
	if diff := cmp.Diff(want, item); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
	again, err := sch.Put(item)
	if err != nil {
		t.Fatalf("Put(Read(item)) = %v", err)
	}
	if diff := cmp.Diff(renderItem(stored), renderItem(again)); diff != "" {
		t.Errorf("Put(Read(item)) (-stored +put):\n%s", diff)
	}
}

// TestDateSetSettings checks the declarations of a set of dates.
func TestDateSetSettings(t *testing.T) {
	type timed struct {
		ID   string      `dynamo:"id"`
		Seen []time.Time `dynamo:"seen,set,seconds"`
	}
	tests := []struct {
		name    string
		build   func() (*core, error)
		wantErr string
	}{
		{"NS then Date", func() (*core, error) {
			return untype(New(Attr("id", Type(attr.S), HashKey()), Attr("d", Type(attr.NS), Date(attr.TimeMillis))))
		}, ""},
		{"Date then NS", func() (*core, error) {
			return untype(New(Attr("id", Type(attr.S), HashKey()), Attr("d", Date(attr.TimeSeconds), Type(attr.NS))))
		}, ""},
		{"ISO set is SS", func() (*core, error) {
			return untype(New(Attr("id", Type(attr.S), HashKey()), Attr("d", Type(attr.NS), Date(attr.TimeISO))))
		}, `attribute "d": a set of Date(iso) is stored as SS, not NS`},
		{"struct field", func() (*core, error) {
			return untype(For[timed](Attr("id", HashKey()), Attr("seen", Type(attr.NS), Date(attr.TimeSeconds))))
		}, ""},
		{"struct field of another storage", func() (*core, error) {
			return untype(For[timed](Attr("id", HashKey()), Attr("seen", Type(attr.NS), Date(attr.TimeMillis))))
		}, `Date(millis) given`},
		{"two types still refused", func() (*core, error) {
			return untype(New(Attr("id", Type(attr.S), HashKey()), Attr("d", Type(attr.S), Type(attr.N))))
		}, "more than one type setting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.build()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("build = %v; want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("build = %v; want an error containing %q", err, tt.wantErr)
			}
		})
	}
}
