package schema

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

func TestIndexKeysNotEmpty(t *testing.T) {
	type Indexed struct {
		ID    string `dynamo:"id"`
		Email string `dynamo:"email"`
		Org   []byte `dynamo:"org"`
		First string `dynamo:"first,omitempty"`
		Last  string `dynamo:"last,omitempty"`
		Note  string `dynamo:"note"`
	}
	sc := mustSchema(t)(For[Indexed](
		Attr("id", HashKey()),
		Attr("email", Index(IndexName("byEmail"), IndexRangeKey("org"))),
		Attr("name", Combine("", "first", "last"), Index()),
	))
	ms := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("at", Type(attr.N), RangeKey()),
		Attr("email", Type(attr.S), Index(Local())),
	))
	puts := []struct {
		name  string
		sc    *core
		item  any
		fails string
	}{
		{"values", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}}, ""},
		{"empty string", sc, &Indexed{ID: "a", Org: []byte{1}}, "email:key"},
		{"empty binary", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{}}, "org:key"},
		{"combined index key", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}, First: "x"}, ""},
		{"not an index key", sc, &Indexed{ID: "a", Email: "a@b.co", Org: []byte{1}, Note: ""}, ""},
		{"map item, local index", ms, map[string]any{"id": "a", "at": 1, "email": ""}, "email:key"},
		{"map item, absent", ms, map[string]any{"id": "a", "at": 1}, ""},
	}
	for _, tt := range puts {
		t.Run("Put "+tt.name, func(t *testing.T) {
			_, err := tt.sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Errorf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
		})
	}
	updates := []struct {
		name    string
		changes []Change
		fails   string
	}{
		{"SET value", []Change{{Op: UpdateSet, Path: "email", Value: "a@b.co"}}, ""},
		{"SET empty", []Change{{Op: UpdateSet, Path: "email", Value: ""}}, "email:key"},
		{"SET empty binary", []Change{{Op: UpdateSet, Path: "org", Value: []byte{}}}, "org:key"},
		{"SET empty, not an index key", []Change{{Op: UpdateSet, Path: "note", Value: ""}}, ""},
		// Empty values of omitempty sources remove them, as a put leaves them out; the
		// combined index key is then removed (a put leaves it out too), not stored empty.
		{"combined from sources removed by omitempty", []Change{{Op: UpdateSet, Path: "first", Value: ""}, {Op: UpdateSet, Path: "last", Value: ""}}, ""},
		{"combined", []Change{{Op: UpdateSet, Path: "first", Value: "a"}, {Op: UpdateSet, Path: "last", Value: ""}}, ""},
	}
	for _, tt := range updates {
		t.Run("Update "+tt.name, func(t *testing.T) {
			_, err := sc.Update(tt.changes)
			if f := failures(err); f != tt.fails {
				t.Errorf("Update(%v) = %v; want failures %q", tt.changes, err, tt.fails)
			}
		})
	}
}

func TestEncodeRefusalsAreValidationErrors(t *testing.T) {
	type Point struct {
		X float64 `dynamo:"x"`
	}
	type Shape struct {
		ID     string           `dynamo:"id"`
		F      float64          `dynamo:"f"`
		Tags   []string         `dynamo:"tags,set,omitempty"`
		Points []Point          `dynamo:"points,omitempty"`
		Named  map[string]Point `dynamo:"named,omitempty"`
	}
	nan := math.NaN()
	sc := mustSchema(t)(For[Shape]())
	ms := mustSchema(t)(New(Attr("id", Type(attr.S)), SaveUnknown()))
	tests := []struct {
		name  string
		sc    *core
		item  any
		fails string
	}{
		{"NaN", sc, &Shape{ID: "a", F: nan}, "f:type"},
		{"duplicate in a set", sc, &Shape{ID: "a", Tags: []string{"x", "x"}}, "tags:type"},
		{"NaN in a list of structs", sc, &Shape{ID: "a", Points: []Point{{1}, {nan}}}, "points[1].x:type"},
		{"NaN in a map", sc, &Shape{ID: "a", Named: map[string]Point{"p": {nan}}}, "named.p.x:type"},
		{"NaN in a kept unknown attribute", ms, map[string]any{"id": "a", "meta": map[string]any{"x": []any{nan}}}, "meta.x[0]:type"},
		{"duplicate in a kept unknown set", ms, map[string]any{"id": "a", "s": attr.StringSet{"x", "x"}}, "s:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Errorf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
		})
	}
}

