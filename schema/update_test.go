package schema

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

func renderActions(actions []Action) string {
	parts := make([]string, len(actions))
	for i, a := range actions {
		parts[i] = a.Op.String() + " " + a.Path.String()
		if a.Value != nil {
			parts[i] += " " + render(a.Value)
		}
		if a.IfAbsent {
			parts[i] += " if absent"
		}
	}
	return strings.Join(parts, "; ")
}

type Profile struct {
	ID     string    `dynamo:"id"`
	Sort   string    `dynamo:"sort"`
	Email  string    `dynamo:"email,omitempty"`
	Name   string    `dynamo:"name,omitempty"`
	Last   string    `dynamo:"last,omitempty"`
	Role   string    `dynamo:"role,omitempty"`
	Visits int       `dynamo:"visits,omitempty"`
	Tags   []string  `dynamo:"tags,set,omitempty"`
	Seen   time.Time `dynamo:"seen,seconds,omitempty"`
	Home   *Address  `dynamo:"home,omitempty"`
	Extra  any       `dynamo:"extra,omitempty"`
}

func TestUpdate(t *testing.T) {
	at := fmt.Sprint(fixed.UnixMilli())
	created := "; SET createdAt N" + at + " if absent"
	seen := time.Unix(1700000000, 0)
	tests := []struct {
		name    string
		changes []Change
		want    string
		fails   string
	}{
		{
			name:    "set with transform, updatedAt added",
			changes: []Change{{UpdateSet, "email", " Ada@Example.COM "}},
			want:    `SET email S"ada@example.com"; SET updatedAt N` + at + created,
		},
		{
			name:    "Go names resolve to stored names",
			changes: []Change{{UpdateSet, "Email", "a@b.co"}, {UpdateAdd, "Visits", 1}},
			want:    `SET email S"a@b.co"; ADD visits N1; SET updatedAt N` + at + created,
		},
		{
			name:    "dates with the attribute's own format",
			changes: []Change{{UpdateSet, "seen", seen}},
			want:    `SET seen N1700000000; SET updatedAt N` + at + created,
		},
		{
			name:    "set validated: tag, enum, type",
			changes: []Change{{UpdateSet, "email", "nope"}, {UpdateSet, "role", "root"}, {UpdateSet, "visits", "many"}},
			fails:   "email:email role:enum visits:type",
		},
		{
			name:    "nested path",
			changes: []Change{{UpdateSet, "home.city", "paris"}},
			want:    `SET home.city S"PARIS"; SET updatedAt N` + at + created,
		},
		{
			name:    "whole nested value runs nested steps",
			changes: []Change{{UpdateSet, "home", &Address{Zip: "75001"}}},
			fails:   "home.city:required",
		},
		{
			name:    "whole nested value transformed",
			changes: []Change{{UpdateSet, "home", Address{City: "lyon"}}},
			want:    `SET home M{city:S"LYON"}; SET updatedAt N` + at + created,
		},
		{
			name:    "add and delete on a set",
			changes: []Change{{UpdateAdd, "tags", []string{"a"}}, {UpdateDelete, "tags", []string{"b"}}},
			want:    `ADD tags SS["a"]; DELETE tags SS["b"]; SET updatedAt N` + at + created,
		},
		{
			name:    "add to a string, delete from a number",
			changes: []Change{{UpdateAdd, "name", "x"}, {UpdateDelete, "visits", 1}},
			fails:   "name:type visits:type",
		},
		{
			name:    "add of the wrong type",
			changes: []Change{{UpdateAdd, "visits", "1"}, {UpdateAdd, "tags", []int{1}}},
			fails:   "tags:type visits:type",
		},
		{
			name:    "remove required refused, others fine",
			changes: []Change{{UpdateRemove, "home.city", nil}, {UpdateRemove, "email", nil}},
			fails:   "home.city:required",
		},
		{
			name:    "remove of an attribute with a default stores the default",
			changes: []Change{{UpdateRemove, "role", nil}, {UpdateRemove, "email", nil}},
			want:    `SET role S"member"; REMOVE email; SET updatedAt N` + at + created,
		},
		{
			name:    "a zero value of an omitempty field removes it, as a put leaves it out",
			changes: []Change{{UpdateSet, "visits", 0}},
			want:    `REMOVE visits; SET updatedAt N` + at + created,
		},
		{
			name:    "an empty set removes the attribute",
			changes: []Change{{UpdateSet, "tags", []string{}}},
			want:    `REMOVE tags; SET updatedAt N` + at + created,
		},
		{
			name:    "remove",
			changes: []Change{{UpdateRemove, "email", nil}},
			want:    `REMOVE email; SET updatedAt N` + at + created,
		},
		{
			name:    "keys cannot be updated",
			changes: []Change{{UpdateSet, "id", "u2"}, {UpdateRemove, "sort", nil}},
			fails:   "id:key sort:key",
		},
		{
			name:    "unknown attribute",
			changes: []Change{{UpdateSet, "nope", 1}},
			fails:   "nope:unknown",
		},
		{
			name:    "combined attribute recomputed when all sources change",
			changes: []Change{{UpdateSet, "name", "Ada"}, {UpdateSet, "last", "Lovelace"}},
			want:    `SET name S"Ada"; SET last S"Lovelace"; SET full S"Lovelace#Ada"; SET updatedAt N` + at + created,
		},
		{
			name:    "combined attribute refused when some sources change",
			changes: []Change{{UpdateSet, "name", "Ada"}},
			fails:   "full:combine",
		},
		{
			name:    "combined attribute not set directly",
			changes: []Change{{UpdateSet, "full", "x"}},
			fails:   "full:combine",
		},
		{
			name:    "updatedAt given explicitly is kept",
			changes: []Change{{UpdateSet, "updatedAt", seen}},
			want:    `SET updatedAt N1700000000000` + created,
		},
		{
			name:    "createdAt given explicitly replaces the if-absent one",
			changes: []Change{{UpdateSet, "createdAt", seen}},
			want:    `SET createdAt N1700000000000; SET updatedAt N` + at,
		},
		{
			name:    "createdAt removed is not set again",
			changes: []Change{{UpdateRemove, "createdAt", nil}},
			want:    `REMOVE createdAt; SET updatedAt N` + at,
		},
		{
			name:    "any-typed path beyond the schema",
			changes: []Change{{UpdateSet, "extra.deep[1]", 5}},
			want:    `SET extra.deep[1] N5; SET updatedAt N` + at + created,
		},
		{
			name:    "set without a value",
			changes: []Change{{UpdateSet, "email", nil}},
			fails:   "email:type",
		},
		{
			name:    "bad path",
			changes: []Change{{UpdateSet, "a..b", 1}},
			fails:   "a..b:path",
		},
	}
	sc := mustSchema(t)(For[Profile](
		Attr("id", HashKey()), Attr("sort", RangeKey()),
		Attr("email", Trim(), Lowercase(), Validate(validate.Tag("email"))),
		Attr("role", Required(), Default("member"), Enum("member", "admin")),
		Attr("home.city", Uppercase(), Required()),
		Attr("full", Combine("#", "last", "name")),
		Timestamps(), clock(),
	))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Update(tt.changes)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Update(%v) = %v; want failures %q", tt.changes, err, tt.fails)
			}
			if err == nil && renderActions(got) != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.changes, renderActions(got), tt.want)
			}
		})
	}
}

