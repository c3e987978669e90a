package relation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/awserr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/model"
)

// Relation is a many-to-many relation between the items of two models, stored as link items
// of a third: each link holds the ID of an item of F (the From attribute) and the ID of an
// item of T (the To attribute). K is the type of both IDs, usually string. A Relation is
// safe for concurrent use.
type Relation[K comparable, F, T, L any] struct {
	from  *model.Model[F]
	to    *model.Model[T]
	links *model.Model[L]
	o     options

	fromAttr, toAttr string   // stored names of the link's ID attributes
	fromID, toID     string   // stored names of the ID attributes of F and T
	project          []string // what a listing reads of a link: the IDs and the keys
	byPartition      bool     // the forward listing queries the partition computed from the ID
	// byTemplate: the links' hash key is a schema.Template of the From attribute alone, and
	// the forward listing gives the ID as its part; linkPrefix: the links' range key is a
	// template with text before its first part, which a listing's key condition begins with.
	byTemplate, linkPrefix bool
	fromKey, toKey         idKey // how the keys of F's and T's items are made from their IDs
	noTx                   atomic.Bool
}

// idKey says how the key attributes of an item are made from its ID: each is the ID itself,
// a schema.Template of the ID alone (given as its part), or, when computed otherwise, as a
// write of an item holding only the ID computes it (slow: the item is decoded and encoded).
type idKey struct {
	hash, rng keyFrom
}

type keyFrom int

const (
	fromID       keyFrom = iota // the key attribute is the ID attribute
	fromTemplate                // a template whose only part is the ID attribute
	fromWrite                   // computed by a write from the ID (Constant, Combine, defaults)
	noRange                     // the table has no range key
)

// Option configures [ManyToMany].
type Option func(*options)

type options struct {
	from, to         string
	fromID, toID     string
	forward, reverse string
	batches          bool
}

// From names the attribute of a link item that holds the ID of the item of F (e.g.
// "roleId"). Required.
func From(attribute string) Option { return func(o *options) { o.from = attribute } }

// To names the attribute of a link item that holds the ID of the item of T (e.g.
// "permissionId"). Required.
func To(attribute string) Option { return func(o *options) { o.to = attribute } }

// FromID names the attribute of F's items that the IDs in From are; by default F's hash key.
// Name it when F's key is computed from the ID: a schema.Template of the ID alone (a single
// table's "ROLE#{id}", checked by [ManyToMany]), or Constant and Combine (computed as a write
// of an item holding only the ID does, checked at the first read).
func FromID(attribute string) Option { return func(o *options) { o.fromID = attribute } }

// ToID names the attribute of T's items that the IDs in To are; by default T's hash key.
// Its key is made from the ID as for [FromID].
func ToID(attribute string) Option { return func(o *options) { o.toID = attribute } }

// ForwardIndex lists the links of an item of F through the index name, whose hash key is
// the From attribute, or a schema.Template whose only part is the From attribute. Without it
// the links are read from the link table: by the From attribute when it is the table's hash
// key, otherwise from the partition whose key is computed from the From attribute alone
// (adjacency items in one table). A hash key built by a template must have the From
// attribute as its only part ("ROLE#{roleId}"; checked by [ManyToMany]); the links are then
// the items of that partition whose range key begins with the text before the first part of
// its template ("PERMISSION#" of "PERMISSION#{permissionId}"), or, without such text, those
// holding the From attribute. An index keyed by templates is read the same way. A hash key
// combined from a constant and the From attribute (Combine) is computed as a write of a link
// computes it (the range key need not be computable from it); a Combine of another attribute
// that is not a Constant is refused by [ManyToMany], since the ID alone would not name the
// partition. The index must project the To attribute. Reads of a global index are
// eventually consistent: a [Relation.Set] right after another may not see all of its links
// yet.
func ForwardIndex(name string) Option { return func(o *options) { o.forward = name } }

// ReverseIndex lists the links of an item of T through the global secondary index name,
// which projects the From attribute and whose hash key is the To attribute, or a
// schema.Template whose only part is the To attribute (an inverted index:
// "PERMISSION#{permissionId}", read as [ForwardIndex] says). Without it [Relation.Reverse]
// and [Relation.PopulateReverse] fail.
func ReverseIndex(name string) Option { return func(o *options) { o.reverse = name } }

