package schema

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// Errors of the pipelines that callers branch on. Refused items and updates are reported as a
// *validate.Error (errors.Is(err, validate.ErrInvalid)).
var (
	// ErrItemType: an item is nil, or not of the schema's item type. The methods of Schema[T]
	// take *T, so only a nil item or an item given to [Previous] (which takes any) can be of
	// the wrong type.
	ErrItemType = errors.New("schema: wrong item type")
	// ErrItemTooLarge: the encoded item is over DynamoDB's 400 KB limit.
	ErrItemTooLarge = errors.New("schema: item over 400 KB")
	// ErrExpired: Read found an item whose expiry time has passed, with HideExpired: treat it
	// as absent.
	ErrExpired = errors.New("schema: item expired")
	// ErrUnknown: a stored item holds an attribute the schema does not know, with ErrorUnknown.
	ErrUnknown = errors.New("schema: unknown attribute")
	// ErrEmptyUpdate: an update without changes.
	ErrEmptyUpdate = errors.New("schema: update without changes")
)

// MaxItemSize is DynamoDB's limit on the size of an item, in bytes.
const MaxItemSize = 400 * 1024

// WriteOption is a per-call option of [Schema.Put], [Schema.Create] and [Schema.Update].
type WriteOption func(*writeOptions)

type writeOptions struct {
	prev    any
	hasPrev bool
}

// Previous gives the item as it is stored now (a *T, or a map[string]any), when the caller
// knows it: setters then receive the previous value of their attribute.
func Previous(item any) WriteOption {
	return func(o *writeOptions) { o.prev, o.hasPrev = item, item != nil }
}

// writer is the state of one run of a pipeline.
type writer struct {
	s    *core
	errs []*validate.FieldError
	prev *node // the previously stored item, or nil
	now  time.Time
	// stamps are times of stored-only attributes of a struct item (updatedAt without a
	// field), kept here rather than boxed in the node and encoded as epoch numbers.
	stamps  [3]stamp
	nstamps int
	// The bound of a struct item's size (see bounded), computed once.
	boundDone, boundOK bool
	boundSize          int
	// compared: values are encoded for a comparison (core.Value, which model reaches through
	// internal/schemaview), as given: an empty value stays itself rather than becoming NULL
	// under nullempty.
	compared bool
}

type stamp struct {
	a *attribute
	t time.Time
}

func (w *writer) fail(path attr.Path, a *attribute, rule string, v any, err error) {
	p, v, err := elementAt(pathOf(path, a), v, err) // a list element's refusal names the element
	w.errs = append(w.errs, &validate.FieldError{Path: p, Rule: rule, Value: v, Err: err})
}

// blocked reports whether the failures from position from on include one that stops the
// pipeline: anything but an unknown attribute.
func (w *writer) blocked(from int) bool {
	for _, f := range w.errs[from:] {
		if f.Rule != "unknown" {
			return true
		}
	}
	return false
}

func (w *writer) failed() error {
	if len(w.errs) == 0 {
		return nil
	}
	return &validate.Error{Fields: w.errs}
}

func pathOf(path attr.Path, a *attribute) string {
	if len(path) == 0 {
		return a.name
	}
	return at(path, a).String()
}

// at returns the path of attribute a below path: path itself for a list element, which has
// no name of its own.
func at(path attr.Path, a *attribute) attr.Path {
	if a.name == "" {
		return path
	}
	return path.Key(a.name)
}

// Put runs the write pipeline for a put and returns the item to send. item is a *T for a
// schema built by For[T], or a map[string]any (or *map[string]any) for New; it is never
// modified. [Schema.Put] is its typed form. The steps, in order: unknown attributes, type check, defaults,
// set transforms with trim/lowercase/uppercase, timestamps (createdAt only when the item has
// none) and expiry, constants and combined attributes (built from the sources as stored),
// [Template] keys, then attribute validators and item validators, required and enum (which
// see the item as it is to be stored), encoding, and the checks of keys and size. A refused item is
// reported as a *validate.Error listing every failing attribute; nothing is to be sent then.
func (s *core) Put(item any, opts ...WriteOption) (map[string]types.AttributeValue, error) {
	return s.write(item, false, opts)
}

// Create is [Schema.Put] for a new item: createdAt is set to now even when the item has one.
// The caller adds the condition that the item does not exist.
func (s *core) Create(item any, opts ...WriteOption) (map[string]types.AttributeValue, error) {
	return s.write(item, true, opts)
}

