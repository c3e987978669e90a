// Package schema owns the Schema: the ordered attributes of a model with their settings, the
// schema options (timestamps, expires, unknown attributes, throughput, table class, streams,
// tags), the checks made once at construction, and the write and read pipelines every item
// passes through.
//
// # Two ways to build a schema
//
// [For] derives a schema from a Go struct: the dynamo tags give names and storage (see package
// attr), validate tags give go-playground/validator rules, and settings in code give the rest
// (keys, defaults, setters, indexes):
//
//	var users = schema.Must(schema.For[User](
//		schema.Attr("id", schema.HashKey()),
//		schema.Attr("email", schema.Lowercase(), schema.Index(schema.IndexName("EmailIndex"))),
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
// Both produce the same *Schema. Every problem of a schema is reported at construction, all
// together, in one [*Error].
//
// # Pipelines
//
// The model package calls [Schema.Put] or [Schema.Create] to turn an item into the attribute
// values to send, [Schema.Update] to validate and encode the changes of an update,
// [Schema.Key] and [Schema.KeyOf] for keys, [Schema.Value] and [Schema.Path] for conditions,
// and [Schema.Read] to decode what DynamoDB returned. docs/schema.md has the matrix of the
// steps each operation runs. Refused items are reported as a *validate.Error naming every
// failing attribute; nothing is to be sent then.
package schema
