package model

import "slices"

// The options of one call are typed per operation, as the SDK types its functional options
// per client: each operation takes the interface of its options ([GetOption],
// [GetPartialOption], [PutOption], [DeleteOption]), or the one option type it takes
// ([IfOption] for transaction writes, [ProjectOption] for [Model.TxGetPartial]), and an
// option the operation does not take does not compile:
//
//	users.Put(ctx, &u, model.If(cond), model.ReturnOld(&old)) // compiles
//	users.Put(ctx, &u, model.Consistent())                    // does not: ConsistentOption is no PutOption
//
// Each option type implements the interfaces of the operations that take it through
// unexported methods, so no type outside the package can pose as an option.

// GetOption is an option of [Model.Get] and [Model.BatchGet]: [Consistent].
type GetOption interface {
	option
	getOption()
}

// GetPartialOption is an option of [Model.GetPartial], [Model.BatchGetPartial] and their
// dry runs ([Model.GetRequest], [Model.BatchGetRequests]): [Consistent], [Project].
type GetPartialOption interface {
	option
	getPartialOption()
}

// PutOption is an option of [Model.Put] and [Model.Create]: [If], [ReturnOld],
// [ReturnStored].
type PutOption interface {
	option
	putOption()
}

// DeleteOption is an option of [Model.Delete]: [If], [ReturnOld].
type DeleteOption interface {
	option
	deleteOption()
}

// option is what every option does: it sets its part of a call's settings. It takes and
// returns the settings by value, so that applying options through the interface does not
// make them escape to the heap.
type option interface {
	apply(call) call
}

// call is the settings of one call, made from its options.
type call struct {
	consistent bool
	project    []string
	cond       Condition
	oldDst     any // a *T
	storedDst  any // a *T
}

// ConsistentOption is the option [Consistent] returns.
type ConsistentOption struct{}

// Consistent asks for a strongly consistent read (Get, BatchGet and their Partial variants;
// queries and scans have [Query.Consistent] and [Scan.Consistent]).
func Consistent() ConsistentOption { return ConsistentOption{} }

func (ConsistentOption) apply(c call) call { c.consistent = true; return c }
func (ConsistentOption) getOption()        {}
func (ConsistentOption) getPartialOption() {}

// ProjectOption is the option [Project] returns.
type ProjectOption struct{ paths []string }

// Project reads only the attributes at paths, which may be nested ("address.city",
// "items[0]"), for the Partial reads ([Model.GetPartial], [Model.BatchGetPartial],
// [Model.TxGetPartial]); Get, BatchGet and TxGet, whose items Put could write back, do not
// take it. Attributes not read keep their zero values.
func Project(paths ...string) ProjectOption { return ProjectOption{slices.Clone(paths)} }

func (o ProjectOption) apply(c call) call {
	c.project = append(c.project[:len(c.project):len(c.project)], o.paths...)
	return c
}
func (ProjectOption) getPartialOption() {}

// IfOption is the option [If] returns.
type IfOption struct{ cond Condition }

// If makes a write conditional: Put, Create, Delete and the transaction actions TxPut,
// TxCreate and TxDelete fail with ErrConditionFailed when cond is false for the stored item.
// Several If options are ANDed.
func If(cond Condition) IfOption { return IfOption{cond} }

func (o IfOption) apply(c call) call {
	if c.cond.IsZero() {
		c.cond = o.cond // the common case, one If: nothing to AND
	} else {
		c.cond = And(c.cond, o.cond)
	}
	return c
}

func (IfOption) putOption()    {}
func (IfOption) deleteOption() {}

// ReturnOldOption is the option [ReturnOld] returns.
type ReturnOldOption[T any] struct{ dst *T }

// ReturnOld stores the item as it was before a Put, Create or Delete into dst, which must
// be a non-nil *T of the model's T (checked before sending, as an *InputError). When there
// was no item, *dst is left as it is. Transactions return no items and do not take it.
func ReturnOld[T any](dst *T) ReturnOldOption[T] { return ReturnOldOption[T]{dst} }

func (o ReturnOldOption[T]) apply(c call) call { c.oldDst = o.dst; return c }
func (ReturnOldOption[T]) putOption()          {}
func (ReturnOldOption[T]) deleteOption()       {}

// ReturnStoredOption is the option [ReturnStored] returns.
type ReturnStoredOption[T any] struct{ dst *T }

// ReturnStored stores the item as a Put or Create wrote it into dst, which must be a
// non-nil *T of the model's T: after defaults, transforms, timestamps and the version,
// decoded as Get would return it. dst may be the item given to the put, to bring it up to
// date:
//
//	err := users.Create(ctx, &u, model.ReturnStored(&u))
func ReturnStored[T any](dst *T) ReturnStoredOption[T] { return ReturnStoredOption[T]{dst} }

func (o ReturnStoredOption[T]) apply(c call) call { c.storedDst = o.dst; return c }
func (ReturnStoredOption[T]) putOption()          {}

// callOf applies opts in order. The common case, no option, allocates nothing.
func callOf[O option](opts []O) call {
	var c call
	for _, o := range opts {
		if any(o) != nil {
			c = o.apply(c)
		}
	}
	return c
}

// dstOf returns the destination of ReturnOld or ReturnStored as a *T, or nil when the
// option was not given. The option's type parameter is not tied to the model's T, so a
// destination of another type is refused here.
func dstOf[T any](op, option string, dst any) (*T, error) {
	if dst == nil {
		return nil, nil
	}
	d, ok := dst.(*T)
	if !ok || d == nil {
		var zero *T
		return nil, inputError(op, "%s got %T; want a non-nil %T", option, dst, zero)
	}
	return d, nil
}
