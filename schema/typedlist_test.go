package schema

import (
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// A map item may give a declared list as a typed Go slice, as Dynamoose takes any array
// (Model.js, model.update() "Should send correct params to updateItem with $SET update
// expression for list", {"friends": ["Bob"]}): a put, an update value and a default take
// []string like []any; the elements are still checked one by one. It was refused with
// "got []string, want []any", though Type(attr.L) took it.
func TestTypedSliceForDeclaredList(t *testing.T) {
	day := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	opts := []Option{clock(), Attr("id", Type(attr.N)), Attr("friends", List(Type(attr.S))), Attr("nums", List(Type(attr.N))),
		Attr("days", List(Date(attr.TimeMillis))), Attr("tags", List(Type(attr.S)), Default([]string{"new"})),
		Attr("data", Map(Attr("names", List(Type(attr.S)))))}
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	puts := []struct {
		name string
		in   map[string]any
		want string
		fail string
	}{
		{"strings", map[string]any{"id": 1, "friends": []string{"Bob", "Tim"}},
			`{friends:L[S"Bob" S"Tim"] id:N1 tags:L[S"new"]}`, ""},
		{"ints", map[string]any{"id": 1, "nums": []int{1, 2}}, `{id:N1 nums:L[N1 N2] tags:L[S"new"]}`, ""},
		{"times", map[string]any{"id": 1, "days": []time.Time{day}}, `{days:L[N1577923200000] id:N1 tags:L[S"new"]}`, ""},
		{"inside a map", map[string]any{"id": 1, "data": map[string]any{"names": []string{"Bob"}}},
			`{data:M{names:L[S"Bob"]} id:N1 tags:L[S"new"]}`, ""},
		{"element of the wrong type", map[string]any{"id": 1, "friends": []int{1}}, "", "friends[0]:type"},
		{"bytes are not a list", map[string]any{"id": 1, "friends": []byte("ab")}, "", "friends:type"},
	}
	for _, tc := range puts {
		t.Run("put/"+tc.name, func(t *testing.T) {
			item := dynamooseInput(tc.in)
			got, err := s.Put(&item)
			if f := failures(err); f != tc.fail {
				t.Fatalf("Put(%v) failures = %q; want %q", tc.in, f, tc.fail)
			}
			if err == nil && renderItem(got) != tc.want {
				t.Errorf("Put(%v) = %s; want %s", tc.in, renderItem(got), tc.want)
			}
		})
	}
	for _, path := range []string{"friends", "data.names"} {
		t.Run("update "+path, func(t *testing.T) {
			actions, err := s.Update([]Change{{Op: UpdateSet, Path: path, Value: []string{"Bob"}}})
			if err != nil {
				t.Fatalf("Update(SET %s []string) = %v", path, err)
			}
			if len(actions) != 1 || render(actions[0].Value) != `L[S"Bob"]` {
				t.Errorf("Update(SET %s []string) = %v; want L[S\"Bob\"]", path, actions)
			}
		})
	}
}
