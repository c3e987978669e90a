package attr_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
)

// TestSDKMemberTypesAreStoredAsTheyAre: a value of one of the SDK's attribute value types
// (*types.AttributeValueMemberSS...) is the attribute value itself, in a field, in an any and
// through MarshalWith; it was encoded as the struct it is (M{Value: L[...]}).
func TestSDKMemberTypesAreStoredAsTheyAre(t *testing.T) {
	ss := &types.AttributeValueMemberSS{Value: []string{"a", "b"}}
	ignore := cmpopts.IgnoreUnexported(types.AttributeValueMemberSS{}, types.AttributeValueMemberS{})

	av, err := attr.MarshalWith(ss, attr.Options{})
	if err != nil || !cmp.Equal(av, types.AttributeValue(ss), ignore) {
		t.Errorf("MarshalWith(*SS) = %#v, %v; want the SS itself", av, err)
	}

	type item struct {
		Tags *types.AttributeValueMemberSS `dynamo:"tags"`
		Name *types.AttributeValueMemberS  `dynamo:"name,omitempty"`
	}
	got, err := attr.MarshalItem(item{Tags: ss})
	want := map[string]types.AttributeValue{"tags": ss}
	if err != nil || !cmp.Equal(got, want, ignore) {
		t.Errorf("MarshalItem(struct with *SS) = %#v, %v; want %#v", got, err, want)
	}

	var back item
	if err := attr.UnmarshalItem(want, &back); err != nil || !cmp.Equal(back.Tags, ss, ignore) {
		t.Errorf("UnmarshalItem into *SS = %#v, %v; want %#v", back.Tags, err, ss)
	}
	err = attr.UnmarshalItem(map[string]types.AttributeValue{"tags": &types.AttributeValueMemberS{Value: "x"}}, &back)
	if !errors.Is(err, attr.ErrType) {
		t.Errorf("UnmarshalItem of an S into *SS = %v; want ErrType", err)
	}

	bad := &types.AttributeValueMemberS{Value: "\xff"}
	if _, err := attr.MarshalWith(bad, attr.Options{}); !errors.Is(err, attr.ErrUTF8) {
		t.Errorf("MarshalWith(S with invalid UTF-8) = %v; want ErrUTF8", err)
	}
}
