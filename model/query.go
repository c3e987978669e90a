package model

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// Query is a query of the table or one of its indexes. Build it with [Model.Query] and its
// methods, each of which returns a new Query; nothing is sent until All, Page or Count.
//
// The condition given to Model.Query holds every condition of the query, key or not: the
// index package's planner picks the table or index whose keys the condition's top-level
// equalities (and one range condition) fit best, those become the key condition, and the
// rest — other attributes, OR groups, NOT — becomes the filter. [Query.Explain] tells the
// choice and why.
type Query[T any] struct {
	m          *Model[T]
	cond       Condition
	filter     Condition
	index      string
	limit      int
	desc       bool
	consistent bool
	project    []string
}

// Query starts a query with cond, e.g.
//
//	orders.Query(model.Where("customer").Eq("c1").And(model.Where("placed").Gt(since)))
func (m *Model[T]) Query(cond Condition) Query[T] { return Query[T]{m: m, cond: cond} }

// Filter adds conditions on the items read (ANDed with the non-key part of the query's
// condition). Filters do not make a query read less: DynamoDB evaluates them after the key
// condition.
func (q Query[T]) Filter(c Condition) Query[T] { q.filter = And(q.filter, c); return q }

// Index makes the query use the named index (or fail when its keys do not fit) instead of
// letting the planner choose.
func (q Query[T]) Index(name string) Query[T] { q.index = name; return q }

// Limit stops after n items (All), or makes pages of n items (Page). n <= 0 is no limit.
func (q Query[T]) Limit(n int) Query[T] { q.limit = n; return q }

// Descending returns items in descending order of the range key (ascending by default).
func (q Query[T]) Descending() Query[T] { q.desc = true; return q }

// Consistent asks for strongly consistent reads; global indexes do not offer them.
func (q Query[T]) Consistent() Query[T] { q.consistent = true; return q }

// Project reads only the attributes at paths (which may be nested); the key attributes are
// read too.
func (q Query[T]) Project(paths ...string) Query[T] {
	q.project = append(q.project[:len(q.project):len(q.project)], paths...)
	return q
}

// plan is a query ready to send.
type plan struct {
	choice index.Choice
	in     dynamodb.QueryInput
	exact  bool // no filter: the request's Limit is the number of items returned
	keys   []string
	filter Condition
}

