package keytext

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestTextRoundTrip(t *testing.T) {
	key := map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "customer#1"},
		"sk": &types.AttributeValueMemberN{Value: "1.5"},
		"b":  &types.AttributeValueMemberB{Value: []byte{0, 1, 0xff}},
	}
	kt, err := Of(key)
	if err != nil {
		t.Fatalf("Of(%v) = %v", key, err)
	}
	want := Text{"pk": {"S": "customer#1"}, "sk": {"N": "1.5"}, "b": {"B": "AAH/"}}
	if diff := cmp.Diff(kt, want); diff != "" {
		t.Errorf("Of mismatch (-got +want):\n%s", diff)
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

func TestTextRefused(t *testing.T) {
	if _, err := Of(map[string]types.AttributeValue{"m": &types.AttributeValueMemberBOOL{Value: true}}); err == nil {
		t.Errorf("Of(BOOL) = nil error; want a refusal")
	}
	tests := map[string]Text{
		"no attributes": {},
		"two members":   {"pk": {"S": "a", "N": "1"}},
		"empty string":  {"pk": {"S": ""}},
		"other type":    {"pk": {"BOOL": "true"}},
		"bad base64":    {"pk": {"B": "%%%"}},
	}
	for name, kt := range tests {
		t.Run(name, func(t *testing.T) {
			if got, err := kt.Key(); err == nil {
				t.Errorf("Text(%v).Key() = %v, nil; want an error", kt, got)
			}
		})
	}
}
