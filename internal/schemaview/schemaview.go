// Package schemaview gives the packages of this module (model, relation, dynamodelcli) what
// they need of a compiled schema beyond its public methods: the machinery of queries,
// conditions and the command line, which users of package schema have no use for.
//
// Package schema registers, when it is initialized, the function that returns the view of a
// *schema.Schema[T] (Register); callers get it with Of. The view is the schema itself, read
// through an interface, so a view costs nothing and is safe for concurrent use.
package schemaview

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// View is what the module's own packages read of a compiled schema.
type View interface {
	// Attributes returns the stored names of the item's top-level attributes, in schema
	// order: struct fields first, then the attributes that exist only in stored items.
	Attributes() []string
	// Path resolves a dotted path of stored names, aliases or Go field names (lists are
	// transparent: items[2].qty) to the stored path.
	Path(path string) (attr.Path, error)
	// TypeAt returns the type of the attribute at path; attr.Invalid for an attribute of any
	// type.
	TypeAt(path string) (attr.Type, error)
	// Value encodes v as the attribute at path stores it: a condition's value.
	Value(path string, v any) (types.AttributeValue, error)
	// Templates returns the attributes computed by a template, in schema order.
	Templates() []KeyTemplate
	// PartsOf reads the parts of the template attribute name back from its text key, by
	// the parts' stored names, as they store them.
	PartsOf(name, key string) (map[string]types.AttributeValue, error)
	// Combines returns the attributes computed by Combine, in schema order.
	Combines() []Combined
	// HashKeyOf encodes the hash key of an item (a *T of the schema's T, or a
	// map[string]any) alone, computed as KeyOf computes it.
	HashKeyOf(item any) (types.AttributeValue, error)
	// HidesExpired reports whether reads treat an item whose expiry time has passed as
	// absent, so that queries and scans must filter such items out.
	HidesExpired() bool
	// Expired reports whether a stored item's expiry time has passed.
	Expired(item map[string]types.AttributeValue) bool
	// Now is the schema's clock.
	Now() time.Time
	// HashKey and RangeKey return the names of the table's key attributes, as the
	// schema's methods of the same names do.
	HashKey() string
	RangeKey() string
	// TTL returns the attribute DynamoDB's time to live reads, as Schema.TTL does.
	TTL() (attribute string, ok bool)
}

// KeyTemplate is an attribute computed by a template: its stored name, its pattern
// ("ROLE#{roleId}") and the stored names of its parts, in pattern order.
type KeyTemplate struct {
	Attribute string
	Pattern   string
	Parts     []string
}

// Combined is an attribute computed by Combine: its stored name, the stored names of its
// sources in order, and those of them that are constants.
type Combined struct {
	Attribute string
	Sources   []string
	Constants []string
}

var of func(s any) (View, bool)

// Register sets the function that returns the view of a schema. Package schema calls it
// once, from an init function.
func Register(f func(s any) (View, bool)) {
	if of != nil {
		panic("schemaview: Register called twice")
	}
	of = f
}

// Of returns the view of s, a *schema.Schema[T] of any T. It panics when s is anything
// else: a caller passes its own schema.
func Of(s any) View {
	v, ok := of(s)
	if !ok {
		panic(fmt.Sprintf("schemaview: %T is not a schema", s))
	}
	return v
}
