package model

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Scan.js's test model: {"id": Number, "name": String, "favoriteNumber": Number}.
func dynamooseScanCat(t *testing.T, more ...schema.Option) *Model[map[string]any] {
	t.Helper()
	return dynamooseModel(t, "Cat", append([]schema.Option{nAttr("id"), sAttr("name"), nAttr("favoriteNumber")}, more...)...)
}

// Scan.js, describe "scan.exec" (the "Should send correct request" cases) and the describes
// of limit, attributes, count, consistent and using: the Scan request Dynamoose sends,
// compared by meaning with the one Scan().Requests() returns. Dynamoose's scan(cond),
// where() and filter() are Dynamodel's Scan().Filter(cond).
func TestDynamooseScanRequest(t *testing.T) {
	user := func(t *testing.T) *Model[map[string]any] {
		return dynamooseModel(t, "User", sAttr("pk", schema.Alias("email")))
	}
	userRange := func(t *testing.T) *Model[map[string]any] {
		return dynamooseModel(t, "User", sAttr("pk", schema.Alias("email")), sAttr("sk", schema.Alias("name"), schema.RangeKey()))
	}
	cat := func(t *testing.T) *Model[map[string]any] { return dynamooseScanCat(t) }
	tests := []struct {
		name  string
		model func(t *testing.T) *Model[map[string]any]
		scan  func(m *Model[map[string]any]) Scan[map[string]any]
		want  string
	}{
		{"scan.exec/Should send correct request on scan.exec", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan() },
			`{"TableName": "Cat"}`},
		{"scan.exec/Should send correct request on scan.exec using string if scanning main key with aliased name", user,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("email").Eq("john@john.com"))
			},
			`{"TableName": "User", "ExpressionAttributeNames": {"#a0": "pk"}, "ExpressionAttributeValues": {":v0": {"S": "john@john.com"}}, "FilterExpression": "#a0 = :v0"}`},
		{"scan.exec/Should send correct request on scan.exec using string if scanning main key with range key using aliased names", userRange,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("email").Eq("john@john.com").And(Where("name").Eq("John")))
			},
			`{"TableName": "User", "ExpressionAttributeNames": {"#a0": "pk", "#a1": "sk"}, "ExpressionAttributeValues": {":v0": {"S": "john@john.com"}, ":v1": {"S": "John"}}, "FilterExpression": "#a0 = :v0 AND #a1 = :v1"}`},
		{"scan.exec/Should send correct request on scan.exec for one object passed in", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie"))
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "FilterExpression": "#a0 = :v0"}`},
		{"scan.exec/Should send correct request on scan.exec for one object passed in (two conditions)", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("id").Le(5).And(Where("name").Eq("Charlie")))
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"N": "5"}, ":v1": {"S": "Charlie"}}, "FilterExpression": "#a0 <= :v0 AND #a1 = :v1"}`},
		// Dynamoose's case compares the Number id with "test"; Dynamodel refuses a string
		// for a number, so the port compares with 5.
		{"scan.exec/Should send correct request on scan.exec with filters", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan().Filter(Where("id").Eq(5)) },
			`{"ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}, "FilterExpression": "#a0 = :v0", "TableName": "Cat"}`},
		{"scan.exec/Should send correct request on scan.exec with filters and multiple values", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan().Filter(Where("id").Between(1, 3)) },
			`{"ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0_1": {"N": "1"}, ":v0_2": {"N": "3"}}, "FilterExpression": "#a0 BETWEEN :v0_1 AND :v0_2", "TableName": "Cat"}`},
		{"scan.exec/Should send correct request on scan.exec when using nested groups with OR", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(And(Where("name").Eq("Charlie"), Where("favoriteNumber").Le(18), Or(Where("id").Eq(1), Where("id").Eq(2))))
			},
			`{"ExpressionAttributeNames": {"#a0": "name", "#a1": "favoriteNumber", "#a2": "id", "#a3": "id"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "18"}, ":v2": {"N": "1"}, ":v3": {"N": "2"}}, "FilterExpression": "#a0 = :v0 AND #a1 <= :v1 AND (#a2 = :v2 OR #a3 = :v3)", "TableName": "Cat"}`},
		{"scan.exec/Should send correct request on scan.exec when using nested groups with AND", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(And(Where("name").Eq("Charlie"), Where("favoriteNumber").Le(18), And(Where("id").Eq(1), Where("id").Eq(2))))
			},
			`{"ExpressionAttributeNames": {"#a0": "name", "#a1": "favoriteNumber", "#a2": "id", "#a3": "id"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "18"}, ":v2": {"N": "1"}, ":v3": {"N": "2"}}, "FilterExpression": "#a0 = :v0 AND #a1 <= :v1 AND (#a2 = :v2 AND #a3 = :v3)", "TableName": "Cat"}`},
		{"scan.exec/Should send correct request on scan.exec if we have a set setting for property",
			func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "Cat", nAttr("id"), sAttr("name", schema.Setter(func(v string, _ *string) (string, error) { return v + " Test", nil })), nAttr("favoriteNumber"))
			},
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie"))
			},
			`{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie Test"}}, "FilterExpression": "#a0 = :v0", "TableName": "Cat"}`},
		{"scan.limit/Should send correct request on scan.exec", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan().Limit(5) },
			`{"TableName": "Cat", "Limit": 5}`},
		{"scan.consistent/Should send correct request on scan.exec", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan().Consistent() },
			`{"TableName": "Cat", "ConsistentRead": true}`},
		{"scan.using/Should send correct request on scan.exec",
			func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "Cat", nAttr("id"), sAttr("name", schema.Index(schema.IndexName("customIndex"))))
			},
			func(m *Model[map[string]any]) Scan[map[string]any] { return m.Scan().Index("customIndex") },
			`{"TableName": "Cat", "IndexName": "customIndex"}`},
		// Dynamoose projects the attributes named; Dynamodel adds the table's key (id), which
		// these cases name already (docs/migration.md §8).
		{"scan.attributes/Should send correct request on scan.exec", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie")).Project("id")
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "name", "#a1": "id"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "FilterExpression": "#a0 = :v0", "ProjectionExpression": "#a1"}`},
		{"scan.attributes/Should send correct request on scan.exec with multiple attributes", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie")).Project("id", "name")
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "name", "#a1": "id"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "FilterExpression": "#a0 = :v0", "ProjectionExpression": "#a0, #a1"}`},
		{"scan.attributes/Should send correct request on scan.exec with multiple attributes no filters", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Project("id", "name", "favoriteNumber")
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a1": "id", "#a2": "name", "#a3": "favoriteNumber"}, "ProjectionExpression": "#a1, #a2, #a3"}`},
		{"scan.attributes/Should send correct request on scan.exec with multiple attributes and one filter", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie")).Project("id", "name", "favoriteNumber")
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "name", "#a1": "id", "#a2": "favoriteNumber"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "FilterExpression": "#a0 = :v0", "ProjectionExpression": "#a0, #a1, #a2"}`},
		{"scan.attributes/Should send correct request on scan.exec with multiple attributes and two filters", cat,
			func(m *Model[map[string]any]) Scan[map[string]any] {
				return m.Scan().Filter(Where("name").Eq("Charlie").And(Where("favoriteNumber").Eq(1))).Project("id", "name", "favoriteNumber")
			},
			`{"TableName": "Cat", "ExpressionAttributeNames": {"#a0": "name", "#a1": "favoriteNumber", "#a2": "id"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "1"}}, "FilterExpression": "#a0 = :v0 AND #a1 = :v1", "ProjectionExpression": "#a0, #a1, #a2"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := tt.scan(tt.model(t)).Requests()
			if err != nil {
				t.Fatalf("Requests() = %v", err)
			}
			if len(ins) != 1 {
				t.Fatalf("Requests() = %d requests; want 1", len(ins))
			}
			compareWire(t, ins[0], tt.want)
		})
	}
}

