package tablesync

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// The cases below are ported from Dynamoose's unit tests (packages/dynamoose/test/Table.js,
// the table requests of Model.js and utils/dynamoose/index_changes.js of
// github.com/dynamoose/dynamoose): the CreateTable, UpdateTable, UpdateTimeToLive, TagResource
// and UntagResource requests Dynamoose sends for a model's schema and table options against a
// described table. Each case names the Dynamoose test it comes from. Requests are compared by
// meaning (canonicalJSON): Dynamoose's expected request is written as its test writes it.
//
// Dynamoose's table options become schema options: throughput {read, write} is
// schema.Throughput, "ON_DEMAND" schema.OnDemand, tags schema.Tags, tableClass
// schema.TableClass, streamOptions schema.Stream, expires schema.Expires. Its create: true is
// Sync with CreateOnly, update: true Sync with Update, and table.create({return: "request"})
// Export. Dynamoose's update: ["throughput"], ["indexes"], ... (one kind of change only) has no
// counterpart: a plan covers every kind, so each case is run once. Dynamoose's describeTable
// mocks leave out the key schema, which DynamoDB always describes; the described tables here
// have it. Where Dynamodel deliberately differs, the case asserts Dynamodel's documented
// behaviour and says so.
//
// The request cases ported through Export and the plan (dynamoose_create_test.go,
// dynamoose_update_test.go) are not repeated here: these run Sync, Apply and WaitForActive
// against a fake client (dynamooseDDB), for what only a run shows: the order of the calls,
// the waits between them, and the requests that depend on what the server answers.

// catSchema is Dynamoose's model {"id": String} with more attributes and table options.
func catSchema(t *testing.T, opts ...schema.Option) *schema.Schema[map[string]any] {
	t.Helper()
	s, err := schema.New(append([]schema.Option{schema.Attr("id", schema.Type(attr.S))}, opts...)...)
	if err != nil {
		t.Fatalf("schema.New: %v", err)
	}
	return s
}

// catTable is DynamoDB's description of the table Cat of catSchema: ACTIVE, provisioned with
// 1 read and 1 write unit, ARN "arn".
func catTable(mods ...func(*types.TableDescription)) *types.TableDescription {
	d := &types.TableDescription{
		TableName: aws.String("Cat"), TableArn: aws.String("arn"), TableStatus: types.TableStatusActive,
		KeySchema:             keyElems("id", ""),
		AttributeDefinitions:  []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		ProvisionedThroughput: tp(1, 1),
	}
	for _, m := range mods {
		m(d)
	}
	return d
}

func throughput(r, w int64) func(*types.TableDescription) {
	return func(d *types.TableDescription) { d.ProvisionedThroughput = tp(r, w) }
}

func onDemandTable(d *types.TableDescription) {
	d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest}
	d.ProvisionedThroughput = tp(0, 0)
}

func tableClass(c types.TableClass) func(*types.TableDescription) {
	return func(d *types.TableDescription) { d.TableClassSummary = &types.TableClassSummary{TableClass: c} }
}

func withGSI(g ...types.GlobalSecondaryIndexDescription) func(*types.TableDescription) {
	return func(d *types.TableDescription) {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, g...)
		for _, ix := range g {
			for _, k := range ix.KeySchema {
				if !slices.ContainsFunc(d.AttributeDefinitions, func(a types.AttributeDefinition) bool {
					return aws.ToString(a.AttributeName) == aws.ToString(k.AttributeName)
				}) {
					d.AttributeDefinitions = append(d.AttributeDefinitions, types.AttributeDefinition{AttributeName: k.AttributeName, AttributeType: types.ScalarAttributeTypeS})
				}
			}
		}
	}
}

func ttlStatus(status types.TimeToLiveStatus, attribute string) types.TimeToLiveDescription {
	d := types.TimeToLiveDescription{TimeToLiveStatus: status}
	if attribute != "" {
		d.AttributeName = aws.String(attribute)
	}
	return d
}

