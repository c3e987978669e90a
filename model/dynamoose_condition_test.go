package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// Condition.js, describe "requestObject": the ConditionExpression Dynamoose builds for a
// condition, compared by meaning (see dynamoose_wire_test.go) with the one a Delete's dry
// run sends for the same condition. Dynamoose's test model is {"id": String}; the other
// attributes are unknown ones, encoded as their Go values are.
//
// Dynamoose's three spellings of one condition (where("id").eq("5"), {"id": "5"},
// {"id": {"eq": "5"}}) have one Go spelling, Where("id").Eq("5"); its where, filter and
// attribute are one function, Where. Its group and parenthesis are Go's And/Or
// nesting. Its not() flips the comparison that follows: not().eq is <>, not().lt is >=;
// Dynamodel's Not(c) is the logical NOT of c, so the Go port of not().lt(5) is Ge(5)
// (docs/migration.md §8), and Not(Lt(5)) is asserted apart, in
// TestDynamooseConditionNotIsLogical.
func TestDynamooseConditionRequestObject(t *testing.T) {
	tests := []struct {
		name string // the Dynamoose input
		cond Condition
		want string // Dynamoose's expected output
	}{
		{`new Condition()`, Condition{}, `{}`},
		{`new Condition("id").eq("5")`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition({"id": "5"})`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition(new Condition({"id": "5"}))`, And(Where("id").Eq("5")),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition({"id": {"eq": "5"}})`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition({"id": {"lt": "5"}})`, Where("id").Lt("5"),
			`{"ConditionExpression": "#a0 < :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition({"id": {"ne": "5"}})`, Where("id").Ne("5"),
			`{"ConditionExpression": "#a0 <> :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition("name.first").eq("Charlie")`, Where("name.first").Eq("Charlie"),
			`{"ConditionExpression": "#a0_0.#a0_1 = :v0", "ExpressionAttributeNames": {"#a0_0": "name", "#a0_1": "first"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}}}`},
		{`new Condition().group(new Condition("id").eq("5"))`, And(Where("id").Eq("5")),
			`{"ConditionExpression": "(#a0 = :v0)", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().parenthesis(new Condition("id").eq("5"))`, And(Where("id").Eq("5")),
			`{"ConditionExpression": "(#a0 = :v0)", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().group(new Condition().group(new Condition().group(new Condition().where("id").eq("5"))))`, And(And(And(Where("id").Eq("5")))),
			`{"ConditionExpression": "(((#a0 = :v0)))", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().group(new Condition().where("id").eq("5")).and().group(new Condition().where("name").eq("Charlie"))`,
			And(Where("id").Eq("5"), Where("name").Eq("Charlie")),
			`{"ConditionExpression": "(#a0 = :v0) AND (#a1 = :v1)", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}}}`},
		{`new Condition().group(new Condition().where("id").eq("5").group(new Condition().where("name").eq("Charlie")))`,
			And(Where("id").Eq("5"), And(Where("name").Eq("Charlie"))),
			`{"ConditionExpression": "(#a0 = :v0 AND (#a1 = :v1))", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}}}`},
		{`new Condition().group(new Condition().where("id").eq("5").group(new Condition().where("name").eq("Charlie").and().where("power").eq(10)))`,
			And(Where("id").Eq("5"), And(Where("name").Eq("Charlie"), Where("power").Eq(10))),
			`{"ConditionExpression": "(#a0 = :v0 AND (#a1 = :v1 AND #a2 = :v2))", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name", "#a2": "power"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}, ":v2": {"N": "10"}}}`},
		{`new Condition().group(new Condition().where("id").eq("5").or().group(new Condition().where("name").eq("Charlie").and().where("power").eq(10)))`,
			Or(Where("id").Eq("5"), And(Where("name").Eq("Charlie"), Where("power").Eq(10))),
			`{"ConditionExpression": "(#a0 = :v0 OR (#a1 = :v1 AND #a2 = :v2))", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name", "#a2": "power"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}, ":v2": {"N": "10"}}}`},
		{`new Condition().where("id").eq("5").or().where("name").eq("Charlie")`, Where("id").Eq("5").Or(Where("name").Eq("Charlie")),
			`{"ConditionExpression": "#a0 = :v0 OR #a1 = :v1", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}}}`},
		{`new Condition().where("id").eq("5")`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().filter("id").eq("5")`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().attribute("id").eq("5")`, Where("id").Eq("5"),
			`{"ConditionExpression": "#a0 = :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().where("id").not().eq("5")`, Where("id").Ne("5"),
			`{"ConditionExpression": "#a0 <> :v0", "ExpressionAttributeNames": {"#a0": "id"}, "ExpressionAttributeValues": {":v0": {"S": "5"}}}`},
		{`new Condition().where("id").not().eq("5").and().where("name").eq("Charlie")`, Where("id").Ne("5").And(Where("name").Eq("Charlie")),
			`{"ConditionExpression": "#a0 <> :v0 AND #a1 = :v1", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}}}`},
		{`new Condition().where("id").eq("5").and().where("name").eq("Charlie")`, Where("id").Eq("5").And(Where("name").Eq("Charlie")),
			`{"ConditionExpression": "#a0 = :v0 AND #a1 = :v1", "ExpressionAttributeNames": {"#a0": "id", "#a1": "name"}, "ExpressionAttributeValues": {":v0": {"S": "5"}, ":v1": {"S": "Charlie"}}}`},
		{`new Condition().where("age").lt(5)`, Where("age").Lt(5),
			`{"ConditionExpression": "#a0 < :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").not().lt(5)`, Where("age").Ge(5),
			`{"ConditionExpression": "#a0 >= :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").le(5)`, Where("age").Le(5),
			`{"ConditionExpression": "#a0 <= :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").not().le(5)`, Where("age").Gt(5),
			`{"ConditionExpression": "#a0 > :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").gt(5)`, Where("age").Gt(5),
			`{"ConditionExpression": "#a0 > :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").not().gt(5)`, Where("age").Le(5),
			`{"ConditionExpression": "#a0 <= :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").ge(5)`, Where("age").Ge(5),
			`{"ConditionExpression": "#a0 >= :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("age").not().ge(5)`, Where("age").Lt(5),
			`{"ConditionExpression": "#a0 < :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{`new Condition().where("name").beginsWith("C")`, Where("name").BeginsWith("C"),
			`{"ConditionExpression": "begins_with (#a0, :v0)", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "C"}}}`},
		{`new Condition().where("name").contains("C")`, Where("name").Contains("C"),
			`{"ConditionExpression": "contains (#a0, :v0)", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "C"}}}`},
		{`new Condition().where("name").not().contains("C")`, Not(Where("name").Contains("C")),
			`{"ConditionExpression": "NOT contains (#a0, :v0)", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "C"}}}`},
		{`new Condition().where("name").exists()`, Where("name").Exists(),
			`{"ConditionExpression": "attribute_exists (#a0)", "ExpressionAttributeNames": {"#a0": "name"}}`},
		{`new Condition().where("name").not().exists()`, Where("name").NotExists(),
			`{"ConditionExpression": "attribute_not_exists (#a0)", "ExpressionAttributeNames": {"#a0": "name"}}`},
		{`new Condition().where("name").in(["Charlie", "Bob"])`, Where("name").In("Charlie", "Bob"),
			`{"ConditionExpression": "#a0 IN (:v0_1, :v0_2)", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0_1": {"S": "Charlie"}, ":v0_2": {"S": "Bob"}}}`},
		{`new Condition().where("age").between(13, 18)`, Where("age").Between(13, 18),
			`{"ConditionExpression": "#a0 BETWEEN :v0_1 AND :v0_2", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0_1": {"N": "13"}, ":v0_2": {"N": "18"}}}`},
		{`new Condition().where("userID").eq("1").and().where("userID").exists()`, Where("userID").Eq("1").And(Where("userID").Exists()),
			`{"ConditionExpression": "#a0 = :v0 AND attribute_exists (#a1)", "ExpressionAttributeNames": {"#a0": "userID", "#a1": "userID"}, "ExpressionAttributeValues": {":v0": {"S": "1"}}}`},
	}
	m := dynamooseConditionModel(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := m.DeleteRequest(context.Background(), Key{Hash: "1"}, If(tt.cond))
			if err != nil {
				t.Fatalf("DeleteRequest(If(%v)) = %v", tt.cond, err)
			}
			in.TableName, in.Key = nil, nil // Dynamoose's requestObject holds the condition alone
			compareWire(t, in, tt.want)
		})
	}
}

