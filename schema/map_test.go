package schema

import (
	"fmt"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// pets is a schema for map items in the spirit of Dynamoose's dog example.
func pets(extra ...Option) []Option {
	return append([]Option{
		clock(),
		Attr("ownerId", Type(attr.N), HashKey()),
		Attr("name", Type(attr.S), RangeKey()),
		Attr("breed", Type(attr.S), Trim(), Required(), Index(IndexName("BreedIndex"), IndexRangeKey("ownerId"))),
		Attr("color", Type(attr.SS), Lowercase(), Default([]string{"brown"})),
		Attr("born", Date(attr.TimeISO)),
		Attr("awards", List(Map(
			Attr("year", Type(attr.N), Required()),
			Attr("title", Type(attr.S)),
		))),
		Attr("vet", Map(
			Attr("name", Type(attr.S), Required()),
			Attr("phone", Type(attr.S), Alias("tel")),
		)),
		Attr("nick", Type(attr.S), Alias("nickname")),
	}, extra...)
}

func TestPutMap(t *testing.T) {
	born := time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		opts  []Option
		item  map[string]any
		want  string
		fails string
	}{
		{
			name: "known attributes, defaults and transforms",
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": " Beagle ", "born": born},
			want: `{born:S"2020-05-01T00:00:00.000Z" breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7}`,
		},
		{
			name: "alias as the key",
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "nickname": "R", "vet": map[string]any{"name": "Dr X", "tel": "555"}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" nick:S"R" ownerId:N7 vet:M{name:S"Dr X" phone:S"555"}}`,
		},
		{
			name:  "type check with paths",
			item:  map[string]any{"ownerId": "7", "name": "Rex", "breed": "Beagle", "born": "2020", "awards": []any{map[string]any{"year": "x"}}},
			fails: "awards[0].year:type born:type ownerId:type",
		},
		{
			name:  "required nested in list elements and maps",
			item:  map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "awards": []any{map[string]any{"title": "Best"}}, "vet": map[string]any{}},
			fails: "awards[0].year:required vet.name:required",
		},
		{
			name: "unknown attributes dropped by default",
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "extra": 1, "vet": map[string]any{"name": "X", "extra": 2}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7 vet:M{name:S"X"}}`,
		},
		{
			name:  "unknown attributes refused",
			opts:  []Option{ErrorUnknown()},
			item:  map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "extra": 1, "vet": map[string]any{"name": "X", "extra": 2}},
			fails: "extra:unknown vet.extra:unknown",
		},
		{
			name: "saveUnknown keeps everything",
			opts: []Option{SaveUnknown()},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "extra": 1, "vet": map[string]any{"name": "X", "extra": 2}},
			want: `{breed:S"Beagle" color:SS["brown"] extra:N1 name:S"Rex" ownerId:N7 vet:M{extra:N2 name:S"X"}}`,
		},
		{
			name: "saveUnknown one segment",
			opts: []Option{SaveUnknown("meta.*")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "other": 1,
				"meta": map[string]any{"a": 1, "b": map[string]any{"c": 2}}},
			want: `{breed:S"Beagle" color:SS["brown"] meta:M{a:N1 b:M{}} name:S"Rex" ownerId:N7}`,
		},
		{
			// Dynamoose keeps vet.metadata (one level below vet) but none of its contents.
			name: "saveUnknown one segment below a map attribute keeps a nested map empty",
			opts: []Option{SaveUnknown("vet.*")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle",
				"vet": map[string]any{"name": "X", "city": "Oslo", "metadata": map[string]any{"a": 1, "b": map[string]any{"c": 2}}}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7 vet:M{city:S"Oslo" metadata:M{} name:S"X"}}`,
		},
		{
			name: "saveUnknown one segment keeps a nested list empty",
			opts: []Option{SaveUnknown("vet.*")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle",
				"vet": map[string]any{"name": "X", "tags": []any{"a", map[string]any{"b": 1}}}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7 vet:M{name:S"X" tags:L[]}}`,
		},
		{
			name: "saveUnknown pattern through a list keeps the matching positions",
			opts: []Option{SaveUnknown("meta.*.*")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle",
				"meta": map[string]any{"tags": []any{"a", map[string]any{"b": 1}}}},
			want: `{breed:S"Beagle" color:SS["brown"] meta:M{tags:L[S"a" M{}]} name:S"Rex" ownerId:N7}`,
		},
		{
			name:  "saveUnknown one segment with errorUnknown refuses what lies below",
			opts:  []Option{SaveUnknown("vet.*"), ErrorUnknown()},
			item:  map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "vet": map[string]any{"name": "X", "metadata": map[string]any{"a": 1}}},
			fails: "vet.metadata.a:unknown",
		},
		{
			name: "saveUnknown any depth below a map attribute keeps a nested map whole",
			opts: []Option{SaveUnknown("vet.**")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle",
				"vet": map[string]any{"name": "X", "metadata": map[string]any{"a": 1, "b": map[string]any{"c": 2}}}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7 vet:M{metadata:M{a:N1 b:M{c:N2}} name:S"X"}}`,
		},
		{
			name: "saveUnknown one segment, deeper pattern",
			opts: []Option{SaveUnknown("meta.*.c")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle",
				"meta": map[string]any{"a": 1, "b": map[string]any{"c": 2, "d": 3}}},
			want: `{breed:S"Beagle" color:SS["brown"] meta:M{b:M{c:N2}} name:S"Rex" ownerId:N7}`,
		},
		{
			name: "saveUnknown any depth",
			opts: []Option{SaveUnknown("vet.**")},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "top": 1,
				"vet": map[string]any{"name": "X", "office": map[string]any{"room": 4}}},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Rex" ownerId:N7 vet:M{name:S"X" office:M{room:N4}}}`,
		},
		{
			name:  "saveUnknown patterns with errorUnknown",
			opts:  []Option{SaveUnknown("keep"), ErrorUnknown()},
			item:  map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "keep": 1, "drop": 2},
			fails: "drop:unknown",
		},
		{
			name: "nil under Any is stored as NULL, at the top and nested",
			opts: []Option{Attr("extra", Any()), Attr("doc", Map(Attr("note", Any())))},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle", "extra": nil, "doc": map[string]any{"note": nil}},
			want: `{breed:S"Beagle" color:SS["brown"] doc:M{note:NULL} extra:NULL name:S"Rex" ownerId:N7}`,
		},
		{
			name:  "empty range key",
			item:  map[string]any{"ownerId": 7, "name": "", "breed": "Beagle"},
			fails: "name:key",
		},
		{
			name: "timestamps and expires on map items",
			opts: []Option{Timestamps(), Expires(time.Minute)},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle"},
			want: fmt.Sprintf(`{breed:S"Beagle" color:SS["brown"] createdAt:N%s name:S"Rex" ownerId:N7 ttl:N%d updatedAt:N%s}`,
				ms(fixed), fixed.Add(time.Minute).Unix(), ms(fixed)),
		},
		{
			name: "item setter on maps",
			opts: []Option{ItemSetter(func(m *map[string]any) error { (*m)["name"] = "Max"; return nil })},
			item: map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle"},
			want: `{breed:S"Beagle" color:SS["brown"] name:S"Max" ownerId:N7}`,
		},
		{
			name:  "item setter output is type-checked",
			opts:  []Option{ItemSetter(func(m *map[string]any) error { (*m)["ownerId"] = "seven"; return nil })},
			item:  map[string]any{"ownerId": 7, "name": "Rex", "breed": "Beagle"},
			fails: "ownerId:type",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchema(t)(New(pets(tt.opts...)...))
			before := fmt.Sprint(tt.item)
			got, err := s.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Put(%v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
			if after := fmt.Sprint(tt.item); after != before {
				t.Errorf("Put changed the caller's map: %s; want %s", after, before)
			}
		})
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, path string
		full, prefix  bool
	}{
		{"a", "a", true, false},
		{"a", "b", false, false},
		{"a.*", "a", false, true},
		{"a.*", "a.b", true, false},
		{"a.*", "a.b.c", false, false},
		{"*", "x", true, false},
		{"*.b", "x.b", true, false},
		{"a.**", "a.b.c.d", true, true}, // ** may also match deeper paths
		{"a.**", "a", false, true},
		{"**", "x.y", true, true},
		{"a.**.z", "a.b.c.z", true, true},
		{"a.**.z", "a.b.c", false, true},
		{"a.0.b", "a.0.b", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.path, func(t *testing.T) {
			full, prefix := matchPattern(splitDots(tt.pattern), splitDots(tt.path))
			if full != tt.full || prefix != tt.prefix {
				t.Errorf("matchPattern(%q, %q) = %v, %v; want %v, %v", tt.pattern, tt.path, full, prefix, tt.full, tt.prefix)
			}
		})
	}
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