// write runs the write pipeline.
func (s *core) write(item any, create bool, opts []WriteOption) (map[string]types.AttributeValue, error) {
	w := writer{s: s}
	if err := w.options(opts); err != nil {
		return nil, err
	}
	var n node
	if s.goType != nil {
		var err error
		if n, err = w.structItem(item); err != nil {
			return nil, err
		}
	} else {
		m, ok := asMap(item)
		if !ok {
			return nil, fmt.Errorf("%w: got %T, want map[string]any", ErrItemType, item)
		}
		if len(s.setters) > 0 {
			m = maps.Clone(m)
			for _, f := range s.setters {
				if err := f.f(&m); err != nil {
					return nil, fmt.Errorf("schema: item setter: %w", err)
				}
			}
		}
		n = mapNode(w.prepareMap(s.root, m, nil))
		if w.blocked(0) {
			return nil, w.failed()
		}
	}
	if err := w.steps(&n, create); err != nil {
		return nil, err
	}
	if err := w.failed(); err != nil {
		return nil, err
	}
	w.run(s.root, &n, phaseEmptySet, nil) // the codec would leave them out
	if err := w.failed(); err != nil {
		return nil, err
	}
	out, err := w.encode(&n)
	if err != nil {
		return nil, refused(err)
	}
	if err := w.checkItem(&n, out); err != nil {
		return nil, err
	}
	return out, nil
}

// structItem returns the node of the struct item (a *T) the pipeline works on, after the item
// setters: the caller's item is never modified. Without setters, the node reads the caller's
// item until a step first writes to it, which copies it then (see node.writable); with
// setters, which may change anything, the item and every container of nested attributes are
// copied first.
func (w *writer) structItem(item any) (node, error) {
	s := w.s
	rv := reflect.ValueOf(item)
	if reflect.TypeOf(item) != s.ptrType || rv.IsNil() {
		return node{}, fmt.Errorf("%w: got %T, want *%v", ErrItemType, item, s.goType)
	}
	if len(s.setters) == 0 {
		n := structNode(rv.Elem())
		n.shared = s
		return n, nil
	}
	cp := s.clone(item)
	n := structNode(reflect.ValueOf(cp).Elem())
	own(s.root, &n, true)
	for _, f := range s.setters {
		if err := f.f(cp); err != nil {
			return node{}, fmt.Errorf("schema: item setter: %w", err)
		}
	}
	return n, nil
}

// steps runs the steps of every phase on n, and the item validators. The error is that of a
// step that stops the pipeline; the other failures are left in w.errs.
//
// Every value is computed before anything is checked: defaults, set transforms, timestamps
// and expiry, constants and combined attributes (from the sources as stored, timestamps
// included), then [Template] keys. The validators, item validators, required and
// enum then see the item as it is to be stored.
func (w *writer) steps(n *node, create bool) error {
	s := w.s
	// Failures of these steps stop the pipeline: later steps would see values of the wrong
	// type, or values the setter did not produce. Unknown attributes (already dropped) do not.
	for _, ph := range []int{phaseType, phaseDefault, phaseSet, phaseCombine, phaseTemplate} {
		before := len(w.errs)
		if ph == phaseCombine {
			w.times(n, create) // a timestamp may be combined or a template's part
		}
		w.run(s.root, n, ph, nil)
		if len(w.errs) > before {
			return w.failed()
		}
	}
	w.run(s.root, n, phaseValidate, nil)
	for _, f := range s.validators {
		var err error
		if n.kind == kindStruct {
			n.writable() // an item validator gets the pipeline's copy, which it may change
			err = f.f(n.v.Addr().Interface())
		} else {
			// Through a copy of the map header, so that n itself stays on the stack.
			m := n.m
			err = f.f(&m)
			n.m = m
		}
		if err != nil {
			w.errs = append(w.errs, &validate.FieldError{Rule: "item", Err: err})
		}
	}
	w.run(s.root, n, phaseRequired, nil)
	w.run(s.root, n, phaseEnum, nil)
	return nil
}

func (w *writer) options(opts []WriteOption) error {
	if len(opts) == 0 {
		return nil
	}
	var o writeOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if !o.hasPrev {
		return nil
	}
	if w.s.goType != nil {
		rv := reflect.ValueOf(o.prev)
		if rv.Kind() != reflect.Pointer || rv.Type().Elem() != w.s.goType || rv.IsNil() {
			return fmt.Errorf("%w: previous item is %T, want *%v", ErrItemType, o.prev, w.s.goType)
		}
		prev := structNode(rv.Elem())
		w.prev = &prev
		return nil
	}
	m, ok := asMap(o.prev)
	if !ok {
		return fmt.Errorf("%w: previous item is %T, want map[string]any", ErrItemType, o.prev)
	}
	prev := mapNode(w.renameAliases(w.s.root, m))
	w.prev = &prev
	return nil
}

