package schema

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// The item pipeline is compiled once, when the schema is built: every level (the item's, and
// each nested map's or struct's) gets, for each phase, the list of its steps, each one
// attribute's step of that phase, followed by the descents into the levels below. One driver
// (run) runs a phase's list for Put, Create, Update's nested values and Read's get
// transforms; write (write.go) runs the phases in the documented order. The steps are data
// and the driver calls each kind's method directly (not through a func value), so that the
// item's node and the writer stay on the stack.

// step is one compiled step of one phase: one attribute's, or the descent into the values an
// attribute holds. Failures go to w.errs, with the attribute's path below the level's path.
type step struct {
	kind stepKind
	a    *attribute
	sub  *level    // stepDescend: the level inside a's values
	ph   int       // stepDescend: the phase to run there
	at   attr.Path // stepDescend: a's path at the top of the item
}

type stepKind uint8

const (
	stepType stepKind = iota
	stepDefault
	stepConst
	stepCombine
	stepSet
	stepValidate
	stepRequired
	stepEnum
	stepEmptySet
	stepGet
	stepTemplate
	stepDescend
)

// run runs the steps of phase ph at level l on n, and below.
func (w *writer) run(l *level, n *node, ph int, path attr.Path) {
	steps := l.steps[ph]
	for i := range steps {
		st := &steps[i]
		switch st.kind {
		case stepType:
			w.typeStep(st.a, n, path)
		case stepDefault:
			w.defaultStep(st.a, n, path)
		case stepConst:
			w.constStep(st.a, n, path)
		case stepCombine:
			w.combineStep(st.a, n, path)
		case stepSet:
			w.setStep(st.a, n, path)
		case stepValidate:
			w.validateStep(st.a, n, path)
		case stepRequired:
			w.requiredStep(st.a, n, path)
		case stepEnum:
			w.enumStep(st.a, n, path)
		case stepEmptySet:
			w.emptySetStep(st.a, n, path)
		case stepGet:
			w.getStep(st.a, n, path)
		case stepTemplate:
			w.templateStep(st.a, n, path)
		case stepDescend:
			w.descend(st, n, path)
		}
	}
}

// compileLevel compiles the steps of l and of the levels below it, and marks the attributes
// write steps change (a.writes).
func compileLevel(l *level) {
	var consts, combines []step
	add := func(ph int, kind stepKind, a *attribute) {
		l.steps[ph] = append(l.steps[ph], step{kind: kind, a: a})
	}
	for _, a := range l.attrs {
		if a.goType != nil && a.goType.Kind() == reflect.Interface && !a.anyType {
			add(phaseType, stepType, a)
		}
		if a.hasDefault {
			add(phaseDefault, stepDefault, a)
		}
		// Constants first: a combined attribute may be built from one. Both run after the
		// set transforms: a combined attribute is built from its sources as they are stored.
		if a.hasConst {
			consts = append(consts, step{kind: stepConst, a: a})
		}
		if len(a.combine) > 0 {
			combines = append(combines, step{kind: stepCombine, a: a})
		}
		if a.transforms() && len(a.combine) == 0 {
			// A combined attribute's own transforms run when it is built (combineStep).
			add(phaseSet, stepSet, a)
		}
		a.zeroStored = storesZero(a)
		a.zeroChecked = zeroChecked(a)
		if len(a.rules) > 0 {
			add(phaseValidate, stepValidate, a)
		}
		if a.required {
			add(phaseRequired, stepRequired, a)
		}
		if len(a.enum) > 0 {
			add(phaseEnum, stepEnum, a)
		}
		if a.typ.IsSet() && !a.opts.OmitEmpty && !a.opts.NullEmpty {
			add(phaseEmptySet, stepEmptySet, a)
		}
		if a.getter != nil {
			add(phaseGet, stepGet, a)
		}
		if a.tmpl != nil {
			add(phaseTemplate, stepTemplate, a)
		}
		a.writes = a.hasDefault || a.hasConst || len(a.combine) > 0 || a.tmpl != nil || a.transforms()
	}
	l.steps[phaseCombine] = append(consts, combines...)
	for _, a := range l.attrs {
		sub := a.sub()
		if sub == nil {
			continue
		}
		compileLevel(sub)
		held := false
		for ph := range numPhases {
			if len(sub.steps[ph]) > 0 {
				l.steps[ph] = append(l.steps[ph], descendStep(a, sub, ph))
				held = true
			}
		}
		if held {
			l.nested = append(l.nested, a)
		}
		if sub.writes() {
			a.writes = true
		}
	}
}

