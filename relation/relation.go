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
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
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
	noTx             atomic.Bool
}

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
// Name it when F's key is computed from the ID (a single table's "ROLE#" + id).
func FromID(attribute string) Option { return func(o *options) { o.fromID = attribute } }

// ToID names the attribute of T's items that the IDs in To are; by default T's hash key.
func ToID(attribute string) Option { return func(o *options) { o.toID = attribute } }

// ForwardIndex lists the links of an item of F through the index name, whose hash key is
// the From attribute alone. Without it the links are read from the link table: by the From
// attribute when it is the table's hash key, otherwise from the partition whose key a write
// of a link computes from the From attribute alone (adjacency items in one table, the hash
// key combined from a constant and the From attribute). The index must project the To
// attribute. Reads of a global index are eventually consistent: a [Relation.Set] right after
// another may not see all of its links yet.
func ForwardIndex(name string) Option { return func(o *options) { o.forward = name } }

// ReverseIndex lists the links of an item of T through the global secondary index name,
// whose hash key is the To attribute alone and which projects the From attribute. Without it [Relation.Reverse] and
// [Relation.PopulateReverse] fail.
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
// Every problem with the arguments is reported together in one *ConfigError.
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
	r.fromAttr = stored(ls, "link attribute of the From ID", r.o.from, "From")
	r.toAttr = stored(ls, "link attribute of the To ID", r.o.to, "To")
	if r.o.fromID == "" {
		r.o.fromID = from.Schema().HashKey()
	}
	if r.o.toID == "" {
		r.o.toID = to.Schema().HashKey()
	}
	r.fromID = stored(from.Schema(), "ID attribute of "+from.TableName(), r.o.fromID, "FromID")
	r.toID = stored(to.Schema(), "ID attribute of "+to.TableName(), r.o.toID, "ToID")

	layout := ls.Layout()
	checkIndex := func(option, name, hash, other string) {
		if name == "" || hash == "" {
			return
		}
		ix, ok := layout.Index(name)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s(%q): the links' schema has no such index", option, name))
		case ix.Keys.Hash.Name != hash:
			problems = append(problems, fmt.Sprintf("%s(%q): the index's hash key is %q, not %q", option, name, ix.Keys.Hash.Name, hash))
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
		q = r.links.Query(model.Where(r.fromAttr).Eq(id)).Index(r.o.forward)
	case r.byPartition:
		hash, err := r.partitionOf(id, idAV)
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
	av, err := r.links.Schema().Value(name, id)
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

// partitionOf computes the links' hash key from the From ID id (idAV encoded), as a write
// of a link computes it. A hash key of a [schema.Template] whose only part is the From
// attribute is formatted from that part alone: the sort key's template may need parts a
// link gets only when it is written ("PERMISSION#{permissionId}#{createdAt}"), which the
// whole key of a link holding the From ID alone would lack.
func (r *Relation[K, F, T, L]) partitionOf(id K, idAV types.AttributeValue) (any, error) {
	s := r.links.Schema()
	for _, kt := range s.Templates() {
		if kt.Attribute == s.HashKey() && slices.Equal(kt.Parts, []string{r.fromAttr}) {
			hash, err := s.Value(kt.Attribute, schema.Parts{r.fromAttr: id})
			if err != nil {
				return nil, err
			}
			return goValue(hash), nil
		}
	}
	var l L
	if err := s.Read(map[string]types.AttributeValue{r.fromAttr: idAV}, &l); err != nil {
		return nil, err
	}
	key, err := s.KeyOf(&l)
	if err != nil {
		return nil, fmt.Errorf("the links' hash key %q is neither %q nor computed from it alone (give ForwardIndex): %w", s.HashKey(), r.fromAttr, err)
	}
	return goValue(key[s.HashKey()]), nil
}

// reverse reads every link of the item of T with ID id through the reverse index.
func (r *Relation[K, F, T, L]) reverse(ctx context.Context, op string, id K) ([]link[K, L], error) {
	if r.o.reverse == "" {
		return nil, fmt.Errorf("relation: %s: no ReverseIndex was declared", op)
	}
	if _, err := r.idValue(r.toAttr, id); err != nil {
		return nil, fmt.Errorf("relation: %s: %w", op, err)
	}
	q := r.links.Query(model.Where(r.toAttr).Eq(id)).Index(r.o.reverse).Project(r.fromAttr, r.toAttr)
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
