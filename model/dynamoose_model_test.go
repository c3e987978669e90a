package model

import (
	"context"
	"errors"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Model.js's test model: {"id": Number, "name": String}, table "User".
func dynamooseUser(t *testing.T, more ...schema.Option) *Model[map[string]any] {
	t.Helper()
	return dynamooseModel(t, "User", append([]schema.Option{nAttr("id"), sAttr("name")}, more...)...)
}

func userRange(t *testing.T) *Model[map[string]any] {
	return dynamooseModel(t, "User", nAttr("id"), sAttr("name", schema.RangeKey()))
}

func userKeySet(t *testing.T) *Model[map[string]any] {
	return dynamooseModel(t, "User", nAttr("id", schema.Setter(func(v float64, _ *float64) (float64, error) { return v + 1, nil })), sAttr("name"))
}

func userAlias(t *testing.T) *Model[map[string]any] {
	return dynamooseModel(t, "User", sAttr("pk", schema.Alias("email")))
}

// dynamooseRequestCase is a ported Model.js case: a model, the dry run of an operation, and
// the request Dynamoose sends.
type dynamooseRequestCase struct {
	name  string
	model func(t *testing.T) *Model[map[string]any]
	dry   func(m *Model[map[string]any]) (any, error)
	want  string
}

func runDynamooseRequests(t *testing.T, tests []dynamooseRequestCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model := tt.model
			if model == nil {
				model = func(t *testing.T) *Model[map[string]any] { return dynamooseUser(t) }
			}
			in, err := tt.dry(model(t))
			if err != nil {
				t.Fatalf("dry run = %v", err)
			}
			compareWire(t, in, tt.want)
		})
	}
}

// single returns the only request of a dry run that returns a list.
func single[In any](ins []In, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	if len(ins) != 1 {
		return nil, errors.New("want one request")
	}
	return ins[0], nil
}

