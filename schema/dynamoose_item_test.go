package schema

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// Item.js, describe "Item.objectFromSchema", the schemaValidationTests: a schema-level
// validate function ([ItemValidator]) runs on the whole item of a save; false (an error in
// Go) refuses it with the rule "item", and the error the function returns is kept.
// Dynamoose's cases run it with {"type": "fromDynamo", "validate": true}; Dynamodel runs it
// on writes (reads check stored types, not rules), so the port saves the item.
func TestDynamooseSchemaValidate(t *testing.T) {
	custom := errors.New("Custom Error.")
	positive := ItemValidator(func(m *map[string]any) error {
		if id, _ := (*m)["id"].(int); id <= 0 {
			return errors.New("id must be positive")
		}
		return nil
	})
	tests := []struct {
		name string
		opt  Option
		in   map[string]any
		want string
		fail string
		err  error
	}{
		{"validate returning true", ItemValidator(func(*map[string]any) error { return nil }), map[string]any{"id": 1}, `{id:N1}`, "", nil},
		{"validate returning false", ItemValidator(func(*map[string]any) error { return errors.New("schema validation error") }), map[string]any{"id": 1}, "", ":item", nil},
		{"validate throwing an error", ItemValidator(func(*map[string]any) error { return custom }), map[string]any{"id": 1}, "", ":item", custom},
		{"validate of the item refusing", positive, map[string]any{"id": 0}, "", ":item", nil},
		{"validate of the item accepting", positive, map[string]any{"id": 1}, `{id:N1}`, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(clock(), idN(), tc.opt)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			item := dynamooseInput(tc.in)
			got, err := s.Put(&item)
			if f := failures(err); f != tc.fail {
				t.Fatalf("Put(%v) failures = %q; want %q", tc.in, f, tc.fail)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("Put(%v) = %v; want it to wrap %v", tc.in, err, tc.err)
			}
			if err == nil && renderItem(got) != tc.want {
				t.Errorf("Put(%v) = %s; want %s", tc.in, renderItem(got), tc.want)
			}
		})
	}
}

// Item.js, describe "Item.objectFromSchema", the schemaModifiersTests: a schema-level get
// ([ItemGetter]) runs on reads only, a schema-level set ([ItemSetter]) on writes only.
// Dynamoose's modifiers turn the number into text ({"id": "1"}); a Go setter must keep the
// attribute's type, so the port's functions add 1 instead.
func TestDynamooseSchemaModifiers(t *testing.T) {
	inc := func(m *map[string]any) error {
		switch id := (*m)["id"].(type) {
		case int:
			(*m)["id"] = id + 1
		case attr.Number:
			n, err := strconv.Atoi(string(id))
			if err != nil {
				return err
			}
			(*m)["id"] = n + 1
		default:
			return fmt.Errorf("id is %T", id)
		}
		return nil
	}
	stored := map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: "1"}}
	tests := []struct {
		name  string
		opt   Option
		read  string // the map read from {id: 1}
		write string // the item stored for {id: 1}
	}{
		{"get runs on read", ItemGetter(inc), "map[id:2]", "{id:N1}"},
		{"set runs on write", ItemSetter(inc), "map[id:1]", "{id:N2}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(clock(), idN(), tc.opt)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			var out map[string]any
			if err := s.Read(stored, &out); err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := fmt.Sprint(out); got != tc.read {
				t.Errorf("Read({id: 1}) = %s; want %s", got, tc.read)
			}
			item := map[string]any{"id": 1}
			got, err := s.Put(&item)
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			if renderItem(got) != tc.write {
				t.Errorf("Put({id: 1}) = %s; want %s", renderItem(got), tc.write)
			}
		})
	}
}

// Item.js, describe "Item.objectFromSchema", the attributeMapTests: Dynamoose's map (an
// alias) is Alias, with one name. A save takes the item under the alias and stores it under
// the attribute's name; both given is refused; a read gives it back under the alias.
// Dynamoose's several aliases (map: ["id", "userID"]) and defaultMap have no counterpart.
func TestDynamooseAttributeMap(t *testing.T) {
	opts := []Option{Attr("_id", Type(attr.N), Alias("id"))}
	runDynamooseCases(t, []dynamooseCase{
		{name: "toDynamo/alias given", opts: opts, in: map[string]any{"id": 1}, want: `{_id:N1}`},
		{name: "toDynamo/name given", opts: opts, in: map[string]any{"_id": 1}, want: `{_id:N1}`},
		{name: "toDynamo/both given refused", opts: opts, in: map[string]any{"_id": 1, "id": 2}, fail: "_id:alias"},
	})
	t.Run("fromDynamo/read under the alias", func(t *testing.T) {
		s, err := New(opts...)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		var out map[string]any
		if err := s.Read(map[string]types.AttributeValue{"_id": &types.AttributeValueMemberN{Value: "1"}}, &out); err != nil {
			t.Fatalf("Read: %v", err)
		}
		if got := fmt.Sprint(out); got != "map[id:1]" {
			t.Errorf("Read({_id: 1}) = %s; want map[id:1]", got)
		}
	})
	t.Run("fromDynamo/attribute stored under the alias is unknown", func(t *testing.T) {
		s, err := New(opts...)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		var out map[string]any
		err = s.Read(map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: "1"}}, &out)
		if err != nil || strings.Contains(fmt.Sprint(out), "1") {
			t.Errorf("Read({id: 1}) = %v, %v; want no attribute", out, err)
		}
	})
}
