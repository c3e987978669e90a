package schema

import (
	"fmt"
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// Option is an option of [New] and [For]: an attribute definition ([Attr]) or a schema
// option such as [Timestamps] or [Throughput].
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type timestampDef struct {
	name   string
	format attr.TimeFormat
	set    bool
	given  bool // the format was given (CreatedAt, UpdatedAt), not implied (Timestamps)
}

type expiresDef struct {
	ttl        time.Duration
	attribute  string
	hide       bool
	defaultFor func(now time.Time) (time.Time, bool)
}

type itemFunc struct {
	option string       // the option that gave it: ItemSetter, ItemGetter, ItemValidator
	typ    reflect.Type // the item type the function takes: a struct type, or map[string]any
	f      func(item any) error
}

// config collects the options of a schema.
type config struct {
	defs         []Def
	billing      index.Billing
	billingSet   bool
	created      timestampDef
	updated      timestampDef
	expires      *expiresDef
	saveUnknown  []string
	saveAll      bool
	errorUnknown bool
	boolText     bool
	docText      bool
	setters      []itemFunc
	getters      []itemFunc
	validators   []itemFunc
	tableClass   types.TableClass
	streamView   types.StreamViewType
	tags         map[string]string
	now          func() time.Time
	problems     []string
}

func (c *config) problem(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// Throughput sets the table's provisioned throughput in read and write capacity units
// (Dynamoose's throughput: {read, write}; a single number is Throughput(n, n)). Without
// Throughput or [OnDemand] a table has 1 read and 1 write unit, as in Dynamoose.
func Throughput(read, write int64) Option {
	return optionFunc(func(c *config) {
		if c.billingSet {
			c.problem("throughput given more than once")
		}
		c.billing, c.billingSet = index.Provisioned(read, write), true
	})
}

// OnDemand bills the table per request (PAY_PER_REQUEST; Dynamoose's throughput "ON_DEMAND").
func OnDemand() Option {
	return optionFunc(func(c *config) {
		if c.billingSet {
			c.problem("throughput given more than once")
		}
		c.billing, c.billingSet = index.OnDemand(), true
	})
}

// Timestamps adds the attributes createdAt and updatedAt, stored as epoch milliseconds, as
// Dynamoose's timestamps: true; a struct field of either name keeps the storage its tag gives.
// Use [CreatedAt] and [UpdatedAt] for other names or storage.
func Timestamps() Option {
	return optionFunc(func(c *config) {
		c.created = timestampDef{name: "createdAt", format: attr.TimeMillis, set: true}
		c.updated = timestampDef{name: "updatedAt", format: attr.TimeMillis, set: true}
	})
}

// CreatedAt adds the attribute name holding the time an item was created, stored in format.
// Create always sets it; put sets it when the item has none; an update sets it only when it
// creates the item (see [Action.IfAbsent]). A struct field stored under name receives it; its
// tag must give the same storage (no option: millis; seconds, iso...), or the schema is refused.
func CreatedAt(name string, format attr.TimeFormat) Option {
	return optionFunc(func(c *config) { c.created = timestampDef{name: name, format: format, set: true, given: true} })
}

// UpdatedAt adds the attribute name holding the time of the last write (create, put and
// update), stored in format. A struct field stored under name receives it, as for [CreatedAt].
func UpdatedAt(name string, format attr.TimeFormat) Option {
	return optionFunc(func(c *config) { c.updated = timestampDef{name: name, format: format, set: true, given: true} })
}

// ExpiresOption is a setting of [Expires].
type ExpiresOption func(*expiresDef)

// Expires makes the table expire items through DynamoDB's time to live: the attribute "ttl"
// (see [TTLAttribute]) holds a time.Time stored as epoch seconds, set to now + ttl on writes
// where it is absent (see [DefaultExpires]). A struct field holding it must be stored in
// seconds (tag option seconds).
func Expires(ttl time.Duration, opts ...ExpiresOption) Option {
	return optionFunc(func(c *config) {
		e := &expiresDef{ttl: ttl, attribute: "ttl"}
		for _, o := range opts {
			if o != nil {
				o(e)
			}
		}
		c.expires = e
	})
}

// TTLAttribute names the attribute holding the expiry time.
func TTLAttribute(name string) ExpiresOption { return func(e *expiresDef) { e.attribute = name } }

// HideExpired makes reads treat items whose expiry time has passed as absent (Dynamoose's
// returnExpired: false), since DynamoDB deletes expired items only eventually. See [ErrExpired].
func HideExpired() ExpiresOption { return func(e *expiresDef) { e.hide = true } }

// DefaultExpires computes the expiry time of an item written without one, instead of now + ttl;
// returning false leaves the item without expiry.
func DefaultExpires(f func(now time.Time) (time.Time, bool)) ExpiresOption {
	return func(e *expiresDef) { e.defaultFor = f }
}

// SaveUnknown keeps attributes the schema does not declare. With no patterns every unknown
// attribute is kept; else only those whose path matches a pattern, where "*" matches one path
// segment and "**" any number of them (list positions are segments): "settings.*",
// "metadata.**". As in Dynamoose, a pattern keeps the attribute it names, not what lies below
// it: a map or list it keeps holds only the members some pattern keeps too, so under
// "address.*" a map address.metadata is stored empty, and "address.**" keeps it whole.
// Without SaveUnknown unknown attributes are dropped, or refused with
// [ErrorUnknown]. A struct's field tagged unknown implies SaveUnknown() for the item's own
// level. A struct without such a field has nowhere to keep unknown attributes: [For] refuses
// SaveUnknown() on it, and patterns that do not start with one of its attributes (a map
// field, "meta.*"). Unknown attributes inside a nested struct are kept only in that struct
// type's own field tagged unknown: SaveUnknown that reaches inside a nested struct type
// without one is refused at construction (a read-then-put would lose them).
func SaveUnknown(patterns ...string) Option {
	return optionFunc(func(c *config) {
		if len(patterns) == 0 {
			c.saveAll = true
			return
		}
		c.saveUnknown = append(c.saveUnknown, patterns...)
	})
}

// ErrorUnknown refuses unknown attributes that SaveUnknown does not keep: a write fails with a
// validation error, and a read of a stored item holding one fails.
func ErrorUnknown() Option { return optionFunc(func(c *config) { c.errorUnknown = true }) }

// BooleansAsStrings stores boolean attributes as older Dynamoose versions did with
// useNativeBooleans: false: S "true" or "false" instead of BOOL. Use it to read and write a
// table those versions wrote. Reads also accept a BOOL. It applies to the item's own
// attributes; a boolean inside a map or list is part of that map's storage.
func BooleansAsStrings() Option { return optionFunc(func(c *config) { c.boolText = true }) }

// DocumentsAsJSON stores map and list attributes as older Dynamoose versions did with
// useDocumentTypes: false: their JSON text (JSON.stringify) in an S instead of M or L. Use it
// to read and write a table those versions wrote. Numbers keep their text, NULL is null;
// a set or binary value inside has no JSON form and is refused. Reads also accept an M or L.
// It applies to the item's own attributes; an update, condition or projection path inside one
// ("meta.k") is refused with [ErrLegacyValue], as the server holds text.
func DocumentsAsJSON() Option { return optionFunc(func(c *config) { c.docText = true }) }

// itemFuncOf wraps f, given by option, to take its item as any. T is checked against the
// schema's item type when the schema is built (see builder.finish): options are not typed by
// the schema, so a function of another type is a construction problem, not a compile error.
func itemFuncOf[T any](option string, f func(*T) error) itemFunc {
	return itemFunc{option: option, typ: reflect.TypeFor[T](), f: func(item any) error { return f(item.(*T)) }}
}

// ItemSetter transforms the whole item before the attribute steps of every write; T is the
// schema's struct type, or map[string]any for schemas built by [New]. It receives a copy of
// the caller's item, nested structs included; maps and slices of other values are shared with
// the caller: replace them rather than changing them in place.
func ItemSetter[T any](f func(item *T) error) Option {
	return optionFunc(func(c *config) {
		if f == nil {
			c.problem("nil item setter")
			return
		}
		c.setters = append(c.setters, itemFuncOf("ItemSetter", f))
	})
}

// ItemGetter transforms the whole item after the attribute get transforms of every read.
func ItemGetter[T any](f func(item *T) error) Option {
	return optionFunc(func(c *config) {
		if f == nil {
			c.problem("nil item getter")
			return
		}
		c.getters = append(c.getters, itemFuncOf("ItemGetter", f))
	})
}

// ItemValidator checks the whole item after the attribute validators of every put (for
// rules across attributes); an error refuses the item and is reported as the rule "item". It
// sees the item as it is to be stored: defaults, set transforms, timestamps, expiry, combined
// attributes and [Template] keys are all computed. Update has no whole item and runs none.
func ItemValidator[T any](f func(item *T) error) Option {
	return optionFunc(func(c *config) {
		if f == nil {
			c.problem("nil item validator")
			return
		}
		c.validators = append(c.validators, itemFuncOf("ItemValidator", f))
	})
}

// TableClass sets the table class (STANDARD or STANDARD_INFREQUENT_ACCESS).
func TableClass(class types.TableClass) Option {
	return optionFunc(func(c *config) { c.tableClass = class })
}

// Stream enables the table's stream with the given view (NEW_IMAGE, OLD_IMAGE,
// NEW_AND_OLD_IMAGES, KEYS_ONLY).
func Stream(view types.StreamViewType) Option {
	return optionFunc(func(c *config) {
		if view == "" {
			c.problem("Stream needs a view type")
			return
		}
		c.streamView = view
	})
}

// Tags adds tags to the table.
func Tags(tags map[string]string) Option {
	return optionFunc(func(c *config) {
		if c.tags == nil {
			c.tags = make(map[string]string, len(tags))
		}
		for k, v := range tags {
			c.tags[k] = v
		}
	})
}

// Clock sets the function giving the current time for timestamps and expiry; time.Now by
// default. Tests use it to make items predictable.
func Clock(now func() time.Time) Option {
	return optionFunc(func(c *config) { c.now = now })
}
