package model

import (
	"slices"
	"strings"
)

// CallOption is an option of one call, such as [Consistent] or [If]. Each operation accepts
// the options its documentation lists and refuses others with an *InputError.
type CallOption struct {
	name  string
	apply func(*call)
}

type call struct {
	consistent bool
	project    []string
	cond       Condition
	oldDst     any // a *T
	storedDst  any // a *T
	given      []string
}

// Consistent asks for a strongly consistent read (get, batch get, query on the table or a
// local index, scan).
func Consistent() CallOption {
	return CallOption{"Consistent", func(c *call) { c.consistent = true }}
}

// Project reads only the attributes at paths, which may be nested ("address.city",
// "items[0]"). Attributes not read keep their zero values.
func Project(paths ...string) CallOption {
	paths = slices.Clone(paths)
	return CallOption{"Project", func(c *call) { c.project = append(c.project, paths...) }}
}

// If makes a write conditional: put, delete and transaction actions fail with
// ErrConditionFailed when cond is false for the stored item. Several If options are ANDed.
func If(cond Condition) CallOption {
	return CallOption{"If", func(c *call) { c.cond = And(c.cond, cond) }}
}

// ReturnOld stores the item as it was before a put or delete into dst, which must be a *T of
// the model's T. When there was no item, *dst is left as it is.
func ReturnOld[T any](dst *T) CallOption {
	return CallOption{"ReturnOld", func(c *call) { c.oldDst = dst }}
}

// ReturnStored stores the item as a put or create wrote it into dst, which must be a *T of
// the model's T: after defaults, transforms, timestamps and the version, decoded as Get
// would return it. dst may be the item given to the put, to bring it up to date:
//
//	err := users.Create(ctx, &u, model.ReturnStored(&u))
func ReturnStored[T any](dst *T) CallOption {
	return CallOption{"ReturnStored", func(c *call) { c.storedDst = dst }}
}

// options applies opts for op, refusing any not among allowed.
func parseCall(op string, opts []CallOption, allowed ...string) (call, error) {
	if len(opts) == 0 {
		return call{}, nil // the common case, kept free of allocations
	}
	return parseOptions(op, opts, allowed)
}

func parseOptions(op string, opts []CallOption, allowed []string) (call, error) {
	var c call
	for _, o := range opts {
		if o.apply == nil {
			continue
		}
		if !slices.Contains(allowed, o.name) {
			return c, inputError(op, "option %s does not apply (it takes %s)", o.name, list(allowed))
		}
		o.apply(&c)
		c.given = append(c.given, o.name)
	}
	return c, nil
}

func list(names []string) string {
	if len(names) == 0 {
		return "no options"
	}
	return strings.Join(names, ", ")
}

// dstOf returns the destination of ReturnOld or ReturnStored as a *T, or nil when the
// option was not given.
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
