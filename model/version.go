package model

import (
	"math/big"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// versionPut applies optimistic locking to an item about to be put: the stored item must
// still have the item's version (or, for version 0 or none, no item may exist), and the
// item is stored with the next version. It returns the condition to add.
func (m *Model[T]) versionPut(op string, item map[string]types.AttributeValue) (Condition, error) {
	if m.o.version == "" {
		return Condition{}, nil
	}
	current := new(big.Int)
	if av, ok := item[m.o.version]; ok {
		n, isN := av.(*types.AttributeValueMemberN)
		if !isN {
			return Condition{}, inputError(op, "version attribute %q is stored as %s, not a number", m.o.version, attr.TypeOf(av))
		}
		if _, ok := current.SetString(n.Value, 10); !ok {
			return Condition{}, inputError(op, "version attribute %q holds %q, not an integer", m.o.version, n.Value)
		}
	}
	next := new(big.Int).Add(current, big.NewInt(1))
	item[m.o.version] = &types.AttributeValueMemberN{Value: next.String()}
	if op == "create" && current.Sign() == 0 {
		return Condition{}, nil // Create requires that no item exists already
	}
	return m.versionIs(current), nil
}

// versionIs is the condition that the stored item has version v; for 0, that there is no
// stored item at all. The condition is on the hash key, not on the version attribute: an
// item stored without a version (before the model had one, or by another writer) exists
// and is not overwritten by a write that expects none.
func (m *Model[T]) versionIs(v *big.Int) Condition {
	if v.Sign() == 0 {
		return Where(m.keys[0]).NotExists()
	}
	return Condition{&cnode{op: cCompare, path: m.o.version, cmp: expr.EQ, values: []any{rawValue{&types.AttributeValueMemberN{Value: v.String()}}}}}
}

// versionUpdate adds the version increment to an update.
func (m *Model[T]) versionUpdate(up expr.Update) expr.Update {
	if m.o.version == "" {
		return up
	}
	return up.Add(attr.Path{{Name: m.o.version}}, &types.AttributeValueMemberN{Value: "1"})
}
