package model

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

type forced struct {
	ID    string   `dynamo:"id"`
	Stage []string `dynamo:"stage"`
	Level int      `dynamo:"level"`
	Note  string   `dynamo:"note"`
}

// TestForceDefaultReplacesAppendAndDecrement checks that an Append, Prepend or Decrement of a
// ForceDefault attribute stores its default, as every other change of it does (the schema
// turns it into a SET of the default). The model sent the SET the schema returned as the
// operation the caller named: the default was appended to (or prepended to) the stored list,
// or subtracted from the stored number.
func TestForceDefaultReplacesAppendAndDecrement(t *testing.T) {
	s := schema.Must(schema.For[forced](
		schema.Attr("stage", schema.Default([]string{"draft"}), schema.ForceDefault()),
		schema.Attr("level", schema.Default(3), schema.ForceDefault()),
	))
	m, err := New[forced](&recorder{}, "forced", s)
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	tests := []struct {
		name string
		u    Update[forced]
	}{
		{"append", m.Update(Key{Hash: "f1"}).Append("stage", []string{"x"})},
		{"prepend", m.Update(Key{Hash: "f1"}).Prepend("stage", []string{"x"})},
		{"decrement", m.Update(Key{Hash: "f1"}).Decrement("level", 1)},
		{"increment", m.Update(Key{Hash: "f1"}).Increment("level", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := tt.u.Request(context.Background())
			if err != nil {
				t.Fatalf("Request = %v", err)
			}
			if got, want := spelled(in), "SET level = N3, stage = L[S\"draft\"]"; got != want {
				t.Errorf("Request = %s; want %s", got, want)
			}
		})
	}
}

// spelled returns the update expression of in with its placeholders replaced by the names
// and values they stand for, its SET clauses sorted.
func spelled(in *dynamodb.UpdateItemInput) string {
	e := aws.ToString(in.UpdateExpression)
	for k, v := range in.ExpressionAttributeValues {
		e = strings.ReplaceAll(e, k, spell(v))
	}
	for k, v := range in.ExpressionAttributeNames {
		e = strings.ReplaceAll(e, k, v)
	}
	if rest, ok := strings.CutPrefix(e, "SET "); ok && !strings.Contains(rest, "(") {
		parts := strings.Split(rest, ", ")
		slices.Sort(parts)
		e = "SET " + strings.Join(parts, ", ")
	}
	return e
}

func spell(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return "S" + strconv.Quote(v.Value)
	case *types.AttributeValueMemberN:
		return "N" + v.Value
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, e := range v.Value {
			parts[i] = spell(e)
		}
		return "L[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprintf("%T", av)
}