// AllowBatches lets [Relation.Set] write its changes in batches, which are not atomic, when
// one transaction cannot hold them: when there are more than 100, and when the server
// answers that it has no transactions (it is then not asked again). Without it such a Set is
// refused with [ErrTooManyChanges] or fails with the server's error, before anything is
// written.
func AllowBatches() Option { return func(o *options) { o.batches = true } }

// ErrTooManyChanges is matched by the error of a [Relation.Set] whose changes do not fit in
// one transaction when [AllowBatches] is not given. Nothing was written.
var ErrTooManyChanges = errors.New("relation: the changes do not fit in one transaction")

// ErrEmptyID is matched by the error of a call given an empty string (or binary) as an ID.
// Nothing was sent.
var ErrEmptyID = errors.New("relation: empty ID")

// ConfigError lists every problem [ManyToMany] found in its arguments.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return "relation: " + strings.Join(e.Problems, "; ")
}

// ManyToMany declares the relation between the items of from and to through the link items
// of links, named by [From] and [To]:
//
//	rel, err := relation.ManyToMany[string](roles, permissions, links,
//		relation.From("roleId"), relation.To("permissionId"), relation.ReverseIndex("byPermission"))
//
// The link model may share a table with the others (adjacency items, with model.WithEntity).
// Every problem with the arguments is reported together in one *ConfigError, among them
// keys built by a schema.Template from more than the ID they are read by (see [ForwardIndex]
// and [FromID]).
func ManyToMany[K comparable, F, T, L any](from *model.Model[F], to *model.Model[T], links *model.Model[L], opts ...Option) (*Relation[K, F, T, L], error) {
	r := &Relation[K, F, T, L]{from: from, to: to, links: links}
	for _, opt := range opts {
		if opt != nil {
			opt(&r.o)
		}
	}
	var problems []string
	if from == nil || to == nil || links == nil {
		return nil, &ConfigError{Problems: []string{"ManyToMany needs the models of both sides and of the links"}}
	}
	ls := links.Schema()
	lv := schemaview.Of(ls)
	stored := func(s interface {
		Path(string) (attr.Path, error)
	}, what, name, option string) string {
		if name == "" {
			problems = append(problems, fmt.Sprintf("no %s: give %s", what, option))
			return ""
		}
		p, err := s.Path(name)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s %q: %v", what, name, err))
		case len(p) != 1:
			problems = append(problems, fmt.Sprintf("%s %q is not a top-level attribute", what, name))
		default:
			return p[0].Name
		}
		return ""
	}
	r.fromAttr = stored(lv, "link attribute of the From ID", r.o.from, "From")
	r.toAttr = stored(lv, "link attribute of the To ID", r.o.to, "To")
	if r.o.fromID == "" {
		r.o.fromID = from.Schema().HashKey()
	}
	if r.o.toID == "" {
		r.o.toID = to.Schema().HashKey()
	}
	r.fromID = stored(schemaview.Of(from.Schema()), "ID attribute of "+from.TableName(), r.o.fromID, "FromID")
	r.toID = stored(schemaview.Of(to.Schema()), "ID attribute of "+to.TableName(), r.o.toID, "ToID")

	layout := ls.Layout()
	checkIndex := func(option, name, hash, other string) {
		if name == "" || hash == "" {
			return
		}
		ix, ok := layout.Index(name)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s(%q): the links' schema has no such index", option, name))
		case ix.Keys.Hash.Name != hash && !isTemplateOf(lv, ix.Keys.Hash.Name, hash):
			if kt, ok := templateOf(lv, ix.Keys.Hash.Name); ok {
				problems = append(problems, fmt.Sprintf("%s(%q): the index's hash key %q is built by template %q from %s, not from %q alone",
					option, name, kt.Attribute, kt.Pattern, quoted(kt.Parts), hash))
			} else if c, ok := combineOf(lv, ix.Keys.Hash.Name); ok {
				problems = append(problems, fmt.Sprintf("%s(%q): the index's hash key %q is combined from %s; a listing queries an index by %q itself or by a Template of %q alone: key the index so",
					option, name, c.Attribute, quoted(c.Sources), hash, hash))
			} else {
				problems = append(problems, fmt.Sprintf("%s(%q): the index's hash key is %q, not %q", option, name, ix.Keys.Hash.Name, hash))
			}
		case len(ix.Keys.MoreHash) > 0:
			var names []string
			for _, k := range ix.Keys.HashKeys() {
				names = append(names, k.Name)
			}
			problems = append(problems, fmt.Sprintf("%s(%q): the index's partition key has %d attributes (%s); a listing compares %q alone",
				option, name, len(names), strings.Join(names, ", "), hash))
		case option == "ReverseIndex" && !ix.Global:
			problems = append(problems, fmt.Sprintf("ReverseIndex(%q) is a local index; the reverse needs a global one", name))
		case other != "" && !layout.Projects(ix, other):
			problems = append(problems, fmt.Sprintf("%s(%q): the index does not project %q", option, name, other))
		}
	}
	checkIndex("ForwardIndex", r.o.forward, r.fromAttr, r.toAttr)
	checkIndex("ReverseIndex", r.o.reverse, r.toAttr, r.fromAttr)
	r.byPartition = r.o.forward == "" && r.fromAttr != "" && layout.Keys.Hash.Name != r.fromAttr
	if r.byPartition {
		r.byTemplate, r.linkPrefix = r.partitionTemplate(&problems)
		if _, ok := templateOf(lv, layout.Keys.Hash.Name); !ok {
			r.partitionWrite(&problems)
		}
	}
	if r.fromID != "" {
		r.fromKey = keyFromID(schemaview.Of(from.Schema()), from.TableName(), r.fromID, "FromID", &problems)
	}
	if r.toID != "" {
		r.toKey = keyFromID(schemaview.Of(to.Schema()), to.TableName(), r.toID, "ToID", &problems)
	}
	if len(problems) > 0 {
		return nil, &ConfigError{Problems: problems}
	}
	r.project = []string{r.fromAttr, r.toAttr}
	for _, k := range []index.Key{layout.Keys.Hash, layout.Keys.Range} {
		if k.Name != "" && !slices.Contains(r.project, k.Name) {
			r.project = append(r.project, k.Name)
		}
	}
	return r, nil
}

