package schema

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// TestParseTemplate checks the pattern syntax: parts, padding, and the patterns refused.
func TestParseTemplate(t *testing.T) {
	tests := []struct {
		pattern string
		lits    []string
		parts   []string
		pads    []int
		err     string
	}{
		{pattern: "ROLE#{id}", lits: []string{"ROLE#", ""}, parts: []string{"id"}, pads: []int{0}},
		{pattern: "PERMISSION#{permissionId}#{createdAt}", lits: []string{"PERMISSION#", "#", ""}, parts: []string{"permissionId", "createdAt"}, pads: []int{0, 0}},
		{pattern: "{n:08}|{s}$", lits: []string{"", "|", "$"}, parts: []string{"n", "s"}, pads: []int{8, 0}},
		{pattern: "ROLE", err: "no {part}"},
		{pattern: "A#{a}{b}", err: "need text between them"},
		{pattern: "A#{a", err: "{ without }"},
		{pattern: "A#a}", err: "} without {"},
		{pattern: "A#{}", err: "no attribute name"},
		{pattern: "A#{n:8}", err: "padding is written :0N"},
		{pattern: "A#{n:0x}", err: "padding is written :0N"},
		{pattern: "A#{a}#{a}", err: "appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got, err := parseTemplate(tt.pattern)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("parseTemplate(%q) = %v; want an error with %q", tt.pattern, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseTemplate(%q) = %v", tt.pattern, err)
			}
			if strings.Join(got.lits, "|") != strings.Join(tt.lits, "|") {
				t.Errorf("texts = %q; want %q", got.lits, tt.lits)
			}
			for i, p := range got.parts {
				if p.name != tt.parts[i] || p.pad != tt.pads[i] {
					t.Errorf("part %d = %s:%d; want %s:%d", i, p.name, p.pad, tt.parts[i], tt.pads[i])
				}
			}
		})
	}
}

// TestTemplateFormat checks how each kind of part is written into the key: strings after
// their transforms, numbers without exponent and padded, dates in their storage, and the
// values refused, each naming the part's attribute.
func TestTemplateFormat(t *testing.T) {
	when := time.Date(2026, 3, 4, 5, 6, 7, 891_000_000, time.UTC)
	tests := []struct {
		name    string
		pattern string
		part    Setting
		extra   []Setting
		value   any
		want    string // the key, or the failure as "path:rule"
		errText string
	}{
		{name: "string", pattern: "R#{p}", part: Type(attr.S), value: "abc", want: `S"R#abc"`},
		{name: "string after trim and lowercase", pattern: "R#{p}", part: Type(attr.S), extra: []Setting{Trim(), Lowercase()}, value: "  AbC ", want: `S"R#abc"`},
		{name: "string after setter", pattern: "R#{p}", part: Type(attr.S), extra: []Setting{Setter(func(v string, _ *string) (string, error) { return "x" + v, nil })}, value: "1", want: `S"R#x1"`},
		{name: "integer", pattern: "N#{p}", part: Type(attr.N), value: 42, want: `S"N#42"`},
		{name: "negative unpadded", pattern: "N#{p}", part: Type(attr.N), value: -3, want: `S"N#-3"`},
		{name: "large float without exponent", pattern: "N#{p}", part: Type(attr.N), value: 1.5e21, want: `S"N#1500000000000000000000"`},
		{name: "small float without exponent", pattern: "N#{p}", part: Type(attr.N), value: 2.5e-7, want: `S"N#0.00000025"`},
		{name: "padded", pattern: "N#{p:06}", part: Type(attr.N), value: 42, want: `S"N#000042"`},
		{name: "padded fraction", pattern: "N#{p:04}", part: Type(attr.N), value: 4.25, want: `S"N#0004.25"`},
		{name: "padded exactly wide", pattern: "N#{p:02}", part: Type(attr.N), value: 99, want: `S"N#99"`},
		{name: "padded negative refused", pattern: "N#{p:06}", part: Type(attr.N), value: -1, want: "p:template", errText: "negative"},
		{name: "padded too wide refused", pattern: "N#{p:02}", part: Type(attr.N), value: 100, want: "p:template", errText: "more than 2 digits"},
		{name: "date in milliseconds", pattern: "D#{p}", part: Date(attr.TimeMillis), value: when, want: `S"D#` + ms(when) + `"`},
		{name: "date in seconds, padded", pattern: "D#{p:012}", part: Date(attr.TimeSeconds), value: when, want: `S"D#001772600768"`},
		{name: "date in ISO", pattern: "D#{p}", part: Date(attr.TimeISO), value: when, want: `S"D#2026-03-04T05:06:07.891Z"`},
		{name: "boolean", pattern: "B#{p}", part: Type(attr.BOOL), value: true, want: `S"B#true"`},
		{name: "separator in a value refused", pattern: "R#{p}#{q}", part: Type(attr.S), value: "a#b", want: "p:template", errText: `follows {p}`},
		{name: "separator in the last part accepted", pattern: "R#{q}#{p}", part: Type(attr.S), value: "a#b", want: `S"R#q#a#b"`},
		{name: "overlapping separator refused", pattern: "R#{p}##{q}", part: Type(attr.S), value: "a#", want: "p:template", errText: `follows {p}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(
				Attr("id", HashKey(), Type(attr.S)),
				Attr("p", append([]Setting{tt.part}, tt.extra...)...),
				Attr("q", Type(attr.S), Default("q")),
				Attr("k", Template(tt.pattern), Index()),
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.core.Put(map[string]any{"id": "1", "p": tt.value})
			if !strings.HasPrefix(tt.want, `S"`) {
				if f := failures(err); f != tt.want || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("Put(p=%v) = %v; want failure %s with %q", tt.value, err, tt.want, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("Put(p=%v) = %v", tt.value, err)
			}
			if k := render(got["k"]); k != tt.want {
				t.Errorf("Put(p=%v) stores k %s; want %s", tt.value, k, tt.want)
			}
		})
	}
}

