package schema

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/validate"
)

// Schema is a compiled schema for items of type T: the attributes of a model with their
// settings, the table's keys and indexes, and the schema options. It is built once by [For]
// (T is a struct) or [New] (T is map[string]any), checked completely at construction, and
// safe for concurrent use. Its methods run the write and read pipelines on *T, so a model of
// another item type does not compile.
//
// The settings of the table that are not about its items (billing, stream, class, tags) are
// kept apart from the pipelines: [Schema.TableSettings] returns them.
type Schema[T any] struct {
	core     *core
	settings TableSettings
}

// core is the compiled schema without its item type: the pipelines, which take items as any
// (a *T of For[T], a map[string]any or *map[string]any of New). Schema[T] is a typed handle
// on it that forwards the methods users call; the rest of core's exported methods are the
// machinery other packages of this module read through internal/schemaview (see view.go).
type core struct {
	goType  reflect.Type // the struct type of For[T]; nil for New
	ptrType reflect.Type // *goType
	root    *level
	hash    *attribute
	rng     *attribute
	table   index.Layout
	// indexKeys are the key attributes of the secondary indexes that are not keys of the
	// table: DynamoDB refuses empty values of them as it does of the table's keys.
	indexKeys []*attribute
	templated []*attribute // the attributes computed by a Template (see template.go)
	constants bool         // a Constant is declared at some level: Read checks stored values

	created *attribute // timestamp attributes, nil when absent
	updated *attribute
	expires *attribute // the TTL attribute, nil when absent
	exp     *expiresDef

	saveAll      bool
	savePatterns [][]string
	errorUnknown bool
	unknownField bool // the struct has a field tagged unknown
	aliases      bool // some attribute has an alias: map items are read back under it
	// mapsInside: the struct's values may hold maps (or values only known at run time), so
	// an encoded item is searched for empty attribute names, which DynamoDB refuses.
	mapsInside bool
	// unknownAt is the index of the field tagged unknown. Read leaves there the stored-only
	// timestamps and TTL, which a put of the read item keeps.
	unknownAt []int

	setters    []itemFunc
	getters    []itemFunc
	validators []itemFunc
	now        func() time.Time
	lastEpoch  [2]atomic.Pointer[epochText] // the latest stamp's text, in seconds and in ms (see epochText)

	// For struct schemas: the codec of T, wrapped to take *T as any.
	marshal   func(item any) (map[string]types.AttributeValue, error)
	unmarshal func(item map[string]types.AttributeValue, out any) error
	newItem   func() any         // a new *T
	clone     func(item any) any // a new *T holding a copy of the *T item
	bound     boundFunc          // an upper bound of an item's size (see size.go); nil to measure exactly
	// readAsIs: Read can hand stored items to the codec as they are, since dropping their
	// unknown attributes first would change nothing (struct schema, no unknown field, no
	// ErrorUnknown, every attribute found by its stored name).
	readAsIs bool
	// looseFields: some attribute of the struct schema is not typed by its Go field (an
	// interface field or a stored-only attribute with a declared type), so Read checks the
	// stored values of those attributes (see checkLoose).
	looseFields bool
	// toDynamoAttrs and fromDynamoAttrs are the top-level attributes of a struct schema with
	// a field and a toDynamo (fromDynamo) conversion, which the write (read) pipeline applies
	// beside the codec; listed once so that the pipelines do not visit every attribute.
	toDynamoAttrs, fromDynamoAttrs []*attribute
}

// level is one set of attributes: the item's, or a nested map's or struct's.
type level struct {
	attrs  []*attribute
	byName map[string]*attribute // stored names, aliases and Go names
	goType reflect.Type          // the struct type at this level; nil for maps
	// steps are the compiled steps of each phase (see steps.go): the attributes', then the
	// descents into the levels below.
	steps  [numPhases][]step
	nested []*attribute // attributes whose value holds a level with steps
	loose  bool         // a struct schema's level holds, here or below, a loose attribute (see markLoose)
}

// role marks the attributes the schema options own.
type role uint8

const (
	roleNone role = iota
	roleCreated
	roleUpdated
	roleTTL
)

