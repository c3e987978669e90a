package schema

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// UpdateOp is an update operator.
type UpdateOp uint8

// The update operators of DynamoDB's update expressions.
const (
	UpdateSet    UpdateOp = iota + 1 // SET path = value
	UpdateAdd                        // ADD path value: add to a number, or elements to a set
	UpdateDelete                     // DELETE path value: remove elements from a set
	UpdateRemove                     // REMOVE path
	// UpdateSetIfAbsent is a SET that keeps a stored value: SET path = if_not_exists(path,
	// value). The value is checked as a SET's, and its Action is a SET marked IfAbsent. A
	// source of a combined attribute or a template cannot be set so: the computed value
	// could not follow the value the item keeps.
	UpdateSetIfAbsent
	// UpdateAppend adds the elements of a list value to the list at the path: SET path =
	// list_append(if_not_exists(path, []), value), or with the two lists the other way round to
	// prepend; its Action is an UpdateAppend, which leaves the order to the caller. The
	// elements go through the SET steps of the list's elements (their type, the attributes of
	// struct and map elements, a validate tag's rules after dive). A check of the whole list
	// (a Validate rule, a validate tag's rules before dive other than omitempty and required,
	// a Setter, a ToDynamo) cannot run, since the resulting list is known only to DynamoDB:
	// such a list is refused (rule "append"), as is a source of a combined attribute or
	// template; Set the whole list instead. A refused element is reported under the list's
	// path, with an [AppendError] naming it among the elements appended. An append to a
	// ForceDefault list is a SET of the default (an UpdateSet Action marked Default), as
	// every change of a ForceDefault attribute is. An append of no elements is an Action
	// with an empty list, which changes nothing: send nothing for it (model's Append and
	// Prepend do not), since list_append(if_not_exists(path, []), []) would store an empty
	// list where the item has none.
	UpdateAppend
)

func (op UpdateOp) String() string {
	switch op {
	case UpdateSet:
		return "SET"
	case UpdateAdd:
		return "ADD"
	case UpdateDelete:
		return "DELETE"
	case UpdateRemove:
		return "REMOVE"
	case UpdateSetIfAbsent:
		return "SET if_not_exists"
	case UpdateAppend:
		return "SET list_append"
	}
	return fmt.Sprintf("UpdateOp(%d)", uint8(op))
}

// Change is one change of an update, in Go terms: the operator, a document path written with
// Go-side or stored names (address.city, items[2].qty), and the Go value (none for REMOVE).
type Change struct {
	Op    UpdateOp
	Path  string
	Value any
}

// Action is a validated, encoded change, ready for an update expression: the stored path and
// the value encoded as the attribute is stored (nil for REMOVE).
type Action struct {
	Op    UpdateOp
	Path  attr.Path
	Value types.AttributeValue
	// IfAbsent marks a SET that must not replace a stored value: write it as
	// SET path = if_not_exists(path, value). Update uses it for createdAt, which an update
	// sets only when it creates the item.
	IfAbsent bool
	// Default marks a SET of the attribute's default that replaced the change given (the
	// change of a ForceDefault attribute, or the REMOVE of one with a default): write it as
	// a plain SET, whatever the change was (an append, a decrement).
	Default bool
}

