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

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// The cases below are ported from Dynamoose's Model.js (github.com/dynamoose/dynamoose): what
// batchGet, batchPut and batchDelete return for DynamoDB's answers, items in another order
// and unprocessed ones. Dynamoose returns the items found in the order of the keys, with the
// keys DynamoDB left unprocessed in result.unprocessedKeys (unprocessedItems for writes).
// Dynamodel retries unprocessed keys (here it is told not to: WithBatchRetries(0)), returns a
// slice aligned with the keys (nil where no item was found) and reports what was left by
// position in a *BatchError. Each case names the Dynamoose test it comes from.

// batchUsers is Model.js's batch test model: {"id": Number, "name": String} in the table User
// (with more attributes when given), whose batch calls give up on the first round that leaves
// an item unprocessed.
func batchUsers(t *testing.T, db DB, more ...schema.Option) *Model[map[string]any] {
	t.Helper()
	s, err := schema.New(append([]schema.Option{schema.Attr("id", schema.Type(attr.N)), schema.Attr("name", schema.Type(attr.S))}, more...)...)
	if err != nil {
		t.Fatalf("schema.New: %v", err)
	}
	m, err := New(db, "User", s, WithBatchRetries(0), WithBatchBackoff(time.Microsecond, time.Microsecond))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m
}

func userItem(id, name string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: id}, "name": &types.AttributeValueMemberS{Value: name}}
}

// batchTable answers BatchGetItem from stored items, leaving the keys in unprocessed
// unprocessed every time, and answering in reverse order when reversed; BatchWriteItem leaves
// the writes of the ids in unprocessed unprocessed, in reverse order when reversed.
func batchTable(stored []map[string]types.AttributeValue, unprocessed []string, reversed bool) *recorder {
	return &recorder{
		batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
			for _, k := range in.RequestItems["User"].Keys {
				if slices.Contains(unprocessed, idOf(k)) {
					if out.UnprocessedKeys == nil {
						out.UnprocessedKeys = map[string]types.KeysAndAttributes{"User": {}}
					}
					ka := out.UnprocessedKeys["User"]
					ka.Keys = append(ka.Keys, k)
					out.UnprocessedKeys["User"] = ka
					continue
				}
				for _, item := range stored {
					if idOf(item) == idOf(k) {
						out.Responses["User"] = append(out.Responses["User"], item)
					}
				}
			}
			if reversed {
				slices.Reverse(out.Responses["User"])
				if ka, ok := out.UnprocessedKeys["User"]; ok {
					slices.Reverse(ka.Keys)
				}
			}
			return out, nil
		},
		batchWriteItem: func(in *dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			out := &dynamodb.BatchWriteItemOutput{}
			var left []types.WriteRequest
			for _, w := range in.RequestItems["User"] {
				key := map[string]types.AttributeValue(nil)
				if w.PutRequest != nil {
					key = w.PutRequest.Item
				} else {
					key = w.DeleteRequest.Key
				}
				if slices.Contains(unprocessed, idOf(key)) {
					left = append(left, w)
				}
			}
			if reversed {
				slices.Reverse(left)
			}
			if left != nil {
				out.UnprocessedItems = map[string][]types.WriteRequest{"User": left}
			}
			return out, nil
		},
	}
}

// failedOf returns the positions err reports as not done, or nil.
func failedOf(t *testing.T, err error) []int {
	t.Helper()
	if err == nil {
		return nil
	}
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("error %v; want a *BatchError", err)
	}
	return be.Failed
}

