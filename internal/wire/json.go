package wire

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// The JSON of attribute values is attr's (attr.AppendItemJSON); this file writes the other
// members of the requests.

// AppendItem appends item in DynamoDB's JSON form, as the requests this package writes carry
// it (see attr.AppendItemJSON).
func AppendItem(b []byte, item map[string]types.AttributeValue) (_ []byte, ok bool) {
	return attr.AppendItemJSON(b, item)
}

func appendItem(b []byte, item map[string]types.AttributeValue) (_ []byte, ok bool) {
	return attr.AppendItemJSON(b, item)
}

func appendString(b []byte, s string) []byte { return attr.AppendStringJSON(b, s) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendObject appends m as a JSON object whose members' values value writes; it stops at
// the first value value refuses.
func appendObject[V any](b []byte, m map[string]V, value func([]byte, V) ([]byte, bool)) (_ []byte, ok bool) {
	b = append(b, '{')
	first := true
	for k, v := range m {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(appendString(b, k), ':')
		if b, ok = value(b, v); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}
