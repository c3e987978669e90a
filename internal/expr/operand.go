package expr

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

type operandKind uint8

const (
	noOperand operandKind = iota
	pathOperand
	valueOperand
	sizeOperand        // size(path), conditions only
	ifNotExistsOperand // if_not_exists(path, operand), updates only
	listAppendOperand  // list_append(operand, operand), updates only
	plusOperand        // operand + operand, the whole value of a SET action
	minusOperand       // operand - operand, the whole value of a SET action
)

// Operand is one side of a comparison, an argument of a function, or the value of a SET
// action. Build it with [Path], [Value], [Size], [IfNotExists], [ListAppend], [Plus] or
// [Minus]. The zero Operand is invalid.
type Operand struct {
	kind  operandKind
	path  attr.Path
	value types.AttributeValue
	args  []Operand
}

// Path is the attribute at p.
func Path(p attr.Path) Operand { return Operand{kind: pathOperand, path: p} }

// Value is an encoded value.
func Value(v types.AttributeValue) Operand { return Operand{kind: valueOperand, value: v} }

// Size is size(p): the length of a string, binary, list, map or set. It may be used only in
// conditions.
func Size(p attr.Path) Operand { return Operand{kind: sizeOperand, path: p} }

// IfNotExists is if_not_exists(p, v): the attribute at p, or v when it is absent. It may be
// used only in SET actions.
func IfNotExists(p attr.Path, v Operand) Operand {
	return Operand{kind: ifNotExistsOperand, path: p, args: []Operand{v}}
}

// ListAppend is list_append(a, b): the list a followed by the list b. It may be used only in
// SET actions.
func ListAppend(a, b Operand) Operand {
	return Operand{kind: listAppendOperand, args: []Operand{a, b}}
}

// Plus is a + b, and must be the whole value of a SET action.
func Plus(a, b Operand) Operand { return Operand{kind: plusOperand, args: []Operand{a, b}} }

// Minus is a - b, and must be the whole value of a SET action.
func Minus(a, b Operand) Operand { return Operand{kind: minusOperand, args: []Operand{a, b}} }

// condOperand writes an operand of a condition: a path, a value or size(path).
func (w *writer) condOperand(o Operand) {
	switch o.kind {
	case pathOperand:
		w.path(o.path)
	case valueOperand:
		w.value(o.value)
	case sizeOperand:
		w.str("size(")
		w.path(o.path)
		w.str(")")
	case noOperand:
		w.fail("missing operand")
	default:
		w.fail("%s may be used only in updates", o.kind)
	}
}

// setValue writes the value of a SET action: an operand, or operand + operand, or
// operand - operand.
func (w *writer) setValue(o Operand) {
	switch o.kind {
	case plusOperand, minusOperand:
		w.setOperand(o.args[0])
		if o.kind == plusOperand {
			w.str(" + ")
		} else {
			w.str(" - ")
		}
		w.setOperand(o.args[1])
	default:
		w.setOperand(o)
	}
}

// setOperand writes a path, a value, or a function call of a SET action.
func (w *writer) setOperand(o Operand) {
	switch o.kind {
	case pathOperand:
		w.path(o.path)
	case valueOperand:
		w.value(o.value)
	case ifNotExistsOperand:
		w.str("if_not_exists(")
		w.path(o.path)
		w.str(", ")
		w.setOperand(o.args[0])
		w.str(")")
	case listAppendOperand:
		w.str("list_append(")
		w.setOperand(o.args[0])
		w.str(", ")
		w.setOperand(o.args[1])
		w.str(")")
	case plusOperand, minusOperand:
		w.fail("%s must be the whole value of a SET action", o.kind)
	case sizeOperand:
		w.fail("size() may be used only in conditions")
	default:
		w.fail("missing operand")
	}
}

func (k operandKind) String() string {
	switch k {
	case pathOperand:
		return "path"
	case valueOperand:
		return "value"
	case sizeOperand:
		return "size()"
	case ifNotExistsOperand:
		return "if_not_exists()"
	case listAppendOperand:
		return "list_append()"
	case plusOperand:
		return "+"
	case minusOperand:
		return "-"
	}
	return "missing operand"
}