func asMap(item any) (map[string]any, bool) {
	switch m := item.(type) {
	case map[string]any:
		return m, m != nil
	case *map[string]any:
		if m != nil && *m != nil {
			return *m, true
		}
	}
	return nil, false
}

// renameAliases returns m keyed by stored names.
func (w *writer) renameAliases(l *level, m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if a := l.byName[k]; a != nil {
			k = a.name
		}
		out[k] = v
	}
	return out
}

// prepareMap copies a map item (or nested map) for the pipeline: aliases become stored names,
// unknown attributes are kept, dropped or refused, and known ones are type-checked. Nested
// maps with a schema are prepared the same way.
func (w *writer) prepareMap(l *level, m map[string]any, path attr.Path) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		a := l.byName[k]
		if a == nil || (a.goName == k && a.name != k && a.alias != k) {
			w.unknownValue(out, path, k, v)
			continue
		}
		if _, dup := out[a.name]; dup && a.alias != "" {
			w.fail(path, a, "alias", v, fmt.Errorf("both %q and its alias %q are given", a.name, a.alias))
			continue
		}
		v = a.epochTimes(a.listOf(v))
		if err := a.accepts(v); err != nil {
			w.fail(path, a, "type", v, err)
			continue
		}
		out[a.name] = w.prepareValue(a, v, path)
	}
	return out
}

// epochTimes replaces a whole number given for a date stored as a number, or for an element
// of a list of such dates, by its time (see epochTime): Dynamoose saves a Date's stored form
// as it saves a Date.
func (a *attribute) epochTimes(v any) any {
	if t, ok := a.epochTime(v); ok {
		return t
	}
	list, ok := v.([]any)
	if !ok || a.elem == nil || !a.elem.date {
		return v
	}
	var out []any
	for i, e := range list {
		if t, ok := a.elem.epochTime(e); ok {
			if out == nil {
				out = slices.Clone(list)
			}
			out[i] = t
		}
	}
	if out == nil {
		return v
	}
	return out
}

func (w *writer) prepareValue(a *attribute, v any, path attr.Path) any {
	if a.child != nil {
		if mm, ok := v.(map[string]any); ok {
			return w.prepareMap(a.child, mm, at(path, a))
		}
	}
	if a.elem != nil && a.elem.child != nil {
		var list []any
		switch v := v.(type) {
		case []any:
			list = make([]any, len(v))
			copy(list, v)
		case []map[string]any:
			list = make([]any, len(v))
			for i, m := range v {
				list[i] = m
			}
		default:
			return v
		}
		for i, e := range list {
			if mm, ok := e.(map[string]any); ok {
				list[i] = w.prepareMap(a.elem.child, mm, at(path, a).Index(i))
			} else if e != nil {
				w.fail(at(path, a).Index(i), &attribute{}, "type", e, fmt.Errorf("got %T, want map[string]any", e))
			}
		}
		return list
	}
	return v
}

// unknownValue applies the unknown-attribute policy to the value v at path.key. As in
// Dynamoose, a pattern keeps the attribute it names, not everything below it: a map or list
// it keeps is kept with only the members that some pattern keeps too, so under "address.*"
// a map address.metadata is stored empty, while "address.**" keeps it whole.
func (w *writer) unknownValue(out map[string]any, path attr.Path, key string, v any) {
	if w.s.saveAll {
		out[key] = v
		return
	}
	segs := segments(path, key)
	full, prefix := w.s.keepUnknown(segs)
	if full || prefix {
		switch c := v.(type) {
		case map[string]any:
			kept := make(map[string]any)
			for k, e := range c {
				w.unknownValue(kept, path.Key(key), k, e)
			}
			out[key] = kept
			return
		case []any:
			kept := make([]any, 0, len(c))
			for i, e := range c {
				one := make(map[string]any, 1)
				w.unknownValue(one, path.Key(key), strconv.Itoa(i), e)
				if e, ok := one[strconv.Itoa(i)]; ok {
					kept = append(kept, e)
				}
			}
			out[key] = kept
			return
		}
	}
	if full {
		out[key] = v
		return
	}
	if w.s.errorUnknown {
		w.errs = append(w.errs, &validate.FieldError{Path: path.Key(key).String(), Rule: "unknown", Value: v})
	}
}

