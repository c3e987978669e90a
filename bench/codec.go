package bench

import (
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/guregu/dynamo/v2"
)

// Codec is one way of converting T to and from an item.
type Codec[T any] struct {
	Name      string
	Marshal   func(*T) (map[string]types.AttributeValue, error)
	Unmarshal func(map[string]types.AttributeValue, *T) error
}

// Codecs returns the four codecs for T, in the order of the report: dynamodel,
// attributevalue, guregu, and handwritten (when hand is given).
func Codecs[T any](handMarshal func(*T) map[string]types.AttributeValue, handUnmarshal func(map[string]types.AttributeValue, *T) error) ([]Codec[T], error) {
	c, err := attr.For[T]()
	if err != nil {
		return nil, err
	}
	return []Codec[T]{
		{Name: "dynamodel", Marshal: c.Marshal, Unmarshal: c.Unmarshal},
		{
			Name:      "attributevalue",
			Marshal:   func(v *T) (map[string]types.AttributeValue, error) { return attributevalue.MarshalMap(v) },
			Unmarshal: func(item map[string]types.AttributeValue, v *T) error { return attributevalue.UnmarshalMap(item, v) },
		},
		{
			Name:      "guregu",
			Marshal:   func(v *T) (map[string]types.AttributeValue, error) { return dynamo.MarshalItem(v) },
			Unmarshal: func(item map[string]types.AttributeValue, v *T) error { return dynamo.UnmarshalItem(item, v) },
		},
		{
			Name:      "handwritten",
			Marshal:   func(v *T) (map[string]types.AttributeValue, error) { return handMarshal(v), nil },
			Unmarshal: handUnmarshal,
		},
	}, nil
}