// Scan.js, describe "scan.parallel", "Should send correct request on scan.exec" and "Should
// return correct result on scan.exec": Segments(5) scans five segments, each request with
// TotalSegments 5 and its own Segment, and returns the items of all.
func TestDynamooseScanParallel(t *testing.T) {
	rec := answering()
	rec.scan = func(in *dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
		seg := strconv.Itoa(int(*in.Segment))
		return &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{
			{"id": &types.AttributeValueMemberN{Value: seg}, "name": &types.AttributeValueMemberS{Value: "Test"}},
		}, Count: 1, ScannedCount: 3}, nil
	}
	m := onDB(t, dynamooseScanCat(t), rec)
	ins, err := m.Scan().Segments(5).Requests()
	if err != nil || len(ins) != 5 {
		t.Fatalf("Segments(5).Requests() = %d requests, %v; want 5", len(ins), err)
	}
	for i, in := range ins {
		compareWire(t, in, `{"TableName": "Cat", "Segment": `+strconv.Itoa(i)+`, "TotalSegments": 5}`)
	}
	seen := map[string]bool{}
	for item, err := range m.Scan().Segments(5).All(context.Background()) {
		if err != nil {
			t.Fatalf("All() = %v", err)
		}
		seen[strconv.FormatFloat(toFloat(item["id"]), 'f', -1, 64)] = true
	}
	if want := map[string]bool{"0": true, "1": true, "2": true, "3": true, "4": true}; !gocmp.Equal(seen, want) {
		t.Errorf("Segments(5).All() read ids %v; want %v", seen, want)
	}
}

