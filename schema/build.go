package schema

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/nullmark"
	"github.com/dynamodel/dynamodel/validate"
)

// builder compiles a config into a Schema, collecting every problem.
type builder struct {
	cfg      *config
	problems []string
	declared map[*attribute]bool // attributes that settings in code were given for
}

func (b *builder) problem(format string, args ...any) {
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// checkSaveUnknown refuses SaveUnknown on a struct schema that has nowhere to keep unknown
// attributes: without a field tagged unknown, the struct drops the attributes it does not
// declare when an item is read, and the next write of it would delete them. A pattern below
// a declared attribute (a map field: "meta.*") keeps what that map holds and is accepted.
func (b *builder) checkSaveUnknown(s *core, c *config) {
	if s.goType == nil || s.unknownField {
		return
	}
	const fix = "; add a field to hold them (Rest map[string]any, or map[string]types.AttributeValue, " +
		"tagged `dynamo:\",unknown\"`) or remove SaveUnknown"
	if c.saveAll {
		b.problem("SaveUnknown(): %v has no field tagged unknown, so the attributes it does not declare "+
			"would be dropped on every write%s", s.goType, fix)
		return
	}
	for _, segs := range s.savePatterns {
		if segs[0] == "*" || segs[0] == "**" || s.root.byName[segs[0]] == nil {
			b.problem("SaveUnknown(%q): %v has no field tagged unknown, so attributes it does not declare "+
				"(%q is not one of its attributes) would be dropped on every write%s", strings.Join(segs, "."), s.goType, segs[0], fix)
		}
	}
}

func (b *builder) err() error {
	if len(b.problems) == 0 {
		return nil
	}
	return &Error{Problems: b.problems}
}

var timeType = reflect.TypeFor[time.Time]()

func isTime(t reflect.Type) bool {
	return t == timeType || (t.Kind() == reflect.Pointer && t.Elem() == timeType)
}

// isTimes reports whether t is a slice or array of times.
func isTimes(t reflect.Type) bool {
	t = deref(t)
	return (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && isTime(t.Elem())
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func newLevel(goType reflect.Type) *level {
	return &level{goType: goType, byName: make(map[string]*attribute)}
}

// add appends a to l, reporting names used twice.
func (b *builder) add(l *level, a *attribute) {
	if other, ok := l.byName[a.name]; ok && other.name == a.name {
		b.problem("attribute %q is defined twice", a.path)
		return
	}
	l.attrs = append(l.attrs, a)
	l.byName[a.name] = a
	if a.goName != "" && a.goName != a.name {
		if _, taken := l.byName[a.goName]; !taken {
			l.byName[a.goName] = a
		}
	}
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// isNullableField reports whether t is an attr.Nullable[T], or a struct that embeds one: it
// has the marking method only attr.Nullable has (a struct embedding it gets its MarshalDynamo
// too, and stores NULL as it does). The name does not count: a type named Nullable elsewhere,
// or one defined from attr.Nullable (which has none of its methods, and is stored as a map),
// is not nullable.
func isNullableField(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.Implements(nullMarked)
}

var nullMarked = reflect.TypeFor[nullmark.Marked]()

// structLevel builds the attributes of a struct type from its fields, descending into nested
// structs and lists of structs. seen holds the struct types on the way down, so recursive
// types stop (their nested values are then stored as the codec encodes them, unchecked).
func (b *builder) structLevel(t reflect.Type, fields []attr.Field, prefix string, seen map[reflect.Type]bool) *level {
	l := newLevel(t)
	for _, f := range fields {
		if f.Options.Unknown {
			continue // the field holding unknown attributes; see Schema.unknownField
		}
		a := &attribute{
			name:   f.Name,
			goName: f.GoName,
			path:   joinPath(prefix, f.Name),
			index:  f.Index,
			goType: f.Type,
			typ:    f.Kind,
			opts:   f.Options,
			nested: prefix != "",
		}
		a.anyType = f.Kind == attr.Invalid
		a.date = isTime(f.Type)
		// An attr.Nullable field holds NULL as Nullable() lets a map attribute: an
		// update's SET of nil and a condition value nil are NULL.
		a.nullable = isNullableField(f.Type)
		if strings.Contains(f.Name, ".") {
			b.problem("attribute %q: names cannot hold dots", a.path)
		}
		b.checkForeignTag(f, a.path)
		if tag, ok := f.Tag.Lookup("validate"); ok && tag != "" && tag != "-" {
			a.rules = append(a.rules, validate.Tag(tag))
		}
		switch ft := deref(f.Type); {
		case f.Kind == attr.M && ft.Kind() == reflect.Struct && !seen[ft]:
			a.child = b.nestedStruct(ft, a.path, seen)
		case f.Kind == attr.L && (ft.Kind() == reflect.Slice || ft.Kind() == reflect.Array):
			et := deref(ft.Elem())
			if et.Kind() == reflect.Struct && et != timeType && !seen[et] {
				if child := b.nestedStruct(et, a.path, seen); child != nil {
					a.elem = &attribute{path: a.path, goType: ft.Elem(), typ: attr.M, nested: true, child: child}
				}
			}
		}
		b.add(l, a)
	}
	return l
}

func (b *builder) nestedStruct(t reflect.Type, path string, seen map[reflect.Type]bool) *level {
	fields, err := attr.Fields(t)
	if err != nil {
		b.problem("attribute %q: %v", path, err)
		return nil
	}
	inner := make(map[reflect.Type]bool, len(seen)+1)
	for k := range seen {
		inner[k] = true
	}
	inner[t] = true
	return b.structLevel(t, fields, path, inner)
}

// defsLevel builds a level of a map item from attribute definitions.
func (b *builder) defsLevel(defs []Def, prefix string, nested bool) *level {
	l := newLevel(nil)
	for _, d := range defs {
		a := &attribute{name: d.name, path: joinPath(prefix, d.name), nested: nested}
		if d.name == "" {
			b.problem("an attribute has no name")
			continue
		}
		if strings.Contains(d.name, ".") {
			b.problem("attribute %q: names cannot hold dots", a.path)
		}
		b.merge(a, collect(d))
		b.add(l, a)
		if a.alias != "" {
			if _, taken := l.byName[a.alias]; taken {
				b.problem("attribute %q: alias %q is already a name", a.path, a.alias)
			} else {
				l.byName[a.alias] = a
			}
		}
	}
	return l
}

func collect(d Def) *def {
	out := &def{name: d.name}
	for _, s := range d.settings {
		if s != nil {
			s.applySetting(out)
		}
	}
	return out
}

// applyStructDef adds the settings of d to the struct field it names, or adds an attribute
// that exists only in stored items.
func (b *builder) applyStructDef(root *level, d Def) {
	segs := strings.Split(d.name, ".")
	cur := root
	for i, seg := range segs[:len(segs)-1] {
		a := cur.byName[seg]
		if a == nil {
			b.problem("attribute %q: no field %q", d.name, strings.Join(segs[:i+1], "."))
			return
		}
		switch {
		case a.child != nil:
			cur = a.child
		case a.elem != nil && a.elem.child != nil:
			cur = a.elem.child
		default:
			b.problem("attribute %q: %q holds no nested struct", d.name, a.path)
			return
		}
	}
	last := segs[len(segs)-1]
	a := cur.byName[last]
	if a == nil {
		if len(segs) > 1 {
			b.problem("attribute %q: no field %q", d.name, d.name)
			return
		}
		a = &attribute{name: last, path: last, virtual: true}
		if last == "" {
			b.problem("an attribute has no name")
			return
		}
		dd := collect(d)
		if !dd.hasConst && !dd.hasCombine && !dd.hasDefault && !dd.hasTemplate {
			b.problem("attribute %q: no struct field has this name, and it has no value of its own (Constant, Combine, Template or Default)", a.path)
		}
		b.merge(a, dd)
		b.add(cur, a)
		b.declare(a)
		return
	}
	b.merge(a, collect(d))
	b.declare(a)
}

func (b *builder) declare(a *attribute) {
	if b.declared == nil {
		b.declared = make(map[*attribute]bool)
	}
	b.declared[a] = true
}

// merge applies the settings d to a, checking that they fit the attribute.
func (b *builder) merge(a *attribute, d *def) {
	for _, p := range d.problems {
		b.problem("attribute %q: %s", a.path, p)
	}
	field := a.goType != nil
	switch {
	case d.typeSet && field && !a.anyType:
		if d.anyType || d.typ != a.typ {
			b.problem("attribute %q: type %s given, but its field of type %v is stored as %v", a.path, typeName(d), a.goType, a.typ)
		}
		if d.date && a.opts.Time != d.timeFormat || d.date && !a.date && !(d.typ.IsSet() && isTimes(a.goType)) {
			b.problem("attribute %q: Date(%v) given, but its field of type %v is stored as %v (the tag gives a date's storage)", a.path, d.timeFormat, a.goType, storage(a))
		}
		if d.hasMap || (d.hasList && len(d.elem) > 0) {
			b.problem("attribute %q: the nested attributes of a struct field come from its Go type; give their settings with Attr(%q)", a.path, a.path+".name")
		}
	case d.typeSet:
		a.typ, a.anyType = d.typ, d.anyType
		switch {
		case d.date && d.typ.IsSet():
			a.dates, a.opts.Time = true, d.timeFormat
			if want := map[attr.Type]attr.Type{attr.N: attr.NS, attr.S: attr.SS}[d.timeFormat.Type()]; d.typ != want {
				b.problem("attribute %q: a set of Date(%v) is stored as %v, not %v", a.path, d.timeFormat, want, d.typ)
			}
		case d.date:
			a.date, a.opts.Time = true, d.timeFormat
		}
		if d.typ.IsSet() {
			a.opts.Set = true
		}
		if d.hasMap {
			a.child = b.defsLevel(d.children, a.path, true)
		}
		if d.hasList {
			a.elem = b.elemAttr(a, d.elem)
			if a.elem != nil && a.elem.child == nil {
				// The codec encodes the list with one set of options: its dates (or
				// those of its nested lists) in their storage.
				a.opts.Time = a.elem.opts.Time
			}
		}
	case !field:
		b.problem("attribute %q has no type", a.path)
	}
	a.hash = a.hash || d.hash
	a.rng = a.rng || d.rng
	a.required = a.required || d.required
	a.indexes = append(a.indexes, d.indexes...)
	if a.nested && (d.hash || d.rng) {
		b.problem("attribute %q: keys cannot be inside nested maps or lists", a.path)
	}
	if a.nested && len(d.indexes) > 0 {
		b.problem("attribute %q: indexes cannot be on nested attributes", a.path)
	}
	if d.alias != "" {
		if strings.Contains(d.alias, ".") {
			b.problem("attribute %q: alias %q holds a dot", a.path, d.alias)
		}
		a.alias = d.alias
	}
	if d.nullable {
		if a.goType != nil {
			b.problem("attribute %q: Nullable is for map schemas; give the field the type attr.Nullable[%v]", a.path, a.goType)
		}
		a.nullable, a.nullPresent = true, true
	}
	if d.anyType && !field && !a.virtual {
		// Any() holds any value, NULL included (Dynamoose's type.ANY): a nil under its name
		// in a map item is stored as NULL, not left out, unless a default replaces it or
		// Required refuses it (Dynamoose applies both to null as to undefined).
		a.nullable = true
	}
	if d.hasDefault {
		a.hasDefault = true
		if d.defFunc != nil {
			if !a.fitsType(d.defType) {
				b.problem("attribute %q: default function returns %v, not %v", a.path, d.defType, a.goType)
			}
			a.defFunc = d.defFunc
		} else if v, ok := a.convert(d.defValue); ok {
			a.defValue = v
		} else {
			b.problem("attribute %q: default %v (%T) does not fit the attribute's type %s", a.path, d.defValue, d.defValue, a.typeString())
		}
	}
	if d.forceDefault {
		if !a.hasDefault {
			b.problem("attribute %q: ForceDefault without a default", a.path)
		}
		a.forceDefault = true
	}
	if d.hasConst {
		if a.hasDefault {
			b.problem("attribute %q: a constant cannot also have a default", a.path)
		}
		if d.setter != nil || d.trim || d.lower || d.upper {
			// The constant is what is stored, compared and combined: a transform would store
			// a value the next put of the item refuses as not the constant.
			b.problem("attribute %q: a constant is stored as given; write it transformed instead of adding Set, Trim, Lowercase or Uppercase", a.path)
		}
		if v, ok := a.convert(d.constant); ok {
			a.constant, a.hasConst = v, true
		} else {
			b.problem("attribute %q: constant %v does not fit the field of type %v", a.path, d.constant, a.goType)
		}
	}
	if d.hasCombine {
		if a.nested {
			b.problem("attribute %q: a combined attribute must be at the top of the item", a.path)
		}
		if field && deref(a.goType).Kind() != reflect.String {
			b.problem("attribute %q: a combined attribute needs a string field, not %v", a.path, a.goType)
		}
		if len(d.combine) == 0 {
			b.problem("attribute %q: Combine needs at least one attribute", a.path)
		}
		a.separator = d.separator
		for _, name := range d.combine {
			a.combine = append(a.combine, &attribute{name: name}) // resolved in finish
		}
	}
	if d.hasTemplate {
		b.checkTemplate(a, d)
	}
	for _, v := range d.enum {
		if !a.enumFits(v) {
			b.problem("attribute %q: enum value %v (%T) does not fit the attribute's type %s", a.path, v, v, a.typeString())
			continue
		}
		cv, _ := a.convertElem(v)
		a.enum = append(a.enum, cv)
	}
	if len(a.enum) > 0 {
		a.enumRule = validate.Enum(a.enum...)
		if t := a.goType; t != nil && (t.Kind() == reflect.String || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String) {
			values := make([]string, len(a.enum))
			for i, v := range a.enum {
				values[i] = reflect.ValueOf(v).String()
			}
			a.enumStrings = newStringEnum(values)
		}
	}
	a.rules = append(a.rules, d.rules...)
	if d.setter != nil {
		if !a.exactType(d.setterType) {
			b.problem("attribute %q: setter takes %v, but the field is %v", a.path, d.setterType, a.goType)
		}
		a.setter = d.setter
	}
	if d.getter != nil {
		if !a.exactType(d.getterType) {
			b.problem("attribute %q: getter takes %v, but the field is %v", a.path, d.getterType, a.goType)
		}
		a.getter = d.getter
	}
	if d.toDynamo != nil || d.fromDynamo != nil {
		if a.nested {
			b.problem("attribute %q: toDynamo and fromDynamo apply to top-level attributes only", a.path)
		}
		if d.toDynamo != nil && !a.exactType(d.toType) {
			b.problem("attribute %q: toDynamo takes %v, but the field is %v", a.path, d.toType, a.goType)
		}
		if d.fromDynamo != nil && field && d.fromType != nil && !d.fromType.AssignableTo(a.goType) {
			b.problem("attribute %q: fromDynamo returns %v, but the field is %v", a.path, d.fromType, a.goType)
		}
		if d.toDynamo != nil {
			a.toDynamo = d.toDynamo
		}
		if d.fromDynamo != nil {
			a.fromDynamo = d.fromDynamo
		}
	}
	if d.trim || d.lower || d.upper {
		if !a.anyType && a.typ != attr.S && a.typ != attr.SS || a.date {
			b.problem("attribute %q: trim, lowercase and uppercase apply to strings and string sets, not %s", a.path, a.typeString())
		}
		if d.lower && d.upper {
			b.problem("attribute %q: both lowercase and uppercase", a.path)
		}
		a.trim, a.lower, a.upper = a.trim || d.trim, a.lower || d.lower, a.upper || d.upper
	}
}

// elemAttr builds the element of a list from its settings.
func (b *builder) elemAttr(parent *attribute, settings []Setting) *attribute {
	if len(settings) == 0 {
		return nil
	}
	d := &def{}
	for _, s := range settings {
		if s != nil {
			s.applySetting(d)
		}
	}
	e := &attribute{path: parent.path, nested: true}
	other := d.required || d.hash || d.rng || d.hasDefault || len(d.enum) > 0 || len(d.rules) > 0 ||
		d.setter != nil || d.getter != nil || d.toDynamo != nil || d.fromDynamo != nil ||
		d.trim || d.lower || d.upper || len(d.indexes) > 0 || d.hasConst || d.hasCombine || d.alias != ""
	if other {
		b.problem("attribute %q: list elements take a type (and a Map's attributes) only; put other settings on the Map's attributes", parent.path)
	}
	b.merge(e, &def{typ: d.typ, typeSet: d.typeSet, anyType: d.anyType, date: d.date, timeFormat: d.timeFormat,
		children: d.children, hasMap: d.hasMap, elem: d.elem, hasList: d.hasList, problems: d.problems})
	return e
}

func typeName(d *def) string {
	switch {
	case d.anyType:
		return "any"
	case d.date && d.typ.IsSet():
		return fmt.Sprintf("%v of Date(%v)", d.typ, d.timeFormat)
	case d.date:
		return fmt.Sprintf("Date(%v)", d.timeFormat)
	}
	return d.typ.String()
}

func storage(a *attribute) string {
	if a.date {
		return a.opts.Time.String()
	}
	return a.typ.String()
}

func (a *attribute) typeString() string {
	switch {
	case a.goType != nil:
		return a.goType.String()
	case a.anyType:
		return "any"
	case a.date:
		return fmt.Sprintf("Date(%v)", a.opts.Time)
	case a.dates:
		return fmt.Sprintf("%v of Date(%v)", a.typ, a.opts.Time)
	}
	return a.typ.String()
}

// fitsType reports whether values of Go type t can be stored in a (nil t: any value).
func (a *attribute) fitsType(t reflect.Type) bool {
	if t == nil || a.goType == nil {
		return true
	}
	return t.AssignableTo(a.goType) || (a.goType.Kind() == reflect.Pointer && t.AssignableTo(a.goType.Elem()))
}

// exactType reports whether a function over values of Go type t fits a's values.
func (a *attribute) exactType(t reflect.Type) bool {
	return t == nil || a.goType == nil || t == a.goType
}

// convert returns v as a value of a's Go type (struct fields), or checks that it encodes as
// a's DynamoDB type (map items).
func (a *attribute) convert(v any) (any, bool) {
	if v == nil {
		return nil, false
	}
	if a.goType == nil {
		v = a.listOf(v)
		return v, a.accepts(v) == nil
	}
	rv := reflect.ValueOf(v)
	to := a.goType
	if rv.Type().AssignableTo(to) {
		return v, true
	}
	if to.Kind() == reflect.Pointer {
		to = to.Elem()
	}
	switch {
	case isNumberKind(rv.Kind()) && isNumberKind(to.Kind()):
		// Numbers convert only when the value survives: Default(1.5) does not fit an int.
		out, err := convertNumber(rv, to)
		if err != nil {
			return nil, false
		}
		return out.Interface(), true
	case rv.Type().ConvertibleTo(to) && sameKindFamily(rv.Type(), to):
		return rv.Convert(to).Interface(), true
	}
	return nil, false
}

// sameKindFamily keeps conversions to what a Go programmer means: numbers to numbers, strings
// to strings (never an int to a string).
func sameKindFamily(from, to reflect.Type) bool {
	num := func(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Float64 }
	switch {
	case num(from.Kind()) && num(to.Kind()):
		return true
	case from.Kind() == reflect.String && to.Kind() == reflect.String:
		return true
	}
	return from == to
}

// enumFits reports whether an enum value fits the attribute (an element, for sets).
func (a *attribute) enumFits(v any) bool {
	_, ok := a.convertElem(v)
	return ok
}

// convertElem converts an enum value: to the element type for sets, else like convert.
func (a *attribute) convertElem(v any) (any, bool) {
	if a.typ.IsSet() {
		if a.goType != nil {
			et := deref(a.goType)
			if et.Kind() == reflect.Slice || et.Kind() == reflect.Array {
				e := &attribute{goType: et.Elem()}
				return e.convert(v)
			}
			if et.Kind() == reflect.Map {
				e := &attribute{goType: et.Key()}
				return e.convert(v)
			}
			return v, true
		}
		want := map[attr.Type]attr.Type{attr.SS: attr.S, attr.NS: attr.N, attr.BS: attr.B}[a.typ]
		e := &attribute{typ: want}
		return v, e.accepts(v) == nil
	}
	return a.convert(v)
}

// finish resolves keys, combined attributes, timestamps, expiry and indexes, checks the whole
// schema, and precomputes the pipeline's step lists.
func (b *builder) finish(s *core) (*core, error) {
	c := b.cfg
	if s.goType != nil {
		for _, d := range c.defs {
			b.applyStructDef(s.root, d)
		}
	}
	if !c.billing.OnDemand {
		if err := c.billing.Check(); err != nil {
			b.problem("%v", err)
		}
	}
	s.now = c.now
	if s.now == nil {
		s.now = time.Now
	}
	s.constants = encodeConstants(s.root, 0)
	s.saveAll, s.errorUnknown = c.saveAll || (s.unknownField && len(c.saveUnknown) == 0), c.errorUnknown
	for _, p := range c.saveUnknown {
		segs := strings.Split(p, ".")
		if slices.Contains(segs, "") {
			b.problem("saveUnknown pattern %q has an empty segment", p)
			continue
		}
		s.savePatterns = append(s.savePatterns, segs)
	}
	if s.goType != nil {
		b.checkNestedUnknown(s.root, c.saveAll, s.savePatterns)
	}
	b.checkSaveUnknown(s, c)
	b.legacyStorage(s, c)
	if c.created.set {
		s.created = b.roleAttr(s, c.created.name, c.created.format, roleCreated)
		b.stampStorage(s.created, c.created)
	}
	if c.updated.set {
		s.updated = b.roleAttr(s, c.updated.name, c.updated.format, roleUpdated)
		b.stampStorage(s.updated, c.updated)
	}
	if s.created != nil && s.updated != nil && s.created.name == s.updated.name {
		b.problem("timestamps: createdAt and updatedAt are both %q", s.created.name)
	}
	if c.expires != nil {
		s.exp = c.expires
		if c.expires.ttl <= 0 && c.expires.defaultFor == nil {
			b.problem("expires: ttl %v is not positive", c.expires.ttl)
		}
		s.expires = b.roleAttr(s, c.expires.attribute, attr.TimeSeconds, roleTTL)
	}
	itemType := s.itemType()
	for _, fs := range [][]itemFunc{c.setters, c.getters, c.validators} {
		for _, f := range fs {
			if f.typ != itemType {
				b.problem("%s takes a func(*%v) error, but the schema's items are %v: give it a func(*%v) error", f.option, f.typ, itemType, itemType)
			}
		}
	}
	s.setters, s.getters, s.validators = c.setters, c.getters, c.validators
	b.resolveCombines(s.root)
	b.resolveTemplates(s)
	b.keys(s)
	b.indexes(s)
	b.checkRules(s.root)
	compileLevel(s.root)
	s.aliases = hasAliases(s.root)
	if err := b.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// stampStorage refuses a timestamp whose storage, given to CreatedAt or UpdatedAt, is not the
// one its struct field's tag gives: the field's codec writes the value, so the option's
// storage would be ignored without a word.
func (b *builder) stampStorage(a *attribute, def timestampDef) {
	if a == nil || !a.date || !def.given || a.opts.Time == def.format {
		return
	}
	label := map[role]string{roleCreated: "CreatedAt", roleUpdated: "UpdatedAt"}[a.role]
	b.problem("%s(%q, %v): its field is stored as %v (its tag): give the tag option %s, or the storage %v",
		label, def.name, def.format, a.opts.Time, tagOption(def.format), a.opts.Time)
}

// tagOption returns the dynamo tag option that stores a time.Time field in f.
func tagOption(f attr.TimeFormat) string {
	if f == attr.TimeMillis {
		return "millis (or none)"
	}
	return f.String()
}

// roleAttr finds or adds the attribute a schema option owns (timestamps, the TTL).
func (b *builder) roleAttr(s *core, name string, format attr.TimeFormat, r role) *attribute {
	label := map[role]string{roleCreated: "createdAt", roleUpdated: "updatedAt", roleTTL: "expires"}[r]
	if name == "" || strings.Contains(name, ".") {
		b.problem("%s: attribute name %q is empty or holds a dot", label, name)
		return nil
	}
	if a := s.root.byName[name]; a != nil {
		switch {
		case a.goType == nil || a.virtual || b.declared[a]:
			b.problem("%s attribute %q is also declared as an attribute", label, name)
		case !a.date:
			b.problem("%s attribute %q: its field must be a time.Time, not %v", label, name, a.goType)
		case r == roleTTL && a.opts.Time != attr.TimeSeconds:
			b.problem("expires attribute %q: its field must be stored in epoch seconds (tag option seconds), not %v", name, a.opts.Time)
		case a.role != roleNone:
			b.problem("%s attribute %q already holds another timestamp", label, name)
		}
		a.role = r
		return a
	}
	a := &attribute{name: name, path: name, typ: format.Type(), date: true, opts: attr.Options{Time: format}, role: r, virtual: s.goType != nil}
	s.root.attrs = append(s.root.attrs, a)
	s.root.byName[name] = a
	return a
}

func (b *builder) resolveCombines(l *level) {
	for _, a := range l.attrs {
		for i, src := range a.combine {
			real := l.byName[src.name]
			switch {
			case real == nil && strings.Contains(src.name, "."):
				b.problem("attribute %q: Combine names %q, a nested path: sources must be attributes at the level of the combined attribute (Dynamoose's nested sources are not supported; declare the Combine inside the object, or copy the value with an ItemSetter)", a.path, src.name)
				continue
			case real == nil:
				b.problem("attribute %q: Combine names %q, which is not an attribute", a.path, src.name)
				continue
			case real == a:
				b.problem("attribute %q: Combine names the attribute itself", a.path)
				continue
			case len(real.combine) > 0:
				b.problem("attribute %q: Combine names %q, another combined attribute", a.path, src.name)
			}
			a.combine[i] = real
			real.feeds = append(real.feeds, a)
		}
	}
}

func (b *builder) keys(s *core) {
	for _, a := range s.root.attrs {
		if a.hash {
			if s.hash != nil {
				b.problem("two hash keys: %q and %q", s.hash.name, a.name)
				continue
			}
			s.hash = a
		}
		if a.rng {
			if s.rng != nil {
				b.problem("two range keys: %q and %q", s.rng.name, a.name)
				continue
			}
			s.rng = a
		}
	}
	if s.hash == nil {
		if len(s.root.attrs) == 0 || s.root.attrs[0].role != roleNone {
			b.problem("no attributes, so no hash key")
			return
		}
		// As in Dynamoose, the first attribute is the hash key.
		first := s.root.attrs[0]
		if first.anyType || !index.KeyType(first.typ) {
			b.problem("no attribute has HashKey(), and the first one, %q, has type %s, which cannot be a key (S, N or B): mark the hash key with Attr(name, HashKey())", first.name, first.typeString())
			return
		}
		s.hash = first
		s.hash.hash = true
	}
	if s.hash == nil {
		return
	}
	if s.hash == s.rng {
		b.problem("attribute %q is both the hash key and the range key", s.hash.name)
	}
	for _, k := range []*attribute{s.hash, s.rng} {
		if k != nil && (k.anyType || !index.KeyType(k.typ)) {
			b.problem("key attribute %q has type %s; keys are S, N or B", k.name, k.typeString())
		}
	}
}

func (b *builder) indexes(s *core) {
	if s.hash == nil {
		return
	}
	t := index.Layout{Keys: index.KeySchema{Hash: index.Key{Name: s.hash.name, Type: s.hash.typ}}}
	if s.rng != nil {
		t.Keys.Range = index.Key{Name: s.rng.name, Type: s.rng.typ}
	}
	for _, a := range s.root.attrs {
		for _, d := range a.indexes {
			ix := index.Index{Name: d.name, Global: !d.local, Projection: d.projection, Throughput: d.throughput}
			if d.local {
				if ix.Name == "" {
					ix.Name = a.name + "LocalIndex"
				}
				if d.rangeKey != "" {
					b.problem("index %q: a local index's range key is its attribute %q; IndexRangeKey is for global indexes", ix.Name, a.name)
				}
				ix.Keys = index.KeySchema{Hash: t.Keys.Hash, Range: index.Key{Name: a.name, Type: a.typ}}
			} else {
				if ix.Name == "" {
					ix.Name = a.name + "GlobalIndex"
				}
				ix.Keys = index.KeySchema{Hash: index.Key{Name: a.name, Type: a.typ}}
				if d.rangeKey != "" {
					r := s.root.byName[d.rangeKey]
					if r == nil {
						b.problem("index %q: range key %q is not an attribute", ix.Name, d.rangeKey)
						continue
					}
					ix.Keys.Range = index.Key{Name: r.name, Type: r.typ}
				}
			}
			if !b.multiKeys(s, &ix, d) {
				continue
			}
			t.Indexes = append(t.Indexes, ix)
		}
	}
	s.table = t
	for _, ix := range t.Indexes {
		for _, k := range ix.Keys.All() {
			a := s.root.byName[k.Name]
			if k.Name != "" && a != nil && a != s.hash && a != s.rng && !slices.Contains(s.indexKeys, a) {
				s.indexKeys = append(s.indexKeys, a)
			}
		}
	}
	if err := t.Check(); err != nil {
		var ie *index.Error
		if errors.As(err, &ie) {
			b.problems = append(b.problems, ie.Problems...)
		} else {
			b.problem("%v", err)
		}
	}
}

// checkRules refuses rules that cannot apply to their attribute: unusable ones, and rules for
// another Go type.
func (b *builder) checkRules(l *level) {
	for _, a := range l.attrs {
		for _, r := range a.rules {
			if err := r.Err(); err != nil {
				b.problem("attribute %q: %v", a.path, err)
				continue
			}
			if a.goType != nil {
				if t := r.Accepts(); t != nil && !a.goType.AssignableTo(t) && !(t.Kind() == reflect.String && a.goType.Kind() == reflect.String) {
					b.problem("attribute %q: rule %s checks %v, but the field is %v", a.path, r.Name(), t, a.goType)
					continue
				}
				if fe := r.Check(reflect.Zero(a.goType).Interface()); fe != nil && errors.Is(fe.Err, validate.ErrRule) {
					b.problem("attribute %q: %v", a.path, fe.Err)
				}
			}
		}
		if a.child != nil {
			b.checkRules(a.child)
		}
		if a.elem != nil && a.elem.child != nil {
			b.checkRules(a.elem.child)
		}
	}
}

// sub returns the level inside a's values: its map's or struct's, or its list elements'.
func (a *attribute) sub() *level {
	if a.child != nil {
		return a.child
	}
	if a.elem != nil {
		return a.elem.child
	}
	return nil
}