// attribute is one compiled attribute.
type attribute struct {
	name    string
	alias   string
	goName  string
	path    string       // dotted path of names, for messages (lists are transparent)
	index   []int        // the struct field's index in its struct; nil for map items
	goType  reflect.Type // the struct field's type; nil for map items and virtual attributes
	typ     attr.Type    // Invalid for any
	anyType bool
	date    bool
	dates   bool // a set of dates (map schemas: Type(attr.NS) or Type(attr.SS) with Date)
	// nullable: a map item's nil value is stored as NULL (see Nullable and Any).
	nullable bool
	// nullPresent: that nil counts as present for Required and Default (Nullable, where NULL
	// is one of the attribute's values); under Any it is absent, as null is to Dynamoose's
	// default and required.
	nullPresent bool
	// jsonText: the attribute is stored as JSON text (DocumentsAsJSON); no path reaches inside.
	jsonText bool
	opts     attr.Options
	virtual  bool // in a struct schema: no field, stored only
	nested   bool // inside a map or a list
	role     role

	hash, rng, required bool
	indexes             []indexDef

	defValue     any
	hasDefault   bool
	defFunc      func() any
	forceDefault bool
	constant     any
	hasConst     bool
	constAV      types.AttributeValue // the constant as stored (nil if it does not encode): reads compare with it
	combine      []*attribute
	separator    string
	feeds        []*attribute // combined attributes built from this one
	tmpl         *keyTemplate // the attribute's Template
	templates    []*attribute // template attributes this one is a part of

	enum        []any
	enumRule    validate.Rule
	enumStrings *stringEnum // the enum of a string field, for a check without boxing
	rules       []validate.Rule
	setter      func(v, prev any, hasPrev bool) (any, error)
	getter      func(v any) (any, error)
	toDynamo    func(v any) (types.AttributeValue, error)
	fromDynamo  func(av types.AttributeValue) (any, error)
	trim        bool
	lower       bool
	upper       bool

	child  *level     // the attributes of a map or struct value
	elem   *attribute // the element of a list, when it has settings or a level
	writes bool       // a write step changes this attribute or something inside it
	// zeroStored: a put stores the zero value of the struct field as a value (see
	// storesZero), which Combine joins and validators and enum check (see zeroChecked).
	zeroStored bool
	// zeroChecked: validators and enum check the zero value of the struct field (see
	// zeroChecked).
	zeroChecked bool
}

// phases of the pipelines that run per attribute, in order.
const (
	phaseType     = iota // type check of interface-typed fields (map items are checked earlier)
	phaseDefault         // default, forceDefault
	phaseSet             // set transforms, trim, lowercase, uppercase (not of combined attributes)
	phaseCombine         // constants, then combined attributes built from the stored sources
	phaseTemplate        // template keys (after the timestamps, which may be parts)
	phaseValidate        // attribute validators
	phaseRequired        // required
	phaseEnum            // enum
	phaseEmptySet        // empty sets refused (after the timestamps, before encoding)
	phaseGet             // get transforms (read)
	numPhases
)

// ErrInvalid is wrapped by the *Error of a schema that cannot be built.
var ErrInvalid = errors.New("schema: invalid schema")

// Error lists every problem found while building a schema, so that all of them can be fixed
// at once. It wraps [ErrInvalid].
type Error struct {
	Problems []string
}

func (e *Error) Error() string {
	if len(e.Problems) == 1 {
		return "schema: " + e.Problems[0]
	}
	return fmt.Sprintf("schema: %d problems: %s", len(e.Problems), strings.Join(e.Problems, "; "))
}

// Unwrap returns [ErrInvalid].
func (e *Error) Unwrap() error { return ErrInvalid }

