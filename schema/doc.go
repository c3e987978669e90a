// Package schema owns the Schema: the ordered attributes of a model with their settings, the
// schema options (timestamps, expires, unknown attributes, throughput, table class, streams,
// tags), the checks made once at construction, and the write and read pipelines every item
// passes through.
package schema
