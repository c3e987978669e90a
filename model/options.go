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

// options applies opts for op, refusing any not among allowed.
func parseCall(op string, opts []CallOption, allowed ...string) (call, error) {
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

// oldInto returns the destination of ReturnOld as a *T.
func oldInto[T any](op string, c call) (*T, error) {
	if c.oldDst == nil {
		return nil, nil
	}
	dst, ok := c.oldDst.(*T)
	if !ok || dst == nil {
		var zero *T
		return nil, inputError(op, "ReturnOld got %T; want a non-nil %T", c.oldDst, zero)
	}
	return dst, nil
}
