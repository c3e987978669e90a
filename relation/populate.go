package relation

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// Populated is what [Relation.Populate] and [Relation.PopulateReverse] loaded.
type Populated[K comparable, X any] struct {
	// Items holds, for each ID asked for, the related items found, in the order of its links.
	// An ID with no links maps to an empty slice.
	Items map[K][]*X
	// Dangling lists the links whose related item does not exist (deleted, or never
	// written), in the order they were read. Their items are absent from Items.
	Dangling []Link[K]
}

// Populate loads the items of T linked to each item of F with an ID in from: it lists the
// links of each (one query each, every page), then reads the distinct related items with
// batched gets ([model.Model.BatchGet]: 100 keys a request, a key read once however many links
// name it). A link whose item is missing is reported in Dangling, not dropped. When some
// keys stay unread after the batch retries, the error wraps the related model's
// *model.BatchError and the result holds what was read (the unread items are neither in
// Items nor in Dangling).
//
// It calls [Query] for each ID, then [BatchGetItem].
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// [BatchGetItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
func (r *Relation[K, F, T, L]) Populate(ctx context.Context, from ...K) (Populated[K, T], error) {
	lists := make([][]link[K, L], len(from))
	for i, id := range from {
		links, err := r.forward(ctx, "populate", id)
		if err != nil {
			return Populated[K, T]{}, err
		}
		lists[i] = links
	}
	return populate(ctx, "populate", r.to, r.toID, r.toKey, from, lists,
		func(l link[K, L]) (K, types.AttributeValue) { return l.to, l.toRaw },
		func(l link[K, L]) Link[K] { return Link[K]{From: l.from, To: l.to} })
}

// PopulateReverse loads the items of F linked to each item of T with an ID in to, through
// [ReverseIndex], as [Relation.Populate] does the other way. Dangling holds the links whose
// item of F is missing.
//
// It calls [Query] on the reverse index for each ID, then [BatchGetItem].
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// [BatchGetItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
func (r *Relation[K, F, T, L]) PopulateReverse(ctx context.Context, to ...K) (Populated[K, F], error) {
	lists := make([][]link[K, L], len(to))
	for i, id := range to {
		links, err := r.reverse(ctx, "populate reverse", id)
		if err != nil {
			return Populated[K, F]{}, err
		}
		lists[i] = links
	}
	return populate(ctx, "populate reverse", r.from, r.fromID, r.fromKey, to, lists,
		func(l link[K, L]) (K, types.AttributeValue) { return l.from, l.fromRaw },
		func(l link[K, L]) Link[K] { return Link[K]{From: l.from, To: l.to} })
}

// populate reads the items the links of each of ids point at, with one BatchGet of the
// distinct targets.
func populate[K comparable, X, L any](ctx context.Context, op string, m *model.Model[X], idAttr string, how idKey, ids []K, lists [][]link[K, L],
	target func(link[K, L]) (K, types.AttributeValue), pair func(link[K, L]) Link[K]) (Populated[K, X], error) {
	var keys []model.Key
	slot := make(map[string]int) // a target's stored ID text → its position in keys
	for _, links := range lists {
		for _, l := range links {
			_, av := target(l)
			text := valueText(av)
			if _, ok := slot[text]; ok {
				continue
			}
			key, err := keyOf(m, idAttr, how, av)
			if err != nil {
				return Populated[K, X]{}, fmt.Errorf("relation: %s: %w", op, err)
			}
			slot[text] = len(keys)
			keys = append(keys, key)
		}
	}
	out := Populated[K, X]{Items: make(map[K][]*X, len(ids))}
	var items []*X
	var err error
	unread := map[int]bool{}
	if len(keys) > 0 {
		items, err = m.BatchGet(ctx, keys)
		var be *model.BatchError
		switch {
		case err == nil:
		case items == nil || !errors.As(err, &be):
			return Populated[K, X]{}, fmt.Errorf("relation: %s: %w", op, err)
		default:
			for _, i := range be.Failed {
				unread[i] = true
			}
		}
	}
	for i, id := range ids {
		if _, ok := out.Items[id]; !ok {
			out.Items[id] = []*X{}
		}
		if i > 0 && slices.Contains(ids[:i], id) {
			continue // asked twice: listed once
		}
		for _, l := range lists[i] {
			_, av := target(l)
			at := slot[valueText(av)]
			item := items[at]
			if item == nil {
				if !unread[at] {
					out.Dangling = append(out.Dangling, pair(l))
				}
				continue
			}
			out.Items[id] = append(out.Items[id], item)
		}
	}
	if err != nil {
		return out, fmt.Errorf("relation: %s: %w", op, err)
	}
	return out, nil
}

// keyOf returns the key of the item of m whose attribute idAttr holds the stored value id:
// the value itself for a key that is idAttr, its template's part for a key built by a
// template of idAttr alone (a single table's "ROLE#{id}"), and otherwise the key a write of
// an item holding only that ID computes (Constant and Combine).
func keyOf[X any](m *model.Model[X], idAttr string, how idKey, id types.AttributeValue) (model.Key, error) {
	if how.hash != fromWrite && how.rng != fromWrite {
		value := func(k keyFrom) any {
			switch k {
			case fromID:
				return goValue(id)
			case fromTemplate:
				return schema.Parts{idAttr: goValue(id)}
			}
			return nil
		}
		return model.Key{Hash: value(how.hash), Range: value(how.rng)}, nil
	}
	s := m.Schema()
	x := new(X)
	if err := s.Read(map[string]types.AttributeValue{idAttr: id}, x); err != nil {
		return model.Key{}, fmt.Errorf("%s %v: %w", idAttr, goValue(id), err)
	}
	key, err := s.KeyOf(x)
	if err != nil {
		return model.Key{}, fmt.Errorf("the key of %s cannot be computed from %s alone: %w", m.TableName(), idAttr, err)
	}
	k := model.Key{Hash: goValue(key[s.HashKey()])}
	if rk := s.RangeKey(); rk != "" {
		k.Range = goValue(key[rk])
	}
	return k, nil
}
