package model

import (
	"fmt"

	"github.com/dynamodel/dynamodel/index"
)

// keyFilter refuses the filter conditions of a query that name a key attribute of ch, the table
// or index queried: DynamoDB accepts no filter on them ("Filter Expression can only contain
// non-primary key attributes"), so a condition on a key that the key condition could not hold
// would only come back as a ValidationException.
func keyFilter(enc valueEncoder, ch index.Choice, filter []Condition) error {
	for _, c := range filter {
		name, ok := c.names(enc, ch.Keys.Hash.Name, ch.Keys.Range.Name)
		if !ok {
			continue
		}
		role, what := "hash", "a key condition compares the hash key with = once"
		if name != ch.Keys.Hash.Name {
			role, what = "range", "a key condition takes one =, <, <=, >, >=, BETWEEN or begins_with on the range key"
		}
		where := "the table"
		if ch.Index != "" {
			where = fmt.Sprintf("index %q", ch.Index)
		}
		return &InputError{Op: "query", Err: &because{ErrKeyFilter, fmt.Sprintf("%s names %q, the %s key of %s, but cannot be its key condition: %s, and DynamoDB refuses any other condition on a key attribute as a filter; check it on the results, or query another index", c, name, role, where, what)}}
	}
	return nil
}

// names returns the first of names (stored names; empty ones are skipped) that the path of a
// condition in c starts with, or that a Ref in it names.
func (c Condition) names(enc valueEncoder, names ...string) (string, bool) {
	if c.n == nil {
		return "", false
	}
	for _, s := range c.n.subs {
		if name, ok := s.names(enc, names...); ok {
			return name, true
		}
	}
	paths := []string{c.n.path}
	for _, v := range c.n.values {
		if r, ok := v.(Ref); ok {
			paths = append(paths, string(r))
		}
	}
	for _, p := range paths {
		if p == "" {
			continue
		}
		ap, err := enc.path(p)
		if err != nil || len(ap) == 0 {
			continue
		}
		for _, name := range names {
			if name != "" && ap[0].Name == name {
				return name, true
			}
		}
	}
	return "", false
}

// because is an error with its own message that wraps a sentinel, so that the message does not
// repeat the sentinel's.
type because struct {
	sentinel error
	msg      string
}

func (e *because) Error() string { return e.msg }
func (e *because) Unwrap() error { return e.sentinel }
