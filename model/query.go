package model

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

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
// rest — other attributes, OR groups, NOT — becomes the filter. When no index fits the whole
// condition but it holds an OR each of whose branches does (Where("pk").Eq("a") OR
// Where("pk").Eq("b"), or Where("pk").In("a", "b")), the query is split into one query per
// branch and each item is returned once. [Query.Explain] tells the choice and why.
//
// A query of a [Table] is a Query[any]: its items are those of every entity, each a *T of
// its model's T or an *UnknownItem.
type Query[T any] struct {
	decode  decodeFunc[T]
	partial decodeFunc[Partial[T]] // for AllPartial and PagePartial; nil: partialDecode(decode)
	q       query
}

// query is a query of a source, without the item type: the part of Query[T] that plans and
// sends requests.
type query struct {
	src        *source
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
func (m *Model[T]) Query(cond Condition) Query[T] {
	return Query[T]{decode: m.decode, q: query{src: m.src, cond: cond}}
}

// Filter adds conditions on the items read (ANDed with the non-key part of the query's
// condition). Filters do not make a query read less: DynamoDB evaluates them after the key
// condition.
func (q Query[T]) Filter(c Condition) Query[T] { q.q.filter = And(q.q.filter, c); return q }

// Index makes the query use the named index instead of letting the planner choose, or fail
// when its keys do not fit, or when it does not project an attribute the model filters every
// read on (the expiry time under HideExpired, the entity attribute under WithEntity).
func (q Query[T]) Index(name string) Query[T] { q.q.index = name; return q }

// Limit stops after n items (All), or makes pages of n items (Page). n <= 0 is no limit.
func (q Query[T]) Limit(n int) Query[T] { q.q.limit = n; return q }

// Descending returns items in descending order of the range key (ascending by default).
func (q Query[T]) Descending() Query[T] { q.q.desc = true; return q }

// Consistent asks for strongly consistent reads; global indexes do not offer them.
func (q Query[T]) Consistent() Query[T] { q.q.consistent = true; return q }

// Project reads only the attributes at paths (which may be nested); the key attributes are
// read too.
func (q Query[T]) Project(paths ...string) Query[T] {
	q.q.project = append(q.q.project[:len(q.q.project):len(q.q.project)], paths...)
	return q
}

// plan is a query ready to send.
type plan struct {
	choice index.Choice
	in     dynamodb.QueryInput
	exact  bool // no filter: the request's Limit is the number of items returned
	keys   []string
	filter Condition
	// partition sums up the hash key condition, which binds the query's page cursors.
	partition string
}

// plan builds the request: the conjuncts of the condition that are equalities or range
// conditions on top-level attributes are the candidates for the key condition, the planner
// chooses the index, and the rest is filtered.
func (q query) plan(count bool) (*plan, error) {
	m := q.src
	if q.cond.IsZero() {
		return nil, inputError("query", "no condition: a query needs an equality on a hash key (use Scan to read everything)")
	}
	type cand struct {
		name string
		c    Condition
	}
	var equal, ranges []cand
	var equalNames []string
	// Conditions on the parts of keys built by templates add conditions on those keys.
	conj, tk := m.withTemplates(q.cond.conjuncts())
	for _, c := range conj {
		n := c.n
		if n.size || n.op != cCompare && n.op != cBetween && n.op != cBeginsWith {
			continue
		}
		p, err := m.enc.path(n.path)
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
	// Every range condition is offered to the planner at once, so that the choice does not
	// depend on the order they are written in.
	// An index must project what the source's own filter reads (expiry time, entity type),
	// or DynamoDB refuses the query.
	conds := index.Conditions{Equal: equalNames, Index: q.index, Need: m.needs}
	for _, r := range ranges {
		if conds.Range == "" {
			conds.Range = r.name
		} else {
			conds.MoreRanges = append(conds.MoreRanges, r.name)
		}
	}
	ch, err := m.tbl.Choose(conds)
	if err != nil {
		if len(m.needs) > 0 && errors.Is(err, index.ErrNoIndex) && m.unprojectedFits(equalNames, q.index) {
			err = fmt.Errorf("%w; %s, so an index must project %s to be queried", err, m.needsWhy, strings.Join(m.needs, " and "))
		}
		return nil, &InputError{Op: "query", Err: err}
	}
	if q.consistent && ch.Global {
		return nil, inputError("query", "global index %q does not offer consistent reads", ch.Index)
	}
	// The key condition: the first equality on each partition (hash) attribute, and the first
	// condition on each sort (range) attribute the planner used. Everything else is filtered.
	named := func(c Condition) string {
		for _, e := range append(equal, ranges...) {
			if e.c.n == c.n {
				return e.name
			}
		}
		return ""
	}
	hashes, sorts, filter := keyConditions(ch, conj, named)
	used := append(slices.Clone(hashes), sorts...)
	if pruned := tk.prune(filter, used); len(pruned) < len(filter) {
		// Explain must not say that what the templated keys stand for is filtered.
		left := make(map[string]bool)
		for _, c := range pruned {
			left[named(c)] = true
		}
		var gone []string
		for _, c := range filter {
			if n := named(c); n != "" && !left[n] {
				gone = append(gone, n)
			}
		}
		ch, filter = ch.Unfilter(gone...), pruned
	}
	ch.Explain += tk.explain(used)
	// The source's own filter (expiry, entity type) may name a key of the chosen index (a
	// GSI keyed by entity type), which DynamoDB refuses in a filter: the key condition pins
	// the partition key already, and an equality on the next sort attribute becomes part of
	// the key condition, so that the query reads less.
	var own []Condition
	for _, c := range m.ownFilter(ch.Index).conjuncts() {
		var used bool
		if sorts, used = ownKeyCondition(ch, sorts, c); !used {
			own = append(own, c)
		}
	}
	if err := keyFilter(m.enc, ch, append(filter, q.filter)); err != nil {
		return nil, err
	}
	filter = append(filter, q.filter)
	if err := m.checkFilterProjected("query", ch.Index, And(filter...)); err != nil {
		return nil, err
	}
	filter = append(filter, own...)
	p := &plan{choice: ch, keys: m.keyNames(ch.Index), filter: And(filter...)}
	var b expr.Builder
	hcs := make([]expr.Cond, len(hashes))
	for i, h := range hashes {
		if hcs[i], err = h.build(m.enc); err != nil {
			return nil, err
		}
	}
	rcs := make([]expr.Cond, len(sorts))
	for i, r := range sorts {
		if rcs[i], err = r.build(m.enc); err != nil {
			return nil, err
		}
	}
	kc, err := b.KeyConditionAll(hcs, rcs)
	if err != nil {
		return nil, &ConditionError{Condition: And(append(slices.Clone(hashes), sorts...)...).String(), Err: err}
	}
	p.partition = partitionOf(hcs)
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
	} else if in.ProjectionExpression, err = m.projectionWithKeys("query", &b, q.project, p.keys, ch.Index); err != nil {
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

// maxBranches bounds how many queries an OR may split a query into.
const maxBranches = 25

// plans returns the requests to send: one, or — when no index fits the whole condition and
// it holds an OR whose every branch fits one — one per branch of that OR. So
// Or(Where("pk").Eq("a"), Where("pk").Eq("b")) reads two partitions.
func (q query) plans(count bool) ([]*plan, error) {
	p, err := q.plan(count)
	if err == nil {
		return []*plan{p}, nil
	}
	if !errors.Is(err, index.ErrNoIndex) {
		return nil, err
	}
	branches := q.orBranches()
	if branches == nil {
		return nil, err
	}
	var plans []*plan
	for _, b := range branches {
		bq := q
		bq.cond = b
		bp, berr := bq.plans(count)
		if errors.Is(berr, index.ErrNoIndex) {
			return nil, err // the whole condition's reasons, not one branch's
		}
		if berr != nil {
			return nil, berr
		}
		plans = append(plans, bp...)
		if len(plans) > maxBranches {
			return nil, inputError("query", "the condition's OR splits it into more than %d queries", maxBranches)
		}
	}
	return plans, nil
}

// orBranches distributes the first OR (or IN) among the conjuncts of the condition over the
// other conjuncts: (a OR b) AND c gives a AND c, b AND c. It returns nil when there is none.
func (q query) orBranches() []Condition {
	conj := q.cond.conjuncts()
	for i, c := range conj {
		var alternatives []Condition
		switch {
		case c.n.op == cOr:
			alternatives = c.n.subs
		case c.n.op == cIn && !c.n.size:
			// a IN (x, y) is a = x OR a = y.
			for _, v := range c.n.values {
				alternatives = append(alternatives, Attr{path: c.n.path}.Eq(v))
			}
		default:
			continue
		}
		rest := slices.Delete(slices.Clone(conj), i, i+1)
		out := make([]Condition, len(alternatives))
		for j, b := range alternatives {
			out[j] = And(append([]Condition{b}, rest...)...)
		}
		return out
	}
	return nil
}

// Explain tells which index the query uses and why, and what is filtered, without sending
// anything. A query split by OR explains each of its queries.
func (q Query[T]) Explain() (string, error) { return q.q.explain() }

func (q query) explain() (string, error) {
	plans, err := q.plans(false)
	if err != nil {
		return "", err
	}
	explain := func(p *plan) string {
		s := p.choice.Explain
		if !p.filter.IsZero() {
			s += " Filter: " + p.filter.String() + "."
		}
		return s
	}
	if len(plans) == 1 {
		return explain(plans[0]), nil
	}
	s := fmt.Sprintf("No index fits the whole condition; its OR splits it into %d queries, whose items are returned in turn, each once:", len(plans))
	for i, p := range plans {
		s += fmt.Sprintf(" %d) %s", i+1, explain(p))
	}
	return s, nil
}

// request returns the request of the plan's page that starts after start, with at most
// limit items read (0: no limit).
func (p *plan) request(start map[string]types.AttributeValue, limit int32) *dynamodb.QueryInput {
	in := p.in
	in.ExclusiveStartKey = start
	if limit > 0 {
		in.Limit = aws.Int32(limit)
	}
	return &in
}

func (q query) fetch(p *plan) fetchFunc {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
		out, err := q.src.db.Query(ctx, p.request(start, limit))
		if err != nil {
			return nil, nil, opError("query", q.src.table, err)
		}
		return out.Items, out.LastEvaluatedKey, nil
	}
}

// once drops the items whose key is in seen, and adds the others' keys to it.
func once(fetch fetchFunc, seen map[string]bool, keys []string) fetchFunc {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
		items, last, err := fetch(ctx, start, limit)
		kept := items[:0:0]
		for _, it := range items {
			k := keyString(it, keys)
			if !seen[k] {
				seen[k] = true
				kept = append(kept, it)
			}
		}
		return kept, last, err
	}
}

// All returns the query's items, reading page after page as the loop asks for more; breaking
// out of the loop stops reading. An error is yielded once, with the zero T, and ends the
// sequence. The sequence can be ranged over again, which runs the query again.
//
// It calls [Query] (the API).
//
// A query whose items would be partial (with Project, or of an index that does not project
// every attribute) yields an error matching [ErrPartialRead] before sending anything: use
// [Query.AllPartial].
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
func (q Query[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return queryAll(ctx, q.q, q.decode, false)
}

// queryAll reads the items of q; unless partialOK, a query whose items would be partial
// fails with ErrPartialRead before sending.
func queryAll[T any](ctx context.Context, q query, decode decodeFunc[T], partialOK bool) iter.Seq2[T, error] {
	plans, err := q.plans(false)
	if err == nil && !partialOK {
		err = q.partial(plans)
	}
	if err != nil {
		return failed[T](err)
	}
	if len(plans) == 1 {
		return readAll(ctx, q.fetch(plans[0]), q.limit, plans[0].exact, decode)
	}
	return func(yield func(T, error) bool) {
		seen := make(map[string]bool)
		n := 0
		for _, p := range plans {
			remaining := 0
			if q.limit > 0 {
				remaining = q.limit - n
			}
			for item, err := range readAll(ctx, once(q.fetch(p), seen, q.src.keys), remaining, p.exact, decode) {
				if !yield(item, err) || err != nil {
					return
				}
				n++
			}
			if q.limit > 0 && n >= q.limit {
				return
			}
		}
	}
}

// Page returns the page of items that starts at cursor ("" for the first page): Limit items,
// or one page of DynamoDB (up to 1 MB read) without a limit. A query split by OR has no
// pages; use All. The cursor must come from a Page of a query of the same table, index and
// partition; any other is refused with ErrBadCursor before sending. A query whose items would
// be partial fails with [ErrPartialRead]: use [Query.PagePartial].
func (q Query[T]) Page(ctx context.Context, cursor string) (Page[T], error) {
	return queryPage(ctx, q.q, cursor, q.decode, false)
}

// queryPage reads one page of q; unless partialOK, a query whose items would be partial
// fails with ErrPartialRead before sending.
func queryPage[T any](ctx context.Context, q query, cursor string, decode decodeFunc[T], partialOK bool) (Page[T], error) {
	plans, err := q.plans(false)
	if err == nil && !partialOK {
		err = q.partial(plans)
	}
	if err != nil {
		return Page[T]{}, err
	}
	if len(plans) > 1 {
		return Page[T]{}, inputError("query", "a query split by OR into %d queries has no pages; use All", len(plans))
	}
	p := plans[0]
	scope := cursorScope{op: "query", index: p.choice.Index, part: p.partition}
	return readPage(ctx, q.src, q.fetch(p), scope, cursor, q.limit, p.exact, p.keys, decode)
}

// Count returns the number of items the query matches, reading every page (with
// Select=COUNT, so no item is transferred). Limit does not apply. A query split by OR reads
// the keys of its items instead, to count an item that several branches match once.
func (q Query[T]) Count(ctx context.Context) (int, error) { return q.q.count(ctx) }

func (q query) count(ctx context.Context) (int, error) {
	plans, err := q.plans(true)
	if err != nil {
		return 0, err
	}
	if len(plans) > 1 {
		n := 0
		keysOnly := q
		keysOnly.project = append(q.project[:len(q.project):len(q.project)], q.src.keys...)
		keysOnly.limit = 0
		for _, err := range queryAll(ctx, keysOnly, countOnly, true) {
			if err != nil {
				return 0, err
			}
			n++
		}
		return n, nil
	}
	n := 0
	in := plans[0].in
	for {
		out, err := q.src.db.Query(ctx, &in)
		if err != nil {
			return n, opError("query", q.src.table, err)
		}
		n += int(out.Count)
		if out.LastEvaluatedKey == nil {
			return n, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// countOnly decodes nothing: every item read counts.
func countOnly(context.Context, map[string]types.AttributeValue) (struct{}, bool, error) {
	return struct{}{}, true, nil
}
