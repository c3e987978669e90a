package dynamodelcli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// Model is a model the command line works on. [Of] and [Named] make one of any
// *model.Model[T], so that models of different item types go to one [Main].
type Model struct {
	name   string            // what -model calls it; "" until Run names it after its table
	named  bool              // name was given to Named
	table  string            // the stored table name
	def    schema.Definition // the table the schema declares
	schema schemaview.View   // the stored name and type of each attribute
	items  items
}

// Of returns m for [Main] and [Run]. The command line calls it by its table's name without
// the client's prefix and suffix (-model users for the table dev_users); models that share a
// table need [Named].
func Of[T any](m *model.Model[T]) Model {
	view := schemaview.Of(m.Schema())
	return Model{table: m.TableName(), def: m.Schema(), schema: view, items: ops[T]{m: m, s: view}}
}

// Named returns m for [Main] and [Run] under name, for -model: for models that share one
// table (single-table design), or to give a model a shorter name.
func Named[T any](name string, m *model.Model[T]) Model {
	x := Of(m)
	x.name, x.named = name, true
	return x
}

// useModels names the models and checks that each name is given once.
func (e *env) useModels(models []Model) error {
	e.models = make([]*Model, 0, len(models))
	seen := make(map[string]bool)
	for i := range models {
		m := models[i]
		if m.items == nil {
			return fmt.Errorf("model %d is the zero Model; make it with dynamodelcli.Of", i)
		}
		if m.named && strings.TrimSpace(m.name) == "" {
			return fmt.Errorf("model of table %s: Named needs a name", m.table)
		}
		if m.name == "" {
			name, ok := strings.CutPrefix(m.table, e.client.TablePrefix())
			name, ok2 := strings.CutSuffix(name, e.client.TableSuffix())
			if !ok || !ok2 || name == "" {
				return fmt.Errorf("model of table %s: its name lacks the client's prefix %q and suffix %q; make the models with the client passed to Run", m.table, e.client.TablePrefix(), e.client.TableSuffix())
			}
			m.name = name
		}
		if seen[m.name] {
			return fmt.Errorf("two models are called %s (-model): give models that share a table a name each with dynamodelcli.Named", m.name)
		}
		seen[m.name] = true
		e.models = append(e.models, &m)
	}
	return nil
}

// model returns the model -model names.
func (e *env) model(name string) (*Model, error) {
	if name == "" {
		return nil, usagef("-model is required: one of %s", e.modelNames())
	}
	for _, m := range e.models {
		if m.name == name {
			return m, nil
		}
	}
	return nil, usagef("-model %s: no such model; the models are %s", name, e.modelNames())
}

func (e *env) modelNames() string {
	names := make([]string, len(e.models))
	for i, m := range e.models {
		names[i] = m.name
	}
	return strings.Join(names, ", ")
}

// modelTables returns the tables the models' schemas declare, under their stored names.
func (e *env) modelTables() []tablesync.Spec {
	tables := make([]tablesync.Spec, len(e.models))
	for i, m := range e.models {
		tables[i] = tablesync.FromSchema(m.table, m.def)
	}
	return tables
}

// items are the item commands on one model, for its T.
type items interface {
	get(ctx context.Context, key map[string]types.AttributeValue, consistent bool) (map[string]types.AttributeValue, error)
	put(ctx context.Context, item map[string]types.AttributeValue, w putFlags) (map[string]types.AttributeValue, error)
	delete(ctx context.Context, key map[string]types.AttributeValue, returnOld bool) (map[string]types.AttributeValue, error)
	read(ctx context.Context, r readFlags, out func(map[string]types.AttributeValue) error) (cursor string, err error)
}

// putFlags are put's options.
type putFlags struct{ ifNotExists, returnOld, print bool }

// readFlags are a query's or a scan's. where is nil for a scan.
type readFlags struct {
	where              map[string]types.AttributeValue
	beginsWith, prefix string
	index              string
	limit              int
	cursor             string
	desc, consistent   bool
	explain            func(string)
}