// Update is [Schema.Update] for an item of any type.
func (s *core) Update(changes []Change, opts ...WriteOption) ([]Action, error) {
	if len(changes) == 0 {
		return nil, ErrEmptyUpdate
	}
	w := writer{s: s}
	if err := w.options(opts); err != nil {
		return nil, err
	}
	changes, byDefault := s.withDefaults(changes)
	actions := make([]Action, 0, len(changes)+1)
	set := make(map[*attribute]any) // top-level attributes given by SET, with their values
	touched := make(map[*attribute]bool)
	for i, c := range changes {
		p, a, err := s.resolve(c.Path)
		if err != nil {
			if errors.Is(err, ErrUnknown) {
				w.errs = append(w.errs, &validate.FieldError{Path: c.Path, Rule: "unknown", Value: c.Value, Err: err})
			} else {
				w.errs = append(w.errs, &validate.FieldError{Path: c.Path, Rule: "path", Value: c.Value, Err: err})
			}
			continue
		}
		ps := p.String()
		top := a != nil && len(p) == 1
		if top && (a == s.created || a == s.expires) {
			touched[a] = true
		}
		if top && (a == s.hash || a == s.rng) {
			w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "key", Value: c.Value, Err: errors.New("key attributes cannot be updated")})
			continue
		}
		if top && (len(a.combine) > 0 || a.hasConst || a.tmpl != nil) {
			w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "combine", Value: c.Value, Err: errors.New("combined attributes and constants are computed, not updated")})
			continue
		}
		switch c.Op {
		case UpdateRemove:
			if a != nil && a.required {
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "required", Err: errors.New("a required attribute cannot be removed")})
				continue
			}
			if top && (len(a.feeds) > 0 || len(a.templates) > 0) {
				set[a] = nil
			}
			actions = append(actions, Action{Op: UpdateRemove, Path: p})
		case UpdateSet, UpdateSetIfAbsent:
			ifAbsent := c.Op == UpdateSetIfAbsent
			if ifAbsent && top && (len(a.feeds) > 0 || len(a.templates) > 0) {
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "combine", Value: c.Value,
					Err: errors.New("a source of a combined attribute or template cannot be set only if absent: the computed value would not follow the value kept; use Set")})
				continue
			}
			// nil is NULL for a nullable attribute, and for a path the schema does not
			// declare (an unknown attribute kept by SaveUnknown, a member of a free map), as
			// Put stores it and as Dynamoose's update to null of an unknown attribute does.
			if c.Value == nil && (a == nil || a.nullable) {
				actions = append(actions, Action{Op: UpdateSet, Path: p, Value: &types.AttributeValueMemberNULL{Value: true}, IfAbsent: ifAbsent})
				if top {
					set[a] = nil
				}
				continue
			}
			if c.Value == nil {
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "type", Err: errors.New("SET needs a value; use REMOVE (or declare the attribute Nullable to store NULL)")})
				continue
			}
			v, ok := w.setValue(a, p, c.Value, true)
			if !ok {
				continue
			}
			if a != nil && a.required && a.index != nil && isZero(v) {
				// A put treats a struct field's zero value as absent and refuses it; an update
				// must not store what the next put of the item would refuse.
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "required", Value: v,
					Err: errors.New("the zero value of a required field is absent to a put; use a pointer field to store it")})
				continue
			}
			if top {
				set[a] = v
			}
			before := len(w.errs)
			av := w.encodeSetAt(a, ps, v)
			switch {
			case len(w.errs) > before:
			case av != nil && top && slices.Contains(s.indexKeys, a):
				if err := checkKey(av); err != nil {
					w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "key", Value: v, Err: fmt.Errorf("%w (index key)", err)})
					continue
				}
				actions = append(actions, Action{Op: UpdateSet, Path: p, Value: av, IfAbsent: ifAbsent, Default: i < len(byDefault) && byDefault[i]})
			case av != nil:
				actions = append(actions, Action{Op: UpdateSet, Path: p, Value: av, IfAbsent: ifAbsent, Default: i < len(byDefault) && byDefault[i]})
			case a != nil && a.required:
				// An empty set encodes to nothing: DynamoDB stores no empty sets.
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "required", Value: v, Err: errors.New("an empty set removes the attribute")})
			case ifAbsent:
				// Nothing to store: the REMOVE that stands for it would delete a kept value.
				w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "empty", Value: v,
					Err: errors.New("an empty value is not stored (an empty set, or omitempty), so setting it only if absent changes nothing; leave it out")})
			default:
				if top {
					set[a] = nil // removed: a combined attribute skips it, as a put skips it absent
				}
				actions = append(actions, Action{Op: UpdateRemove, Path: p})
			}
		case UpdateAppend:
			if av := w.appendValue(a, p, c.Value); av != nil {
				actions = append(actions, Action{Op: UpdateAppend, Path: p, Value: av})
			}
		case UpdateAdd, UpdateDelete:
			if av := w.addDelete(c.Op, a, ps, c.Value); av != nil {
				actions = append(actions, Action{Op: c.Op, Path: p, Value: av})
			}
		default:
			w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "op", Err: fmt.Errorf("unknown operator %v", c.Op)})
		}
	}
	perChange := len(actions)
	w.now = s.now()
	actions = w.recombine(actions, set)
	actions = w.retemplate(actions, set)
	if err := w.failed(); err != nil {
		return nil, err
	}
	if perChange != len(changes) {
		// The contract callers build on (see Schema.Update): actions[i] is changes[i]'s.
		return nil, fmt.Errorf("schema: update: %d actions for %d changes; want one per change (a bug in schema)", perChange, len(changes))
	}
	if s.updated == nil && s.created == nil && s.expires == nil {
		return actions, nil
	}
	now := w.now
	if a := s.updated; a != nil {
		if _, given := set[a]; !given {
			av, err := encodeValue(a, stampTime(a, now), nil)
			if err != nil {
				return nil, err
			}
			actions = append(actions, Action{Op: UpdateSet, Path: attr.Path{{Name: a.name}}, Value: av})
		}
	}
	if a := s.created; a != nil && !touched[a] {
		av, err := encodeValue(a, stampTime(a, now), nil)
		if err != nil {
			return nil, err
		}
		actions = append(actions, Action{Op: UpdateSet, Path: attr.Path{{Name: a.name}}, Value: av, IfAbsent: true})
	}
	if a := s.expires; a != nil && !touched[a] {
		if t, ok := s.expiryFor(now); ok {
			av, err := encodeValue(a, t, nil)
			if err != nil {
				return nil, err
			}
			actions = append(actions, Action{Op: UpdateSet, Path: attr.Path{{Name: a.name}}, Value: av, IfAbsent: true})
		}
	}
	return actions, nil
}

