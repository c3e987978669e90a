package schema

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// euros is a float type that encodes itself, as text with a currency.
type euros float64

func (e euros) MarshalDynamo() (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: strconv.FormatFloat(float64(e), 'f', 2, 64) + " EUR"}, nil
}

// eurosText is a float type stored as its text (encoding.TextMarshaler).
type eurosText float64

func (e eurosText) MarshalText() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(e), 'f', 2, 64) + " EUR"), nil
}

// TestCombineFloatTypeThatEncodesItself checks that a source of a float kind whose type
// encodes itself (attr.Marshaler, encoding.TextMarshaler) is combined as it is stored, as
// every other source: only a plain float is written as JavaScript writes a number.
func TestCombineFloatTypeThatEncodesItself(t *testing.T) {
	type Item struct {
		ID    string    `dynamo:"id"`
		Price euros     `dynamo:"price"`
		Text  eurosText `dynamo:"text"`
		Label string    `dynamo:"label"`
		Other string    `dynamo:"other"`
	}
	s := Must(For[Item](Attr("id", HashKey()), Attr("label", Combine("#", "id", "price")), Attr("other", Combine("#", "id", "text"))))
	got, err := s.Put(&Item{ID: "a", Price: 1e6, Text: 1.5})
	if err != nil {
		t.Fatalf("Put = %v", err)
	}
	for name, want := range map[string]string{"price": `S"1000000.00 EUR"`, "label": `S"a#1000000.00 EUR"`, "text": `S"1.50 EUR"`, "other": `S"a#1.50 EUR"`} {
		if g := render(got[name]); g != want {
			t.Errorf("Put stores %s = %s; want %s", name, g, want)
		}
	}
}