// templated is the part of a schema that tells its key templates.
type templated interface {
	HashKey() string
	RangeKey() string
	Templates() []schemaview.KeyTemplate
}

// templateOf returns the template of the attribute name in s.
func templateOf(s templated, name string) (schemaview.KeyTemplate, bool) {
	for _, kt := range s.Templates() {
		if kt.Attribute == name {
			return kt, true
		}
	}
	return schemaview.KeyTemplate{}, false
}

// partitionTemplate checks, when the links are listed from the partition computed from the
// From ID, a hash key built by a template: it must be built from the From attribute alone,
// or no ID says which partition holds an item's links. prefix reports whether the range key
// is a template with text before its first part ("PERMISSION#"), which every link's range
// key begins with.
func (r *Relation[K, F, T, L]) partitionTemplate(problems *[]string) (byTemplate, prefix bool) {
	ls := schemaview.Of(r.links.Schema())
	kt, ok := templateOf(ls, ls.HashKey())
	if !ok {
		return false, false // Constant and Combine: computed as a write does, at each call
	}
	if len(kt.Parts) != 1 || kt.Parts[0] != r.fromAttr {
		*problems = append(*problems, fmt.Sprintf("the links' hash key %q is built by template %q from %s, not from %q alone: the partition of an item's links cannot be computed from its ID (give ForwardIndex)",
			kt.Attribute, kt.Pattern, quoted(kt.Parts), r.fromAttr))
		return false, false
	}
	return true, startsWithText(ls, ls.RangeKey())
}

// partitionWrite checks, when the links are listed from the partition computed from the
// From ID and the links' hash key is not a template, that a write of a link holding only
// the From attribute computes it: a Combine of the From attribute and constants, or an
// attribute whose value a write sets (a Constant, a default). A Combine of another attribute
// would put an item's links in partitions its ID does not name.
func (r *Relation[K, F, T, L]) partitionWrite(problems *[]string) {
	ls := schemaview.Of(r.links.Schema())
	hash := ls.HashKey()
	forward := fmt.Sprintf("give ForwardIndex(name) with a global index of the links whose hash key is %q", r.fromAttr)
	if c, ok := combineOf(ls, hash); ok {
		if msg := combineProblem(c, r.fromAttr); msg != "" {
			*problems = append(*problems, fmt.Sprintf("the links' hash key %s, so the partition of an item's links cannot be computed from its ID: %s", msg, forward))
		}
		return
	}
	if _, err := r.probePartition(ls); err != nil {
		*problems = append(*problems, fmt.Sprintf("the links' hash key %q is neither the From attribute %q nor computed from it (a Template of it alone, or a Combine of it and constants): %s",
			hash, r.fromAttr, forward))
	}
}