func tags(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

// dynamooseTableCase is a ported Table.js case: a schema, the table DynamoDB describes (nil:
// none), how the program syncs, and the changes Dynamoose sends, as "Op {json}" lines.
type dynamooseTableCase struct {
	name string
	opts []schema.Option // besides "id"
	live *types.TableDescription
	ttl  []types.TimeToLiveDescription
	tags [][]types.Tag
	mode Mode // CreateOnly or Update
	want []string
	// listTags, when not nil, are the ListTagsOfResource requests Dynamoose sends.
	listTags []string
}

func runDynamooseTableCases(t *testing.T, cases []dynamooseTableCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ddb := &dynamooseDDB{desc: tc.live, ttl: tc.ttl, tagPages: tc.tags}
			spec := FromSchema("Cat", catSchema(t, tc.opts...))
			ctx := context.Background()
			if _, err := Sync(ctx, ddb, tc.mode, spec); err != nil {
				t.Fatalf("Sync(%v): %v", tc.mode, err)
			}
			want := []string{}
			for _, w := range tc.want {
				op, js, _ := strings.Cut(w, " ")
				want = append(want, op+" "+canonicalJSON(t, op, js))
			}
			if got := ddb.requests(t); !slices.Equal(got, want) {
				t.Errorf("requests sent:\n%s\nwant:\n%s\ncalls: %s", strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(ddb.log, "; "))
			}
			if tc.listTags != nil {
				got := []string{}
				for _, in := range ddb.listTags {
					got = append(got, canonicalJSON(t, "", in))
				}
				want := []string{}
				for _, w := range tc.listTags {
					want = append(want, canonicalJSON(t, "", w))
				}
				if !slices.Equal(got, want) {
					t.Errorf("ListTagsOfResource requests %v; want %v", got, want)
				}
			}
		})
	}
}

const catCreate = `{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "TableName": "Cat"`

// Table.js, describe "Table" > "Initialization" > "Creation": the CreateTable request of a
// table that does not exist (Dynamoose runs each for the default instance and a new one).
func TestDynamooseTableCreation(t *testing.T) {
	pt11 := `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}`
	runDynamooseTableCases(t, []dynamooseTableCase{
		// Dynamodel sends TableClass STANDARD, DynamoDB's default, which Dynamoose leaves out.
		{name: "Should call createTable with correct parameters when tableClass is standard", mode: CreateOnly,
			opts: []schema.Option{schema.TableClass(types.TableClassStandard)},
			want: []string{"CreateTable " + catCreate + pt11 + "}"}},
		// Table.js "Should call createTable with correct parameters when tags are specified",
		// through a sync (the request itself is ported through Export beside Schema.js's
		// cases): the tags are not part of CreateTable but of the TagResource after it, so
		// that a server without tagging still creates the table.
		{name: "a sync tags a new table after CreateTable", mode: CreateOnly,
			opts: []schema.Option{schema.Tags(map[string]string{"hello": "world"})},
			want: []string{"CreateTable " + catCreate + pt11 + "}",
				`TagResource {"ResourceArn": "arn", "Tags": [{"Key": "hello", "Value": "world"}]}`}},
		{name: "Shouldn't call createTable if table already exists", mode: CreateOnly, live: catTable()},
		// Model.js, "Initialization": DescribeTable fails (the table does not exist) until
		// CreateTable has run; the sync creates it and waits for it without failing.
		{name: "Model.js/Should not fail with initialization if table doesn't exist", mode: CreateOnly,
			want: []string{"CreateTable " + catCreate + pt11 + "}"}},
		// An expires option on a new table: its time to live is enabled after CreateTable
		// (Table.js, "Time To Live", on a table that create: true makes).
		{name: "Time To Live/a new table with expires gets its time to live", mode: CreateOnly,
			opts: []schema.Option{schema.Expires(time.Second)},
			want: []string{"CreateTable " + catCreate + pt11 + "}",
				`UpdateTimeToLive {"TableName": "Cat", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "ttl"}}`}},
	})
}

// Table.js, "Creation": "Should not call createTable if initialize is set to false" and
// "Should not call createTable if create option set to false": Dynamodel's Off mode (the
// zero value) sends nothing, not even DescribeTable.
func TestDynamooseTableOff(t *testing.T) {
	ddb := &dynamooseDDB{}
	res, err := Sync(context.Background(), ddb, Off, FromSchema("Cat", catSchema(t)))
	if err != nil || len(ddb.log) != 0 || len(res.Applied) != 0 {
		t.Errorf("Sync(Off) = %+v, %v with calls %v; want no call", res, err, ddb.log)
	}
}

// Table.js, "Creation" > "Should call createTable with correct parameters when streamOptions
// is enabled": Dynamoose sends {"StreamEnabled": true} without a view type, which DynamoDB
// refuses (a stream needs one). Deliberate: schema.Stream("") is refused at construction.
func TestDynamooseStreamWithoutType(t *testing.T) {
	_, err := schema.New(schema.Attr("id", schema.Type(attr.S)), schema.Stream(""))
	if !errors.Is(err, schema.ErrInvalid) || !strings.Contains(err.Error(), "view type") {
		t.Errorf("schema.New(Stream(\"\")) = %v; want ErrInvalid about the view type", err)
	}
}