// permission is a link item of a single-table design, with keys from templates.
type permission struct {
	PK           string    `dynamo:"pk"`
	SK           string    `dynamo:"sk"`
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	Rank         int       `dynamo:"rank"`
	Created      time.Time `dynamo:"createdAt"`
	Status       string    `dynamo:"status"`
}

func permissionSchema(t *testing.T) *core {
	t.Helper()
	return mustSchema(t)(For[permission](
		Attr("pk", HashKey(), Template("ROLE#{roleId}")),
		Attr("sk", RangeKey(), Template("PERMISSION#{permissionId}#{createdAt}")),
		Attr("gsi1pk", Template("STATUS#{status}"), Index(IndexName("byStatus"), IndexRangeKey("gsi1sk"))),
		Attr("gsi1sk", Template("RANK#{rank:04}")),
		Timestamps(), clock(),
	))
}

// TestTemplatePut checks that put and create compute the keys from the parts, createdAt
// (set by the timestamps) included, over whatever the item's key fields held, and refuse an
// item without some parts, naming them; an index key whose parts are all absent is absent.
func TestTemplatePut(t *testing.T) {
	s := permissionSchema(t)
	tests := []struct {
		name   string
		item   *permission
		create bool
		want   string // pk sk gsi1pk gsi1sk, or the failures
	}{
		{name: "put", item: &permission{RoleID: "r1", PermissionID: "p1", Rank: 7, Status: "on"},
			want: `S"ROLE#r1" S"PERMISSION#p1#` + ms(fixed) + `" S"STATUS#on" S"RANK#0007"`},
		{name: "put keeps createdAt", item: &permission{RoleID: "r1", PermissionID: "p1", Rank: 7, Status: "on", Created: time.UnixMilli(1000)},
			want: `S"ROLE#r1" S"PERMISSION#p1#1000" S"STATUS#on" S"RANK#0007"`},
		{name: "create sets createdAt", create: true, item: &permission{RoleID: "r1", PermissionID: "p1", Rank: 7, Status: "on", Created: time.UnixMilli(1000)},
			want: `S"ROLE#r1" S"PERMISSION#p1#` + ms(fixed) + `" S"STATUS#on" S"RANK#0007"`},
		{name: "stale key fields are recomputed", item: &permission{PK: "ROLE#old", SK: "x", RoleID: "r2", PermissionID: "p2", Rank: 1, Status: "off"},
			want: `S"ROLE#r2" S"PERMISSION#p2#` + ms(fixed) + `" S"STATUS#off" S"RANK#0001"`},
		{name: "sparse index key", item: &permission{RoleID: "r1", PermissionID: "p1"},
			want: `S"ROLE#r1" S"PERMISSION#p1#` + ms(fixed) + `" <nil> <nil>`},
		{name: "missing part of the hash key", item: &permission{PermissionID: "p1"}, want: "pk:template"},
		{name: "missing part of the range key", item: &permission{RoleID: "r1"}, want: "sk:template"},
		{name: "separator in a part", item: &permission{RoleID: "r1", PermissionID: "p#1"}, want: "permissionId:template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write := s.Put
			if tt.create {
				write = s.Create
			}
			got, err := write(tt.item)
			if strings.HasSuffix(tt.want, ":template") {
				if f := failures(err); f != tt.want {
					t.Fatalf("Put = %v; want failures %s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Put = %v", err)
			}
			keys := strings.Join([]string{render(got["pk"]), render(got["sk"]), render(got["gsi1pk"]), render(got["gsi1sk"])}, " ")
			if keys != tt.want {
				t.Errorf("Put stores keys %s; want %s", keys, tt.want)
			}
		})
	}
	t.Run("message names the missing parts", func(t *testing.T) {
		_, err := s.Put(&permission{RoleID: "r1"})
		if err == nil || !strings.Contains(err.Error(), `needs "permissionId"`) {
			t.Errorf("Put = %v; want it to name \"permissionId\"", err)
		}
	})
	t.Run("Key from Parts", func(t *testing.T) {
		got, err := s.Key(Parts{"roleId": "r1"}, Parts{"permissionId": "p1", "createdAt": time.UnixMilli(5)})
		if err != nil {
			t.Fatal(err)
		}
		if r, want := renderItem(got), `{pk:S"ROLE#r1" sk:S"PERMISSION#p1#5"}`; r != want {
			t.Errorf("Key = %s; want %s", r, want)
		}
		if _, err := s.Key(Parts{"roleId": "r1"}, Parts{"permissionId": "p1"}); failures(err) != "sk:template" {
			t.Errorf("Key(without createdAt) = %v; want sk:template", err)
		}
	})
	t.Run("KeyOf", func(t *testing.T) {
		got, err := s.KeyOf(&permission{RoleID: "r1", PermissionID: "p1", Created: time.UnixMilli(5)})
		if err != nil {
			t.Fatal(err)
		}
		if r, want := renderItem(got), `{pk:S"ROLE#r1" sk:S"PERMISSION#p1#5"}`; r != want {
			t.Errorf("KeyOf = %s; want %s", r, want)
		}
	})
}

