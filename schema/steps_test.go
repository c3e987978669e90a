package schema

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// TestStringEnum checks an enum's membership test, for a few values compared in turn and for
// many in a set, on strings and string slices.
func TestStringEnum(t *testing.T) {
	type color string
	many := make([]string, maxScannedEnum+4)
	for i := range many {
		many[i] = fmt.Sprint("v", i)
	}
	for _, values := range [][]string{{"red", "green", "v3"}, append(many, "red", "green")} {
		e := newStringEnum(values)
		for _, tc := range []struct {
			v    any
			want bool
		}{
			{"red", true}, {"", true}, {"blue", false}, {color("green"), true}, {color("x"), false},
			{[]string{"red", "v3"}, true}, {[]string{}, true}, {[]string(nil), true}, {[]string{"red", "blue"}, false},
			{[]color{"green"}, true}, {7, false},
		} {
			v := reflect.New(reflect.TypeOf(tc.v))
			v.Elem().Set(reflect.ValueOf(tc.v))
			if got := e.holds(v.Elem()); got != tc.want {
				t.Errorf("enum of %d values: holds(%#v) = %v; want %v", len(values), tc.v, got, tc.want)
			}
		}
	}
	var none *stringEnum
	if none.holds(reflect.ValueOf("red")) {
		t.Error("a nil enum holds a string")
	}
}

type orderItem struct {
	ID      string    `dynamo:"id"`
	PK      string    `dynamo:"pk"`
	Role    string    `dynamo:"role"`
	Email   string    `dynamo:"email"`
	Color   string    `dynamo:"color"`
	Note    string    `dynamo:"note"`
	SK      string    `dynamo:"sk"`
	Updated time.Time `dynamo:"updated,unixtime"`
}

// TestWriteStepOrder checks that the compiled pipeline runs its steps in the documented
// order: defaults, then the set transforms, then constants and combined attributes (built
// from the sources as stored: the role's default "Member" lowercased), then the timestamps
// and template keys (a timestamp may be a part), all of which the validators, the item
// validators, required and enum then see.
func TestWriteStepOrder(t *testing.T) {
	var seen orderItem
	s := mustSchema(t)(For[orderItem](
		Attr("id", HashKey()),
		Attr("pk", Combine("#", "kind", "role")),
		Attr("kind", Constant("user")),
		Attr("role", Default("Member"), Lowercase(), Required(), Enum("member", "admin")),
		Attr("email", Lowercase(), Validate(validate.Regexp(regexp.MustCompile(`^[a-z@.]+$`)))),
		Attr("color", Uppercase(), Enum("RED", "GREEN")),
		Attr("note", Required()),
		Attr("sk", Template("AT#{updated}")),
		UpdatedAt("updated", attr.TimeSeconds),
		ItemValidator(func(it *orderItem) error { seen = *it; return nil }),
		clock(),
	))
	item := orderItem{ID: "u1", Email: "Ada@Example.com", Color: "red", Note: "n"}
	out, err := s.Put(&item)
	if err != nil {
		t.Fatalf("Put(%+v) = %v; want the item", item, err)
	}
	at := "AT#" + strconv.FormatInt(fixed.Unix(), 10)
	want := orderItem{ID: "u1", PK: "user#member", Role: "member", Email: "ada@example.com", Color: "RED", Note: "n", SK: at, Updated: fixed}
	if seen != want {
		t.Errorf("the item validator saw %+v; want %+v (defaults, transforms, combine, timestamps and templates done)", seen, want)
	}
	for name, v := range map[string]string{"pk": `S"user#member"`, "kind": `S"user"`, "role": `S"member"`, "sk": strconv.Quote(at), "updated": "N" + strconv.FormatInt(fixed.Unix(), 10)} {
		if name == "sk" {
			v = "S" + v
		}
		if got := render(out[name]); got != v {
			t.Errorf("stored %s = %s; want %s", name, got, v)
		}
	}

	// Validators before required, required before enum: one error lists them in that order.
	item = orderItem{ID: "u1", Email: "x1", Color: "blue"}
	_, err = s.Put(&item)
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Fatalf("Put(%+v) = %v; want a *validate.Error", item, err)
	}
	var rules []string
	for _, f := range ve.Fields {
		rules = append(rules, f.Path+":"+f.Rule)
	}
	if got, want := strings.Join(rules, " "), "email:regexp note:required color:enum"; got != want {
		t.Errorf("Put(%+v) failures = %s; want %s", item, got, want)
	}
}

// TestItemValidatorSeesComputedKeys checks that an item validator reading computed key
// fields sees the values to be stored, not those the caller's item still holds (a read item
// put back with its old template key, combined key and updatedAt).
func TestItemValidatorSeesComputedKeys(t *testing.T) {
	var seen orderItem
	s := mustSchema(t)(For[orderItem](
		Attr("id", HashKey()),
		Attr("pk", Combine("#", "id", "role")),
		Attr("role", Lowercase()),
		Attr("sk", Template("AT#{updated}#{role}")),
		UpdatedAt("updated", attr.TimeSeconds),
		ItemValidator(func(it *orderItem) error { seen = *it; return nil }),
		clock(),
	))
	old := fixed.Add(-time.Hour)
	item := orderItem{ID: "u1", PK: "u1#admin", Role: "Member", SK: "AT#1#admin", Updated: old}
	if _, err := s.Put(&item); err != nil {
		t.Fatalf("Put(%+v) = %v", item, err)
	}
	want := orderItem{ID: "u1", PK: "u1#member", Role: "member", SK: "AT#" + strconv.FormatInt(fixed.Unix(), 10) + "#member", Updated: fixed}
	if seen != want {
		t.Errorf("the item validator saw %+v; want %+v", seen, want)
	}
}
