package odm_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type bout struct {
	ID         string `dynamo:"id"`
	Tournament string `dynamo:"tournament"`
	Region     string `dynamo:"region"`
	Round      int    `dynamo:"round"`
	Bracket    string `dynamo:"bracket"`
}

var boutSchema = schema.Must(schema.For[bout](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("tournament", schema.Index(schema.IndexName("byRound"),
		schema.IndexHashKeys("region"), schema.IndexRangeKeys("round", "bracket"))),
))

// TestMultiAttributeIndexQueries creates a table whose GSI is keyed on two partition and two
// sort attributes through tablesync, and queries it by the planner's choice. No local server
// supports such keys yet (the test is skipped with the server's answer); the requests are
// checked at request level in packages tablesync and model.
func TestMultiAttributeIndexQueries(t *testing.T) {
	dynamotest.Require(t, dynamotest.MultiAttributeKeys)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	m, _ := newModel[bout](t, ctx, boutSchema, "bouts")
	items := []bout{
		{"1", "W", "NA", 1, "lower"}, {"2", "W", "NA", 1, "upper"}, {"3", "W", "NA", 2, "upper"},
		{"4", "W", "EU", 1, "upper"}, {"5", "S", "NA", 1, "upper"},
	}
	for i := range items {
		if err := m.Put(ctx, &items[i]); err != nil {
			t.Fatalf("Put(%v) = %v", items[i], err)
		}
	}
	part := model.Where("tournament").Eq("W").And(model.Where("region").Eq("NA"))
	tests := []struct {
		name string
		cond model.Condition
		want []string // ids, in index order
	}{
		{"partition attributes", part, []string{"1", "2", "3"}},
		{"first sort attribute", part.And(model.Where("round").Eq(1)), []string{"1", "2"}},
		{"range on the last sort attribute given", part.And(model.Where("round").Eq(1), model.Where("bracket").BeginsWith("up")), []string{"2"}},
		{"range on the first sort attribute", part.And(model.Where("round").Gt(1)), []string{"3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for it, err := range m.Query(tt.cond).All(ctx) {
				if err != nil {
					t.Fatalf("Query(%v) = %v", tt.cond, err)
				}
				got = append(got, it.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Query(%v) = %v; want %v", tt.cond, got, tt.want)
			}
		})
	}
	// A skipped sort attribute is refused before sending.
	var err error
	for _, err = range m.Query(part.And(model.Where("bracket").Eq("upper"))).All(ctx) {
	}
	if !errors.Is(err, index.ErrNoIndex) {
		t.Errorf("Query skipping round = %v; want ErrNoIndex", err)
	}
}