// Model.js, describe "model.get()": the GetItem request (through GetRequest, Dynamodel's
// {"return": "request"}). Dynamoose's key given as 1, {"id": 1} or a whole item is
// model.Key{Hash: 1}.
func TestDynamooseModelGet(t *testing.T) {
	ctx := context.Background()
	get := func(k Key, opts ...GetPartialOption) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return m.GetRequest(ctx, k, opts...) }
	}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should send correct params to getItem", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to getItem if we pass in an object", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should return request if return request setting is set", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		// An eventually consistent read is Dynamodel's default, without an option; Dynamoose
		// sends ConsistentRead false when given {"consistent": false}.
		{name: "Should send consistent (false) to getItem", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ConsistentRead": false}`},
		{name: "Should get consistent (true) back in request", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ConsistentRead": false}`},
		{name: "Should send consistent (true) to getItem", dry: get(Key{Hash: 1}, Consistent()),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ConsistentRead": true}`},
		{name: "Should get consistent (false) back in request", dry: get(Key{Hash: 1}, Consistent()),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ConsistentRead": true}`},
		{name: "Should send correct params to getItem if we only request a certain attribute", dry: get(Key{Hash: 1}, Project("id")),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ProjectionExpression": "#a0", "ExpressionAttributeNames": {"#a0": "id"}}`},
		{name: "Should send correct params to getItem if we request certain attributes", dry: get(Key{Hash: 1}, Project("id", "name")),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ProjectionExpression": "#a0, #a1", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}}`},
		{name: "Should send correct params to getItem if we pass in an object with range key", model: userRange, dry: get(Key{Hash: 1, Range: "Charlie"}),
			want: `{"Key": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should send correct params to getItem if we pass in an entire object with unnecessary attributes", dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to getItem if we have a set setting for property", model: userKeySet, dry: get(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "2"}}, "TableName": "User"}`},
		{name: "Should send correct params to getItem if we use an aliased attribute as the key", model: userAlias, dry: get(Key{Hash: "john@john.com"}),
			want: `{"Key": {"pk": {"S": "john@john.com"}}, "TableName": "User"}`},
	})
}

// Model.js, describe "model.batchGet()": the BatchGetItem request (BatchGetRequests).
// Dynamoose's attributes option sends the legacy AttributesToGet; Dynamodel sends the same
// projection as a ProjectionExpression, plus the key (to match answers to keys).
func TestDynamooseModelBatchGet(t *testing.T) {
	ctx := context.Background()
	batch := func(keys []Key, opts ...GetPartialOption) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return single(m.BatchGetRequests(ctx, keys, opts...)) }
	}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should send correct params to batchGetItem", dry: batch([]Key{{Hash: 1}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}]}}}`},
		{name: "Should return correct request if setting option return to request", dry: batch([]Key{{Hash: 1}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}]}}}`},
		{name: "Should send correct params to batchGetItem with attributes (as a ProjectionExpression)",
			model: func(t *testing.T) *Model[map[string]any] { return dynamooseUser(t, sAttr("data")) },
			dry:   batch([]Key{{Hash: 1}}, Project("id", "data")),
			want:  `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}], "ProjectionExpression": "#a0, #a1", "ExpressionAttributeNames": {"#a0": "id", "#a1": "data"}}}}`},
		{name: "Consistent Read/Should send consistent (true) to batchGetItem", dry: batch([]Key{{Hash: 1}}, Consistent()),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}], "ConsistentRead": true}}}`},
		{name: "Consistent Read/Should not send consistent to batchGetItem if undefined", dry: batch([]Key{{Hash: 1}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}]}}}`},
		{name: "Consistent Read/Should not send consistent (false) to batchGetItem", dry: batch([]Key{{Hash: 1}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}]}}}`},
		{name: "Should send correct params to batchGetItem for multiple items", dry: batch([]Key{{Hash: 1}, {Hash: 2}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "1"}}, {"id": {"N": "2"}}]}}}`},
		{name: "Should send correct params to batchGetItem if we have a set setting for property", model: userKeySet, dry: batch([]Key{{Hash: 1}, {Hash: 2}}),
			want: `{"RequestItems": {"User": {"Keys": [{"id": {"N": "2"}}, {"id": {"N": "3"}}]}}}`},
		{name: "Should send correct params to batchGetItem if we use an aliased attribute as the key", model: userAlias,
			dry:  batch([]Key{{Hash: "john@john.com"}, {Hash: "bob@bob.com"}}),
			want: `{"RequestItems": {"User": {"Keys": [{"pk": {"S": "john@john.com"}}, {"pk": {"S": "bob@bob.com"}}]}}}`},
	})
}

// Model.js, describe "model.create()": the PutItem request of a create (CreateRequest), and
// of a create with {"overwrite": true}, which is Put. Dynamoose's condition is
// attribute_not_exists of the hash key; Dynamodel's is the same.
func TestDynamooseModelCreate(t *testing.T) {
	ctx := context.Background()
	create := func(item map[string]any) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return m.CreateRequest(ctx, &item) }
	}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should send correct params to putItem", dry: create(map[string]any{"id": 1, "name": "Charlie"}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem with value as undefined as first property", dry: create(map[string]any{"name": nil, "id": 1}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem with value as undefined as second property", dry: create(map[string]any{"id": 1, "name": nil}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem if item has model property name",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "User", sAttr("_id"), schema.Attr("model", schema.List(schema.Map(schema.Attr("_id", schema.Type(attr.S)), schema.Attr("text", schema.Type(attr.S))))))
			},
			dry:  create(map[string]any{"_id": "1", "model": []any{map[string]any{"_id": "12345678", "text": "someText"}}}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "_id"}, "Item": {"_id": {"S": "1"}, "model": {"L": [{"M": {"_id": {"S": "12345678"}, "text": {"S": "someText"}}}]}}, "TableName": "User"}`},
		{name: "Should not include attributes that do not exist in schema", dry: create(map[string]any{"id": 1, "name": "Charlie", "hello": "world"}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should overwrite if passed into options",
			dry: func(m *Model[map[string]any]) (any, error) {
				return m.PutRequest(ctx, &map[string]any{"id": 1, "name": "Charlie"})
			},
			want: `{"Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem with set function",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "User", nAttr("id"), sAttr("name", schema.Setter(func(v string, _ *string) (string, error) { return v + "-set", nil })))
			},
			dry:  create(map[string]any{"id": 1, "name": "Charlie"}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}, "name": {"S": "Charlie-set"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem with combine attribute",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "User", nAttr("id"), sAttr("data1"), sAttr("data2"), schema.Attr("combine", schema.Combine(",", "data1", "data2")))
			},
			dry:  create(map[string]any{"id": 1, "data1": "hello", "data2": "world"}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}, "data1": {"S": "hello"}, "data2": {"S": "world"}, "combine": {"S": "hello,world"}}, "TableName": "User"}`},
		{name: "Should send correct params to putItem with value as null",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "User", nAttr("id"), schema.Attr("name", schema.Type(attr.NULL)))
			},
			dry:  create(map[string]any{"id": 1, "name": nil}),
			want: `{"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}, "name": {"NULL": true}}, "TableName": "User"}`},
	})
}

