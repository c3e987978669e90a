package schema

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// Key encodes a primary key from Go values: hash for the hash key and rangeValue for the
// range key (nil when the table has none). Each is encoded as its attribute is stored (a
// time.Time in its attribute's format); a key computed by a [Template] may be given as its
// text or as its [Parts]. A missing, empty or mistyped value is refused with a
// *validate.Error.
func (s *core) Key(hash, rangeValue any) (map[string]types.AttributeValue, error) {
	w := writer{s: s}
	out := make(map[string]types.AttributeValue, 2)
	w.keyValue(out, s.hash, hash)
	switch {
	case s.rng != nil:
		w.keyValue(out, s.rng, rangeValue)
	case rangeValue != nil:
		w.errs = append(w.errs, &validate.FieldError{Rule: "key", Value: rangeValue,
			Err: fmt.Errorf("the table has no range key")})
	}
	if err := w.failed(); err != nil {
		return nil, err
	}
	return out, nil
}

func (w *writer) keyValue(out map[string]types.AttributeValue, a *attribute, v any) {
	if parts, ok := v.(Parts); ok && a.tmpl != nil {
		if av := w.templateValue(a, parts, false); av != nil {
			out[a.name] = av
		}
		return
	}
	// A non-empty string for a plain string key encodes to itself: no conversion, type check
	// or codec call can change it.
	if str, ok := v.(string); ok && str != "" && a.goType == stringType && a.toDynamo == nil && !a.transforms() && utf8.ValidString(str) {
		out[a.name] = &types.AttributeValueMemberS{Value: str}
		return
	}
	cv, err := a.coerce(v)
	if err != nil {
		w.fail(nil, a, "type", v, err)
		return
	}
	v = cv
	if err := a.accepts(v); err != nil {
		w.fail(nil, a, "type", v, err)
		return
	}
	if a.transforms() {
		// The key is stored as the set transforms made it; a key given to Get is found.
		if v, err = w.transform(a, v, nil); err != nil {
			w.fail(nil, a, "set", v, err)
			return
		}
	}
	av, err := encodeSingle(a, v)
	if err != nil {
		w.fail(nil, a, "type", v, err)
		return
	}
	if err := checkKey(av); err != nil {
		w.fail(nil, a, "key", v, err)
		return
	}
	out[a.name] = av
}

// KeyOf encodes the primary key of an item (a *T, or a map[string]any). Key attributes that
// are constants, defaults, combined attributes or [Template] keys are computed as a write
// would. A default function ([DefaultFunc]) is not run: it would give another value than the
// one the write stored (a new ID), so a key that needs it (the key absent from the item, or a
// part of a combined or template key absent) is refused with a *validate.Error naming the
// attribute, rule "default".
func (s *core) KeyOf(item any) (map[string]types.AttributeValue, error) {
	return s.keyOf(item, s.hash, s.rng)
}

// keyOf encodes the key attributes keys of an item, as KeyOf does.
func (s *core) keyOf(item any, keys ...*attribute) (map[string]types.AttributeValue, error) {
	var n node
	if s.goType != nil {
		rv := reflect.ValueOf(item)
		if rv.Kind() != reflect.Pointer || rv.Type().Elem() != s.goType || rv.IsNil() {
			return nil, fmt.Errorf("%w: got %T, want *%v", ErrItemType, item, s.goType)
		}
		n = structNode(rv.Elem())
	} else {
		m, ok := asMap(item)
		if !ok {
			return nil, fmt.Errorf("%w: got %T, want map[string]any", ErrItemType, item)
		}
		w := writer{s: s}
		n = mapNode(w.renameAliases(s.root, m))
	}
	w := writer{s: s}
	out := make(map[string]types.AttributeValue, 2)
	for _, k := range keys {
		if k == nil {
			continue
		}
		v, present := n.get(k)
		switch {
		case k.tmpl != nil:
			parts := make([]*attribute, len(k.tmpl.parts))
			for i, p := range k.tmpl.parts {
				parts[i] = p.a
			}
			before := len(w.errs)
			src := w.asStored(k, parts, &n)
			if len(w.errs) > before {
				continue
			}
			text, ok := w.templateText(k, &src, nil)
			if !ok {
				continue
			}
			v, present = text, true
		case len(k.combine) > 0:
			before := len(w.errs)
			src := w.asStored(k, k.combine, &n)
			if len(w.errs) > before {
				continue
			}
			text, ok, err := w.combined(k, &src)
			if err != nil {
				w.fail(nil, k, "combine", nil, err)
				continue
			}
			v, present = text, ok
		case !present && k.hasConst:
			v, present = k.constant, true
		case k.hasDefault:
			var err error
			if v, present, err = keyDefault(k, v, present); err != nil {
				w.fail(nil, k, "default", nil, err)
				continue
			}
		}
		if !present {
			w.fail(nil, k, "key", nil, errNoKey)
			continue
		}
		w.keyValue(out, k, v)
	}
	if err := w.failed(); err != nil {
		return nil, err
	}
	return out, nil
}

