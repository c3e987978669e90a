package tablesync

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// createTableWire returns the CreateTable request ExportJSON writes for a schema, in the form
// compareCreateTable compares.
func createTableWire(t *testing.T, name string, opts ...schema.Option) map[string]any {
	t.Helper()
	s, err := schema.New(opts...)
	if err != nil {
		t.Fatalf("schema.New: %v", err)
	}
	b, err := ExportJSON(FromSchema(name, s))
	if err != nil {
		t.Fatalf("ExportJSON: %v", err)
	}
	var out []map[string]map[string]any
	if err := json.Unmarshal(b, &out); err != nil || len(out) != 1 {
		t.Fatalf("ExportJSON = %s, %v; want one table", b, err)
	}
	return normalCreateTable(out[0]["CreateTable"])
}

// normalCreateTable puts a CreateTable request in a form where requests that mean the same
// compare equal: attribute definitions and indexes sorted by name (their order means
// nothing), BillingMode PROVISIONED dropped (DynamoDB's default, which Dynamoose leaves out),
// tags sorted by key.
func normalCreateTable(m map[string]any) map[string]any {
	if m["BillingMode"] == "PROVISIONED" {
		delete(m, "BillingMode")
	}
	byKey := func(field, key string) {
		l, _ := m[field].([]any)
		sort.Slice(l, func(i, j int) bool {
			return l[i].(map[string]any)[key].(string) < l[j].(map[string]any)[key].(string)
		})
	}
	byKey("AttributeDefinitions", "AttributeName")
	byKey("GlobalSecondaryIndexes", "IndexName")
	byKey("LocalSecondaryIndexes", "IndexName")
	byKey("Tags", "Key")
	return m
}

// compareCreateTable fails the test when the CreateTable request Dynamodel exports for a
// schema does not mean Dynamoose's, given as its test writes it. fields limits the comparison
// to the fields Dynamoose's test returns (nil: all).
func compareCreateTable(t *testing.T, got map[string]any, want string, fields ...string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("the Dynamoose request %s: %v", want, err)
	}
	w = normalCreateTable(w)
	if fields != nil {
		kept := map[string]any{}
		for _, f := range fields {
			if v, ok := got[f]; ok {
				kept[f] = v
			}
		}
		got = kept
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("CreateTable mismatch (-Dynamoose +Dynamodel):\n%s", diff)
	}
}