// withDefaults returns changes with the defaults Dynamoose applies to an update: a REMOVE of
// a top-level attribute with a default sets the default instead (so does a SET of the zero
// value of its omitempty field, which a put takes for absent: see emptiedByPut), and a ForceDefault attribute
// is set to its default by every update, whatever the update does to it (a SET, ADD, DELETE or
// REMOVE of it becomes a SET of the default; an update of other attributes gets one added).
// Changes is not modified. byDefault[i] reports whether out[i] is such a SET of a default
// (nil when none is).
func (s *core) withDefaults(changes []Change) (out []Change, byDefault []bool) {
	out = changes
	cloned := false
	var forced map[*attribute]bool
	for i, c := range changes {
		p, a, err := s.resolve(c.Path)
		if err != nil || a == nil || len(p) != 1 || !defaulted(a) || c.Op != UpdateRemove && !a.forceDefault && !emptiedByPut(a, c) {
			continue
		}
		if !cloned {
			out, cloned = slices.Clone(changes), true
		}
		out[i] = Change{Op: UpdateSet, Path: c.Path, Value: a.defaultValue()}
		if byDefault == nil {
			byDefault = make([]bool, len(changes))
		}
		byDefault[i] = true
		if a.forceDefault {
			if forced == nil {
				forced = make(map[*attribute]bool)
			}
			forced[a] = true
		}
	}
	for _, a := range s.root.attrs {
		if a.forceDefault && defaulted(a) && !forced[a] {
			if !cloned {
				out, cloned = slices.Clone(changes), true
			}
			out = append(out, Change{Op: UpdateSet, Path: a.name, Value: a.defaultValue()})
		}
	}
	return out, byDefault
}

// emptiedByPut reports whether c is a SET of the zero value of a field tagged omitempty,
// which a put takes for absent (and so stores a's default) and would otherwise leave out:
// the update would store it as a REMOVE, so it follows a REMOVE of a and sets the default.
func emptiedByPut(a *attribute, c Change) bool {
	return c.Op == UpdateSet && a.opts.OmitEmpty && a.index != nil && c.Value != nil && isZero(c.Value)
}

// defaulted reports whether an update may set a to its default: it has one and is neither a
// key nor computed.
func defaulted(a *attribute) bool {
	return a.hasDefault && !a.hash && !a.rng && len(a.combine) == 0 && !a.hasConst
}

// defaultValue returns the default of a: its value, or what its function gives now.
func (a *attribute) defaultValue() any {
	if a.defFunc != nil {
		return a.defFunc()
	}
	return a.defValue
}

// setValue runs the SET steps on v: type check, set transforms, nested steps, validators and
// enum. stored is set when v is the value stored at p, whose validators and enum then skip a
// zero value the item does not store as a value, as a put skips it (see storesZero); it is
// false for the elements of an append, which are checked as given. ok is false when the
// value was refused.
func (w *writer) setValue(a *attribute, p attr.Path, v any, stored bool) (any, bool) {
	if a == nil {
		return v, true
	}
	before := len(w.errs)
	parent := p[:len(p)-1]
	if a.name == "" {
		parent = p // a list element: its path ends with its position
	}
	cv, err := a.coerce(v)
	if err != nil {
		w.fail(parent, a, "type", v, err)
		return nil, false
	}
	v = cv
	if err := a.accepts(v); err != nil {
		w.fail(parent, a, "type", v, err)
		return nil, false
	}
	if sub := a.sub(); sub != nil {
		v = w.nestedSteps(a, sub, parent, v)
		if len(w.errs) > before {
			return nil, false
		}
	}
	if a.transforms() {
		nv, err := w.transform(a, v, parent)
		if err != nil {
			w.fail(parent, a, "set", v, err)
			return nil, false
		}
		v = nv
	}
	if stored && zeroAbsent(a, v) {
		return v, len(w.errs) == before
	}
	for _, r := range a.rules {
		if fe := r.Check(asNumberOf(v, r.Accepts())); fe != nil {
			fe.Path = p.String()
			w.errs = append(w.errs, fe)
		}
	}
	if len(a.enum) > 0 {
		if fe := a.enumRule.Check(v); fe != nil {
			fe.Path = p.String()
			w.errs = append(w.errs, fe)
		}
	}
	return v, len(w.errs) == before
}