// For builds the schema of the struct type T: one attribute per field, as package attr maps
// them (the dynamo tag gives names and storage), with the field's `validate:"..."` tag as a
// rule, plus the settings and options given in code. The schema keeps T's compiled codec; its
// pipelines take items as *T.
func For[T any](opts ...Option) (*Schema[T], error) {
	t := reflect.TypeFor[T]()
	c := newConfig(opts)
	b := &builder{cfg: c, problems: c.problems}
	if t.Kind() != reflect.Struct {
		b.problem("For needs a struct type, not %v", t)
		return nil, b.err()
	}
	codec, err := attr.For[T]()
	if err != nil {
		b.problem("%v", err)
		return nil, b.err()
	}
	s := &core{goType: t, ptrType: reflect.PointerTo(t)}
	s.marshal = func(item any) (map[string]types.AttributeValue, error) { return codec.Marshal(item.(*T)) }
	s.unmarshal = func(item map[string]types.AttributeValue, out any) error { return codec.Unmarshal(item, out.(*T)) }
	s.newItem = func() any { return new(T) }
	s.clone = func(item any) any { c := *item.(*T); return &c }
	s.root = b.structLevel(t, codec.Fields(), "", map[reflect.Type]bool{t: true})
	for _, f := range codec.Fields() {
		if f.Options.Unknown {
			s.unknownField, s.unknownAt = true, f.Index
		}
	}
	s.mapsInside = s.unknownField || holdsMaps(t, map[reflect.Type]bool{})
	if _, err := b.finish(s); err != nil {
		return nil, err
	}
	s.bound = s.itemBound()
	s.readAsIs = !s.errorUnknown && !s.unknownField && storedNamesResolve(s.root)
	s.looseFields = markLoose(s.root, 0)
	for _, a := range s.root.attrs {
		if a.virtual {
			continue
		}
		if a.toDynamo != nil {
			s.toDynamoAttrs = append(s.toDynamoAttrs, a)
		}
		if a.fromDynamo != nil {
			s.fromDynamoAttrs = append(s.fromDynamoAttrs, a)
		}
	}
	return &Schema[T]{core: s, settings: c.tableSettings()}, nil
}

// storedNamesResolve reports whether every attribute of l is found under its stored name.
func storedNamesResolve(l *level) bool {
	for _, a := range l.attrs {
		if l.byName[a.name] != a {
			return false
		}
	}
	return true
}

// New builds a schema for items held as map[string]any, from attribute definitions ([Attr],
// each with a type setting) and schema options. Its pipelines take and decode items as
// *map[string]any. A map item may use an attribute's [Alias] as its key.
func New(opts ...Option) (*Schema[map[string]any], error) {
	c := newConfig(opts)
	b := &builder{cfg: c, problems: c.problems}
	s := &core{}
	s.root = b.defsLevel(c.defs, "", false)
	if _, err := b.finish(s); err != nil {
		return nil, err
	}
	return &Schema[map[string]any]{core: s, settings: c.tableSettings()}, nil
}

// Must returns s, or panics with err. Use it only for package-level variables, as
// template.Must.
func Must[T any](s *Schema[T], err error) *Schema[T] {
	if err != nil {
		panic(err)
	}
	return s
}

func newConfig(opts []Option) *config {
	c := &config{billing: index.Provisioned(1, 1)}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	return c
}

// itemType returns the Go type of the schema's items: the struct type given to [For], or
// map[string]any for [New].
func (s *core) itemType() reflect.Type {
	if s.goType == nil {
		return reflect.TypeFor[map[string]any]()
	}
	return s.goType
}

// Layout returns the table's key schema and secondary indexes.
func (s *core) Layout() index.Layout { return s.table.Clone() }

// TTL returns the attribute DynamoDB's time to live reads, when the schema has [Expires].
func (s *core) TTL() (attribute string, ok bool) {
	if s.expires == nil {
		return "", false
	}
	return s.expires.name, true
}

// HidesExpired reports whether reads treat items whose expiry time has passed as absent
// ([Expires] with [HideExpired]), so that queries and scans must filter them out.
func (s *core) HidesExpired() bool { return s.expires != nil && s.exp.hide }

// Now returns the current time as the schema sees it: from [Clock] when given, else
// time.Now. Timestamps and expiry use it; so should filters that compare with them.
func (s *core) Now() time.Time { return s.now() }

// HashKey returns the name of the table's hash key attribute.
func (s *core) HashKey() string { return s.hash.name }

// RangeKey returns the name of the table's range key attribute, or "" when there is none.
func (s *core) RangeKey() string {
	if s.rng == nil {
		return ""
	}
	return s.rng.name
}

// Attributes returns the stored names of the item's attributes, in schema order: struct
// fields first, then attributes that exist only in stored items (timestamps, the TTL,
// combined attributes without a field).
func (s *core) Attributes() []string {
	names := make([]string, len(s.root.attrs))
	for i, a := range s.root.attrs {
		names[i] = a.name
	}
	return names
}
