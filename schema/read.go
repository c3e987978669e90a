package schema

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// Read runs the read pipeline: it decodes a stored item into out (a *T for For[T], a
// *map[string]any for New), applies fromDynamo, the get transforms and the item getters. With
// HideExpired an item whose expiry time has passed is not decoded and Read returns
// [ErrExpired]: the caller treats it as absent. With ErrorUnknown a stored attribute the schema
// does not know (and SaveUnknown does not keep) fails with [ErrUnknown]; otherwise unknown
// attributes not kept are dropped. Map items are keyed by the attributes' aliases where they
// have one.
func (s *core) Read(item map[string]types.AttributeValue, out any) error {
	if s.Expired(item) {
		return ErrExpired
	}
	w := writer{s: s}
	src := item
	// With readAsIs, unknown attributes would only be dropped, and the codec ignores them.
	if !s.readAsIs {
		src = s.known(&w, item)
	}
	if len(w.errs) > 0 {
		return fmt.Errorf("%w: %s", ErrUnknown, w.errs[0].Path)
	}
	if s.constants {
		if err := checkConstants(s.root, src, nil); err != nil {
			return err
		}
	}
	if len(s.templated) > 0 {
		var err error
		if src, err = s.fillParts(src); err != nil {
			return err
		}
	}
	if s.goType != nil {
		rv := reflect.ValueOf(out)
		if rv.Kind() != reflect.Pointer || rv.Type().Elem() != s.goType || rv.IsNil() {
			return fmt.Errorf("%w: got %T, want *%v", ErrItemType, out, s.goType)
		}
		if s.looseFields {
			if err := w.checkLoose(s.root, src, nil); err != nil {
				return err
			}
		}
		n := structNode(rv.Elem())
		if err := s.decodeStruct(src, out, &n); err != nil {
			return err
		}
		return s.afterRead(&w, &n, out)
	}
	mp, ok := out.(*map[string]any)
	if !ok || mp == nil {
		return fmt.Errorf("%w: got %T, want *map[string]any", ErrItemType, out)
	}
	m, err := w.decodeMap(s.root, src, nil)
	if err != nil {
		return err
	}
	n := mapNode(m)
	if err := s.afterRead(&w, &n, &m); err != nil {
		return err
	}
	if !s.aliases {
		*mp = m
		return nil
	}
	*mp = aliased(s.root, m)
	return nil
}

// known returns item without the unknown attributes that are not kept (a copy when there are
// any), recording those ErrorUnknown refuses in w.
func (s *core) known(w *writer, item map[string]types.AttributeValue) map[string]types.AttributeValue {
	src := item
	copied := false
	for k, av := range item {
		if a := s.root.byName[k]; a != nil && a.name == k {
			continue
		}
		if !copied {
			src, copied = make(map[string]types.AttributeValue, len(item)), true
			for k2, v2 := range item {
				src[k2] = v2
			}
		}
		if kept, ok := w.unknownAV(nil, k, av); ok {
			src[k] = kept
		} else {
			delete(src, k)
		}
	}
	return src
}

func (s *core) decodeStruct(item map[string]types.AttributeValue, out any, n *node) error {
	var raw map[string]types.AttributeValue
	for _, a := range s.fromDynamoAttrs {
		if _, ok := item[a.name]; ok {
			if raw == nil {
				raw = make(map[string]types.AttributeValue, len(item))
				for k, v := range item {
					raw[k] = v
				}
			}
			delete(raw, a.name)
		}
	}
	src := item
	if raw != nil {
		src = raw
	}
	if err := s.unmarshal(src, out); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	for _, a := range s.fromDynamoAttrs {
		if av, ok := item[a.name]; ok {
			v, err := a.fromDynamo(av)
			if err != nil {
				return fmt.Errorf("schema: fromDynamo of %q: %w", a.name, err)
			}
			if err := n.set(a, v); err != nil {
				return fmt.Errorf("schema: fromDynamo of %q: %w", a.name, err)
			}
		}
	}
	return nil
}

// afterRead runs the get transforms and the item getters.
func (s *core) afterRead(w *writer, n *node, out any) error {
	w.run(s.root, n, phaseGet, nil)
	if err := w.failed(); err != nil {
		return err
	}
	for _, f := range s.getters {
		if err := f.f(out); err != nil {
			return fmt.Errorf("schema: item getter: %w", err)
		}
	}
	return nil
}