func TestEmptyAttributeNamesRefused(t *testing.T) {
	type Leaf struct {
		N int `dynamo:"n"`
	}
	type Holder struct {
		ID    string            `dynamo:"id"`
		Meta  map[string]string `dynamo:"meta,omitempty"`
		Leafs []Leaf            `dynamo:"leafs,omitempty"`
		Any   any               `dynamo:"any,omitempty"`
	}
	type Keeper struct {
		ID    string         `dynamo:"id"`
		Extra map[string]any `dynamo:",unknown"`
	}
	hs := mustSchema(t)(For[Holder]())
	ks := mustSchema(t)(For[Keeper]())
	ps := mustSchema(t)(For[Keeper](SaveUnknown("meta.*")))
	ms := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("free", Type(attr.M)),
		Attr("doc", Map(Attr("x", Type(attr.N)))),
		SaveUnknown(),
	))
	tests := []struct {
		name  string
		sc    *core
		item  any
		fails string
	}{
		{"struct map field", hs, &Holder{ID: "a", Meta: map[string]string{"": "x"}}, "meta:name"},
		{"struct map field, names", hs, &Holder{ID: "a", Meta: map[string]string{"k": "x"}}, ""},
		{"any field", hs, &Holder{ID: "a", Any: []any{map[string]any{"": 1}}}, "any[0]:name"},
		{"unknown field, top", ks, &Keeper{ID: "a", Extra: map[string]any{"": 1}}, ":name"},
		{"unknown field, nested", ks, &Keeper{ID: "a", Extra: map[string]any{"m": map[string]any{"x": map[string]any{"": 1}}}}, "m.x:name"},
		{"unknown field, dropped", ps, &Keeper{ID: "a", Extra: map[string]any{"": 1}}, ""},
		{"map item, top", ms, map[string]any{"id": "a", "": 1}, ":name"},
		{"map item, free map", ms, map[string]any{"id": "a", "free": map[string]any{"": 1}}, "free:name"},
		{"map item, kept unknown", ms, map[string]any{"id": "a", "u": []any{map[string]any{"": 1}}}, "u[0]:name"},
		{"map item, map with a schema", ms, map[string]any{"id": "a", "doc": map[string]any{"": 1}}, "doc:name"},
		{"map item, names", ms, map[string]any{"id": "a", "free": map[string]any{"k": 1}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Errorf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
		})
	}
	_, err := ms.Update([]Change{{Op: UpdateSet, Path: "free", Value: map[string]any{"a": map[string]any{"": 1}}}})
	if f := failures(err); f != "free.a:name" {
		t.Errorf("Update(SET free = {a: {\"\": 1}}) = %v; want failures %q", err, "free.a:name")
	}
	_, err = ms.Value("free", map[string]any{"": 1})
	if f := failures(err); f != "free:name" {
		t.Errorf("Value(free, {\"\": 1}) = %v; want failures %q", err, "free:name")
	}
}

func TestStoredTimesKeptInUnknownField(t *testing.T) {
	type Keeper struct {
		ID    string         `dynamo:"id"`
		Extra map[string]any `dynamo:",unknown"`
	}
	type AVKeeper struct {
		ID    string                          `dynamo:"id"`
		Extra map[string]types.AttributeValue `dynamo:",unknown"`
	}
	type Plain struct {
		ID string `dynamo:"id"`
	}
	earlier := fixed.Add(-48 * time.Hour)
	opts := []Option{Timestamps(), Expires(time.Hour), clock()}
	ks := mustSchema(t)(For[Keeper](opts...))
	as := mustSchema(t)(For[AVKeeper](opts...))
	ps := mustSchema(t)(For[Plain](opts...))
	iso := mustSchema(t)(For[Keeper](CreatedAt("created", attr.TimeISO), clock()))
	stored := map[string]types.AttributeValue{
		"id": &types.AttributeValueMemberS{Value: "a"}, "createdAt": &types.AttributeValueMemberN{Value: ms(earlier)},
		"updatedAt": &types.AttributeValueMemberN{Value: ms(earlier)}, "ttl": &types.AttributeValueMemberN{Value: fmt.Sprint(earlier.Unix())},
	}
	fresh := `createdAt:N` + ms(fixed) + ` id:S"a" ttl:N` + fmt.Sprint(fixed.Add(time.Hour).Unix()) + ` updatedAt:N` + ms(fixed)
	kept := `createdAt:N` + ms(earlier) + ` id:S"a" ttl:N` + fmt.Sprint(earlier.Unix()) + ` updatedAt:N` + ms(fixed)
	read := func(sc *core, out any) any {
		if err := sc.Read(stored, out); err != nil {
			t.Fatalf("Read(%s) = %v", renderItem(stored), err)
		}
		return out
	}
	tests := []struct {
		name   string
		sc     *core
		item   any
		create bool
		want   string
		fails  string
	}{
		{"read item, map[string]any", ks, read(ks, &Keeper{}), false, "{" + kept + "}", ""},
		{"read item, attribute values", as, read(as, &AVKeeper{}), false, "{" + kept + "}", ""},
		{"read item, Create", ks, read(ks, &Keeper{}), true,
			`{createdAt:N` + ms(fixed) + ` id:S"a" ttl:N` + fmt.Sprint(earlier.Unix()) + ` updatedAt:N` + ms(fixed) + `}`, ""},
		{"new item", ks, &Keeper{ID: "a"}, false, "{" + fresh + "}", ""},
		{"no unknown field", ps, read(ps, &Plain{}), false, "{" + fresh + "}", ""},
		{"a time in the unknown field", ks, &Keeper{ID: "a", Extra: map[string]any{"createdAt": earlier, "ttl": earlier}}, false, "{" + kept + "}", ""},
		{"not a time", ks, &Keeper{ID: "a", Extra: map[string]any{"createdAt": "yesterday"}}, false, "", "createdAt:type"},
		{"kept in the attribute's format", iso, &Keeper{ID: "a", Extra: map[string]any{"created": attr.Number(ms(earlier))}}, false,
			`{created:S"` + earlier.UTC().Format("2006-01-02T15:04:05.000Z") + `" id:S"a"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write := tt.sc.Put
			if tt.create {
				write = tt.sc.Create
			}
			got, err := write(tt.item)
			if f := failures(err); f != tt.fails {
				t.Fatalf("write(%+v) = %v; want failures %q", tt.item, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("write(%+v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
		})
	}
}
