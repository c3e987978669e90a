package schema

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// TestCombinedSameOnPutAndUpdate checks the one rule for combined attributes: the value is
// built from the sources as they are stored (after their Setter, Trim, Lowercase and
// Uppercase, with the timestamps known), then takes the combined attribute's own transforms;
// so writing the same item by Put, by Create and by an Update of its sources stores the same
// combined value.
func TestCombinedSameOnPutAndUpdate(t *testing.T) {
	prefix := Setter(func(v string, _ *string) (string, error) { return "n-" + v, nil })
	cases := []struct {
		name    string
		sources []Option // the attributes "a" and "b" the combined attribute "c" is built from
		c       []Setting
		item    map[string]any
		want    string
	}{
		{"lowercased source", []Option{Attr("a", Type(attr.S), Lowercase()), Attr("b", Type(attr.S))}, nil,
			map[string]any{"a": "Ada@X.COM", "b": "Ada"}, "ada@x.com#Ada"},
		{"trimmed and uppercased sources", []Option{Attr("a", Type(attr.S), Trim()), Attr("b", Type(attr.S), Uppercase())}, nil,
			map[string]any{"a": "  x  ", "b": "y"}, "x#Y"},
		{"source with a setter", []Option{Attr("a", Type(attr.S), prefix), Attr("b", Type(attr.N))}, nil,
			map[string]any{"a": "7", "b": 3}, "n-7#3"},
		{"combined attribute's own transform", []Option{Attr("a", Type(attr.S)), Attr("b", Type(attr.S))}, []Setting{Uppercase()},
			map[string]any{"a": "x", "b": "y"}, "X#Y"},
		{"combined attribute's own setter after the sources'", []Option{Attr("a", Type(attr.S), Lowercase()), Attr("b", Type(attr.S))}, []Setting{prefix},
			map[string]any{"a": "A", "b": "B"}, "n-a#B"},
		{"updatedAt as a source", []Option{Attr("a", Type(attr.S), Lowercase()), UpdatedAt("b", attr.TimeSeconds)}, nil,
			map[string]any{"a": "OPEN"}, "open#" + strconv.FormatInt(fixed.Unix(), 10)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]Option{Attr("id", HashKey(), Type(attr.S)), Attr("c", append([]Setting{Combine("#", "a", "b")}, tc.c...)...), clock()}, tc.sources...)
			s := Must(New(opts...))
			item := map[string]any{"id": "i1"}
			var changes []Change
			for k, v := range tc.item {
				item[k] = v
				changes = append(changes, Change{Op: UpdateSet, Path: k, Value: v})
			}
			got := map[string]string{}
			for _, route := range []struct {
				name  string
				write func() (map[string]types.AttributeValue, error)
			}{
				{"Put", func() (map[string]types.AttributeValue, error) { return s.Put(&item) }},
				{"Create", func() (map[string]types.AttributeValue, error) { return s.Create(&item) }},
			} {
				out, err := route.write()
				if err != nil {
					t.Fatalf("%s(%v) = %v", route.name, item, err)
				}
				got[route.name] = render(out["c"])
			}
			actions, err := s.Update(changes)
			if err != nil {
				t.Fatalf("Update(%v) = %v", changes, err)
			}
			for _, a := range actions {
				if a.Path.String() == "c" {
					got["Update"] = render(a.Value)
				}
			}
			want := strconv.Quote(tc.want)
			want = "S" + want
			for _, route := range []string{"Put", "Create", "Update"} {
				if got[route] != want {
					t.Errorf("%s stores c = %s; want %s", route, got[route], want)
				}
			}
		})
	}
}

