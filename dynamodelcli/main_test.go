package dynamodelcli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/tablesync"
)

// The tests run the command line through run against the server dynamotest starts (dynalite,
// or the one DYNAMODB_ENDPOINT names), which it names in $DYNAMODB_ENDPOINT: the default of
// -endpoint.
func TestMain(m *testing.M) { dynamotest.Main(m) }

// result is what one run of the command printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the command line args through run.
func cli(t *testing.T, args ...string) result {
	t.Helper()
	return cliWithInput(t, "", args...)
}

// cliWithInput runs args with stdin as standard input.
func cliWithInput(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	var code int
	if stdin == "" {
		code = run(ctx, args, &out, &errOut)
	} else {
		code = (&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}).run(ctx, args)
	}
	return result{out.String(), errOut.String(), code}
}

// mustRun runs args and fails the test unless the exit code is 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	r := cli(t, args...)
	if r.code != exitOK {
		t.Fatalf("run(%q) = %d, stderr %q; want 0", args, r.code, r.stderr)
	}
	return r.stdout
}

// sdk is a plain client of the test server, for cleanups and for checks behind the CLI's back.
func sdk(t *testing.T) *dynamodb.Client {
	t.Helper()
	c, err := dynamodel.Open(context.Background())
	if err != nil {
		t.Fatalf("dynamodel.Open() = %v", err)
	}
	return c.DynamoDB()
}

// prefix is the -prefix the tests pass: the one dynamotest gives this run's table names.
func prefix() string { return dynamotest.RunID() + "_" }

// tableNames returns, for each base, a table name unique to the test for the CLI to use with
// -prefix prefix(); the table prefix()+name is deleted when the test ends.
func tableNames(t *testing.T, bases ...string) []string {
	t.Helper()
	db := sdk(t)
	names := make([]string, len(bases))
	for i, b := range bases {
		names[i] = strings.TrimPrefix(dynamotest.TableName(t, db, b), prefix())
	}
	return names
}

// dropAfter deletes the table name when the test ends.
func dropAfter(t *testing.T, name string) {
	db := sdk(t)
	t.Cleanup(func() {
		_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &name})
	})
}

// writeDefinitions writes tables as a definitions file and returns its path.
func writeDefinitions(t *testing.T, tables ...tablesync.Spec) string {
	t.Helper()
	js, err := tablesync.ExportJSON(tables...)
	if err != nil {
		t.Fatalf("ExportJSON() = %v", err)
	}
	return writeFile(t, "tables.json", string(js))
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
