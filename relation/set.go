package relation

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
)

// Change is what [Relation.Set] wrote.
type Change[K comparable] struct {
	// Added are the IDs newly linked, in the order given to Set; Removed the IDs no longer
	// linked, in the order the links were listed.
	Added, Removed []K
	// Transaction is true when the changes were written in one TransactWriteItems, false when
	// they were written in batches (see [AllowBatches]) or there was nothing to write.
	Transaction bool
}

// Unchanged reports whether Set found nothing to write.
func (c Change[K]) Unchanged() bool { return len(c.Added) == 0 && len(c.Removed) == 0 }

// Set makes the items of T linked to the item of F with ID from exactly those with the IDs
// to, writing only the difference: it reads the current links (every page, a consistent read
// where they are read from the table), keeps the links that stay, deletes the links to IDs
// not in to and puts links to IDs not yet linked. An ID given twice counts once; a second
// identical Set writes nothing.
//
// The changes are written in one transaction when they fit in 100 actions, so that a reader
// sees the old links or the new ones; more changes, or a server without transactions, need
// [AllowBatches], which writes them in batches ([model.Model.BatchWrite]: 25 puts and deletes
// a request, mixed, so N puts and M deletes take ⌈(N+M)/25⌉ requests, and unprocessed ones are
// retried as the link model's batch writes are). Without it such a Set fails before writing
// anything. When a batch fails, Set returns with the error the changes known written (those
// the *model.BatchError lists may have been too, if an answer was lost: a Set again writes
// the difference).
// Every ID is checked against the link schema before anything is sent. Two Sets of one
// item's links at the same time may interleave: the last write of each link wins.
//
// In a unit of work ([model.RunInTransaction]) the puts and deletes join the unit's
// transaction and are written when it commits (Transaction is true). Changes the unit's
// transaction cannot hold are refused as any call of the unit is, and the unit commits
// nothing: more than 100 changes match [ErrTooManyChanges], or with [AllowBatches] (batches
// cannot join a transaction) [model.ErrNotTransactional].
//
// It calls [Query], then [TransactWriteItems] or [BatchWriteItem].
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// [TransactWriteItems]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// [BatchWriteItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
func (r *Relation[K, F, T, L]) Set(ctx context.Context, from K, to []K) (Change[K], error) {
	const op = "set"
	fromAV, err := r.idValue(r.fromAttr, from)
	if err != nil {
		return Change[K]{}, fmt.Errorf("relation: %s: %w", op, err)
	}
	type wanted struct {
		id K
		av types.AttributeValue
	}
	want := make(map[string]bool, len(to))
	var order []wanted
	for i, id := range to {
		av, err := r.idValue(r.toAttr, id)
		if err != nil {
			return Change[K]{}, fmt.Errorf("relation: %s: to[%d]: %w", op, i, err)
		}
		if text := valueText(av); !want[text] {
			want[text] = true
			order = append(order, wanted{id, av})
		}
	}
	current, err := r.forward(ctx, op, from)
	if err != nil {
		return Change[K]{}, err
	}
	var c Change[K]
	have := make(map[string]bool, len(current))
	var removed []model.Key
	for _, l := range current {
		have[l.toAV] = true
		if want[l.toAV] {
			continue
		}
		key, err := r.linkKey(l)
		if err != nil {
			return Change[K]{}, fmt.Errorf("relation: %s: %w", op, err)
		}
		c.Removed = append(c.Removed, l.to)
		removed = append(removed, key)
	}
	var added []*L
	for _, w := range order {
		if have[valueText(w.av)] {
			continue
		}
		item, err := r.newLink(fromAV, w.av)
		if err != nil {
			return Change[K]{}, fmt.Errorf("relation: %s: link to %v: %w", op, w.id, err)
		}
		c.Added = append(c.Added, w.id)
		added = append(added, item)
	}
	if c.Unchanged() {
		return c, nil
	}
	n := len(added) + len(removed)
	fits := n <= model.MaxTransactionActions
	if !r.noTx.Load() && (fits || !r.o.batches) {
		actions := make([]model.WriteAction, 0, n)
		for _, item := range added {
			actions = append(actions, r.links.TxPut(item))
		}
		for _, key := range removed {
			actions = append(actions, r.links.TxDelete(key))
		}
		// Changes a transaction cannot hold are refused by TransactWrite before anything is
		// sent; in a unit of work the refusal also keeps the unit from committing.
		err := model.TransactWrite(ctx, actions...)
		switch {
		case err == nil:
			c.Transaction = true
			return c, nil
		case !fits:
			return Change[K]{}, fmt.Errorf("%w: %d links to add and %d to remove (AllowBatches writes them in batches, not atomically): %w",
				ErrTooManyChanges, len(added), len(removed), err)
		case !r.o.batches || !unsupported(err):
			return Change[K]{}, fmt.Errorf("relation: %s: %w", op, err)
		}
		r.noTx.Store(true) // the server has no transactions; AllowBatches lets batches do
	}
	if err := r.links.BatchWrite(ctx, added, removed); err != nil {
		return r.partly(c, len(added), err)
	}
	return c, nil
}

// partly returns the changes of c that a failed batch write did, and its error. The write
// held the len(c.Added) puts first, then the deletes; a *model.BatchError lists those not
// known done (a request whose answer was lost may have been applied). Any other error is
// the link model's: a refusal before anything was sent, or an after hook's error once every
// write was done, which BatchWrite returns as it is; partly reports neither as written.
func (r *Relation[K, F, T, L]) partly(c Change[K], puts int, err error) (Change[K], error) {
	var be *model.BatchError
	if !errors.As(err, &be) {
		return Change[K]{}, fmt.Errorf("relation: set: %w", err)
	}
	failed := make(map[int]bool, len(be.Failed))
	for _, i := range be.Failed {
		failed[i] = true
	}
	var done Change[K]
	for i, id := range c.Added {
		if !failed[i] {
			done.Added = append(done.Added, id)
		}
	}
	for j, id := range c.Removed {
		if !failed[puts+j] {
			done.Removed = append(done.Removed, id)
		}
	}
	return done, fmt.Errorf("relation: set: %d of %d links not added, %d of %d not removed (the rest were written): %w",
		len(c.Added)-len(done.Added), len(c.Added), len(c.Removed)-len(done.Removed), len(c.Removed), err)
}

// linkKey returns the primary key of a link read by a listing.
func (r *Relation[K, F, T, L]) linkKey(l link[K, L]) (model.Key, error) {
	s := r.links.Schema()
	key, err := s.KeyOf(&l.item)
	if err != nil {
		return model.Key{}, fmt.Errorf("key of the link to %v: %w", l.to, err)
	}
	k := model.Key{Hash: goValue(key[s.HashKey()])}
	if rk := s.RangeKey(); rk != "" {
		k.Range = goValue(key[rk])
	}
	return k, nil
}
