package model

import (
	"context"
	"fmt"
	"iter"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/expr"
)

// MaxSegments is the most segments DynamoDB divides a parallel scan into.
const MaxSegments = 1_000_000

// Scan reads every item of the table or of one index, optionally filtered. Build it with
// [Model.Scan] and its methods, each of which returns a new Scan; nothing is sent until All,
// Page or Count.
//
// A scan of a [Table] is a Scan[any]: its items are those of every entity, each a *T of its
// model's T or an *UnknownItem.
type Scan[T any] struct {
	decode  decodeFunc[T]
	partial decodeFunc[Partial[T]] // for AllPartial and PagePartial; nil: partialDecode(decode)
	s       scan
}

// scan is a scan of a source, without the item type: the part of Scan[T] that builds and
// sends requests.
type scan struct {
	src        *source
	filter     Condition
	index      string
	limit      int
	consistent bool
	project    []string
	segments   int
	segment    *[2]int // Segment(i, total)
}

// Scan starts a scan of the whole table.
func (m *Model[T]) Scan() Scan[T] { return Scan[T]{decode: m.decode, s: scan{src: m.src}} }

// Filter keeps only the items that meet c (ANDed with earlier filters). A filter does not
// make a scan read less.
func (s Scan[T]) Filter(c Condition) Scan[T] { s.s.filter = And(s.s.filter, c); return s }

// Index scans the named index instead of the table. An index that does not project an
// attribute the model filters every read on (the expiry time under HideExpired, the entity
// attribute under WithEntity) is refused.
func (s Scan[T]) Index(name string) Scan[T] { s.s.index = name; return s }

// Limit stops after n items (All), or makes pages of n items (Page). n <= 0 is no limit.
func (s Scan[T]) Limit(n int) Scan[T] { s.s.limit = n; return s }

// Consistent asks for strongly consistent reads; global indexes do not offer them.
func (s Scan[T]) Consistent() Scan[T] { s.s.consistent = true; return s }

// Project reads only the attributes at paths; the key attributes are read too.
func (s Scan[T]) Project(paths ...string) Scan[T] {
	s.s.project = append(s.s.project[:len(s.s.project):len(s.s.project)], paths...)
	return s
}

// Segments divides All and Count into n segments read in parallel (at most
// WithScanParallelism at once); items then arrive in no particular order. Page does not
// take segments.
func (s Scan[T]) Segments(n int) Scan[T] { s.s.segments = n; return s }

// Segment reads only segment i of total (0 <= i < total), for spreading one scan over
// several processes; each reads its own segment with All, Page or Count. Its cursors are
// valid for that segment only.
func (s Scan[T]) Segment(i, total int) Scan[T] { s.s.segment = &[2]int{i, total}; return s }

// scope is what the scan's cursors are bound to besides the table: the index, and the
// segment.
func (s scan) scope() string {
	if s.segment == nil {
		return s.index
	}
	return fmt.Sprintf("%s#segment %d/%d", s.index, s.segment[0], s.segment[1])
}

func (s scan) input(count bool) (*dynamodb.ScanInput, bool, []string, error) {
	m := s.src
	if s.segments < 0 || s.segments > MaxSegments {
		return nil, false, nil, inputError("scan", "Segments(%d): DynamoDB takes 1 to %d", s.segments, MaxSegments)
	}
	in := &dynamodb.ScanInput{TableName: aws.String(m.table)}
	if g := s.segment; g != nil {
		if g[1] < 1 || g[1] > MaxSegments || g[0] < 0 || g[0] >= g[1] {
			return nil, false, nil, inputError("scan", "Segment(%d, %d): want 0 <= i < total <= %d", g[0], g[1], MaxSegments)
		}
		if s.segments > 1 {
			return nil, false, nil, inputError("scan", "Segment and Segments do not go together")
		}
		in.Segment, in.TotalSegments = aws.Int32(int32(g[0])), aws.Int32(int32(g[1]))
	}
	if s.index != "" {
		ix, ok := m.tbl.Index(s.index)
		if !ok {
			return nil, false, nil, inputError("scan", "no index %q", s.index)
		}
		if s.consistent && ix.Global {
			return nil, false, nil, inputError("scan", "global index %q does not offer consistent reads", s.index)
		}
		if a := m.unprojected(s.index); a != "" {
			return nil, false, nil, inputError("scan", "index %q projects %s, without %q; %s, so project %q into the index to scan it",
				s.index, ix.Projection, a, m.needsWhy, a)
		}
		in.IndexName = aws.String(s.index)
	}
	if err := m.checkFilterProjected("scan", s.index, s.filter); err != nil {
		return nil, false, nil, err
	}
	keys := m.keyNames(s.index)
	var b expr.Builder
	fc, err := m.condition(&b, And(s.filter, m.ownFilter(s.index)))
	if err != nil {
		return nil, false, nil, err
	}
	in.FilterExpression = fc
	if count {
		in.Select = types.SelectCount
	} else if in.ProjectionExpression, err = m.projectionWithKeys("scan", &b, s.project, keys, s.index); err != nil {
		return nil, false, nil, err
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	if s.consistent {
		in.ConsistentRead = aws.Bool(true)
	}
	return in, fc == nil, keys, nil
}

// request returns the request of a page of segment (of Segments) that starts after start,
// with at most limit items read (0: no limit).
func (s scan) request(base *dynamodb.ScanInput, segment int, start map[string]types.AttributeValue, limit int32) *dynamodb.ScanInput {
	in := *base
	in.ExclusiveStartKey = start
	if limit > 0 {
		in.Limit = aws.Int32(limit)
	}
	if s.segments > 1 {
		in.Segment, in.TotalSegments = aws.Int32(int32(segment)), aws.Int32(int32(s.segments))
	}
	return &in
}

func (s scan) fetch(base *dynamodb.ScanInput, segment int) fetchFunc {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
		out, err := s.src.db.Scan(ctx, s.request(base, segment, start, limit))
		if err != nil {
			return nil, nil, opError("scan", s.src.table, err)
		}
		return out.Items, out.LastEvaluatedKey, nil
	}
}