// TestTemplateUpdate checks updates: an index key is recomputed when all its parts change
// (with updatedAt, which every update sets, counted as given) or removed when all are
// removed; changing some parts, or a part of a table key, or the key itself is refused
// before sending.
func TestTemplateUpdate(t *testing.T) {
	s := permissionSchema(t)
	u := mustSchema(t)(New(
		Attr("id", HashKey(), Type(attr.S)),
		Attr("status", Type(attr.S)),
		Attr("byUpdate", Template("{status}@{updatedAt}"), Index()),
		Timestamps(), clock(),
	))
	tests := []struct {
		name    string
		s       *core
		changes []Change
		want    string // the SET or REMOVE of the template attribute, or the failures
		errText string
	}{
		{name: "all parts set", s: s, changes: []Change{{UpdateSet, "status", "off"}},
			want: `SET gsi1pk S"STATUS#off"`},
		{name: "padded part set", s: s, changes: []Change{{UpdateSet, "rank", 12}},
			want: `SET gsi1sk S"RANK#0012"`},
		{name: "all parts removed", s: s, changes: []Change{{UpdateRemove, "status", nil}},
			want: `REMOVE gsi1pk`},
		{name: "updatedAt counts as given", s: u, changes: []Change{{UpdateSet, "status", "x"}},
			want: `SET byUpdate S"x@` + ms(fixed) + `"`},
		{name: "part of the hash key", s: s, changes: []Change{{UpdateSet, "roleId", "r9"}},
			want: "roleId:key", errText: `part of the key attribute "pk"`},
		{name: "part of the range key", s: s, changes: []Change{{UpdateSet, "createdAt", time.Now()}},
			want: "createdAt:key", errText: `part of the key attribute "sk"`},
		{name: "template attribute itself", s: s, changes: []Change{{UpdateSet, "gsi1pk", "STATUS#x"}},
			want: "gsi1pk:combine"},
		{name: "padded part out of range", s: s, changes: []Change{{UpdateSet, "rank", -1}},
			want: "rank:template", errText: "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			actions, err := tt.s.Update(tt.changes)
			if strings.Contains(tt.want, ":") {
				if f := failures(err); f != tt.want || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("Update(%v) = %v; want failure %s with %q", tt.changes, err, tt.want, tt.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("Update(%v) = %v", tt.changes, err)
			}
			var got []string
			for _, a := range actions {
				name := a.Path.String()
				if name == "gsi1pk" || name == "gsi1sk" || name == "byUpdate" {
					s := a.Op.String() + " " + name
					if a.Value != nil {
						s += " " + render(a.Value)
					}
					got = append(got, s)
				}
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("Update(%v) gives %s; want %s", tt.changes, g, tt.want)
			}
		})
	}
	t.Run("some parts changed", func(t *testing.T) {
		two := mustSchema(t)(New(
			Attr("id", HashKey(), Type(attr.S)),
			Attr("a", Type(attr.S)), Attr("b", Type(attr.N)), Attr("c", Type(attr.S)),
			Attr("k", Template("{a}#{b}#{c}"), Index()),
		))
		if _, err := two.Put(map[string]any{"id": "1", "a": "x"}); failures(err) != "k:template" || !strings.Contains(err.Error(), `needs "b", "c"`) {
			t.Errorf("Put(a only) = %v; want k:template naming \"b\", \"c\"", err)
		}
		_, err := two.Update([]Change{{UpdateSet, "a", "x"}})
		if f := failures(err); f != "k:template" || !strings.Contains(err.Error(), `not "b", "c"`) {
			t.Fatalf("Update(a) = %v; want k:template naming \"b\", \"c\"", err)
		}
		_, err = two.Update([]Change{{UpdateSet, "a", "x"}, {UpdateSet, "b", 1}, {UpdateRemove, "c", nil}})
		if f := failures(err); f != "k:template" || !strings.Contains(err.Error(), "remove all or set all") {
			t.Fatalf("Update(a, b, remove c) = %v; want k:template", err)
		}
	})
}