// Model.js, describe "model.delete()": the DeleteItem request (DeleteRequest).
func TestDynamooseModelDelete(t *testing.T) {
	ctx := context.Background()
	del := func(k Key, opts ...DeleteOption) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return m.DeleteRequest(ctx, k, opts...) }
	}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should should send correct parameters to deleteItem", dry: del(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we pass in an object", dry: del(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we pass in an object with range key", model: userRange, dry: del(Key{Hash: 1, Range: "Charlie"}),
			want: `{"Key": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we pass in an entire object with unnecessary attributes", dry: del(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we pass in an entire object with unnecessary attributes with range key", model: userRange, dry: del(Key{Hash: 1, Range: "Charlie"}),
			want: `{"Key": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we have a set setting for property", model: userKeySet, dry: del(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "2"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we use an aliased attribute as the key", model: userAlias, dry: del(Key{Hash: "john@john.com"}),
			want: `{"Key": {"pk": {"S": "john@john.com"}}, "TableName": "User"}`},
		{name: "Should successfully add a condition if a condition is passed in", dry: del(Key{Hash: 1}, If(Where("id").Exists())),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User", "ConditionExpression": "attribute_exists (#a0)", "ExpressionAttributeNames": {"#a0": "id"}}`},
		{name: "Should return request if return request setting is set", dry: del(Key{Hash: 1}),
			want: `{"Key": {"id": {"N": "1"}}, "TableName": "User"}`},
		{name: "Should send correct params to deleteItem if we pass in an entire object with unnecessary attributes with range key (PK, SK)",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "TestTable", sAttr("PK", schema.HashKey()), sAttr("SK", schema.RangeKey()), sAttr("someAttribute"))
			},
			dry:  del(Key{Hash: "primaryKey", Range: "sortKey"}),
			want: `{"Key": {"PK": {"S": "primaryKey"}, "SK": {"S": "sortKey"}}, "TableName": "TestTable"}`},
	})
}

// Model.js, describe "model.batchPut()" and "model.batchDelete()": the BatchWriteItem
// request (BatchPutRequests, BatchDeleteRequests).
func TestDynamooseModelBatchWrite(t *testing.T) {
	ctx := context.Background()
	put := func(items ...map[string]any) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) {
			ptrs := make([]*map[string]any, len(items))
			for i := range items {
				ptrs[i] = &items[i]
			}
			return single(m.BatchPutRequests(ctx, ptrs))
		}
	}
	del := func(keys ...Key) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return single(m.BatchDeleteRequests(ctx, keys)) }
	}
	combine := func(t *testing.T) *Model[map[string]any] {
		return dynamooseModel(t, "User", nAttr("id"), sAttr("data1"), sAttr("data2"), schema.Attr("combine", schema.Combine(",", "data1", "data2")))
	}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "batchPut/Should should send correct parameters to batchWriteItem", dry: put(map[string]any{"id": 1, "name": "Charlie"}, map[string]any{"id": 2, "name": "Bob"}),
			want: `{"RequestItems": {"User": [{"PutRequest": {"Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}}}, {"PutRequest": {"Item": {"id": {"N": "2"}, "name": {"S": "Bob"}}}}]}}`},
		{name: "batchPut/Should return request if return request setting is set", dry: put(map[string]any{"id": 1, "name": "Charlie"}, map[string]any{"id": 2, "name": "Bob"}),
			want: `{"RequestItems": {"User": [{"PutRequest": {"Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}}}, {"PutRequest": {"Item": {"id": {"N": "2"}, "name": {"S": "Bob"}}}}]}}`},
		{name: "batchPut/Should should send correct parameters to batchWriteItem with combine attribute", model: combine,
			dry:  put(map[string]any{"id": 1, "data1": "hello", "data2": "world"}, map[string]any{"id": 2, "data1": "hello", "data2": "universe"}),
			want: `{"RequestItems": {"User": [{"PutRequest": {"Item": {"id": {"N": "1"}, "data1": {"S": "hello"}, "data2": {"S": "world"}, "combine": {"S": "hello,world"}}}}, {"PutRequest": {"Item": {"id": {"N": "2"}, "data1": {"S": "hello"}, "data2": {"S": "universe"}, "combine": {"S": "hello,universe"}}}}]}}`},
		{name: "batchDelete/Should should send correct parameters to batchWriteItem", dry: del(Key{Hash: 1}, Key{Hash: 2}),
			want: `{"RequestItems": {"User": [{"DeleteRequest": {"Key": {"id": {"N": "1"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "2"}}}}]}}`},
		{name: "batchDelete/Should should send correct parameters to batchWriteItem if we have a set setting for property", model: userKeySet, dry: del(Key{Hash: 1}, Key{Hash: 2}),
			want: `{"RequestItems": {"User": [{"DeleteRequest": {"Key": {"id": {"N": "2"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "3"}}}}]}}`},
		{name: "batchDelete/Should send correct params to batchWriteItem if we use an aliased attribute as the key", model: userAlias, dry: del(Key{Hash: "john@john.com"}, Key{Hash: "bob@bob.com"}),
			want: `{"RequestItems": {"User": [{"DeleteRequest": {"Key": {"pk": {"S": "john@john.com"}}}}, {"DeleteRequest": {"Key": {"pk": {"S": "bob@bob.com"}}}}]}}`},
		{name: "batchDelete/Should return request if return request setting is set", dry: del(Key{Hash: 1}, Key{Hash: 2}),
			want: `{"RequestItems": {"User": [{"DeleteRequest": {"Key": {"id": {"N": "1"}}}}, {"DeleteRequest": {"Key": {"id": {"N": "2"}}}}]}}`},
	})
}