// ops runs the item commands through a *model.Model[T]: JSON items become T values (as the
// schema types them: arrays for sets, base64 for binary, dates as RFC 3339 or epoch numbers),
// and the model's pipeline writes and reads them.
type ops[T any] struct {
	m *model.Model[T]
	s schemaview.View
}

// decode decodes an item typed by the schema into a T, as T's codec reads stored items.
func (o ops[T]) decode(item map[string]types.AttributeValue, what string) (*T, error) {
	t := new(T)
	if err := attr.UnmarshalItem(item, t); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return t, nil
}

// encode encodes t for printing, keeping only the attributes in read when it is not nil.
func (o ops[T]) encode(t *T, read []string) (map[string]types.AttributeValue, error) {
	item, err := attr.MarshalItem(t)
	if err != nil {
		return nil, err
	}
	if read != nil {
		maps.DeleteFunc(item, func(k string, _ types.AttributeValue) bool { return !slices.Contains(read, k) })
	}
	return item, nil
}

// values returns the Go values of the attributes names of t, decoded from item. An attribute
// T has no field for (a key computed by a Template or Combine) is given as its stored text.
func (o ops[T]) values(t *T, item map[string]types.AttributeValue, names ...string) ([]any, error) {
	out := make([]any, len(names))
	if m, ok := any(t).(*map[string]any); ok {
		for i, n := range names {
			out[i] = (*m)[n]
		}
		return out, nil
	}
	fields, err := attr.Fields(reflect.TypeFor[T]())
	if err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(t).Elem()
	for i, n := range names {
		j := slices.IndexFunc(fields, func(f attr.Field) bool { return f.Name == n })
		if j < 0 {
			if s, ok := item[n].(*types.AttributeValueMemberS); ok {
				out[i] = s.Value
				continue
			}
			return nil, fmt.Errorf("%v has no field for the attribute %s", reflect.TypeFor[T](), n)
		}
		v, err := rv.FieldByIndexErr(fields[j].Index)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		out[i] = v.Interface()
	}
	return out, nil
}

// key turns the -key item into the model's key. A key attribute computed by a Template may be
// given as its text or by its parts, from which the model computes it.
func (o ops[T]) key(item map[string]types.AttributeValue) (model.Key, error) {
	names := []string{o.s.HashKey()}
	if r := o.s.RangeKey(); r != "" {
		names = append(names, r)
	}
	tmpls := make(map[string][]string)
	for _, kt := range o.s.Templates() {
		tmpls[kt.Attribute] = kt.Parts
	}
	t, err := o.decode(item, "-key")
	if err != nil {
		return model.Key{}, err
	}
	allowed := slices.Clone(names)
	vals := make([]any, len(names))
	for i, n := range names {
		parts, templated := tmpls[n]
		if _, ok := item[n]; ok || !templated {
			if !ok {
				return model.Key{}, usagef("-key has no %s; the key of this model is %s", n, strings.Join(names, " and "))
			}
			v, err := o.values(t, item, n)
			if err != nil {
				return model.Key{}, err
			}
			vals[i] = v[0]
			continue
		}
		var missing []string
		for _, p := range parts {
			if _, ok := item[p]; !ok {
				missing = append(missing, p)
			}
		}
		if len(missing) > 0 {
			return model.Key{}, usagef("-key has no %s, nor all the parts of its template (%s is missing); the key of this model is %s", n, strings.Join(missing, ", "), strings.Join(names, " and "))
		}
		v, err := o.values(t, item, parts...)
		if err != nil {
			return model.Key{}, err
		}
		ps := make(schema.Parts, len(parts))
		for j, p := range parts {
			ps[p] = v[j]
		}
		vals[i] = ps
		allowed = append(allowed, parts...)
	}
	for _, n := range slices.Sorted(maps.Keys(item)) {
		if !slices.Contains(allowed, n) {
			return model.Key{}, usagef("-key has %s, which is not a key attribute; the key of this model is %s", n, strings.Join(names, " and "))
		}
	}
	k := model.Key{Hash: vals[0]}
	if len(vals) > 1 {
		k.Range = vals[1]
	}
	return k, nil
}

