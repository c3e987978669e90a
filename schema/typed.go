package schema

import (
	"maps"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
)

// Put runs the write pipeline for a put and returns the item to send. item is never
// modified. The steps, in order: unknown attributes, type check, defaults,
// set transforms with trim/lowercase/uppercase, timestamps (createdAt only when the item has
// none) and expiry, constants and combined attributes (built from the sources as stored),
// [Template] keys, then attribute validators and item validators, required and enum (which
// see the item as it is to be stored), encoding, and the checks of keys and size. A refused item is
// reported as a *validate.Error listing every failing attribute; nothing is to be sent then.
func (s *Schema[T]) Put(item *T, opts ...WriteOption) (map[string]types.AttributeValue, error) {
	return s.core.Put(item, opts...)
}

// Create is [Schema.Put] for a new item: createdAt is set to now even when the item has one.
// The caller adds the condition that the item does not exist.
func (s *Schema[T]) Create(item *T, opts ...WriteOption) (map[string]types.AttributeValue, error) {
	return s.core.Create(item, opts...)
}

// Read runs the read pipeline: it decodes a stored item into out, applies fromDynamo, the get
// transforms and the item getters. With HideExpired an item whose expiry time has passed is
// not decoded and Read returns [ErrExpired]: the caller treats it as absent. With
// ErrorUnknown a stored attribute the schema does not know (and SaveUnknown does not keep)
// fails with [ErrUnknown]; otherwise unknown attributes not kept are dropped. Map items are
// keyed by the attributes' aliases where they have one.
func (s *Schema[T]) Read(item map[string]types.AttributeValue, out *T) error {
	return s.core.Read(item, out)
}

// KeyOf encodes the primary key of an item. Key attributes that are constants, defaults,
// combined attributes or [Template] keys are computed as a put stores them: from the sources
// after their set transforms. A default that is a function is not called, since it would give
// another value than the one the write stored: a key that needs one (the key attribute, or a
// part of a combined or template key, absent from the item) is refused with a
// *validate.Error naming that attribute, rule "default"; give its value in the item.
func (s *Schema[T]) KeyOf(item *T) (map[string]types.AttributeValue, error) {
	return s.core.KeyOf(item)
}

// Key encodes a primary key from Go values: hash for the hash key and rangeValue for the
// range key (nil when the table has none). Each is encoded as its attribute is stored (a
// time.Time in its attribute's format); a key computed by a [Template] may be given as its
// text or as its [Parts]. A missing, empty or mistyped value is refused with a
// *validate.Error.
func (s *Schema[T]) Key(hash, rangeValue any) (map[string]types.AttributeValue, error) {
	return s.core.Key(hash, rangeValue)
}

// Update runs the write pipeline for an update: it validates and encodes the changes, all
// together, and returns the actions to send (SET, ADD, DELETE, REMOVE) with the timestamps and
// expiry added. Per operator (see the matrix in docs/schema.md): SET values (and
// [UpdateSetIfAbsent]'s) go through the type check, the set transforms (once), the validators
// and enum (a map value also through its nested attributes' defaults, required and so on), and
// a required struct field's zero value is refused, as a put refuses it; an empty value of a
// field tagged omitempty is a REMOVE, as a put leaves it out; [UpdateAppend] checks its
// elements as the list's elements, and refuses a list whose own check or Setter needs the
// whole list; ADD needs a number or a set attribute and DELETE a set attribute, with a value
// of its type (a set's elements trimmed and cased as a put stores them); REMOVE of a required attribute is refused, and REMOVE of a
// top-level attribute with a default sets the default instead; a ForceDefault attribute is set
// to its default by every update (as Dynamoose does); key attributes cannot be changed. A
// combined attribute is recomputed when all its sources are set (updatedAt counts as set; a
// ForceDefault source alone does not count), from their values as SET stores them and through
// its own SET steps, as a put builds it; the update is refused when only some sources are set,
// when a source is set only if absent, and when the combined attribute is a key of the table.
// So is a [Template] attribute that is not a key of the table (the parts of a table key's
// template cannot be changed). updatedAt is added as a SET (unless a change sets it). Every
// refused change is reported in one *validate.Error; no changes at all is [ErrEmptyUpdate].
// The actions start with one per change, in the order of the changes (actions[i] is
// changes[i]'s, so a caller can write each as the method it came from asked, an append or a
// prepend); the actions Update adds (recomputed attributes, timestamps, expiry) follow.
//
// With a createdAt attribute, Update adds a SET of it to now marked [Action.IfAbsent], since
// an update of a key with no item creates the item (unless a change sets or removes
// createdAt itself). The expiry attribute of Expires is added the same way, with the expiry
// a put would give (DefaultExpires, or now plus the ttl), so an item an update creates
// expires too, and an update of a stored item leaves its expiry alone.
func (s *Schema[T]) Update(changes []Change, opts ...WriteOption) ([]Action, error) {
	return s.core.Update(changes, opts...)
}

// Layout returns the table's key schema and secondary indexes.
func (s *Schema[T]) Layout() index.Layout { return s.core.Layout() }

// HashKey returns the name of the table's hash key attribute.
func (s *Schema[T]) HashKey() string { return s.core.HashKey() }

// RangeKey returns the name of the table's range key attribute, or "" when there is none.
func (s *Schema[T]) RangeKey() string { return s.core.RangeKey() }

// TTL returns the attribute DynamoDB's time to live reads, when the schema has [Expires].
func (s *Schema[T]) TTL() (attribute string, ok bool) { return s.core.TTL() }

// TableSettings returns the settings of the table the schema declares beside its keys and
// indexes: billing, stream, class and tags. The pipelines do not use them; package
// tablesync creates and updates tables with them.
func (s *Schema[T]) TableSettings() TableSettings {
	t := s.settings
	t.Tags = maps.Clone(t.Tags)
	return t
}

// TableSettings are the settings of a table that are not about its items, given to [For]
// and [New] by the options [Throughput] or [OnDemand], [Stream], [TableClass] and [Tags]
// (Dynamoose's table options of the same names).
type TableSettings struct {
	// Billing is on demand, or provisioned with its throughput; 1 read and 1 write unit
	// when no option sets it, as in Dynamoose.
	Billing index.Billing
	// Stream is the view type of the table's stream (NEW_IMAGE, OLD_IMAGE,
	// NEW_AND_OLD_IMAGES, KEYS_ONLY); empty when the table has no stream.
	Stream types.StreamViewType
	// Class is the table class (STANDARD or STANDARD_INFREQUENT_ACCESS); empty when the
	// schema sets none.
	Class types.TableClass
	// Tags are the table's tags; nil when the schema sets none.
	Tags map[string]string
}

// tableSettings returns the table settings the options gave.
func (c *config) tableSettings() TableSettings {
	return TableSettings{Billing: c.billing, Stream: c.streamView, Class: c.tableClass, Tags: maps.Clone(c.tags)}
}

// Definition is what a schema declares of its table, whatever its item type: the keys and
// indexes, the time to live attribute and the table settings. Every *Schema[T] is one;
// package tablesync reads schemas through it.
type Definition interface {
	Layout() index.Layout
	TTL() (attribute string, ok bool)
	TableSettings() TableSettings
}

var _ Definition = (*Schema[map[string]any])(nil)
