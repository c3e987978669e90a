package model

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/schema"
)

type visit struct {
	ID     string `dynamo:"id"`
	Tenant string `dynamo:"tenant"`
	Region string `dynamo:"region"`
	Day    string `dynamo:"day"`
	Shop   string `dynamo:"shop"`
}

// TestQueryByTemplatePartsOfMultiAttributeKey: a template may compute any attribute of a
// multi-attribute index key, not only the first partition or sort attribute. Conditions on
// its parts build it, as they do for single-attribute keys; before, a template that was the
// second partition (or sort) attribute was not built, and no index fitted.
func TestQueryByTemplatePartsOfMultiAttributeKey(t *testing.T) {
	s, err := schema.For[visit](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("tenant", schema.Index(schema.IndexName("byPlace"), schema.IndexHashKeys("g1"), schema.IndexRangeKeys("day", "g2"))),
		schema.Attr("g1", schema.Template("REGION#{region}")),
		schema.Attr("g2", schema.Template("SHOP#{shop}")),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		cond    Condition
		key     string
		explain string
	}{
		{"second partition attribute from its part", Where("tenant").Eq("t1").And(Where("region").Eq("eu")),
			`tenant = t1 AND g1 = REGION#eu`, `"g1" is built from its template "REGION#{region}" with region.`},
		{"second sort attribute from its part", Where("tenant").Eq("t1").And(Where("region").Eq("eu")).And(Where("day").Eq("d1")).And(Where("shop").Eq("s1")),
			`tenant = t1 AND g1 = REGION#eu AND day = d1 AND g2 = SHOP#s1`, `"g2" is built from its template "SHOP#{shop}" with shop.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil }}
			m, err := New[visit](r, "visits", s)
			if err != nil {
				t.Fatal(err)
			}
			q := m.Query(tt.cond)
			why, err := q.Explain()
			if err != nil {
				t.Fatalf("Explain() = %v", err)
			}
			if !strings.Contains(why, tt.explain) {
				t.Errorf("Explain() = %q; want it to contain %q", why, tt.explain)
			}
			for _, err := range q.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
			}
			in := r.requests[0].(*dynamodb.QueryInput)
			if got := inline(aws.ToString(in.KeyConditionExpression), in); got != tt.key {
				t.Errorf("key condition = %s; want %s", got, tt.key)
			}
			if got := aws.ToString(in.IndexName); got != "byPlace" {
				t.Errorf("index = %q; want byPlace", got)
			}
			if in.FilterExpression != nil {
				t.Errorf("filter = %s; want none: the parts are in the key", inline(aws.ToString(in.FilterExpression), in))
			}
		})
	}
}