func (o ops[T]) get(ctx context.Context, keyItem map[string]types.AttributeValue, consistent bool) (map[string]types.AttributeValue, error) {
	key, err := o.key(keyItem)
	if err != nil {
		return nil, err
	}
	var opts []model.GetOption
	if consistent {
		opts = append(opts, model.Consistent())
	}
	t, err := o.m.Get(ctx, key, opts...)
	if err != nil {
		return nil, err
	}
	return o.encode(&t, nil)
}

func (o ops[T]) put(ctx context.Context, item map[string]types.AttributeValue, w putFlags) (map[string]types.AttributeValue, error) {
	item, given, err := o.templateParts(item)
	if err != nil {
		return nil, err
	}
	t, err := o.decode(item, "-item")
	if err != nil {
		return nil, err
	}
	if err := o.checkTemplateText(t, given, w.ifNotExists); err != nil {
		return nil, err
	}
	var old, stored *T
	var opts []model.PutOption
	if w.returnOld {
		old = new(T)
		opts = append(opts, model.ReturnOld(old))
	}
	if w.print {
		stored = new(T)
		opts = append(opts, model.ReturnStored(stored))
	}
	if w.ifNotExists {
		err = o.m.Create(ctx, t, opts...)
	} else {
		err = o.m.Put(ctx, t, opts...)
	}
	switch {
	case err != nil:
		return nil, err
	case stored != nil:
		return o.encode(stored, nil)
	case old != nil && !reflect.ValueOf(old).Elem().IsZero():
		return o.encode(old, nil)
	}
	return nil, nil
}

// templateParts reads the parts of each attribute computed by a template whose text the
// -item gives from that text, for the parts the item lacks, and returns the item with them
// and the texts given, by attribute. A text that does not fit its pattern is refused.
func (o ops[T]) templateParts(item map[string]types.AttributeValue) (map[string]types.AttributeValue, map[string]string, error) {
	var given map[string]string
	out, copied := item, false
	for _, kt := range o.s.Templates() {
		av, ok := item[kt.Attribute]
		if !ok {
			continue
		}
		text, ok := av.(*types.AttributeValueMemberS)
		if !ok {
			return nil, nil, fmt.Errorf("-item: %s is computed by the template %q: give its text as a JSON string, or leave it out and give its parts (%s)",
				kt.Attribute, kt.Pattern, strings.Join(kt.Parts, ", "))
		}
		if given == nil {
			given = make(map[string]string)
		}
		given[kt.Attribute] = text.Value
		parts, err := o.s.PartsOf(kt.Attribute, text.Value)
		if err != nil {
			return nil, nil, fmt.Errorf("-item: %s %q does not fit its template %q, so its parts (%s) cannot be read from it: %w",
				kt.Attribute, text.Value, kt.Pattern, strings.Join(kt.Parts, ", "), err)
		}
		for _, p := range kt.Parts {
			if _, has := item[p]; has {
				continue
			}
			if !copied {
				out, copied = maps.Clone(item), true
			}
			out[p] = parts[p]
		}
	}
	return out, given, nil
}

