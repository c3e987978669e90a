package dynamodel_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
)

// The examples run against the test server: TestMain starts a dynalite for the test binary (or
// uses the server $DYNAMODB_ENDPOINT names, as `make test` sets it) and deletes the examples'
// tables at the end. The package's unit tests use no server.
func TestMain(m *testing.M) {
	dynamotest.MainFunc(func() int {
		code := m.Run()
		if err := dynamotest.DeleteTables(dynamotest.Client(), prefix); err != nil {
			fmt.Fprintln(os.Stderr, "dynamodel examples:", err)
			code = max(code, 1)
		}
		return code
	})
}

// prefix begins the name of every table of the examples, unique to the run ("t1a2b3c4d_ex_");
// a program would name its environment ("dev_").
var prefix = dynamotest.RunID() + "_ex_"
