package dynamodelcli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// TestEveryModelCommandHasHelp runs -h and help for each command on models: exit code 0, the
// program's name in the usage line, and neither -f nor connection flags (the program's
// client connects, and its prefix is in the models' names).
func TestEveryModelCommandHasHelp(t *testing.T) {
	c, err := dynamodel.Open(context.Background(), dynamodel.WithTablePrefix("dev_"))
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := dynamodel.NewModel[account](c, "accounts", accountSchema)
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range modelCommands {
		t.Run(cmd.name, func(t *testing.T) {
			for _, args := range [][]string{{"ops", cmd.name, "-h"}, {"ops", "help", cmd.name}} {
				var out, errOut bytes.Buffer
				code := Run(context.Background(), c, args, &out, &errOut, Of(accounts))
				if code != exitOK || errOut.Len() > 0 {
					t.Errorf("Run(%q) = %d, stderr %q; want 0 and nothing on stderr", args, code, errOut.String())
				}
				got := out.String()
				if !strings.HasPrefix(got, "usage: ops "+cmd.name) {
					t.Errorf("Run(%q) = %q; want it to start with the usage of ops %s", args, got, cmd.name)
				}
				for _, no := range []string{"-f tables.json", "-endpoint URL", "-prefix prefix"} {
					if strings.Contains(got, no) {
						t.Errorf("Run(%q) = %q; want no %s", args, got, no)
					}
				}
			}
		})
	}
}

// TestMapModelThroughTheCommandLine: a model of map items (schema.New) takes and prints JSON
// items too, its set attribute written as a set.
func TestMapModelThroughTheCommandLine(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := tableNames(t, "notes")[0]
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix()))
	if err != nil {
		t.Fatal(err)
	}
	s := schema.Must(schema.New(
		schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("tags", schema.Type(attr.SS)),
		schema.Attr("n", schema.Type(attr.N), schema.Default(1)),
		schema.OnDemand(),
	))
	notes, err := dynamodel.NewModel[map[string]any](c, base, s)
	if err != nil {
		t.Fatal(err)
	}
	ops := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := Run(ctx, c, append([]string{"ops"}, args...), &out, &errOut, Of(notes))
		return out.String(), errOut.String(), code
	}
	for _, args := range [][]string{
		{"apply"},
		{"put", "-model", base, "-item", `{"id":"a","tags":["x","y"]}`},
	} {
		if _, stderr, code := ops(args...); code != exitOK {
			t.Fatalf("Run(%q) = %d, %q; want 0", args, code, stderr)
		}
	}
	out, stderr, code := ops("get", "-model", base, "-key", `{"id":"a"}`)
	if code != exitOK || !strings.Contains(out, `"tags":["x","y"]`) || !strings.Contains(out, `"n":1`) {
		t.Errorf("Run(get) = %d, %q, %q; want the item with its set and its default", code, out, stderr)
	}
	if _, stderr, code := ops("put", "-model", base, "-item", `{"id":"b","n":"many"}`); code != exitError || !strings.Contains(stderr, "n") {
		t.Errorf("Run(put n:many) = %d, %q; want 1 and the attribute n refused", code, stderr)
	}
}
