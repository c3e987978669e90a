// Package index owns key schemas and secondary index definitions (global and local, with
// projections and throughput) and the query planner, which picks the index a query uses and
// explains why.
package index
