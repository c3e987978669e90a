package attr

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/nullmark"
)

// Nullable is an attribute that may hold NULL, and keeps apart its three states, which a
// pointer cannot: absent (the zero Nullable: not written, and what an item without the
// attribute decodes to), NULL ([NullValue]: written and read as NULL), and a value ([Some]).
// It is Dynamoose's union of a type with dynamoose.type.NULL ([String, dynamoose.type.NULL]).
// The value is encoded as [Marshal] encodes a T (a time.Time as epoch milliseconds).
type Nullable[T any] struct {
	Value T    // the value, when Valid
	Valid bool // the attribute holds Value
	Null  bool // the attribute holds NULL (Valid is then false)
}

// Some returns the Nullable holding v.
func Some[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Valid: true} }

// DynamodelNullable marks Nullable for the schema package, which then lets a SET of nil and a
// condition value nil stand for NULL on the field; it does nothing, and only this module can
// call it.
func (Nullable[T]) DynamodelNullable(nullmark.Mark) {}

// NullValue returns the Nullable holding NULL.
func NullValue[T any]() Nullable[T] { return Nullable[T]{Null: true} }

// MarshalDynamo encodes NULL, the value, or nothing (the attribute is absent).
func (n Nullable[T]) MarshalDynamo() (types.AttributeValue, error) {
	switch {
	case n.Null:
		return &types.AttributeValueMemberNULL{Value: true}, nil
	case n.Valid:
		return Marshal(n.Value)
	}
	return nil, nil
}

// UnmarshalDynamo decodes NULL as NullValue and anything else as the value.
func (n *Nullable[T]) UnmarshalDynamo(av types.AttributeValue) error {
	if _, null := av.(*types.AttributeValueMemberNULL); null {
		*n = Nullable[T]{Null: true}
		return nil
	}
	var v T
	if err := Unmarshal(av, &v); err != nil {
		return err
	}
	*n = Nullable[T]{Value: v, Valid: true}
	return nil
}
