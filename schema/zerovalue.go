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
// field is not omitempty and its zero encodes to something other than NULL. It is the one
// definition of a stored zero, kept in a.zeroStored: Combine joins such a zero (as Dynamoose
// joins 0 and false), and validators and enum check it (see zeroChecked).
func storesZero(a *attribute) bool {
	if a.goType == nil || a.index == nil || a.virtual || a.opts.OmitEmpty {
		return false
	}
	av, err := attr.MarshalWith(reflect.Zero(a.goType).Interface(), a.opts)
	if err != nil || av == nil {
		return false
	}
	_, null := av.(*types.AttributeValueMemberNULL)
	return !null
}

// zeroChecked reports whether a's validators and enum run on the zero value of its field,
// computed once a.zeroStored is known and kept in a.zeroChecked: a stored zero, unless a is
// Required (its zero is refused as absent) or a key whose zero the put refuses as an empty
// key (an empty string or binary), which is refused once, without messages from its
// validators. A key's zero that is a value (N 0) is checked as any value.
func zeroChecked(a *attribute) bool {
	if !a.zeroStored || a.required {
		return false
	}
	if !a.hash && !a.rng {
		return true
	}
	av, err := attr.MarshalWith(reflect.Zero(a.goType).Interface(), a.opts)
	return err == nil && checkKey(av) == nil
}

// zeroAbsent reports whether v, a value of a's struct field, counts as absent to a's
// validators and enum: a zero value they do not check (see zeroChecked).
func zeroAbsent(a *attribute, v any) bool {
	return a != nil && a.index != nil && !a.zeroChecked && isZero(v)
}

// storedZero returns the zero value of a's field in n when the item stores it (see
// storesZero); n.get reports that zero absent.
func (n *node) storedZero(a *attribute) (any, bool) {
	if a.zeroStored {
		if f, ok := n.field(a); ok {
			return f.Interface(), true
		}
	}
	return nil, false
}

// checked returns the value of a in n that a's validators and enum check: its value, or the
// zero value of its field when they check it (see zeroChecked).
func (n *node) checked(a *attribute) (any, bool) {
	v, present := n.get(a)
	if !present && a.zeroChecked {
		return n.storedZero(a)
	}
	return v, present
}
