package interop_test

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
)

// storedAt returns the item with key as the server holds it, without its key attributes
// (see stored).
func storedAt(t *testing.T, table string, key map[string]types.AttributeValue) map[string]any {
	t.Helper()
	out, err := dynamotest.Client().GetItem(ctx(t), &dynamodb.GetItemInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true), Key: key})
	if err != nil || out.Item == nil {
		t.Fatalf("GetItem(%s, %v) = %v, %v", table, key, out, err)
	}
	item := plainAV(&types.AttributeValueMemberM{Value: out.Item}).(map[string]any)["M"].(map[string]any)
	for name := range key {
		delete(item, name)
	}
	return item
}

// sameStored fails the test unless the items under the keys byJS and byGo hold the same
// attributes, but for those named in skip, which only both hold or both lack.
func sameStored(t *testing.T, table string, byJS, byGo map[string]types.AttributeValue, skip ...string) {
	t.Helper()
	js, gv := storedAt(t, table, byJS), storedAt(t, table, byGo)
	for _, name := range skip {
		for _, item := range []map[string]any{js, gv} {
			if _, ok := item[name]; ok {
				item[name] = "(skipped)"
			}
		}
	}
	if diff := cmp.Diff(js, gv); diff != "" {
		t.Errorf("stored items differ (-Dynamoose +Dynamodel):\n%s", diff)
	}
}

// avS and avN are the attribute values of a string and of a number's text.
func avS(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func avN(n string) types.AttributeValue { return &types.AttributeValueMemberN{Value: n} }

func modelKey(hash any) model.Key { return model.Key{Hash: hash} }

func jsonUnmarshal(text string, v any) error { return json.Unmarshal([]byte(text), v) }
