package tablesync

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// No local server creates indexes with multi-attribute keys, so these tests check the
// requests against the shape DynamoDB documents: KeySchema lists the partition (HASH)
// attributes, then the sort (RANGE) ones, each in key order, and AttributeDefinitions gives
// each its own type.

// matchesSpec is a table whose GSI byRound is keyed on two partition attributes and two sort
// attributes of different types.
func matchesSpec() Spec {
	return Spec{
		Name: "matches",
		Index: index.Layout{
			Keys: index.KeySchema{Hash: key("matchId", attr.S)},
			Indexes: []index.Index{{Name: "byRound", Global: true, Keys: index.KeySchema{
				Hash: key("tournament", attr.S), MoreHash: []index.Key{key("region", attr.S)},
				Range: key("round", attr.N), MoreRange: []index.Key{key("bracket", attr.S)},
			}}},
		},
		Billing: index.OnDemand(),
	}
}

func elems(hash []string, rng ...string) []types.KeySchemaElement {
	var out []types.KeySchemaElement
	for _, h := range hash {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(h), KeyType: types.KeyTypeHash})
	}
	for _, r := range rng {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(r), KeyType: types.KeyTypeRange})
	}
	return out
}

func defs(pairs ...string) []types.AttributeDefinition {
	var out []types.AttributeDefinition
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, types.AttributeDefinition{AttributeName: aws.String(pairs[i]), AttributeType: types.ScalarAttributeType(pairs[i+1])})
	}
	return out
}

var ignoreSerde = cmpopts.IgnoreUnexported(dynamodb.CreateTableInput{}, dynamodb.UpdateTableInput{}, types.KeySchemaElement{},
	types.AttributeDefinition{}, types.GlobalSecondaryIndex{}, types.Projection{}, types.GlobalSecondaryIndexUpdate{},
	types.CreateGlobalSecondaryIndexAction{}, types.DeleteGlobalSecondaryIndexAction{})