// All returns the scanned items, reading page after page as the loop asks for more; breaking
// out of the loop stops reading (and, with segments, stops every segment). An error is
// yielded once, with the zero T, and ends the sequence. The sequence can be ranged over
// again, which scans again.
//
// It calls [Scan] (the API).
//
// A scan whose items would be partial (with Project, or of an index that does not project
// every attribute) yields an error matching [ErrPartialRead] before sending anything: use
// [Scan.AllPartial].
//
// [Scan]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
func (s Scan[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return scanAll(ctx, s.s, s.decode, false)
}

// scanAll reads the items of s; unless partialOK, a scan whose items would be partial fails
// with ErrPartialRead before sending.
func scanAll[T any](ctx context.Context, s scan, decode decodeFunc[T], partialOK bool) iter.Seq2[T, error] {
	in, exact, _, err := s.input(false)
	if err == nil && !partialOK {
		err = s.partial()
	}
	if err != nil {
		return failed[T](err)
	}
	if s.segments <= 1 {
		return readAll(ctx, s.fetch(in, 0), s.limit, exact, decode)
	}
	return scanParallel(ctx, s, in, decode)
}

type result[T any] struct {
	item T
	err  error
}

// parallel reads the segments at most WithScanParallelism at a time and yields their items
// as they come.
func scanParallel[T any](parent context.Context, s scan, in *dynamodb.ScanInput, decode decodeFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(parent)
		results := make(chan result[T])
		go func() {
			defer close(results)
			sem := make(chan struct{}, s.src.parallel)
			var wg sync.WaitGroup
			defer wg.Wait()
			for seg := range s.segments {
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				wg.Add(1)
				go func() {
					defer func() { <-sem; wg.Done() }()
					for item, err := range readAll(ctx, s.fetch(in, seg), 0, false, decode) {
						select {
						case results <- result[T]{item, err}:
						case <-ctx.Done():
							return
						}
						if err != nil {
							return
						}
					}
				}()
			}
		}()
		defer func() {
			// Stop the segments, and wait until they have all returned.
			cancel()
			for range results {
			}
		}()
		n := 0
		for r := range results {
			if err := parent.Err(); err != nil {
				break // items the segments had read are not handed out
			}
			if !yield(r.item, r.err) || r.err != nil {
				return
			}
			if n++; s.limit > 0 && n >= s.limit {
				return
			}
		}
		if err := parent.Err(); err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// Page returns the page of items that starts at cursor ("" for the first page): Limit items,
// or one page of DynamoDB (up to 1 MB read) without a limit. A scan whose items would be
// partial fails with [ErrPartialRead]: use [Scan.PagePartial].
func (s Scan[T]) Page(ctx context.Context, cursor string) (Page[T], error) {
	return scanPage(ctx, s.s, cursor, s.decode, false)
}

// scanPage reads one page of s; unless partialOK, a scan whose items would be partial fails
// with ErrPartialRead before sending.
func scanPage[T any](ctx context.Context, s scan, cursor string, decode decodeFunc[T], partialOK bool) (Page[T], error) {
	in, exact, keys, err := s.input(false)
	if err == nil && !partialOK {
		err = s.partial()
	}
	if err != nil {
		return Page[T]{}, err
	}
	if s.segments > 1 {
		return Page[T]{}, inputError("scan", "Page does not take segments; use All")
	}
	return readPage(ctx, s.src, s.fetch(in, 0), cursorScope{op: "scan", index: s.scope()}, cursor, s.limit, exact, keys, decode)
}

// Count returns the number of items the scan matches (with Select=COUNT, so no item is
// transferred), reading the segments in parallel when Segments was given. Limit does not
// apply.
func (s Scan[T]) Count(ctx context.Context) (int, error) { return s.s.count(ctx) }

func (s scan) count(ctx context.Context) (int, error) {
	base, _, _, err := s.input(true)
	if err != nil {
		return 0, err
	}
	segments := max(s.segments, 1)
	counts := make([]int, segments)
	errs := make([]error, segments)
	sem := make(chan struct{}, s.src.parallel)
	var wg sync.WaitGroup
	for seg := range segments {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			in := *base
			if segments > 1 {
				in.Segment, in.TotalSegments = aws.Int32(int32(seg)), aws.Int32(int32(segments))
			}
			for {
				out, err := s.src.db.Scan(ctx, &in)
				if err != nil {
					errs[seg] = opError("scan", s.src.table, err)
					return
				}
				counts[seg] += int(out.Count)
				if out.LastEvaluatedKey == nil {
					return
				}
				in.ExclusiveStartKey = out.LastEvaluatedKey
			}
		}()
	}
	wg.Wait()
	n := 0
	for seg := range segments {
		if errs[seg] != nil {
			return 0, errs[seg]
		}
		n += counts[seg]
	}
	return n, nil
}