// TestTemplateRead checks that a read fills the parts an item does not hold from its keys,
// converted to their types, and that a part stored on its own wins over the key.
func TestTemplateRead(t *testing.T) {
	s := permissionSchema(t)
	keysOnly := map[string]types.AttributeValue{
		"pk":     &types.AttributeValueMemberS{Value: "ROLE#r1"},
		"sk":     &types.AttributeValueMemberS{Value: "PERMISSION#p1#1000"},
		"gsi1pk": &types.AttributeValueMemberS{Value: "STATUS#on"},
		"gsi1sk": &types.AttributeValueMemberS{Value: "RANK#0042"},
	}
	var got permission
	if err := s.Read(keysOnly, &got); err != nil {
		t.Fatal(err)
	}
	want := permission{PK: "ROLE#r1", SK: "PERMISSION#p1#1000", RoleID: "r1", PermissionID: "p1", Rank: 42, Created: time.UnixMilli(1000).UTC(), Status: "on"}
	if got != want {
		t.Errorf("Read(keys only) = %+v; want %+v", got, want)
	}
	if len(keysOnly) != 4 {
		t.Errorf("Read changed the stored item: %v", renderItem(keysOnly))
	}

	stored := map[string]types.AttributeValue{
		"pk":     &types.AttributeValueMemberS{Value: "ROLE#r1"},
		"sk":     &types.AttributeValueMemberS{Value: "PERMISSION#p1#1000"},
		"roleId": &types.AttributeValueMemberS{Value: "stored"},
	}
	got = permission{}
	if err := s.Read(stored, &got); err != nil {
		t.Fatal(err)
	}
	if got.RoleID != "stored" || got.PermissionID != "p1" {
		t.Errorf("Read = roleId %q, permissionId %q; want the stored \"stored\" and \"p1\" from the key", got.RoleID, got.PermissionID)
	}

	m := mustSchema(t)(New(
		Attr("pk", HashKey(), Template("ROLE#{id}")),
		Attr("id", Type(attr.N)),
	))
	var mi map[string]any
	if err := m.Read(map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "ROLE#17"}}, &mi); err != nil {
		t.Fatal(err)
	}
	if mi["id"] == nil || mi["id"] != 17.0 && mi["id"] != attr.Number("17") {
		t.Errorf("Read map = %v; want id 17 from the key", mi)
	}
	err := m.Read(map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "USER#17"}}, &mi)
	if !errors.Is(err, ErrTemplateMismatch) {
		t.Errorf("Read(pk USER#17) = %v; want ErrTemplateMismatch", err)
	}
}

