package model

import (
	"context"
	"fmt"

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
	// decodePartial decodes an item read partially: a Partial[T], which Put does not take.
	decodePartial decodeFunc[any]
	attrs         []string // the top-level attributes of the model's items
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
		decodePartial: func(ctx context.Context, raw map[string]types.AttributeValue) (any, bool, error) {
			var item T
			ok, err := m.load(ctx, raw, &item)
			if err != nil || !ok {
				return nil, ok, err
			}
			return Partial[T]{Item: item, Read: readNames(raw)}, true, nil
		},
		attrs: m.view.Attributes(),
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
//
// A read whose items would miss attributes (with Project, or of an index that does not
// project every attribute of every model's items) is refused by All and Page with
// [ErrPartialRead]; AllPartial and PagePartial read it, each item a [Partial] whose Item is a
// Partial[T] of its model's T (case model.Partial[Customer]:), which Put does not take, or
// an *UnknownItem.
type Table struct {
	src      *source
	entities []tableEntity
}

// NewTable returns the table that entities share. They must be stored in one table (same
// name, prefix and suffix) with agreeing keys, and each needs [WithEntity] with a name of its
// own. Requests go through the client the models share: models bound to different clients
// (compared as [DB] says) are refused with a *ConfigError that names two of them and
// matches [ErrDifferentClients].
func NewTable(entities ...Entity) (*Table, error) {
	if len(entities) == 0 {
		return nil, &ConfigError{Func: "NewTable", Problems: []string{"no entities"}}
	}
	var problems []string
	t := &Table{}
	var attrs []entityAttrs
	tables := make([]index.Layout, 0, len(entities))
	var encs encoders
	seen := make(map[string]string)
	clients := false // some entities are on models of different clients
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
		if len(t.entities) > 0 && !sameClient(t.entities[0].src.db, e.src.db) {
			problems = append(problems, fmt.Sprintf("entities %s and %s are on models of different clients; a table's queries and scans are sent through one client (one account, region and endpoint): make its models with one DB",
				t.entities[0].label, e.label))
			clients = true
		}
		t.entities = append(t.entities, e)
		attrs = append(attrs, entityAttrs{label: e.label, attrs: e.attrs})
		tables = append(tables, e.src.tbl)
		encs = append(encs, e.src.enc)
	}
	merged, err := index.Merge(tables...)
	if err != nil && len(problems) == 0 {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		e := &ConfigError{Func: "NewTable", Problems: problems}
		if clients {
			e.also = []error{ErrDifferentClients}
		}
		return nil, e
	}
	first := t.entities[0].src
	t.src = &source{db: first.db, table: first.table, tbl: merged, keys: []string{merged.Keys.Hash.Name},
		enc: encs, cursorKey: first.cursorKey, parallel: first.parallel, entities: attrs}
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
	return t.decodeWith(ctx, raw, false)
}

// decodePartial is decode for AllPartial and PagePartial: the item of a model is a Partial[T]
// of its T, within the Partial[any] that names the attributes read.
func (t *Table) decodePartial(ctx context.Context, raw map[string]types.AttributeValue) (Partial[any], bool, error) {
	item, ok, err := t.decodeWith(ctx, raw, true)
	if err != nil || !ok {
		return Partial[any]{}, ok, err
	}
	return Partial[any]{Item: item, Read: readNames(raw)}, true, nil
}

// decodeWith is decode, or decodePartial's decoding of one item when partial.
func (t *Table) decodeWith(ctx context.Context, raw map[string]types.AttributeValue, partial bool) (any, bool, error) {
	entityName := ""
	for _, e := range t.entities {
		v, ok := raw[e.entity.attr].(*types.AttributeValueMemberS)
		if !ok {
			continue
		}
		if v.Value == e.entity.name {
			if partial {
				return e.decodePartial(ctx, raw)
			}
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

// Query starts a query of the table with cond, planned over the keys and indexes of all its
// models, as [Model.Query] plans. Values are encoded as the first model that declares their
// attribute stores them. Its items are those of every entity, each a *T of its model's T or
// an *UnknownItem; Limit counts unknown items too, and Count counts expired items (the table
// has no one expiry rule).
func (t *Table) Query(cond Condition) Query[any] {
	return Query[any]{decode: t.decode, partial: t.decodePartial, q: query{src: t.src, cond: cond}}
}

// Scan starts a scan of the whole table, whose items are those of every entity, as
// [Table.Query]'s are.
func (t *Table) Scan() Scan[any] {
	return Scan[any]{decode: t.decode, partial: t.decodePartial, s: scan{src: t.src}}
}