// Expired reports whether item holds an expiry time that has passed, for a schema with
// [HideExpired]. Query and scan results are filtered with it.
func (s *core) Expired(item map[string]types.AttributeValue) bool {
	if s.expires == nil || !s.exp.hide {
		return false
	}
	n, ok := item[s.expires.name].(*types.AttributeValueMemberN)
	if !ok {
		return false
	}
	secs, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		return false
	}
	return secs <= float64(s.now().Unix())
}

// decodeMap decodes a stored map with the schema of l. Unknown attributes of the item itself
// were sorted out by Read; those of nested maps are kept, dropped or refused here.
func (w *writer) decodeMap(l *level, item map[string]types.AttributeValue, path attr.Path) (map[string]any, error) {
	out := make(map[string]any, len(item))
	for k, av := range item {
		a := l.byName[k]
		if a == nil || a.name != k {
			if len(path) > 0 {
				kept, ok := w.unknownAV(pathSegments(path), k, av)
				if len(w.errs) > 0 {
					return nil, fmt.Errorf("%w: %s", ErrUnknown, w.errs[0].Path)
				}
				if !ok {
					continue
				}
				av = kept
			}
			var v any
			if err := attr.Unmarshal(av, &v); err != nil {
				return nil, fmt.Errorf("schema: %s: %w", path.Key(k), err)
			}
			out[k] = v
			continue
		}
		v, err := w.decodeValue(a, av, path)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// decodeValue decodes the stored value av of attribute a below path (a list element has no
// name: path is its own) and checks it against the schema, as the codec checks struct items: a
// stored type the attribute cannot hold is an *attr.Error naming the value's path, never data.
// NULL is read as nil for any attribute. A date is a time.Time, a set of dates a
// []time.Time, and a list's elements are decoded as its element settings say.
func (w *writer) decodeValue(a *attribute, av types.AttributeValue, path attr.Path) (any, error) {
	p := at(path, a)
	if a.fromDynamo != nil {
		v, err := a.fromDynamo(av)
		if err != nil {
			return nil, fmt.Errorf("schema: fromDynamo of %q: %w", p, err)
		}
		return v, nil
	}
	if _, null := av.(*types.AttributeValueMemberNULL); null {
		return nil, nil
	}
	got := attr.TypeOf(av)
	switch {
	case a.anyType:
	case a.date:
		// The codec reads both N and ISO text, whatever the storage, and refuses the rest.
		var t time.Time
		if err := attr.UnmarshalWith(av, &t, a.opts); err != nil {
			return nil, decodeError(p, err)
		}
		return t, nil
	case a.dates && (got == attr.NS || got == attr.SS):
		var ts []time.Time
		if err := attr.UnmarshalWith(av, &ts, a.opts); err != nil {
			return nil, decodeError(p, err)
		}
		return ts, nil
	case got != a.typ:
		return nil, typeError(p, got, a)
	case a.child != nil:
		return w.decodeMap(a.child, av.(*types.AttributeValueMemberM).Value, p)
	case a.elem != nil:
		l := av.(*types.AttributeValueMemberL).Value
		list := make([]any, len(l))
		for i, e := range l {
			v, err := w.decodeValue(a.elem, e, p.Index(i))
			if err != nil {
				return nil, err
			}
			list[i] = v
		}
		return list, nil
	}
	var v any
	if err := attr.UnmarshalWith(av, &v, a.opts); err != nil {
		return nil, decodeError(p, err)
	}
	return v, nil
}

// checkConstants refuses a stored item whose constant attributes hold another value, as
// Dynamoose's read refuses it (a constant is a type there): an *attr.Error wrapping
// attr.ErrType with the attribute's path. An absent or NULL constant is left to the read.
func checkConstants(l *level, item map[string]types.AttributeValue, path attr.Path) error {
	for _, a := range l.attrs {
		av, ok := item[a.name]
		if !ok {
			continue
		}
		if _, null := av.(*types.AttributeValueMemberNULL); null {
			continue
		}
		if a.hasConst {
			if a.constAV == nil || !reflect.DeepEqual(av, a.constAV) {
				got := reflect.New(reflect.TypeOf(a.constant))
				if attr.UnmarshalWith(av, got.Interface(), a.opts) != nil || !validate.Equal(got.Elem().Interface(), a.constant) {
					return fmt.Errorf("schema: %w", &attr.Error{Op: "unmarshal", Path: path.Key(a.name).String(), DynamoType: attr.TypeOf(av),
						Err: fmt.Errorf("%w: the schema declares the constant %v", attr.ErrType, a.constant)})
				}
			}
			continue
		}
		if sub := a.child; sub != nil {
			if m, ok := av.(*types.AttributeValueMemberM); ok {
				if err := checkConstants(sub, m.Value, path.Key(a.name)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// encodeConstants encodes, once, the Constant of each attribute of l and the map levels
// below it, for reads to compare stored values with; it reports whether there is any.
func encodeConstants(l *level, depth int) bool {
	if l == nil || depth > maxBoundDepth {
		return false
	}
	found := false
	for _, a := range l.attrs {
		if a.hasConst {
			if av, err := encodeSingle(a, a.constant); err == nil {
				a.constAV = av
			}
			found = true
		}
		if encodeConstants(a.child, depth+1) {
			found = true
		}
	}
	return found
}

// typeError is the error of a stored value of type got at path p, which attribute a cannot
// hold: an *attr.Error, as the codec reports a mismatch in a struct item.
func typeError(p attr.Path, got attr.Type, a *attribute) error {
	want := a.typ.String()
	if a.dates {
		want = "a set of " + a.opts.Time.String() + " dates"
	}
	return fmt.Errorf("schema: %w", &attr.Error{Op: "unmarshal", Path: p.String(), DynamoType: got,
		Err: fmt.Errorf("%w: the schema declares %s", attr.ErrType, want)})
}

// decodeError gives a codec error met decoding the value at p the path of that value.
func decodeError(p attr.Path, err error) error {
	var ae *attr.Error
	if errors.As(err, &ae) {
		ae.Path = docPath(p.String(), ae.Path)
	}
	return fmt.Errorf("schema: %w", err)
}

// loose reports whether the Go type of a struct schema's attribute does not check its stored
// values: an interface field, or a stored-only attribute, with a declared type.
func (a *attribute) loose() bool {
	return !a.anyType && a.fromDynamo == nil && (a.goType == nil || deref(a.goType).Kind() == reflect.Interface)
}

// markLoose sets l.loose, and that of the levels below it, and returns it: whether l or a
// level below holds a loose attribute.
func markLoose(l *level, depth int) bool {
	if l == nil || depth > maxBoundDepth {
		return false
	}
	for _, a := range l.attrs {
		if markLoose(a.sub(), depth+1) || a.loose() {
			l.loose = true
		}
	}
	return l.loose
}

// checkLoose checks the stored values of the loose attributes of a struct item (see loose)
// against the schema, as decodeValue checks a map item; the codec checks the others. It
// descends only into the values of levels that hold a loose attribute.
func (w *writer) checkLoose(l *level, item map[string]types.AttributeValue, path attr.Path) error {
	for k, av := range item {
		a := l.byName[k]
		if a == nil || a.name != k {
			continue
		}
		switch {
		case a.loose():
			if _, err := w.decodeValue(a, av, path); err != nil {
				return err
			}
		case a.child != nil && a.child.loose:
			if m, ok := av.(*types.AttributeValueMemberM); ok {
				if err := w.checkLoose(a.child, m.Value, path.Key(k)); err != nil {
					return err
				}
			}
		case a.elem != nil && a.elem.child != nil && a.elem.child.loose:
			if list, ok := av.(*types.AttributeValueMemberL); ok {
				for i, e := range list.Value {
					if m, ok := e.(*types.AttributeValueMemberM); ok {
						if err := w.checkLoose(a.elem.child, m.Value, path.Key(k).Index(i)); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return nil
}

func hasAliases(l *level) bool {
	if l == nil {
		return false
	}
	for _, a := range l.attrs {
		if a.alias != "" || hasAliases(a.sub()) {
			return true
		}
	}
	return false
}

// aliased renames the attributes of m (and of its nested maps) that have an alias.
func aliased(l *level, m map[string]any) map[string]any {
	for _, a := range l.attrs {
		v, ok := m[a.name]
		if !ok {
			continue
		}
		if sub := a.sub(); sub != nil {
			switch x := v.(type) {
			case map[string]any:
				aliased(sub, x)
			case []any:
				for _, e := range x {
					if em, ok := e.(map[string]any); ok {
						aliased(sub, em)
					}
				}
			}
		}
		if a.alias != "" {
			delete(m, a.name)
			m[a.alias] = v
		}
	}
	return m
}
