package schema

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type Event struct {
	Kind string    `dynamo:"kind"`
	At   time.Time `dynamo:"at,seconds"`
	Tags []string  `dynamo:"tags,set,omitempty"`
	Note string    `dynamo:"note,omitempty"`
}

func TestKey(t *testing.T) {
	when := time.Unix(1700000000, 0)
	sc := mustSchema(t)(For[Event](Attr("kind", HashKey()), Attr("at", RangeKey())))
	tests := []struct {
		name  string
		hash  any
		rng   any
		want  string
		fails string
	}{
		{"time in the key's format", "login", when, `{at:N1700000000 kind:S"login"}`, ""},
		{"empty hash", "", when, "", "kind:key"},
		{"missing range", "login", nil, "", "at:key"},
		{"wrong types", 5, "yesterday", "", "at:type kind:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Key(tt.hash, tt.rng)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Key(%v, %v) = %v; want failures %q", tt.hash, tt.rng, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Key(%v, %v) = %s; want %s", tt.hash, tt.rng, renderItem(got), tt.want)
			}
		})
	}
	noRange := mustSchema(t)(For[Event]())
	if _, err := noRange.Key("login", when); failures(err) != ":key" {
		t.Errorf("Key(login, %v) without a range key = %v; want a key failure", when, err)
	}
}