// phaseWrites reports whether steps of phase ph may change values of the item.
func phaseWrites(ph int) bool {
	switch ph {
	case phaseDefault, phaseSet, phaseCombine, phaseTemplate, phaseGet:
		return true
	}
	return false
}

// writes reports whether a step at l or below may change a value.
func (l *level) writes() bool {
	return len(l.steps[phaseDefault]) > 0 || len(l.steps[phaseCombine]) > 0 || len(l.steps[phaseSet]) > 0
}

func (w *writer) typeStep(a *attribute, n *node, path attr.Path) {
	if v, present := n.get(a); present {
		if err := a.accepts(v); err != nil {
			w.fail(path, a, "type", v, err)
		}
	}
}

func (w *writer) defaultStep(a *attribute, n *node, path attr.Path) {
	if !a.forceDefault && n.has(a) {
		return
	}
	d := a.defValue
	if a.defFunc != nil {
		d = a.defFunc()
	}
	if err := a.accepts(d); err != nil {
		w.fail(path, a, "default", d, err)
		return
	}
	if err := n.set(a, d); err != nil {
		w.fail(path, a, "default", d, err)
	}
}

func (w *writer) constStep(a *attribute, n *node, path attr.Path) {
	v, present := n.get(a)
	if !present {
		if err := n.set(a, a.constant); err != nil {
			w.fail(path, a, "constant", a.constant, err)
		}
	} else if !validate.Equal(v, a.constant) {
		w.fail(path, a, "constant", v, fmt.Errorf("want %v", a.constant))
	}
}

// combineStep builds the combined attribute a from its sources in n, which the set
// transforms have already made what is stored, then runs a's own transforms on the result:
// the rule Update (recombine) and KeyOf follow too.
func (w *writer) combineStep(a *attribute, n *node, path attr.Path) {
	s, ok, err := w.combined(a, n)
	if err != nil {
		w.fail(path, a, "combine", nil, err)
		return
	}
	var x any
	if ok {
		x = s
		if a.transforms() {
			if x, err = w.transform(a, s, path); err != nil {
				w.fail(path, a, "set", s, err)
				return
			}
		}
	}
	if err := n.set(a, x); err != nil {
		w.fail(path, a, "combine", x, err)
	}
}

func (w *writer) setStep(a *attribute, n *node, path attr.Path) {
	if a.setter == nil && n.kind == kindStruct {
		// trim, lowercase, uppercase of a string field, in place.
		if f, ok := n.field(a); ok && f.Kind() == reflect.String {
			if f.Len() > 0 {
				n.writable()
				f = fieldForSet(n.v, a.index)
				f.SetString(a.fixString(f.String()))
			}
			return
		}
	}
	v, present := n.get(a)
	if !present {
		return
	}
	nv, err := w.transform(a, v, path)
	if err != nil {
		w.fail(path, a, "set", v, err)
		return
	}
	if err := n.set(a, nv); err != nil {
		w.fail(path, a, "set", nv, err)
	}
}

func (w *writer) validateStep(a *attribute, n *node, path attr.Path) {
	if n.kind == kindStruct && !a.virtual || n.kind == kindValue {
		// Fields are checked in place, without boxing (see validate.Rule.CheckValue).
		if f, ok := n.field(a); ok && (a.zeroChecked || !f.IsZero()) {
			for _, r := range a.rules {
				if fe := r.CheckValue(f); fe != nil {
					fe.Path = pathOf(path, a)
					w.errs = append(w.errs, fe)
				}
			}
		}
		return
	}
	v, present := n.get(a)
	if !present {
		return
	}
	for _, r := range a.rules {
		if fe := r.Check(asNumberOf(v, r.Accepts())); fe != nil {
			fe.Path = pathOf(path, a)
			w.errs = append(w.errs, fe)
		}
	}
}

func (w *writer) requiredStep(a *attribute, n *node, path attr.Path) {
	if !n.has(a) {
		w.fail(path, a, "required", nil, nil)
	}
}