// errDefaultFunc refuses to compute a key from a default function.
var errDefaultFunc = errors.New("the default is a function, which every write runs anew: the value a write stored cannot be computed again; give the value in the item")

// keyDefault returns the value a write stores for the attribute a, which has a default, given
// the item's value v (when present): the default value when the item has none, or always
// with ForceDefault. A default function fails with errDefaultFunc: it would give another
// value than the one the write stored (a new ID, the time of this call), and so another key.
func keyDefault(a *attribute, v any, present bool) (any, bool, error) {
	if present && !a.forceDefault {
		return v, true, nil
	}
	if a.defFunc != nil {
		return nil, false, errDefaultFunc
	}
	return a.defValue, true, nil
}

// asStored returns a node holding the values of the attributes srcs of the item in n as a
// put stores them: the item's value (or a default that is a value, when absent) after the
// attribute's set transforms. KeyOf builds the combined or template key k from it, as the
// write pipeline builds it from the sources after the set phase. Failures go to w.errs.
func (w *writer) asStored(k *attribute, srcs []*attribute, n *node) node {
	if !slices.ContainsFunc(srcs, func(a *attribute) bool { return a.transforms() || a.hasDefault }) {
		return *n // stored as given
	}
	m := make(map[string]any, len(srcs))
	for _, a := range srcs {
		v, ok := n.get(a)
		if a.hasDefault {
			var err error
			if v, ok, err = keyDefault(a, v, ok); err != nil {
				w.fail(nil, a, "default", nil, fmt.Errorf("%q is a part of the key %q: %w", a.path, k.path, err))
				continue
			}
		}
		if !ok {
			// A zero the item stores is a source of a combined key as it is (a put's set
			// steps skip it); a template takes it for absent, as a put's does.
			if v, ok = n.storedZero(a); ok && len(k.combine) > 0 {
				m[a.name] = v
			}
			continue
		}
		if a.transforms() {
			nv, err := w.transform(a, v, nil)
			if err != nil {
				w.fail(nil, a, "set", v, err)
				continue
			}
			v = nv
		}
		m[a.name] = v
	}
	return mapNode(m)
}

// Path resolves a document path written with Go-side names (aliases, Go field names) to the
// stored path: "Address.City" or "address.city" to address.city, items[2].qty. A path that
// names no attribute is refused unless SaveUnknown keeps it.
func (s *core) Path(path string) (attr.Path, error) {
	p, _, err := s.resolve(path)
	return p, err
}

// TypeAt returns the DynamoDB type the attribute at path is stored as (a date stored as
// epoch seconds is N), or attr.Invalid when the schema does not fix it: any-typed values,
// attributes kept by SaveUnknown, paths into them. A path that names no attribute is refused
// as Path refuses it.
func (s *core) TypeAt(path string) (attr.Type, error) {
	_, a, err := s.resolve(path)
	if err != nil || a == nil || a.anyType {
		return attr.Invalid, err
	}
	return a.typ, nil
}