// pathSegments returns the segments of path for saveUnknown patterns.
func pathSegments(path attr.Path) []string {
	segs := make([]string, 0, len(path))
	for _, e := range path {
		if e.IsIndex {
			segs = append(segs, strconv.Itoa(e.Index))
		} else {
			segs = append(segs, e.Name)
		}
	}
	return segs
}

func segments(path attr.Path, key string) []string {
	return append(pathSegments(path), key)
}

// keepUnknown reports whether an unknown attribute at path is kept whole (full), or may hold
// kept attributes deeper down (prefix).
func (s *core) keepUnknown(path []string) (full, prefix bool) {
	if s.saveAll {
		return true, false
	}
	for _, p := range s.savePatterns {
		f, pr := matchPattern(p, path)
		full = full || f
		prefix = prefix || pr
	}
	return full, prefix
}

// matchPattern matches a saveUnknown pattern against a path: "*" is one segment, "**" one or
// more. full: the pattern matches path; prefix: it matches something below path.
func matchPattern(p, q []string) (full, prefix bool) {
	if len(q) == 0 {
		return len(p) == 0, len(p) > 0
	}
	if len(p) == 0 {
		return false, false
	}
	switch p[0] {
	case "**":
		f1, p1 := matchPattern(p[1:], q[1:])
		f2, p2 := matchPattern(p, q[1:])
		return f1 || f2, p1 || p2
	case "*":
		return matchPattern(p[1:], q[1:])
	}
	if p[0] != q[0] {
		return false, false
	}
	return matchPattern(p[1:], q[1:])
}

// transform runs the setter, then trim, lowercase and uppercase.
func (w *writer) transform(a *attribute, v any, path attr.Path) (any, error) {
	if a.setter != nil {
		var prev any
		var hasPrev bool
		if w.prev != nil && len(path) == 0 {
			prev, hasPrev = w.prev.get(a)
		}
		nv, err := a.setter(v, prev, hasPrev)
		if err != nil {
			return nil, err
		}
		if err := a.accepts(nv); err != nil {
			return nil, fmt.Errorf("setter result: %w", err)
		}
		v = nv
	}
	if a.trim || a.lower || a.upper {
		v = a.caseString(v)
	}
	return v, nil
}

func (a *attribute) fixString(s string) string {
	if a.trim {
		s = strings.TrimSpace(s)
	}
	if a.lower {
		s = strings.ToLower(s)
	}
	if a.upper {
		s = strings.ToUpper(s)
	}
	return s
}

// caseString applies trim, lowercase and uppercase to a string or to each string of a set.
func (a *attribute) caseString(v any) any {
	switch x := v.(type) {
	case string:
		return a.fixString(x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = a.fixString(s)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			if s, ok := e.(string); ok {
				out[i] = a.fixString(s)
			} else {
				out[i] = e
			}
		}
		return out
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		c := reflect.New(rv.Type()).Elem()
		c.SetString(a.fixString(rv.String()))
		return c.Interface()
	case reflect.Pointer:
		if !rv.IsNil() && rv.Elem().Kind() == reflect.String {
			c := reflect.New(rv.Type().Elem())
			c.Elem().SetString(a.fixString(rv.Elem().String()))
			return c.Interface()
		}
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.String {
			c := reflect.MakeSlice(rv.Type(), rv.Len(), rv.Len())
			for i := range rv.Len() {
				c.Index(i).SetString(a.fixString(rv.Index(i).String()))
			}
			return c.Interface()
		}
	}
	return v
}

// combined builds the value of a combined attribute from its sources in n, as the sources
// are there (after their set transforms, on every route); ok is false when none is present.
// A constant source is its constant, whether or not n holds it yet, and a timestamp kept
// aside by setTime is found (see partValue).
func (w *writer) combined(a *attribute, n *node) (s string, ok bool, err error) {
	var b strings.Builder
	for _, src := range a.combine {
		v, present := w.partValue(src, n)
		if !present {
			if v, present = n.storedZero(src); !present {
				continue
			}
		}
		text, err := combineText(src, v)
		if err != nil {
			return "", false, fmt.Errorf("%s: %w", src.name, err)
		}
		if ok {
			b.WriteString(a.separator)
		}
		b.WriteString(text)
		ok = true
	}
	return b.String(), ok, nil
}

