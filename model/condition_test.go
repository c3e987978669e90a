package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// plainEncoder encodes values with attr's defaults, as a schema without settings would.
type plainEncoder struct{}

func (plainEncoder) path(p string) (attr.Path, error)                      { return attr.ParsePath(p) }
func (plainEncoder) value(_ string, v any) (types.AttributeValue, error)   { return attr.Marshal(v) }
func (plainEncoder) element(_ string, v any) (types.AttributeValue, error) { return attr.Marshal(v) }
func (plainEncoder) typeAt(string) attr.Type                               { return attr.Invalid }

func TestConditionBuild(t *testing.T) {
	tests := []struct {
		name   string
		cond   Condition
		want   string
		values map[string]types.AttributeValue
	}{
		{"eq", Where("address.city").Eq("Oslo"), "#n0.#n1 = :v0", map[string]types.AttributeValue{":v0": &types.AttributeValueMemberS{Value: "Oslo"}}},
		{"ref", Where("spent").Le(Ref("budget")), "#n0 <= #n1", nil},
		{"size", Size("tags").Gt(2), "size(#n0) > :v0", map[string]types.AttributeValue{":v0": &types.AttributeValueMemberN{Value: "2"}}},
		{"between", Where("age").Between(1, 9), "#n0 BETWEEN :v0 AND :v1", map[string]types.AttributeValue{
			":v0": &types.AttributeValueMemberN{Value: "1"}, ":v1": &types.AttributeValueMemberN{Value: "9"}}},
		{"in", Where("s").In("a", "b"), "#n0 IN (:v0, :v1)", map[string]types.AttributeValue{
			":v0": &types.AttributeValueMemberS{Value: "a"}, ":v1": &types.AttributeValueMemberS{Value: "b"}}},
		{"functions", And(Where("sk").BeginsWith("o#"), Where("tags").Contains("x"), Where("a").Exists(), Where("b").NotExists(), Where("m").IsType(attr.M)),
			"begins_with(#n0, :v0) AND contains(#n1, :v1) AND attribute_exists(#n2) AND attribute_not_exists(#n3) AND attribute_type(#n4, :v2)",
			map[string]types.AttributeValue{":v0": &types.AttributeValueMemberS{Value: "o#"}, ":v1": &types.AttributeValueMemberS{Value: "x"}, ":v2": &types.AttributeValueMemberS{Value: "M"}}},
		{"groups", Where("a").Eq(1).And(Not(Where("b").Eq(2).Or(Where("c").Eq(3)))), "#n0 = :v0 AND (NOT (#n1 = :v1 OR #n2 = :v2))", map[string]types.AttributeValue{
			":v0": &types.AttributeValueMemberN{Value: "1"}, ":v1": &types.AttributeValueMemberN{Value: "2"}, ":v2": &types.AttributeValueMemberN{Value: "3"}}},
		{"zero conditions skipped", And(Condition{}, Where("a").Exists(), Or()), "attribute_exists(#n0)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ec, err := tt.cond.build(plainEncoder{})
			if err != nil {
				t.Fatalf("build(%v) = %v", tt.cond, err)
			}
			var b expr.Builder
			got, err := b.Condition(ec)
			if err != nil || got != tt.want {
				t.Errorf("Condition(%v) = %q, %v; want %q", tt.cond, got, err, tt.want)
			}
			if diff := cmp.Diff(b.Values(), tt.values, avOpts); diff != "" {
				t.Errorf("Condition(%v) values mismatch (-got +want):\n%s", tt.cond, diff)
			}
		})
	}
}

func TestConditionBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		cond Condition
		want string
	}{
		{"empty", Condition{}, "model: empty condition"},
		{"bad path", Where("a..b").Eq(1), `model: condition a..b = 1: attr: path "a..b"`},
		{"size of a function", Size("a").BeginsWith("x"), "size() can only be compared"},
		{"size against a string", Size("a").Eq("x"), "size() is compared with a number"},
		{"bad ref", Where("a").Eq(Ref("")), "attr: empty path"},
		{"deep bad path", Or(Where("a").Exists(), Not(Where("b[x]").Exists())), `bad index`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cond.build(plainEncoder{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("build(%v) = %v; want an error containing %q", tt.cond, err, tt.want)
			}
			var ce *ConditionError
			if tt.cond.n != nil && !errors.As(err, &ce) {
				t.Errorf("build(%v) = %T; want a *ConditionError", tt.cond, err)
			}
		})
	}
}

func TestConditionString(t *testing.T) {
	c := Where("a").Eq("x").And(Or(Size("t").Ge(2), Not(Where("b").In(1, 2))))
	want := `(a = "x") AND ((size(t) >= 2) OR (NOT (b IN (1, 2))))`
	if got := c.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}
