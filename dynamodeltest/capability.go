package dynamodeltest

import (
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/internal/servercaps"
)

// Capability is an optional part of DynamoDB's API, which some test servers lack: dynalite
// has no transactions and no time-to-live API, for one. [Require] and [Supports] ask the
// server about each capability once per test binary, when a test first wants it, by trying
// it (never by the server's name).
type Capability string

// The capabilities [Require] and [Supports] take.
const (
	Transactions         = Capability(servercaps.Transactions)         // TransactWriteItems, TransactGetItems
	TTL                  = Capability(servercaps.TTL)                  // UpdateTimeToLive, DescribeTimeToLive
	Tagging              = Capability(servercaps.Tagging)              // TagResource, ListTagsOfResource
	TableClass           = Capability(servercaps.TableClass)           // DescribeTable reports the table class
	Streams              = Capability(servercaps.Streams)              // DescribeTable reports the stream
	IndexUpdates         = Capability(servercaps.IndexUpdates)         // UpdateTable adds a GSI to an on-demand table
	ConditionFailureItem = Capability(servercaps.ConditionFailureItem) // ReturnValuesOnConditionCheckFailure
	MultiAttributeKeys   = Capability(servercaps.MultiAttributeKeys)   // GSI keys of several partition and sort attributes
)

// Require skips t when the test server lacks c, with the server's answer as the reason:
// "server lacks transactions (TransactWriteItems answered UnknownOperationException)". Call
// it first in a test of code that uses c, so that the test runs where the server has c (AWS,
// or a server given by $DYNAMODB_ENDPOINT) and is reported as skipped elsewhere.
// The first call for c probes the server (on dynalite, about 0.6 s; on AWS, up to minutes);
// a probe that fails fails t. It needs [Main].
func Require(t testing.TB, c Capability) {
	t.Helper()
	dynamotest.Require(t, servercaps.Capability(c))
}

// Supports reports whether the test server has c, probing it on the first call for c, like
// [Require]; it panics if that probe fails. It needs [Main].
func Supports(c Capability) bool { return dynamotest.Supports(servercaps.Capability(c)) }