// dynamooseConditionModel is Condition.js's test model, {"id": String}, keeping the
// attributes it does not declare.
func dynamooseConditionModel(t *testing.T) *Model[map[string]any] {
	t.Helper()
	return dynamooseModel(t, "Cat", sAttr("id"), schema.SaveUnknown())
}

// Condition.js, requestObject, `new Condition({"id": 1}).parenthesis((a) =>
// a.where("name").eq("Charlie").or().where("name").eq("Bob"))`: Dynamoose's test model
// declares id a String and still expects {"N": "1"} (its requestObject does not check
// values against the schema). Dynamodel checks a condition value against its attribute
// (docs/model.md, Conditions): the number is refused before sending, and the same
// condition on an attribute the schema leaves open sends Dynamoose's expression.
func TestDynamooseConditionValueChecked(t *testing.T) {
	m := dynamooseConditionModel(t)
	ctx := context.Background()
	group := Or(Where("name").Eq("Charlie"), Where("name").Eq("Bob"))
	_, err := m.DeleteRequest(ctx, Key{Hash: "1"}, If(Where("id").Eq(1).And(group)))
	var ce *ConditionError
	if !errors.As(err, &ce) || !errors.Is(err, validate.ErrInvalid) {
		t.Fatalf("DeleteRequest(If(id = 1 ...)) = %v; want a *ConditionError wrapping validate.ErrInvalid", err)
	}
	in, err := m.DeleteRequest(ctx, Key{Hash: "1"}, If(Where("num").Eq(1).And(group)))
	if err != nil {
		t.Fatalf("DeleteRequest(If(num = 1 ...)) = %v", err)
	}
	in.TableName, in.Key = nil, nil
	compareWire(t, in, `{"ConditionExpression": "#a0 = :v0 AND (#a1 = :v1 OR #a2 = :v2)", "ExpressionAttributeNames": {"#a0": "num", "#a1": "name", "#a2": "name"}, "ExpressionAttributeValues": {":v0": {"N": "1"}, ":v1": {"S": "Charlie"}, ":v2": {"S": "Bob"}}}`)
}