// resolve returns the stored path and the attribute at its end (nil when the path leads into
// values the schema does not describe: unknown attributes kept, any-typed values, lists
// without element settings).
func (s *core) resolve(path string) (attr.Path, *attribute, error) {
	p, err := attr.ParsePath(path)
	if err != nil {
		return nil, nil, fmt.Errorf("schema: %w", err)
	}
	out := make(attr.Path, 0, len(p))
	var a *attribute
	l := s.root
	opaque := false
	for _, e := range p {
		if a != nil && a.jsonText {
			return nil, nil, fmt.Errorf("%w: %s: %s is stored as JSON text (DocumentsAsJSON); update or compare it whole", ErrLegacyValue, path, out)
		}
		switch {
		case opaque:
			out = append(out, e)
		case e.IsIndex:
			if a != nil && a.typ.IsSet() {
				return nil, nil, fmt.Errorf("schema: %s: %s is a set, and set elements have no positions", path, out)
			}
			if a == nil || a.typ == attr.B || a.typ != attr.L && !(a.anyType || a.goType != nil && a.goType.Kind() == reflect.Slice) {
				return nil, nil, fmt.Errorf("%w: %s: %s is not a list", ErrUnknown, path, out)
			}
			out = append(out, e)
			switch elem := a.elemOf(); {
			case elem != nil:
				a = elem
				l = a.child
			default:
				a, opaque = nil, true
			}
		default:
			var next *attribute
			if l != nil {
				next = l.byName[e.Name]
			}
			if next == nil {
				if a != nil && (a.anyType || a.child == nil && a.sub() == nil && (a.typ == attr.M || a.typ == attr.Invalid)) {
					out = append(out, e)
					a, opaque = nil, true
					continue
				}
				segs := make([]string, 0, len(p))
				for _, x := range p {
					if x.IsIndex {
						segs = append(segs, fmt.Sprint(x.Index))
					} else {
						segs = append(segs, x.Name)
					}
				}
				if full, _ := s.keepUnknown(segs); !full {
					return nil, nil, fmt.Errorf("%w: %s%s", ErrUnknown, path, didYouMean(e.Name, l))
				}
				out = append(out, e)
				a, opaque = nil, true
				continue
			}
			a = next
			out = append(out, attr.PathElem{Name: a.name})
			l = a.child
		}
	}
	return out, a, nil
}

// elemOf returns the element attribute of the list a: its element settings, or for a slice
// or array field without them, an attribute of the field's element type (log[0] of a []string
// holds a string), so that values at such paths are type-checked. It is nil when nothing is
// known of the elements (any-typed lists, lists of a map schema declared without elements).
func (a *attribute) elemOf() *attribute {
	if a.elem != nil || a.goType == nil || a.anyType {
		return a.elem
	}
	t := deref(a.goType)
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		return nil
	}
	et := t.Elem()
	if et.Kind() == reflect.Interface {
		return nil
	}
	o := attr.Options{Time: a.opts.Time}
	e := &attribute{path: a.path, goType: et, typ: attr.KindOf(et, o), date: isTime(et), opts: o, nested: true}
	e.anyType = e.typ == attr.Invalid
	return e
}

// Value encodes v as the attribute at path is stored, for a condition or an update: a date
// in its attribute's format, a set's element as an element of that set (for contains), after
// the attribute's set transforms (Setter, then trim/lowercase/uppercase), as a write stores it. v is
// type-checked against the attribute; a mismatch is a *validate.Error. Any Go number fits a
// numeric attribute when it converts exactly (45 for a float64 field, 3.0 for an int field);
// a fraction or an overflow is refused. An empty value is encoded as given, also under
// nullempty (which stores it as NULL in items): a condition compares with the value asked for.
// For a [Template] attribute, v may be its [Parts] (the whole key) or a [Prefix] (the text
// of its leading parts).
func (s *core) Value(path string, v any) (types.AttributeValue, error) {
	_, a, err := s.resolve(path)
	if err != nil {
		return nil, err
	}
	w := writer{s: s, compared: true}
	var av types.AttributeValue
	switch parts := v.(type) {
	case Parts:
		av = w.templateCondition(a, path, parts, false)
	case Prefix:
		av = w.templateCondition(a, path, parts, true)
	default:
		av = w.encodeAt(a, path, v)
	}
	if err := w.failed(); err != nil {
		return nil, err
	}
	return av, nil
}

