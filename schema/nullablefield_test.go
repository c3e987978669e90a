package schema

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

// TestNullableStructFieldTakesNil checks that a struct field of type attr.Nullable is nullable
// as Nullable() makes a map attribute: an update's SET of nil stores NULL (as Dynamoose's
// update to null of [String, NULL]) and a value nil is NULL, where they were refused.
func TestNullableStructFieldTakesNil(t *testing.T) {
	type person struct {
		ID   string                `dynamo:"id"`
		Nick attr.Nullable[string] `dynamo:"nick"`
		Name string                `dynamo:"name"`
	}
	s := mustSchema(t)(For[person]())
	actions, err := s.Update([]Change{{UpdateSet, "nick", nil}})
	if err != nil || renderActions(actions) != `SET nick NULL` {
		t.Errorf("Update(SET nick nil) = %s, %v; want SET nick NULL", renderActions(actions), err)
	}
	null := &types.AttributeValueMemberNULL{Value: true}
	if av, err := s.Value("nick", nil); err != nil || !cmp.Equal(av, types.AttributeValue(null), cmp.AllowUnexported(types.AttributeValueMemberNULL{})) {
		t.Errorf("Value(nick, nil) = %v, %v; want NULL", av, err)
	}
	if _, err := s.Update([]Change{{UpdateSet, "name", nil}}); err == nil {
		t.Errorf("Update(SET name nil) = nil; want a plain string attribute to refuse nil")
	}
}
