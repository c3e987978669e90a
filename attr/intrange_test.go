package attr_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
)

// TestDecodeIntOutOfRangeIsRefused: on a 32-bit platform a number beyond int32 does not wrap
// into an int field (GOARCH=386 go test ./attr -run TestDecodeIntOutOfRange).
func TestDecodeIntOutOfRangeIsRefused(t *testing.T) {
	type item struct {
		N int `dynamo:"n"`
	}
	var it item
	err := attr.UnmarshalItem(map[string]types.AttributeValue{"n": &types.AttributeValueMemberN{Value: "1099511627776"}}, &it)
	if err == nil && int64(it.N) != 1<<40 {
		t.Fatalf("decoded 2^40 into int as %d without an error", it.N)
	}
}
