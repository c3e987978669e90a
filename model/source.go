package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/expr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
)

// source is what queries and scans read from, without the item type: one model's items, or
// a table shared by several models (see [Table]). It builds the requests; decoding the items
// is left to the caller.
type source struct {
	db        DB
	table     string // the stored name
	tbl       index.Layout
	keys      []string // the table's key attribute names
	enc       valueEncoder
	extra     []attr.Path // attributes every projection reads: expiry times, entity attributes
	cursorKey []byte
	parallel  int
	// own is the filter a source adds to every query and scan of the index named (""
	// for the table): the expiry filter, the entity filter.
	own func(index string) Condition
	// needs lists the attributes own filters on, which an index must project to be read;
	// needsWhy says why, for messages ("the model hides expired items by \"ttl\"").
	needs    []string
	needsWhy string
	// attrs lists the top-level attributes of the model's items, to tell a read of an index
	// that does not project them all (nil for a Table, whose items are of several models).
	attrs []string
	// entities lists, for a Table, the top-level attributes of each model's items, for the
	// same purpose.
	entities []entityAttrs
}

// entityAttrs is the top-level attributes of the items of one model of a Table.
type entityAttrs struct {
	label string // as tableEntity's
	attrs []string
}

// keyNames returns the key attributes of the table and of the index read, which make up a
// page's last evaluated key.
func (s *source) keyNames(indexName string) []string {
	names := append([]string(nil), s.keys...)
	if ix, ok := s.tbl.Index(indexName); ok {
		for _, k := range ix.Keys.All() {
			if k.Name != "" && !slices.Contains(names, k.Name) {
				names = append(names, k.Name)
			}
		}
	}
	return names
}

// keyTypes returns the key attributes names with their types, as the table and its indexes
// declare them.
func (s *source) keyTypes(names []string) []index.Key {
	attrs := s.tbl.Attributes()
	out := make([]index.Key, len(names))
	for i, n := range names {
		out[i] = index.Key{Name: n}
		for _, k := range attrs {
			if k.Name == n {
				out[i].Type = k.Type
				break
			}
		}
	}
	return out
}

// projection renders paths into b, adding the source's extra attributes (so that expired
// items and entity types can still be recognized). It returns nil when no projection was
// asked for.
func (s *source) projection(op string, b *expr.Builder, paths []string) (*string, error) {
	return s.indexProjection(op, b, paths, "")
}

// indexProjection is projection for a read of the index named (the table for ""): the
// extra attributes the index does not project are left out, since DynamoDB refuses them. A
// path that names no attribute, an empty one, and paths that overlap are an *InputError of op.
func (s *source) indexProjection(op string, b *expr.Builder, paths []string, indexName string) (*string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	ps := make([]attr.Path, 0, len(paths)+len(s.extra))
	for _, p := range paths {
		sp, err := s.enc.path(p)
		if err != nil {
			return nil, &InputError{Op: op, Err: fmt.Errorf("Project(%q): %w", p, err)}
		}
		ps = append(ps, sp)
	}
	ix, isIndex := s.tbl.Index(indexName)
	for _, x := range s.extra {
		if !containsPath(ps, x) && (!isIndex || s.tbl.Projects(ix, x[0].Name)) {
			ps = append(ps, x)
		}
	}
	e, err := b.Projection(ps...)
	if err != nil {
		return nil, &InputError{Op: op, Err: fmt.Errorf("Project(%s): %w", quoteAll(paths), err)}
	}
	return aws.String(e), nil
}

// quoteAll writes ss as Go strings separated by commas, as a call would list them.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func containsPath(ps []attr.Path, p attr.Path) bool {
	for _, q := range ps {
		if q.String() == p.String() {
			return true
		}
	}
	return false
}

// projectionWithKeys renders a projection of a read of the index named (the table for "")
// that also holds the key attributes, so that a page can end on any item.
func (s *source) projectionWithKeys(op string, b *expr.Builder, paths []string, keyNames []string, indexName string) (*string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	return s.indexProjection(op, b, append(append([]string(nil), paths...), keyNames...), indexName)
}

// unprojected returns the first attribute the source's own filter needs that the index
// named does not project, or "" when it projects them all (or is the table).
func (s *source) unprojected(indexName string) string {
	ix, ok := s.tbl.Index(indexName)
	if !ok {
		return ""
	}
	for _, a := range s.needs {
		if !s.tbl.Projects(ix, a) {
			return a
		}
	}
	return ""
}

// unprojectedFits reports whether an index (the one named, else any) has its hash key
// among equal but lacks an attribute the source's own filter needs: whether that is why
// no index fits a query.
func (s *source) unprojectedFits(equal []string, named string) bool {
	for _, ix := range s.tbl.Indexes {
		allEqual := !slices.ContainsFunc(ix.Keys.HashKeys(), func(k index.Key) bool { return !slices.Contains(equal, k.Name) })
		if (named == "" || ix.Name == named) && allEqual && s.unprojected(ix.Name) != "" {
			return true
		}
	}
	return false
}

// checkFilterProjected refuses a filter c of a read of the global index named when it reads
// an attribute the index does not project: a GSI holds only what it projects, so the filter
// would see the attribute as absent and silently match nothing (or the server refuses the
// request). It names the projection and how to fix it. A local index is left alone:
// DynamoDB fetches what it does not project from the table.
func (s *source) checkFilterProjected(op, indexName string, c Condition) error {
	ix, ok := s.tbl.Index(indexName)
	if !ok || !ix.Global || ix.Projection.Kind() == index.ProjectAll || c.IsZero() {
		return nil
	}
	var missing string
	for name := range c.topNames(s.enc) {
		if !s.tbl.Projects(ix, name) {
			missing = name
			break
		}
	}
	if missing == "" {
		return nil
	}
	proj := string(ix.Projection.Kind()) + " (the keys only)"
	if ix.Projection.Kind() == index.ProjectInclude {
		proj = "INCLUDE (the keys and " + strings.Join(ix.Projection.Attributes, ", ") + ")"
	}
	return inputError(op, "the filter reads %q, which global index %q does not project: its projection is %s; "+
		"project %q into the index, or read the table", missing, ix.Name, proj, missing)
}