// encodeAt encodes v, a value as the caller gave it (a condition's, a key's), as the
// attribute a at path stores it: after a's set transforms.
func (w *writer) encodeAt(a *attribute, path string, v any) types.AttributeValue {
	return w.encodeValue(a, path, v, true, encodeSingle)
}

// encodeSetAt encodes v, a value that has been through the SET steps (setValue, which ran
// a's set transforms), as a at path stores it: the transforms are not run twice. An empty
// value of a field tagged omitempty encodes to nothing, as a put leaves it out (the update
// removes the attribute); a list element is encoded as given, since removing it would move
// the elements after it.
func (w *writer) encodeSetAt(a *attribute, path string, v any) types.AttributeValue {
	if a != nil && a.name != "" && a.opts.OmitEmpty {
		return w.encodeValue(a, path, v, false, encodeValueOf)
	}
	return w.encodeValue(a, path, v, false, encodeSingle)
}

// encodeValueOf encodes v as a stores it in an item (encodeValue without a path).
func encodeValueOf(a *attribute, v any) (types.AttributeValue, error) {
	return encodeWith(a, v, nil, a.opts)
}

// encodeValue checks v against a and encodes it with encode (or encodeCompared for a condition
// value), after a's set transforms when transform is set.
func (w *writer) encodeValue(a *attribute, path string, v any, transform bool, encode func(*attribute, any) (types.AttributeValue, error)) types.AttributeValue {
	if a == nil {
		av, err := attr.Marshal(v)
		if err != nil {
			w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "type", Value: v, Err: err})
		}
		return w.checkNamesAt(path, v, av)
	}
	if a.typ.IsSet() && v != nil && !isCollection(reflect.TypeOf(v)) {
		elem := &attribute{typ: map[attr.Type]attr.Type{attr.SS: attr.S, attr.NS: attr.N, attr.BS: attr.B}[a.typ], opts: attr.Options{Time: a.opts.Time}}
		if err := elem.accepts(v); err != nil {
			w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "type", Value: v, Err: err})
			return nil
		}
		if transform && (a.trim || a.lower || a.upper) {
			v = a.caseString(v) // each element of the set is stored so
		}
		av, _ := attr.MarshalWith(v, elem.opts)
		return av
	}
	cv, err := a.coerce(v)
	if err != nil {
		w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "type", Value: v, Err: err})
		return nil
	}
	v = cv
	if err := a.accepts(v); err != nil {
		p, v, err := elementAt(path, v, err)
		w.errs = append(w.errs, &validate.FieldError{Path: p, Rule: "type", Value: v, Err: err})
		return nil
	}
	if transform && a.transforms() && v != nil {
		// Compared with the value as a write would store it (Dynamoose applies set to
		// condition and query values too).
		tv, err := w.transform(a, v, nil)
		if err != nil {
			w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "set", Value: v, Err: err})
			return nil
		}
		v = tv
	}
	if w.compared {
		encode = encodeCompared
	}
	av, err := encode(a, v)
	if err != nil {
		w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "type", Value: v, Err: err})
	}
	return w.checkNamesAt(path, v, av)
}

// checkNamesAt refuses the encoded value av of v at path when it holds an empty map key,
// which DynamoDB refuses as an attribute name.
func (w *writer) checkNamesAt(path string, v any, av types.AttributeValue) types.AttributeValue {
	if p, ok := emptyName(av); ok {
		w.errs = append(w.errs, &validate.FieldError{Path: docPath(path, p.String()), Rule: "name", Value: v, Err: errEmptyName})
		return nil
	}
	return av
}

func isCollection(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem().Kind() != reflect.Uint8 || t.Kind() == reflect.Map
	}
	return false
}
