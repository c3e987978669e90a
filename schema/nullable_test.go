package schema

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

// TestNullableMapAttribute checks that a Nullable attribute of a map schema keeps NULL,
// absent and a value apart on Put, Read, Update and in condition values, where a nil value
// was treated as absent.
func TestNullableMapAttribute(t *testing.T) {
	s := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("nick", Type(attr.S), Nullable(), Required()),
		Attr("extra", Any(), Nullable()),
	))
	null := &types.AttributeValueMemberNULL{Value: true}
	tests := []struct {
		name   string
		item   map[string]any
		stored string
	}{
		{"null", map[string]any{"id": "a", "nick": nil, "extra": nil}, `{extra:NULL id:S"a" nick:NULL}`},
		{"value", map[string]any{"id": "a", "nick": "x"}, `{id:S"a" nick:S"x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Put(tt.item)
			if err != nil {
				t.Fatalf("Put(%v) = %v", tt.item, err)
			}
			if renderItem(got) != tt.stored {
				t.Errorf("Put(%v) = %s; want %s", tt.item, renderItem(got), tt.stored)
			}
			var back map[string]any
			if err := s.Read(got, &back); err != nil {
				t.Fatalf("Read = %v", err)
			}
			if diff := cmp.Diff(tt.item, back); diff != "" {
				t.Errorf("Read(Put(item)) (-item +read):\n%s", diff)
			}
		})
	}
	if _, err := s.Put(map[string]any{"id": "a"}); err == nil {
		t.Errorf("Put without nick = nil; want required to fail (absent is not NULL)")
	}
	actions, err := s.Update([]Change{{UpdateSet, "nick", nil}})
	if err != nil || renderActions(actions) != `SET nick NULL` {
		t.Errorf("Update(SET nick nil) = %s, %v; want SET nick NULL", renderActions(actions), err)
	}
	if av, err := s.Value("nick", nil); err != nil || !cmp.Equal(av, types.AttributeValue(null), cmp.AllowUnexported(types.AttributeValueMemberNULL{})) {
		t.Errorf("Value(nick, nil) = %v, %v; want NULL", av, err)
	}
}

// TestNullableStructField checks that a struct field of type attr.Nullable keeps NULL, absent
// and a value apart through Put and Read.
func TestNullableStructField(t *testing.T) {
	type person struct {
		ID   string                `dynamo:"id"`
		Nick attr.Nullable[string] `dynamo:"nick"`
	}
	s := mustSchema(t)(For[person]())
	for _, in := range []person{{ID: "a"}, {ID: "a", Nick: attr.NullValue[string]()}, {ID: "a", Nick: attr.Some("")}} {
		item, err := s.Put(&in)
		if err != nil {
			t.Fatalf("Put(%+v) = %v", in, err)
		}
		var back person
		if err := s.Read(item, &back); err != nil {
			t.Fatalf("Read = %v", err)
		}
		if back != in {
			t.Errorf("Read(Put(%+v)) = %+v; want it back", in, back)
		}
	}
	if _, err := For[person](Attr("nick", Nullable())); err == nil {
		t.Errorf("For with Nullable on a struct field = nil; want an error pointing to attr.Nullable")
	}
}

// TestAnyNullMeetsDefaultAndRequired checks that a nil under Any() in a map item is stored as
// NULL when nothing else applies, but is replaced by a default and refused by Required, as
// Dynamoose treats null.
func TestAnyNullMeetsDefaultAndRequired(t *testing.T) {
	s := mustSchema(t)(New(
		Attr("id", Type(attr.S), HashKey()),
		Attr("free", Any()),
		Attr("withDefault", Any(), Default("d")),
		Attr("needed", Any(), Required()),
	))
	got, err := s.Put(map[string]any{"id": "a", "free": nil, "withDefault": nil, "needed": 1})
	if want := `{free:NULL id:S"a" needed:N1 withDefault:S"d"}`; err != nil || renderItem(got) != want {
		t.Errorf("Put(nil under Any) = %s, %v; want %s", renderItem(got), err, want)
	}
	if _, err := s.Put(map[string]any{"id": "a", "needed": nil}); failures(err) != "needed:required" {
		t.Errorf("Put(needed: nil) = %v; want needed:required", err)
	}
}