// storedText is the text of a value as it is stored: a string, a number's digits, a date in
// its storage format, true or false.
func storedText(a *attribute, v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	av, err := attr.MarshalWith(v, a.opts)
	if err != nil {
		return "", err
	}
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		return av.Value, nil
	case *types.AttributeValueMemberN:
		return av.Value, nil
	case *types.AttributeValueMemberBOOL:
		if av.Value {
			return "true", nil
		}
		return "false", nil
	}
	return "", fmt.Errorf("a %T cannot be combined into a string", v)
}

// times sets the timestamps and the expiry time.
func (w *writer) times(n *node, create bool) {
	s := w.s
	if s.created == nil && s.updated == nil && s.expires == nil {
		return
	}
	now := s.now()
	w.now = now
	if a := s.created; a != nil {
		if create || !n.has(a) && !w.keepStored(n, a) {
			w.setTime(n, a, stampTime(a, now))
		}
	}
	if a := s.updated; a != nil {
		w.setTime(n, a, stampTime(a, now))
	}
	if a := s.expires; a != nil {
		if !n.has(a) && !w.keepStored(n, a) {
			if t, ok := s.expiryFor(now); ok {
				w.setTime(n, a, t)
			}
		}
	}
}

// expiryFor returns the expiry time of an item written at now without one: DefaultExpires's
// answer when given, else now plus the ttl. ok is false when the item is not to expire.
func (s *core) expiryFor(now time.Time) (t time.Time, ok bool) {
	if s.exp.defaultFor != nil {
		return s.exp.defaultFor(now)
	}
	return now.Add(s.exp.ttl), true
}

// keepStored reports whether the struct item in n holds the time of the stored-only
// attribute a in its field tagged unknown, where Read leaves it, and if so sets that time
// (in a's format), so that a put of a read item keeps its createdAt and expiry. A value there
// that is not a time is refused.
func (w *writer) keepStored(n *node, a *attribute) bool {
	if n.kind != kindStruct || !a.virtual || w.s.unknownAt == nil {
		return false
	}
	f, err := n.v.FieldByIndexErr(w.s.unknownAt)
	if err != nil || !f.CanInterface() {
		return false
	}
	var v any
	switch m := f.Interface().(type) {
	case map[string]any:
		v = m[a.name]
	case map[string]types.AttributeValue:
		if av, ok := m[a.name]; ok && av != nil {
			v = av
		}
	}
	if v == nil {
		return false
	}
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *types.AttributeValueMemberNULL:
		return false
	default:
		av, ok := v.(types.AttributeValue)
		if !ok {
			if av, err = attr.MarshalWith(v, a.opts); err != nil {
				w.fail(nil, a, "type", v, err)
				return true
			}
		}
		if err := attr.UnmarshalWith(av, &t, a.opts); err != nil {
			w.fail(nil, a, "type", v, err)
			return true
		}
	}
	if t.IsZero() {
		return false
	}
	w.setTime(n, a, t)
	return true
}

// setTime sets the time of a in n. A stored-only attribute of a struct item kept as an
// epoch number is kept aside, to be encoded without boxing.
func (w *writer) setTime(n *node, a *attribute, t time.Time) {
	if n.kind == kindStruct && a.virtual && a.toDynamo == nil && a.typ == attr.N && w.nstamps < len(w.stamps) &&
		(a.opts.Time == attr.TimeMillis || a.opts.Time == attr.TimeSeconds) {
		w.stamps[w.nstamps] = stamp{a, t}
		w.nstamps++
		return
	}
	n.setTime(a, t)
}

// stampValue encodes a time kept by setTime with attr's epoch of a's format (seconds are
// rounded there, as the codec stores a time field).
func (s *core) stampValue(st stamp) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: s.epochText(st.a.opts.Time, st.a.opts.Time.Epoch(st.t))}
}

// epochText returns the decimal text of the epoch number n, in the unit of f (TimeSeconds or
// TimeMillis, the stamps setTime keeps). The text of the latest one per unit is kept for the
// writes that follow within the same second (or millisecond), which stamp the same number:
// strings are immutable, so items can share it. One per unit, so that createdAt in seconds
// and updatedAt in milliseconds do not replace each other's text on every put.
func (s *core) epochText(f attr.TimeFormat, n int64) string {
	last := &s.lastEpoch[0]
	if f == attr.TimeMillis {
		last = &s.lastEpoch[1]
	}
	if e := last.Load(); e != nil && e.n == n {
		return e.text
	}
	text := strconv.FormatInt(n, 10)
	last.Store(&epochText{n: n, text: text})
	return text
}

