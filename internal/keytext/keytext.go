// Package keytext writes a DynamoDB primary key in a plain form that JSON carries as it is,
// and reads it back: the keys of page cursors (package model and the command line).
package keytext

import (
	"encoding/base64"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Text is a primary key in a plain form that JSON carries as it is: each key attribute's
// name maps to one member, "S", "N" or "B", with its text (binary in standard base64). Page
// cursors are made of it.
type Text map[string]map[string]string

// Of returns key in its Text form. Key attributes are S, N or B; any other value is an
// error. The errors name no package: callers wrap them.
func Of(key map[string]types.AttributeValue) (Text, error) {
	out := make(Text, len(key))
	for name, av := range key {
		switch v := av.(type) {
		case *types.AttributeValueMemberS:
			out[name] = map[string]string{"S": v.Value}
		case *types.AttributeValueMemberN:
			out[name] = map[string]string{"N": v.Value}
		case *types.AttributeValueMemberB:
			out[name] = map[string]string{"B": base64.StdEncoding.EncodeToString(v.Value)}
		default:
			return nil, fmt.Errorf("key attribute %q is a %T; keys are S, N or B", name, av)
		}
	}
	return out, nil
}

// Key returns the key k holds. Every attribute must have exactly one non-empty S, N or B
// member (DynamoDB refuses empty key values), and B must be valid base64.
func (k Text) Key() (map[string]types.AttributeValue, error) {
	if len(k) == 0 {
		return nil, fmt.Errorf("no key attributes")
	}
	key := make(map[string]types.AttributeValue, len(k))
	for name, tv := range k {
		if len(tv) != 1 {
			return nil, fmt.Errorf("key attribute %q: want one S, N or B member, have %d", name, len(tv))
		}
		switch {
		case tv["S"] != "":
			key[name] = &types.AttributeValueMemberS{Value: tv["S"]}
		case tv["N"] != "":
			key[name] = &types.AttributeValueMemberN{Value: tv["N"]}
		case tv["B"] != "":
			b, err := base64.StdEncoding.DecodeString(tv["B"])
			if err != nil {
				return nil, fmt.Errorf("key attribute %q: %w", name, err)
			}
			key[name] = &types.AttributeValueMemberB{Value: b}
		default:
			return nil, fmt.Errorf("key attribute %q: want a non-empty S, N or B member", name)
		}
	}
	return key, nil
}
