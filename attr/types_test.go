package attr_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type myString string

// color encodes itself as text.
type color int

func (c color) MarshalText() ([]byte, error) {
	switch c {
	case 1:
		return []byte("red"), nil
	case 2:
		return []byte("green"), nil
	}
	return nil, fmt.Errorf("no name for color %d", int(c))
}

func (c *color) UnmarshalText(b []byte) error {
	switch string(b) {
	case "red":
		*c = 1
	case "green":
		*c = 2
	default:
		return fmt.Errorf("unknown color %q", b)
	}
	return nil
}

// point implements Dynamodel's Marshaler and Unmarshaler as "x,y".
type point struct{ X, Y int }

func (p point) MarshalDynamo() (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: strconv.Itoa(p.X) + "," + strconv.Itoa(p.Y)}, nil
}

func (p *point) UnmarshalDynamo(av types.AttributeValue) error {
	sv, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return errors.New("point needs S")
	}
	x, y, found := strings.Cut(sv.Value, ",")
	if !found {
		return errors.New("point needs x,y")
	}
	var err1, err2 error
	p.X, err1 = strconv.Atoi(x)
	p.Y, err2 = strconv.Atoi(y)
	return errors.Join(err1, err2)
}

// celsius implements the SDK's attributevalue.Marshaler and Unmarshaler by method set only.
type celsius float64

func (c celsius) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: strconv.FormatFloat(float64(c), 'f', -1, 64) + "C"}, nil
}

func (c *celsius) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	sv, ok := av.(*types.AttributeValueMemberS)
	if !ok || !strings.HasSuffix(sv.Value, "C") {
		return errors.New("celsius needs S ending in C")
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(sv.Value, "C"), 64)
	*c = celsius(f)
	return err
}

// failing fails to marshal when Fail is set, to test that errors of custom marshalers carry
// the path.
type failing struct{ Fail bool }

func (f failing) MarshalDynamo() (types.AttributeValue, error) {
	if f.Fail {
		return nil, errors.New("refused")
	}
	return &types.AttributeValueMemberBOOL{Value: false}, nil
}
