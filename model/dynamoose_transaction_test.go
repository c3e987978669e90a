package model

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

// Model.js, describe "model.transaction", and Transaction.js, "Should send correct
// parameters to AWS ..." cases: the TransactWriteItems and TransactGetItems requests,
// compared by meaning (dynamoose_wire_test.go). Dynamoose's User.transaction.create,
// .delete, .update and .condition are TxCreate, TxDelete, Update(...).Tx() and TxCheck;
// .get is TxGet; dynamoose.transaction([...]) is TransactWrite / TransactGet, whose dry runs
// are TransactWriteRequest and TransactGetRequest.
func TestDynamooseTransaction(t *testing.T) {
	ctx := context.Background()
	user := func(t *testing.T) *Model[map[string]any] { return dynamooseUser(t) }
	write := func(actions ...func(m *Model[map[string]any]) WriteAction) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) {
			as := make([]WriteAction, len(actions))
			for i, a := range actions {
				as[i] = a(m)
			}
			return TransactWriteRequest(ctx, as...)
		}
	}
	var dst map[string]any
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Model.transaction.get/Should return correct result", model: user,
			dry: func(m *Model[map[string]any]) (any, error) {
				return TransactGetRequest(ctx, m.TxGet(Key{Hash: 1}, &dst))
			},
			want: `{"TransactItems": [{"Get": {"Key": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.create/Should return correct result", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.TxCreate(&map[string]any{"id": 1}) }),
			want: `{"TransactItems": [{"Put": {"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.create/Should return correct result with overwrite set to false", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.TxCreate(&map[string]any{"id": 1}) }),
			want: `{"TransactItems": [{"Put": {"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.create/Should return correct result with overwrite set to true", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.TxPut(&map[string]any{"id": 1}) }),
			want: `{"TransactItems": [{"Put": {"Item": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.delete/Should return correct result", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.TxDelete(Key{Hash: 1}) }),
			want: `{"TransactItems": [{"Delete": {"Key": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.delete/Should keep range keys with 0 value",
			model: func(t *testing.T) *Model[map[string]any] {
				return dynamooseModel(t, "User", sAttr("id"), nAttr("order", schema.RangeKey()))
			},
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.TxDelete(Key{Hash: "foo", Range: 0}) }),
			want: `{"TransactItems": [{"Delete": {"Key": {"id": {"S": "foo"}, "order": {"N": "0"}}, "TableName": "User"}}]}`},
		{name: "Model.transaction.update/Should return correct result", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.Update(Key{Hash: 1}).Set("name", "Bob").Tx() }),
			want: `{"TransactItems": [{"Update": {"Key": {"id": {"N": "1"}}, "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0", "TableName": "User"}}]}`},
		{name: "Model.transaction.update/Should return correct result with settings", model: user,
			dry:  write(func(m *Model[map[string]any]) WriteAction { return m.Update(Key{Hash: 1}).Set("name", "Bob").Tx() }),
			want: `{"TransactItems": [{"Update": {"Key": {"id": {"N": "1"}}, "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0", "TableName": "User"}}]}`},
		{name: "Model.transaction.condition/Should return correct result with conditional",
			model: func(t *testing.T) *Model[map[string]any] { return dynamooseUser(t, nAttr("age")) },
			dry:   write(func(m *Model[map[string]any]) WriteAction { return m.TxCheck(Key{Hash: 1}, Where("age").Gt(13)) }),
			want:  `{"TransactItems": [{"ConditionCheck": {"ConditionExpression": "#a0 > :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "13"}}, "Key": {"id": {"N": "1"}}, "TableName": "User"}}]}`},
	})
}

// Transaction.js: the requests of several models' actions, with table prefixes and
// suffixes. Dynamoose's models share one Table ("Table"); Dynamodel's models name their
// table, so both name "Table".
func TestDynamooseTransactionTables(t *testing.T) {
	ctx := context.Background()
	models := func(t *testing.T, opts ...Option) (*Model[map[string]any], *Model[map[string]any]) {
		t.Helper()
		s := func() *schema.Schema[map[string]any] {
			s, err := schema.New(nAttr("id"), sAttr("name"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		// One client, as Dynamoose's two models share one instance: a transaction is sent
		// through one client, and models of two are refused (ErrDifferentClients).
		db := answering()
		u, err := New(db, "Table", s(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		c, err := New(db, "Table", s(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		return u, c
	}
	t.Run("Should send correct parameters to AWS by using the Model.transaction methods with Prefix", func(t *testing.T) {
		u, c := models(t, WithTablePrefix("MyApp_"))
		var a, b map[string]any
		in, err := TransactGetRequest(ctx, u.TxGet(Key{Hash: 1}, &a), c.TxGet(Key{Hash: 2}, &b))
		if err != nil {
			t.Fatal(err)
		}
		compareWire(t, in, `{"TransactItems": [{"Get": {"Key": {"id": {"N": "1"}}, "TableName": "MyApp_Table"}}, {"Get": {"Key": {"id": {"N": "2"}}, "TableName": "MyApp_Table"}}]}`)
	})
	t.Run("Should send correct parameters to AWS for put items by using the Model.transaction methods with Suffix", func(t *testing.T) {
		u, c := models(t, WithTableSuffix("_Table"))
		in, err := TransactWriteRequest(ctx, u.TxCreate(&map[string]any{"id": 1}), c.TxCreate(&map[string]any{"id": 2}))
		if err != nil {
			t.Fatal(err)
		}
		compareWire(t, in, `{"TransactItems": [{"Put": {"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "1"}}, "TableName": "Table_Table"}}, {"Put": {"ConditionExpression": "attribute_not_exists(#__hash_key)", "ExpressionAttributeNames": {"#__hash_key": "id"}, "Item": {"id": {"N": "2"}}, "TableName": "Table_Table"}}]}`)
	})
	// Transaction.js "Should throw an error if nothing passed in" / "if empty array passed
	// in": a transaction of no actions is refused before sending.
	t.Run("Should throw an error if empty array passed in", func(t *testing.T) {
		in, err := TransactWriteRequest(ctx)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("TransactWriteRequest() = %v, %v; want an *InputError", in, err)
		}
	})
	// Model.js "Model.transaction.condition" "Should return correct result" (no condition):
	// Dynamoose sends a ConditionCheck without a ConditionExpression, which DynamoDB
	// refuses; Dynamodel refuses it before sending.
	t.Run("Model.transaction.condition/Should return correct result (no condition, refused)", func(t *testing.T) {
		u, _ := models(t)
		in, err := TransactWriteRequest(ctx, u.TxCheck(Key{Hash: 1}, Condition{}))
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("TransactWriteRequest(TxCheck(no condition)) = %v, %v; want an *InputError", in, err)
		}
	})
	// Transaction.js "Should throw error if using different instances for each table" and
	// "Should not throw error if using same custom instance for multiple tables": a Dynamoose
	// instance is a Dynamodel client (a model.DB); a transaction of models of two is refused
	// before sending, one of models sharing one is sent through it.
	s := func() *schema.Schema[map[string]any] {
		s, err := schema.New(nAttr("id"), sAttr("name"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	on := func(t *testing.T, db DB, table string) *Model[map[string]any] {
		m, err := New(db, table, s())
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	t.Run("Should throw error if using different instances for each table", func(t *testing.T) {
		a, b := answering(), answering()
		var u, c map[string]any
		_, err := TransactGet(ctx, on(t, a, "Table").TxGet(Key{Hash: 1}, &u), on(t, b, "TableB").TxGet(Key{Hash: 2}, &c))
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrDifferentClients) {
			t.Errorf("TransactGet = %v; want an *InputError matching ErrDifferentClients", err)
		}
		if n := len(a.requests) + len(b.requests); n != 0 {
			t.Errorf("%d requests sent; want none", n)
		}
	})
	t.Run("Should not throw error if using same custom instance for multiple tables", func(t *testing.T) {
		db := answering()
		db.transactGetItems = func(in *dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
			return &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(in.TransactItems))}, nil
		}
		var u, c map[string]any
		found, err := TransactGet(ctx, on(t, db, "Table").TxGet(Key{Hash: 1}, &u), on(t, db, "TableB").TxGet(Key{Hash: 2}, &c))
		if err != nil || len(found) != 2 || found[0] || found[1] || len(db.requests) != 1 {
			t.Errorf("TransactGet = %v, %v, %d requests; want [false false], nil, 1 request", found, err, len(db.requests))
		}
	})
}
