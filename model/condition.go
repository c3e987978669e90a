package model

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// Condition is a condition on the attributes of an item, written with Go values: the
// condition of a write, the filter of a query or scan, or a query's key condition. Values
// are encoded through the schema when the operation runs, so a time.Time is compared as the
// attribute stores it. Conditions are immutable values; the zero Condition is "no condition".
//
// Build one with [Where] or [Size] and combine them with [And], [Or] and [Not].
type Condition struct {
	n *cnode
}

type cop uint8

const (
	cCompare cop = iota + 1
	cBetween
	cIn
	cBeginsWith
	cContains
	cExists
	cNotExists
	cType
	cNot
	cAnd
	cOr
)

type cnode struct {
	op     cop
	path   string
	size   bool
	cmp    expr.Comparator
	values []any
	typ    attr.Type
	subs   []Condition
}

// IsZero reports whether c is the zero Condition.
func (c Condition) IsZero() bool { return c.n == nil }

// String writes the condition for messages, with the Go values it holds.
func (c Condition) String() string {
	if c.n == nil {
		return "no condition"
	}
	n := c.n
	subject := n.path
	if n.size {
		subject = "size(" + n.path + ")"
	}
	switch n.op {
	case cCompare:
		return fmt.Sprintf("%s %s %s", subject, n.cmp, show(n.values[0]))
	case cBetween:
		return fmt.Sprintf("%s BETWEEN %s AND %s", subject, show(n.values[0]), show(n.values[1]))
	case cIn:
		s := subject + " IN ("
		for i, v := range n.values {
			if i > 0 {
				s += ", "
			}
			s += show(v)
		}
		return s + ")"
	case cBeginsWith:
		return fmt.Sprintf("begins_with(%s, %s)", n.path, show(n.values[0]))
	case cContains:
		return fmt.Sprintf("contains(%s, %s)", n.path, show(n.values[0]))
	case cExists:
		return fmt.Sprintf("attribute_exists(%s)", n.path)
	case cNotExists:
		return fmt.Sprintf("attribute_not_exists(%s)", n.path)
	case cType:
		return fmt.Sprintf("attribute_type(%s, %s)", n.path, n.typ)
	case cNot:
		return "NOT (" + n.subs[0].String() + ")"
	case cAnd, cOr:
		sep := " AND "
		if n.op == cOr {
			sep = " OR "
		}
		s := ""
		for i, sub := range n.subs {
			if i > 0 {
				s += sep
			}
			s += "(" + sub.String() + ")"
		}
		return s
	}
	return "invalid condition"
}

