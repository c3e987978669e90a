package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// TestQuickStartRuns runs the quick start against the test server and checks what it found.
func TestQuickStartRuns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	prefix := dynamotest.RunID() + "_quickstart_"
	t.Cleanup(func() {
		if err := dynamotest.DeleteTables(dynamotest.Client(), prefix); err != nil {
			t.Error(err)
		}
	})
	var out bytes.Buffer
	if err := run(ctx, &out, prefix); err != nil {
		t.Fatalf("run = %v; want nil", err)
	}
	if got, want := out.String(), "found u1 <ada@example.com>, role member\n"; got != want {
		t.Errorf("run printed %q; want %q", got, want)
	}
}

// TestREADMEShowsQuickStart checks that README.md shows the quick start program's code as it
// is, so that the README cannot drift from a program that compiles and runs.
func TestREADMEShowsQuickStart(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "// quickstart:begin\n", "// quickstart:end\n"
	code := string(src)
	i, j := strings.Index(code, begin), strings.Index(code, end)
	if i < 0 || j < i {
		t.Fatalf("main.go has no %q ... %q block", strings.TrimSpace(begin), strings.TrimSpace(end))
	}
	code = strings.TrimSpace(code[i+len(begin) : j])
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+code+"\n```") {
		t.Errorf("README.md does not show examples/quickstart/main.go's code between the quickstart markers in a go block; copy it there:\n%s", code)
	}
}
