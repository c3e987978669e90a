// Package dynamoosetest runs Node scripts that use the real Dynamoose against the test server,
// for the tests that check that Dynamoose and Dynamodel read each other's items.
//
// Dynamoose (npm package dynamoose, the version [localdynamo.DynamooseVersion]) is installed
// once into the same cache as dynalite (see package localdynamo) by the first [Run]; `make
// test` installs it beforehand. A script never creates or changes a table: Dynamodel's
// tablesync creates them, so a script that works also shows that the tables are what Dynamoose
// expects.
package dynamoosetest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/localdynamo"
)

// prelude is prepended to each script: see the file.
//
//go:embed prelude.js
var prelude string

var install = sync.OnceValues(func() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	return localdynamo.InstallDynamoose(ctx, os.Stderr)
})

// Run runs body, the body of an async JavaScript function, with Node and Dynamoose connected
// to $DYNAMODB_ENDPOINT. The body sees:
//
//   - dynamoose: the module
//   - input: the JSON of in
//   - noTables: the table options that keep Dynamoose from creating, changing or waiting for
//     tables (`dynamoose.model(name, schema, noTables)`)
//   - out(v): what to answer. It is JSON with a Date as {"$date": ms}, a Set as {"$set":
//     [sorted elements]}, a Buffer or Uint8Array as {"$b64": base64}; an item (in an array or an object too) is answered as
//     its own attributes, not its toJSON. The answer is decoded into *res (nil: ignored).
//
// A script that throws fails the test with its stack trace.
func Run(t testing.TB, body string, in, res any) {
	t.Helper()
	modules, err := install()
	if err != nil {
		t.Fatalf("dynamoosetest: %v", err)
	}
	input, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("dynamoosetest: input: %v", err)
	}
	script := filepath.Join(t.TempDir(), "script.js")
	if err := os.WriteFile(script, []byte(strings.Replace(prelude, "//BODY", body, 1)), 0o644); err != nil {
		t.Fatalf("dynamoosetest: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Env = append(os.Environ(), "NODE_NO_WARNINGS=1", "NODE_PATH="+modules, "DYNAMOOSETEST_INPUT="+string(input))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dynamoosetest: node script: %v\n%s\nscript body:\n%s", err, stderr.String(), body)
	}
	if res == nil {
		return
	}
	if err := json.Unmarshal(stdout.Bytes(), res); err != nil {
		t.Fatalf("dynamoosetest: the script's answer %q: %v", stdout.String(), err)
	}
}
