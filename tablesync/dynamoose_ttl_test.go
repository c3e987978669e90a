package tablesync

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

// Table.js, "Time To Live" > "Should call updateTimeToLive with correct parameters for custom
// attribute if TTL is disabling": DynamoDB refuses to enable a time to live while the last one
// is still being disabled, so the enabling request waits until DescribeTimeToLive says
// DISABLED.
func TestDynamooseTTLWaitsWhileDisabling(t *testing.T) {
	ddb := &dynamooseDDB{desc: catTable(), ttl: []types.TimeToLiveDescription{
		ttlStatus(types.TimeToLiveStatusDisabling, "old"), ttlStatus(types.TimeToLiveStatusDisabling, "old"), ttlStatus(types.TimeToLiveStatusDisabled, "")}}
	spec := FromSchema("Cat", catSchema(t, schema.Expires(time.Second, schema.TTLAttribute("expires"))))
	plan, err := Plan(context.Background(), ddb, spec)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	if _, err := Apply(context.Background(), ddb, plan, WithPollInterval(time.Millisecond)); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	want := []string{canonicalJSON(t, "", `{"TableName": "Cat", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}`)}
	if got := ddb.requests(t); len(got) != 1 || got[0] != "UpdateTimeToLive "+want[0] {
		t.Fatalf("requests %v; want UpdateTimeToLive %s", got, want[0])
	}
	if i := slices.Index(ddb.log, "UpdateTimeToLive"); i < 1 || ddb.log[i-1] != "DescribeTimeToLive DISABLED" {
		t.Errorf("calls %s; want UpdateTimeToLive right after DescribeTimeToLive said DISABLED", strings.Join(ddb.log, "; "))
	}
}