func TestUpdateEmpty(t *testing.T) {
	sc := mustSchema(t)(For[Profile]())
	if _, err := sc.Update(nil); !errors.Is(err, ErrEmptyUpdate) {
		t.Errorf("Update(nil) = %v; want %v", err, ErrEmptyUpdate)
	}
}

func TestUpdateMap(t *testing.T) {
	sc := mustSchema(t)(New(pets()...))
	tests := []struct {
		name    string
		changes []Change
		want    string
		fails   string
	}{
		{"alias path", []Change{{UpdateSet, "vet.tel", "555"}, {UpdateSet, "nickname", "R"}}, `SET vet.phone S"555"; SET nick S"R"`, ""},
		{"list element path", []Change{{UpdateSet, "awards[0].year", 2021}}, `SET awards[0].year N2021`, ""},
		{"list element value", []Change{{UpdateSet, "awards[1]", map[string]any{"title": "x"}}}, "", "awards[1].year:required"},
		{"trimmed", []Change{{UpdateSet, "breed", " Pug "}}, `SET breed S"Pug"`, ""},
		{"required removed", []Change{{UpdateRemove, "breed", nil}}, "", "breed:required"},
		{"add to a string set", []Change{{UpdateAdd, "color", []string{"red"}}}, `ADD color SS["red"]`, ""},
		{"date", []Change{{UpdateSet, "born", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC)}}, `SET born S"2021-01-02T00:00:00.000Z"`, ""},
		{"date of the wrong type", []Change{{UpdateSet, "born", 2021}}, "", "born:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Update(tt.changes)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Update(%v) = %v; want failures %q", tt.changes, err, tt.fails)
			}
			if err == nil && renderActions(got) != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.changes, renderActions(got), tt.want)
			}
		})
	}
}

var _ = attr.S