// condition renders c into b, or returns nil for the zero Condition.
func (s *source) condition(b *expr.Builder, c Condition) (*string, error) {
	if c.IsZero() {
		return nil, nil
	}
	ec, err := c.build(s.enc)
	if err != nil {
		return nil, err
	}
	e, err := b.Condition(ec)
	if err != nil {
		return nil, &ConditionError{Condition: c.String(), Err: err}
	}
	return aws.String(e), nil
}

// ownFilter returns the source's own filter for the index named.
func (s *source) ownFilter(indexName string) Condition {
	if s.own == nil {
		return Condition{}
	}
	return s.own(indexName)
}

// expiredFilter is the server-side filter that hides the expired items of a schema that
// hides them, so that limits and counts see only live ones: an item with no expiry time, or
// one in the future. "Now" is the schema's clock, the one that set the expiry times and that
// Read checks them with.
func expiredFilter(s expiry) Condition {
	if !s.HidesExpired() {
		return Condition{}
	}
	ttl, _ := s.TTL()
	now := &types.AttributeValueMemberN{Value: strconv.FormatInt(s.Now().Unix(), 10)}
	return Or(Where(ttl).NotExists(), Condition{&cnode{op: cCompare, path: ttl, cmp: expr.GT, values: []any{rawValue{now}}}})
}

// expiredOnly is the condition that an item has expired, for a schema that hides expired
// items (the zero Condition otherwise): its expiry time is now or earlier, as Read decides.
func expiredOnly(s expiry) Condition {
	if !s.HidesExpired() {
		return Condition{}
	}
	ttl, _ := s.TTL()
	now := &types.AttributeValueMemberN{Value: strconv.FormatInt(s.Now().Unix(), 10)}
	return Condition{&cnode{op: cCompare, path: ttl, cmp: expr.LE, values: []any{rawValue{now}}}}
}

// expiry is what the conditions on expired items read of a schema; every schemaview.View
// is one.
type expiry interface {
	HidesExpired() bool
	TTL() (attribute string, ok bool)
	Now() time.Time
}

// paths is what an encoder reads of a schema; every schemaview.View is one.
type paths interface {
	Path(path string) (attr.Path, error)
	Value(path string, v any) (types.AttributeValue, error)
	TypeAt(path string) (attr.Type, error)
	Templates() []schemaview.KeyTemplate
}

// rawValue is a value already encoded, for conditions the model writes itself.
type rawValue struct{ av types.AttributeValue }

// encoder encodes the values of conditions through a schema. The entity attribute of a
// model (see [WithEntity]), which the schema need not declare, is resolved as it is.
type encoder struct {
	s      paths
	entity string // the entity attribute when the schema does not declare it
}

func (e encoder) path(p string) (attr.Path, error) {
	if p == e.entity && e.entity != "" {
		return attr.Path{{Name: p}}, nil
	}
	return e.s.Path(p)
}

func (e encoder) value(p string, v any) (types.AttributeValue, error) {
	if p == e.entity && e.entity != "" {
		if _, ok := v.(string); !ok {
			return nil, fmt.Errorf("the entity attribute %q holds strings, not %T", p, v)
		}
		return attr.Marshal(v)
	}
	return e.s.Value(p, v)
}

func (e encoder) typeAt(p string) attr.Type {
	if p == e.entity && e.entity != "" {
		return attr.S
	}
	t, _ := e.s.TypeAt(p)
	return t
}

// element encodes an element of a set (the schema's Value does that) or of a list (the value of
// the list's first element).
func (e encoder) element(p string, v any) (types.AttributeValue, error) {
	av, err := e.value(p, v)
	if err == nil {
		return av, nil
	}
	if av, err2 := e.value(p+"[0]", v); err2 == nil {
		return av, nil
	}
	return nil, err
}

// encoders resolves paths through the first of several encoders that knows them, for a
// table shared by several models: key attributes are common to all, other attributes are
// encoded as the first model declaring them stores them.
type encoders []valueEncoder

func (es encoders) pick(p string) (valueEncoder, attr.Path, error) {
	var first error
	for _, e := range es {
		sp, err := e.path(p)
		if err == nil {
			return e, sp, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, nil, first
}

func (es encoders) path(p string) (attr.Path, error) {
	_, sp, err := es.pick(p)
	return sp, err
}

func (es encoders) value(p string, v any) (types.AttributeValue, error) {
	if isTemplateValue(v) && len(es) > 1 {
		return nil, fmt.Errorf("%q of a table shared by several models may have a template in each: give its text, or query one model", p)
	}
	e, _, err := es.pick(p)
	if err != nil {
		return nil, err
	}
	return e.value(p, v)
}

func (es encoders) typeAt(p string) attr.Type {
	e, _, err := es.pick(p)
	if err != nil {
		return attr.Invalid
	}
	return e.typeAt(p)
}

func (es encoders) element(p string, v any) (types.AttributeValue, error) {
	e, _, err := es.pick(p)
	if err != nil {
		return nil, err
	}
	return e.element(p, v)
}