// Model.js, describe "model.batchGet()": the items returned for DynamoDB's answers.
func TestDynamooseBatchGetResult(t *testing.T) {
	charlie, bob3 := userItem("1", "Charlie"), userItem("3", "Bob")
	tests := []struct {
		name        string
		ids         []int
		stored      []map[string]types.AttributeValue
		unprocessed []string
		want        string // the items found, in key order (Dynamoose's result)
		failed      []int  // the positions of Dynamoose's result.unprocessedKeys
	}{
		{name: "Should return correct result from batchGet for multiple items with unprocessed keys", ids: []int{1, 2, 3},
			stored: []map[string]types.AttributeValue{charlie, bob3}, unprocessed: []string{"2"},
			want: `[map[id:1 name:Charlie] map[id:3 name:Bob]]`, failed: []int{1}},
		{name: "Should handle correctly if item not in Responses or UnprocessedKeys", ids: []int{1, 2, 3, 4},
			stored: []map[string]types.AttributeValue{charlie}, unprocessed: []string{"3", "2"},
			want: `[map[id:1 name:Charlie]]`, failed: []int{1, 2}},
		{name: "Should handle correctly if item not in Responses", ids: []int{1, 2},
			stored: []map[string]types.AttributeValue{charlie},
			want:   `[map[id:1 name:Charlie]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := batchUsers(t, batchTable(tt.stored, tt.unprocessed, false))
			var keys []Key
			for _, id := range tt.ids {
				keys = append(keys, Key{Hash: id})
			}
			items, err := m.BatchGet(context.Background(), keys)
			if got := failedOf(t, err); !slices.Equal(got, tt.failed) {
				t.Errorf("BatchGet(%v) left %v (%v); want %v", tt.ids, got, err, tt.failed)
			}
			if len(items) != len(keys) {
				t.Fatalf("BatchGet(%v) = %d items; want one per key", tt.ids, len(items))
			}
			var found []map[string]any
			for i, item := range items {
				if item == nil {
					continue
				}
				if id := (*item)["id"]; fmt.Sprint(id) != fmt.Sprint(tt.ids[i]) {
					t.Errorf("item %d has id %v; want %d (the key's)", i, id, tt.ids[i])
				}
				found = append(found, *item)
			}
			if got := fmt.Sprint(found); got != tt.want {
				t.Errorf("BatchGet(%v) found %s; want %s", tt.ids, got, tt.want)
			}
		})
	}
}

// Model.js, describe "model.batchPut()" and "model.batchDelete()": the items or keys DynamoDB
// left unprocessed (Dynamoose's result.unprocessedItems) are reported by position.
func TestDynamooseBatchWriteResult(t *testing.T) {
	users := func(ids ...int) []*map[string]any {
		names := map[int]string{1: "Charlie", 2: "Bob", 3: "Tim"}
		var out []*map[string]any
		for _, id := range ids {
			out = append(out, &map[string]any{"id": id, "name": names[id]})
		}
		return out
	}
	keys := func(ids ...int) []Key {
		var out []Key
		for _, id := range ids {
			out = append(out, Key{Hash: id})
		}
		return out
	}
	externalIDs := schema.Attr("externalIds", schema.List(schema.Map(schema.Attr("id", schema.Type(attr.N)))))
	tests := []struct {
		name        string
		more        []schema.Option
		run         func(m *Model[map[string]any]) error
		unprocessed []string
		reversed    bool
		failed      []int
	}{
		{name: "batchPut/Should return correct result from batchPut with no UnprocessedItems",
			run: func(m *Model[map[string]any]) error { return m.BatchPut(context.Background(), users(1, 2)) }},
		{name: "batchPut/Should return correct result from batchPut with UnprocessedItems", unprocessed: []string{"1"},
			run: func(m *Model[map[string]any]) error { return m.BatchPut(context.Background(), users(1, 2)) }, failed: []int{0}},
		{name: "batchPut/Should return correct result from batchPut with UnprocessedItems in wrong order", unprocessed: []string{"1", "3"}, reversed: true,
			run: func(m *Model[map[string]any]) error { return m.BatchPut(context.Background(), users(1, 2, 3)) }, failed: []int{0, 2}},
		{name: "batchPut/Should return correct result from batchPut with UnprocessedItems with an array of objects property", more: []schema.Option{externalIDs},
			unprocessed: []string{"3"},
			run: func(m *Model[map[string]any]) error {
				tim := users(3)[0]
				(*tim)["externalIds"] = []any{map[string]any{"id": 436229973}}
				return m.BatchPut(context.Background(), []*map[string]any{users(1)[0], tim})
			}, failed: []int{1}},
		{name: "batchDelete/Should return correct result from batchDelete with no UnprocessedItems",
			run: func(m *Model[map[string]any]) error { return m.BatchDelete(context.Background(), keys(1, 2)) }},
		{name: "batchDelete/Should return correct result from batchDelete with UnprocessedItems", unprocessed: []string{"1"},
			run: func(m *Model[map[string]any]) error { return m.BatchDelete(context.Background(), keys(1, 2)) }, failed: []int{0}},
		{name: "batchDelete/Should return correct result from batchDelete with UnprocessedItems in wrong order", unprocessed: []string{"1", "3"}, reversed: true,
			run: func(m *Model[map[string]any]) error { return m.BatchDelete(context.Background(), keys(1, 2, 3)) }, failed: []int{0, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := batchTable(nil, tt.unprocessed, tt.reversed)
			err := tt.run(batchUsers(t, db, tt.more...))
			if got := failedOf(t, err); !slices.Equal(got, tt.failed) {
				t.Errorf("left %v (%v); want %v", got, err, tt.failed)
			}
			if len(db.requests) == 0 {
				t.Errorf("no BatchWriteItem request sent")
			}
		})
	}
}

// Model.js, "Should throw error if DynamoDB responds with error" (batchGet) and "Should throw
// error if error is returned from DynamoDB" (batchPut, batchDelete): DynamoDB's error is
// returned, and matches with errors.Is.
func TestDynamooseBatchError(t *testing.T) {
	awsErr := errors.New("ERROR")
	db := &recorder{
		batchGetItem: func(*dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) { return nil, awsErr },
		batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			return nil, awsErr
		},
	}
	m := batchUsers(t, db)
	ctx := context.Background()
	_, getErr := m.BatchGet(ctx, []Key{{Hash: 1}, {Hash: 2}, {Hash: 3}})
	for name, err := range map[string]error{
		"batchGet":    getErr,
		"batchPut":    m.BatchPut(ctx, []*map[string]any{{"id": 1, "name": "Charlie"}}),
		"batchDelete": m.BatchDelete(ctx, []Key{{Hash: 1}}),
	} {
		if !errors.Is(err, awsErr) {
			t.Errorf("%s = %v; want DynamoDB's error", name, err)
		}
	}
}

// Model.js, describe "model.get()": the item Get returns for DynamoDB's GetItem answer (the
// read cases not already ported through the schema in schema/dynamoose_cases_test.go).
// Dynamoose returns undefined for a missing or hidden expired item; Get returns
// ErrNotFound.
func TestDynamooseGetResult(t *testing.T) {
	n := func(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }
	str := func(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
	m := func(kv map[string]types.AttributeValue) types.AttributeValue {
		return &types.AttributeValueMemberM{Value: kv}
	}
	id := schema.Attr("id", schema.Type(attr.N))
	sAttr := func(name string) schema.Def { return schema.Attr(name, schema.Type(attr.S)) }
	address := schema.Attr("address", schema.Map(sAttr("street"), schema.Attr("country", schema.Type(attr.S), schema.Required())))
	tests := []struct {
		name string
		opts []schema.Option
		item map[string]types.AttributeValue // nil: no item
		want string                          // fmt of the item; "" when refused
		fail error                           // what the refusal matches
	}{
		{name: "Should return undefined if no object exists in DynamoDB", opts: []schema.Option{id, sAttr("name")}, fail: ErrNotFound},
		{name: "Should throw type mismatch error if passing in wrong type with custom type for object", opts: []schema.Option{id, address},
			item: map[string]types.AttributeValue{"id": n("1"), "address": str("test")}, fail: attr.ErrType},
		{name: "Should return object with correct values with multiple nested object properties and saveUnknown set to true", opts: []schema.Option{id, schema.Attr("address", schema.Type(attr.M)), schema.SaveUnknown()},
			item: map[string]types.AttributeValue{"id": n("1"), "address": m(map[string]types.AttributeValue{"data": m(map[string]types.AttributeValue{"country": str("world")}), "name": str("Home")})},
			want: `map[address:map[data:map[country:world] name:Home] id:1]`},
		{name: "Should return object with correct values with multiple nested object properties",
			opts: []schema.Option{id, schema.Attr("address", schema.Map(schema.Attr("data", schema.Map(sAttr("country"))), sAttr("name")))},
			item: map[string]types.AttributeValue{"id": n("1"), "address": m(map[string]types.AttributeValue{"data": m(map[string]types.AttributeValue{"country": str("world")}), "name": str("Home")})},
			want: `map[address:map[data:map[country:world] name:Home] id:1]`},
		{name: "Should return correct object with array and objects within array", opts: []schema.Option{id, schema.Attr("friends", schema.List(schema.Map(schema.Attr("id", schema.Type(attr.N)), sAttr("name"))))},
			item: map[string]types.AttributeValue{"id": n("1"), "friends": &types.AttributeValueMemberL{Value: []types.AttributeValue{
				m(map[string]types.AttributeValue{"name": str("Tim"), "id": n("1")}), m(map[string]types.AttributeValue{"name": str("Bob"), "id": n("2")})}}},
			want: `map[friends:[map[id:1 name:Tim] map[id:2 name:Bob]] id:1]`},
		{name: "Should return object with correct values if Dynamo object consists properties that don't exist in schema", opts: []schema.Option{id, sAttr("name")},
			item: map[string]types.AttributeValue{"id": n("1"), "name": str("Charlie"), "hello": str("world")}, want: `map[id:1 name:Charlie]`},
		{name: "Should return object with correct combine attribute without modifying",
			opts: []schema.Option{id, sAttr("data1"), sAttr("data2"), schema.Attr("combine", schema.Combine(",", "data1", "data2"))},
			item: map[string]types.AttributeValue{"id": n("1"), "data1": str("hello"), "data2": str("world"), "combine": str("random")},
			want: `map[combine:random data1:hello data2:world id:1]`},
		{name: "Should map properties correctly", opts: []schema.Option{schema.Attr("pk", schema.Type(attr.N), schema.Alias("id"))},
			item: map[string]types.AttributeValue{"pk": n("1")}, want: `map[id:1]`},
		{name: "Should throw error if Dynamo object contains properties that have type mismatch with schema", opts: []schema.Option{id, sAttr("name"), schema.Attr("age", schema.Type(attr.N))},
			item: map[string]types.AttributeValue{"id": n("1"), "name": str("Charlie"), "age": str("Hello World")}, fail: attr.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.New(tt.opts...)
			if err != nil {
				t.Fatalf("schema.New: %v", err)
			}
			db := &recorder{getItem: func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) {
				return &dynamodb.GetItemOutput{Item: tt.item}, nil
			}}
			model, err := New(db, "User", s)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			got, err := model.Get(context.Background(), Key{Hash: 1})
			if tt.fail != nil {
				if !errors.Is(err, tt.fail) {
					t.Fatalf("Get = %v, %v; want an error matching %v", got, err, tt.fail)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if s := fmt.Sprint(got); s != tt.want {
				t.Errorf("Get = %s; want %s", s, tt.want)
			}
		})
	}
}

// Transaction.js: the items a transaction of reads returns, each decoded by its own model,
// and the table names with a prefix and a suffix. Dynamoose's models User and Credit share
// the table "Table"; here each model names it.
func TestDynamooseTransactGetResult(t *testing.T) {
	ctx := context.Background()
	models := func(t *testing.T, db DB, credit schema.Def, opts ...Option) (users, credits *Model[map[string]any]) {
		t.Helper()
		u, err := schema.New(schema.Attr("id", schema.Type(attr.N)), schema.Attr("name", schema.Type(attr.S)))
		if err != nil {
			t.Fatal(err)
		}
		c, err := schema.New(schema.Attr("id", schema.Type(attr.N)), credit)
		if err != nil {
			t.Fatal(err)
		}
		if users, err = New(db, "Table", u, opts...); err != nil {
			t.Fatal(err)
		}
		if credits, err = New(db, "Table", c, opts...); err != nil {
			t.Fatal(err)
		}
		return users, credits
	}
	answer := func(items ...map[string]types.AttributeValue) *recorder {
		return &recorder{transactGetItems: func(*dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
			out := &dynamodb.TransactGetItemsOutput{}
			for _, item := range items {
				out.Responses = append(out.Responses, types.ItemResponse{Item: item})
			}
			return out, nil
		}}
	}
	amount := schema.Attr("amount", schema.Type(attr.N))
	name := schema.Attr("name", schema.Type(attr.S))
	tests := []struct {
		name   string
		db     *recorder
		credit schema.Def
		want   string // the user and the credit read; "" when refused
	}{
		{name: "Should use correct models when getting transaction for multiple models", credit: amount,
			db:   answer(map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: "1"}, "name": &types.AttributeValueMemberS{Value: "John"}}, map[string]types.AttributeValue{"id": &types.AttributeValueMemberN{Value: "2"}, "amount": &types.AttributeValueMemberN{Value: "100"}}),
			want: `map[id:1 name:John] map[amount:100 id:2]`},
		{name: "Should use correct response from AWS", credit: name,
			db:   answer(userItem("1", "Bob"), userItem("2", "My Credit")),
			want: `map[id:1 name:Bob] map[id:2 name:My Credit]`},
		// Deliberate: Dynamoose returns null for an answer without responses; DynamoDB
		// answers a transaction of reads with one response per read, so Dynamodel refuses
		// any other answer (an *OpError).
		{name: "Should return null if no response from AWS", credit: name, db: answer()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			users, credits := models(t, tt.db, tt.credit)
			var user, credit map[string]any
			found, err := TransactGet(ctx, users.TxGet(Key{Hash: 1}, &user), credits.TxGet(Key{Hash: 2}, &credit))
			if tt.want == "" {
				var oe *OpError
				if !errors.As(err, &oe) {
					t.Fatalf("TransactGet = %v, %v; want an *OpError", found, err)
				}
				return
			}
			if err != nil || !slices.Equal(found, []bool{true, true}) {
				t.Fatalf("TransactGet = %v, %v; want both found", found, err)
			}
			if got := fmt.Sprint(user, " ", credit); got != tt.want {
				t.Errorf("TransactGet read %s; want %s", got, tt.want)
			}
		})
	}

	t.Run("Should send correct parameters to AWS with Prefix and Suffix", func(t *testing.T) {
		users, credits := models(t, answer(), name, WithTablePrefix("MyApp_"), WithTableSuffix("_Table"))
		var user, credit map[string]any
		in, err := TransactGetRequest(ctx, users.TxGet(Key{Hash: 1}, &user), credits.TxGet(Key{Hash: 2}, &credit))
		if err != nil {
			t.Fatal(err)
		}
		for i, item := range in.TransactItems {
			if got := *item.Get.TableName; got != "MyApp_Table_Table" {
				t.Errorf("action %d reads table %s; want MyApp_Table_Table", i, got)
			}
			if got, want := item.Get.Key["id"].(*types.AttributeValueMemberN).Value, fmt.Sprint(i+1); got != want {
				t.Errorf("action %d reads id %s; want %s", i, got, want)
			}
		}
	})
}

// Table.js, describe "table.name" and "Prefixes and Suffixes", and Model.js, "model.table()"
// "Should create table with a custom name and prefix if provided": the table a model uses.
func TestDynamooseTableName(t *testing.T) {
	s, err := schema.New(schema.Attr("id", schema.Type(attr.S)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		table string
		opts  []Option
		want  string
	}{
		{name: "No options/Should return correct value", table: "Table", want: "Table"},
		{name: "Prefix/Should return correct value", table: "Table", opts: []Option{WithTablePrefix("MyApp_")}, want: "MyApp_Table"},
		{name: "Suffix/Should return correct value", table: "User", opts: []Option{WithTableSuffix("_Table")}, want: "User_Table"},
		{name: "Model.js/Should create table with a custom name and prefix if provided", table: "custom-table-name",
			opts: []Option{WithTablePrefix("prefix-")}, want: "prefix-custom-table-name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(&recorder{}, tt.table, s, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.TableName(); got != tt.want {
				t.Errorf("TableName() = %q; want %q", got, tt.want)
			}
			in, err := m.GetRequest(context.Background(), Key{Hash: "1"})
			if err != nil || *in.TableName != tt.want {
				t.Errorf("GetRequest = %v, %v; want table %q", in, err, tt.want)
			}
		})
	}
}

// Model.js, describe "model.create()": what a create leaves in the caller's item and what it
// stores.
func TestDynamooseCreateItem(t *testing.T) {
	ctx := context.Background()
	stored := func(db *recorder) map[string]types.AttributeValue {
		return db.requests[len(db.requests)-1].(*dynamodb.PutItemInput).Item
	}
	putOK := func() *recorder {
		return &recorder{putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return &dynamodb.PutItemOutput{}, nil }}
	}
	for _, tt := range []struct {
		name string
		item func() map[string]any
	}{
		{"Should not mutate original object if properties not in schema", func() map[string]any { return map[string]any{"id": 1, "random": "data"} }},
		{"Should not mutate original object if nested object properties not in schema", func() map[string]any {
			return map[string]any{"id": 1, "randomdata": map[string]any{"hello": "world"}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := putOK()
			item := tt.item()
			if err := batchUsers(t, db).Create(ctx, &item); err != nil {
				t.Fatalf("Create: %v", err)
			}
			if got, want := fmt.Sprint(item), fmt.Sprint(tt.item()); got != want {
				t.Errorf("after Create, item = %s; want %s", got, want)
			}
			if got := stored(db); len(got) != 1 || idOf(got) != "1" {
				t.Errorf("stored %v; want only the id", got)
			}
		})
	}

	// "Should return correct result after saving with timestamps": the item created (given
	// back with ReturnStored) has createdAt and updatedAt of now; saved again (Put) later, it
	// keeps its createdAt and gets a later updatedAt.
	t.Run("Should return correct result after saving with timestamps", func(t *testing.T) {
		db := putOK()
		users := batchUsers(t, db, schema.Timestamps())
		before := time.Now().Truncate(time.Millisecond)
		item := map[string]any{"id": 1, "name": "Charlie"}
		if err := users.Create(ctx, &item, ReturnStored(&item)); err != nil {
			t.Fatalf("Create: %v", err)
		}
		created, ok := item["createdAt"].(time.Time)
		if !ok || created.Before(before) || created.After(time.Now()) || item["updatedAt"] != item["createdAt"] {
			t.Fatalf("after Create, item = %v; want createdAt = updatedAt = now", item)
		}
		time.Sleep(5 * time.Millisecond)
		item["name"] = "Charlie 2"
		if err := users.Put(ctx, &item, ReturnStored(&item)); err != nil {
			t.Fatalf("Put: %v", err)
		}
		updated, _ := item["updatedAt"].(time.Time)
		if item["createdAt"] != created || !updated.After(created) || item["name"] != "Charlie 2" {
			t.Errorf("after Put, item = %v; want createdAt %v kept, a later updatedAt", item, created)
		}
		if got := stored(db)["createdAt"].(*types.AttributeValueMemberN).Value; got != fmt.Sprint(created.UnixMilli()) {
			t.Errorf("Put stored createdAt %s; want %d", got, created.UnixMilli())
		}
	})
}
