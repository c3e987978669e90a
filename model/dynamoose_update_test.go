package model

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	gocmp "github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// Model.js, describe "model.update()": the UpdateItem request Dynamoose sends for a key and
// an update object, compared by meaning with the one Update(key)...Request returns.
// Dynamoose's plain attributes and $SET are Set, $ADD of a number or a set is Add, $ADD to
// a list is Append, $REMOVE is Remove, $DELETE is Delete. Both return the whole updated item
// by default (ReturnValues ALL_NEW).
func TestDynamooseUpdateRequest(t *testing.T) {
	ctx := context.Background()
	type upd = Update[map[string]any]
	user := func(more ...schema.Option) func(t *testing.T) *Model[map[string]any] {
		return func(t *testing.T) *Model[map[string]any] {
			return dynamooseModel(t, "User", append([]schema.Option{nAttr("id"), sAttr("name"), nAttr("age")}, more...)...)
		}
	}
	with := func(opts ...schema.Option) func(t *testing.T) *Model[map[string]any] {
		return func(t *testing.T) *Model[map[string]any] { return dynamooseModel(t, "User", opts...) }
	}
	pkSk := with(nAttr("pk"), nAttr("sk", schema.RangeKey()), sAttr("name"), nAttr("age"))
	friends := with(nAttr("id"), sAttr("name"), schema.Attr("friends", schema.List(schema.Type(attr.S))))
	birthday := with(nAttr("id"), schema.Attr("birthday", schema.Date(attr.TimeMillis)))
	setAttr := with(nAttr("id"), schema.Attr("data1", schema.Type(attr.SS)))
	combine := with(nAttr("id"), sAttr("data1"), sAttr("data2"), schema.Attr("combine", schema.Combine(",", "data1", "data2")))
	keySet := schema.Setter(func(v float64, _ *float64) (float64, error) { return v + 1, nil })
	setSuffix := schema.Setter(func(v string, _ *string) (string, error) { return v + "-set", nil })
	date := time.Date(2020, 1, 2, 3, 4, 5, 678e6, time.UTC)
	on := func(k Key, f func(u upd) upd) func(m *Model[map[string]any]) (any, error) {
		return func(m *Model[map[string]any]) (any, error) { return f(m.Update(k)).Request(ctx) }
	}
	id1 := Key{Hash: 1}
	runDynamooseRequests(t, []dynamooseRequestCase{
		{name: "Should return request if settings passed in", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for trying to pass number as key", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for trying to update unknown properties with saveUnknown", model: user(schema.SaveUnknown()),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Set("random", "hello world") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "random"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"S": "hello world"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET update expression for list (given as []any)", model: friends,
			dry:  on(id1, func(u upd) upd { return u.Set("friends", []any{"Bob"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Bob"}]}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for trying to update unknown list properties with saveUnknown", model: user(schema.SaveUnknown()),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Set("random", []any{"hello world"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "random"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"L": [{"S": "hello world"}]}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		// Dynamoose appends with list_append(#a1, :v1), which DynamoDB refuses when the item has
		// no such list yet; Dynamodel's Append appends onto an absent list too
		// (list_append(if_not_exists(#a1, :empty), :v1); docs/model.md, Updates), so the
		// expected request below is Dynamoose's with that operand.
		{name: "Should send correct params to updateItem for trying to update unknown list properties with saveUnknown as $ADD", model: user(schema.SaveUnknown()),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Append("random", []any{"hello world"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "random"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"L": [{"S": "hello world"}]}, ":e": {"L": []}}, "UpdateExpression": "SET #a0 = :v0, #a1 = list_append(if_not_exists(#a1, :e), :v1)", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for single object update", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for single object update with rangeKey", model: pkSk,
			dry:  on(Key{Hash: 1, Range: 1}, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"pk": {"N": "1"}, "sk": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for single object update with multiple updates", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Set("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "age"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "5"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem for single object update with multiple updates with rangeKey", model: pkSk,
			dry:  on(Key{Hash: 1, Range: 1}, func(u upd) upd { return u.Set("name", "Charlie").Set("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "age"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "5"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"pk": {"N": "1"}, "sk": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with separate key and update objects", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with separate key and update objects with rangeKey", model: pkSk,
			dry:  on(Key{Hash: 1, Range: 1}, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"pk": {"N": "1"}, "sk": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with separate key and update objects and multiple updates", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Set("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "age"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "5"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with separate key and update objects and multiple updates with rangeKey", model: pkSk,
			dry:  on(Key{Hash: 1, Range: 1}, func(u upd) upd { return u.Set("name", "Charlie").Set("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "age"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "5"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"pk": {"N": "1"}, "sk": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem when using undefined to restore to default property",
			model: with(nAttr("id"), sAttr("name", schema.DefaultFunc(func() string { return "Charlie" })), nAttr("age")),
			dry:   on(id1, func(u upd) upd { return u.Remove("name") }),
			want:  `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem when using undefined to delete default property", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Remove("name") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "UpdateExpression": "REMOVE #a0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET update expression", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Tim") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Tim"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET update expression and multiple property updates", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Set("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name", "#a1": "age"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"N": "5"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET update expression for list", model: friends,
			dry:  on(id1, func(u upd) upd { return u.Set("friends", []string{"Bob"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Bob"}]}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD update expression", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Add("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}, "UpdateExpression": "ADD #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD and $SET update expression", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Add("age", 5).Set("name", "Bob") }),
			want: `{"ExpressionAttributeNames": {"#a0": "age", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"N": "5"}, ":v1": {"S": "Bob"}}, "UpdateExpression": "ADD #a0 :v0 SET #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD and $SET update expression but $SET expression not as object", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Add("age", 5).Set("name", "Bob") }),
			want: `{"ExpressionAttributeNames": {"#a0": "age", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"N": "5"}, ":v1": {"S": "Bob"}}, "UpdateExpression": "ADD #a0 :v0 SET #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD with one item for list append", model: friends,
			dry:  on(id1, func(u upd) upd { return u.Append("friends", []string{"Tim"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Tim"}]}, ":e": {"L": []}}, "UpdateExpression": "SET #a0 = list_append(if_not_exists(#a0, :e), :v0)", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD with multiple items for list append", model: friends,
			dry:  on(id1, func(u upd) upd { return u.Append("friends", []string{"Tim", "Charlie"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Tim"}, {"S": "Charlie"}]}, ":e": {"L": []}}, "UpdateExpression": "SET #a0 = list_append(if_not_exists(#a0, :e), :v0)", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $REMOVE", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Remove("age") }),
			want: `{"ExpressionAttributeNames": {"#a0": "age"}, "UpdateExpression": "REMOVE #a0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $REMOVE saveUnknown property", model: with(nAttr("id"), sAttr("name"), schema.SaveUnknown("age")),
			dry:  on(id1, func(u upd) upd { return u.Remove("age") }),
			want: `{"ExpressionAttributeNames": {"#a0": "age"}, "UpdateExpression": "REMOVE #a0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $REMOVE as array", model: user(),
			dry:  on(id1, func(u upd) upd { return u.Remove("age") }),
			want: `{"ExpressionAttributeNames": {"#a0": "age"}, "UpdateExpression": "REMOVE #a0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET date", model: birthday,
			dry:  on(id1, func(u upd) upd { return u.Set("birthday", date) }),
			want: `{"ExpressionAttributeNames": {"#a0": "birthday"}, "ExpressionAttributeValues": {":v0": {"N": "1577934245678"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $SET date as number", model: birthday,
			dry:  on(id1, func(u upd) upd { return u.Set("birthday", 0) }),
			want: `{"ExpressionAttributeNames": {"#a0": "birthday"}, "ExpressionAttributeValues": {":v0": {"N": "0"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with $ADD date as number", model: birthday,
			dry:  on(id1, func(u upd) upd { return u.Add("birthday", 1000) }),
			want: `{"ExpressionAttributeNames": {"#a0": "birthday"}, "ExpressionAttributeValues": {":v0": {"N": "1000"}}, "UpdateExpression": "ADD #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with conditional", model: with(nAttr("id"), sAttr("name"), schema.Attr("active", schema.Type(attr.BOOL))),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").If(Where("active").Eq(true)) }),
			want: `{"ExpressionAttributeNames": {"#a1": "name", "#a0": "active"}, "ExpressionAttributeValues": {":v1": {"S": "Charlie"}, ":v0": {"BOOL": true}}, "UpdateExpression": "SET #a1 = :v1", "ConditionExpression": "#a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem with returnValues", model: with(nAttr("id"), sAttr("name"), schema.Attr("active", schema.Type(attr.BOOL))),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie").Return(ReturnNone) }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "NONE"}`},
		{name: "Should send correct params to updateItem if we have a set setting for key property", model: with(nAttr("id", keySet), sAttr("name"), nAttr("age")),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "2"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem if we have a set setting for set property",
			model: with(nAttr("id", keySet), sAttr("name", schema.Setter(func(v string, _ *string) (string, error) { return v + " Test", nil })), nAttr("age")),
			dry:   on(id1, func(u upd) upd { return u.Set("name", "Charlie") }),
			want:  `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie Test"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "2"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct params to updateItem if we use an aliased attribute for the key with a separate update object", model: with(sAttr("pk", schema.Alias("email")), sAttr("name")),
			dry:  on(Key{Hash: "john@john.com"}, func(u upd) upd { return u.Set("name", "John") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "John"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"pk": {"S": "john@john.com"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use default value if deleting property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob"))),
			dry:  on(id1, func(u upd) upd { return u.Remove("name") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Shouldn't use default value if modifying property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob"))),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Tim") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Tim"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Shouldn't use default value if modifying different property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob")), sAttr("data")),
			dry:  on(id1, func(u upd) upd { return u.Set("data", "test") }),
			want: `{"ExpressionAttributeNames": {"#a0": "data"}, "ExpressionAttributeValues": {":v0": {"S": "test"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use forceDefault value if deleting property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob"), schema.ForceDefault())),
			dry:  on(id1, func(u upd) upd { return u.Remove("name") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use forceDefault value if modifying property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob"), schema.ForceDefault())),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Tim") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use forceDefault value if adding to property that is a string set", model: with(nAttr("id"), schema.Attr("friends", schema.Type(attr.SS), schema.Default([]string{"Bob"}), schema.ForceDefault())),
			dry:  on(id1, func(u upd) upd { return u.Add("friends", []string{"Tim"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"SS": ["Bob"]}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use forceDefault value if adding to property that is a string list", model: with(nAttr("id"), schema.Attr("friends", schema.List(schema.Type(attr.S)), schema.Default([]string{"Bob"}), schema.ForceDefault())),
			dry:  on(id1, func(u upd) upd { return u.Append("friends", []string{"Tim"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "friends"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Bob"}]}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should use forceDefault value if modifying different property", model: with(nAttr("id"), sAttr("name", schema.Default("Bob"), schema.ForceDefault()), sAttr("data")),
			dry:  on(id1, func(u upd) upd { return u.Set("data", "test") }),
			want: `{"ExpressionAttributeNames": {"#a0": "data", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "test"}, ":v1": {"S": "Bob"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Shouldn't conform to enum if property isn't being updated", model: with(nAttr("id"), sAttr("name", schema.Enum("Bob", "Tim")), sAttr("data")),
			dry:  on(id1, func(u upd) upd { return u.Set("data", "test") }),
			want: `{"ExpressionAttributeNames": {"#a0": "data"}, "ExpressionAttributeValues": {":v0": {"S": "test"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should call set modifier if setting property", model: with(nAttr("id"), sAttr("name", setSuffix)),
			dry:  on(id1, func(u upd) upd { return u.Set("name", "Bob") }),
			want: `{"ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Bob-set"}}, "UpdateExpression": "SET #a0 = :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should not call set modifier if adding to property", model: with(nAttr("id"), nAttr("age", schema.Setter(func(v float64, _ *float64) (float64, error) { return v * 10, nil }))),
			dry:  on(id1, func(u upd) upd { return u.Add("age", 5) }),
			want: `{"ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}, "UpdateExpression": "ADD #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when updating all combine properties", model: combine,
			dry:  on(id1, func(u upd) upd { return u.Set("data1", "hello").Set("data2", "world") }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1", "#a1": "data2", "#a2": "combine"}, "ExpressionAttributeValues": {":v0": {"S": "hello"}, ":v1": {"S": "world"}, ":v2": {"S": "hello,world"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1, #a2 = :v2", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when updating or removing all combine properties", model: combine,
			dry:  on(id1, func(u upd) upd { return u.Set("data1", "hello").Remove("data2") }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1", "#a1": "data2", "#a2": "combine"}, "ExpressionAttributeValues": {":v0": {"S": "hello"}, ":v2": {"S": "hello"}}, "UpdateExpression": "REMOVE #a1 SET #a0 = :v0, #a2 = :v2", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when adding an element to a set", model: setAttr,
			dry:  on(id1, func(u upd) upd { return u.Add("data1", []string{"test1"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1"}, "ExpressionAttributeValues": {":v0": {"SS": ["test1"]}}, "UpdateExpression": "ADD #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when adding multiple elements to a Set", model: setAttr,
			dry:  on(id1, func(u upd) upd { return u.Add("data1", []string{"test1", "test2"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1"}, "ExpressionAttributeValues": {":v0": {"SS": ["test1", "test2"]}}, "UpdateExpression": "ADD #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when removing an element from a Set", model: setAttr,
			dry:  on(id1, func(u upd) upd { return u.Delete("data1", []string{"test1"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1"}, "ExpressionAttributeValues": {":v0": {"SS": ["test1"]}}, "UpdateExpression": "DELETE #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when removing multiple elements from a Set", model: setAttr,
			dry:  on(id1, func(u upd) upd { return u.Delete("data1", []string{"test1", "test2"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1"}, "ExpressionAttributeValues": {":v0": {"SS": ["test1", "test2"]}}, "UpdateExpression": "DELETE #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{name: "Should send correct parameters when removing an element from a Set with other required parameters", model: with(nAttr("id"), schema.Attr("data1", schema.Type(attr.SS)), sAttr("data2", schema.Required())),
			dry:  on(id1, func(u upd) upd { return u.Delete("data1", []string{"test1"}) }),
			want: `{"ExpressionAttributeNames": {"#a0": "data1"}, "ExpressionAttributeValues": {":v0": {"SS": ["test1"]}}, "UpdateExpression": "DELETE #a0 :v0", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
	})
}

// Model.js, describe "model.update()": the updates Dynamoose refuses, refused by Dynamodel
// before anything is sent, and the ones Dynamoose sends where Dynamodel refuses (each with
// the reason).
func TestDynamooseUpdateRefused(t *testing.T) {
	ctx := context.Background()
	type upd = Update[map[string]any]
	with := func(opts ...schema.Option) func(t *testing.T) *Model[map[string]any] {
		return func(t *testing.T) *Model[map[string]any] { return dynamooseModel(t, "User", opts...) }
	}
	user := with(nAttr("id"), sAttr("name"), nAttr("age"))
	friends := with(nAttr("id"), sAttr("name"), schema.Attr("friends", schema.List(schema.Type(attr.S))))
	longName := schema.Validate(validate.Func("long", func(v string) error {
		if len(v) <= 10 {
			return errors.New("too short")
		}
		return nil
	}))
	tests := []struct {
		name  string
		model func(t *testing.T) *Model[map[string]any]
		key   Key
		f     func(u upd) upd
		want  error
	}{
		{"Should throw error if validation doesn't pass", with(nAttr("id"), sAttr("name", longName)), Key{Hash: 1},
			func(u upd) upd { return u.Set("name", "Bob") }, validate.ErrInvalid},
		{"Should throw error if value not in enum", with(nAttr("id"), sAttr("name", schema.Enum("Bob", "Tim"))), Key{Hash: 1},
			func(u upd) upd { return u.Set("name", "Todd") }, validate.ErrInvalid},
		{"Should throw error for type mismatch for set", user, Key{Hash: 1},
			func(u upd) upd { return u.Set("name", false) }, validate.ErrInvalid},
		{"Should throw error for type mismatch for add", with(nAttr("id"), nAttr("myNumber")), Key{Hash: 1},
			func(u upd) upd { return u.Add("myNumber", false) }, validate.ErrInvalid},
		{"Should throw error for one item list append type mismatch", friends, Key{Hash: 1},
			func(u upd) upd { return u.Append("friends", []any{false}) }, validate.ErrInvalid},
		{"Should throw error for multiple item list append type mismatch", friends, Key{Hash: 1},
			func(u upd) upd { return u.Append("friends", []any{1, 5}) }, validate.ErrInvalid},
		{"Should throw error if trying to remove required property", with(nAttr("id"), sAttr("name", schema.Required())), Key{Hash: 1},
			func(u upd) upd { return u.Remove("name") }, validate.ErrInvalid},
		{"Should throw error if trying to replace object without nested required property",
			with(nAttr("id"), schema.Attr("data", schema.Map(schema.Attr("name", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N), schema.Required())))), Key{Hash: 1},
			func(u upd) upd { return u.Set("data", map[string]any{"name": "Charlie"}) }, validate.ErrInvalid},
		{"Should throw error if trying to replace object with $SET without nested required property",
			with(nAttr("id"), schema.Attr("data", schema.Map(schema.Attr("name", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N), schema.Required())))), Key{Hash: 1},
			func(u upd) upd { return u.Set("data", map[string]any{"name": "Charlie"}) }, validate.ErrInvalid},
		{"Should throw error if updating one combine property",
			with(nAttr("id"), sAttr("data1"), sAttr("data2"), schema.Attr("combine", schema.Combine(",", "data1", "data2"))), Key{Hash: 1},
			func(u upd) upd { return u.Set("data1", "Charlie") }, validate.ErrInvalid},
		// Dynamoose sends {"S": "random"} for the Number key ("Should send correct params to
		// updateItem for trying to pass string as key" expects it); Dynamodel refuses it.
		{"Should send correct params to updateItem for trying to pass string as key (refused)", user, Key{Hash: "id"},
			func(u upd) upd { return u.Set("name", "Charlie") }, validate.ErrInvalid},
		// Dynamoose drops an attribute the schema does not declare from an update without a
		// word ("...for trying to update unknown properties", "...unknown list properties");
		// Dynamodel refuses it, as it drops no data the caller asked to write.
		{"Should send correct params to updateItem for trying to update unknown properties (refused)", user, Key{Hash: 1},
			func(u upd) upd { return u.Set("name", "Charlie").Set("random", "hello world") }, schema.ErrUnknown},
		{"Should send correct params to updateItem for trying to update unknown list properties (refused)", user, Key{Hash: 1},
			func(u upd) upd { return u.Set("name", "Charlie").Set("random", []any{"hello world"}) }, schema.ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := tt.f(tt.model(t).Update(tt.key)).Request(ctx)
			if err == nil || !errors.Is(err, tt.want) {
				t.Fatalf("Request() = %v, %v; want an error matching %v", in, err, tt.want)
			}
		})
	}
}

// Model.js, model.update() "Should send correct params to updateItem for timestamps with
// updateAt" and "... with custom parameter names": the update sets updatedAt to now. A
// Dynamodel update also writes createdAt = if_not_exists(createdAt, now), so that an item the
// update creates has one (docs/migration.md §8); the expected request is Dynamoose's with
// that action added.
func TestDynamooseUpdateTimestamps(t *testing.T) {
	now := time.Date(2021, 3, 4, 5, 6, 7, 891e6, time.UTC)
	clock := schema.Clock(func() time.Time { return now })
	tests := []struct {
		name string
		opts []schema.Option
		want string
	}{
		{"Should send correct params to updateItem for timestamps with updateAt", []schema.Option{schema.Timestamps()},
			`{"ExpressionAttributeNames": {"#a0": "updatedAt", "#a1": "name", "#a2": "createdAt"}, "ExpressionAttributeValues": {":v0": {"N": "1614834367891"}, ":v1": {"S": "Charlie"}, ":v2": {"N": "1614834367891"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1, #a2 = if_not_exists(#a2, :v2)", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
		{"Should send correct params to updateItem for timestamps with updateAt with custom parameter names",
			[]schema.Option{schema.CreatedAt("created", attr.TimeMillis), schema.UpdatedAt("updated", attr.TimeMillis)},
			`{"ExpressionAttributeNames": {"#a0": "updated", "#a1": "name", "#a2": "created"}, "ExpressionAttributeValues": {":v0": {"N": "1614834367891"}, ":v1": {"S": "Charlie"}, ":v2": {"N": "1614834367891"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1, #a2 = if_not_exists(#a2, :v2)", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := dynamooseModel(t, "User", append([]schema.Option{clock, nAttr("id"), sAttr("name")}, tt.opts...)...)
			in, err := m.Update(Key{Hash: 1}).Set("name", "Charlie").Request(context.Background())
			if err != nil {
				t.Fatalf("Request() = %v", err)
			}
			compareWire(t, in, tt.want)
		})
	}
}

// Model.js, model.update(): what Exec returns (the item DynamoDB answers with, ALL_NEW), and
// that a refusal from DynamoDB reaches the caller. "Should not delete keys from object": the
// value given to Set is left as it was.
func TestDynamooseUpdateResult(t *testing.T) {
	ctx := context.Background()
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	t.Run("Should return updated item upon success", func(t *testing.T) {
		rec := answering()
		rec.updateItem = func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
			return &dynamodb.UpdateItemOutput{Attributes: map[string]types.AttributeValue{"id": n("1"), "name": &types.AttributeValueMemberS{Value: "Charlie"}}}, nil
		}
		m := onDB(t, dynamooseModel(t, "User", nAttr("id"), sAttr("name"), nAttr("age")), rec)
		got, err := m.Update(Key{Hash: 1}).Set("name", "Charlie").Exec(ctx)
		if err != nil {
			t.Fatalf("Exec() = %v", err)
		}
		if diff := gocmp.Diff(map[string]any{"id": 1, "name": "Charlie"}, got, numbersAsFloats); diff != "" {
			t.Errorf("Exec() mismatch (-want +got):\n%s", diff)
		}
	})
	address := func() map[string]any { return map[string]any{"zip": 12345, "country": "world"} }
	for _, name := range []string{"Should return updated item with object property upon success", "Should not delete keys from object"} {
		t.Run(name, func(t *testing.T) {
			rec := answering()
			rec.updateItem = func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
				return &dynamodb.UpdateItemOutput{Attributes: map[string]types.AttributeValue{"id": n("1"), "address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
					"zip": n("12345"), "country": &types.AttributeValueMemberS{Value: "world"}}}}}, nil
			}
			m := onDB(t, dynamooseModel(t, "User", nAttr("id"), schema.Attr("address", schema.Type(attr.M)), schema.SaveUnknown()), rec)
			given := address()
			got, err := m.Update(Key{Hash: 1}).Set("address", given).Exec(ctx)
			if err != nil {
				t.Fatalf("Exec() = %v", err)
			}
			if diff := gocmp.Diff(map[string]any{"id": 1, "address": address()}, got, numbersAsFloats); diff != "" {
				t.Errorf("Exec() mismatch (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(address(), given); diff != "" {
				t.Errorf("Exec() changed the value given (-before +after):\n%s", diff)
			}
		})
	}
	t.Run("Should throw error if AWS throws error", func(t *testing.T) {
		refusal := errors.New("ERROR")
		rec := answering()
		rec.updateItem = func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) { return nil, refusal }
		m := onDB(t, dynamooseModel(t, "User", nAttr("id"), sAttr("name"), nAttr("age")), rec)
		_, err := m.Update(Key{Hash: 1}).Add("age", 5).Set("name", "Bob").Exec(ctx)
		var oe *OpError
		if !errors.Is(err, refusal) || !errors.As(err, &oe) {
			t.Fatalf("Exec() = %v; want an *OpError wrapping DynamoDB's error", err)
		}
	})
}
