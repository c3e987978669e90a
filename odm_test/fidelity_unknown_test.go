package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// TestSaveUnknownOneLevel checks against the server that SaveUnknown("address.*") keeps the
// attributes one level below address and stores a map under it empty, as Dynamoose does,
// while "address.**" keeps the map whole.
func TestSaveUnknownOneLevel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	item := func(id string) map[string]any {
		return map[string]any{"id": id, "address": map[string]any{
			"city":     "Oslo",
			"metadata": map[string]any{"source": "import", "rank": map[string]any{"n": 1}},
		}}
	}
	tests := []struct {
		name    string
		pattern string
		want    map[string]any
	}{
		{"one level", "address.*", map[string]any{"id": "one level", "address": map[string]any{
			"city": "Oslo", "metadata": map[string]any{}}}},
		{"any depth", "address.**", map[string]any{"id": "any depth", "address": map[string]any{
			"city": "Oslo", "metadata": map[string]any{"source": "import", "rank": map[string]any{"n": attr.Number("1")}}}}},
	}
	shape := func(opts ...schema.Option) *schema.Schema[map[string]any] {
		return schema.Must(schema.New(append([]schema.Option{
			schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
			schema.Attr("address", schema.Map(schema.Attr("city", schema.Type(attr.S)))),
		}, opts...)...))
	}
	first, db := newModel[map[string]any](t, ctx, shape(), "unknown_level")
	table := first.TableName()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := modelOn[map[string]any](t, db, table, "unknown_level", shape(schema.SaveUnknown(tt.pattern)))
			in := item(tt.name)
			if err := m.Put(ctx, &in); err != nil {
				t.Fatalf("Put(%v) = %v", in, err)
			}
			got, err := m.Get(ctx, model.Key{Hash: tt.name})
			if err != nil {
				t.Fatalf("Get(%q) = %v", tt.name, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Get(%q) (-want +got):\n%s", tt.name, diff)
			}
			out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{"id": avS(tt.name)}})
			if err != nil {
				t.Fatalf("GetItem(%q) = %v", tt.name, err)
			}
			stored := out.Item["address"].(*types.AttributeValueMemberM).Value["metadata"].(*types.AttributeValueMemberM).Value
			if wantLen := len(tt.want["address"].(map[string]any)["metadata"].(map[string]any)); len(stored) != wantLen {
				t.Errorf("stored address.metadata = %v; want %d attributes", stored, wantLen)
			}
		})
	}
}
