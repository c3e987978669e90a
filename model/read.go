package model

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Page is one page of a query or scan: its items, and the cursor of the next page ("" after
// the last page). A cursor is opaque; it is valid only for the same query on the same model
// (and, with WithCursorKey, only if the model signed it). Its JSON form,
// {"items":[...],"cursor":"..."}, is what an HTTP handler can return as it is.
type Page[T any] struct {
	Items  []T    `json:"items"`
	Cursor string `json:"cursor,omitempty"`
}

// fetchFunc reads one page of raw items from start, with at most limit items evaluated
// (0: no limit).
type fetchFunc func(ctx context.Context, start map[string]types.AttributeValue, limit int32) (items []map[string]types.AttributeValue, last map[string]types.AttributeValue, err error)

// decodeFunc decodes one stored item; ok is false when the item is not to be returned (an
// expired item the schema hides, an item of another entity).
type decodeFunc[T any] func(ctx context.Context, raw map[string]types.AttributeValue) (item T, ok bool, err error)

// maxRequestLimit bounds the Limit of one request.
const maxRequestLimit = 1 << 20

// requestLimit is the Limit of the next request of a read that wants more items, after
// requests earlier ones. DynamoDB's Limit counts the items a request reads, before the
// filter: with no filter (exact) it is want; with a filter, which keeps only part of them,
// it starts at want (so that a small Limit does not read a whole 1 MB page when most items
// match) and doubles with every request (so that a filter that keeps few items takes few
// requests).
func requestLimit(want int, exact bool, requests int) int32 {
	if want <= 0 {
		return 0
	}
	n := int64(min(want, maxRequestLimit))
	if !exact {
		n <<= min(requests, 20)
	}
	return int32(min(n, maxRequestLimit))
}

// readAll iterates over the items fetch returns, page after page, decoding each; it stops
// after limit items when limit > 0. When ctx ends it yields ctx's error before the next item:
// the rest of a page already read is not handed out.
func readAll[T any](ctx context.Context, fetch fetchFunc, limit int, exact bool, decode decodeFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var start map[string]types.AttributeValue
		n := 0
		for requests := 0; ; requests++ {
			var reqLimit int32
			if limit > 0 {
				reqLimit = requestLimit(limit-n, exact, requests)
			}
			raws, last, err := fetch(ctx, start, reqLimit)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, raw := range raws {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				item, ok, err := decode(ctx, raw)
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

// readPage reads one page of up to size items (all of one DynamoDB page when size is 0)
// from the cursor.
func readPage[T any](ctx context.Context, src *source, fetch fetchFunc, scope cursorScope, cursor string, size int, exact bool, keyNames []string, decode decodeFunc[T]) (Page[T], error) {
	var p Page[T]
	start, err := decodeCursor(src.cursorKey, src.table, scope, cursor)
	if err != nil {
		return p, err
	}
	if start != nil {
		if err := checkCursorKey(start, src.keyTypes(keyNames)); err != nil {
			return p, err
		}
	}
	for requests := 0; ; requests++ {
		var reqLimit int32
		if size > 0 {
			reqLimit = requestLimit(size-len(p.Items), exact, requests)
		}
		raws, last, err := fetch(ctx, start, reqLimit)
		if err != nil {
			return p, err
		}
		for i, raw := range raws {
			item, ok, err := decode(ctx, raw)
			if err != nil {
				return p, err
			}
			if !ok {
				continue
			}
			p.Items = append(p.Items, item)
			if size > 0 && len(p.Items) == size {
				more := i < len(raws)-1 || last != nil
				if i == len(raws)-1 && last != nil && !exact {
					// DynamoDB stopped at the request's Limit, maybe before the filter's
					// last match: look on, so that the last page has no cursor.
					if more, err = anyAfter(ctx, fetch, last, requests+1); err != nil {
						return p, err
					}
				}
				if !more {
					last = nil
				} else {
					// The page ends on this item: the next one starts after its key.
					key := make(map[string]types.AttributeValue, len(keyNames))
					for _, k := range keyNames {
						key[k] = raw[k]
					}
					last = key
				}
				p.Cursor, err = encodeCursor(src.cursorKey, src.table, scope, last)
				return p, err
			}
		}
		if last == nil || size == 0 {
			p.Cursor, err = encodeCursor(src.cursorKey, src.table, scope, last)
			return p, err
		}
		start = last
	}
}

// anyAfter reports whether fetch returns any item after start, reading on past pages the
// filter leaves empty, with limits that grow from where a read after requests requests is.
func anyAfter(ctx context.Context, fetch fetchFunc, start map[string]types.AttributeValue, requests int) (bool, error) {
	for ; start != nil; requests++ {
		raws, last, err := fetch(ctx, start, requestLimit(1, false, requests))
		if err != nil {
			return false, err
		}
		if len(raws) > 0 {
			return true, nil
		}
		start = last
	}
	return false, nil
}
