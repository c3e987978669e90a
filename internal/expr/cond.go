package expr

import (
	"bytes"
	"math/big"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// Comparator is a comparison operator of a condition.
type Comparator string

// The comparators of DynamoDB conditions.
const (
	EQ Comparator = "="
	NE Comparator = "<>"
	LT Comparator = "<"
	LE Comparator = "<="
	GT Comparator = ">"
	GE Comparator = ">="
)

func (c Comparator) valid() bool {
	switch c {
	case EQ, NE, LT, LE, GT, GE:
		return true
	}
	return false
}

type condOp uint8

const (
	noCond condOp = iota
	compareCond
	betweenCond
	inCond
	beginsWithCond
	containsCond
	existsCond
	notExistsCond
	typeCond
	notCond
	andCond
	orCond
)

// MaxIn is the most values an IN condition may list.
const MaxIn = 100

// Cond is a condition: a ConditionExpression, a FilterExpression or, restricted, a
// KeyConditionExpression. Conds are immutable values; the zero Cond is invalid.
type Cond struct {
	op   condOp
	cmp  Comparator
	args []Operand // operands, in the order they are written
	subs []Cond    // of NOT, AND and OR
	typ  attr.Type // of attribute_type
}

// IsZero reports whether c is the zero Cond, which no constructor returns.
func (c Cond) IsZero() bool { return c.op == noCond }

// Compare is left cmp right, such as price >= :v or size(tags) < :v.
func Compare(left Operand, cmp Comparator, right Operand) Cond {
	return Cond{op: compareCond, cmp: cmp, args: []Operand{left, right}}
}

// Equal is p = v, the most common comparison.
func Equal(p attr.Path, v types.AttributeValue) Cond { return Compare(Path(p), EQ, Value(v)) }

// Between is x BETWEEN lo AND hi, both bounds included.
func Between(x, lo, hi Operand) Cond {
	return Cond{op: betweenCond, args: []Operand{x, lo, hi}}
}

// In is x IN (list...), with 1 to [MaxIn] operands in the list.
func In(x Operand, list ...Operand) Cond {
	return Cond{op: inCond, args: append([]Operand{x}, list...)}
}

// BeginsWith is begins_with(p, prefix); prefix is a string or binary value.
func BeginsWith(p attr.Path, prefix types.AttributeValue) Cond {
	return Cond{op: beginsWithCond, args: []Operand{Path(p), Value(prefix)}}
}

// Contains is contains(p, x): p is a string holding the substring x, or a set or list
// holding the element x.
func Contains(p attr.Path, x Operand) Cond {
	return Cond{op: containsCond, args: []Operand{Path(p), x}}
}

// Exists is attribute_exists(p).
func Exists(p attr.Path) Cond { return Cond{op: existsCond, args: []Operand{Path(p)}} }

// NotExists is attribute_not_exists(p).
func NotExists(p attr.Path) Cond { return Cond{op: notExistsCond, args: []Operand{Path(p)}} }

// IsType is attribute_type(p, t): the attribute at p exists and has type t.
func IsType(p attr.Path, t attr.Type) Cond {
	return Cond{op: typeCond, args: []Operand{Path(p)}, typ: t}
}

// Not is NOT c.
func Not(c Cond) Cond { return Cond{op: notCond, subs: []Cond{c}} }

// And is true when every one of conds is; nested ANDs are flattened, and the And of a single
// condition is that condition. And of nothing is invalid.
func And(conds ...Cond) Cond { return group(andCond, conds) }

// Or is true when any one of conds is; nested ORs are flattened, and the Or of a single
// condition is that condition. Or of nothing is invalid.
func Or(conds ...Cond) Cond { return group(orCond, conds) }

func group(op condOp, conds []Cond) Cond {
	if len(conds) == 1 {
		return conds[0]
	}
	g := Cond{op: op}
	for _, c := range conds {
		if c.op == op {
			g.subs = append(g.subs, c.subs...)
		} else {
			g.subs = append(g.subs, c)
		}
	}
	return g
}

// Condition renders c as a ConditionExpression or FilterExpression.
func (b *Builder) Condition(c Cond) (string, error) {
	w := b.start("condition")
	w.cond(c)
	return w.finish()
}

func (w *writer) cond(c Cond) {
	if w.err != nil {
		return
	}
	switch c.op {
	case compareCond:
		if !c.cmp.valid() {
			w.fail("unknown comparator %q", string(c.cmp))
			return
		}
		if c.cmp != EQ && c.cmp != NE {
			w.ordered(string(c.cmp), c.args...)
		}
		w.condOperand(c.args[0])
		w.str(" " + string(c.cmp) + " ")
		w.condOperand(c.args[1])
	case betweenCond:
		w.ordered("BETWEEN", c.args...)
		w.bounds(c.args[1], c.args[2])
		w.condOperand(c.args[0])
		w.str(" BETWEEN ")
		w.condOperand(c.args[1])
		w.str(" AND ")
		w.condOperand(c.args[2])
	case inCond:
		if n := len(c.args) - 1; n < 1 || n > MaxIn {
			w.fail("IN needs 1 to %d values, not %d", MaxIn, n)
			return
		}
		w.condOperand(c.args[0])
		w.str(" IN (")
		for i, o := range c.args[1:] {
			if i > 0 {
				w.str(", ")
			}
			w.condOperand(o)
		}
		w.str(")")
	case beginsWithCond:
		if t := attr.TypeOf(c.args[1].value); t != attr.S && t != attr.B && c.args[1].value != nil {
			w.fail("begins_with needs a string or binary prefix, not %s", t)
			return
		}
		w.function("begins_with", c.args...)
	case containsCond:
		w.function("contains", c.args...)
	case existsCond:
		w.function("attribute_exists", c.args...)
	case notExistsCond:
		w.function("attribute_not_exists", c.args...)
	case typeCond:
		if c.typ == attr.Invalid || c.typ > attr.BS {
			w.fail("attribute_type needs a DynamoDB type, not %s", c.typ)
			return
		}
		w.function("attribute_type", Path(c.args[0].path), Value(&types.AttributeValueMemberS{Value: c.typ.String()}))
	case notCond:
		w.str("NOT ")
		w.sub(c.subs[0])
	case andCond, orCond:
		if len(c.subs) == 0 {
			w.fail("AND or OR of no conditions")
			return
		}
		sep := " AND "
		if c.op == orCond {
			sep = " OR "
		}
		for i, s := range c.subs {
			if i > 0 {
				w.str(sep)
			}
			w.sub(s)
		}
	default:
		w.fail("empty condition")
	}
}

// sub writes a condition inside NOT, AND or OR, in parentheses when it is a group or a
// negation of its own.
func (w *writer) sub(c Cond) {
	switch c.op {
	case andCond, orCond, notCond:
		w.str("(")
		w.cond(c)
		w.str(")")
	default:
		w.cond(c)
	}
}

func (w *writer) function(name string, args ...Operand) {
	w.str(name + "(")
	for i, a := range args {
		if i > 0 {
			w.str(", ")
		}
		w.condOperand(a)
	}
	w.str(")")
}

// ordered checks that the values an ordering operator compares are strings, numbers or
// binaries, the only types DynamoDB orders.
func (w *writer) ordered(op string, args ...Operand) {
	for _, a := range args {
		if a.kind != valueOperand || a.value == nil {
			continue
		}
		if t := attr.TypeOf(a.value); t != attr.S && t != attr.N && t != attr.B {
			w.fail("%s compares strings, numbers or binaries, not %s", op, t)
			return
		}
	}
}

// bounds checks that the lower bound of BETWEEN is not above the upper bound, which DynamoDB
// rejects, when both are values of the same type.
func (w *writer) bounds(lo, hi Operand) {
	if lo.kind != valueOperand || hi.kind != valueOperand {
		return
	}
	var c int
	switch l := lo.value.(type) {
	case *types.AttributeValueMemberS:
		h, ok := hi.value.(*types.AttributeValueMemberS)
		if !ok {
			return
		}
		c = strings.Compare(l.Value, h.Value)
	case *types.AttributeValueMemberB:
		h, ok := hi.value.(*types.AttributeValueMemberB)
		if !ok {
			return
		}
		c = bytes.Compare(l.Value, h.Value)
	case *types.AttributeValueMemberN:
		h, ok := hi.value.(*types.AttributeValueMemberN)
		if !ok {
			return
		}
		// 200 bits tell apart any two numbers of DynamoDB's 38 significant digits.
		a, _, errA := big.ParseFloat(l.Value, 10, 200, big.ToNearestEven)
		b, _, errB := big.ParseFloat(h.Value, 10, 200, big.ToNearestEven)
		if errA != nil || errB != nil {
			return // DynamoDB reports the malformed number
		}
		c = a.Cmp(b)
	}
	if c > 0 {
		w.fail("BETWEEN lower bound is greater than its upper bound")
	}
}
