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

// TestRolesPermissionsRuns runs the example against the test server and checks what it
// printed: the changes of each Set (nothing the third time), both directions, the link IDs
// read back from the keys, the index key an update recomputed, the refused update of a key
// part, the seed's response objects and the dangling link.
func TestRolesPermissionsRuns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	prefix := dynamotest.RunID() + "_rolespermissions_"
	t.Cleanup(func() {
		if err := dynamotest.DeleteTables(dynamotest.Client(), prefix); err != nil {
			t.Error(err)
		}
	})
	var out bytes.Buffer
	if err := run(ctx, &out, prefix); err != nil {
		t.Fatalf("run = %v; want nil", err)
	}
	want := `set admin [view_users edit_users]: added [view_users edit_users], removed []
set admin [view_users delete_users]: added [delete_users], removed [edit_users]
set admin [view_users delete_users]: added [], removed []
admin may: [delete_users view_users]
view_users is granted to: [admin editor]
read [pk sk type]: link admin -> delete_users
read [pk sk type]: link admin -> view_users
group users: [edit_users view_users]
group admin: [delete_users]
refused: "id" is a part of the key attribute "pk" (template "PERMISSION#{id}"), and key attributes cannot be updated
{"id":"admin","name":"Administrator","rolePermissions":[{"id":"delete_users","name":"Delete users"},{"id":"view_users","name":"View users"}]}
{"id":"editor","name":"Editor","rolePermissions":[{"id":"view_users","name":"View users"}]}
dangling link: role editor to missing permission edit_users
`
	if got := out.String(); got != want {
		t.Errorf("run printed:\n%s\nwant:\n%s", got, want)
	}
}

// TestSingleTableGuideShowsTheExample checks that docs/single-table.md shows the example's
// code blocks as they are, so that the guide cannot drift from a program that runs.
func TestSingleTableGuideShowsTheExample(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile("../../docs/single-table.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range []string{"models", "relation", "set", "list", "keys", "populate"} {
		begin, end := "// rolespermissions:"+block+":begin\n", "// rolespermissions:"+block+":end\n"
		code := string(src)
		i, j := strings.Index(code, begin), strings.Index(code, end)
		if i < 0 || j < i {
			t.Fatalf("main.go has no %q ... %q block", strings.TrimSpace(begin), strings.TrimSpace(end))
		}
		code = dedent(strings.TrimSpace(code[i+len(begin) : j]))
		if !strings.Contains(string(guide), "```go\n"+code+"\n```") {
			t.Errorf("docs/single-table.md does not show the %q block of examples/rolespermissions/main.go in a go block; copy it there:\n%s", block, code)
		}
	}
}

// dedent removes the tab every line of a block inside a function starts with.
func dedent(code string) string {
	lines := strings.Split(code, "\n")
	for i, l := range lines {
		if i > 0 && !strings.HasPrefix(l, "\t") && l != "" {
			return code // not indented: a block at the top level
		}
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n")
}