// nestedSteps runs the write steps of the attributes inside a map, struct or list value given
// whole to SET, on a copy of it.
func (w *writer) nestedSteps(a *attribute, sub *level, parent attr.Path, v any) any {
	holder := &attribute{name: a.name, child: a.child, elem: a.elem, writes: true}
	l := &level{nested: []*attribute{holder}}
	for ph := range numPhases {
		if len(sub.steps[ph]) > 0 {
			l.steps[ph] = []step{descendStep(holder, sub, ph)}
		}
	}
	var n node
	var cp reflect.Value
	if a.goType != nil {
		cp = reflect.New(reflect.TypeOf(v)).Elem()
		cp.Set(reflect.ValueOf(v))
		n = node{kind: kindValue, v: cp}
	} else {
		n = mapNode(map[string]any{a.name: w.prepareValue(a, v, parent)})
	}
	own(l, &n, false)
	for _, ph := range []int{phaseType, phaseDefault, phaseSet, phaseCombine, phaseValidate, phaseRequired, phaseEnum} {
		w.run(l, &n, ph, parent)
	}
	if a.goType != nil {
		return cp.Interface()
	}
	return n.m[a.name]
}

// appendValue checks and encodes the elements an UpdateAppend adds to the list a at p. The
// SET steps that see elements run on them; a list whose own checks or transforms need the
// whole list is refused, since an append never has it (they would check only the elements
// added, or store a setter's output for them in the middle of the list).
func (w *writer) appendValue(a *attribute, p attr.Path, v any) types.AttributeValue {
	ps := p.String()
	if v == nil {
		w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "type", Err: errors.New("append needs a list of elements")})
		return nil
	}
	if a != nil {
		if why := wholeList(a); why != "" {
			w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "append", Value: v,
				Err: fmt.Errorf("%s checks the whole list, which an append does not know; Set the whole list instead", why)})
			return nil
		}
		if len(p) == 1 && (len(a.feeds) > 0 || len(a.templates) > 0) {
			w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "append", Value: v,
				Err: errors.New("a source of a combined attribute or template cannot be appended to: the computed value needs the whole list; Set the whole list instead")})
			return nil
		}
	}
	before := len(w.errs)
	elems := v
	v, ok := w.setValue(a, p, v, false)
	if !ok {
		w.appendedElements(ps, elems, before)
		return nil
	}
	before = len(w.errs)
	av := w.encodeValue(a, ps, v, false, encodeSingle)
	if len(w.errs) > before {
		return nil
	}
	if _, list := av.(*types.AttributeValueMemberL); !list {
		w.errs = append(w.errs, &validate.FieldError{Path: ps, Rule: "type", Value: v, Err: errors.New("append adds to a list, and the attribute is not one")})
		return nil
	}
	return av
}

// AppendError is the reason of a *validate.FieldError an append ([UpdateAppend]) gets when
// an element it adds is refused. The FieldError's Path is the list's, and its Value the
// refused value; the element's position in the stored list is not known (DynamoDB makes the
// list), so the element is named by its position among the elements appended.
type AppendError struct {
	Element int    // the element's position among those appended, from 0
	Path    string // the path inside the element ("qty", "tags[1]"); "" for the element itself
	Err     error  // the rule's reason; nil when its name says it all
}

func (e *AppendError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "appended element %d", e.Element)
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *AppendError) Unwrap() error { return e.Err }

