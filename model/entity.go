package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/expr"
)

// WithEntity makes the model one entity type of a table that several models share (single-
// table design): every item the model writes holds the string attribute named attribute set
// to name, and the model reads only items that hold it. Several models bound to one table,
// each with its own name ("customer", "order", ...), then never see each other's items:
//
//	customers, _ := model.New[Customer](db, "app", customerSchema, model.WithEntity("type", "customer"))
//	orders, _ := model.New[Order](db, "app", orderSchema, model.WithEntity("type", "order"))
//
// In detail:
//   - Put, Create, BatchPut, TxPut and updates write the attribute. Put, updates, deletes
//     and condition checks also require that the item they touch is absent or of the
//     model's entity, so a key that another entity uses is never overwritten or deleted
//     through the wrong model: the write fails with an error matching ErrConditionFailed.
//     BatchPut and BatchDelete cannot take conditions and do not check.
//   - Get returns ErrNotFound for an item of another entity; queries and scans filter other
//     entities out on the server (so that limits and counts see only the model's items), and
//     batch and transaction gets leave their places empty.
//   - The attribute need not be in the schema; when the schema declares it (to index it, or
//     to read it into a field), the schema must store name there, e.g. with a Constant.
//     It cannot be a key of the table: key prefixes are the schema's Constant and Combine.
//
// [NewTable] reads the items of all the entities of a table together.
func WithEntity(attribute, name string) Option {
	return func(o *options) { o.entityAttr, o.entityName = attribute, name }
}

// entity is a model's entity type; attr is "" for a model without one.
type entity struct {
	attr     string
	name     string
	declared bool   // the schema declares the attribute
	hash     string // the table's hash key, for the write guard
}

// setEntity checks WithEntity and sets m.entity; it returns the problems found.
func (m *Model[T]) setEntity() []string {
	a, name := m.o.entityAttr, m.o.entityName
	if a == "" && name == "" {
		return nil
	}
	var problems []string
	switch {
	case a == "" || name == "":
		problems = append(problems, fmt.Sprintf("WithEntity(%q, %q) needs an attribute and a name", a, name))
	case strings.ContainsAny(a, ".["):
		problems = append(problems, fmt.Sprintf("entity attribute %q is not a top-level attribute", a))
	case slices.Contains(m.keys, a):
		problems = append(problems, fmt.Sprintf("entity attribute %q is a key of the table; give the type an attribute of its own (a key prefix is the schema's Constant or Combine)", a))
	case a == m.o.version:
		problems = append(problems, fmt.Sprintf("entity attribute %q is the version attribute", a))
	}
	m.entity = entity{attr: a, name: name, declared: slices.Contains(m.view.Attributes(), a), hash: m.keys[0]}
	return problems
}

func (e entity) value() types.AttributeValue { return &types.AttributeValueMemberS{Value: e.name} }

// own reports whether a stored item is of the entity, and returns it without the entity
// attribute when the schema does not declare it (so that the schema does not see an
// unknown attribute).
func (e entity) own(item map[string]types.AttributeValue) (map[string]types.AttributeValue, bool) {
	if e.attr == "" {
		return item, true
	}
	v, ok := item[e.attr].(*types.AttributeValueMemberS)
	if !ok || v.Value != e.name {
		return nil, false
	}
	if !e.declared {
		item = maps.Clone(item)
		delete(item, e.attr)
	}
	return item, true
}

// filter is the condition that an item is of the entity; the zero Condition without one.
func (e entity) filter() Condition {
	if e.attr == "" {
		return Condition{}
	}
	return Condition{&cnode{op: cCompare, path: e.attr, cmp: expr.EQ, values: []any{rawValue{e.value()}}}}
}

// guard is the condition of a write: no item has the key yet, or the item is of the entity.
func (e entity) guard() Condition {
	if e.attr == "" {
		return Condition{}
	}
	return Or(Where(e.hash).NotExists(), e.filter())
}

// stamp writes the entity attribute into an item about to be put; when the schema declares
// the attribute it checks that the schema stored the entity's name there.
func (e entity) stamp(op string, item map[string]types.AttributeValue) error {
	if e.attr == "" {
		return nil
	}
	if !e.declared {
		item[e.attr] = e.value()
		return nil
	}
	if v, ok := item[e.attr].(*types.AttributeValueMemberS); !ok || v.Value != e.name {
		return inputError(op, "the item's entity attribute %q is not %q: the schema must store it (e.g. Constant(%q))", e.attr, e.name, e.name)
	}
	return nil
}
