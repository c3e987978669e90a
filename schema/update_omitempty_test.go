package schema

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

type omitted struct {
	ID    string   `dynamo:"id"`
	Note  string   `dynamo:"note,omitempty"`
	Count int      `dynamo:"count,omitempty"`
	Plain string   `dynamo:"plain"`
	Nick  string   `dynamo:"nick,nullempty"`
	Both  string   `dynamo:"both,omitempty,nullempty"`
	Tags  []string `dynamo:"tags,omitempty"`
	Home  Address  `dynamo:"home"` // City and Zip are omitempty
	Index string   `dynamo:"gsi,omitempty"`
}

// TestUpdateOfEmptySourceCombinesAsPut checks that a combined attribute rebuilt by an update
// that sets a source tagged omitempty to "" skips that source, as a put, which leaves the
// source out, skips it: the update stored "#x" where a put of the same item stores "x".
func TestUpdateOfEmptySourceCombinesAsPut(t *testing.T) {
	s := mustSchema(t)(For[Profile](Attr("id", HashKey()), Attr("sort", RangeKey()), Attr("full", Combine("#", "last", "name"))))
	actions, err := s.Update([]Change{{UpdateSet, "last", ""}, {UpdateSet, "name", "x"}})
	if want := `REMOVE last; SET name S"x"; SET full S"x"`; err != nil || renderActions(actions) != want {
		t.Errorf("Update(SET last \"\", name x) = %s, %v; want %s", renderActions(actions), err, want)
	}
	item, err := s.Put(&Profile{ID: "i", Sort: "s", Last: "", Name: "x"})
	if err != nil || render(item["full"]) != `S"x"` {
		t.Errorf("Put(last \"\", name x) stores full = %s, %v; want S\"x\"", render(item["full"]), err)
	}
}

// TestUpdateSetOfEmptyFollowsPut checks that an update's SET of an empty value stores what a
// put of an item holding it stores: an omitempty field is left out by a put, so the update
// removes it (it stored S"" or N0, which the next put would drop); a list element is set as
// given, since removing it would move the elements after it.
func TestUpdateSetOfEmptyFollowsPut(t *testing.T) {
	s := mustSchema(t)(For[omitted](Attr("gsi", Index(IndexName("byGSI")))))
	tests := []struct {
		name    string
		changes []Change
		want    string
		fails   string
		put     *omitted // stores the attribute as the update leaves it
	}{
		{name: "empty string", changes: []Change{{UpdateSet, "note", ""}}, want: "REMOVE note", put: &omitted{ID: "i"}},
		{name: "zero number", changes: []Change{{UpdateSet, "count", 0}}, want: "REMOVE count", put: &omitted{ID: "i"}},
		{name: "empty list", changes: []Change{{UpdateSet, "tags", []string{}}}, want: "REMOVE tags", put: &omitted{ID: "i", Tags: []string{}}},
		{name: "nested field", changes: []Change{{UpdateSet, "home.city", ""}}, want: "REMOVE home.city"},
		{name: "omitempty wins over nullempty", changes: []Change{{UpdateSet, "both", ""}}, want: "REMOVE both", put: &omitted{ID: "i"}},
		{name: "sparse index key", changes: []Change{{UpdateSet, "gsi", ""}}, want: "REMOVE gsi", put: &omitted{ID: "i"}},
		{name: "a value is set", changes: []Change{{UpdateSet, "note", "n"}}, want: `SET note S"n"`},
		{name: "without omitempty", changes: []Change{{UpdateSet, "plain", ""}}, want: `SET plain S""`},
		{name: "nullempty stores NULL", changes: []Change{{UpdateSet, "nick", ""}}, want: `SET nick NULL`},
		{name: "list element", changes: []Change{{UpdateSet, "tags[1]", ""}}, want: `SET tags[1] S""`},
		{
			name:    "if absent: nothing to store",
			changes: []Change{{UpdateSetIfAbsent, "note", ""}},
			fails:   "note:empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Update(tt.changes)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Update(%v) = %v; want failures %q", tt.changes, err, tt.fails)
			}
			if err == nil && renderActions(got) != tt.want {
				t.Errorf("Update(%v) = %s; want %s", tt.changes, renderActions(got), tt.want)
			}
			if tt.put == nil {
				return
			}
			item, err := s.Put(tt.put)
			if err != nil {
				t.Fatalf("Put(%+v) = %v", tt.put, err)
			}
			if av, ok := item[got[0].Path[0].Name]; ok {
				t.Errorf("Put(%+v) stores %s = %s; want it left out, as the update removes it", tt.put, got[0].Path, render(av))
			}
		})
	}
}

// TestUpdateCombinedIndexKeyToEmptyRefused checks that sources stored empty (no omitempty)
// still combine to an empty index key, which is refused, while omitempty sources are removed
// with the key (TestIndexKeysNotEmpty).
func TestUpdateCombinedIndexKeyToEmptyRefused(t *testing.T) {
	s := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("first", Type(attr.S)), Attr("last", Type(attr.S)),
		Attr("name", Combine("", "first", "last"), Index()),
	))
	_, err := s.Update([]Change{{UpdateSet, "first", ""}, {UpdateSet, "last", ""}})
	if f := failures(err); f != "name:key" {
		t.Errorf("Update(SET first \"\", last \"\") = %v; want failures name:key", err)
	}
}

// TestUpdateSetOfEmptyWithDefaultSetsDefault checks that an update's SET of the zero value of
// an omitempty field with a default sets the default, as a put of an item holding that zero
// stores the default and as a REMOVE of the attribute sets it: before, the SET became a
// REMOVE, which left the item without the value a put gives it.
func TestUpdateSetOfEmptyWithDefaultSetsDefault(t *testing.T) {
	s := mustSchema(t)(For[omitted](Attr("note", Default("x")), Attr("count", Default(3))))
	for _, tc := range []struct {
		change Change
		want   string
	}{
		{Change{UpdateSet, "note", ""}, `SET note S"x"`},
		{Change{UpdateSet, "count", 0}, `SET count N3`},
		{Change{UpdateRemove, "note", nil}, `SET note S"x"`},
		{Change{UpdateSet, "note", "n"}, `SET note S"n"`},
	} {
		actions, err := s.Update([]Change{tc.change})
		if err != nil || renderActions(actions) != tc.want {
			t.Errorf("Update(%v) = %s, %v; want %s", tc.change, renderActions(actions), err, tc.want)
			continue
		}
		if wantDefault := tc.change.Value != "n"; actions[0].Default != wantDefault {
			t.Errorf("Update(%v): Action.Default = %v; want %v", tc.change, actions[0].Default, wantDefault)
		}
	}
	item, err := s.Put(&omitted{ID: "i"})
	if err != nil || render(item["note"]) != `S"x"` || render(item["count"]) != `N3` {
		t.Errorf("Put(zero note, count) stores note = %s, count = %s, %v; want the defaults", render(item["note"]), render(item["count"]), err)
	}
}