// appendedElements names, in the errors from w.errs[from:], the refused elements of the list
// elems appended at the list path ps as appended elements (see [AppendError]): the steps
// that checked them took them for the list, and put their positions among the elements
// added in the path (ps[1].qty), or a validate tag's dive in its sentence ("[1] must be
// ..."). Errors of the list itself are left as they are.
func (w *writer) appendedElements(ps string, elems any, from int) {
	for _, fe := range w.errs[from:] {
		if rest, ok := strings.CutPrefix(fe.Path, ps+"["); ok {
			end := strings.IndexByte(rest, ']')
			i, err := strconv.Atoi(rest[:max(end, 0)])
			if end < 0 || err != nil {
				continue
			}
			fe.Path = ps
			fe.Err = &AppendError{Element: i, Path: strings.TrimPrefix(rest[end+1:], "."), Err: fe.Err}
			continue
		}
		if fe.Path != ps || fe.Err == nil {
			continue
		}
		// A validate tag that dives names the element in its sentence, as its subject.
		msg := fe.Err.Error()
		end := strings.Index(msg, "] ")
		if !strings.HasPrefix(msg, "[") || end < 0 {
			continue
		}
		i, err := strconv.Atoi(msg[1:end])
		if err != nil {
			continue
		}
		fe.Err = &AppendError{Element: i, Err: errors.New(msg[end+2:])}
		if rv := reflect.ValueOf(elems); rv.Kind() == reflect.Slice && i < rv.Len() {
			fe.Value = rv.Index(i).Interface()
		}
	}
}

// wholeList names what of the list attribute a checks or transforms the whole list, or
// returns "" when nothing does. A validate tag that dives first (after omitempty or required)
// checks elements only.
func wholeList(a *attribute) string {
	switch {
	case a.setter != nil:
		return "its Setter"
	case a.toDynamo != nil:
		return "its ToDynamo"
	}
	for _, r := range a.rules {
		if !elementsOnly(r) {
			return fmt.Sprintf("its rule %q", r.Name())
		}
	}
	return ""
}

// elementsOnly reports whether r, run on the elements an append adds, holds for the list the
// append makes: a validate tag whose rules of the list itself (those before dive) are only
// omitempty and required (added elements given means a list results). Func and Regexp rules
// name the type they take, and are never so.
func elementsOnly(r validate.Rule) bool {
	if r.Accepts() != nil {
		return false
	}
	for _, t := range strings.Split(r.Name(), ",") {
		switch t {
		case "dive":
			return true
		case "omitempty", "required":
		default:
			return false
		}
	}
	return true
}

// addDelete checks and encodes the value of ADD and DELETE.
func (w *writer) addDelete(op UpdateOp, a *attribute, path string, v any) types.AttributeValue {
	fail := func(err error) types.AttributeValue {
		w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "type", Value: v, Err: err})
		return nil
	}
	if v == nil {
		return fail(fmt.Errorf("%v needs a value", op))
	}
	if a == nil || a.anyType {
		av, err := attr.Marshal(v)
		if err != nil {
			return fail(err)
		}
		if t := attr.TypeOf(av); !(t.IsSet() || op == UpdateAdd && t == attr.N) {
			return fail(fmt.Errorf("%v needs a number or a set, got %v", op, t))
		}
		return av
	}
	switch {
	case op == UpdateAdd && a.date && a.typ == attr.N:
		n, err := dateStep(a.opts.Time, v)
		if err != nil {
			return fail(err)
		}
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
	case op == UpdateAdd && a.typ == attr.N && !a.date:
		// ADD 1.5 to an int would store a fraction the field cannot read back.
		cv, err := a.coerce(v)
		if err != nil {
			return fail(err)
		}
		v = cv
	case a.typ.IsSet():
		cv, err := a.coerce(v)
		if err != nil {
			return fail(err)
		}
		v = cv
		if a.trim || a.lower || a.upper {
			// Each element as a put stores it, so that ADD adds and DELETE finds it. (A
			// Setter takes the whole set, which ADD and DELETE do not give.)
			v = a.caseString(v)
		}
	case op == UpdateAdd:
		return fail(fmt.Errorf("ADD needs a number or a set attribute, not %s", a.typeString()))
	default:
		return fail(fmt.Errorf("DELETE needs a set attribute, not %s", a.typeString()))
	}
	av, err := attr.MarshalWith(v, attr.Options{Set: a.typ.IsSet(), Time: a.opts.Time})
	if err != nil {
		return fail(err)
	}
	if got := attr.TypeOf(av); got != a.typ {
		return fail(fmt.Errorf("got %T, stored as %v; want %v", v, got, a.typ))
	}
	if a.typ.IsSet() && len(a.enum) > 0 {
		if fe := a.enumRule.Check(v); fe != nil {
			fe.Path = path
			w.errs = append(w.errs, fe)
			return nil
		}
	}
	return av
}

