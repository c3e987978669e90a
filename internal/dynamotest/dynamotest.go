// Package dynamotest gives integration tests a running DynamoDB server and unique table names.
//
// A test package calls [Main] from TestMain. Main uses $DYNAMODB_ENDPOINT when it is set (the
// Makefile starts one server for the whole run and sets it), and otherwise starts a server of
// its own for the package (see package localdynamo), so `go test ./odm_test` works alone too.
package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/localdynamo"
)

var (
	server *localdynamo.Server
	runID  = fmt.Sprintf("t%x", time.Now().UnixNano()&0xffffffffff)
	tables atomic.Int64
)

// Main starts (or finds) the server, runs the tests with DYNAMODB_ENDPOINT and DYNAMODB_SERVER
// set, stops the server it started, and exits.
func Main(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	s, err := localdynamo.FromEnv(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dynamotest:", err)
		os.Exit(1)
	}
	server = s
	os.Setenv("DYNAMODB_ENDPOINT", s.Endpoint)
	os.Setenv("DYNAMODB_SERVER", string(s.Kind))
	code := m.Run()
	s.Stop()
	os.Exit(code)
}

// Endpoint returns the server's URL.
func Endpoint() string { return server.Endpoint }

// Kind returns which server the tests run against.
func Kind() localdynamo.Kind { return server.Kind }

// Feature is something not every local server supports.
type Feature string

const (
	Transactions Feature = "transactions"          // TransactGetItems, TransactWriteItems
	TTL          Feature = "time to live"          // UpdateTimeToLive, DescribeTimeToLive
	Tagging      Feature = "tagging"               // TagResource, ListTagsOfResource
	TableClass   Feature = "table class reporting" // DescribeTable shows TableClassSummary
	Streams      Feature = "streams"               // StreamSpecification on CreateTable/UpdateTable
	IndexUpdates Feature = "global index updates"  // UpdateTable creating/deleting GSIs takes effect
)

// unsupported lists, per server, what it lacks (seen on DynamoDB Local 1.25.1 and dynalite 4).
var unsupported = map[localdynamo.Kind][]Feature{
	localdynamo.DynamoDBLocal: {Tagging, TableClass},
	localdynamo.Dynalite:      {Transactions, TTL, TableClass, Streams, IndexUpdates},
}

// Require skips the test, with the reason, when the server lacks f.
func Require(t testing.TB, f Feature) {
	t.Helper()
	for _, u := range unsupported[server.Kind] {
		if u == f {
			t.Skipf("%s does not support %s", server.Kind, f)
		}
	}
}

// Supports reports whether the server supports f.
func Supports(f Feature) bool {
	for _, u := range unsupported[server.Kind] {
		if u == f {
			return false
		}
	}
	return true
}

// TableName returns a table name unique to this run and test, e.g. "t18c2f0e_users_3". When
// the test ends, the table is deleted through db if it exists.
func TableName(t testing.TB, db *dynamodb.Client, base string) string {
	t.Helper()
	name := fmt.Sprintf("%s_%s_%d", runID, strings.ReplaceAll(base, "/", "_"), tables.Add(1))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		var nf *types.ResourceNotFoundException
		if err != nil && !errors.As(err, &nf) {
			t.Errorf("delete table %s: %v", name, err)
		}
	})
	return name
}

// RunID is the prefix of every table name of this run, for a table-name prefix in tests of
// prefixes.
func RunID() string { return runID }
