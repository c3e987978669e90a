package model

import (
	"context"
	"fmt"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// Entity is a model that takes part in a [Table]: any *Model[T] made with [WithEntity].
type Entity interface {
	tableEntity() tableEntity
}

// tableEntity is one model of a Table, without its item type.
type tableEntity struct {
	label  string // "customer (*Customer)", for messages
	src    *source
	entity entity
	decode decodeFunc[any] // a *T
}

func (m *Model[T]) tableEntity() tableEntity {
	var zero *T
	label := fmt.Sprintf("%q (%T)", m.entity.name, zero)
	if m.entity.attr == "" {
		label = fmt.Sprintf("(%T)", zero)
	}
	return tableEntity{
		label: label, src: m.src, entity: m.entity,
		decode: func(ctx context.Context, raw map[string]types.AttributeValue) (any, bool, error) {
			item := new(T)
			ok, err := m.load(ctx, raw, item)
			return item, ok, err
		},
	}
}

// UnknownItem is an item of a shared table that none of the [Table]'s models claims: its
// entity attribute is missing or names no model. Table reads return it among the items
// instead of dropping it, so that a new entity type, or an item written by other code, is
// seen.
type UnknownItem struct {
	Entity string         // the value of the entity attribute; "" when the item has none
	Item   map[string]any // the stored item, decoded as attr decodes into any
}

// Table is a table shared by several models, one per entity type (single-table design; see
// [WithEntity]). Its queries and scans return the items of every entity together, each
// decoded by its own model as a pointer (*Customer, *Order, ...), for the caller to switch
// on:
//
//	app, err := model.NewTable(customers, orders)
//	for item, err := range app.Query(model.Where("pk").Eq("CUSTOMER#c1")).All(ctx) {
//		if err != nil { ... }
//		switch v := item.(type) {
//		case *Customer: ...
//		case *Order: ...
//		case *model.UnknownItem: // an entity no model claims
//		}
//	}
//
// Each item goes through its model's read pipeline and hooks (AfterLoad), and expired items
// are hidden as that model's schema says. A Table is safe for concurrent use.
type Table struct {
	src      *source
	entities []tableEntity
}

// NewTable returns the table that entities share. They must be stored in one table (same
// name, prefix and suffix) with agreeing keys, and each needs [WithEntity] with a name of its
// own. Requests go through the client of the first entity's model.
func NewTable(entities ...Entity) (*Table, error) {
	if len(entities) == 0 {
		return nil, &ConfigError{Func: "NewTable", Problems: []string{"no entities"}}
	}
	var problems []string
	t := &Table{}
	tables := make([]index.Table, 0, len(entities))
	var encs encoders
	seen := make(map[string]string)
	for i, en := range entities {
		if en == nil {
			problems = append(problems, fmt.Sprintf("entity %d is nil", i))
			continue
		}
		e := en.tableEntity()
		if e.src == nil {
			problems = append(problems, fmt.Sprintf("entity %d is not a model made by New", i))
			continue
		}
		switch {
		case e.entity.attr == "":
			problems = append(problems, fmt.Sprintf("the model of entity %d %s has no WithEntity: its items could not be told apart", i, e.label))
		case seen[e.entity.attr+"\x00"+e.entity.name] != "":
			problems = append(problems, fmt.Sprintf("entities %s and %s have one name", seen[e.entity.attr+"\x00"+e.entity.name], e.label))
		default:
			seen[e.entity.attr+"\x00"+e.entity.name] = e.label
		}
		if len(t.entities) > 0 && e.src.table != t.entities[0].src.table {
			problems = append(problems, fmt.Sprintf("%s is stored in %q, not %q", e.label, e.src.table, t.entities[0].src.table))
		}
		t.entities = append(t.entities, e)
		tables = append(tables, e.src.tbl)
		encs = append(encs, e.src.enc)
	}
	merged, err := index.Merge(tables...)
	if err != nil && len(problems) == 0 {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return nil, &ConfigError{Func: "NewTable", Problems: problems}
	}
	first := t.entities[0].src
	t.src = &source{db: first.db, table: first.table, tbl: merged, keys: []string{merged.Keys.Hash.Name},
		enc: encs, cursorKey: first.cursorKey, parallel: first.parallel}
	if merged.Keys.HasRange() {
		t.src.keys = append(t.src.keys, merged.Keys.Range.Name)
	}
	for _, e := range t.entities {
		for _, x := range e.src.extra {
			if !containsPath(t.src.extra, x) {
				t.src.extra = append(t.src.extra, x)
			}
		}
	}
	return t, nil
}

// Name returns the stored name of the table.
func (t *Table) Name() string { return t.src.table }

// decode hands a stored item to the model of its entity, or returns it as an *UnknownItem.
func (t *Table) decode(ctx context.Context, raw map[string]types.AttributeValue) (any, bool, error) {
	entityName := ""
	for _, e := range t.entities {
		v, ok := raw[e.entity.attr].(*types.AttributeValueMemberS)
		if !ok {
			continue
		}
		if v.Value == e.entity.name {
			return e.decode(ctx, raw)
		}
		if entityName == "" {
			entityName = v.Value
		}
	}
	u := &UnknownItem{Entity: entityName}
	if err := attr.UnmarshalItem(raw, &u.Item); err != nil {
		return nil, false, fmt.Errorf("model: item of unknown entity %q: %w", entityName, err)
	}
	return u, true, nil
}

// TableQuery is a query of a [Table], built as a [Query] is: each method returns a new
// TableQuery, and nothing is sent until All, Page or Count.
type TableQuery struct {
	t *Table
	q query
}

// Query starts a query of the table with cond, planned over the keys and indexes of all its
// models, as [Model.Query] plans. Values are encoded as the first model that declares their
// attribute stores them.
func (t *Table) Query(cond Condition) TableQuery {
	return TableQuery{t: t, q: query{src: t.src, cond: cond}}
}

// Filter adds conditions on the items read; see [Query.Filter].
func (q TableQuery) Filter(c Condition) TableQuery { q.q.filter = And(q.q.filter, c); return q }

// Index makes the query use the named index; see [Query.Index].
func (q TableQuery) Index(name string) TableQuery { q.q.index = name; return q }

// Limit stops after n items (All), or makes pages of n items (Page), unknown items included.
func (q TableQuery) Limit(n int) TableQuery { q.q.limit = n; return q }

// Descending returns items in descending order of the range key.
func (q TableQuery) Descending() TableQuery { q.q.desc = true; return q }

// Consistent asks for strongly consistent reads; global indexes do not offer them.
func (q TableQuery) Consistent() TableQuery { q.q.consistent = true; return q }

// Explain tells which index the query uses and why; see [Query.Explain].
func (q TableQuery) Explain() (string, error) { return q.q.explain() }

// All returns the items of every entity the query matches, each a *T of its model's T or an
// *UnknownItem, reading pages as the loop asks for them; see [Query.All]. The sequence can be
// ranged over again, which runs the query again.
func (q TableQuery) All(ctx context.Context) iter.Seq2[any, error] {
	return queryAll(ctx, q.q, q.t.decode)
}

// Page returns the page of items that starts at cursor; see [Query.Page].
func (q TableQuery) Page(ctx context.Context, cursor string) (Page[any], error) {
	return queryPage(ctx, q.q, cursor, q.t.decode)
}

// Count returns the number of items the query matches, of every entity (expired items
// included: the table has no one expiry rule).
func (q TableQuery) Count(ctx context.Context) (int, error) { return q.q.count(ctx) }

// TableScan is a scan of a [Table]; see [Scan].
type TableScan struct {
	t *Table
	s scan
}

// Scan starts a scan of the whole table.
func (t *Table) Scan() TableScan { return TableScan{t: t, s: scan{src: t.src}} }

// Filter keeps only the items that meet c; see [Scan.Filter].
func (s TableScan) Filter(c Condition) TableScan { s.s.filter = And(s.s.filter, c); return s }

// Index scans the named index instead of the table.
func (s TableScan) Index(name string) TableScan { s.s.index = name; return s }

// Limit stops after n items (All), or makes pages of n items (Page).
func (s TableScan) Limit(n int) TableScan { s.s.limit = n; return s }

// Consistent asks for strongly consistent reads.
func (s TableScan) Consistent() TableScan { s.s.consistent = true; return s }

// Segments reads n segments in parallel; see [Scan.Segments].
func (s TableScan) Segments(n int) TableScan { s.s.segments = n; return s }

// All returns the items of every entity, each a *T of its model's T or an *UnknownItem;
// see [Scan.All].
func (s TableScan) All(ctx context.Context) iter.Seq2[any, error] {
	return scanAll(ctx, s.s, s.t.decode)
}

// Page returns the page of items that starts at cursor; see [Scan.Page].
func (s TableScan) Page(ctx context.Context, cursor string) (Page[any], error) {
	return scanPage(ctx, s.s, cursor, s.t.decode)
}

// Count returns the number of items the scan matches, of every entity.
func (s TableScan) Count(ctx context.Context) (int, error) { return s.s.count(ctx) }
