// Package schema owns the Schema: the ordered attributes of a model with their settings, the
// schema options (timestamps, expires, unknown attributes), the checks made once at
// construction, and the write and read pipelines every item passes through. The table
// options a schema also accepts (throughput, table class, streams, tags) are kept apart, as
// [TableSettings].
//
// # Two ways to build a schema
//
// [For] derives a schema from a Go struct: the dynamo tags give names and storage (see package
// attr), validate tags give go-playground/validator rules, and settings in code give the rest
// (keys, defaults, setters, indexes). Settings reach nested fields by dotted path, and an
// [Attr] naming no field adds an attribute that exists only in stored items, such as a
// [Combine] key:
//
//	var users = schema.Must(schema.For[User](
//		schema.Attr("id", schema.HashKey()),
//		schema.Attr("email", schema.Lowercase(), schema.Index(schema.IndexName("EmailIndex"))),
//		schema.Attr("address.city", schema.Required()),
//		schema.Attr("name", schema.Combine("#", "last", "first"), schema.Index()),
//		schema.Timestamps(),
//	))
//
// [New] builds a schema for items held as map[string]any, from attribute definitions in code,
// each with a type:
//
//	schema.New(
//		schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
//		schema.Attr("address", schema.Map(schema.Attr("city", schema.Type(attr.S), schema.Required()))),
//	)
//
// For[T] returns a *Schema[T] and New a *Schema[map[string]any]: the schema carries its item
// type, so its pipelines take *T and a model of another type does not compile. A schema with
// no [HashKey] uses its first attribute, as Dynamoose does. docs/schema.md maps every Dynamoose setting and option to its spelling here.
//
// # Checks at construction
//
// Every problem of a schema is found at construction and reported together, one per line, in
// one [*Error] that wraps [ErrInvalid]: keys missing or of a non-key type, keys and indexes
// inside nested attributes, index names and limits, dotted names, timestamps also declared,
// enum values and defaults of the wrong type, validator tags that do not exist, settings that
// disagree with a struct field. [Must] is for package-level variables only.
//
// # Pipelines
//
// [Schema.Put] or [Schema.Create] turn an item into the attribute values to send,
// [Schema.Update] validates and encodes the changes of an update, [Schema.Key] and
// [Schema.KeyOf] encode keys, and [Schema.Read] decodes what DynamoDB returned. The model
// package calls them (a program that uses the SDK directly may too), and encodes the values
// of conditions with the same codecs. The write steps compute every value before they check
// any: unknown attributes, type check, defaults, set transforms with trim and case,
// timestamps and expiry, constants and combined attributes (from the sources as stored),
// [Template] keys; then validators, item validators, required and enum, which see the item as
// it is to be stored; then encoding with the item's compiled codec and the checks of keys and
// size.
// docs/schema.md has the matrix of the steps each operation runs. The caller's item is never
// modified.
//
// # Key templates
//
// [Template] writes a key from a pattern over other attributes, as single-table designs do:
// Template("ROLE#{id}"), Template("PERMISSION#{permissionId}#{createdAt}"),
// Template("RANK#{rank:04}"). Dynamoose has no templates. Writes compute the key, updates
// recompute index keys whose parts all change, reads fill parts an item does not store from
// the key, and conditions take [Parts] or a [Prefix] instead of the key's text.
//
// # Errors
//
// A refused item or update is a *validate.Error naming every failing attribute by its path
// (addresses[0].city) with the rule and the value; errors.Is(err, validate.ErrInvalid) tells it
// from other failures, and nothing is to be sent then. Other outcomes callers branch on are
// sentinels: [ErrItemType], [ErrItemTooLarge], [ErrExpired], [ErrUnknown], [ErrEmptyUpdate].
//
// # Concurrency
//
// A Schema is immutable after construction and safe for concurrent use; setters, getters,
// defaults and validators given to it may be called from several goroutines at once.
package schema
