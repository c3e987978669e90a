// Package servercaps asks a DynamoDB server which of the optional parts of DynamoDB's API it
// implements, by trying each one on a table of its own.
//
// Local servers implement DynamoDB's API in part: dynalite, for one, has no transactions and no
// UpdateTimeToLive. Tests and the demo do not decide what a server can do from its name: they
// call [Probe] for the capabilities they need (tests through package dynamotest, once per
// capability and test binary, when a test first asks) and read the answer ([Set.Has],
// [Set.Why]), which names the operation that answered and what it said, so that a skipped
// test or demo step says why.
//
// # Cost
//
// Probe creates one on-demand table (named dynamodel_probe_ and a random suffix), writes one
// item, tries each capability on it (or those it is asked for) and deletes it. On dynalite this takes about 0.6 s, nearly
// all of it the half second dynalite keeps a new table CREATING; on AWS it takes as long as
// creating a table, adding a global index to it and deleting it (minutes; creating the table
// alone when [IndexUpdates] is not asked for), and costs a few request units. [MultiAttributeKeys]
// is tried on a second table of its own (the probe table's name and "_mk"), created with a
// global index keyed on several attributes, since a server without such keys refuses the
// whole CreateTable; a server that refuses answers at once.
package servercaps