func show(v any) string {
	if r, ok := v.(rawValue); ok {
		switch av := r.av.(type) {
		case *types.AttributeValueMemberN:
			return av.Value
		case *types.AttributeValueMemberS:
			return fmt.Sprintf("%q", av.Value)
		}
		return fmt.Sprintf("%T", r.av)
	}
	if r, ok := v.(Ref); ok {
		return string(r)
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%v", v)
}

// Ref names another attribute of the same item where a condition expects a value:
// Where("spent").Le(Ref("budget")).
type Ref string

// Attr is the subject of a condition: an attribute, or the size of one. Its methods return
// conditions on it.
type Attr struct {
	path string
	size bool
}

// Where starts a condition on the attribute at path, a document path such as
// "address.city" or "items[2].qty".
func Where(path string) Attr { return Attr{path: path} }

// Size starts a condition on the size of the attribute at path: the length of a string or
// binary, the number of elements of a list, map or set.
func Size(path string) Attr { return Attr{path: path, size: true} }

func (a Attr) compare(cmp expr.Comparator, v any) Condition {
	return Condition{&cnode{op: cCompare, path: a.path, size: a.size, cmp: cmp, values: []any{v}}}
}

// Eq is attribute = v.
func (a Attr) Eq(v any) Condition { return a.compare(expr.EQ, v) }

// Ne is attribute <> v. An item that lacks the attribute matches too.
func (a Attr) Ne(v any) Condition { return a.compare(expr.NE, v) }

// Lt is attribute < v.
func (a Attr) Lt(v any) Condition { return a.compare(expr.LT, v) }

// Le is attribute <= v.
func (a Attr) Le(v any) Condition { return a.compare(expr.LE, v) }

// Gt is attribute > v.
func (a Attr) Gt(v any) Condition { return a.compare(expr.GT, v) }

// Ge is attribute >= v.
func (a Attr) Ge(v any) Condition { return a.compare(expr.GE, v) }

// Between is lo <= attribute <= hi.
func (a Attr) Between(lo, hi any) Condition {
	return Condition{&cnode{op: cBetween, path: a.path, size: a.size, values: []any{lo, hi}}}
}

// In is true when the attribute equals one of values (1 to 100 of them).
func (a Attr) In(values ...any) Condition {
	return Condition{&cnode{op: cIn, path: a.path, size: a.size, values: append([]any(nil), values...)}}
}

// BeginsWith is true when the string or binary attribute starts with prefix.
func (a Attr) BeginsWith(prefix any) Condition {
	return Condition{&cnode{op: cBeginsWith, path: a.path, size: a.size, values: []any{prefix}}}
}

// Contains is true when the string attribute holds the substring v, or the set or list
// attribute holds the element v.
func (a Attr) Contains(v any) Condition {
	return Condition{&cnode{op: cContains, path: a.path, size: a.size, values: []any{v}}}
}

// Exists is true when the item has the attribute.
func (a Attr) Exists() Condition {
	return Condition{&cnode{op: cExists, path: a.path, size: a.size}}
}

// NotExists is true when the item lacks the attribute.
func (a Attr) NotExists() Condition {
	return Condition{&cnode{op: cNotExists, path: a.path, size: a.size}}
}

// IsType is true when the attribute exists and is stored as type t.
func (a Attr) IsType(t attr.Type) Condition {
	return Condition{&cnode{op: cType, path: a.path, size: a.size, typ: t}}
}

// And is true when every one of conds is. Zero conditions among them are skipped; And of
// nothing is the zero Condition.
func And(conds ...Condition) Condition { return group(cAnd, conds) }

// Or is true when any one of conds is. Zero conditions among them are skipped.
func Or(conds ...Condition) Condition { return group(cOr, conds) }

func group(op cop, conds []Condition) Condition {
	var subs []Condition
	for _, c := range conds {
		switch {
		case c.n == nil:
		case c.n.op == op:
			subs = append(subs, c.n.subs...)
		default:
			subs = append(subs, c)
		}
	}
	switch len(subs) {
	case 0:
		return Condition{}
	case 1:
		return subs[0]
	}
	return Condition{&cnode{op: op, subs: subs}}
}

// Not is true when c is false. Not of the zero Condition is the zero Condition.
func Not(c Condition) Condition {
	if c.n == nil {
		return c
	}
	return Condition{&cnode{op: cNot, subs: []Condition{c}}}
}

// And returns c AND others.
func (c Condition) And(others ...Condition) Condition {
	return And(append([]Condition{c}, others...)...)
}

// Or returns c OR others.
func (c Condition) Or(others ...Condition) Condition { return Or(append([]Condition{c}, others...)...) }

// conjuncts returns the conditions c is the AND of (c itself when it is not an AND).
func (c Condition) conjuncts() []Condition {
	switch {
	case c.n == nil:
		return nil
	case c.n.op == cAnd:
		return c.n.subs
	}
	return []Condition{c}
}

// valueEncoder encodes the Go values of conditions and updates as the schema stores them.
type valueEncoder interface {
	// path resolves a document path to the stored one.
	path(p string) (attr.Path, error)
	// value encodes v as the value of the attribute at path p.
	value(p string, v any) (types.AttributeValue, error)
	// element encodes v as one element of the set or list at path p.
	element(p string, v any) (types.AttributeValue, error)
	// typeAt returns the type the attribute at path p is stored as, or attr.Invalid when
	// the schema leaves it open.
	typeAt(p string) attr.Type
}

// ConditionError is a condition that cannot be built: a bad path, or a value that does not
// fit the attribute. It is returned before anything is sent.
type ConditionError struct {
	Condition string // the condition, as String writes it
	Err       error
}

func (e *ConditionError) Error() string {
	return "model: condition " + e.Condition + ": " + e.Err.Error()
}

func (e *ConditionError) Unwrap() error { return e.Err }

// build turns c into an expression condition, encoding its values through enc.
func (c Condition) build(enc valueEncoder) (expr.Cond, error) {
	if c.n == nil {
		return expr.Cond{}, errors.New("model: empty condition")
	}
	ec, err := c.n.build(enc)
	if err != nil {
		var ce *ConditionError
		if errors.As(err, &ce) {
			return expr.Cond{}, err
		}
		return expr.Cond{}, &ConditionError{Condition: c.String(), Err: err}
	}
	return ec, nil
}

func (n *cnode) build(enc valueEncoder) (expr.Cond, error) {
	switch n.op {
	case cNot:
		sub, err := n.subs[0].build(enc)
		return expr.Not(sub), err
	case cAnd, cOr:
		subs := make([]expr.Cond, len(n.subs))
		for i, s := range n.subs {
			var err error
			if subs[i], err = s.build(enc); err != nil {
				return expr.Cond{}, err
			}
		}
		if n.op == cAnd {
			return expr.And(subs...), nil
		}
		return expr.Or(subs...), nil
	}
	path, err := enc.path(n.path)
	if err != nil {
		return expr.Cond{}, err
	}
	subject := expr.Path(path)
	if n.size {
		subject = expr.Size(path)
		if n.op != cCompare && n.op != cBetween && n.op != cIn {
			return expr.Cond{}, errors.New("size() can only be compared")
		}
	}
	// operand encodes the i-th value: another attribute, a number for size(), or a value
	// of the attribute.
	operand := func(i int) (expr.Operand, error) {
		v := n.values[i]
		if r, ok := v.(rawValue); ok {
			return expr.Value(r.av), nil
		}
		if r, ok := v.(Ref); ok {
			p, err := enc.path(string(r))
			return expr.Path(p), err
		}
		if n.size {
			av, err := attr.Marshal(v)
			if err == nil && attr.TypeOf(av) != attr.N {
				err = fmt.Errorf("size() is compared with a number, not %T", v)
			}
			return expr.Value(av), err
		}
		av, err := enc.value(n.path, v)
		return expr.Value(av), err
	}
	switch n.op {
	case cCompare:
		v, err := operand(0)
		if err != nil {
			return expr.Cond{}, err
		}
		return expr.Compare(subject, n.cmp, v), nil
	case cBetween:
		lo, err := operand(0)
		if err != nil {
			return expr.Cond{}, err
		}
		hi, err := operand(1)
		if err != nil {
			return expr.Cond{}, err
		}
		return expr.Between(subject, lo, hi), nil
	case cIn:
		list := make([]expr.Operand, len(n.values))
		for i := range n.values {
			if list[i], err = operand(i); err != nil {
				return expr.Cond{}, err
			}
		}
		return expr.In(subject, list...), nil
	case cBeginsWith:
		// begins_with is false for anything but a string or binary attribute: DynamoDB
		// accepts the request and matches nothing.
		if t := enc.typeAt(n.path); t != attr.Invalid && t != attr.S && t != attr.B {
			return expr.Cond{}, fmt.Errorf("%w: begins_with needs a string or binary attribute, but %q is stored as %s", attr.ErrType, n.path, t)
		}
		var av types.AttributeValue
		if isTemplatePrefix(n.values[0]) {
			av, err = enc.value(n.path, n.values[0]) // the text of a template's leading parts
		} else {
			av, err = attr.Marshal(n.values[0])
		}
		if err != nil {
			return expr.Cond{}, err
		}
		return expr.BeginsWith(path, av), nil
	case cContains:
		if r, ok := n.values[0].(Ref); ok {
			p, err := enc.path(string(r))
			return expr.Contains(path, expr.Path(p)), err
		}
		av, err := enc.element(n.path, n.values[0])
		if err != nil {
			return expr.Cond{}, err
		}
		return expr.Contains(path, expr.Value(av)), nil
	case cExists:
		return expr.Exists(path), nil
	case cNotExists:
		return expr.NotExists(path), nil
	case cType:
		return expr.IsType(path, n.typ), nil
	}
	return expr.Cond{}, errors.New("invalid condition")
}