// TestTemplateCondition checks the values of conditions given as parts: a full key from
// Parts, a prefix from the leading parts of Prefix, and what they refuse.
func TestTemplateCondition(t *testing.T) {
	s := permissionSchema(t)
	tests := []struct {
		name string
		path string
		v    any
		want string
	}{
		{"full key", "pk", Parts{"roleId": "r1"}, `S"ROLE#r1"`},
		{"full key by Go name", "pk", Parts{"RoleID": "r1"}, `S"ROLE#r1"`},
		{"full range key", "sk", Parts{"permissionId": "p1", "createdAt": time.UnixMilli(7)}, `S"PERMISSION#p1#7"`},
		{"prefix of one part", "sk", Prefix{"permissionId": "p1"}, `S"PERMISSION#p1#"`},
		{"prefix of no part", "sk", Prefix{}, `S"PERMISSION#"`},
		{"padded prefix", "gsi1sk", Prefix{"rank": 3}, `S"RANK#0003"`},
		{"missing part", "sk", Parts{"permissionId": "p1"}, "sk:template"},
		{"prefix skipping a part", "sk", Prefix{"createdAt": time.UnixMilli(7)}, "createdAt:template"},
		{"whole key without its first part", "sk", Parts{"createdAt": time.UnixMilli(7)}, "sk:template"},
		{"unknown part", "pk", Parts{"roleId": "r1", "other": 1}, "other:template"},
		{"wrong type", "pk", Parts{"roleId": 5}, "roleId:type"},
		{"not a template", "status", Parts{"x": 1}, "status:template"},
		{"separator in a prefix part", "sk", Prefix{"permissionId": "a#b"}, "permissionId:template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			av, err := s.Value(tt.path, tt.v)
			if strings.Contains(tt.want, ":") {
				if f := failures(err); f != tt.want {
					t.Fatalf("Value(%s, %v) = %v; want failure %s", tt.path, tt.v, err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Value(%s, %v) = %v", tt.path, tt.v, err)
			}
			if got := render(av); got != tt.want {
				t.Errorf("Value(%s, %v) = %s; want %s", tt.path, tt.v, got, tt.want)
			}
		})
	}
}

// TestTemplateSchemaChecks checks the template declarations refused at construction.
func TestTemplateSchemaChecks(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"unknown part", []Option{Attr("pk", HashKey(), Template("A#{nope}"))}, `names "nope", which is not an attribute`},
		{"itself", []Option{Attr("pk", HashKey(), Template("A#{pk}"))}, "names the attribute itself"},
		{"binary part", []Option{Attr("pk", HashKey(), Template("A#{b}")), Attr("b", Type(attr.B))}, "parts are strings, numbers, dates or booleans"},
		{"padded string", []Option{Attr("pk", HashKey(), Template("A#{s:04}")), Attr("s", Type(attr.S))}, "only numbers"},
		{"computed part", []Option{Attr("pk", HashKey(), Template("A#{c}")), Attr("c", Combine("#", "s")), Attr("s", Type(attr.S))}, "computed itself"},
		{"with a default", []Option{Attr("pk", HashKey(), Template("A#{s}"), Default("x")), Attr("s", Type(attr.S))}, "computed from its parts"},
		{"bad pattern", []Option{Attr("pk", HashKey(), Template("A#{s}{t}"))}, "need text between them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v; want an error with %q", err, tt.want)
			}
		})
	}
	type notString struct {
		PK int `dynamo:"pk"`
		ID string
	}
	if _, err := For[notString](Attr("pk", HashKey(), Template("A#{ID}"))); err == nil || !strings.Contains(err.Error(), "needs a string field") {
		t.Errorf("For[notString] = %v; want a refusal of the int field", err)
	}
}

