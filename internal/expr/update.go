package expr

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

type actionKind uint8

const (
	setAction actionKind = iota
	removeAction
	addAction
	deleteAction
)

var clauses = [...]string{setAction: "SET", removeAction: "REMOVE", addAction: "ADD", deleteAction: "DELETE"}

type action struct {
	kind  actionKind
	path  attr.Path
	value Operand
}

// Update is the list of actions of an UpdateExpression. Its methods return a new Update and
// never change the receiver, so a partial update can be reused. The zero Update is empty.
type Update struct {
	actions []action
}

func (u Update) with(a action) Update {
	return Update{actions: append(u.actions[:len(u.actions):len(u.actions)], a)}
}

// Set is SET p = v, where v is a [Path], a [Value], [IfNotExists], [ListAppend], [Plus] or
// [Minus].
func (u Update) Set(p attr.Path, v Operand) Update { return u.with(action{setAction, p, v}) }

// Remove is REMOVE p: the attribute, map key or list element at p is deleted.
func (u Update) Remove(p attr.Path) Update { return u.with(action{kind: removeAction, path: p}) }

// Add is ADD p v: v is added to the number at p, or its elements to the set at p; an absent
// attribute counts as 0 or the empty set.
func (u Update) Add(p attr.Path, v types.AttributeValue) Update {
	return u.with(action{addAction, p, Value(v)})
}

// Delete is DELETE p v: the elements of the set v are taken out of the set at p.
func (u Update) Delete(p attr.Path, v types.AttributeValue) Update {
	return u.with(action{deleteAction, p, Value(v)})
}

// Len returns the number of actions.
func (u Update) Len() int { return len(u.actions) }

// Paths returns the paths the update changes, in the order they were added.
func (u Update) Paths() []attr.Path {
	ps := make([]attr.Path, len(u.actions))
	for i, a := range u.actions {
		ps[i] = a.path
	}
	return ps
}

// Update renders u as an UpdateExpression: its SET, REMOVE, ADD and DELETE clauses in that
// order, each with its actions in the order they were added. An empty update, a path changed
// twice and overlapping paths are errors.
func (b *Builder) Update(u Update) (string, error) {
	w := b.start("update")
	if len(u.actions) == 0 {
		w.fail("no actions")
		return w.finish()
	}
	for i, a := range u.actions {
		for _, prev := range u.actions[:i] {
			if !overlap(a.path, prev.path) {
				continue
			}
			if len(a.path) == len(prev.path) {
				w.fail("path %s is changed twice", a.path)
			} else {
				w.fail("paths %s and %s overlap", prev.path, a.path)
			}
			return w.finish()
		}
	}
	for kind, clause := range clauses {
		first := true
		for _, a := range u.actions {
			if a.kind != actionKind(kind) {
				continue
			}
			if first {
				if w.sb.Len() > 0 {
					w.str(" ")
				}
				w.str(clause + " ")
				first = false
			} else {
				w.str(", ")
			}
			w.action(a)
		}
	}
	return w.finish()
}

func (w *writer) action(a action) {
	w.path(a.path)
	switch a.kind {
	case setAction:
		w.str(" = ")
		w.setValue(a.value)
	case addAction:
		switch t := attr.TypeOf(a.value.value); t {
		case attr.N, attr.SS, attr.NS, attr.BS, attr.Invalid:
		default:
			w.fail("ADD takes a number or a set, not %s", t)
		}
		w.str(" ")
		w.value(a.value.value)
	case deleteAction:
		if t := attr.TypeOf(a.value.value); !t.IsSet() && t != attr.Invalid {
			w.fail("DELETE takes a set, not %s", t)
		}
		w.str(" ")
		w.value(a.value.value)
	}
}