// Scan.js, describe "scan.count" and "scan.all": Count sends Select COUNT; All reads every
// page, each starting after the key the one before ended on.
func TestDynamooseScanCountAndAll(t *testing.T) {
	t.Run("scan.count/Should send correct request on scan.exec", func(t *testing.T) {
		rec := answering()
		rec.scan = func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
			return &dynamodb.ScanOutput{Count: 1, ScannedCount: 1}, nil
		}
		m := onDB(t, dynamooseScanCat(t), rec)
		n, err := m.Scan().Count(context.Background())
		if err != nil || n != 1 {
			t.Fatalf("Count() = %d, %v; want 1", n, err)
		}
		compareWire(t, rec.requests[0], `{"TableName": "Cat", "Select": "COUNT"}`)
	})
	t.Run("scan.all/Should send correct result on scan.exec", func(t *testing.T) {
		rec := answering()
		count := 0
		rec.scan = func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
			count++
			id := &types.AttributeValueMemberN{Value: strconv.Itoa(count)}
			out := &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{{"id": id}}, Count: 1, ScannedCount: 2}
			if count < 2 {
				out.LastEvaluatedKey = map[string]types.AttributeValue{"id": id}
			}
			return out, nil
		}
		m := onDB(t, dynamooseScanCat(t), rec)
		var got []map[string]any
		for item, err := range m.Scan().All(context.Background()) {
			if err != nil {
				t.Fatalf("All() = %v", err)
			}
			got = append(got, item)
		}
		if diff := gocmp.Diff([]map[string]any{{"id": 1}, {"id": 2}}, got, numbersAsFloats); diff != "" {
			t.Errorf("All() mismatch (-want +got):\n%s", diff)
		}
		if len(rec.requests) != 2 {
			t.Fatalf("All() sent %d requests; want 2", len(rec.requests))
		}
		compareWire(t, rec.requests[1], `{"TableName": "Cat", "ExclusiveStartKey": {"id": {"N": "1"}}}`)
	})
}