// plan builds the request: the conjuncts of the condition that are equalities or range
// conditions on top-level attributes are the candidates for the key condition, the planner
// chooses the index, and the rest is filtered.
func (q Query[T]) plan(count bool) (*plan, error) {
	m := q.m
	if q.cond.IsZero() {
		return nil, inputError("query", "no condition: a query needs an equality on a hash key (use Scan to read everything)")
	}
	type cand struct {
		name string
		c    Condition
	}
	var equal, ranges []cand
	var equalNames []string
	for _, c := range q.cond.conjuncts() {
		n := c.n
		if n.size || n.op != cCompare && n.op != cBetween && n.op != cBeginsWith {
			continue
		}
		p, err := m.s.Path(n.path)
		if err != nil || len(p) != 1 || p[0].IsIndex {
			continue
		}
		if _, isRef := n.values[0].(Ref); isRef {
			continue
		}
		switch {
		case n.op == cCompare && n.cmp == expr.EQ:
			equal = append(equal, cand{p[0].Name, c})
			equalNames = append(equalNames, p[0].Name)
		case n.op == cCompare && n.cmp == expr.NE:
		default:
			ranges = append(ranges, cand{p[0].Name, c})
		}
	}
	var ch index.Choice
	var err error
	chosen := false
	for _, r := range ranges {
		c, cerr := m.tbl.Choose(index.Conditions{Equal: equalNames, Range: r.name, Index: q.index})
		if cerr == nil && c.Range == r.name {
			ch, chosen = c, true
			break
		}
	}
	if !chosen {
		ch, err = m.tbl.Choose(index.Conditions{Equal: equalNames, Index: q.index})
		if err != nil {
			return nil, &InputError{Op: "query", Err: err}
		}
	}
	if q.consistent && ch.Global {
		return nil, inputError("query", "global index %q does not offer consistent reads", ch.Index)
	}
	// The key condition: the first equality on the hash key, and the first condition on the
	// range key the planner used. Everything else is filtered.
	var hash, rng Condition
	var filter []Condition
	for _, c := range q.cond.conjuncts() {
		name := ""
		for _, e := range append(equal, ranges...) {
			if e.c.n == c.n {
				name = e.name
			}
		}
		switch {
		case hash.IsZero() && name == ch.Keys.Hash.Name && c.n.op == cCompare && c.n.cmp == expr.EQ:
			hash = c
		case rng.IsZero() && name != "" && name == ch.Range:
			rng = c
		default:
			filter = append(filter, c)
		}
	}
	filter = append(filter, q.filter, m.expiredFilter())
	p := &plan{choice: ch, keys: m.keyNames(ch.Index), filter: And(filter...)}
	var b expr.Builder
	hc, err := hash.build(m.enc())
	if err != nil {
		return nil, err
	}
	var rc expr.Cond
	if !rng.IsZero() {
		if rc, err = rng.build(m.enc()); err != nil {
			return nil, err
		}
	}
	kc, err := b.KeyCondition(hc, rc)
	if err != nil {
		return nil, &ConditionError{Condition: And(hash, rng).String(), Err: err}
	}
	fc, err := m.condition(&b, And(filter...))
	if err != nil {
		return nil, err
	}
	p.exact = fc == nil
	in := dynamodb.QueryInput{
		TableName: aws.String(m.table), KeyConditionExpression: aws.String(kc), FilterExpression: fc,
	}
	if ch.Index != "" {
		in.IndexName = aws.String(ch.Index)
	}
	if count {
		in.Select = types.SelectCount
	} else if in.ProjectionExpression, err = m.projectionWithKeys(&b, q.project, p.keys); err != nil {
		return nil, err
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	if q.desc {
		in.ScanIndexForward = aws.Bool(false)
	}
	if q.consistent {
		in.ConsistentRead = aws.Bool(true)
	}
	p.in = in
	return p, nil
}

// Explain tells which index the query uses and why, and what is filtered, without sending
// anything.
func (q Query[T]) Explain() (string, error) {
	p, err := q.plan(false)
	if err != nil {
		return "", err
	}
	s := p.choice.Explain
	if !p.filter.IsZero() {
		s += " Filter: " + p.filter.String() + "."
	}
	return s, nil
}

func (q Query[T]) fetch(p *plan) fetchFunc {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
		in := p.in
		in.ExclusiveStartKey = start
		if limit > 0 {
			in.Limit = aws.Int32(limit)
		}
		out, err := q.m.db.Query(ctx, &in)
		if err != nil {
			return nil, nil, opError("query", q.m.table, err)
		}
		return out.Items, out.LastEvaluatedKey, nil
	}
}

// All returns the query's items, reading page after page as the loop asks for more; breaking
// out of the loop stops reading. An error is yielded once, with the zero T, and ends the
// sequence. The sequence can be ranged over again, which runs the query again.
//
// It calls [Query] (the API).
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
func (q Query[T]) All(ctx context.Context) iter.Seq2[T, error] {
	p, err := q.plan(false)
	if err != nil {
		return func(yield func(T, error) bool) { var zero T; yield(zero, err) }
	}
	return q.m.all(ctx, q.fetch(p), q.limit, p.exact)
}

// Page returns the page of items that starts at cursor ("" for the first page): Limit items,
// or one page of DynamoDB (up to 1 MB read) without a limit.
func (q Query[T]) Page(ctx context.Context, cursor string) (Page[T], error) {
	p, err := q.plan(false)
	if err != nil {
		return Page[T]{}, err
	}
	return q.m.page(ctx, q.fetch(p), p.choice.Index, cursor, q.limit, p.exact, p.keys)
}

// Count returns the number of items the query matches, reading every page (with
// Select=COUNT, so no item is transferred). Limit does not apply.
func (q Query[T]) Count(ctx context.Context) (int, error) {
	p, err := q.plan(true)
	if err != nil {
		return 0, err
	}
	n := 0
	in := p.in
	for {
		out, err := q.m.db.Query(ctx, &in)
		if err != nil {
			return n, opError("query", q.m.table, err)
		}
		n += int(out.Count)
		if out.LastEvaluatedKey == nil {
			return n, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
