package tablesync

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// dynamooseDDB answers tablesync's calls as Dynamoose's Table.js tests mock aws.ddb: one
// table, described as desc (nil: it does not exist), its time to live and its tags. It records
// every change sent, and the order of all calls in log.
//
// A table or index that is CREATING or UPDATING is described so once and ACTIVE from the next
// DescribeTable on, unless stuck is set; an index created by UpdateTable is CREATING first.
type dynamooseDDB struct {
	mu      sync.Mutex
	desc    *types.TableDescription
	descErr error // every DescribeTable fails with it
	stuck   bool  // the table never becomes ACTIVE
	// ttl are the answers of DescribeTimeToLive in order; the last one repeats. None: DISABLED.
	ttl      []types.TimeToLiveDescription
	ttlCalls int
	// tagPages are the pages of ListTagsOfResource; the NextToken of page i is "i+1".
	tagPages [][]types.Tag
	tagsErr  error

	log      []string // every call, with the table's status for DescribeTable
	sent     []sentRequest
	listTags []*dynamodb.ListTagsOfResourceInput
}

// sentRequest is one change a test asserts: the operation and its input.
type sentRequest struct {
	op string
	in any
}

func (f *dynamooseDDB) record(op string, in any) {
	f.log = append(f.log, op)
	f.sent = append(f.sent, sentRequest{op, in})
}

func (f *dynamooseDDB) CreateTable(_ context.Context, in *dynamodb.CreateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CreateTable", in)
	f.desc = &types.TableDescription{TableName: in.TableName, TableArn: aws.String("arn"), TableStatus: types.TableStatusCreating,
		KeySchema: in.KeySchema, AttributeDefinitions: in.AttributeDefinitions}
	return &dynamodb.CreateTableOutput{}, nil
}

func (f *dynamooseDDB) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, "DescribeTable "+aws.ToString(in.TableName)+":")
	if f.descErr != nil {
		return nil, f.descErr
	}
	if f.desc == nil {
		return nil, &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}
	}
	d := *f.desc
	d.GlobalSecondaryIndexes = slices.Clone(d.GlobalSecondaryIndexes)
	f.log[len(f.log)-1] += " " + strings.Join(append([]string{string(d.TableStatus)}, indexStatuses(&d)...), " ")
	if !f.stuck {
		f.desc.TableStatus = types.TableStatusActive
		for i := range f.desc.GlobalSecondaryIndexes {
			f.desc.GlobalSecondaryIndexes[i].IndexStatus = types.IndexStatusActive
		}
	}
	return &dynamodb.DescribeTableOutput{Table: &d}, nil
}

func indexStatuses(d *types.TableDescription) []string {
	var out []string
	for _, g := range d.GlobalSecondaryIndexes {
		out = append(out, aws.ToString(g.IndexName)+"="+string(g.IndexStatus))
	}
	return out
}

func (f *dynamooseDDB) UpdateTable(_ context.Context, in *dynamodb.UpdateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("UpdateTable", in)
	for _, u := range in.GlobalSecondaryIndexUpdates {
		if c := u.Create; c != nil {
			f.desc.GlobalSecondaryIndexes = append(f.desc.GlobalSecondaryIndexes, types.GlobalSecondaryIndexDescription{
				IndexName: c.IndexName, KeySchema: c.KeySchema, Projection: c.Projection, IndexStatus: types.IndexStatusCreating,
				ProvisionedThroughput: &types.ProvisionedThroughputDescription{
					ReadCapacityUnits: c.ProvisionedThroughput.ReadCapacityUnits, WriteCapacityUnits: c.ProvisionedThroughput.WriteCapacityUnits}})
		}
	}
	return &dynamodb.UpdateTableOutput{}, nil
}

func (f *dynamooseDDB) DescribeTimeToLive(_ context.Context, _ *dynamodb.DescribeTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ttl := types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}
	if len(f.ttl) > 0 {
		ttl = f.ttl[min(f.ttlCalls, len(f.ttl)-1)]
	}
	f.ttlCalls++
	f.log = append(f.log, "DescribeTimeToLive "+string(ttl.TimeToLiveStatus))
	return &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: &ttl}, nil
}

func (f *dynamooseDDB) UpdateTimeToLive(_ context.Context, in *dynamodb.UpdateTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("UpdateTimeToLive", in)
	return &dynamodb.UpdateTimeToLiveOutput{}, nil
}

func (f *dynamooseDDB) ListTagsOfResource(_ context.Context, in *dynamodb.ListTagsOfResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, "ListTagsOfResource")
	f.listTags = append(f.listTags, in)
	if f.tagsErr != nil {
		return nil, f.tagsErr
	}
	page := 0
	if in.NextToken != nil {
		page, _ = strconv.Atoi(*in.NextToken)
	}
	out := &dynamodb.ListTagsOfResourceOutput{}
	if page < len(f.tagPages) {
		out.Tags = f.tagPages[page]
	}
	if page+1 < len(f.tagPages) {
		out.NextToken = aws.String(strconv.Itoa(page + 1))
	}
	return out, nil
}

func (f *dynamooseDDB) TagResource(_ context.Context, in *dynamodb.TagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("TagResource", in)
	return &dynamodb.TagResourceOutput{}, nil
}

func (f *dynamooseDDB) UntagResource(_ context.Context, in *dynamodb.UntagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("UntagResource", in)
	return &dynamodb.UntagResourceOutput{}, nil
}

var _ API = (*dynamooseDDB)(nil)

// requests renders the changes sent as "Op {json}" lines, each in canonical form.
func (f *dynamooseDDB) requests(t *testing.T) []string {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []string{}
	for _, s := range f.sent {
		out = append(out, s.op+" "+canonicalJSON(t, s.op, s.in))
	}
	return out
}

// canonicalJSON encodes a request, or parses the JSON text of one, into a form that compares
// by meaning: no null or empty members, and the lists whose order DynamoDB ignores
// (attribute definitions, indexes, tags, tag keys, projected attributes) sorted. A
// CreateTable's BillingMode PROVISIONED and TableClass STANDARD are DynamoDB's defaults,
// which Dynamoose leaves out and Dynamodel may send: they are dropped.
func canonicalJSON(t *testing.T, op string, v any) string {
	t.Helper()
	raw, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %T: %v", v, err)
		}
		raw = string(b)
	}
	var tree any
	if err := json.Unmarshal([]byte(raw), &tree); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	tree = sortLists(prune(tree))
	if m, ok := tree.(map[string]any); ok && op == "CreateTable" {
		if m["BillingMode"] == string(types.BillingModeProvisioned) {
			delete(m, "BillingMode")
		}
		if m["TableClass"] == string(types.TableClassStandard) {
			delete(m, "TableClass")
		}
	}
	out, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// sortBy names the member that orders the elements of each unordered list.
var sortBy = map[string]string{
	"AttributeDefinitions": "AttributeName", "GlobalSecondaryIndexes": "IndexName",
	"LocalSecondaryIndexes": "IndexName", "Tags": "Key", "TagKeys": "", "NonKeyAttributes": "",
}

func sortLists(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = sortLists(e)
			if list, ok := e.([]any); ok {
				if by, ok := sortBy[k]; ok {
					slices.SortStableFunc(list, func(a, b any) int { return strings.Compare(member(a, by), member(b, by)) })
				}
			}
			x[k] = e
		}
	case []any:
		for i, e := range x {
			x[i] = sortLists(e)
		}
	}
	return v
}

func member(v any, name string) string {
	if m, ok := v.(map[string]any); ok {
		return fmt.Sprint(m[name])
	}
	return fmt.Sprint(v)
}
