package model

import (
	"context"
	"iter"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/expr"
)

// Page is one page of a query or scan: its items, and the cursor of the next page ("" after
// the last page). A cursor is opaque; it is valid only for the same query on the same model
// (and, with WithCursorKey, only if the model signed it).
type Page[T any] struct {
	Items  []T
	Cursor string
}

// fetchFunc reads one page of raw items from start, with at most limit items evaluated
// (0: no limit).
type fetchFunc func(ctx context.Context, start map[string]types.AttributeValue, limit int32) (items []map[string]types.AttributeValue, last map[string]types.AttributeValue, err error)

// expiredFilter is the server-side filter that hides expired items, so that limits and
// counts see only live ones: an item with no expiry time, or one in the future. "Now" is
// the schema's clock, the one that set the expiry times and that Read checks them with.
func (m *Model[T]) expiredFilter() Condition {
	if !m.hideExpired {
		return Condition{}
	}
	now := &types.AttributeValueMemberN{Value: strconv.FormatInt(m.s.Now().Unix(), 10)}
	return Or(Where(m.ttl).NotExists(), Condition{&cnode{op: cCompare, path: m.ttl, cmp: expr.GT, values: []any{rawValue{now}}}})
}

// rawValue is a value already encoded, for conditions the model writes itself.
type rawValue struct{ av types.AttributeValue }

// keyNames returns the key attributes of the table and of the index read, which make up a
// page's last evaluated key.
func (m *Model[T]) keyNames(indexName string) []string {
	names := append([]string(nil), m.keys...)
	if ix, ok := m.tbl.Index(indexName); ok {
		for _, k := range []string{ix.Keys.Hash.Name, ix.Keys.Range.Name} {
			if k != "" && k != names[0] && (len(names) < 2 || k != names[1]) {
				names = append(names, k)
			}
		}
	}
	return names
}

// projectionWithKeys renders a projection that also holds the key attributes, so that a page
// can end on any item.
func (m *Model[T]) projectionWithKeys(b *expr.Builder, paths []string, keyNames []string) (*string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	return m.projection(b, append(append([]string(nil), paths...), keyNames...))
}

// all iterates over the items fetch returns, page after page, decoding each; it stops after
// limit items when limit > 0.
func (m *Model[T]) all(ctx context.Context, fetch fetchFunc, limit int, exact bool) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var start map[string]types.AttributeValue
		n := 0
		for {
			var reqLimit int32
			if limit > 0 && exact {
				reqLimit = int32(limit - n)
			}
			raws, last, err := fetch(ctx, start, reqLimit)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, raw := range raws {
				var item T
				ok, err := m.load(ctx, raw, &item)
				if err != nil {
					yield(zero, err)
					return
				}
				if !ok {
					continue
				}
				if !yield(item, nil) {
					return
				}
				if n++; limit > 0 && n >= limit {
					return
				}
			}
			if last == nil {
				return
			}
			start = last
		}
	}
}

// page reads one page of up to size items (all of one DynamoDB page when size is 0) from
// the cursor.
func (m *Model[T]) page(ctx context.Context, fetch fetchFunc, index, cursor string, size int, exact bool, keyNames []string) (Page[T], error) {
	var p Page[T]
	start, err := decodeCursor(m.o.cursorKey, m.table, index, cursor)
	if err != nil {
		return p, err
	}
	for {
		var reqLimit int32
		if size > 0 && exact {
			reqLimit = int32(size - len(p.Items))
		}
		raws, last, err := fetch(ctx, start, reqLimit)
		if err != nil {
			return p, err
		}
		for i, raw := range raws {
			var item T
			ok, err := m.load(ctx, raw, &item)
			if err != nil {
				return p, err
			}
			if !ok {
				continue
			}
			p.Items = append(p.Items, item)
			if size > 0 && len(p.Items) == size {
				if i < len(raws)-1 || last != nil {
					// The page ends on this item: the next one starts after its key.
					key := make(map[string]types.AttributeValue, len(keyNames))
					for _, k := range keyNames {
						key[k] = raw[k]
					}
					last = key
				}
				p.Cursor, err = encodeCursor(m.o.cursorKey, m.table, index, last)
				return p, err
			}
		}
		if last == nil || size == 0 {
			p.Cursor, err = encodeCursor(m.o.cursorKey, m.table, index, last)
			return p, err
		}
		start = last
	}
}
