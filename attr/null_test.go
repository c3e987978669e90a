package attr_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

// TestNullableRoundTrip checks that a Nullable keeps its three states apart through an item:
// absent is not written, NULL is written as NULL, a value as itself, and each reads back as
// it was (a *string reads both absent and NULL as nil).
func TestNullableRoundTrip(t *testing.T) {
	type item struct {
		ID   string                `dynamo:"id"`
		Nick attr.Nullable[string] `dynamo:"nick"`
		Age  attr.Nullable[int]    `dynamo:"age,omitempty"`
	}
	tests := []struct {
		name   string
		in     item
		stored map[string]types.AttributeValue
	}{
		{"absent", item{ID: "a"}, map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}},
		{"null", item{ID: "a", Nick: attr.NullValue[string](), Age: attr.NullValue[int]()}, map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: "a"}, "nick": &types.AttributeValueMemberNULL{Value: true}, "age": &types.AttributeValueMemberNULL{Value: true}}},
		{"value", item{ID: "a", Nick: attr.Some(""), Age: attr.Some(0)}, map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: "a"}, "nick": &types.AttributeValueMemberS{Value: ""}, "age": &types.AttributeValueMemberN{Value: "0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := attr.MarshalItem(&tt.in)
			if err != nil {
				t.Fatalf("MarshalItem(%+v) = %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.stored, got, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
				t.Errorf("MarshalItem(%+v) (-want +got):\n%s", tt.in, diff)
			}
			var back item
			if err := attr.UnmarshalItem(got, &back); err != nil {
				t.Fatalf("UnmarshalItem = %v", err)
			}
			if back != tt.in {
				t.Errorf("UnmarshalItem(MarshalItem(%+v)) = %+v; want it back", tt.in, back)
			}
		})
	}
}
