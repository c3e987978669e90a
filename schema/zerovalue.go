package schema

import (
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// A struct field cannot tell a value not given from its zero value. Required and Default
// take the zero value for absent (see docs/schema.md), but a put stores the zero value of a
// field without omitempty (0, "", false, a zero struct or time): what is stored is a value,
// and validators and enum run on it, as they run on any value given (Dynamoose runs them on
// every value but undefined). A zero the put does not store (omitempty, a nil slice, map or
// pointer, an empty attr.Number, a zero attr.Nullable) or stores as NULL (nullempty) is
// absent, and they do not run on it. Update follows the same rule for the value a SET
// stores at a field.

// storesZero reports whether a put stores the zero value of a's struct field as a value: the
// field is not omitempty, its zero encodes to something other than NULL, and it is neither a
// key (an empty key is refused) nor Required (its zero is refused as absent).
func storesZero(a *attribute) bool {
	if a.goType == nil || a.index == nil || a.virtual || a.required || a.hash || a.rng || a.opts.OmitEmpty {
		return false
	}
	av, err := attr.MarshalWith(reflect.Zero(a.goType).Interface(), a.opts)
	if err != nil || av == nil {
		return false
	}
	_, null := av.(*types.AttributeValueMemberNULL)
	return !null
}

// zeroAbsent reports whether v, a value of a's struct field, counts as absent to a's
// validators and enum: a zero value the item does not store as a value.
func zeroAbsent(a *attribute, v any) bool {
	return a != nil && a.index != nil && !a.zeroStored && isZero(v)
}

// checked returns the value of a in n that a's validators and enum check: its value, or the
// zero value of its field when the item stores it (see storesZero).
func (n *node) checked(a *attribute) (any, bool) {
	v, present := n.get(a)
	if !present && a.zeroStored {
		if f, ok := n.field(a); ok {
			return f.Interface(), true
		}
	}
	return v, present
}