// Scan.js, describe "scan.exec", the "Should return correct result" cases.
func TestDynamooseScanResult(t *testing.T) {
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	tests := []struct {
		name  string
		opts  []schema.Option
		items []map[string]types.AttributeValue
		want  []map[string]any
	}{
		{"Should return correct result", []schema.Option{nAttr("id"), sAttr("name"), nAttr("favoriteNumber")},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie")}},
			[]map[string]any{{"id": 1, "name": "Charlie"}}},
		{"Should return undefined for expired object", []schema.Option{nAttr("id"), sAttr("name"), schema.Expires(time.Second, schema.HideExpired())},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie"), "ttl": n("1")}},
			nil},
		{"Should return expired object if returnExpired is not set", []schema.Option{nAttr("id"), sAttr("name"), schema.Expires(time.Second)},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie"), "ttl": n("1")}},
			[]map[string]any{{"id": 1, "name": "Charlie", "ttl": time.Unix(1, 0)}}},
		{"Should return correct result if unknown properties are in DynamoDB", []schema.Option{nAttr("id"), sAttr("name"), nAttr("favoriteNumber")},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie"), "age": n("1")}},
			[]map[string]any{{"id": 1, "name": "Charlie"}}},
		{"Should return correct result if using custom types", []schema.Option{nAttr("id"), sAttr("name"), schema.Attr("birthday", schema.Date(attr.TimeMillis))},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie"), "birthday": n("1")}},
			[]map[string]any{{"id": 1, "name": "Charlie", "birthday": time.UnixMilli(1)}}},
		{"Should return correct result for saveUnknown", []schema.Option{nAttr("id"), sAttr("name"), schema.SaveUnknown()},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie"), "age": n("10")}},
			[]map[string]any{{"id": 1, "name": "Charlie", "age": 10}}},
		{"Should return correct result for get function on attribute", []schema.Option{nAttr("id"), sAttr("name", schema.Getter(func(v string) (string, error) { return v + "-get", nil }))},
			[]map[string]types.AttributeValue{{"id": n("1"), "name": s("Charlie")}},
			[]map[string]any{{"id": 1, "name": "Charlie-get"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := answering()
			rec.scan = func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
				return &dynamodb.ScanOutput{Items: tt.items, Count: int32(len(tt.items))}, nil
			}
			m := onDB(t, dynamooseModel(t, "Cat", tt.opts...), rec)
			var got []map[string]any
			for item, err := range m.Scan().All(context.Background()) {
				if err != nil {
					t.Fatalf("All() = %v", err)
				}
				got = append(got, item)
			}
			if diff := gocmp.Diff(tt.want, got, numbersAsFloats); diff != "" {
				t.Errorf("All() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Scan.js and Query.js, describe "scan.startAt" / "query.startAt", "Should send correct
// request on ...exec": the request starts after the key given. Dynamoose takes the key
// itself ({"id": 5}); Dynamodel hands out and takes back an opaque cursor (docs/model.md,
// Pages), so the port reads a page that ends on {"id": 5} and asks for the next.
func TestDynamooseStartAt(t *testing.T) {
	ctx := context.Background()
	five := map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: "5"}}
	t.Run("scan.startAt/Should send correct request on scan.exec", func(t *testing.T) {
		rec := answering()
		rec.scan = func(in *dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
			if in.ExclusiveStartKey == nil {
				return &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{five}, LastEvaluatedKey: five}, nil
			}
			return &dynamodb.ScanOutput{}, nil
		}
		m := onDB(t, dynamooseScanCat(t), rec)
		first, err := m.Scan().Page(ctx, "")
		if err != nil || first.Cursor == "" {
			t.Fatalf("Page() = %+v, %v; want a cursor", first, err)
		}
		if _, err := m.Scan().Page(ctx, first.Cursor); err != nil {
			t.Fatalf("Page(cursor) = %v", err)
		}
		compareWire(t, rec.requests[len(rec.requests)-1], `{"TableName": "Cat", "ExclusiveStartKey": {"id": {"N": "5"}}}`)
	})
	t.Run("query.startAt/Should send correct request on query.exec", func(t *testing.T) {
		rec := answering()
		last := map[string]types.AttributeValue{"id": five["id"], "name": &types.AttributeValueMemberS{Value: "Charlie"}}
		rec.query = func(in *dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
			if in.ExclusiveStartKey == nil {
				return &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{last}, LastEvaluatedKey: last}, nil
			}
			return &dynamodb.QueryOutput{}, nil
		}
		m := onDB(t, dynamooseCat(t), rec)
		q := m.Query(Where("name").Eq("Charlie"))
		first, err := q.Page(ctx, "")
		if err != nil || first.Cursor == "" {
			t.Fatalf("Page() = %+v, %v; want a cursor", first, err)
		}
		if _, err := q.Page(ctx, first.Cursor); err != nil {
			t.Fatalf("Page(cursor) = %v", err)
		}
		compareWire(t, rec.requests[len(rec.requests)-1], `{"TableName": "Cat", "IndexName": "nameGlobalIndex", "ExpressionAttributeNames": {"#qha": "name"}, "ExpressionAttributeValues": {":qhv": {"S": "Charlie"}}, "KeyConditionExpression": "#qha = :qhv", "ExclusiveStartKey": {"id": {"N": "5"}, "name": {"S": "Charlie"}}}`)
	})
}
