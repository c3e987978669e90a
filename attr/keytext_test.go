package attr

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestKeyTextRoundTrip(t *testing.T) {
	key := map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "customer#1"},
		"sk": &types.AttributeValueMemberN{Value: "1.5"},
		"b":  &types.AttributeValueMemberB{Value: []byte{0, 1, 0xff}},
	}
	kt, err := KeyToText(key)
	if err != nil {
		t.Fatalf("KeyToText(%v) = %v", key, err)
	}
	want := KeyText{"pk": {"S": "customer#1"}, "sk": {"N": "1.5"}, "b": {"B": "AAH/"}}
	if diff := cmp.Diff(kt, want); diff != "" {
		t.Errorf("KeyToText mismatch (-got +want):\n%s", diff)
	}
	got, err := kt.Key()
	if err != nil {
		t.Fatalf("Key() = %v", err)
	}
	opts := cmpopts.IgnoreUnexported(types.AttributeValueMemberS{}, types.AttributeValueMemberN{}, types.AttributeValueMemberB{})
	if diff := cmp.Diff(got, key, opts); diff != "" {
		t.Errorf("Key() mismatch (-got +want):\n%s", diff)
	}
}

func TestKeyTextRefused(t *testing.T) {
	if _, err := KeyToText(map[string]types.AttributeValue{"m": &types.AttributeValueMemberBOOL{Value: true}}); err == nil {
		t.Errorf("KeyToText(BOOL) = nil error; want a refusal")
	}
	tests := map[string]KeyText{
		"no attributes": {},
		"two members":   {"pk": {"S": "a", "N": "1"}},
		"empty string":  {"pk": {"S": ""}},
		"other type":    {"pk": {"BOOL": "true"}},
		"bad base64":    {"pk": {"B": "%%%"}},
	}
	for name, kt := range tests {
		t.Run(name, func(t *testing.T) {
			if got, err := kt.Key(); err == nil {
				t.Errorf("KeyText(%v).Key() = %v, nil; want an error", kt, got)
			}
		})
	}
}
