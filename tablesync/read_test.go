package tablesync

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// sameDefinition compares tables as definitions: indexes in any order (an export writes the
// global ones first), projections and throughput through index.Index's Equal method.
var sameDefinition = cmpopts.SortSlices(func(a, b index.Index) bool { return a.Name < b.Name })

func TestReadJSONRoundTrip(t *testing.T) {
	ordersInherits := ordersSpec()
	ordersInherits.Index.Indexes[0].Throughput = &index.Throughput{Read: 5, Write: 5} // the table's
	merged, err := mergeTables(exportTables())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		tables []Spec
		want   []Spec // nil: the tables themselves
	}{
		{"every setting", []Spec{ordersSpec()}, nil},
		{"merged definitions and an on-demand table with a binary key", exportTables(), merged},
		{"index throughput equal to the table's is inherited", []Spec{ordersInherits}, []Spec{ordersSpec()}},
		{"on demand with a global index", []Spec{{
			Name: "events",
			Index: index.Layout{Keys: index.KeySchema{Hash: key("day", attr.N), Range: key("at", attr.B)}, Indexes: []index.Index{
				{Name: "byKind", Global: true, Keys: index.KeySchema{Hash: key("kind", attr.S)}, Projection: index.Projection{Type: index.ProjectKeysOnly}},
			}},
			Billing: index.OnDemand(),
			Stream:  Stream{Enabled: true, View: types.StreamViewTypeKeysOnly},
			Class:   types.TableClassStandardInfrequentAccess,
		}}, nil},
		{"no tags, no ttl, no stream", []Spec{{
			Name: "plain", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}}, Billing: index.Provisioned(1, 2),
		}}, nil},
		{"an empty tag set reads back unmanaged", []Spec{{
			Name: "plain", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}}, Billing: index.OnDemand(), Tags: map[string]string{},
		}}, []Spec{{
			Name: "plain", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}}, Billing: index.OnDemand(),
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, err := ExportJSON(tt.tables...)
			if err != nil {
				t.Fatalf("ExportJSON() = %v", err)
			}
			got, err := ReadJSON(strings.NewReader(string(js)))
			if err != nil {
				t.Fatalf("ReadJSON(%s) = %v", js, err)
			}
			want := tt.want
			if want == nil {
				want = tt.tables
			}
			if diff := cmp.Diff(want, got, sameDefinition); diff != "" {
				t.Errorf("ReadJSON(ExportJSON()) mismatch (-want +got):\n%s", diff)
			}
			// What was read exports and reads again to the same tables (the JSON may order
			// attribute definitions differently: global indexes now come first).
			again, err := ExportJSON(got...)
			if err != nil {
				t.Fatalf("ExportJSON(ReadJSON()) = %v", err)
			}
			back, err := ReadJSON(strings.NewReader(string(again)))
			if diff := cmp.Diff(got, back); err != nil || diff != "" {
				t.Errorf("ReadJSON(ExportJSON(ReadJSON())) = %v; mismatch (-want +got):\n%s", err, diff)
			}
		})
	}
}

// TestReadJSONByHand reads definitions in the shorter forms a person may write: no
// BillingMode (provisioned, as CreateTable reads it), a global index without throughput on a
// provisioned table, no ProjectionType, an empty tag list.
func TestReadJSONByHand(t *testing.T) {
	in := `[
  {"CreateTable": {
    "TableName": "users",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "email", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 2},
    "GlobalSecondaryIndexes": [{"IndexName": "byEmail", "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}], "Projection": {}}],
    "Tags": []
  }, "UpdateTimeToLive": {"TableName": "users", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": true}}},
  {"CreateTable": {"TableName": "logs", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}}
]`
	got, err := ReadJSON(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ReadJSON() = %v", err)
	}
	want := []Spec{
		{
			Name: "users",
			Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}, Indexes: []index.Index{
				{Name: "byEmail", Global: true, Keys: index.KeySchema{Hash: key("email", attr.S)}},
			}},
			Billing: index.Provisioned(3, 2),
			TTL:     "ttl",
			Tags:    map[string]string{},
		},
		{Name: "logs", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.N)}}, Billing: index.OnDemand()},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadJSON() mismatch (-want +got):\n%s", diff)
	}
	if got[0].Tags == nil {
		t.Errorf(`ReadJSON() of "Tags": [] = nil tags; want an empty, managed set`)
	}

	if got, err := ReadJSON(strings.NewReader(" [ ] ")); err != nil || len(got) != 0 {
		t.Errorf("ReadJSON([]) = %v, %v; want no tables", got, err)
	}
}

