package tablesync

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExportCloudFormationMultiAttributeIndex: the CloudFormation template gives a
// multi-attribute index the KeySchema of the CreateTable request (HASH elements, then RANGE
// ones, in key order) and defines each key attribute with its type.
func TestExportCloudFormationMultiAttributeIndex(t *testing.T) {
	js, err := ExportCloudFormation(matchesSpec())
	if err != nil {
		t.Fatal(err)
	}
	var tmpl struct {
		Resources map[string]struct {
			Properties struct {
				AttributeDefinitions   []jsonAttribute
				GlobalSecondaryIndexes []struct {
					IndexName string
					KeySchema []jsonKey
				}
			}
		}
	}
	if err := json.Unmarshal(js, &tmpl); err != nil {
		t.Fatal(err)
	}
	p := tmpl.Resources["MatchesTable"].Properties
	if len(p.GlobalSecondaryIndexes) != 1 {
		t.Fatalf("template:\n%s\nwant one global index in MatchesTable", js)
	}
	wantKeys := []jsonKey{{"tournament", "HASH"}, {"region", "HASH"}, {"round", "RANGE"}, {"bracket", "RANGE"}}
	if diff := cmp.Diff(wantKeys, p.GlobalSecondaryIndexes[0].KeySchema); diff != "" {
		t.Errorf("byRound KeySchema (-want +got):\n%s", diff)
	}
	wantDefs := []jsonAttribute{{"matchId", "S"}, {"tournament", "S"}, {"region", "S"}, {"round", "N"}, {"bracket", "S"}}
	if diff := cmp.Diff(wantDefs, p.AttributeDefinitions); diff != "" {
		t.Errorf("AttributeDefinitions (-want +got):\n%s", diff)
	}
}