// checkTemplateText refuses an item whose text of an attribute computed by a template
// (given, by attribute) differs from the text the template builds from the item's parts,
// as the model's write would build it (a put, or a create with -if-not-exists): the write
// would store the built text and drop the one given.
func (o ops[T]) checkTemplateText(t *T, given map[string]string, create bool) error {
	if len(given) == 0 {
		return nil
	}
	s := o.m.Schema()
	build := s.Put
	if create {
		build = s.Create
	}
	built, err := build(t) // the pipeline leaves t as it is
	if err != nil {
		return err // the model's write refuses it the same way
	}
	for _, name := range slices.Sorted(maps.Keys(given)) {
		text := given[name]
		b, _ := built[name].(*types.AttributeValueMemberS)
		if b == nil || b.Value != text {
			var want string
			if b != nil {
				want = b.Value
			}
			pattern := ""
			for _, kt := range o.s.Templates() {
				if kt.Attribute == name {
					pattern = kt.Pattern
				}
			}
			return fmt.Errorf("-item: %s is %q, but its template %q builds %q from the item's parts; nothing written: give the text the parts build, or leave %s out",
				name, text, pattern, want, name)
		}
	}
	return nil
}

func (o ops[T]) delete(ctx context.Context, keyItem map[string]types.AttributeValue, returnOld bool) (map[string]types.AttributeValue, error) {
	key, err := o.key(keyItem)
	if err != nil {
		return nil, err
	}
	var old *T
	var opts []model.DeleteOption
	if returnOld {
		old = new(T)
		opts = append(opts, model.ReturnOld(old))
	}
	if err := o.m.Delete(ctx, key, opts...); err != nil {
		return nil, err
	}
	if old != nil && !reflect.ValueOf(old).Elem().IsZero() {
		return o.encode(old, nil)
	}
	return nil, nil
}

// read runs a query (r.where set) or a scan, passing each item read to out, and returns the
// cursor to continue with when -limit stopped it.
func (o ops[T]) read(ctx context.Context, r readFlags, out func(map[string]types.AttributeValue) error) (string, error) {
	var all func(context.Context) iter.Seq2[model.Partial[T], error]
	var page func(context.Context, string) (model.Page[model.Partial[T]], error)
	if r.where != nil {
		q, err := o.query(r)
		if err != nil {
			return "", err
		}
		if r.explain != nil {
			ex, err := q.Explain()
			if err != nil {
				return "", err
			}
			r.explain(ex)
		}
		all, page = q.AllPartial, q.PagePartial
	} else {
		s := o.m.Scan()
		if r.index != "" {
			s = s.Index(r.index)
		}
		if r.consistent {
			s = s.Consistent()
		}
		if r.limit > 0 {
			s = s.Limit(r.limit)
		}
		all, page = s.AllPartial, s.PagePartial
	}
	print := func(p model.Partial[T]) error {
		item, err := o.encode(&p.Item, p.Read)
		if err != nil {
			return err
		}
		return out(item)
	}
	if r.limit == 0 {
		for p, err := range all(ctx) {
			if err != nil {
				return "", err
			}
			if err := print(p); err != nil {
				return "", err
			}
		}
		return "", nil
	}
	pg, err := page(ctx, r.cursor)
	if err != nil {
		return "", err
	}
	for _, p := range pg.Items {
		if err := print(p); err != nil {
			return "", err
		}
	}
	return pg.Cursor, nil
}

// query builds the model's query of r: each attribute of -where equal to its value, and the
// attribute of -begins-with starting with its prefix. The model's planner picks the index.
func (o ops[T]) query(r readFlags) (model.Query[T], error) {
	names := slices.Sorted(maps.Keys(r.where))
	t, err := o.decode(r.where, "-where")
	if err != nil {
		return model.Query[T]{}, err
	}
	v, err := o.values(t, r.where, names...)
	if err != nil {
		return model.Query[T]{}, err
	}
	conds := make([]model.Condition, 0, len(names)+1)
	for i, n := range names {
		conds = append(conds, model.Where(n).Eq(v[i]))
	}
	if r.beginsWith != "" {
		conds = append(conds, model.Where(r.beginsWith).BeginsWith(r.prefix))
	}
	q := o.m.Query(model.And(conds...))
	if r.index != "" {
		q = q.Index(r.index)
	}
	if r.desc {
		q = q.Descending()
	}
	if r.consistent {
		q = q.Consistent()
	}
	if r.limit > 0 {
		q = q.Limit(r.limit)
	}
	return q, nil
}