// Schema.js, describe "getCreateTableAttributeParams": the key schema, attribute definitions
// and indexes of the CreateTable request for a schema, on an on-demand table as in
// Dynamoose's test; Dynamoose's index with "throughput": 5 keeps
// {5, 5} there, which DynamoDB refuses for an on-demand table ("ProvisionedThroughput should
// not be specified for index ... when BillingMode is PAY_PER_REQUEST"): Dynamodel leaves it
// out, and the port gives the index's throughput to a provisioned table instead.
func TestDynamooseCreateTableAttributeParams(t *testing.T) {
	s := func(name string, settings ...schema.Setting) schema.Option {
		return schema.Attr(name, append([]schema.Setting{schema.Type(attr.S)}, settings...)...)
	}
	n := func(name string, settings ...schema.Setting) schema.Option {
		return schema.Attr(name, append([]schema.Setting{schema.Type(attr.N)}, settings...)...)
	}
	keysAndIndexes := []string{"AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"}
	tests := []struct {
		name string
		opts []schema.Option
		want string
	}{
		{"Should return correct result with one attribute", []schema.Option{s("id")},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`},
		{"Should return correct result with custom hash key", []schema.Option{s("id"), n("age", schema.HashKey())},
			`{"AttributeDefinitions": [{"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}]}`},
		{"Should return correct result with custom range key", []schema.Option{s("id"), n("age", schema.RangeKey())},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "age", "KeyType": "RANGE"}]}`},
		{"Should return correct result with custom range key and hash key", []schema.Option{s("id", schema.RangeKey()), n("age", schema.HashKey())},
			`{"AttributeDefinitions": [{"AttributeName": "age", "AttributeType": "N"}, {"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}]}`},
		{"Should return correct result with index as true", []schema.Option{s("id"), n("age", schema.Index())},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageGlobalIndex", "Projection": {"ProjectionType": "ALL"}, "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}]}]}`},
		{"Should return correct result with index as true and multiple indexes", []schema.Option{s("id"), n("age", schema.Index()), s("name", schema.Index())},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}, {"AttributeName": "name", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageGlobalIndex", "Projection": {"ProjectionType": "ALL"}, "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}]}, {"IndexName": "nameGlobalIndex", "Projection": {"ProjectionType": "ALL"}, "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"}]}]}`},
		{"Should return correct result with global index as object with just name", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex")))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "Projection": {"ProjectionType": "ALL"}, "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}]}]}`},
		{"Should return correct result with global index as object (provisioned table)", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex"), schema.IndexRangeKey("id"), schema.IndexThroughput(5, 5)))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}], "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, "Projection": {"ProjectionType": "ALL"}}]}`},
		{"Should return correct result with global index as object (on demand table: no index throughput)", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex"), schema.IndexRangeKey("id"), schema.IndexThroughput(5, 5)))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}]}`},
		{"Should return correct result with global index as object with rangeKey as different property (provisioned table)", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex"), schema.IndexRangeKey("type"), schema.IndexThroughput(5, 5))), s("type")},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}, {"AttributeName": "type", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}, {"AttributeName": "type", "KeyType": "RANGE"}], "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, "Projection": {"ProjectionType": "ALL"}}]}`},
		{"Should return correct result with index and project as null", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex")))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}`},
		{"Should return correct result with index and project as false", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex"), schema.KeysOnly()))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}]}`},
		{"Should return correct result with index and project as array", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("ageIndex"), schema.Project("name"))), s("name"), s("address")},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}], "Projection": {"NonKeyAttributes": ["name"], "ProjectionType": "INCLUDE"}}]}`},
		{"Should return correct result with index and no name as index with type undefined", []schema.Option{s("id"), n("age", schema.Index(schema.IndexName("")))},
			`{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "age", "AttributeType": "N"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [{"IndexName": "ageGlobalIndex", "KeySchema": [{"AttributeName": "age", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if !strings.HasSuffix(tt.name, "(provisioned table)") {
				opts = append([]schema.Option{schema.OnDemand()}, opts...)
			}
			compareCreateTable(t, createTableWire(t, "Cat", opts...), tt.want, keysAndIndexes...)
		})
	}
}

// Schema.js, getCreateTableAttributeParams, "Should return correct result with index and no
// name as local index": Dynamoose builds a local index on a table without a range key, which
// DynamoDB refuses (a local index needs the table's composite key); Dynamodel refuses the
// schema when it is built.
func TestDynamooseLocalIndexNeedsRangeKey(t *testing.T) {
	_, err := schema.New(schema.OnDemand(), schema.Attr("id", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N), schema.Index(schema.Local())))
	if !errors.Is(err, schema.ErrInvalid) || !strings.Contains(err.Error(), "ageLocalIndex") {
		t.Fatalf("schema.New(LSI without a table range key) = %v; want schema.ErrInvalid naming ageLocalIndex", err)
	}
}

