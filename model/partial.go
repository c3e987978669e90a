package model

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
)

// ErrPartialRead is matched with errors.Is (on an *InputError) when All or Page of a query
// or scan, which return whole items, would return items missing attributes: a read with
// Project, or of an index that does not project every attribute of the model's items
// (KEYS_ONLY, or INCLUDE of some). Such an item, given to Put, would replace the stored
// item: the attributes not read would be deleted and zero values would overwrite stored
// ones. Read them with AllPartial or PagePartial, which yield [Partial] values, and write
// changes with [Model.Update]. (Get, BatchGet and TxGet do not take [Project] at all: their
// Partial variants [Model.GetPartial], [Model.BatchGetPartial] and [Model.TxGetPartial] do.)
var ErrPartialRead = errors.New("model: partial read")

// Partial is an item read partially: by GetPartial, BatchGetPartial or TxGetPartial with
// Project, or by AllPartial or PagePartial of a query or scan with Project or of an index
// that does not project every attribute. Item holds the attributes
// read; the others hold their zero values, which do not say what is stored. Put of Item
// would delete what was not read: change the attributes with [Model.Update] instead, or
// Get the whole item first.
type Partial[T any] struct {
	Item T
	Read []string // the top-level attributes the read returned, sorted
}

// partialDecode wraps decode to yield Partial values.
func partialDecode[T any](decode decodeFunc[T]) decodeFunc[Partial[T]] {
	return func(ctx context.Context, raw map[string]types.AttributeValue) (Partial[T], bool, error) {
		item, ok, err := decode(ctx, raw)
		if err != nil || !ok {
			return Partial[T]{}, ok, err
		}
		return Partial[T]{Item: item, Read: readNames(raw)}, true, nil
	}
}

// readNames returns the sorted names of the top-level attributes of raw, for Partial.Read.
func readNames(raw map[string]types.AttributeValue) []string {
	return slices.Sorted(maps.Keys(raw))
}

// partialRead returns the error of a read that would return partial items as T: why they
// are partial and what to call instead (instead); nil when the read returns whole items.
func partialRead(op, instead string, src *source, project []string, indexName string) error {
	why := ""
	switch {
	case len(project) > 0:
		why = fmt.Sprintf("Project(%s) reads only some attributes", strings.Join(project, ", "))
	case indexName != "" && src.attrs != nil:
		ix, _ := src.tbl.Index(indexName)
		missing := unprojected(src, ix, src.attrs)
		if len(missing) == 0 {
			return nil
		}
		why = fmt.Sprintf("index %q (%s) does not project %s", indexName, ix.Projection.Kind(), strings.Join(missing, ", "))
	case indexName != "" && len(src.entities) > 0:
		ix, _ := src.tbl.Index(indexName)
		var missing []string
		for _, e := range src.entities {
			if m := unprojected(src, ix, e.attrs); len(m) > 0 {
				missing = append(missing, fmt.Sprintf("%s of %s", strings.Join(m, ", "), e.label))
			}
		}
		if len(missing) == 0 {
			return nil
		}
		why = fmt.Sprintf("index %q (%s) does not project %s", indexName, ix.Projection.Kind(), strings.Join(missing, "; "))
	default:
		return nil
	}
	return &InputError{Op: op, Err: fmt.Errorf("%w: %s, and Put of such an item would delete the rest; "+
		"use %s, and write changes with Update", ErrPartialRead, why, instead)}
}

// unprojected returns those of attrs that the index ix of src does not project.
func unprojected(src *source, ix index.Index, attrs []string) []string {
	var missing []string
	for _, a := range attrs {
		if !src.tbl.Projects(ix, a) {
			missing = append(missing, a)
		}
	}
	return missing
}

// partial returns the error of All or Page for a query, planned as plans, whose items would
// be partial.
func (q query) partial(plans []*plan) error {
	for _, p := range plans {
		if err := partialRead("query", "AllPartial or PagePartial", q.src, q.project, p.choice.Index); err != nil {
			return err
		}
	}
	return nil
}

// partial returns the error of All or Page for a scan whose items would be partial.
func (s scan) partial() error {
	return partialRead("scan", "AllPartial or PagePartial", s.src, s.project, s.index)
}

// partialDecode returns the decoder of AllPartial and PagePartial.
func (q Query[T]) partialDecode() decodeFunc[Partial[T]] {
	if q.partial != nil {
		return q.partial
	}
	return partialDecode(q.decode)
}

// partialDecode returns the decoder of AllPartial and PagePartial.
func (s Scan[T]) partialDecode() decodeFunc[Partial[T]] {
	if s.partial != nil {
		return s.partial
	}
	return partialDecode(s.decode)
}

// AllPartial is [Query.All] for a query whose items are partial (with Project, or of an
// index that does not project every attribute): each item comes as a [Partial], which Put
// does not take. For a query of a [Table], the Item of each Partial is itself a Partial[T]
// of its model's T (not a *T), or an *UnknownItem.
func (q Query[T]) AllPartial(ctx context.Context) iter.Seq2[Partial[T], error] {
	return queryAll(ctx, q.q, q.partialDecode(), true)
}

// PagePartial is [Query.Page] for a query whose items are partial; see [Query.AllPartial].
func (q Query[T]) PagePartial(ctx context.Context, cursor string) (Page[Partial[T]], error) {
	return queryPage(ctx, q.q, cursor, q.partialDecode(), true)
}

// AllPartial is [Scan.All] for a scan whose items are partial (with Project, or of an index
// that does not project every attribute): each item comes as a [Partial], which Put does not
// take. For a scan of a [Table], the Item of each Partial is a Partial[T] of its model's T,
// as for [Query.AllPartial].
func (s Scan[T]) AllPartial(ctx context.Context) iter.Seq2[Partial[T], error] {
	return scanAll(ctx, s.s, s.partialDecode(), true)
}

// PagePartial is [Scan.Page] for a scan whose items are partial; see [Scan.AllPartial].
func (s Scan[T]) PagePartial(ctx context.Context, cursor string) (Page[Partial[T]], error) {
	return scanPage(ctx, s.s, cursor, s.partialDecode(), true)
}

// failed is a sequence that yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) { var zero T; yield(zero, err) }
}