func (w *writer) enumStep(a *attribute, n *node, path attr.Path) {
	// Strings and string slices whose every value is in the enum pass without boxing;
	// anything else takes the general check, which reports the failure.
	if a.enumStrings != nil && n.kind == kindStruct {
		if f, ok := n.field(a); ok && a.enumStrings.holds(f) && !(a.zeroChecked && f.IsZero()) {
			return
		}
	}
	if v, present := n.checked(a); present {
		if fe := a.enumRule.Check(v); fe != nil {
			fe.Path = pathOf(path, a)
			w.errs = append(w.errs, fe)
		}
	}
}

func (w *writer) getStep(a *attribute, n *node, path attr.Path) {
	v, present := n.get(a)
	if !present {
		return
	}
	nv, err := a.getter(v)
	if err == nil {
		err = n.set(a, nv)
	}
	if err != nil {
		w.fail(path, a, "get", v, err)
	}
}

// descendStep is the step that runs phase ph of the level sub on the containers attribute a
// holds: its map or struct, or each element of its list.
func descendStep(a *attribute, sub *level, ph int) step {
	return step{kind: stepDescend, a: a, sub: sub, ph: ph, at: attr.Path{{Name: a.name}}}
}

// descend runs the descent st on n.
func (w *writer) descend(st *step, n *node, path attr.Path) {
	a, sub, ph := st.a, st.sub, st.ph
	if phaseWrites(ph) {
		// The nodes below are derived from n's item: it must be the pipeline's own before
		// they are written to.
		n.writable()
	}
	p := st.at // shared, full: an append to it copies
	if len(path) > 0 || a.name == "" {
		p = at(path, a)
	}
	if n.kind == kindMap {
		children(n, a, func(c *node, i int) {
			if i >= 0 {
				w.run(sub, c, ph, p.Index(i))
			} else {
				w.run(sub, c, ph, p)
			}
		})
		return
	}
	// eachStruct's walk, written out: through its func value the struct's node would escape
	// to the heap, one allocation per nested struct on every put.
	f, ok := n.field(a)
	if !ok {
		return
	}
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return
		}
		f = f.Elem()
		fallthrough
	case reflect.Struct:
		if f.Kind() == reflect.Struct {
			c := structNode(f)
			w.run(sub, &c, ph, p)
		}
	case reflect.Slice, reflect.Array:
		for i := range f.Len() {
			e := f.Index(i)
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					continue
				}
				e = e.Elem()
			}
			if e.Kind() == reflect.Struct {
				c := structNode(e)
				w.run(sub, &c, ph, p.Index(i))
			}
		}
	}
}

// stringEnum is the enum of a string attribute, for checks without boxing: its values
// compared in turn when they are few (that reaches less memory than a map lookup), else a set.
type stringEnum struct {
	few []string
	set map[string]struct{}
}

// maxScannedEnum is the largest string enum compared value by value.
const maxScannedEnum = 8

func newStringEnum(values []string) *stringEnum {
	if len(values) <= maxScannedEnum {
		return &stringEnum{few: values}
	}
	e := &stringEnum{set: make(map[string]struct{}, len(values))}
	for _, v := range values {
		e.set[v] = struct{}{}
	}
	return e
}

func (e *stringEnum) has(s string) bool {
	if e.set != nil {
		_, ok := e.set[s]
		return ok
	}
	return slices.Contains(e.few, s)
}

// holds reports whether f, a string or a slice of strings, is in the enum: the string (an
// empty one is absent and passes), or every string of the slice. It is false for a nil enum
// and for other kinds, which the general check of an enum then reports.
func (e *stringEnum) holds(f reflect.Value) bool {
	switch {
	case e == nil:
		return false
	case f.Kind() == reflect.String:
		s := f.String()
		return s == "" || e.has(s)
	case f.Type() == stringsType && f.CanAddr() && f.CanInterface():
		// A []string is read through a pointer to it, not string by string through reflect.
		for _, s := range *f.Addr().Interface().(*[]string) {
			if !e.has(s) {
				return false
			}
		}
		return true
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		for i := range f.Len() {
			if !e.has(f.Index(i).String()) {
				return false
			}
		}
		return true
	}
	return false
}