func TestReadJSONErrors(t *testing.T) {
	// table wraps the members of one CreateTable in a definition list.
	table := func(members string) string {
		return `[{"CreateTable": {"TableName": "things", ` + members + `}}]`
	}
	const keyed = `"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]`
	tests := []struct {
		name string
		in   string
		want []string // each in the error message
	}{
		{"empty", "", []string{"unexpected end of input", "want a JSON array"}},
		{"an object", `{"CreateTable": {}}`, []string{"found an object", "want a JSON array"}},
		{"syntax error with its line", "[\n  {\"CreateTable\": {\"TableName\": \"a\",}}\n]", []string{"line 2, column 37", "invalid character '}'"}},
		{"truncated", `[{"CreateTable": {"TableName": "a"}}`, []string{"unexpected end of input"}},
		{"data after the array", `[] []`, []string{"line 1, column 4", "after top-level value"}},
		{"null entry", `[null]`, []string{"#1", "no CreateTable member"}},
		{"wrong JSON type, with its line", "[\n{\"CreateTable\": {\"TableName\": \"things\", " + keyed + `, "ProvisionedThroughput": {"ReadCapacityUnits": "5", "WriteCapacityUnits": 1}}}]`,
			[]string{`#1 "things"`, "line 2, column 222", "CreateTable.ProvisionedThroughput.ReadCapacityUnits is a JSON string; want a number"}},
		{"unknown member", table(keyed + `, "BillingMode": "PAY_PER_REQUEST", "SSESpecification": {"Enabled": true}`),
			[]string{`#1 "things"`, `unknown field "SSESpecification"`, "a definition holds CreateTable's TableName"}},
		{"unknown member beside CreateTable", `[{"CreateTable": {}, "Extra": 1}]`, []string{`unknown field "Extra"`}},
		{"no table name", `[{"CreateTable": {"BillingMode": "PAY_PER_REQUEST"}}]`, []string{"#1:", "CreateTable has no TableName", "KeySchema has 0 key elements"}},
		{"keys", table(`"BillingMode": "PAY_PER_REQUEST",
			"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "id", "AttributeType": "N"}, {"AttributeName": "spare", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "BOOL"}],
			"KeySchema": [{"AttributeName": "id", "KeyType": "RANGE"}, {"AttributeName": "sk", "KeyType": "RANGE"}]`),
			[]string{
				`attribute "id" is defined twice`,
				`attribute "x" has AttributeType "BOOL"; want S, N or B`,
				`KeySchema element #1 has KeyType "RANGE"; want HASH`,
				`KeySchema names attribute "sk", which AttributeDefinitions does not define`,
				`attribute "spare" is defined in AttributeDefinitions but is no key`,
			}},
		{"billing", table(keyed + `, "BillingMode": "FREE"`), []string{`BillingMode "FREE"; want PROVISIONED or PAY_PER_REQUEST`}},
		{"provisioned without throughput", table(keyed), []string{"BillingMode PROVISIONED needs ProvisionedThroughput"}},
		{"on demand with throughput", table(keyed + `, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}`),
			[]string{"PAY_PER_REQUEST with ProvisionedThroughput"}},
		{"indexes", table(`"BillingMode": "PAY_PER_REQUEST",
			"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "a", "AttributeType": "S"}],
			"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
			"GlobalSecondaryIndexes": [{"IndexName": "byA", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}], "Projection": {"ProjectionType": "SOME"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
			"LocalSecondaryIndexes": [{"IndexName": "byB", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["c"]}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}]`),
			[]string{
				`global index "byA": ProjectionType "SOME"; want ALL, KEYS_ONLY or INCLUDE`,
				`global index "byA" has ProvisionedThroughput on an on-demand table`,
				`local index "byB" has ProvisionedThroughput`,
				`local index "byB" KeySchema names attribute "b", which AttributeDefinitions does not define`,
				`local index "byB": NonKeyAttributes need ProjectionType INCLUDE`,
			}},
		{"stream without a view", table(keyed + `, "BillingMode": "PAY_PER_REQUEST", "StreamSpecification": {"StreamEnabled": true}`),
			[]string{"enables the stream without a StreamViewType"}},
		{"duplicate tag", table(keyed + `, "BillingMode": "PAY_PER_REQUEST", "Tags": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]`),
			[]string{`tag "a" is given twice`}},
		{"ttl of another table", `[{"CreateTable": {"TableName": "things", ` + keyed + `, "BillingMode": "PAY_PER_REQUEST"}, "UpdateTimeToLive": {"TableName": "other", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": true}}}]`,
			[]string{`UpdateTimeToLive.TableName is "other"; want the table's name "things"`}},
		{"ttl disabled", `[{"CreateTable": {"TableName": "things", ` + keyed + `, "BillingMode": "PAY_PER_REQUEST"}, "UpdateTimeToLive": {"TableName": "things", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": false}}}]`,
			[]string{"Enabled is false; leave UpdateTimeToLive out"}},
		{"ttl without attribute", `[{"CreateTable": {"TableName": "things", ` + keyed + `, "BillingMode": "PAY_PER_REQUEST"}, "UpdateTimeToLive": {"TableName": "things"}}]`,
			[]string{"UpdateTimeToLive has no TimeToLiveSpecification.AttributeName"}},
		{"what Table.Check finds", table(keyed + `, "BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}, "TableClass": "CHEAP", "Tags": [{"Key": "aws:x", "Value": "1"}]`),
			[]string{`table class "CHEAP"`, "the prefix aws: is reserved", "read"}},
		{"every bad table is reported", `[` +
			`{"CreateTable": {"TableName": "a1", "BillingMode": "PAY_PER_REQUEST"}},` +
			`{"CreateTable": {"TableName": "ok1", "BillingMode": "PAY_PER_REQUEST", ` + keyed + `}},` +
			`{"CreateTable": {"TableName": "a3", "BillingMode": "NONE", ` + keyed + `}}]`,
			[]string{`#1 "a1": index: check: KeySchema has 0 key elements`, `#3 "a3": index: check: BillingMode "NONE"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ReadJSON(%s) = %v, nil; want an error", tt.in, got)
			}
			if got != nil {
				t.Errorf("ReadJSON(%s) = %v with an error; want no tables", tt.in, got)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "tablesync: read definitions: ") {
				t.Errorf("ReadJSON(%s) = %q; want it to start with %q", tt.in, msg, "tablesync: read definitions: ")
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("ReadJSON(%s) = %q; want it to contain %q", tt.in, msg, w)
				}
			}
		})
	}
}

func TestReadJSONProblemsWrapErrInvalid(t *testing.T) {
	_, err := ReadJSON(strings.NewReader(`[{"CreateTable": {"TableName": "x"}}]`))
	var ie *index.Error
	if !errors.Is(err, index.ErrInvalid) || !errors.As(err, &ie) {
		t.Errorf("ReadJSON(no keys) = %v; want an *index.Error wrapping index.ErrInvalid", err)
	}
}

func TestFromDescription(t *testing.T) {
	withoutTags := func(t Spec) Spec { t.Tags = nil; return t }
	tests := []struct {
		name string
		live func(*liveTable)
		want Spec
	}{
		{"every setting", func(*liveTable) {}, withoutTags(ordersSpec())},
		{"no time to live known", func(l *liveTable) { l.ttl = nil }, func() Spec {
			t := withoutTags(ordersSpec())
			t.TTL = ""
			return t
		}()},
		{"time to live being disabled", func(l *liveTable) { l.ttl.TimeToLiveStatus = types.TimeToLiveStatusDisabling }, func() Spec {
			t := withoutTags(ordersSpec())
			t.TTL = ""
			return t
		}()},
		{"an index being deleted, a table class", func(l *liveTable) {
			l.desc.GlobalSecondaryIndexes[1].IndexStatus = types.IndexStatusDeleting
			l.desc.TableClassSummary = &types.TableClassSummary{TableClass: types.TableClassStandard}
		}, func() Spec {
			t := withoutTags(ordersSpec())
			t.Index.Indexes = t.Index.Indexes[1:]
			t.Class = types.TableClassStandard
			return t
		}()},
		{"on demand", func(l *liveTable) {
			l.desc.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest}
			l.desc.ProvisionedThroughput = tp(0, 0)
			for i := range l.desc.GlobalSecondaryIndexes {
				l.desc.GlobalSecondaryIndexes[i].ProvisionedThroughput = tp(0, 0)
			}
			l.desc.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(false)}
		}, func() Spec {
			t := withoutTags(ordersSpec())
			t.Billing = index.OnDemand()
			t.Index.Indexes[1].Throughput = nil
			t.Stream = Stream{}
			return t
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := liveOrders()
			tt.live(&l)
			got := FromDescription(&l.desc, l.ttl)
			if diff := cmp.Diff(tt.want, got, sameDefinition); diff != "" {
				t.Errorf("FromDescription() mismatch (-want +got):\n%s", diff)
			}
			// The definition of a described table plans no change to it.
			got.Tags = l.tags
			if steps, _ := compare(got, l.state()); len(steps) != 0 {
				t.Errorf("compare(FromDescription(d), d) = %v; want no steps", steps)
			}
		})
	}
}
