package dynamodeltest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
)

type item struct {
	ID string `dynamo:"id"`
}

var itemSchema = schema.Must(schema.For[item](schema.Attr("id", schema.HashKey())))

// tableNames lists the tables whose names start with prefix, leaving out those being deleted.
func tableNames(t *testing.T, db *dynamodb.Client, prefix string) []string {
	t.Helper()
	var names []string
	p := dynamodb.NewListTablesPaginator(db, &dynamodb.ListTablesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("ListTables: %v", err)
		}
		for _, n := range page.TableNames {
			if !strings.HasPrefix(n, prefix) {
				continue
			}
			out, err := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(n)})
			var nf *types.ResourceNotFoundException
			if errors.As(err, &nf) || err == nil && out.Table.TableStatus == types.TableStatusDeleting {
				continue
			}
			if err != nil {
				t.Fatalf("DescribeTable(%s): %v", n, err)
			}
			names = append(names, n)
		}
	}
	return names
}

func createTable(t *testing.T, db *dynamodb.Client, name string) {
	t.Helper()
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable(%s): %v", name, err)
	}
}

// TestCleanupDeletesEveryTableWithThePrefixAndNoOther syncs a model and creates a table by
// hand on a test client; when that test ends both must be gone, and a table whose name only
// extends the prefix's run and test parts (another client's) must remain.
func TestCleanupDeletesEveryTableWithThePrefixAndNoOther(t *testing.T) {
	db := newDB(dynamodelEndpoint(t), config{})
	var prefix, other string
	t.Run("uses tables", func(t *testing.T) {
		c := Client(t)
		prefix = c.TablePrefix()
		m, err := dynamodel.NewModel[item](c, "items", itemSchema)
		if err != nil {
			t.Fatal(err)
		}
		Sync(t, c, m)
		createTable(t, db, c.TableName("by_hand"))
		// The same run, test and a client number that extends this one's ("_1_" → "_10_").
		other = strings.TrimSuffix(prefix, "_") + "0_other"
		createTable(t, db, other)
		if got := tableNames(t, db, prefix); len(got) != 2 {
			t.Fatalf("tables with prefix %s during the test: %v; want 2", prefix, got)
		}
	})
	t.Cleanup(func() { db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(other)}) })
	if got := tableNames(t, db, prefix); len(got) != 0 {
		t.Errorf("tables with prefix %s after the test: %v; want none", prefix, got)
	}
	if got := tableNames(t, db, other); len(got) != 1 {
		t.Errorf("table %s of another prefix after the test: %v; want it kept", other, got)
	}
}

func dynamodelEndpoint(t *testing.T) string {
	t.Helper()
	ep := os.Getenv(dynamodel.EndpointEnv)
	if ep == "" {
		t.Fatal("no server")
	}
	return ep
}

func TestClientsHaveDistinctPrefixesNamedAfterTheTest(t *testing.T) {
	a, b := Client(t), Client(t)
	if a.TablePrefix() == b.TablePrefix() {
		t.Fatalf("two clients share the prefix %q", a.TablePrefix())
	}
	for _, c := range []*dynamodel.Client{a, b} {
		if p := c.TablePrefix(); !strings.HasPrefix(p, runID+"_TestClientsHaveDistinctPrefixesNamedAfterTheTest_") || !strings.HasSuffix(p, "_") {
			t.Errorf("prefix %q; want %s_<test name>_<n>_", p, runID)
		}
	}
}

func TestNameForTable(t *testing.T) {
	tests := []struct{ name, want string }{
		{"TestA", "TestA"},
		{"TestA/sub case#01", "TestA_sub_case_01"},
		{"Test.x-y_z", "Test.x-y_z"},
		{"TestÄ", "Test__"},
		{strings.Repeat("x", 60), strings.Repeat("x", maxNameInPrefix)},
	}
	for _, tt := range tests {
		if got := nameForTable(tt.name); got != tt.want {
			t.Errorf("nameForTable(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// fatalTB records the message of Fatalf and stops the goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper()      {}
func (f *fatalTB) Name() string { return "fake" }
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestClientFailsTheTestWithoutAServer(t *testing.T) {
	t.Setenv(dynamodel.EndpointEnv, "")
	f := &fatalTB{TB: t}
	done := make(chan *dynamodel.Client)
	go func() {
		defer close(done)
		done <- Client(f)
	}()
	if c := <-done; c != nil {
		t.Fatalf("Client without a server returned a client with prefix %q", c.TablePrefix())
	}
	if !strings.Contains(f.msg, "call dynamodeltest.Main(m) from TestMain, or set DYNAMODB_ENDPOINT") {
		t.Errorf("Client without a server failed with %q; want it to say how to get one", f.msg)
	}
}

// TestDocsShowTheExampleAsItIs keeps docs/testing-your-code.md showing example_test.go, the
// example make test runs, unchanged.
func TestDocsShowTheExampleAsItIs(t *testing.T) {
	ex, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../docs/testing-your-code.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "```go\n"+string(ex)+"```\n") {
		t.Error("docs/testing-your-code.md does not show example_test.go as it is; paste the file into its last code block")
	}
}