// Table.js, "Initialization" > "Update" > "Tags": the tag requests of an update: true sync
// (the other tag and update cases are ported in dynamoose_update_test.go, from the plan).
func TestDynamooseTableTags(t *testing.T) {
	runDynamooseTableCases(t, []dynamooseTableCase{
		// A schema without Tags does not manage them: not even ListTagsOfResource is sent.
		{name: "Tags/Should not call listTagsOfResource if \"tags\" not included", mode: Update, live: catTable(),
			tags: [][]types.Tag{tags("hello", "world")}, listTags: []string{}},
		// Dynamodel's Tags(map[string]string{}) is Dynamoose's table without tags.
		{name: "Tags/Should remove multiple existing tags if pagination for listTagsOfResource exists if no tags passed into table object", mode: Update, live: catTable(),
			opts: []schema.Option{schema.Tags(map[string]string{})}, tags: [][]types.Tag{tags("hello", "world"), tags("foo", "bar")},
			listTags: []string{`{"ResourceArn": "arn"}`, `{"ResourceArn": "arn", "NextToken": "1"}`},
			want:     []string{`UntagResource {"ResourceArn": "arn", "TagKeys": ["hello", "foo"]}`}},
	})
}

// Table.js, "Update" > "Indexes" > "Should call updateTable to add multiple indexes
// correctly": one UpdateTable per index, the second only once the first index is ACTIVE.
func TestDynamooseTableAddsIndexesOneAtATime(t *testing.T) {
	ddb := &dynamooseDDB{desc: catTable()}
	spec := FromSchema("Cat", catSchema(t,
		schema.Attr("name", schema.Type(attr.S), schema.Index()), schema.Attr("status", schema.Type(attr.S), schema.Index())))
	if _, err := Sync(context.Background(), ddb, Update, spec); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	var created []string
	for _, s := range ddb.sent {
		in, ok := s.in.(*dynamodb.UpdateTableInput)
		if !ok || len(in.GlobalSecondaryIndexUpdates) != 1 || in.GlobalSecondaryIndexUpdates[0].Create == nil {
			t.Fatalf("sent %s %s; want UpdateTable requests that create one index each", s.op, canonicalJSON(t, s.op, s.in))
		}
		created = append(created, aws.ToString(in.GlobalSecondaryIndexUpdates[0].Create.IndexName))
	}
	if want := []string{"nameGlobalIndex", "statusGlobalIndex"}; !slices.Equal(created, want) {
		t.Fatalf("indexes created %v; want %v", created, want)
	}
	// The calls between the two UpdateTable requests: a wait that saw the first index
	// CREATING, and went on until it was ACTIVE.
	first := slices.Index(ddb.log, "UpdateTable")
	second := first + 1 + slices.Index(ddb.log[first+1:], "UpdateTable")
	between := strings.Join(ddb.log[first+1:second], "; ")
	if !strings.Contains(between, "nameGlobalIndex=CREATING") || !strings.HasSuffix(between, "nameGlobalIndex=ACTIVE") {
		t.Errorf("calls between the two index creations: %s; want a wait from CREATING to ACTIVE", between)
	}
}

// Table.js, "Update" > "Tags" > "Should throw error upon AWS error" and "Logs" > "Should only
// log message if using DynamoDB Local": an error listing the tags fails the sync with it; a
// server without tagging (DynamoDB Local's UnknownOperationException) is noted in the plan
// and the sync goes on.
func TestDynamooseTagsError(t *testing.T) {
	awsErr := errors.New("Custom error")
	local := &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "Tagging is not currently supported in DynamoDB Local."}
	spec := FromSchema("Cat", catSchema(t, schema.Tags(map[string]string{"hello": "universe"})))

	ddb := &dynamooseDDB{desc: catTable(), tagsErr: awsErr}
	if _, err := Sync(context.Background(), ddb, Update, spec); !errors.Is(err, awsErr) {
		t.Errorf("Sync with ListTagsOfResource failing = %v; want its error", err)
	}

	ddb = &dynamooseDDB{desc: catTable(), tagsErr: local}
	res, err := Sync(context.Background(), ddb, Update, spec)
	if err != nil || len(ddb.sent) != 0 {
		t.Fatalf("Sync on DynamoDB Local = %v with %d changes sent; want no error, no change", err, len(ddb.sent))
	}
	if notes := strings.Join(res.Changes.Notes, "\n"); !strings.Contains(notes, "tags not compared") || !strings.Contains(notes, "UnknownOperationException") {
		t.Errorf("plan notes %q; want one saying the tags were not compared, and why", notes)
	}
}
