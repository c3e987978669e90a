package model

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// TestExplainFiltersWhatIsFiltered: conditions on the parts of a key the query computes from
// its template are not filtered, and Explain does not say they are; the key conditions added
// for keys not used are not filters either. Explain said "filters on roleId" for a request
// with no filter.
func TestExplainFiltersWhatIsFiltered(t *testing.T) {
	tests := []struct {
		name       string
		cond       Condition
		wantFilter string // the request's, with its values in place
		wantExpl   string // what Explain says of filters
	}{
		{"hash key from its part", Where("roleId").Eq("r1"), "", "uses table: hash key \"pk\" (=); range key \"sk\" is not constrained. Passed over"},
		{"range key prefix from a leading part", Where("roleId").Eq("r1").And(Where("permissionId").Eq("p1")), "",
			"uses table: hash key \"pk\" (=) and range key \"sk\" (range condition). Passed over"},
		{"part of a key not used stays a filter", Where("roleId").Eq("r1").And(Where("status").Eq("on")), "status = on",
			"range key \"sk\" is not constrained; filters on status. Passed over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil }}
			q := newGrants(t, r).Query(tt.cond)
			why, err := q.Explain()
			if err != nil {
				t.Fatalf("Explain() = %v", err)
			}
			if !strings.Contains(why, tt.wantExpl) {
				t.Errorf("Explain() = %q; want it to contain %q", why, tt.wantExpl)
			}
			for _, err := range q.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
			}
			in := r.requests[0].(*dynamodb.QueryInput)
			if got := inline(aws.ToString(in.FilterExpression), in); got != tt.wantFilter {
				t.Errorf("filter = %q; want %q", got, tt.wantFilter)
			}
		})
	}
}
