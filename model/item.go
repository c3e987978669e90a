package model

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/internal/expr"
)

// projection renders the paths of Project into b, adding the attributes the model needs to
// recognize its items (expiry time, entity type). It returns nil when no projection was
// asked for.
func (m *Model[T]) projection(op string, b *expr.Builder, paths []string) (*string, error) {
	return m.src.projection(op, b, paths)
}

// condition renders c into b, or returns nil for the zero Condition.
func (m *Model[T]) condition(b *expr.Builder, c Condition) (*string, error) {
	return m.src.condition(b, c)
}

// Get returns the item with key. It returns ErrNotFound when there is none, or when the item
// has expired and the schema hides expired items. Options: [Consistent].
//
// Get does not take [Project]: the item would miss the attributes not read, and Put of it
// would delete them. Use [Model.GetPartial].
//
// It calls [GetItem].
//
// [GetItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
func (m *Model[T]) Get(ctx context.Context, key Key, opts ...GetOption) (T, error) {
	item, _, err := m.get(ctx, key, callOf(opts))
	return item, err
}

// GetPartial is [Model.Get] for a read with [Project]: the item comes as a [Partial], which
// Put does not take, with the names of the attributes read. Write changes with
// [Model.Update], which leaves the attributes not read as they are. Options: [Consistent],
// [Project].
func (m *Model[T]) GetPartial(ctx context.Context, key Key, opts ...GetPartialOption) (Partial[T], error) {
	item, raw, err := m.get(ctx, key, callOf(opts))
	if err != nil {
		return Partial[T]{Item: item}, err
	}
	return Partial[T]{Item: item, Read: readNames(raw)}, nil
}

// get reads the item with key and returns it with the stored attributes read.
func (m *Model[T]) get(ctx context.Context, key Key, c call) (T, map[string]types.AttributeValue, error) {
	var item T
	in, err := m.getRequest(ctx, key, c)
	if err != nil {
		return item, nil, err
	}
	out, err := m.db.GetItem(ctx, in)
	if err != nil {
		return item, nil, opError("get", m.table, err)
	}
	if out.Item == nil {
		return item, nil, notFound(m.table, in.Key)
	}
	ok, err := m.load(ctx, out.Item, &item)
	if err != nil {
		return item, nil, err
	}
	if !ok {
		var zero T
		return zero, nil, notFound(m.table, in.Key)
	}
	if err := m.runHooks(ctx, hooks.OnAfterGet, &item); err != nil {
		return item, nil, err
	}
	return item, out.Item, nil
}