// parseModelItem reads one JSON object as an item of the schema s: each attribute is
// converted to the type the schema stores it as, where JSON has no literal for that type (an
// array for a set, a base64 string for binary). Names may be the stored names or the Go
// field names; an attribute the schema does not know is refused, with the nearest known name.
func parseModelItem(s schemaview.View, data []byte, what string) (map[string]types.AttributeValue, error) {
	obj, err := parseObject(data, what)
	if err != nil {
		return nil, err
	}
	item := make(map[string]types.AttributeValue, len(obj))
	for _, name := range slices.Sorted(maps.Keys(obj)) {
		p, err := s.Path(name)
		if err != nil || len(p) != 1 || p[0].IsIndex {
			if err == nil {
				err = fmt.Errorf("%q is not an attribute name", name)
			}
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		stored := p[0].Name
		if _, dup := item[stored]; dup {
			return nil, fmt.Errorf("%s gives %s twice (under two names)", what, stored)
		}
		av, err := typedValue(s, stored, obj[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		item[stored] = av
	}
	return item, nil
}

// typedValue converts the JSON value v of the attribute at path to the type the schema
// stores it as. What does not fit the type is converted as plain JSON, for the model's type
// check to refuse with the attribute's path.
func typedValue(s schemaview.View, path string, v any) (types.AttributeValue, error) {
	typ, err := s.TypeAt(path)
	if errors.Is(err, schema.ErrUnknown) {
		return nil, err
	}
	switch x := v.(type) {
	case string:
		if typ == attr.B {
			b, err := base64.StdEncoding.DecodeString(x)
			if err != nil {
				return nil, fmt.Errorf("%s is binary: want its bytes in base64, not %q", path, x)
			}
			return &types.AttributeValueMemberB{Value: b}, nil
		}
	case []any:
		switch typ {
		case attr.SS, attr.NS, attr.BS:
			return setValue(path, typ, x)
		case attr.L:
			l := make([]types.AttributeValue, len(x))
			for i, e := range x {
				av, err := typedValue(s, fmt.Sprintf("%s[%d]", path, i), e)
				if err != nil {
					return nil, err
				}
				l[i] = av
			}
			return &types.AttributeValueMemberL{Value: l}, nil
		}
	case map[string]any:
		if typ == attr.M {
			m := make(map[string]types.AttributeValue, len(x))
			for k, e := range x {
				av, err := typedValue(s, path+"."+k, e)
				if err != nil {
					return nil, err
				}
				m[k] = av
			}
			return &types.AttributeValueMemberM{Value: m}, nil
		}
	}
	return toAttributeValue(v), nil
}

// setValue converts a JSON array to the set type typ: strings, numbers, or base64 strings.
func setValue(path string, typ attr.Type, elems []any) (types.AttributeValue, error) {
	want := map[attr.Type]string{attr.SS: "string", attr.NS: "number", attr.BS: "string"}[typ]
	var ss []string
	var bs [][]byte
	for i, e := range elems {
		if k := jsonKind(e); k != want {
			return nil, fmt.Errorf("%s[%d] is a JSON %s; %s is a set of type %s, of %ss", path, i, k, path, typ, want)
		}
		switch x := e.(type) {
		case string:
			if typ == attr.BS {
				b, err := base64.StdEncoding.DecodeString(x)
				if err != nil {
					return nil, fmt.Errorf("%s[%d] is binary: want its bytes in base64, not %q", path, i, x)
				}
				bs = append(bs, b)
				continue
			}
			ss = append(ss, x)
		case json.Number:
			ss = append(ss, x.String())
		}
	}
	switch typ {
	case attr.NS:
		return &types.AttributeValueMemberNS{Value: ss}, nil
	case attr.BS:
		return &types.AttributeValueMemberBS{Value: bs}, nil
	}
	return &types.AttributeValueMemberSS{Value: ss}, nil
}