// An update can create its item, so the expiry of Expires is set as a put would set it, but
// only when the item has none: an update of a stored item leaves its expiry alone.
func TestUpdateExpires(t *testing.T) {
	exp := fmt.Sprint(fixed.Add(time.Hour).Unix())
	tests := []struct {
		name    string
		opts    []Option
		changes []Change
		want    string
	}{
		{
			name:    "ttl",
			opts:    []Option{Expires(time.Hour)},
			changes: []Change{{UpdateSet, "name", "x"}},
			want:    `SET name S"x"; SET ttl N` + exp + ` if absent`,
		},
		{
			name:    "default expires",
			opts:    []Option{Expires(time.Hour, DefaultExpires(func(now time.Time) (time.Time, bool) { return now.Add(2 * time.Hour), true }))},
			changes: []Change{{UpdateSet, "name", "x"}},
			want:    `SET name S"x"; SET ttl N` + fmt.Sprint(fixed.Add(2*time.Hour).Unix()) + ` if absent`,
		},
		{
			name:    "default says never",
			opts:    []Option{Expires(time.Hour, DefaultExpires(func(time.Time) (time.Time, bool) { return time.Time{}, false }))},
			changes: []Change{{UpdateSet, "name", "x"}},
			want:    `SET name S"x"`,
		},
		{
			name:    "the update sets the expiry itself",
			opts:    []Option{Expires(time.Hour)},
			changes: []Change{{UpdateSet, "ttl", fixed.Add(time.Minute)}},
			want:    `SET ttl N` + fmt.Sprint(fixed.Add(time.Minute).Unix()),
		},
		{
			name:    "no expires",
			changes: []Change{{UpdateSet, "name", "x"}},
			want:    `SET name S"x"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(New(append([]Option{
				Attr("id", Type(attr.S), HashKey()), Attr("name", Type(attr.S)), clock(),
			}, tt.opts...)...))
			got, err := sc.Update(tt.changes)
			if err != nil {
				t.Fatalf("Update(%v) = %v", tt.changes, err)
			}
			if renderActions(got) != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.changes, renderActions(got), tt.want)
			}
		})
	}
}

// TestUpdateForcesDefaults checks that ForceDefault attributes are set to their default by
// every update, as Dynamoose forces them: a SET or REMOVE of them, and an update of others.
func TestUpdateForcesDefaults(t *testing.T) {
	sc := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("name", Type(attr.S)),
		Attr("version", Type(attr.N), Default(3), ForceDefault()),
		Attr("kind", Type(attr.S), DefaultFunc(func() string { return "plain" })),
	))
	tests := []struct {
		name    string
		changes []Change
		want    string
	}{
		{"update of another attribute", []Change{{UpdateSet, "name", "x"}}, `SET name S"x"; SET version N3`},
		{"set of the forced attribute", []Change{{UpdateSet, "version", 9}}, `SET version N3`},
		{"remove of the forced attribute", []Change{{UpdateRemove, "version", nil}}, `SET version N3`},
		{"add to the forced attribute", []Change{{UpdateAdd, "version", 1}}, `SET version N3`},
		{"remove of a default func attribute", []Change{{UpdateRemove, "kind", nil}}, `SET kind S"plain"; SET version N3`},
		{"set of a default attribute is kept", []Change{{UpdateSet, "kind", "rich"}}, `SET kind S"rich"; SET version N3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Update(tt.changes)
			if err != nil {
				t.Fatalf("Update(%v) = %v", tt.changes, err)
			}
			if renderActions(got) != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.changes, renderActions(got), tt.want)
			}
		})
	}
}

// TestUpdateCombineNamesMissingSources checks that an update of only some sources of a
// combined attribute is refused with the names of the sources it does not change, as
// Dynamoose names them.
func TestUpdateCombineNamesMissingSources(t *testing.T) {
	sc := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("data1", Type(attr.S)), Attr("data2", Type(attr.S)), Attr("data3", Type(attr.S)),
		Attr("combo", Combine(",", "data1", "data2", "data3")),
	))
	tests := []struct {
		changes []Change
		want    string
	}{
		{[]Change{{UpdateSet, "data1", "a"}}, `"data2", "data3"`},
		{[]Change{{UpdateSet, "data1", "a"}, {UpdateRemove, "data3", nil}}, `"data2"`},
	}
	for _, tt := range tests {
		_, err := sc.Update(tt.changes)
		var ve *validate.Error
		if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Rule != "combine" || !strings.Contains(ve.Fields[0].Err.Error(), "not "+tt.want+":") {
			t.Errorf("Update(%v) = %v; want a combine refusal naming %s", tt.changes, err, tt.want)
		}
	}
}