// probePartition computes the links' partition for an ID of the From attribute's type.
func (r *Relation[K, F, T, L]) probePartition(ls schemaview.View) (any, error) {
	typ, err := ls.TypeAt(r.fromAttr)
	if err != nil {
		return nil, err
	}
	var id types.AttributeValue = &types.AttributeValueMemberS{Value: "id"}
	switch typ {
	case attr.N:
		id = &types.AttributeValueMemberN{Value: "1"}
	case attr.B:
		id = &types.AttributeValueMemberB{Value: []byte("id")}
	}
	return r.partitionOf(id)
}

// combineOf returns the Combine that computes the attribute name of s.
func combineOf(s schemaview.View, name string) (schemaview.Combined, bool) {
	for _, c := range s.Combines() {
		if c.Attribute == name {
			return c, true
		}
	}
	return schemaview.Combined{}, false
}

// combineProblem says why the Combine c cannot be computed from the attribute id alone, or
// returns "": its sources must be id and constants. The text follows the key's description
// ("the links' hash key").
func combineProblem(c schemaview.Combined, id string) string {
	if !slices.Contains(c.Sources, id) {
		return fmt.Sprintf("%q is combined from %s, not from %q", c.Attribute, quoted(c.Sources), id)
	}
	var others []string
	for _, src := range c.Sources {
		if src != id && !slices.Contains(c.Constants, src) {
			others = append(others, src)
		}
	}
	switch len(others) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%q is combined from %s, and %q is neither %q nor a Constant", c.Attribute, quoted(c.Sources), others[0], id)
	}
	return fmt.Sprintf("%q is combined from %s, and %s are neither %q nor Constants", c.Attribute, quoted(c.Sources), quoted(others), id)
}

// isTemplateOf reports whether the attribute name of s is built by a template whose only
// part is the attribute part.
func isTemplateOf(s templated, name, part string) bool {
	kt, ok := templateOf(s, name)
	return ok && len(kt.Parts) == 1 && kt.Parts[0] == part
}

// startsWithText reports whether the attribute name of s is built by a template with text
// before its first part, which every value begins with.
func startsWithText(s templated, name string) bool {
	kt, ok := templateOf(s, name)
	return ok && !strings.HasPrefix(kt.Pattern, "{")
}

