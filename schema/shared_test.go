package schema

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

type sharedPlace struct {
	City string `dynamo:"city"`
	Zip  string `dynamo:"zip"`
}

type sharedItem struct {
	ID      string        `dynamo:"id"`
	Name    string        `dynamo:"name"`
	Kind    string        `dynamo:"kind"`
	Home    sharedPlace   `dynamo:"home"`
	Work    *sharedPlace  `dynamo:"work"`
	Past    []sharedPlace `dynamo:"past"`
	Created time.Time     `dynamo:"created,unixtime"`
}

func newSharedItem() sharedItem {
	return sharedItem{
		ID:   "i1",
		Name: " Ada ",
		Home: sharedPlace{City: "Paris"},
		Work: &sharedPlace{City: "Lyon"},
		Past: []sharedPlace{{City: "Nice"}},
	}
}

// TestPutWritesOnACopy checks that every kind of step that writes to a struct item (at its
// top, in a nested struct by value, behind a pointer, in a list of structs; defaults,
// transforms in place, setters, constants, combined and template attributes, createdAt, an
// item validator that changes its item) writes what is sent and leaves the caller's item as
// it was: the pipeline reads the caller's item until its first write, which copies it.
func TestPutWritesOnACopy(t *testing.T) {
	upper := Setter(func(v string, _ *string) (string, error) { return strings.ToUpper(v), nil })
	tests := []struct {
		name string
		opts []Option
		// want is the attribute the step writes, as sent.
		attr, want string
	}{
		{"default at the top", []Option{Attr("kind", Default("user"))}, "kind", `S"user"`},
		{"trim in place", []Option{Attr("name", Trim())}, "name", `S"Ada"`},
		{"setter", []Option{Attr("name", upper)}, "name", `S" ADA "`},
		{"constant", []Option{Attr("kind", Constant("user"))}, "kind", `S"user"`},
		{"combined", []Option{Attr("kind", Combine("#", "id", "name"))}, "kind", `S"i1# Ada "`},
		{"template", []Option{Attr("kind", Template("K#{id}"))}, "kind", `S"K#i1"`},
		{"createdAt in a time field", []Option{CreatedAt("created", attr.TimeSeconds)}, "created", "N" + ms(fixed)[:10]},
		{"default in a nested struct", []Option{Attr("home.zip", Default("00000"))}, "home", `M{city:S"Paris" zip:S"00000"}`},
		{"default behind a pointer", []Option{Attr("work.zip", Default("00000"))}, "work", `M{city:S"Lyon" zip:S"00000"}`},
		{"default in a list of structs", []Option{Attr("past.zip", Default("00000"))}, "past", `L[M{city:S"Nice" zip:S"00000"}]`},
		{"trim in a nested struct", []Option{Attr("home.city", Lowercase())}, "home", `M{city:S"paris" zip:S""}`},
		{"item validator that changes its item", []Option{ItemValidator(func(v *sharedItem) error {
			v.Name = "seen"
			return nil
		})}, "name", `S"seen"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchema(t)(For[sharedItem](append([]Option{clock(), Attr("id", HashKey())}, tt.opts...)...))
			item := newSharedItem()
			before := newSharedItem()
			got, err := s.Put(&item)
			if err != nil {
				t.Fatalf("Put(%+v) error: %v", item, err)
			}
			if r := render(got[tt.attr]); r != tt.want {
				t.Errorf("Put(%+v)[%s] = %s; want %s", item, tt.attr, r, tt.want)
			}
			if diff := cmp.Diff(before, item); diff != "" {
				t.Errorf("Put changed the caller's item (-before +after):\n%s", diff)
			}
		})
	}
}

// TestPutRefusalLeavesItem checks that an item refused after a step wrote to it is left as
// the caller gave it.
func TestPutRefusalLeavesItem(t *testing.T) {
	s := mustSchema(t)(For[sharedItem](clock(), Attr("id", HashKey()), Attr("kind", Default("user"), Enum("admin"))))
	item := newSharedItem()
	if _, err := s.Put(&item); failures(err) != "kind:enum" {
		t.Fatalf("Put(%+v) = %v; want an enum refusal of kind", item, err)
	}
	if diff := cmp.Diff(newSharedItem(), item); diff != "" {
		t.Errorf("Put changed the caller's item (-before +after):\n%s", diff)
	}
}

// TestConcurrentPutsOfOneItem checks that puts of one item from many goroutines, some of
// whose steps write (and so copy) and some not, each send what the item holds, with the
// stored-only stamp of their own time (run with -race: the caller's item is only read, and the
// stamp text kept between puts is shared safely).
func TestConcurrentPutsOfOneItem(t *testing.T) {
	var tick atomic.Int64
	s := mustSchema(t)(For[sharedItem](
		Attr("id", HashKey()),
		Attr("kind", Default("user")),
		UpdatedAt("updated", attr.TimeSeconds),
		Clock(func() time.Time { return time.Unix(1718000000+tick.Add(1)%3, 0) }),
	))
	items := []sharedItem{newSharedItem(), newSharedItem()}
	items[1].Kind = "admin" // nothing to write: read in place
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for range 200 {
				item := &items[g%2]
				got, err := s.Put(item)
				if err != nil {
					t.Errorf("Put: %v", err)
					return
				}
				if want := map[int]string{0: `S"user"`, 1: `S"admin"`}[g%2]; render(got["kind"]) != want {
					t.Errorf("kind = %s; want %s", render(got["kind"]), want)
				}
				if u := render(got["updated"]); u < "N1718000000" || u > "N1718000002" {
					t.Errorf("updated = %s; want one of the clock's times", u)
				}
			}
		})
	}
	wg.Wait()
	if diff := cmp.Diff([]sharedItem{newSharedItem(), func() sharedItem { i := newSharedItem(); i.Kind = "admin"; return i }()}, items); diff != "" {
		t.Errorf("the puts changed the items (-before +after):\n%s", diff)
	}
}
