// Package tablesync compares the tables that schemas want with the live tables, produces a
// Plan of the changes, applies it safely, and exports table definitions for infrastructure as
// code.
//
// A [Spec] is what a program wants one table to be: its name, keys and indexes
// ([index.Layout]), billing, time-to-live attribute, tags, stream and table class.
// [FromSchema] makes one from a model's schema. Several definitions that name the same table
// (several models in one table) are merged wherever a function takes a list of tables.
//
// # Plan
//
// [Plan] reads the live tables (DescribeTable, DescribeTimeToLive, ListTagsOfResource) and
// returns [Changes]: the [Step] list that would make each table what its definition wants,
// each with what changes and why. It changes nothing. Changes prints as a diff and encodes as
// JSON:
//
//	table orders
//	  + create index byEmail: GSI (email S), projection ALL
//	      the definition has this global index and the table does not; ...
//
// The comparison covers keys, local and global indexes (keys, projection, throughput),
// billing mode and throughput, stream, table class, time to live and tags. What a server
// cannot report (tags on DynamoDB Local, for one) is listed in Changes.Notes instead of
// failing the plan.
//
// # Apply
//
// [Apply] runs a plan in a safe order: create tables; delete indexes; billing and throughput;
// create indexes one per UpdateTable call; streams; table class; time to live; tags. It waits
// until the table and every index are ACTIVE (and backfilled) before and after each change
// ([WaitForActive], bounded by [WithTimeout] and the context).
//
// Apply never deletes a table or an item. Destructive steps (deleting a global index,
// disabling time to live or a stream, changing the time-to-live attribute or the stream view
// type) run only with [AllowDestructive]; otherwise they are reported as skipped. Changes
// DynamoDB cannot make in place, a new key schema or new local indexes on an existing table,
// are refused: a plan that holds one is not applied at all, and the *[RefusedError] says what
// to do instead.
//
// # Startup
//
// [Sync] is for a program at startup, in one of four modes ([Mode]): [Off] (no request at
// all), [CreateOnly] (create the missing tables, change nothing else), [Update] (apply the
// plan, without destructive steps) and [Verify] (no DDL; a *[DriftError] lists the
// differences). [ParseMode] reads a mode from a flag or the environment.
//
// # Export
//
// Teams that manage tables with infrastructure as code export the definitions instead of
// syncing them: [Export] returns the CreateTable (and UpdateTimeToLive) requests,
// [ExportJSON] writes them in the AWS CLI's JSON shape, and [ExportCloudFormation] writes a
// template with one AWS::DynamoDB::Table resource per table.
//
// # Definitions from JSON and from live tables
//
// [ReadJSON] reads back what ExportJSON writes (or a file written by hand in the same shape),
// so that a file of definitions can drive Plan and Apply without Go code, as the dynamodel
// command does. [Describe] reads a live table's definition ([FromDescription] converts a
// DescribeTable answer), to export a table that was made by hand or to compare two
// environments.
//
// # Servers
//
// The client is the small [API] interface, which *dynamodb.Client satisfies. Local servers
// lack parts of it: dynalite 4 (the server the project's tests run on) has no UpdateTimeToLive,
// no streams, no table classes, and does not build global indexes on existing tables; DynamoDB
// Local 1.25 has no tagging and no table classes. Unsupported
// tagging, time to live and table classes are reported (as notes of a plan, or skipped steps
// of Apply) rather than failing.
//
// See docs/tablesync.md for a guide.
package tablesync
