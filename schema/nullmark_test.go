package schema_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Nullable is a user type with attr.Nullable's name, in another package.
type Nullable[T any] struct {
	Value T
	Valid bool
}

// definedNull is defined from attr.Nullable: it has its fields but none of its methods, and is
// stored as a map.
type definedNull attr.Nullable[string]

// embeddedNull embeds attr.Nullable: its MarshalDynamo is promoted, and it stores NULL.
type embeddedNull struct{ attr.Nullable[string] }

type nullables struct {
	ID       string                `dynamo:"id"`
	Real     attr.Nullable[string] `dynamo:"real"`
	Embedded embeddedNull          `dynamo:"embedded"`
	SameName Nullable[string]      `dynamo:"samename"`
	Defined  definedNull           `dynamo:"defined"`
}

// TestNullableFieldIsToldByTypeNotName checks that a field holds NULL (an update's SET of nil
// stores NULL) when its type is attr.Nullable or embeds it, and not when a type only looks like
// it: a type named Nullable in another package, or one defined from attr.Nullable. The type was
// told by its package and name, so a struct embedding attr.Nullable stored NULL on a put and
// was refused NULL on an update.
func TestNullableFieldIsToldByTypeNotName(t *testing.T) {
	s, err := schema.For[nullables]()
	if err != nil {
		t.Fatalf("For[nullables]() = %v", err)
	}
	tests := []struct {
		path     string
		nullable bool
	}{
		{"real", true},
		{"embedded", true},
		{"samename", false},
		{"defined", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			actions, err := s.Update([]schema.Change{{Op: schema.UpdateSet, Path: tt.path, Value: nil}})
			if !tt.nullable {
				if err == nil {
					t.Errorf("Update(SET %s nil) = %v; want an error (the attribute cannot hold NULL)", tt.path, actions)
				}
				return
			}
			if err != nil || len(actions) == 0 {
				t.Fatalf("Update(SET %s nil) = %v, %v; want SET %s NULL", tt.path, actions, err, tt.path)
			}
			if _, null := actions[0].Value.(*types.AttributeValueMemberNULL); !null || actions[0].Op != schema.UpdateSet {
				t.Errorf("Update(SET %s nil) = %v %#v; want SET NULL", tt.path, actions[0].Op, actions[0].Value)
			}
		})
	}
	// What Put stores agrees: the embedding struct stores NULL, the defined type a map.
	item, err := s.Put(&nullables{ID: "x", Embedded: embeddedNull{attr.NullValue[string]()}, Defined: definedNull{Null: true}})
	if err != nil {
		t.Fatalf("Put = %v", err)
	}
	if _, null := item["embedded"].(*types.AttributeValueMemberNULL); !null {
		t.Errorf("Put stores embedded as %#v; want NULL", item["embedded"])
	}
	if _, m := item["defined"].(*types.AttributeValueMemberM); !m {
		t.Errorf("Put stores defined as %#v; want a map", item["defined"])
	}
}