// Dynamoose's not() flips the comparison after it (Condition.js: not().lt(5) is "#a0 >=
// :v0", not().le is >, not().gt is <=, not().ge is <), which differs from a logical NOT
// where the attribute is missing or of another type. Dynamodel's Not is the logical NOT,
// sent as written; the flipped comparators are Ge, Gt, Le, Lt (docs/migration.md §8).
// Dynamoose refuses not() before beginsWith, in and between ("BEGINS_WITH can not follow
// not()"); DynamoDB takes NOT of any condition, and so does Dynamodel.
func TestDynamooseConditionNotIsLogical(t *testing.T) {
	tests := []struct {
		name string
		cond Condition
		want string
	}{
		{"not lt", Not(Where("age").Lt(5)),
			`{"ConditionExpression": "NOT #a0 < :v0", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "5"}}}`},
		{"not beginsWith (refused by Dynamoose)", Not(Where("name").BeginsWith("C")),
			`{"ConditionExpression": "NOT begins_with (#a0, :v0)", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "C"}}}`},
		{"not in (refused by Dynamoose)", Not(Where("name").In("Charlie", "Bob")),
			`{"ConditionExpression": "NOT (#a0 IN (:v0, :v1))", "ExpressionAttributeNames": {"#a0": "name"}, "ExpressionAttributeValues": {":v0": {"S": "Charlie"}, ":v1": {"S": "Bob"}}}`},
		{"not between (refused by Dynamoose)", Not(Where("age").Between(13, 18)),
			`{"ConditionExpression": "NOT (#a0 BETWEEN :v0 AND :v1)", "ExpressionAttributeNames": {"#a0": "age"}, "ExpressionAttributeValues": {":v0": {"N": "13"}, ":v1": {"N": "18"}}}`},
	}
	m := dynamooseConditionModel(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := m.DeleteRequest(context.Background(), Key{Hash: "1"}, If(tt.cond))
			if err != nil {
				t.Fatalf("DeleteRequest(If(%v)) = %v", tt.cond, err)
			}
			if got := *in.ConditionExpression; !strings.HasPrefix(got, "NOT ") {
				t.Errorf("DeleteRequest(If(%v)).ConditionExpression = %q; want a NOT", tt.cond, got)
			}
			in.TableName, in.Key = nil, nil
			compareWire(t, in, tt.want)
		})
	}
}