func TestExportMultiAttributeIndex(t *testing.T) {
	got, err := Export(matchesSpec())
	if err != nil {
		t.Fatal(err)
	}
	want := &dynamodb.CreateTableInput{
		TableName:            aws.String("matches"),
		AttributeDefinitions: defs("matchId", "S", "tournament", "S", "region", "S", "round", "N", "bracket", "S"),
		KeySchema:            elems([]string{"matchId"}),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("byRound"),
			KeySchema:  elems([]string{"tournament", "region"}, "round", "bracket"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	}
	if diff := cmp.Diff(want, got[0].CreateTable, ignoreSerde); diff != "" {
		t.Errorf("Export(matches).CreateTable (-want +got):\n%s", diff)
	}
}

// liveMatches is what DescribeTable reports for matchesSpec's table, its GSI's key elements in
// key order.
func liveMatches(indexKeys []types.KeySchemaElement) state {
	d := types.TableDescription{
		TableName: aws.String("matches"), TableStatus: types.TableStatusActive,
		AttributeDefinitions: defs("matchId", "S", "tournament", "S", "region", "S", "round", "N", "bracket", "S"),
		KeySchema:            elems([]string{"matchId"}),
		BillingModeSummary:   &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest},
	}
	if indexKeys != nil {
		d.GlobalSecondaryIndexes = []types.GlobalSecondaryIndexDescription{{
			IndexName: aws.String("byRound"), KeySchema: indexKeys, IndexStatus: types.IndexStatusActive,
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}
	}
	return state{desc: &d, ttlUnsupported: "-", tagsUnsupported: "-"}
}

func TestPlanMultiAttributeIndex(t *testing.T) {
	create := &dynamodb.UpdateTableInput{
		TableName:            aws.String("matches"),
		AttributeDefinitions: defs("matchId", "S", "tournament", "S", "region", "S", "round", "N", "bracket", "S"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byRound"),
			KeySchema:  elems([]string{"tournament", "region"}, "round", "bracket"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}},
	}
	del := &dynamodb.UpdateTableInput{TableName: aws.String("matches"), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{
		Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byRound")}}}}
	tests := []struct {
		name      string
		spec      func(*Spec)
		live      state
		wantSteps []Action
		wantReqs  []any
		wantWhy   string
	}{
		{"same keys in the same order", nil,
			liveMatches(elems([]string{"tournament", "region"}, "round", "bracket")), nil, nil, ""},
		{"index missing", nil, liveMatches(nil),
			[]Action{CreateIndex}, []any{create}, "backfill"},
		{"sort attributes in another order", nil,
			liveMatches(elems([]string{"tournament", "region"}, "bracket", "round")),
			[]Action{DeleteIndex, CreateIndex}, []any{del, create},
			"keys tournament S + region S, bracket S + round N → tournament S + region S, round N + bracket S"},
		{"a partition attribute fewer", nil,
			liveMatches(elems([]string{"tournament"}, "round", "bracket")),
			[]Action{DeleteIndex, CreateIndex}, []any{del, create},
			"keys tournament S, round N + bracket S → tournament S + region S, round N + bracket S"},
		{"index no longer declared", func(t *Spec) { t.Index.Indexes = nil },
			liveMatches(elems([]string{"tournament", "region"}, "round", "bracket")),
			[]Action{DeleteIndex}, []any{del}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := matchesSpec()
			if tt.spec != nil {
				tt.spec(&spec)
			}
			if err := spec.Check(); err != nil {
				t.Fatalf("the case's definition is invalid: %v", err)
			}
			steps, _ := compare(spec, tt.live)
			var actions []Action
			var reqs []any
			var why []string
			for _, s := range steps {
				actions = append(actions, s.Action)
				reqs = append(reqs, s.requests...)
				why = append(why, s.Why)
			}
			if diff := cmp.Diff(tt.wantSteps, actions); diff != "" {
				t.Fatalf("compare() actions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantReqs, reqs, ignoreSerde); diff != "" {
				t.Errorf("compare() requests (-want +got):\n%s", diff)
			}
			if !strings.Contains(strings.Join(why, "\n"), tt.wantWhy) {
				t.Errorf("compare() reasons = %q; want one to contain %q", why, tt.wantWhy)
			}
		})
	}
}

func TestDescribeMultiAttributeIndexKeepsOrder(t *testing.T) {
	got := FromDescription(liveMatches(elems([]string{"tournament", "region"}, "round", "bracket")).desc, nil)
	want := matchesSpec().Index.Indexes[0].Keys
	if !got.Index.Indexes[0].Keys.Equal(want) {
		t.Errorf("FromDescription keys = %v; want %v", got.Index.Indexes[0].Keys, want)
	}
}

func TestReadJSONMultiAttributeIndex(t *testing.T) {
	js, err := ExportJSON(matchesSpec())
	if err != nil {
		t.Fatal(err)
	}
	tables, err := ReadJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatalf("ReadJSON(ExportJSON(matches)) = %v", err)
	}
	if got, want := tables[0].Index.Indexes[0].Keys, matchesSpec().Index.Indexes[0].Keys; !got.Equal(want) {
		t.Errorf("ReadJSON(ExportJSON(matches)) keys = %v; want %v", got, want)
	}

	var compact bytes.Buffer
	if err := json.Compact(&compact, js); err != nil {
		t.Fatal(err)
	}
	// A HASH element after a RANGE one is refused: HASH elements come first.
	bad := strings.Replace(compact.String(), `{"AttributeName":"tournament","KeyType":"HASH"}`, `{"AttributeName":"tournament","KeyType":"RANGE"}`, 1)
	if bad == compact.String() {
		t.Fatalf("the exported JSON does not hold the expected key elements:\n%s", js)
	}
	_, err = ReadJSON(strings.NewReader(bad))
	if err == nil || !strings.Contains(err.Error(), `element #1 has KeyType "RANGE"; want HASH`) {
		t.Errorf("ReadJSON with a RANGE element first = %v; want it refused", err)
	}
	bad = strings.Replace(compact.String(), `{"AttributeName":"region","KeyType":"HASH"},{"AttributeName":"round","KeyType":"RANGE"}`,
		`{"AttributeName":"round","KeyType":"RANGE"},{"AttributeName":"region","KeyType":"HASH"}`, 1)
	_, err = ReadJSON(strings.NewReader(bad))
	if err == nil || !strings.Contains(err.Error(), `element #3 has KeyType HASH after a RANGE element; HASH elements come first`) {
		t.Errorf("ReadJSON with a HASH element after a RANGE one = %v; want it refused", err)
	}
}
