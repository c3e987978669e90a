package model

import (
	"context"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// An update that appends to, prepends to or decrements a ForceDefault attribute sets the
// default, as every other change of it does (Model.js, model.update() "Should use
// forceDefault value if adding to property that is a string list"): the default was sent
// as the list to append (list_append(if_not_exists(friends, []), ["Bob"]), which grew the
// list by the default on every update) or the number to subtract.
func TestForceDefaultReplacesAppendAndDecrement(t *testing.T) {
	ctx := context.Background()
	m := dynamooseModel(t, "User", nAttr("id"),
		schema.Attr("friends", schema.List(schema.Type(attr.S)), schema.Default([]any{"Bob"}), schema.ForceDefault()),
		nAttr("level", schema.Default(3), schema.ForceDefault()))
	type upd = Update[map[string]any]
	tests := []struct {
		name string
		f    func(u upd) upd
	}{
		{"append", func(u upd) upd { return u.Append("friends", []any{"Tim"}) }},
		{"prepend", func(u upd) upd { return u.Prepend("friends", []any{"Tim"}) }},
		{"decrement", func(u upd) upd { return u.Decrement("level", 1) }},
		{"set", func(u upd) upd { return u.Set("friends", []any{"Tim"}).Set("level", 1) }},
	}
	want := `{"ExpressionAttributeNames": {"#a0": "friends", "#a1": "level"}, "ExpressionAttributeValues": {":v0": {"L": [{"S": "Bob"}]}, ":v1": {"N": "3"}}, "UpdateExpression": "SET #a0 = :v0, #a1 = :v1", "Key": {"id": {"N": "1"}}, "TableName": "User", "ReturnValues": "ALL_NEW"}`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := tt.f(m.Update(Key{Hash: 1})).Request(ctx)
			if err != nil {
				t.Fatalf("Request() = %v", err)
			}
			compareWire(t, in, want)
		})
	}
}