// TestTemplateReadParts checks that each kind of part is read back from a key into its Go
// type: padded and negative numbers, fractions, dates in each storage, booleans, and a
// constant part, which is not parsed; and that text that is not the part's type is refused.
func TestTemplateReadParts(t *testing.T) {
	type item struct {
		PK   string    `dynamo:"pk"`
		N    int       `dynamo:"n"`
		F    float64   `dynamo:"f"`
		Ms   time.Time `dynamo:"ms"`
		Sec  time.Time `dynamo:"sec,seconds"`
		ISO  time.Time `dynamo:"iso,iso"`
		B    bool      `dynamo:"b"`
		Kind string    `dynamo:"kind"`
	}
	s := mustSchema(t)(For[item](
		Attr("pk", HashKey(), Template("{kind}|{n:05}|{f}|{ms}|{sec}|{iso}|{b}")),
		Attr("kind", Constant("K")),
	))
	when := time.Date(2026, 3, 4, 5, 6, 7, 891_000_000, time.UTC)
	in := item{N: 42, F: -2.5, Ms: when, Sec: when.Truncate(time.Second), ISO: when, B: true}
	stored, err := s.Put(&in)
	if err != nil {
		t.Fatal(err)
	}
	wantKey := `S"K|00042|-2.5|` + ms(when) + `|1772600767|2026-03-04T05:06:07.891Z|true"`
	if got := render(stored["pk"]); got != wantKey {
		t.Fatalf("Put stores pk %s; want %s", got, wantKey)
	}
	var got item
	if err := s.Read(map[string]types.AttributeValue{"pk": stored["pk"]}, &got); err != nil {
		t.Fatal(err)
	}
	in.Kind = "K"
	if !got.Ms.Equal(in.Ms) || !got.Sec.Equal(in.Sec) || !got.ISO.Equal(in.ISO) || got.N != in.N || got.F != in.F || got.B != in.B || got.Kind != "K" {
		t.Errorf("Read(key only) = %+v; want %+v", got, in)
	}
	for _, key := range []string{"K|0004x|1|1|1|2026-03-04T05:06:07.891Z|true", "K|1|1|1|1|2026|yes", "K|1|1|1|1"} {
		err := s.Read(map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}}, &got)
		if err == nil {
			t.Errorf("Read(pk %q) = nil; want a refusal", key)
		}
	}
}