// epochText is an epoch number and its decimal text.
type epochText struct {
	n    int64
	text string
}

// encode encodes the item after the pipeline's steps.
func (w *writer) encode(n *node) (map[string]types.AttributeValue, error) {
	s := w.s
	switch n.kind {
	case kindStruct:
		out, err := s.marshal(n.v.Addr().Interface())
		if err != nil {
			return nil, fmt.Errorf("schema: %w", err)
		}
		for _, st := range w.stamps[:w.nstamps] {
			out[st.a.name] = s.stampValue(st)
		}
		for name, v := range n.extra {
			a := s.root.byName[name]
			av, err := encodeValue(a, v, nil)
			if err != nil {
				return nil, err
			}
			if av != nil {
				out[name] = av
			}
		}
		for _, a := range s.toDynamoAttrs {
			if v, present := n.get(a); present {
				av, err := a.toDynamo(v)
				if err != nil {
					return nil, fmt.Errorf("schema: toDynamo of %q: %w", a.name, err)
				}
				out[a.name] = av
			}
		}
		if s.unknownField {
			for k, av := range out {
				if s.root.byName[k] != nil {
					continue
				}
				kept, ok := w.unknownAV(nil, k, av)
				if ok {
					out[k] = kept
				} else {
					delete(out, k)
				}
			}
			if err := w.failed(); err != nil {
				return nil, err
			}
		}
		if _, clean := w.bounded(n); s.mapsInside && !clean {
			for k, av := range out {
				if k == "" {
					return nil, &valueError{rule: "name", err: errEmptyName}
				}
				if err := checkNames(attr.Path{{Name: k}}, av); err != nil {
					return nil, err
				}
			}
		}
		return out, nil
	case kindMap:
		return encodeMap(s.root, n.m, nil)
	}
	return nil, nil
}

// valueError is a value the codec (or a check of the encoded value) refused, at its path in
// the item.
type valueError struct {
	path string
	rule string
	err  error
}

func (e *valueError) Error() string {
	if e.path == "" {
		return "schema: " + e.err.Error()
	}
	return "schema: " + e.path + ": " + e.err.Error()
}

func (e *valueError) Unwrap() error { return e.err }

// errEmptyName: DynamoDB refuses an empty attribute name, at the top of an item and as a
// key of a map inside it.
var errEmptyName = errors.New("an attribute name or map key is empty; DynamoDB refuses empty names")

// emptyName reports whether av holds a map with an empty key, and the path of that map
// relative to av.
func emptyName(av types.AttributeValue) (attr.Path, bool) {
	switch v := av.(type) {
	case *types.AttributeValueMemberM:
		for k, e := range v.Value {
			if k == "" {
				return attr.Path{}, true
			}
			if p, ok := emptyName(e); ok {
				return append(attr.Path{{Name: k}}, p...), true
			}
		}
	case *types.AttributeValueMemberL:
		for i, e := range v.Value {
			if p, ok := emptyName(e); ok {
				return append(attr.Path{{Index: i, IsIndex: true}}, p...), true
			}
		}
	}
	return nil, false
}

// checkNames refuses the encoded value av at path when it holds an empty map key.
func checkNames(path attr.Path, av types.AttributeValue) error {
	switch av.(type) {
	case *types.AttributeValueMemberM, *types.AttributeValueMemberL:
		if p, ok := emptyName(av); ok {
			return &valueError{path: append(path[:len(path):len(path)], p...).String(), rule: "name", err: errEmptyName}
		}
	}
	return nil
}