// TestCombinedKeyOfAsStored checks that KeyOf computes a combined or template key from the
// sources as a put stores them, so that the key of an item given as the caller wrote it
// (mixed case, spaces) finds the item the put stored.
func TestCombinedKeyOfAsStored(t *testing.T) {
	for _, tc := range []struct {
		name string
		pk   Option
	}{
		{"Combine", Attr("pk", HashKey(), Combine("#", "email", "n"))},
		{"Template", Attr("pk", HashKey(), Template("U#{email}#{n}"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Must(New(tc.pk, Attr("email", Type(attr.S), Trim(), Lowercase()), Attr("n", Type(attr.N))))
			item := map[string]any{"email": " Ada@X.com ", "n": 2}
			out, err := s.Put(&item)
			if err != nil {
				t.Fatalf("Put(%v) = %v", item, err)
			}
			key, err := s.KeyOf(&item)
			if err != nil {
				t.Fatalf("KeyOf(%v) = %v", item, err)
			}
			if got, want := render(key["pk"]), render(out["pk"]); got != want {
				t.Errorf("KeyOf(%v) pk = %s; Put stores %s", item, got, want)
			}
		})
	}
}

// TestCombinedUpdateChecks checks that an update refuses what a put of the same values
// refuses: a combined value its own rules refuse, and a change of a source of a combined
// key attribute (DynamoDB cannot change a key).
func TestCombinedUpdateChecks(t *testing.T) {
	rule := Validate(validate.Regexp(regexp.MustCompile(`^[a-z]+#[a-z]+$`)))
	s := Must(New(
		Attr("pk", HashKey(), Combine("#", "kind", "id")),
		Attr("kind", Constant("role")),
		Attr("id", Type(attr.S)),
		Attr("a", Type(attr.S)),
		Attr("b", Type(attr.S)),
		Attr("c", Combine("#", "a", "b"), rule),
		Attr("x", Type(attr.S)),
		Attr("y", Type(attr.S)),
		Attr("r", Combine("#", "x", "y"), Required()),
	))
	for _, tc := range []struct {
		name    string
		changes []Change
		path    string
		rule    string
	}{
		{"combined value its rule refuses", []Change{{Op: UpdateSet, Path: "a", Value: "x"}, {Op: UpdateSet, Path: "b", Value: "Y1"}}, "c", "regexp"},
		{"source of a combined key", []Change{{Op: UpdateSet, Path: "id", Value: "7"}}, "id", "key"},
		{"every source of a required combined attribute removed", []Change{{Op: UpdateRemove, Path: "x"}, {Op: UpdateRemove, Path: "y"}}, "r", "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			item := map[string]any{"id": "7", "x": "x"}
			for _, c := range tc.changes {
				if c.Op == UpdateRemove {
					delete(item, c.Path)
				} else {
					item[c.Path] = c.Value
				}
			}
			if _, err := s.Put(&item); tc.rule != "key" && err == nil {
				t.Fatalf("Put(%v) = nil; want a refusal (the case is meant to fail on both routes)", item)
			}
			_, err := s.Update(tc.changes)
			var ve *validate.Error
			if !errors.As(err, &ve) {
				t.Fatalf("Update(%v) = %v; want a *validate.Error", tc.changes, err)
			}
			var found []string
			for _, f := range ve.Fields {
				found = append(found, f.Path+":"+f.Rule)
			}
			if want := tc.path + ":" + tc.rule; !strings.Contains(strings.Join(found, " "), want) {
				t.Errorf("Update(%v) refuses %v; want %s", tc.changes, found, want)
			}
		})
	}
}

