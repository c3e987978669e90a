// Package dynamotest gives integration tests a running DynamoDB server, what it can do, and
// unique table names.
//
// A test package calls [Main] from TestMain. Main uses $DYNAMODB_ENDPOINT when it is set (the
// Makefile starts one dynalite for the whole run and sets it), and otherwise starts a dynalite of
// its own for the package (see package localdynamo), so `go test ./odm_test` works alone too.
// A test that needs an optional part of DynamoDB's API calls [Require], which skips it with
// the server's answer when the server lacks it, or asks [Supports]. The server is asked
// (package servercaps) about each capability once per test binary, when a test first wants
// it, so a test binary that wants none pays nothing at start (a probe takes 0.6 s on dynalite
// and minutes on AWS).
package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
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
	runID  = fmt.Sprintf("t%x", time.Now().UnixNano()&0xffffffffff)
	tables atomic.Int64
)

// Main starts (or finds) the server, runs the tests with DYNAMODB_ENDPOINT set, stops the
// server it started, and exits. It probes no capability: [Require] and [Supports] do, each
// once, when a test first asks.
func Main(m *testing.M) { MainFunc(m.Run) }

// MainFunc is [Main] for a TestMain that does more around the tests (sets up what examples
// use, deletes what they leave): it calls run with the server up and DYNAMODB_ENDPOINT set,
// and exits with the code run returns, which is m.Run's.
func MainFunc(run func() int) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	s, err := localdynamo.FromEnv(ctx, os.Stderr)
	cancel()
	if err == nil {
		os.Setenv("DYNAMODB_ENDPOINT", s.Endpoint)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dynamodeltest: no test server:", err) // the public name: users of dynamodeltest.Main read it
		os.Exit(1)
	}
	server = s
	code := run()
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
func Kind() string {
	if server == nil {
		return "no server"
	}
	return server.Name
}

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
// "server lacks transactions (TransactWriteItems answered UnknownOperationException)". The
// first call for f probes the server (see [Capabilities]); a probe that fails fails the test.
func Require(t testing.TB, f Feature) {
	t.Helper()
	probed.require(t, f)
}

// Supports reports whether the server has f. The first call for f probes the server (see
// [Capabilities]); Supports panics if that probe fails, since neither answer would be true.
func Supports(f Feature) bool { return probed.supports(f) }

// Capabilities returns the server's answer for each of fs (none: every capability). Each
// capability is probed once per test binary, by the first call that asks for it; the
// capabilities one call is the first to ask for are probed together, on one probe table, and
// a call that wants a capability another call is probing waits for that answer. A probe's
// other answers (creating the probe table always answers [Streams] and [TableClass]) are kept
// too. Safe for parallel tests. A probe that fails (the server is unreachable, the context
// ends) returns its error to every call that wants one of its capabilities.
func Capabilities(fs ...Feature) (servercaps.Set, error) { return probed.get(fs...) }

// probed holds the answers of this test binary's server.
var probed = newAnswers(func(ctx context.Context, only ...Feature) (servercaps.Set, error) {
	if server == nil {
		return nil, errors.New("no test server: the package's TestMain must call dynamotest.Main")
	}
	return servercaps.Probe(ctx, Client(), only...)
})

// answers holds each capability's answer, or the probe under way for it.
type answers struct {
	probe func(ctx context.Context, only ...Feature) (servercaps.Set, error)
	mu    sync.Mutex
	of    map[Feature]*answer
}

// answer is one capability's answer; done is closed once Result or err is set.
type answer struct {
	servercaps.Result
	err  error
	done chan struct{}
}

func newAnswers(probe func(ctx context.Context, only ...Feature) (servercaps.Set, error)) *answers {
	return &answers{probe: probe, of: make(map[Feature]*answer)}
}

func (as *answers) require(t testing.TB, f Feature) {
	t.Helper()
	set, err := as.get(f)
	if err != nil {
		t.Fatalf("cannot tell whether %s has %s: %v", Kind(), f, err)
		return
	}
	if !set.Has(f) {
		t.Skipf("server lacks %s (%s)", f, set.Why(f))
	}
}

func (as *answers) supports(f Feature) bool {
	set, err := as.get(f)
	if err != nil {
		panic(fmt.Sprintf("dynamotest: cannot tell whether %s has %s: %v", Kind(), f, err))
	}
	return set.Has(f)
}

func (as *answers) get(fs ...Feature) (servercaps.Set, error) {
	if len(fs) == 0 {
		fs = servercaps.All
	}
	mine := make(map[Feature]*answer)
	found := make(map[Feature]*answer, len(fs))
	as.mu.Lock()
	for _, f := range fs {
		a := as.of[f]
		if a == nil {
			a = &answer{done: make(chan struct{})}
			as.of[f] = a
			mine[f] = a
		}
		found[f] = a
	}
	as.mu.Unlock()
	if len(mine) > 0 {
		as.ask(mine)
	}
	set := make(servercaps.Set, len(fs))
	for f, a := range found {
		<-a.done
		if a.err != nil {
			return nil, a.err
		}
		set[f] = a.Result
	}
	return set, nil
}

// ask probes the capabilities of mine, whose answers only this call sets, and keeps the
// probe's other answers that no call has yet.
func (as *answers) ask(mine map[Feature]*answer) {
	only := slices.Sorted(maps.Keys(mine)) // never empty: Probe of none probes all
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	set, err := as.probe(ctx, only...)
	for f, a := range mine {
		a.Result, a.err = set[f], err
		if err == nil && a.Evidence == "" {
			a.Result = servercaps.Result{Evidence: "the probe gave no answer"}
		}
		close(a.done)
	}
	as.mu.Lock()
	defer as.mu.Unlock()
	for f, r := range set {
		if as.of[f] == nil {
			a := &answer{Result: r, done: make(chan struct{})}
			close(a.done)
			as.of[f] = a
		}
	}
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

// DeleteTables deletes every table whose name starts with prefix: a test's tables, or those
// of a package's examples, which have no t.Cleanup.
func DeleteTables(db *dynamodb.Client, prefix string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var errs []error
	p := dynamodb.NewListTablesPaginator(db, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("list tables: %w", err))...)
		}
		for _, name := range page.TableNames {
			if !strings.HasPrefix(name, prefix) {
				if name > prefix {
					return errors.Join(errs...) // names are listed in order: no more of ours
				}
				continue
			}
			if err := deleteTable(ctx, db, name); err != nil {
				errs = append(errs, fmt.Errorf("delete table %s: %w", name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// deleteTable deletes the table name; a table still being created or updated (a test that
// failed half-way) is waited for until it is active, then deleted. The table may still be
// listed, DELETING, when deleteTable returns.
func deleteTable(ctx context.Context, db *dynamodb.Client, name string) error {
	in := &dynamodb.DeleteTableInput{TableName: aws.String(name)}
	_, err := db.DeleteTable(ctx, in)
	var inUse *types.ResourceInUseException
	if errors.As(err, &inUse) {
		w := dynamodb.NewTableExistsWaiter(db, func(o *dynamodb.TableExistsWaiterOptions) { o.MinDelay = 100 * time.Millisecond })
		if err = w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, time.Minute); err == nil {
			_, err = db.DeleteTable(ctx, in)
		}
	}
	var nf *types.ResourceNotFoundException
	if errors.As(err, &nf) {
		return nil
	}
	return err
}
