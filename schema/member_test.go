package schema

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// TestMapItemKeepsSDKAttributeValues: an SDK attribute value given in a map item, under Any()
// or as an unknown attribute kept by SaveUnknown, is stored as it is; it was stored as the
// struct it is (M{Value: L[...]}), silently changing the data.
func TestMapItemKeepsSDKAttributeValues(t *testing.T) {
	s, err := New(Attr("id", HashKey(), Type(attr.S)), Attr("tags", Any()), SaveUnknown())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{
		"id":   "1",
		"tags": &types.AttributeValueMemberSS{Value: []string{"a"}},
		"more": &types.AttributeValueMemberNS{Value: []string{"1", "2"}},
	}
	item, err := s.Put(&m)
	if err != nil {
		t.Fatal(err)
	}
	if ss, ok := item["tags"].(*types.AttributeValueMemberSS); !ok || len(ss.Value) != 1 || ss.Value[0] != "a" {
		t.Errorf("tags stored as %#v; want the SS given", item["tags"])
	}
	if ns, ok := item["more"].(*types.AttributeValueMemberNS); !ok || len(ns.Value) != 2 {
		t.Errorf("more stored as %#v; want the NS given", item["more"])
	}
}
