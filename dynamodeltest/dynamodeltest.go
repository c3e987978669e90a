package dynamodeltest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/tablesync"
)

// Main runs the tests of a package against a DynamoDB server; call it from TestMain:
//
//	func TestMain(m *testing.M) { dynamodeltest.Main(m) }
//
// When $DYNAMODB_ENDPOINT is set, Main uses that server and starts nothing. Otherwise it
// installs dynalite (an open-source server in Node.js; needs node and npm on the PATH) once into
// ~/.cache/dynamodel (or $DYNAMODEL_CACHE), starts it on a free loopback port for this test
// binary, and sets $DYNAMODB_ENDPOINT to it. Main then runs the tests, stops the server it
// started, and exits with the tests' exit code. When no server can be had it prints why and
// exits with 1.
func Main(m *testing.M) { dynamotest.Main(m) }

// Option configures [Client].
type Option func(*config)

type config struct {
	transport http.RoundTripper
	dbOpts    []func(*dynamodb.Options)
}

// WithTransport sends the client's requests through rt, for instance a *fault.Transport that
// injects faults (package dynamodeltest/fault). The tables are still deleted at cleanup by a
// client of their own, without rt.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) { c.transport = rt }
}

// WithDynamoDBOptions changes the options of the SDK client, for instance its Retryer, as the
// program under test configures its own.
func WithDynamoDBOptions(f func(*dynamodb.Options)) Option {
	return func(c *config) { c.dbOpts = append(c.dbOpts, f) }
}

var (
	runID   = fmt.Sprintf("dmt%x", time.Now().UnixNano()&0xffffffffff)
	clients atomic.Int64
)

// maxNameInPrefix bounds the part of the prefix taken from the test's name, so that table names
// stay well under DynamoDB's 255 characters.
const maxNameInPrefix = 48

// Client returns a client of the test server whose table names carry a prefix unique to this
// test binary and this call, e.g. "dmt1a2b3c4d5e_TestSignup_1_": tests that run in parallel, or
// test binaries that share one server, never see each other's tables. Models bound to it with
// [dynamodel.NewModel] store their items in prefixed tables; create them with [Sync] (or
// Client.Sync).
//
// When the test ends, every table whose name starts with the prefix is deleted, however it was
// created. Client fails the test when no server is known: call [Main] from TestMain, or set
// $DYNAMODB_ENDPOINT.
func Client(t testing.TB, opts ...Option) *dynamodel.Client {
	t.Helper()
	endpoint := os.Getenv(dynamodel.EndpointEnv)
	if endpoint == "" {
		t.Fatalf("dynamodeltest: no DynamoDB server: call dynamodeltest.Main(m) from TestMain, or set %s", dynamodel.EndpointEnv)
		return nil
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	prefix := fmt.Sprintf("%s_%s_%d_", runID, nameForTable(t.Name()), clients.Add(1))
	db := newDB(endpoint, cfg)
	t.Cleanup(func() {
		if err := dynamotest.DeleteTables(newDB(endpoint, config{}), prefix); err != nil {
			t.Errorf("dynamodeltest: delete the tables of %s: %v", t.Name(), err)
		}
	})
	return clientOf(db, prefix)
}

func clientOf(db *dynamodb.Client, prefix string) *dynamodel.Client {
	// Open never fails when given a DynamoDB client: it reads no configuration.
	c, err := dynamodel.Open(context.Background(), dynamodel.WithDynamoDBClient(db), dynamodel.WithTablePrefix(prefix))
	if err != nil {
		panic("dynamodeltest: " + err.Error())
	}
	return c
}

// newDB returns an SDK client of the server at endpoint, with the placeholder credentials
// local servers accept.
func newDB(endpoint string, cfg config) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "local", SecretAccessKey: "local"}, nil
		}),
		// Local servers compute X-Amz-Crc32 differently on some responses.
		DisableValidateResponseChecksum: true,
	}, func(o *dynamodb.Options) {
		if cfg.transport != nil {
			o.HTTPClient = &http.Client{Transport: cfg.transport}
		}
		for _, f := range cfg.dbOpts {
			f(o)
		}
	})
}

// nameForTable keeps the characters of a test's name that table names allow ("TestA/sub case"
// becomes "TestA_sub_case"), at most maxNameInPrefix of them.
func nameForTable(name string) string {
	b := []byte(name)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
		if !ok {
			b[i] = '_'
		}
	}
	if len(b) > maxNameInPrefix {
		b = b[:maxNameInPrefix]
	}
	return string(b)
}

// Sync creates the tables of models, with the indexes, time to live and other settings their
// schemas declare, and waits until they are active; it fails the test if it cannot. The models
// should be bound to a client from [Client], whose cleanup deletes the tables.
func Sync(t testing.TB, c *dynamodel.Client, models ...dynamodel.Syncable) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := c.Sync(ctx, tablesync.CreateOnly, models...); err != nil {
		t.Fatalf("dynamodeltest: create the tables: %v", err)
	}
}
