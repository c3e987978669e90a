package expr

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// KeyCondition renders a KeyConditionExpression from a condition on the hash key, which must
// be an equality, and an optional condition on the range key (the zero Cond for none): =, <,
// <=, >, >=, BETWEEN or begins_with. Both keys are top-level attributes compared with
// string, number or binary values that are not empty.
func (b *Builder) KeyCondition(hash, rng Cond) (string, error) {
	w := b.start("key condition")
	if err := checkKey(hash, rng); err != nil {
		w.fail("%w", err)
		return w.finish()
	}
	w.cond(hash)
	if !rng.IsZero() {
		w.str(" AND ")
		w.cond(rng)
	}
	return w.finish()
}

func checkKey(hash, rng Cond) error {
	if hash.op != compareCond || hash.cmp != EQ {
		return errors.New("the hash key must be compared with =")
	}
	if err := checkKeyPart(hash); err != nil {
		return err
	}
	if rng.IsZero() {
		return nil
	}
	if err := checkKeyPart(rng); err != nil {
		return err
	}
	if rng.args[0].path[0].Name == hash.args[0].path[0].Name {
		return errors.New("the hash and range conditions name the same attribute")
	}
	return nil
}

// checkKeyPart checks one comparison of a key condition: a top-level attribute on the left,
// values that are scalars and not empty on the right.
func checkKeyPart(c Cond) error {
	switch c.op {
	case compareCond:
		if c.cmp == NE {
			return errors.New("<> cannot be used on a key")
		}
	case betweenCond, beginsWithCond:
	default:
		return errors.New("a key may be compared only with =, <, <=, >, >=, BETWEEN and begins_with")
	}
	if c.args[0].kind != pathOperand || len(c.args[0].path) != 1 || c.args[0].path[0].IsIndex {
		return errors.New("a key condition must name a top-level attribute on its left")
	}
	for _, o := range c.args[1:] {
		if o.kind != valueOperand {
			return errors.New("a key attribute must be compared with values")
		}
		if err := checkKeyValue(o.value); err != nil {
			return err
		}
	}
	return nil
}

func checkKeyValue(v types.AttributeValue) error {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		if v.Value == "" {
			return errors.New("empty string as a key value")
		}
	case *types.AttributeValueMemberB:
		if len(v.Value) == 0 {
			return errors.New("empty binary as a key value")
		}
	case *types.AttributeValueMemberN:
	case nil:
		return errors.New("nil value")
	default:
		return errors.New("a key value must be a string, number or binary, not " + attr.TypeOf(v).String())
	}
	return nil
}

// Projection renders paths as a ProjectionExpression. A path given twice is written once;
// two paths of which one contains the other are an error, as DynamoDB rejects them.
func (b *Builder) Projection(paths ...attr.Path) (string, error) {
	w := b.start("projection")
	var seen []attr.Path
outer:
	for _, p := range paths {
		for _, q := range seen {
			if len(p) == len(q) && overlap(p, q) {
				continue outer
			}
			if overlap(p, q) {
				w.fail("paths %s and %s overlap", q, p)
				return w.finish()
			}
		}
		seen = append(seen, p)
		if len(seen) > 1 {
			w.str(", ")
		}
		w.path(p)
	}
	return w.finish()
}