func TestKeyOf(t *testing.T) {
	type Person struct {
		Org   string `dynamo:"org"`
		First string `dynamo:"first"`
		Last  string `dynamo:"last"`
		Name  string `dynamo:"name,omitempty"`
	}
	tests := []struct {
		name  string
		build func() (*core, error)
		item  any
		want  string
		fails string
	}{
		{
			name: "combined range key",
			build: func() (*core, error) {
				return untype(For[Person](Attr("name", Combine("#", "last", "first"), RangeKey())))
			},
			item: &Person{Org: "acme", First: "Ada", Last: "Lovelace"},
			want: `{name:S"Lovelace#Ada" org:S"acme"}`,
		},
		{
			name: "constant hash key",
			build: func() (*core, error) {
				return untype(For[Person](Attr("pk", Constant("PERSON"), HashKey()), Attr("first", RangeKey())))
			},
			item: &Person{First: "Ada"},
			want: `{first:S"Ada" pk:S"PERSON"}`,
		},
		{
			name: "constant default hash key",
			build: func() (*core, error) {
				return untype(For[Person](Attr("org", Default("acme"), HashKey())))
			},
			item: &Person{},
			want: `{org:S"acme"}`,
		},
		{
			name: "forced default wins over the item's value, as a put stores it",
			build: func() (*core, error) {
				return untype(For[Person](Attr("org", Default("acme"), ForceDefault(), HashKey())))
			},
			item: &Person{Org: "other"},
			want: `{org:S"acme"}`,
		},
		{
			name: "function default hash key absent",
			build: func() (*core, error) {
				return untype(For[Person](Attr("org", DefaultFunc(newID), HashKey())))
			},
			item:  &Person{},
			fails: "org:default",
		},
		{
			name: "function default hash key given",
			build: func() (*core, error) {
				return untype(For[Person](Attr("org", DefaultFunc(newID), HashKey())))
			},
			item: &Person{Org: "acme"},
			want: `{org:S"acme"}`,
		},
		{
			// The combined key was computed without the absent part ("Lovelace"), where a
			// put stores "Lovelace#" and the function's value.
			name: "combined key over a function default",
			build: func() (*core, error) {
				return untype(For[Person](Attr("first", DefaultFunc(newID)), Attr("name", Combine("#", "last", "first"), RangeKey())))
			},
			item:  &Person{Org: "acme", Last: "Lovelace"},
			fails: "first:default",
		},
		{
			name: "template key over a function default",
			build: func() (*core, error) {
				return untype(For[Person](Attr("first", DefaultFunc(newID)), Attr("name", Template("P#{last}#{first}"), RangeKey())))
			},
			item:  &Person{Org: "acme", Last: "Lovelace"},
			fails: "first:default",
		},
		{
			name: "combined key over a function default given",
			build: func() (*core, error) {
				return untype(For[Person](Attr("first", DefaultFunc(newID)), Attr("name", Combine("#", "last", "first"), RangeKey())))
			},
			item: &Person{Org: "acme", First: "Ada", Last: "Lovelace"},
			want: `{name:S"Lovelace#Ada" org:S"acme"}`,
		},
		{
			name:  "missing key",
			build: func() (*core, error) { return untype(For[Person]()) },
			item:  &Person{},
			fails: "org:key",
		},
		{
			name: "map item with alias",
			build: func() (*core, error) {
				return untype(New(Attr("pk", Type(attr.S), Alias("id")), Attr("n", Type(attr.N))))
			},
			item: map[string]any{"id": "x", "n": 1},
			want: `{pk:S"x"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(tt.build())
			got, err := sc.KeyOf(tt.item)
			if f := failures(err); f != tt.fails {
				t.Fatalf("KeyOf(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("KeyOf(%v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
		})
	}
}

// newID stands for a default function that gives a new value on each call.
func newID() string { return fmt.Sprint(time.Now().UnixNano()) }

func TestValueAndPath(t *testing.T) {
	when := time.Unix(1700000000, 0)
	type keptEvent struct {
		Event
		Nick string         `dynamo:"nick,nullempty"`
		Rest map[string]any `dynamo:",unknown"`
	}
	sc := mustSchema(t)(For[keptEvent](SaveUnknown("meta.**")))
	tests := []struct {
		name     string
		path     string
		value    any
		wantPath string
		want     string
		fails    string
		wantErr  error
	}{
		{"time with the attribute's format", "at", when, "at", "N1700000000", "", nil},
		{"Go name", "At", when, "at", "N1700000000", "", nil},
		{"set element for contains", "tags", "red", "tags", `S"red"`, "", nil},
		{"whole set", "tags", []string{"a"}, "tags", `SS["a"]`, "", nil},
		{"wrong type", "at", "2023", "at", "", "at:type", nil},
		{"empty value despite omitempty", "note", "", "note", `S""`, "", nil},
		{"empty value under nullempty compared as given", "nick", "", "nick", `S""`, "", nil},
		{"wrong set element type", "tags", 5, "tags", "", "tags:type", nil},
		{"unknown kept by saveUnknown", "meta.x", 1, "meta.x", "N1", "", nil},
		{"unknown", "nope", 1, "", "", "", ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := sc.Path(tt.path)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Path(%q) = %v; want %v", tt.path, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if p.String() != tt.wantPath {
				t.Errorf("Path(%q) = %s; want %s", tt.path, p, tt.wantPath)
			}
			av, err := sc.Value(tt.path, tt.value)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Value(%q, %v) = %v; want failures %q", tt.path, tt.value, err, tt.fails)
			}
			if err == nil && render(av) != tt.want {
				t.Errorf("Value(%q, %v) = %s; want %s", tt.path, tt.value, render(av), tt.want)
			}
		})
	}
}

func TestElementPaths(t *testing.T) {
	type Doc struct {
		ID    string      `dynamo:"id"`
		Log   []string    `dynamo:"log"`
		Times []time.Time `dynamo:"times,seconds"`
		Grid  [][]int     `dynamo:"grid"`
		Tags  []string    `dynamo:"tags,set"`
		Data  []byte      `dynamo:"data"`
		Any   []any       `dynamo:"any"`
	}
	when := time.Unix(1700000000, 0)
	sc := mustSchema(t)(For[Doc]())
	tests := []struct {
		name    string
		path    string
		value   any
		want    string
		fails   string
		pathErr bool
	}{
		{"element of a string list", "log[0]", "x", `S"x"`, "", false},
		{"number for a string element", "log[0]", 1, "", "log[0]:type", false},
		{"time element in the list's format", "times[1]", when, "N1700000000", "", false},
		{"string for a time element", "times[1]", "now", "", "times[1]:type", false},
		{"element of an element", "grid[0][1]", 2.0, "N2", "", false},
		{"fraction for an int element", "grid[0][1]", 2.5, "", "grid[0][1]:type", false},
		{"list element of a list of lists", "grid[0]", []int{1}, "L[N1]", "", false},
		{"any element", "any[0]", true, "BOOL true", "", false},
		{"index into a set", "tags[0]", "x", "", "", true},
		{"index into binary", "data[0]", 1, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			av, err := sc.Value(tt.path, tt.value)
			if tt.pathErr {
				if err == nil {
					t.Fatalf("Value(%q, %v) = %s; want an error", tt.path, tt.value, render(av))
				}
				if _, err := sc.Path(tt.path); err == nil {
					t.Errorf("Path(%q) = nil error; want an error", tt.path)
				}
				_, err = sc.Update([]Change{{Op: UpdateSet, Path: tt.path, Value: tt.value}})
				var ve *validate.Error
				if !errors.As(err, &ve) {
					t.Errorf("Update(SET %s) = %v; want a *validate.Error", tt.path, err)
				}
				return
			}
			if f := failures(err); f != tt.fails {
				t.Fatalf("Value(%q, %v) = %v; want failures %q", tt.path, tt.value, err, tt.fails)
			}
			if err == nil && render(av) != tt.want {
				t.Errorf("Value(%q, %v) = %s; want %s", tt.path, tt.value, render(av), tt.want)
			}
			_, err = sc.Update([]Change{{Op: UpdateSet, Path: tt.path, Value: tt.value}})
			if f := failures(err); f != tt.fails {
				t.Errorf("Update(SET %s = %v) = %v; want failures %q", tt.path, tt.value, err, tt.fails)
			}
		})
	}
}

func TestTypeAt(t *testing.T) {
	type doc struct {
		ID   string         `dynamo:"id"`
		At   time.Time      `dynamo:"at,iso"`
		N    int            `dynamo:"n"`
		Tags []string       `dynamo:"tags,set"`
		Any  any            `dynamo:"any"`
		Rest map[string]any `dynamo:",unknown"`
	}
	sc := mustSchema(t)(For[doc](SaveUnknown("meta.*")))
	tests := []struct {
		path string
		want attr.Type
	}{
		{"id", attr.S}, {"at", attr.S}, {"n", attr.N}, {"N", attr.N}, {"tags", attr.SS},
		{"any", attr.Invalid}, {"any.x", attr.Invalid}, {"meta.x", attr.Invalid},
	}
	for _, tt := range tests {
		if got, err := sc.TypeAt(tt.path); err != nil || got != tt.want {
			t.Errorf("TypeAt(%q) = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
	if _, err := sc.TypeAt("nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("TypeAt(nope) error = %v; want ErrUnknown", err)
	}
}