// keyFromID works out how the key of an item of s (in table) is made from its ID attribute
// id, refusing a key built by a template from other attributes, or combined from others than
// constants.
func keyFromID(s schemaview.View, table, id, option string, problems *[]string) idKey {
	from := func(name string) keyFrom {
		switch kt, ok := templateOf(s, name); {
		case name == "":
			return noRange
		case name == id:
			return fromID
		case !ok:
			if c, ok := combineOf(s, name); ok {
				if msg := combineProblem(c, id); msg != "" {
					*problems = append(*problems, fmt.Sprintf("%s(%q): in %s, the key %s: its items cannot be read by ID", option, id, table, msg))
				}
			}
			return fromWrite
		case len(kt.Parts) == 1 && kt.Parts[0] == id:
			return fromTemplate
		default:
			*problems = append(*problems, fmt.Sprintf("%s(%q): the key %q of %s is built by template %q from %s, not from %q alone: its items cannot be read by ID",
				option, id, name, table, kt.Pattern, quoted(kt.Parts), id))
			return fromWrite
		}
	}
	return idKey{hash: from(s.HashKey()), rng: from(s.RangeKey())}
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// Link is one link of a relation: the ID of the item of F and the ID of the item of T.
type Link[K comparable] struct {
	From, To K
}

// link is a link as read: its IDs, their stored form (to compare them) and the item.
type link[K comparable, L any] struct {
	from, to       K
	fromAV, toAV   string
	item           L
	fromRaw, toRaw types.AttributeValue
}

// List returns the IDs of the items of T linked to the item of F with ID from, in the order
// of the links' sort key. It reads every page of links.
//
// It calls [Query] on the link table, or on [ForwardIndex].
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
func (r *Relation[K, F, T, L]) List(ctx context.Context, from K) ([]K, error) {
	links, err := r.forward(ctx, "list", from)
	if err != nil {
		return nil, err
	}
	out := make([]K, len(links))
	for i, l := range links {
		out[i] = l.to
	}
	return out, nil
}

// Reverse returns the IDs of the items of F linked to the item of T with ID to, through
// [ReverseIndex] (a global index: eventually consistent, a link just written may not be
// listed yet). It reads every page.
//
// It calls [Query] on the reverse index.
//
// [Query]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
func (r *Relation[K, F, T, L]) Reverse(ctx context.Context, to K) ([]K, error) {
	links, err := r.reverse(ctx, "reverse", to)
	if err != nil {
		return nil, err
	}
	out := make([]K, len(links))
	for i, l := range links {
		out[i] = l.from
	}
	return out, nil
}

// indexQuery is the query of the links whose attribute name holds id through the index ix:
// by name when it is the index's hash key, otherwise by the part of the hash key's template
// (checked by ManyToMany), the links told from other items of the index's partition by the
// text their range key's template begins with, or else by name.
func (r *Relation[K, F, T, L]) indexQuery(ix, name string, id K) model.Query[L] {
	s := r.links.Schema()
	keys, _ := s.Layout().Index(ix)
	if keys.Keys.Hash.Name == name {
		return r.links.Query(model.Where(name).Eq(id)).Index(ix)
	}
	c := model.KeyParts(keys.Keys.Hash.Name, map[string]any{name: id})
	if rk := keys.Keys.Range.Name; rk != "" && startsWithText(schemaview.Of(s), rk) {
		return r.links.Query(c.And(model.KeyPrefix(rk, nil))).Index(ix)
	}
	return r.links.Query(c).Filter(model.Where(name).Eq(id)).Index(ix)
}

// forward reads every link of the item of F with ID id, with a consistent read where the
// links are read from the table.
func (r *Relation[K, F, T, L]) forward(ctx context.Context, op string, id K) ([]link[K, L], error) {
	idAV, err := r.idValue(r.fromAttr, id)
	if err != nil {
		return nil, fmt.Errorf("relation: %s: %w", op, err)
	}
	var q model.Query[L]
	switch {
	case r.o.forward != "":
		q = r.indexQuery(r.o.forward, r.fromAttr, id)
	case r.byTemplate:
		// The partition is the hash key's template with the ID as its part. The links are the
		// items whose range key begins with its template's text; without that text, the items
		// with the From attribute.
		s := r.links.Schema()
		c := model.KeyParts(s.HashKey(), map[string]any{r.fromAttr: id})
		if r.linkPrefix {
			q = r.links.Query(c.And(model.KeyPrefix(s.RangeKey(), nil)))
		} else {
			q = r.links.Query(c).Filter(model.Where(r.fromAttr).Eq(id))
		}
		q = q.Consistent()
	case r.byPartition:
		hash, err := r.partitionOf(idAV)
		if err != nil {
			return nil, fmt.Errorf("relation: %s: %w", op, err)
		}
		q = r.links.Query(model.Where(r.links.Schema().HashKey()).Eq(hash)).Filter(model.Where(r.fromAttr).Eq(id)).Consistent()
	default:
		q = r.links.Query(model.Where(r.fromAttr).Eq(id)).Consistent()
	}
	return r.read(ctx, op, q.Project(r.project...))
}

// idValue encodes id as the link attribute name stores it, refusing what cannot be a key
// value: a mistyped ID, and an empty string or binary (DynamoDB refuses empty key values, and
// the links are found by their IDs).
func (r *Relation[K, F, T, L]) idValue(name string, id K) (types.AttributeValue, error) {
	av, err := schemaview.Of(r.links.Schema()).Value(name, id)
	if err != nil {
		return nil, fmt.Errorf("%s %v: %w", name, id, err)
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		if v.Value == "" {
			return nil, fmt.Errorf("%s: %w", name, ErrEmptyID)
		}
	case *types.AttributeValueMemberB:
		if len(v.Value) == 0 {
			return nil, fmt.Errorf("%s: %w", name, ErrEmptyID)
		}
	}
	return av, nil
}

// partitionOf computes the links' hash key from the From ID alone, as a write of a link
// computes it; their range key need not be computable so. (A hash key built by a template
// of the From ID alone is read by KeyParts.)
func (r *Relation[K, F, T, L]) partitionOf(idAV types.AttributeValue) (any, error) {
	s := r.links.Schema()
	var l L
	if err := s.Read(map[string]types.AttributeValue{r.fromAttr: idAV}, &l); err != nil {
		return nil, err
	}
	hash, err := schemaview.Of(s).HashKeyOf(&l)
	if err != nil {
		return nil, fmt.Errorf("the links' hash key %q computed from %q alone: %w", s.HashKey(), r.fromAttr, err)
	}
	return goValue(hash), nil
}

// reverse reads every link of the item of T with ID id through the reverse index.
func (r *Relation[K, F, T, L]) reverse(ctx context.Context, op string, id K) ([]link[K, L], error) {
	if r.o.reverse == "" {
		return nil, fmt.Errorf("relation: %s: no ReverseIndex was declared", op)
	}
	if _, err := r.idValue(r.toAttr, id); err != nil {
		return nil, fmt.Errorf("relation: %s: %w", op, err)
	}
	q := r.indexQuery(r.o.reverse, r.toAttr, id).Project(r.fromAttr, r.toAttr)
	return r.read(ctx, op, q)
}

// read runs q to its last page and decodes the IDs of each link.
func (r *Relation[K, F, T, L]) read(ctx context.Context, op string, q model.Query[L]) ([]link[K, L], error) {
	var out []link[K, L]
	for p, err := range q.AllPartial(ctx) {
		if err != nil {
			return nil, fmt.Errorf("relation: %s: %w", op, err)
		}
		l, err := r.decode(p.Item)
		if err != nil {
			return nil, fmt.Errorf("relation: %s: %w", op, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// decode reads the IDs of a link item.
func (r *Relation[K, F, T, L]) decode(item L) (link[K, L], error) {
	av, err := attr.MarshalItem(&item)
	if err != nil {
		return link[K, L]{}, fmt.Errorf("link item: %w", err)
	}
	l := link[K, L]{item: item, fromRaw: av[r.fromAttr], toRaw: av[r.toAttr]}
	for _, side := range []struct {
		name string
		raw  types.AttributeValue
		id   *K
		text *string
	}{{r.fromAttr, l.fromRaw, &l.from, &l.fromAV}, {r.toAttr, l.toRaw, &l.to, &l.toAV}} {
		if side.raw == nil {
			return link[K, L]{}, fmt.Errorf("a link item has no %s", side.name)
		}
		if err := attr.Unmarshal(side.raw, side.id); err != nil {
			return link[K, L]{}, fmt.Errorf("link attribute %s: %w", side.name, err)
		}
		*side.text = valueText(side.raw)
	}
	return l, nil
}

// newLink makes the link item between from and to: the two ID attributes set, the rest
// left to the write pipeline (defaults, constants, combined keys, timestamps).
func (r *Relation[K, F, T, L]) newLink(fromAV, toAV types.AttributeValue) (*L, error) {
	l := new(L)
	if err := r.links.Schema().Read(map[string]types.AttributeValue{r.fromAttr: fromAV, r.toAttr: toAV}, l); err != nil {
		return nil, err
	}
	return l, nil
}

// goValue returns a key value (S, N or B) as a Go value that model.Key and conditions take
// for an attribute of that type: a string, an int64 or uint64 for a whole number (converted
// exactly to the attribute's Go type), a float64 otherwise, a []byte.
func goValue(av types.AttributeValue) any {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value
	case *types.AttributeValueMemberB:
		return v.Value
	case *types.AttributeValueMemberN:
		if i, err := strconv.ParseInt(v.Value, 10, 64); err == nil {
			return i
		}
		if u, err := strconv.ParseUint(v.Value, 10, 64); err == nil {
			return u
		}
		if f, err := strconv.ParseFloat(v.Value, 64); err == nil {
			return f
		}
	}
	return av
}

// valueText is a stored value as text that compares equal when the values are equal.
func valueText(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return "S" + v.Value
	case *types.AttributeValueMemberN:
		return "N" + attr.CanonicalNumber(v.Value)
	case *types.AttributeValueMemberB:
		return "B" + string(v.Value)
	}
	return fmt.Sprintf("%T%v", av, av)
}

// unsupported reports whether err says the server has no such operation.
func unsupported(err error) bool {
	code, ok := awserr.Code(err)
	return ok && (code == "UnknownOperationException" || code == "NotImplemented" || code == "NotImplementedException")
}
