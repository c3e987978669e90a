package model

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// keyConditions splits the conjuncts of a query's condition into the key condition of ch,
// the table or index the planner chose, and the rest, which is filtered. The key condition is
// the first equality on each partition attribute, in key order, and the first condition on
// each sort attribute the planner used (ch.Ranges), in key order: an equality on each but the
// last, which may have any key comparison. A table or an index with single-attribute keys has
// one partition attribute and at most one sort attribute used. named returns the top-level
// attribute a conjunct is a key candidate on, "" for none.
func keyConditions(ch index.Choice, conj []Condition, named func(Condition) string) (hashes, sorts, rest []Condition) {
	var hashNames []string
	for _, k := range ch.Keys.HashKeys() {
		hashNames = append(hashNames, k.Name)
	}
	hashes = make([]Condition, len(hashNames))
	sorts = make([]Condition, len(ch.Ranges))
	for _, c := range conj {
		name := named(c)
		eq := c.n.op == cCompare && c.n.cmp == expr.EQ
		if i := slices.Index(hashNames, name); name != "" && i >= 0 && hashes[i].IsZero() && eq {
			hashes[i] = c
			continue
		}
		if i := slices.Index(ch.Ranges, name); name != "" && i >= 0 && sorts[i].IsZero() && (eq || i == len(ch.Ranges)-1) {
			sorts[i] = c
			continue
		}
		rest = append(rest, c)
	}
	// The planner offers only sort attributes the conditions hold, so none is missing; were
	// one missing, the ones after it could not be in the key condition.
	for i, c := range sorts {
		if c.IsZero() {
			for _, after := range sorts[i+1:] {
				if !after.IsZero() {
					rest = append(rest, after)
				}
			}
			sorts = sorts[:i]
			break
		}
	}
	return hashes, sorts, rest
}

// ownKeyCondition places c, a conjunct of the source's own filter, when it names a key
// attribute of ch (DynamoDB refuses filters on key attributes): a partition attribute is
// pinned by the key condition already, and so is a sort attribute used; an equality on the
// sort attribute that comes next, after equalities only, joins the key condition. It returns
// the sort conditions and whether c was placed (or dropped as pinned); false leaves c to the
// filter.
func ownKeyCondition(ch index.Choice, sorts []Condition, c Condition) ([]Condition, bool) {
	path := c.n.path
	if path == "" || !ch.Keys.Has(path) {
		return sorts, false
	}
	rangeKeys := ch.Keys.RangeKeys()
	lastEq := len(sorts) == 0 || sorts[len(sorts)-1].n.op == cCompare && sorts[len(sorts)-1].n.cmp == expr.EQ
	if len(sorts) < len(rangeKeys) && rangeKeys[len(sorts)].Name == path && lastEq && c.n.op == cCompare && c.n.cmp == expr.EQ {
		return append(sorts, c), true
	}
	return sorts, true
}

// partitionOf sums up the partition key conditions hcs (equalities) as the digest that binds a
// query's page cursors to its partition; "" when one cannot be rendered.
func partitionOf(hcs []expr.Cond) string {
	key := make(map[string]types.AttributeValue, len(hcs))
	for _, hc := range hcs {
		var hb expr.Builder
		if _, err := hb.KeyCondition(hc, expr.Cond{}); err != nil {
			return ""
		}
		for _, name := range hb.Names() { // one name and one value: the attribute's
			for _, v := range hb.Values() {
				key[name] = v
			}
		}
	}
	return partitionDigestKey(key)
}