// dateStep is what ADD adds to a date stored as a number, in its stored unit (milliseconds,
// or seconds for attr.TimeSeconds): a time.Duration of whole units, or a whole number of
// units, as Dynamoose adds a number to a Date.
func dateStep(format attr.TimeFormat, v any) (int64, error) {
	unit := time.Millisecond
	if format == attr.TimeSeconds {
		unit = time.Second
	}
	if d, ok := v.(time.Duration); ok {
		if d%unit != 0 {
			return 0, fmt.Errorf("ADD %v to a date stored in %v: not a whole number of them", d, unit)
		}
		return int64(d / unit), nil
	}
	rv := reflect.ValueOf(v)
	if isNumberKind(rv.Kind()) {
		if n, err := convertNumber(rv, int64Type); err == nil {
			return n.Int(), nil
		}
	}
	return 0, fmt.Errorf("ADD to a date needs a time.Duration or a whole number of %v, got %T", unit, v)
}

// recombine adds the SET of combined attributes whose sources all changed, and refuses
// updates that change only some of them. The values in set are the sources as SET stores them
// (after their set transforms), the rule a put follows (combineStep); updatedAt counts as set
// to now, since every update sets it. The combined value then takes the SET steps of the
// combined attribute itself (its set transforms, validators and enum), as on a put.
func (w *writer) recombine(actions []Action, set map[*attribute]any) []Action {
	s := w.s
	done := make(map[*attribute]bool)
	for src := range set {
		if src.forceDefault {
			// Every update sets it (withDefaults): that alone changes no source the caller
			// named. Its value counts when another source triggers the rebuild.
			continue
		}
		for _, c := range src.feeds {
			if c == s.hash || c == s.rng {
				// Refused here rather than by DynamoDB, as retemplate refuses a part of a key.
				w.errs = append(w.errs, &validate.FieldError{Path: src.name, Rule: "key", Value: set[src],
					Err: fmt.Errorf("%q is combined into the key attribute %q, and key attributes cannot be updated", src.name, c.name)})
				continue
			}
			if done[c] {
				continue
			}
			done[c] = true
			n := mapNode(map[string]any{})
			var missing []string
			for _, src := range c.combine {
				v, ok := set[src]
				switch {
				case src.hasConst:
					// A constant cannot change: its value is known (combined takes it).
					continue
				case src == s.updated && !ok:
					v, ok = stampTime(src, w.now), true // the time the SET of updatedAt stores
				}
				if !ok {
					missing = append(missing, strconv.Quote(src.name))
					continue
				}
				if v != nil {
					n.m[src.name] = v
				}
			}
			if len(missing) > 0 {
				w.errs = append(w.errs, &validate.FieldError{Path: c.name, Rule: "combine",
					Err: fmt.Errorf("the update changes some of the attributes combined into %q but not %s: set them too", c.name, strings.Join(missing, ", "))})
				continue
			}
			text, ok, err := w.combined(c, &n)
			if err != nil {
				w.errs = append(w.errs, &validate.FieldError{Path: c.name, Rule: "combine", Err: err})
				continue
			}
			p := attr.Path{{Name: c.name}}
			if !ok && c.required {
				w.errs = append(w.errs, &validate.FieldError{Path: c.name, Rule: "required",
					Err: errors.New("the update removes every source of a required combined attribute")})
				continue
			}
			if !ok {
				actions = append(actions, Action{Op: UpdateRemove, Path: p})
				continue
			}
			v, ok := w.setValue(c, p, text, true)
			if !ok {
				continue
			}
			if str, _ := v.(string); str == "" && slices.Contains(s.indexKeys, c) {
				w.errs = append(w.errs, &validate.FieldError{Path: c.name, Rule: "key", Value: v, Err: fmt.Errorf("%w (index key)", errEmptyKey)})
				continue
			}
			before := len(w.errs)
			av := w.encodeSetAt(c, c.name, v)
			switch {
			case len(w.errs) > before:
			case av != nil:
				actions = append(actions, Action{Op: UpdateSet, Path: p, Value: av})
			default:
				actions = append(actions, Action{Op: UpdateRemove, Path: p})
			}
		}
	}
	return actions
}

// isZero reports whether v is its type's zero value (a nil v too).
func isZero(v any) bool {
	return v == nil || reflect.ValueOf(v).IsZero()
}
