package model

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Model.js, describe "model.get()", the "Should return object with correct values ..."
// cases: what Get returns for the item DynamoDB answers with. A set is an attr.StringSet,
// attr.NumberSet or attr.BinarySet in a map item, so that it is written back as a set
// (sorted here: DynamoDB keeps no order); a set of dates a []time.Time; a Buffer a []byte; a
// Date a time.Time. Dynamoose's
// undefined for an item the schema hides as expired is ErrNotFound.
func TestDynamooseModelGetResult(t *testing.T) {
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	when := time.Date(2021, 3, 4, 5, 6, 7, 891e6, time.UTC)
	tests := []struct {
		name string
		opts []schema.Option
		item map[string]types.AttributeValue
		want map[string]any // nil: ErrNotFound
	}{
		{"Should return object with correct values", []schema.Option{nAttr("id"), sAttr("name")},
			map[string]types.AttributeValue{"id": n("1"), "name": s("Charlie")}, map[string]any{"id": 1, "name": "Charlie"}},
		{"Should return undefined for expired object", []schema.Option{nAttr("id"), schema.Expires(time.Second, schema.HideExpired())},
			map[string]types.AttributeValue{"id": n("1"), "ttl": n("1")}, nil},
		{"Should return expired object if returnExpired is not set", []schema.Option{nAttr("id"), schema.Expires(time.Second)},
			map[string]types.AttributeValue{"id": n("1"), "ttl": n("1")}, map[string]any{"id": 1, "ttl": time.Unix(1, 0)}},
		{"Should return object with correct values with saveUnknown", []schema.Option{nAttr("id"), schema.SaveUnknown()},
			map[string]types.AttributeValue{"id": n("1"), "hello": s("world")}, map[string]any{"id": 1, "hello": "world"}},
		{"Should return object with correct values for string set", []schema.Option{nAttr("id"), schema.Attr("friends", schema.Type(attr.SS))},
			map[string]types.AttributeValue{"id": n("1"), "friends": &types.AttributeValueMemberSS{Value: []string{"Charlie", "Bob"}}},
			map[string]any{"id": 1, "friends": attr.StringSet{"Bob", "Charlie"}}},
		{"Should return object with correct values for string set with saveUnknown", []schema.Option{nAttr("id"), schema.SaveUnknown()},
			map[string]types.AttributeValue{"id": n("1"), "friends": &types.AttributeValueMemberSS{Value: []string{"Charlie", "Bob"}}},
			map[string]any{"id": 1, "friends": attr.StringSet{"Bob", "Charlie"}}},
		{"Should return object with correct values for number set", []schema.Option{nAttr("id"), schema.Attr("numbers", schema.Type(attr.NS))},
			map[string]types.AttributeValue{"id": n("1"), "numbers": &types.AttributeValueMemberNS{Value: []string{"5", "7"}}},
			map[string]any{"id": 1, "numbers": attr.NumberSet{"5", "7"}}},
		{"Should return object with correct values for number set with saveUnknown", []schema.Option{nAttr("id"), schema.SaveUnknown()},
			map[string]types.AttributeValue{"id": n("1"), "numbers": &types.AttributeValueMemberNS{Value: []string{"5", "7"}}},
			map[string]any{"id": 1, "numbers": attr.NumberSet{"5", "7"}}},
		{"Should return object with correct values for date set", []schema.Option{nAttr("id"), schema.Attr("times", schema.Type(attr.NS), schema.Date(attr.TimeMillis))},
			map[string]types.AttributeValue{"id": n("1"), "times": &types.AttributeValueMemberNS{Value: []string{fmt.Sprint(when.UnixMilli()), "0"}}},
			map[string]any{"id": 1, "times": []time.Time{time.UnixMilli(0), when}}},
		{"Should return object with correct values for buffer", []schema.Option{nAttr("id"), schema.Attr("data", schema.Type(attr.B))},
			map[string]types.AttributeValue{"id": n("1"), "data": &types.AttributeValueMemberB{Value: []byte("testdata")}},
			map[string]any{"id": 1, "data": []byte("testdata")}},
		{"Should return object with correct values for buffer set", []schema.Option{nAttr("id"), schema.Attr("data", schema.Type(attr.BS))},
			map[string]types.AttributeValue{"id": n("1"), "data": &types.AttributeValueMemberBS{Value: [][]byte{[]byte("testdata"), []byte("testdata2")}}},
			map[string]any{"id": 1, "data": attr.BinarySet{[]byte("testdata"), []byte("testdata2")}}},
		{"Should return object with correct values for buffer set with saveUnknown", []schema.Option{nAttr("id"), schema.SaveUnknown()},
			map[string]types.AttributeValue{"id": n("1"), "data": &types.AttributeValueMemberBS{Value: [][]byte{[]byte("testdata"), []byte("testdata2")}}},
			map[string]any{"id": 1, "data": attr.BinarySet{[]byte("testdata"), []byte("testdata2")}}},
		{"Should return object with correct values if using custom types", []schema.Option{nAttr("id"), sAttr("name"), schema.Attr("birthday", schema.Date(attr.TimeMillis))},
			map[string]types.AttributeValue{"id": n("1"), "name": s("Charlie"), "birthday": n("1")},
			map[string]any{"id": 1, "name": "Charlie", "birthday": time.UnixMilli(1)}},
		{"Should return object with correct values if using custom types but value doesn't exist", []schema.Option{nAttr("id"), sAttr("name"), schema.Attr("birthday", schema.Date(attr.TimeMillis))},
			map[string]types.AttributeValue{"id": n("1"), "name": s("Charlie")},
			map[string]any{"id": 1, "name": "Charlie"}},
		{"Should return object with correct values if using ISO Date", []schema.Option{nAttr("id"), sAttr("name"), schema.Attr("birthday", schema.Date(attr.TimeISO))},
			map[string]types.AttributeValue{"id": n("1"), "name": s("Charlie"), "birthday": s(when.Format("2006-01-02T15:04:05.000Z"))},
			map[string]any{"id": 1, "name": "Charlie", "birthday": when}},
		{"Should return object with correct values with object property", []schema.Option{nAttr("id"), schema.Attr("address", schema.Map(schema.Attr("street", schema.Type(attr.S)), schema.Attr("country", schema.Type(attr.S))))},
			map[string]types.AttributeValue{"id": n("1"), "address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"street": s("hello"), "country": s("world")}}},
			map[string]any{"id": 1, "address": map[string]any{"street": "hello", "country": "world"}}},
		{"Should return object with correct values with object property with elements that don't exist in schema", []schema.Option{nAttr("id"), schema.Attr("address", schema.Map(schema.Attr("street", schema.Type(attr.S)), schema.Attr("country", schema.Type(attr.S))))},
			map[string]types.AttributeValue{"id": n("1"), "address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"zip": n("12345"), "country": s("world")}}},
			map[string]any{"id": 1, "address": map[string]any{"country": "world"}}},
		{"Should return correct object for array properties", []schema.Option{nAttr("id"), schema.Attr("friends", schema.List(schema.Type(attr.S)))},
			map[string]types.AttributeValue{"id": n("1"), "friends": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("Bob"), s("Tim")}}},
			map[string]any{"id": 1, "friends": []any{"Bob", "Tim"}}},
		{"Should return correct object if attribute has a get function", []schema.Option{nAttr("id"), sAttr("name", schema.Getter(func(v string) (string, error) { return v + "-get", nil }))},
			map[string]types.AttributeValue{"id": n("1"), "name": s("Charlie")}, map[string]any{"id": 1, "name": "Charlie-get"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := answering()
			rec.getItem = func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) {
				return &dynamodb.GetItemOutput{Item: tt.item}, nil
			}
			m := onDB(t, dynamooseModel(t, "User", tt.opts...), rec)
			got, err := m.Get(context.Background(), Key{Hash: 1})
			if tt.want == nil {
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get() = %v, %v; want ErrNotFound", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get() = %v", err)
			}
			if diff := gocmp.Diff(tt.want, sortedSets(got), numbersAsFloats); diff != "" {
				t.Errorf("Get() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// sortedSets sorts the top-level sets of a map item read, whose order DynamoDB does not keep.
func sortedSets(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch s := v.(type) {
		case attr.StringSet:
			v = attr.StringSet(slices.Sorted(slices.Values(s)))
		case attr.NumberSet:
			v = attr.NumberSet(slices.Sorted(slices.Values(s)))
		case []time.Time:
			c := slices.Clone(s)
			slices.SortFunc(c, func(a, b time.Time) int { return a.Compare(b) })
			v = c
		}
		out[k] = v
	}
	return out
}

// Model.js, describe "model.batchGet()", the "Should return correct result from batchGet"
// cases: the items come back in the order of the keys, whatever order DynamoDB answers in.
// Dynamoose returns the keys DynamoDB left unprocessed (result.unprocessedKeys); Dynamodel
// sends them again until they are read (docs/model.md, batches), so the answers below give
// the unprocessed keys' items on the second request.
func TestDynamooseModelBatchGetResult(t *testing.T) {
	item := func(id, name string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: id}, "name": &types.AttributeValueMemberS{Value: name}}
	}
	key := func(id string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: id}}
	}
	tests := []struct {
		name    string
		keys    []Key
		answers [][2][]map[string]types.AttributeValue // per request: items, unprocessed keys
		want    []map[string]any
	}{
		{"Should return correct result from batchGet", []Key{{Hash: 1}},
			[][2][]map[string]types.AttributeValue{{{item("1", "Charlie")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}}},
		{"Should return correct result from batchGet for multiple items", []Key{{Hash: 1}, {Hash: 2}},
			[][2][]map[string]types.AttributeValue{{{item("1", "Charlie"), item("2", "Bob")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}, {"id": 2, "name": "Bob"}}},
		{"Should return correct result from batchGet for multiple items that aren't sorted correctly", []Key{{Hash: 1}, {Hash: 2}},
			[][2][]map[string]types.AttributeValue{{{item("2", "Bob"), item("1", "Charlie")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}, {"id": 2, "name": "Bob"}}},
		{"Should return correct result from batchGet with unprocessed keys (read again)", []Key{{Hash: 1}, {Hash: 2}},
			[][2][]map[string]types.AttributeValue{{{item("1", "Charlie")}, {key("2")}}, {{item("2", "Bob")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}, {"id": 2, "name": "Bob"}}},
		{"Should return correct result from batchGet for multiple items that aren't sorted with unprocessed keys (read again)", []Key{{Hash: 1}, {Hash: 2}, {Hash: 3}},
			[][2][]map[string]types.AttributeValue{{{item("3", "Tim"), item("1", "Charlie")}, {key("2")}}, {{item("2", "Bob")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}, {"id": 2, "name": "Bob"}, {"id": 3, "name": "Tim"}}},
		{"Should return correct result from batchGet for multiple unprocessed keys that aren't sorted (read again)", []Key{{Hash: 1}, {Hash: 2}, {Hash: 3}},
			[][2][]map[string]types.AttributeValue{{{item("1", "Charlie")}, {key("3"), key("2")}}, {{item("2", "Bob"), item("3", "Tim")}, nil}},
			[]map[string]any{{"id": 1, "name": "Charlie"}, {"id": 2, "name": "Bob"}, {"id": 3, "name": "Tim"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := answering()
			calls := 0
			rec.batchGetItem = func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
				if calls >= len(tt.answers) {
					return nil, errors.New("no more answers")
				}
				a := tt.answers[calls]
				calls++
				out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{"User": a[0]}}
				if len(a[1]) > 0 {
					out.UnprocessedKeys = map[string]types.KeysAndAttributes{"User": {Keys: a[1]}}
				}
				return out, nil
			}
			s, err := schema.New(nAttr("id"), sAttr("name"))
			if err != nil {
				t.Fatal(err)
			}
			m, err := New(rec, "User", s, WithBatchBackoff(time.Microsecond, time.Microsecond), WithBatchConcurrency(1))
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.BatchGet(context.Background(), tt.keys)
			if err != nil {
				t.Fatalf("BatchGet() = %v", err)
			}
			var items []map[string]any
			for _, p := range got {
				if p == nil {
					items = append(items, nil)
					continue
				}
				items = append(items, *p)
			}
			if diff := gocmp.Diff(tt.want, items, numbersAsFloats); diff != "" {
				t.Errorf("BatchGet() mismatch (-want +got):\n%s", diff)
			}
			if calls != len(tt.answers) {
				t.Errorf("BatchGet() sent %d requests; want %d", calls, len(tt.answers))
			}
		})
	}
}