// Item.js, describe "item.save": the PutItem request of a save (Put), of a save with
// {"overwrite": false} (Create), and the item a save returns (ReturnStored).
func TestDynamooseItemSave(t *testing.T) {
	ctx := context.Background()
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should save with correct parameters",
			dry: func(m *Model[map[string]any]) (any, error) {
				return m.PutRequest(ctx, &map[string]any{"id": 1, "name": "Charlie"})
			},
			want: `{"Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User"}`},
		{name: "Should save with correct object with overwrite set to false",
			dry: func(m *Model[map[string]any]) (any, error) {
				return m.CreateRequest(ctx, &map[string]any{"id": 1, "name": "Charlie"})
			},
			want: `{"Item": {"id": {"N": "1"}, "name": {"S": "Charlie"}}, "TableName": "User", "ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}}`},
		{name: "Should save to correct table with multiple models (Robot)",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "Robot", nAttr("id"), nAttr("built"))
			},
			dry: func(m *Model[map[string]any]) (any, error) {
				return m.PutRequest(ctx, &map[string]any{"id": 2, "built": 1600000000000})
			},
			want: `{"Item": {"id": {"N": "2"}, "built": {"N": "1600000000000"}}, "TableName": "Robot"}`},
	})
	t.Run("Should return correct result after saving with defaults", func(t *testing.T) {
		m := dynamooseModel(t, "User", nAttr("id"), sAttr("name"), sAttr("defaultValue", schema.Default("Hello World")))
		item := map[string]any{"id": 1, "name": "Charlie"}
		var stored map[string]any
		if err := m.Put(ctx, &item, ReturnStored(&stored)); err != nil {
			t.Fatalf("Put() = %v", err)
		}
		want := map[string]any{"id": 1, "name": "Charlie", "defaultValue": "Hello World"}
		if diff := gocmp.Diff(want, stored, numbersAsFloats); diff != "" {
			t.Errorf("Put(ReturnStored) mismatch (-want +got):\n%s", diff)
		}
	})
}

// Model.js, "Should throw error if return request setting is set and set function throws
// error" (get, batchGet, delete, batchDelete): a key whose set function fails is refused by
// the dry run, with the setter's error, and nothing is sent.
func TestDynamooseKeySetterError(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("Error")
	rec := answering()
	m := onDB(t, dynamooseModel(t, "Item", nAttr("id", schema.Setter(func(float64, *float64) (float64, error) { return 0, boom })), sAttr("name")), rec)
	tests := []struct {
		name string
		dry  func() error
	}{
		{"model.get()", func() error { _, err := m.GetRequest(ctx, Key{Hash: 1}); return err }},
		{"model.batchGet()", func() error { _, err := m.BatchGetRequests(ctx, []Key{{Hash: 1}}); return err }},
		{"model.delete()", func() error { _, err := m.DeleteRequest(ctx, Key{Hash: 1}); return err }},
		{"model.batchDelete()", func() error { _, err := m.BatchDeleteRequests(ctx, []Key{{Hash: 1}}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.dry(); !errors.Is(err, boom) {
				t.Errorf("dry run = %v; want the setter's error", err)
			}
		})
	}
	if len(rec.requests) != 0 {
		t.Errorf("sent %d requests; want none", len(rec.requests))
	}
}
