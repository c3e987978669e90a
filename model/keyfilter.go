package model

import (
	"fmt"
	"iter"
	"slices"

	"github.com/dynamodel/dynamodel/index"
)

// keyFilter refuses the filter conditions of a query that name a key attribute of ch, the table
// or index queried: DynamoDB accepts no filter on them ("Filter Expression can only contain
// non-primary key attributes"), so a condition on a key that the key condition could not hold
// would only come back as a ValidationException.
func keyFilter(enc valueEncoder, ch index.Choice, filter []Condition) error {
	for _, c := range filter {
		for name := range c.topNames(enc) {
			if !ch.Keys.Has(name) {
				continue
			}
			role, what := "hash", "a key condition compares the hash key with = once"
			if name != ch.Keys.Hash.Name {
				role, what = "range", "a key condition takes one =, <, <=, >, >=, BETWEEN or begins_with on the range key"
			}
			if ch.Keys.MultiAttribute() {
				role, what = "sort", "a key condition takes the sort attributes in order, from the first, with = on each but the last one given, which may have <, <=, >, >=, BETWEEN or begins_with"
				if slices.ContainsFunc(ch.Keys.HashKeys(), func(k index.Key) bool { return k.Name == name }) {
					role, what = "partition", "a key condition compares each partition attribute with = once"
				}
			}
			where := "the table"
			if ch.Index != "" {
				where = fmt.Sprintf("index %q", ch.Index)
			}
			return &InputError{Op: "query", Err: &because{ErrKeyFilter, fmt.Sprintf("%s names %q, the %s key of %s, but cannot be its key condition: %s, and DynamoDB refuses any other condition on a key attribute as a filter; check it on the results, or query another index", c, name, role, where, what)}}
		}
	}
	return nil
}

// topNames yields the stored name of the top-level attribute that each path of c, and each
// Ref in it, starts with, depth first; paths the schema cannot resolve are skipped (building
// the condition reports them).
func (c Condition) topNames(enc valueEncoder) iter.Seq[string] {
	return func(yield func(string) bool) {
		var walk func(n *cnode) bool
		walk = func(n *cnode) bool {
			for _, s := range n.subs {
				if s.n != nil && !walk(s.n) {
					return false
				}
			}
			paths := []string{n.path}
			for _, v := range n.values {
				if r, ok := v.(Ref); ok {
					paths = append(paths, string(r))
				}
			}
			for _, p := range paths {
				if p == "" {
					continue
				}
				if ap, err := enc.path(p); err == nil && len(ap) > 0 && !yield(ap[0].Name) {
					return false
				}
			}
			return true
		}
		if c.n != nil {
			walk(c.n)
		}
	}
}

// because is an error with its own message that wraps a sentinel, so that the message does not
// repeat the sentinel's.
type because struct {
	sentinel error
	msg      string
}

func (e *because) Error() string { return e.msg }
func (e *because) Unwrap() error { return e.sentinel }