// getRequest returns the request of a get, after the BeforeGet hooks.
func (m *Model[T]) getRequest(ctx context.Context, key Key, c call) (*dynamodb.GetItemInput, error) {
	in, err := m.getInput(key, c)
	if err != nil {
		return nil, err
	}
	if m.hooks.Has(hooks.OnBeforeGet) {
		if err := m.runHooks(ctx, hooks.OnBeforeGet, m.keyItem(in.Key)); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (m *Model[T]) getInput(key Key, c call) (*dynamodb.GetItemInput, error) {
	k, err := m.key(key)
	if err != nil {
		return nil, err
	}
	var b expr.Builder
	proj, err := m.projection("get", &b, c.project)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.GetItemInput{TableName: aws.String(m.table), Key: k, ProjectionExpression: proj, ExpressionAttributeNames: b.Names()}
	if c.consistent {
		in.ConsistentRead = aws.Bool(true)
	}
	return in, nil
}

// Put writes item, replacing any item with the same key, as Dynamoose's save does. The item
// passes the schema's write pipeline first (defaults, transforms, validation, timestamps);
// a refused item is a *validate.Error and nothing is sent. item is not modified (give
// [ReturnStored](item) for that). Options: [If], [ReturnOld], [ReturnStored].
//
// With [WithVersion], the stored item must still have item's version (version 0: no item
// may exist; when the schema hides expired items, an expired item counts as none), and item
// is stored with the next version; otherwise Put fails with an error
// matching ErrConditionFailed. item keeps the version it had unless ReturnStored is given.
//
// In a unit of work ([RunInTransaction]) Put, Create and Delete are recorded, not sent.
//
// It calls [PutItem].
//
// [PutItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
func (m *Model[T]) Put(ctx context.Context, item *T, opts ...PutOption) error {
	return m.put(ctx, "put", item, callOf(opts))
}

// Create writes item only when no item has its key; otherwise it fails with an error that
// matches ErrConditionFailed. When the schema hides expired items, an expired item counts
// as no item, as it does for Get, and is replaced. createdAt is set to now. Options: [If]
// (ANDed with the existence check), [ReturnOld], [ReturnStored].
//
// It calls [PutItem] with the condition attribute_not_exists on the hash key (or, under
// HideExpired, an expiry time not after now).
func (m *Model[T]) Create(ctx context.Context, item *T, opts ...PutOption) error {
	return m.put(ctx, "create", item, callOf(opts))
}

func (m *Model[T]) put(ctx context.Context, op string, item *T, c call) error {
	if f := unitOf(ctx); f != nil {
		if err := inTransaction(op, c); err != nil {
			return f.refuse(err)
		}
		return f.record(ctx, m.txPut(op, item, c))
	}
	in, old, stored, err := m.putRequest(ctx, op, item, c)
	if err != nil {
		return err
	}
	tries, record := recordAttempts(in.ConditionExpression)
	out, err := m.db.PutItem(ctx, in, record...)
	if lost, ok := conditionAfterLost(tries, err); ok {
		out, err = m.resolvePut(ctx, op, in, lost, err)
	} else if err != nil && in.ConditionExpression != nil && ctx.Err() == nil {
		// The last attempt lost its response, or an earlier one did and the retries ended on
		// another error (throttling, say): the stored item may show the write.
		if lost := tries.lostEarlier(); lost != nil {
			out, err = m.resolvePut(ctx, op, in, lost, err)
		} else if outcomeUnknown(err) {
			out, err = m.resolvePut(ctx, op, in, err, err)
		}
	}
	if err != nil {
		return opError(op, m.table, err)
	}
	if old != nil && out.Attributes != nil {
		if _, err := m.load(ctx, out.Attributes, old); err != nil {
			return err
		}
	}
	if stored != nil {
		var v T
		if ok, err := m.load(ctx, in.Item, &v); err != nil {
			return err
		} else if ok {
			*stored = v
		}
	}
	return m.runHooks(ctx, hooks.OnAfterPut, item)
}

// putRequest returns the request of a put or create of item, after the BeforePut hooks,
// with the destinations of ReturnOld and ReturnStored.
func (m *Model[T]) putRequest(ctx context.Context, op string, item *T, c call) (in *dynamodb.PutItemInput, old, stored *T, err error) {
	if item == nil {
		return nil, nil, nil, inputError(op, "nil item")
	}
	if err := m.runHooks(ctx, hooks.OnBeforePut, item); err != nil {
		return nil, nil, nil, err
	}
	return m.putInput(op, item, c)
}

// putInput returns the input of a put or create of item, with the destinations of ReturnOld
// and ReturnStored.
func (m *Model[T]) putInput(op string, item *T, c call) (in *dynamodb.PutItemInput, old, stored *T, err error) {
	if old, err = dstOf[T](op, "ReturnOld", c.oldDst); err != nil {
		return nil, nil, nil, err
	}
	if stored, err = dstOf[T](op, "ReturnStored", c.storedDst); err != nil {
		return nil, nil, nil, err
	}
	var av map[string]types.AttributeValue
	switch {
	case op == "create":
		av, err = m.s.Create(item)
	default:
		av, err = m.s.Put(item)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if err := m.entity.stamp(op, av); err != nil {
		return nil, nil, nil, err
	}
	cond := c.cond
	if op == "create" {
		// No item has the key, or (under HideExpired) only an expired one, which no read
		// returns: Create replaces it.
		absent := Where(m.keys[0]).NotExists()
		if m.view.HidesExpired() {
			absent = Or(absent, And(expiredOnly(m.view), m.entity.filter()))
		}
		cond = And(absent, cond)
	} else {
		cond = And(cond, m.entity.guard())
	}
	vc, err := m.versionPut(op, av)
	if err != nil {
		return nil, nil, nil, err
	}
	if m.view.HidesExpired() && vc.n != nil {
		// An expired item counts as no item: version 0 (no item) accepts one, whatever
		// version it had (Create's own check already does), and version v needs a live one.
		switch {
		case vc.n.op == cNotExists && op == "create":
			vc = Condition{}
		case vc.n.op == cNotExists:
			vc = Or(vc, expiredOnly(m.view))
		default:
			vc = And(vc, expiredFilter(m.view))
		}
	}
	cond = And(cond, vc)
	in = &dynamodb.PutItemInput{TableName: aws.String(m.table), Item: av}
	if !cond.IsZero() {
		// The builder is made only for a condition: it escapes through m.condition.
		var b expr.Builder
		if in.ConditionExpression, err = m.condition(&b, cond); err != nil {
			return nil, nil, nil, err
		}
		in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	}
	if old != nil {
		in.ReturnValues = types.ReturnValueAllOld
	}
	return in, old, stored, nil
}

// Delete deletes the item with key. Deleting an item that does not exist is not an error;
// with [If], a false condition (including on a missing item) fails with an error that matches
// ErrConditionFailed. Options: [If], [ReturnOld].
//
// It calls [DeleteItem].
//
// [DeleteItem]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html
func (m *Model[T]) Delete(ctx context.Context, key Key, opts ...DeleteOption) error {
	c := callOf(opts)
	if f := unitOf(ctx); f != nil {
		if err := inTransaction("delete", c); err != nil {
			return f.refuse(err)
		}
		return f.record(ctx, m.txDelete(key, c))
	}
	in, old, keyItem, err := m.deleteRequest(ctx, key, c)
	if err != nil {
		return err
	}
	tries, record := recordAttempts(in.ConditionExpression)
	out, err := m.db.DeleteItem(ctx, in, record...)
	if lost, ok := conditionAfterLost(tries, err); ok {
		// Whether this call deleted the item, or another writer did, or the condition was
		// false, nothing stored tells.
		return unknownOutcome("delete", m.table, lost, err)
	}
	if err != nil {
		return opError("delete", m.table, err)
	}
	if old != nil && out.Attributes != nil {
		if _, err := m.load(ctx, out.Attributes, old); err != nil {
			return err
		}
	}
	return m.runHooks(ctx, hooks.OnAfterDelete, keyItem)
}

// deleteRequest returns the request of a delete, after the BeforeDelete hooks, with the
// destination of ReturnOld and the item of the key the hooks got (nil without delete hooks).
func (m *Model[T]) deleteRequest(ctx context.Context, key Key, c call) (in *dynamodb.DeleteItemInput, old, keyItem *T, err error) {
	in, old, err = m.deleteInput(key, c)
	if err != nil {
		return nil, nil, nil, err
	}
	if m.hooks.Has(hooks.OnBeforeDelete) || m.hooks.Has(hooks.OnAfterDelete) {
		keyItem = m.keyItem(in.Key)
	}
	if err := m.runHooks(ctx, hooks.OnBeforeDelete, keyItem); err != nil {
		return nil, nil, nil, err
	}
	return in, old, keyItem, nil
}

func (m *Model[T]) deleteInput(key Key, c call) (*dynamodb.DeleteItemInput, *T, error) {
	old, err := dstOf[T]("delete", "ReturnOld", c.oldDst)
	if err != nil {
		return nil, nil, err
	}
	k, err := m.key(key)
	if err != nil {
		return nil, nil, err
	}
	var b expr.Builder
	ce, err := m.condition(&b, And(c.cond, m.entity.guard()))
	if err != nil {
		return nil, nil, err
	}
	in := &dynamodb.DeleteItemInput{
		TableName: aws.String(m.table), Key: k, ConditionExpression: ce,
		ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
	}
	if old != nil {
		in.ReturnValues = types.ReturnValueAllOld
	}
	return in, old, nil
}
