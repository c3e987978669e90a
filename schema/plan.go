package schema

import (
	"reflect"
	"slices"
	"unsafe"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// The write pipeline of a struct item that needs no write (see copyFree) only checks: that
// its defaults' attributes and createdAt are present, its validators, required attributes
// and enums. Walked phase by phase over the schema's levels through reflection, those checks
// cost little warm but reach much code and data cold, as every call finds them end to end
// when the server's work between two calls has evicted the client's caches. So a struct
// schema compiles them once into one flat list (a checkPlan) that reads fields at their
// offsets in the item. What the list cannot do cheaply (a virtual attribute, a value that
// fails a fast check, a level below a pointer or a list) it hands to the general step or
// walk for that attribute, so that failures are reported exactly as the general pipeline
// reports them.

// checkPlan is a struct schema's checks for an item that needs no write, in the order the
// general pipeline runs them: the presence checks of defaults and createdAt (a missing
// value means a write, and the general pipeline), then the validate, required and enum
// phases, each walking the levels as walk does.
type checkPlan struct {
	need   []fieldAt // defaults' fields and a createdAt field: each must be non-zero
	checks []check
}

// fieldAt is a field at an offset in the item, with how to tell its zero value.
type fieldAt struct {
	off  uintptr
	zero zeroKind
	typ  reflect.Type
}

// zeroKind is how a field's zero value is told without reflection, as reflect.Value.IsZero
// tells it.
type zeroKind uint8

const (
	zeroReflect zeroKind = iota // reflect.Value.IsZero
	zero1                       // one byte
	zero2
	zero4
	zero8
	zeroFloat32 // equal to 0, as -0 is
	zeroFloat64
	zeroString  // a string's length
	zeroPointer // the first word: a pointer, or a slice's data, or an interface's type
	zeroWords   // every word (a struct of integers and pointers without padding)
)

// check is one attribute's step in one phase.
type check struct {
	ph   int
	a    *attribute
	fast bool // the field is at f in the item; otherwise the general step runs
	f    fieldAt
	// The struct holding the attribute: its offset in the item, type and path, for the
	// general step and for walks below it.
	base     uintptr
	baseType reflect.Type
	path     attr.Path
	at       string // the attribute's path, for failures of its validators
	walk     bool   // walk the level below a (a list, a pointer) rather than a's step
	// The attribute's validators, kept here so that a passing check need not reach the
	// attribute.
	rules []validate.Rule
}

// compileChecks returns the check plan of a struct schema whose pipeline writes nothing to an
// item that needs no write (copyFree), or nil when such an item could never pass it without
// the general pipeline: a forced or virtual default, or type checks of interface fields.
func compileChecks(s *Schema) *checkPlan {
	if !s.copyFree || s.root.mask&(1<<phaseType) != 0 {
		return nil
	}
	p := &checkPlan{}
	for _, a := range s.root.steps[phaseDefault] {
		f, ok := fieldOf(s.goType, a)
		if a.forceDefault || !ok {
			return nil
		}
		p.need = append(p.need, f)
	}
	if c := s.created; c != nil && !c.virtual {
		f, ok := fieldOf(s.goType, c)
		if !ok {
			return nil
		}
		p.need = append(p.need, f)
	}
	for _, ph := range []int{phaseValidate, phaseRequired, phaseEnum} {
		p.checks = compileLevel(s.root, ph, 0, s.goType, nil, p.checks)
	}
	return p
}

// compileLevel appends the checks of phase ph at level l and below, l being the struct of
// type t at offset base in the item, at path.
func compileLevel(l *level, ph int, base uintptr, t reflect.Type, path attr.Path, out []check) []check {
	if l.mask&(1<<ph) == 0 {
		return out
	}
	for _, a := range l.steps[ph] {
		c := check{ph: ph, a: a, base: base, baseType: t, path: path, at: pathOf(path, a), rules: a.rules}
		c.f, c.fast = fieldOf(t, a)
		c.f.off += base
		out = append(out, c)
	}
	for _, a := range l.nested {
		sub := a.sub()
		if sub.mask&(1<<ph) == 0 {
			continue
		}
		if f, ok := fieldOf(t, a); ok && a.child == sub && f.typ.Kind() == reflect.Struct {
			out = compileLevel(sub, ph, base+f.off, f.typ, at(path, a), out)
			continue
		}
		out = append(out, check{ph: ph, a: a, base: base, baseType: t, path: path, walk: true})
	}
	return out
}

// fieldOf returns the field of a in the struct type t; ok is false for a virtual attribute, a
// field behind an embedded pointer and one reached through an unexported field.
func fieldOf(t reflect.Type, a *attribute) (fieldAt, bool) {
	if a.virtual || len(a.index) == 0 {
		return fieldAt{}, false
	}
	var off uintptr
	for _, x := range a.index {
		if t.Kind() != reflect.Struct {
			return fieldAt{}, false
		}
		sf := t.Field(x)
		if !sf.IsExported() { // read only through reflection, as the general step reads it

			return fieldAt{}, false
		}
		off += sf.Offset
		t = sf.Type
	}
	return fieldAt{off: off, zero: zeroKindOf(t), typ: t}, true
}

func zeroKindOf(t reflect.Type) zeroKind {
	switch t.Kind() {
	case reflect.Float32:
		return zeroFloat32
	case reflect.Float64:
		return zeroFloat64
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		switch t.Size() {
		case 1:
			return zero1
		case 2:
			return zero2
		case 4:
			return zero4
		case 8:
			return zero8
		}
	case reflect.String:
		return zeroString
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Interface:
		// nil: the first word (a slice's data, an interface's type) is nil.
		return zeroPointer
	case reflect.Struct:
		if t.Size()%unsafe.Sizeof(uintptr(0)) == 0 && plainWords(t) == t.Size() {
			return zeroWords
		}
	}
	return zeroReflect
}

// plainWords returns the bytes of t's fields when every one of them is an integer, a bool or
// a pointer, whose zero value is all zero bits and compares equal only to zero bits; else 0.
// Equal to t's size, the struct has no padding, and IsZero holds exactly when every byte is
// zero (time.Time is such a struct).
func plainWords(t reflect.Type) uintptr {
	var n uintptr
	for i := range t.NumField() {
		ft := t.Field(i).Type
		switch ft.Kind() {
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Pointer, reflect.UnsafePointer, reflect.Chan:
			n += ft.Size()
		case reflect.Struct:
			m := plainWords(ft)
			if m != ft.Size() {
				return 0
			}
			n += m
		default:
			return 0
		}
	}
	return n
}

// isZero reports whether the field at p holds its zero value.
func (f *fieldAt) isZero(p unsafe.Pointer) bool {
	p = unsafe.Add(p, f.off)
	switch f.zero {
	case zero1:
		return *(*uint8)(p) == 0
	case zero2:
		return *(*uint16)(p) == 0
	case zero4:
		return *(*uint32)(p) == 0
	case zero8:
		return *(*uint64)(p) == 0
	case zeroFloat32:
		return *(*float32)(p) == 0
	case zeroFloat64:
		return *(*float64)(p) == 0
	case zeroString:
		return len(*(*string)(p)) == 0
	case zeroPointer:
		return *(*unsafe.Pointer)(p) == nil
	case zeroWords:
		for _, w := range unsafe.Slice((*uintptr)(p), f.typ.Size()/unsafe.Sizeof(uintptr(0))) {
			if w != 0 {
				return false
			}
		}
		return true
	}
	return reflect.NewAt(f.typ, p).Elem().IsZero()
}

// run runs the checks of the plan on the struct item at p (v), appending failures to w's as
// the general pipeline would. ok is false when the item needs a write (a missing default or
// createdAt), and the general pipeline is to run instead; nothing has been checked then.
func (p *checkPlan) run(w *writer, ptr unsafe.Pointer, v reflect.Value) (ok bool) {
	for i := range p.need {
		if p.need[i].isZero(ptr) {
			return false
		}
	}
	for i := range p.checks {
		c := &p.checks[i]
		if c.fast && c.passes(w, ptr) {
			continue
		}
		n := structNode(v)
		if len(c.path) > 0 {
			n = structNode(reflect.NewAt(c.baseType, unsafe.Add(ptr, c.base)).Elem())
		}
		if c.walk {
			w.walkChildren(c.a.sub(), &n, c.a, c.ph, c.path)
		} else {
			w.step(c.ph, c.a, &n, c.path)
		}
	}
	return true
}

// passes runs c's fast check. It reports whether it is done: for validators always (their
// failures appended to w's), otherwise when the check passed; false leaves c to the general
// step, which reports the failure.
func (c *check) passes(w *writer, ptr unsafe.Pointer) bool {
	switch c.ph {
	case phaseValidate:
		if c.f.isZero(ptr) {
			return true
		}
		f := reflect.NewAt(c.f.typ, unsafe.Add(ptr, c.f.off)).Elem()
		for _, r := range c.rules {
			if fe := r.CheckValue(f); fe != nil {
				fe.Path = c.at
				w.errs = append(w.errs, fe)
			}
		}
		return true
	case phaseRequired:
		return !c.f.isZero(ptr)
	case phaseEnum:
		return c.a.enumStrings.holds(c.f.typ, unsafe.Add(ptr, c.f.off))
	}
	return false
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

// holds reports whether the value of type t at p, a string or a slice of strings, is in the
// enum: the string (an empty one is absent and passes), or every string of the slice. It is
// false for a nil enum and for other types, which the general check of an enum then reports.
func (e *stringEnum) holds(t reflect.Type, p unsafe.Pointer) bool {
	switch {
	case e == nil:
		return false
	case t.Kind() == reflect.String:
		s := *(*string)(p)
		return s == "" || e.has(s)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		for _, s := range *(*[]string)(p) {
			if !e.has(s) {
				return false
			}
		}
		return true
	}
	return false
}