// holdsMaps reports whether values of the Go type t may hold maps: map types, and
// interfaces and custom encodings, which are only known at run time.
func holdsMaps(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || t == timeType || t == numberType {
		return false
	}
	seen[t] = true
	if attr.KindOf(t, attr.Options{}) == attr.Invalid {
		return true
	}
	switch t.Kind() {
	case reflect.Map:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsMaps(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if holdsMaps(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// refusedValue wraps an encoding failure of the value of a at path (an *attr.Error names
// the path inside the value).
func refusedValue(path attr.Path, a *attribute, err error) error {
	return &valueError{path: pathOf(path, a), rule: "type", err: err}
}

// refused reports a value that encoding refused (NaN, a set holding a value twice, an empty
// attribute name) as a *validate.Error naming the attribute, as the type check reports a
// value of the wrong type; other errors are returned as they are.
func refused(err error) error {
	var ve *valueError
	if errors.As(err, &ve) {
		path := ve.path
		var ae *attr.Error
		if errors.As(ve.err, &ae) {
			path = docPath(path, codecPath(ae))
		}
		return &validate.Error{Fields: []*validate.FieldError{{Path: path, Rule: ve.rule, Err: err}}}
	}
	var ae *attr.Error
	if errors.As(err, &ae) && ae.Op == "marshal" {
		return &validate.Error{Fields: []*validate.FieldError{{Path: codecPath(ae), Rule: "type", Err: err}}}
	}
	return err
}

// docPath appends the document path inner (address.city, [2].qty) to the path prefix.
func docPath(prefix, inner string) string {
	switch {
	case inner == "":
		return prefix
	case prefix == "" || inner[0] == '[':
		return prefix + inner
	}
	return prefix + "." + inner
}

// codecPath is the document path of the value the codec refused: for an element of a set,
// which has no position in DynamoDB, the set's.
func codecPath(ae *attr.Error) string {
	p := ae.Path
	if ae.DynamoType.IsSet() && strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
	}
	return p
}

// unknownAV applies the unknown-attribute policy to a stored value, as unknownValue does to
// a Go value: a kept map or list keeps only the members some pattern keeps.
func (w *writer) unknownAV(path []string, key string, av types.AttributeValue) (types.AttributeValue, bool) {
	if w.s.saveAll {
		return av, true
	}
	segs := append(path[:len(path):len(path)], key)
	full, prefix := w.s.keepUnknown(segs)
	if full || prefix {
		switch c := av.(type) {
		case *types.AttributeValueMemberM:
			kept := make(map[string]types.AttributeValue)
			for k, e := range c.Value {
				if v, ok := w.unknownAV(segs, k, e); ok {
					kept[k] = v
				}
			}
			return &types.AttributeValueMemberM{Value: kept}, true
		case *types.AttributeValueMemberL:
			kept := make([]types.AttributeValue, 0, len(c.Value))
			for i, e := range c.Value {
				if v, ok := w.unknownAV(segs, strconv.Itoa(i), e); ok {
					kept = append(kept, v)
				}
			}
			return &types.AttributeValueMemberL{Value: kept}, true
		}
	}
	if full {
		return av, true
	}
	if w.s.errorUnknown {
		w.errs = append(w.errs, &validate.FieldError{Path: strings.Join(segs, "."), Rule: "unknown"})
	}
	return nil, false
}

func encodeMap(l *level, m map[string]any, path attr.Path) (map[string]types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		if k == "" {
			return nil, &valueError{path: path.String(), rule: "name", err: errEmptyName}
		}
		if !utf8.ValidString(k) {
			return nil, &valueError{path: path.Key(k).String(), rule: "name", err: fmt.Errorf("%w: attribute name %q", attr.ErrUTF8, k)}
		}
		a := l.byName[k]
		if a == nil || a.name != k {
			av, err := attr.Marshal(v)
			if err != nil {
				return nil, &valueError{path: path.Key(k).String(), rule: "type", err: err}
			}
			if v == nil {
				// An unknown attribute kept with the value nil is a NULL, as Dynamoose stores
				// null and as Get reads a NULL back: Put of what Get returned must keep it.
				av = &types.AttributeValueMemberNULL{Value: true}
			}
			if err := checkNames(path.Key(k), av); err != nil {
				return nil, err
			}
			if av != nil {
				out[k] = av
			}
			continue
		}
		av, err := encodeValue(a, v, path)
		if err != nil {
			return nil, err
		}
		if a.sub() == nil {
			if err := checkNames(path.Key(k), av); err != nil {
				return nil, err
			}
		}
		if av != nil {
			out[k] = av
		}
	}
	return out, nil
}

// encodeValue encodes the value of attribute a with its own options, as part of an item.
func encodeValue(a *attribute, v any, path attr.Path) (types.AttributeValue, error) {
	return encodeWith(a, v, path, a.opts)
}

// encodeSingle encodes a value given on its own (a key, a condition value, an update value):
// as the attribute stores it, but an empty value is encoded rather than left out, since the
// caller asked for that very value.
func encodeSingle(a *attribute, v any) (types.AttributeValue, error) {
	o := a.opts
	o.OmitEmpty = false
	return encodeWith(a, v, nil, o)
}

// encodeCompared encodes a value a condition compares with: as encodeSingle, but an empty
// value is compared as given, not as the NULL that nullempty stores for it (a condition
// on "" would otherwise ask for NULL).
func encodeCompared(a *attribute, v any) (types.AttributeValue, error) {
	o := a.opts
	o.OmitEmpty, o.NullEmpty = false, false
	return encodeWith(a, v, nil, o)
}

func encodeWith(a *attribute, v any, path attr.Path, o attr.Options) (types.AttributeValue, error) {
	if v == nil {
		if a.typ == attr.NULL || a.nullable {
			return &types.AttributeValueMemberNULL{Value: true}, nil
		}
		return nil, nil
	}
	if a.toDynamo != nil {
		av, err := a.toDynamo(v)
		if err != nil {
			return nil, fmt.Errorf("schema: toDynamo of %q: %w", pathOf(path, a), err)
		}
		return av, nil
	}
	if a.child != nil && a.goType == nil {
		if m, ok := v.(map[string]any); ok {
			mv, err := encodeMap(a.child, m, at(path, a))
			if err != nil {
				return nil, err
			}
			return &types.AttributeValueMemberM{Value: mv}, nil
		}
	}
	if a.elem != nil && a.elem.child != nil && a.goType == nil {
		if list, ok := v.([]any); ok {
			out := make([]types.AttributeValue, 0, len(list))
			for i, e := range list {
				m, ok := e.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("schema: %s: got %T, want map[string]any", at(path, a).Index(i), e)
				}
				mv, err := encodeMap(a.elem.child, m, at(path, a).Index(i))
				if err != nil {
					return nil, err
				}
				out = append(out, &types.AttributeValueMemberM{Value: mv})
			}
			return &types.AttributeValueMemberL{Value: out}, nil
		}
	}
	av, err := attr.MarshalWith(v, o)
	if err != nil {
		return nil, refusedValue(path, a, err)
	}
	return av, nil
}

// checkItem checks what DynamoDB would refuse: missing or empty keys, empty or mistyped
// values of secondary index keys (which may be absent), and the size (exactly only when the
// bound of the item in n does not show it within the limit).
func (w *writer) checkItem(n *node, out map[string]types.AttributeValue) error {
	for _, k := range []*attribute{w.s.hash, w.s.rng} {
		if k == nil {
			continue
		}
		if err := checkKey(out[k.name]); err != nil {
			w.fail(nil, k, "key", nil, err)
		}
	}
	for _, k := range w.s.indexKeys {
		if av, ok := out[k.name]; ok {
			if err := checkKey(av); err != nil {
				w.fail(nil, k, "key", nil, fmt.Errorf("%w (index key)", err))
			}
		}
	}
	if err := w.failed(); err != nil {
		return err
	}
	if w.withinLimit(n) {
		return nil
	}
	if size := ItemSize(out); size > MaxItemSize {
		return fmt.Errorf("%w: %d bytes", ErrItemTooLarge, size)
	}
	return nil
}

var (
	errNoKey    = errors.New("key attributes must be present")
	errEmptyKey = errors.New("key attributes cannot be empty")
)

func checkKey(av types.AttributeValue) error {
	switch av := av.(type) {
	case nil:
		return errNoKey
	case *types.AttributeValueMemberS:
		if av.Value == "" {
			return errEmptyKey
		}
	case *types.AttributeValueMemberB:
		if len(av.Value) == 0 {
			return errEmptyKey
		}
	case *types.AttributeValueMemberN:
	default:
		return fmt.Errorf("key attributes are S, N or B, not %v", attr.TypeOf(av))
	}
	return nil
}

// ItemSize returns the size DynamoDB counts for an item: the lengths of attribute names and
// values (numbers approximately, as DynamoDB does: one byte per two significant digits plus
// one), with the overhead of maps and lists.
func ItemSize(item map[string]types.AttributeValue) int {
	n := 0
	for k, av := range item {
		n += len(k) + valueSize(av)
	}
	return n
}

func valueSize(av types.AttributeValue) int {
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		return len(av.Value)
	case *types.AttributeValueMemberN:
		return len(av.Value)/2 + 2
	case *types.AttributeValueMemberB:
		return len(av.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range av.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range av.Value {
			n += len(s)/2 + 2
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range av.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, e := range av.Value {
			n += len(k) + valueSize(e) + 1
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range av.Value {
			n += valueSize(e) + 1
		}
		return n
	}
	return 0
}
