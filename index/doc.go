// Package index owns key schemas and secondary index definitions (global and local, with
// projections and throughput) and the query planner, which picks the index a query uses and
// explains why.
//
// It sends no requests: it describes tables, checks the descriptions against DynamoDB's rules,
// merges the descriptions of models that share a table, and chooses indexes. Package tablesync
// turns a [Layout] into CreateTable and UpdateTable requests.
//
// # Tables and indexes
//
// A [Layout] is a [KeySchema] (a hash key and an optional range key, each of type S, N or B)
// and its [Index] definitions in declaration order. A global secondary index (GSI) has keys
// of its own; a local secondary index (LSI) shares the table's hash key and has its own range
// key. Each index has a [Projection]: all attributes (the zero value), keys only, or the keys
// and a list of attributes (INCLUDE).
//
// A GSI may have a multi-attribute key (DynamoDB, since November 2025): a partition key of up
// to [MaxKeyAttributes] attributes and a sort key of up to as many, each attribute keeping its
// own type, with no concatenated string. [KeySchema.HashKeys] and [KeySchema.RangeKeys] list
// them in key order, which is the order of the KeySchema elements DynamoDB takes: the
// partition (HASH) attributes first, then the sort (RANGE) ones.
//
// # Billing and throughput
//
// A [Billing] is on demand (PAY_PER_REQUEST) or provisioned with a [Throughput]. A GSI may
// carry its own throughput; when it does not, it inherits the table's
// ([Index.ThroughputFor]). On-demand tables provision nothing, for the table or its indexes.
//
// # Checks
//
// [Layout.Check] reports every problem of a definition together in one *[Error] that wraps
// [ErrInvalid]: missing or mistyped keys, more than [MaxGlobalIndexes] GSIs or
// [MaxLocalIndexes] LSIs, duplicate or malformed index names, an LSI whose hash key is not the
// table's, one attribute declared with two types, malformed projections. These are the rules
// of the [CreateTable] API, checked before any request is sent.
//
// # Several models in one table
//
// In single-table design several models share a table. [Merge] combines their definitions:
// the key schemas must agree, an index declared by several models must be declared the same
// way, and attribute definitions are deduplicated ([Layout.Attributes]). Disagreements are
// reported together in one *[Error] that wraps [ErrConflict].
//
// # Choosing an index for a query
//
// [Layout.Choose] takes the [Conditions] of a query (the attributes compared with =, the one
// attribute with a range condition, and optionally an index the query names) and returns a
// [Choice]: the table or an index, the key condition it allows, the attributes left to a
// filter, and an Explain sentence. The rules are deterministic:
//
//  1. a named index must exist ([ErrUnknownIndex]) and fit;
//  2. the table or an index fits when its hash key is compared with =; an index with a
//     multi-attribute key fits when every partition attribute is compared with = and the
//     constrained sort attributes are a prefix of its sort key, with = on each but the last
//     (which may have a range condition), and Explain names the attribute missing or out of
//     order when it does not;
//  3. one whose key condition uses more key attributes beats one that uses fewer (a range
//     key constrained too beats a hash key alone);
//  4. ties go to the table, then to the index declared first.
//
// When nothing fits, the error is a *[NoIndexError] that lists every candidate and why it was
// turned down.
//
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
package index
