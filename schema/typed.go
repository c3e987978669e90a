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

// KeyOf encodes the primary key of an item. Key attributes that are constants, defaults or
// combined attributes are computed as a write would.
func (s *Schema[T]) KeyOf(item *T) (map[string]types.AttributeValue, error) {
	return s.core.KeyOf(item)
}

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