// TestSetterRunsOnceOnPutAndUpdate checks that a SET value takes its attribute's set
// transforms once, as a put does: a setter that is not idempotent (a prefix) stores the same
// value by both routes. (Update ran it twice: in the SET steps and again when encoding.)
func TestSetterRunsOnceOnPutAndUpdate(t *testing.T) {
	prefix := Setter(func(v string, _ *string) (string, error) { return "n-" + v, nil })
	for _, tc := range []struct {
		name string
		a    Option
		v    any
		want string
	}{
		{"string with a setter", Attr("a", Type(attr.S), prefix), "x", `S"n-x"`},
		{"string with a setter and uppercase", Attr("a", Type(attr.S), prefix, Uppercase()), "x", `S"N-X"`},
		{"string set with trim", Attr("a", Type(attr.SS), Trim()), []string{" x "}, `SS["x"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Must(New(Attr("id", HashKey(), Type(attr.S)), tc.a))
			item := map[string]any{"id": "i1", "a": tc.v}
			out, err := s.Put(&item)
			if err != nil {
				t.Fatalf("Put(%v) = %v", item, err)
			}
			actions, err := s.Update([]Change{{Op: UpdateSet, Path: "a", Value: tc.v}})
			if err != nil {
				t.Fatalf("Update = %v", err)
			}
			if got := render(out["a"]); got != tc.want {
				t.Errorf("Put stores a = %s; want %s", got, tc.want)
			}
			if len(actions) != 1 || render(actions[0].Value) != tc.want {
				t.Errorf("Update sets %s; want SET a %s", renderActions(actions), tc.want)
			}
		})
	}
}

// TestForcedSourceDoesNotBlockUpdates checks that a ForceDefault attribute combined into
// another (or a part of a template) does not make every update refused: every update sets
// it, which alone does not change the combined value; an update of the other sources
// rebuilds it as a put does.
func TestForcedSourceDoesNotBlockUpdates(t *testing.T) {
	s := Must(New(
		Attr("id", HashKey(), Type(attr.S)),
		Attr("kind", Type(attr.S), Default("user"), ForceDefault()),
		Attr("b", Type(attr.S), Lowercase()),
		Attr("n", Type(attr.N)),
		Attr("c", Combine("#", "kind", "b")),
		Attr("t", Template("{kind}/{b}")),
	))
	item := map[string]any{"id": "i", "b": "X"}
	out, err := s.Put(&item)
	if err != nil {
		t.Fatalf("Put(%v) = %v", item, err)
	}
	for _, tc := range []struct {
		name    string
		changes []Change
		want    string
	}{
		{"update of another attribute", []Change{{Op: UpdateSet, Path: "n", Value: 1}}, `SET n N1; SET kind S"user"`},
		{"update of the other source", []Change{{Op: UpdateSet, Path: "b", Value: "X"}},
			`SET b S"x"; SET kind S"user"; SET c ` + render(out["c"]) + `; SET t ` + render(out["t"])},
	} {
		t.Run(tc.name, func(t *testing.T) {
			actions, err := s.Update(tc.changes)
			if err != nil {
				t.Fatalf("Update(%v) = %v", tc.changes, err)
			}
			if got := renderActions(actions); got != tc.want {
				t.Errorf("Update(%v) = %s; want %s", tc.changes, got, tc.want)
			}
		})
	}
}

// TestAddDeleteElementsAsStored checks that ADD and DELETE of elements of a set with
// trim/lowercase/uppercase send the elements as a put stores them, so that ADD adds the
// stored form and DELETE finds it.
func TestAddDeleteElementsAsStored(t *testing.T) {
	s := Must(New(Attr("id", HashKey(), Type(attr.S)), Attr("tags", Type(attr.SS), Trim(), Lowercase())))
	item := map[string]any{"id": "i", "tags": []string{" Go "}}
	out, err := s.Put(&item)
	if err != nil {
		t.Fatalf("Put(%v) = %v", item, err)
	}
	for _, op := range []UpdateOp{UpdateAdd, UpdateDelete} {
		actions, err := s.Update([]Change{{Op: op, Path: "tags", Value: []string{" Go "}}})
		if err != nil {
			t.Fatalf("Update(%v tags) = %v", op, err)
		}
		if got, want := renderActions(actions), op.String()+" tags "+render(out["tags"]); got != want {
			t.Errorf("Update(%v tags [\" Go \"]) = %s; want %s", op, got, want)
		}
	}
}

type requiredFields struct {
	ID   string  `dynamo:"id"`
	Name string  `dynamo:"name"`
	N    int     `dynamo:"n"`
	Ptr  *string `dynamo:"ptr"`
}

// TestRequiredZeroSameOnPutAndUpdate checks that an update refuses the value of a required
// attribute a put refuses: a struct field's zero value, which a put counts as absent; and
// accepts what a put accepts (a pointer to a zero value, a map item's empty string).
func TestRequiredZeroSameOnPutAndUpdate(t *testing.T) {
	st := Must(For[requiredFields](Attr("id", HashKey()), Attr("name", Required()), Attr("n", Required()), Attr("ptr", Required())))
	mp := Must(New(Attr("id", HashKey(), Type(attr.S)), Attr("name", Type(attr.S), Required())))
	empty := ""
	full := func() requiredFields { return requiredFields{ID: "i", Name: "x", N: 1, Ptr: &empty} }
	for _, tc := range []struct {
		name    string
		put     func() error
		changes []Change
		update  func([]Change) error
		refused bool
	}{
		{"struct: empty string", func() error { it := full(); it.Name = ""; _, err := st.Put(&it); return err },
			[]Change{{Op: UpdateSet, Path: "name", Value: ""}}, func(c []Change) error { _, err := st.Update(c); return err }, true},
		{"struct: zero number", func() error { it := full(); it.N = 0; _, err := st.Put(&it); return err },
			[]Change{{Op: UpdateSet, Path: "n", Value: 0}}, func(c []Change) error { _, err := st.Update(c); return err }, true},
		{"struct: pointer to an empty string", func() error { it := full(); _, err := st.Put(&it); return err },
			[]Change{{Op: UpdateSet, Path: "ptr", Value: &empty}}, func(c []Change) error { _, err := st.Update(c); return err }, false},
		{"map: empty string", func() error { it := map[string]any{"id": "i", "name": ""}; _, err := mp.Put(&it); return err },
			[]Change{{Op: UpdateSet, Path: "name", Value: ""}}, func(c []Change) error { _, err := mp.Update(c); return err }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for route, err := range map[string]error{"Put": tc.put(), "Update": tc.update(tc.changes)} {
				var ve *validate.Error
				refused := errors.As(err, &ve) && strings.Contains(ve.Error(), "required")
				if refused != tc.refused || !refused && err != nil {
					t.Errorf("%s = %v; want refused as required: %v", route, err, tc.refused)
				}
			}
		})
	}
}

// TestIfAbsentSetOfComputedSource checks that a SET only if absent of a source of a combined
// attribute or of a template is refused (the computed value could not follow the value the
// item keeps), and that one of another attribute gives an Action marked IfAbsent.
func TestIfAbsentSetOfComputedSource(t *testing.T) {
	s := Must(New(
		Attr("id", HashKey(), Type(attr.S)),
		Attr("a", Type(attr.S)), Attr("b", Type(attr.S)), Attr("note", Type(attr.S)),
		Attr("c", Combine("#", "a", "b")),
		Attr("t", Template("T#{b}")),
	))
	for _, path := range []string{"a", "b"} {
		_, err := s.Update([]Change{{Op: UpdateSetIfAbsent, Path: path, Value: "x"}})
		var ve *validate.Error
		if !errors.As(err, &ve) || ve.Fields[0].Path != path || ve.Fields[0].Rule != "combine" {
			t.Errorf("Update(SET %s if absent) = %v; want a refusal of %s, rule combine", path, err, path)
		}
	}
	actions, err := s.Update([]Change{{Op: UpdateSetIfAbsent, Path: "note", Value: "x"}})
	if err != nil || len(actions) != 1 || !actions[0].IfAbsent {
		t.Errorf("Update(SET note if absent) = %v, %v; want one action marked IfAbsent", renderActions(actions), err)
	}
}
