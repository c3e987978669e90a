// Package attr owns the attribute type system of Dynamodel (S, N, B, BOOL, NULL, M, L, SS, NS,
// BS; dates stored as epoch milliseconds, epoch seconds or ISO 8601 text; big numbers; any
// values) and the codec between Go values and DynamoDB attribute values, compiled once per Go
// type.
package attr
