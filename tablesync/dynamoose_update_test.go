package tablesync

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Table.js, describe "Update" (Throughput, Indexes, Table Class), "Streams" and "Time To Live": the UpdateTable and
// UpdateTimeToLive requests that bring a described table to what the model wants, compared
// with the requests of the steps Plan computes. Dynamoose's test tables describe only what
// the case changes; the port describes the table's key ("id", S) too, which Dynamodel
// compares. Dynamoose deletes an index the model no longer declares; Dynamodel plans the
// deletion as a destructive step, which Apply runs only with AllowDestructive, and so is the
// disabling of a stream. A model without stream settings disables a table's stream, as
// Dynamoose's {"enabled": false}.
func TestDynamooseUpdateTable(t *testing.T) {
	id := schema.Attr("id", schema.Type(attr.S))
	live := func(edit func(d *types.TableDescription)) *types.TableDescription {
		d := &types.TableDescription{
			TableName: aws.String("Cat"), TableStatus: types.TableStatusActive,
			KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
			AttributeDefinitions:  []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
			ProvisionedThroughput: &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)},
		}
		if edit != nil {
			edit(d)
		}
		return d
	}
	throughput := func(r, w int64) func(d *types.TableDescription) {
		return func(d *types.TableDescription) {
			d.ProvisionedThroughput = &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(r), WriteCapacityUnits: aws.Int64(w)}
		}
	}
	onDemand := func(d *types.TableDescription) {
		d.ProvisionedThroughput = &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(0), WriteCapacityUnits: aws.Int64(0)}
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest}
	}
	nameIndex := func(d *types.TableDescription) {
		d.AttributeDefinitions = append(d.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("name"), AttributeType: types.ScalarAttributeTypeS})
		d.GlobalSecondaryIndexes = []types.GlobalSecondaryIndexDescription{{
			IndexName: aws.String("nameGlobalIndex"), IndexStatus: types.IndexStatusActive,
			KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("name"), KeyType: types.KeyTypeHash}},
			Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
			ProvisionedThroughput: &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)},
		}}
	}
	class := func(c types.TableClass) func(d *types.TableDescription) {
		return func(d *types.TableDescription) { d.TableClassSummary = &types.TableClassSummary{TableClass: c} }
	}
	stream := func(d *types.TableDescription) {
		d.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}
	}
	ttl := func(status types.TimeToLiveStatus, attribute string) *types.TimeToLiveDescription {
		d := &types.TimeToLiveDescription{TimeToLiveStatus: status}
		if attribute != "" {
			d.AttributeName = aws.String(attribute)
		}
		return d
	}
	tests := []struct {
		name string
		opts []schema.Option
		desc *types.TableDescription
		ttl  *types.TimeToLiveDescription
		want string // the requests, in order, as a JSON array
	}{
		{"Throughput/Should not call updateTable if throughput matches", []schema.Option{schema.Throughput(1, 2)},
			live(throughput(1, 2)), nil, `[]`},
		{"Throughput/Should call updateTable with correct parameters if throughput doesn't match", []schema.Option{schema.Throughput(1, 2)},
			live(throughput(2, 2)), nil, `[{"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 2}, "TableName": "Cat"}]`},
		{"Throughput/Should call updateTable with correct parameters if switching from provisioned to on demand", []schema.Option{schema.OnDemand()},
			live(throughput(2, 2)), nil, `[{"BillingMode": "PAY_PER_REQUEST", "TableName": "Cat"}]`},
		// Dynamoose sends the throughput alone; DynamoDB needs BillingMode PROVISIONED to leave
		// on-demand billing, which Dynamodel sends.
		{"Throughput/Should call updateTable with correct parameters if switching from on demand to provisioned", []schema.Option{schema.Throughput(5, 5)},
			live(onDemand), nil, `[{"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, "TableName": "Cat"}]`},
		{"Indexes/Should call updateTable to add index", []schema.Option{schema.Attr("name", schema.Type(attr.S), schema.Index())},
			live(nil), nil, `[{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "name", "AttributeType": "S"}], "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "nameGlobalIndex", "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}], "TableName": "Cat"}]`},
		{"Indexes/Should call updateTable to delete index (a destructive step)", []schema.Option{schema.Attr("name", schema.Type(attr.S))},
			live(nameIndex), nil, `[{"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "nameGlobalIndex"}}], "TableName": "Cat"}]`},
		{"Table Class/Should not call updateTable if table class is standard and undefined in table initialization", nil,
			live(class(types.TableClassStandard)), nil, `[]`},
		{"Table Class/Should not call updateTable if table class is standard and standard in table initialization", []schema.Option{schema.TableClass(types.TableClassStandard)},
			live(class(types.TableClassStandard)), nil, `[]`},
		{"Table Class/Should not call updateTable if table class is infrequent access and infrequent access in table initialization", []schema.Option{schema.TableClass(types.TableClassStandardInfrequentAccess)},
			live(class(types.TableClassStandardInfrequentAccess)), nil, `[]`},
		{"Table Class/Should not call updateTable if table class is undefined and standard in table initialization", []schema.Option{schema.TableClass(types.TableClassStandard)},
			live(nil), nil, `[]`},
		{"Table Class/Should call updateTable if table class is undefined and infrequent access in table initialization", []schema.Option{schema.TableClass(types.TableClassStandardInfrequentAccess)},
			live(nil), nil, `[{"TableName": "Cat", "TableClass": "STANDARD_INFREQUENT_ACCESS"}]`},
		{"Table Class/Should call updateTable if table class is standard and infrequent access in table initialization", []schema.Option{schema.TableClass(types.TableClassStandardInfrequentAccess)},
			live(class(types.TableClassStandard)), nil, `[{"TableName": "Cat", "TableClass": "STANDARD_INFREQUENT_ACCESS"}]`},
		{"Table Class/Should call updateTable if table class is infrequent access and standard in table initialization", []schema.Option{schema.TableClass(types.TableClassStandard)},
			live(class(types.TableClassStandardInfrequentAccess)), nil, `[{"TableName": "Cat", "TableClass": "STANDARD"}]`},
		{"Streams/Should call updateTable with correct parameters when adding streams with type", []schema.Option{schema.Stream(types.StreamViewTypeNewAndOldImages)},
			live(nil), nil, `[{"TableName": "Cat", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}]`},
		{"Streams/Should call updateTable with correct parameters when disabling streams (a destructive step)", nil,
			live(stream), nil, `[{"TableName": "Cat", "StreamSpecification": {"StreamEnabled": false}}]`},
		{"Streams/Should not call updateTable if stream settings match", []schema.Option{schema.Stream(types.StreamViewTypeNewAndOldImages)},
			live(stream), nil, `[]`},
		{"Time To Live/Should call updateTimeToLive with correct parameters if TTL is disabled", []schema.Option{schema.Expires(time.Second)},
			live(nil), ttl(types.TimeToLiveStatusDisabled, ""), `[{"TableName": "Cat", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "ttl"}}]`},
		{"Time To Live/Should not call updateTimeToLive with correct parameters if TTL is enabled", []schema.Option{schema.Expires(time.Second)},
			live(nil), ttl(types.TimeToLiveStatusEnabled, "ttl"), `[]`},
		{"Time To Live/Should not call updateTimeToLive with correct parameters if TTL is enabling", []schema.Option{schema.Expires(time.Second)},
			live(nil), ttl(types.TimeToLiveStatusEnabling, "ttl"), `[]`},
		{"Time To Live/Should call updateTimeToLive with correct parameters for custom attribute if TTL is disabled", []schema.Option{schema.Expires(time.Second, schema.TTLAttribute("expires"))},
			live(nil), ttl(types.TimeToLiveStatusDisabled, ""), `[{"TableName": "Cat", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}]`},
		{"Time To Live/Should not call updateTimeToLive if no expires", nil,
			live(nil), ttl(types.TimeToLiveStatusDisabled, ""), `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.New(append([]schema.Option{id}, tt.opts...)...)
			if err != nil {
				t.Fatalf("schema.New: %v", err)
			}
			st := state{desc: tt.desc, ttl: tt.ttl, tags: map[string]string{}}
			if tt.ttl == nil {
				st.ttl = ttl(types.TimeToLiveStatusDisabled, "")
			}
			steps, _ := compare(FromSchema("Cat", s), st)
			got := []any{}
			for _, step := range steps {
				for _, req := range step.requests {
					var v any = req
					if b, ok := req.(*billingRequest); ok {
						v = b.resolve(tt.desc)
					}
					raw, err := json.Marshal(v)
					if err != nil {
						t.Fatal(err)
					}
					var tree any
					if err := json.Unmarshal(raw, &tree); err != nil {
						t.Fatal(err)
					}
					got = append(got, prune(tree))
				}
			}
			var want []any
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatalf("the Dynamoose requests %s: %v", tt.want, err)
			}
			sortDefinitions(want)
			sortDefinitions(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("requests mismatch (-Dynamoose +Dynamodel):\n%s", diff)
			}
		})
	}
}

// sortDefinitions sorts the attribute definitions of each request by name: their order
// means nothing.
func sortDefinitions(reqs []any) {
	for _, r := range reqs {
		m, ok := r.(map[string]any)
		if !ok {
			continue
		}
		if l, ok := m["AttributeDefinitions"].([]any); ok {
			sort.Slice(l, func(i, j int) bool {
				return l[i].(map[string]any)["AttributeName"].(string) < l[j].(map[string]any)["AttributeName"].(string)
			})
		}
	}
}

// Table.js, describe "Update", "Tags": the TagResource and UntagResource requests that bring
// a table's tags to the model's. Dynamoose removes every tag when the table options give none;
// Dynamodel leaves the tags of a schema without Tags alone and removes them for Tags({})
// (docs/migration.md §8), so Dynamoose's "no tags passed" cases are ported with Tags({}). A
// tag whose value changes is tagged again with the new value, which replaces it: Dynamoose
// also removes it first.
func TestDynamooseUpdateTags(t *testing.T) {
	type request struct {
		Tags    map[string]string // TagResource
		TagKeys []string          // UntagResource
	}
	tests := []struct {
		name string
		tags map[string]string // the model's; nil: no Tags option
		live map[string]string
		want []request
	}{
		{"Should remove existing tags if no tags passed into table object (Tags({}))", map[string]string{}, map[string]string{"hello": "world"},
			[]request{{TagKeys: []string{"hello"}}}},
		{"Should remove multiple existing tags if no tags passed into table object (Tags({}))", map[string]string{}, map[string]string{"hello": "world", "foo": "bar"},
			[]request{{TagKeys: []string{"foo", "hello"}}}},
		{"Should not take any action if tags match", map[string]string{"hello": "world"}, map[string]string{"hello": "world"}, nil},
		{"Should delete and readd tags if values mismatch (tagged again)", map[string]string{"hello": "universe"}, map[string]string{"hello": "world"},
			[]request{{Tags: map[string]string{"hello": "universe"}}}},
		{"Should add tags properly", map[string]string{"hello": "universe"}, map[string]string{},
			[]request{{Tags: map[string]string{"hello": "universe"}}}},
		{"no Tags option: the table's tags are left alone", nil, map[string]string{"hello": "world"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []schema.Option{schema.Attr("id", schema.Type(attr.S))}
			if tt.tags != nil {
				opts = append(opts, schema.Tags(tt.tags))
			}
			s, err := schema.New(opts...)
			if err != nil {
				t.Fatalf("schema.New: %v", err)
			}
			desc := &types.TableDescription{
				TableName: aws.String("Cat"), TableStatus: types.TableStatusActive,
				KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
				AttributeDefinitions:  []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
				ProvisionedThroughput: &types.ProvisionedThroughputDescription{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)},
			}
			st := state{desc: desc, ttl: &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}, tags: tt.live}
			steps, _ := compare(FromSchema("Cat", s), st)
			var got []request
			for _, step := range steps {
				for _, req := range step.requests {
					switch r := req.(type) {
					case *tagRequest:
						m := map[string]string{}
						for _, tag := range r.tags {
							m[*tag.Key] = *tag.Value
						}
						got = append(got, request{Tags: m})
					case *untagRequest:
						got = append(got, request{TagKeys: slices.Sorted(slices.Values(r.keys))})
					default:
						t.Errorf("unexpected request %T", req)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tag requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