// Table.js, describe "Creation", the "Should call createTable with correct parameters"
// cases: the whole CreateTable request for a table's options. Dynamoose's default throughput
// is 1 read and 1 write unit, as Dynamodel's.
func TestDynamooseCreateTable(t *testing.T) {
	id := schema.Attr("id", schema.Type(attr.S))
	base := `"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "TableName": "Cat"`
	tests := []struct {
		name string
		opts []schema.Option
		want string
	}{
		{"Should call createTable with correct parameters", nil,
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`},
		{"Should call createTable with correct parameters with capacity as number", []schema.Option{schema.Throughput(1, 1)},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`},
		{"Should call createTable with correct parameters with capacity as object", []schema.Option{schema.Throughput(2, 3)},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 3}}`},
		{"Should call createTable with correct parameters with capacity as ON_DEMAND", []schema.Option{schema.OnDemand()},
			`{` + base + `, "BillingMode": "PAY_PER_REQUEST"}`},
		{"Should call createTable with correct parameters when tags are specified", []schema.Option{schema.Tags(map[string]string{"hello": "world"})},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "Tags": [{"Key": "hello", "Value": "world"}]}`},
		{"Should call createTable with correct parameters when multiple tags are specified", []schema.Option{schema.Tags(map[string]string{"hello": "world", "foo": "bar"})},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "Tags": [{"Key": "hello", "Value": "world"}, {"Key": "foo", "Value": "bar"}]}`},
		{"Should call createTable with correct parameters when tableClass is undefined", nil,
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`},
		{"Should call createTable with correct parameters when tableClass is infrequent access", []schema.Option{schema.TableClass(types.TableClassStandardInfrequentAccess)},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "TableClass": "STANDARD_INFREQUENT_ACCESS"}`},
		{"Should call createTable with correct parameters when streamOptions is enabled with type", []schema.Option{schema.Stream(types.StreamViewTypeNewAndOldImages)},
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}`},
		{"Should call createTable with correct parameters when streamOptions is false", nil,
			`{` + base + `, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compareCreateTable(t, createTableWire(t, "Cat", append([]schema.Option{id}, tt.opts...)...), tt.want)
		})
	}
}

// Table.js: several models in one table. Their definitions are merged into one CreateTable
// request ("Should be created with all the indexes from all the models if multiple models
// passed in", "Should return all indexes from all models"), an index both declare appearing
// once ("Should return only 1 index if duplicates exist across models").
func TestDynamooseCreateTableOfSeveralModels(t *testing.T) {
	spec := func(opts ...schema.Option) Spec {
		t.Helper()
		s, err := schema.New(opts...)
		if err != nil {
			t.Fatalf("schema.New: %v", err)
		}
		return FromSchema("Pets", s)
	}
	str := func(name string, settings ...schema.Setting) schema.Option {
		return schema.Attr(name, append([]schema.Setting{schema.Type(attr.S)}, settings...)...)
	}
	gsi := func(name, hash string) string {
		return `{"IndexName": "` + name + `", "KeySchema": [{"AttributeName": "` + hash + `", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`
	}
	tests := []struct {
		name  string
		specs []Spec
		want  string
	}{
		{"Should be created with all the indexes from all the models if multiple models passed in",
			[]Spec{spec(str("pk", schema.HashKey()), str("pk1", schema.Index(schema.IndexName("gsi1")))), spec(str("pk", schema.HashKey()), str("pk2", schema.Index(schema.IndexName("gsi2"))))},
			`{"TableName": "Pets", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "pk1", "AttributeType": "S"}, {"AttributeName": "pk2", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [` + gsi("gsi1", "pk1") + `, ` + gsi("gsi2", "pk2") + `]}`},
		{"Should return only 1 index if duplicates exist across models",
			[]Spec{spec(str("id"), str("data", schema.Index())), spec(str("id"), str("data", schema.Index()))},
			`{"TableName": "Pets", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "data", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [` + gsi("dataGlobalIndex", "data") + `]}`},
		{"Should return all indexes from all models",
			[]Spec{spec(str("id"), str("data", schema.Index())), spec(str("id"), str("data2", schema.Index()))},
			`{"TableName": "Pets", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "data", "AttributeType": "S"}, {"AttributeName": "data2", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [` + gsi("dataGlobalIndex", "data") + `, ` + gsi("data2GlobalIndex", "data2") + `]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ExportJSON(tt.specs...)
			if err != nil {
				t.Fatalf("ExportJSON: %v", err)
			}
			var out []map[string]map[string]any
			if err := json.Unmarshal(b, &out); err != nil || len(out) != 1 {
				t.Fatalf("ExportJSON = %s, %v; want one table", b, err)
			}
			compareCreateTable(t, normalCreateTable(out[0]["CreateTable"]), tt.want)
		})
	}
}
