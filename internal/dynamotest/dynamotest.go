// Package dynamotest gives integration tests a running DynamoDB server, what it can do, and
// unique table names.
//
// A test package calls [Main] from TestMain. Main uses $DYNAMODB_ENDPOINT when it is set (the
// Makefile starts one dynalite for the whole run and sets it), and otherwise starts a dynalite of
// its own for the package (see package localdynamo), so `go test ./odm_test` works alone too.
// Main then asks the server once which optional parts of DynamoDB's API it has (package
// servercaps); a test that needs one calls [Require], which skips it with the server's answer
// when the server lacks it.
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
	"github.com/dynamodel/dynamodel/internal/servercaps"
)

var (
	server *localdynamo.Server
	caps   servercaps.Set
	runID  = fmt.Sprintf("t%x", time.Now().UnixNano()&0xffffffffff)
	tables atomic.Int64
)

// Main starts (or finds) the server, probes its capabilities, runs the tests with
// DYNAMODB_ENDPOINT set, stops the server it started, and exits.
func Main(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	s, err := localdynamo.FromEnv(ctx, os.Stderr)
	if err == nil {
		os.Setenv("DYNAMODB_ENDPOINT", s.Endpoint)
		caps, err = servercaps.Probe(ctx, Client())
		if err != nil {
			s.Stop()
		}
	}
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dynamodeltest: no test server:", err) // the public name: users of dynamodeltest.Main read it
		os.Exit(1)
	}
	server = s
	code := m.Run()
	s.Stop()
	os.Exit(code)
}

// Client returns a client of the server, with placeholder credentials.
func Client() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(os.Getenv("DYNAMODB_ENDPOINT")),
		Region:       "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "local", SecretAccessKey: "local"}, nil
		}),
		DisableValidateResponseChecksum: true,
	})
}

// Kind names the server, for messages: "dynalite 4.0.0", or "the server at URL" for the one
// DYNAMODB_ENDPOINT names.
func Kind() string { return server.Name }

// Feature is a part of DynamoDB's API that not every server implements.
type Feature = servercaps.Capability

// The features tests ask for; see package servercaps for how each is probed.
const (
	Transactions         = servercaps.Transactions         // TransactWriteItems, TransactGetItems
	TTL                  = servercaps.TTL                  // UpdateTimeToLive, DescribeTimeToLive
	Tagging              = servercaps.Tagging              // TagResource, ListTagsOfResource
	TableClass           = servercaps.TableClass           // DescribeTable shows TableClassSummary
	Streams              = servercaps.Streams              // StreamSpecification on CreateTable, reported
	IndexUpdates         = servercaps.IndexUpdates         // UpdateTable creates a GSI on an on-demand table
	ConditionFailureItem = servercaps.ConditionFailureItem // ReturnValuesOnConditionCheckFailure
	MultiAttributeKeys   = servercaps.MultiAttributeKeys   // GSI keys of several partition and sort attributes
)

// Require skips the test when the server lacks f, with the server's answer as the reason:
// "server lacks transactions (TransactWriteItems answered UnknownOperationException)".
func Require(t testing.TB, f Feature) {
	t.Helper()
	if !caps.Has(f) {
		t.Skipf("server lacks %s (%s)", f, caps.Why(f))
	}
}

// Supports reports whether the server has f.
func Supports(f Feature) bool { return caps.Has(f) }

// Capabilities returns what the probe found, for each capability.
func Capabilities() servercaps.Set { return caps }

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
