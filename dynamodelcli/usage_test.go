package dynamodelcli

import (
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel"
)

// TestUsage checks help, exit codes and messages of command lines that fail before any
// request, or that name a file that is not there or not right.
func TestUsage(t *testing.T) {
	badFile := writeFile(t, "bad.json", "[\n  {\"CreateTable\": {\"TableName\": \"x\",}}\n]")
	emptyFile := writeFile(t, "empty.json", "[]")
	badItem := writeFile(t, "item.json", `{"id": "a"`)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // each in stdout
		stderr []string // each in stderr
	}{
		{"no command", nil, exitUsage, nil, []string{"usage: dynamodel <command>", "plan ", "query "}},
		{"unknown command", []string{"frobnicate"}, exitUsage, nil, []string{`unknown command "frobnicate"`, "commands:"}},
		{"help", []string{"help"}, exitOK, []string{"usage: dynamodel <command>", "JSON number         N", "Exit codes", "-prefix"}, nil},
		{"-h", []string{"-h"}, exitOK, []string{"usage: dynamodel <command>"}, nil},
		{"help of a command", []string{"help", "query"}, exitOK, []string{"usage: dynamodel query -table T", "-begins-with attribute=prefix", "-endpoint URL"}, nil},
		{"help json", []string{"help", "json"}, exitOK, []string{"JSON object         M", "B as a base64 string"}, nil},
		{"help of an unknown command", []string{"help", "nope"}, exitUsage, nil, []string{`unknown command "nope"`}},
		{"help of two commands", []string{"help", "get", "put"}, exitUsage, nil, []string{"want one command name"}},
		{"unknown flag", []string{"plan", "-x"}, exitUsage, nil, []string{"dynamodel plan: flag provided but not defined: -x", "usage: dynamodel plan -f tables.json", "dynamodel plan -h"}},
		{"argument", []string{"get", "-table", "t", "extra"}, exitUsage, nil, []string{`unexpected argument "extra"`}},
		{"plan without -f", []string{"plan"}, exitUsage, nil, []string{"-f is required"}},
		{"apply without -f", []string{"apply"}, exitUsage, nil, []string{"-f is required"}},
		{"verify without -f", []string{"verify"}, exitUsage, nil, []string{"-f is required"}},
		{"apply with a zero timeout", []string{"apply", "-f", emptyFile, "-timeout", "0s"}, exitUsage, nil, []string{"-timeout 0s: want a positive duration"}},
		{"missing file", []string{"plan", "-f", "/nonexistent/tables.json"}, exitError, nil, []string{"dynamodel plan: open /nonexistent/tables.json: no such file"}},
		{"malformed file", []string{"verify", "-f", badFile}, exitError, nil, []string{badFile + ": tablesync: read definitions: line 2, column 37: invalid character"}},
		{"file without tables", []string{"apply", "-f", emptyFile}, exitError, nil, []string{emptyFile + ": no table definitions"}},
		{"export without -table", []string{"export"}, exitUsage, nil, []string{"-table is required"}},
		{"export with an empty -table", []string{"export", "-table", ""}, exitUsage, nil, []string{`invalid value "" for flag -table: empty table name`}},
		{"export in another format", []string{"export", "-table", "t", "-format", "yaml"}, exitUsage, nil, []string{`-format "yaml": want json or cloudformation`}},
		{"get without -table", []string{"get", "-key", `{"id":"a"}`}, exitUsage, nil, []string{"-table is required"}},
		{"get without -key", []string{"get", "-table", "t"}, exitUsage, nil, []string{"-key is required"}},
		{"key not JSON", []string{"get", "-table", "t", "-key", "id=a"}, exitUsage, nil, []string{"-key is not valid JSON"}},
		{"key an array", []string{"delete", "-table", "t", "-key", `["a"]`}, exitUsage, nil, []string{"-key is a JSON array; want an object"}},
		{"key with more after it", []string{"get", "-table", "t", "-key", `{"id":"a"} {}`}, exitUsage, nil, []string{"-key has more after its JSON object"}},
		{"put without -item", []string{"put", "-table", "t"}, exitUsage, nil, []string{"-item is required"}},
		{"item empty name", []string{"put", "-table", "t", "-item", `{"": 1}`}, exitUsage, nil, []string{"-item has an attribute with an empty name"}},
		{"item file malformed", []string{"put", "-table", "t", "-item", "@" + badItem}, exitError, nil, []string{badItem + " is not valid JSON"}},
		{"item file missing", []string{"put", "-table", "t", "-item", "@/nonexistent/item.json"}, exitError, nil, []string{"open /nonexistent/item.json"}},
		{"query without -where", []string{"query", "-table", "t"}, exitUsage, nil, []string{"-where is required"}},
		{"query with a malformed -begins-with", []string{"query", "-table", "t", "-where", `{"pk":"a"}`, "-begins-with", "sk"}, exitUsage, nil, []string{`-begins-with "sk": want attribute=prefix`}},
		{"query comparing an attribute twice", []string{"query", "-table", "t", "-where", `{"pk":"a","sk":"b"}`, "-begins-with", "sk=x"}, exitUsage, nil, []string{"-begins-with names sk, which -where compares too"}},
		{"negative limit", []string{"scan", "-table", "t", "-limit", "-1"}, exitUsage, nil, []string{"-limit -1: want a positive number"}},
		{"-endpoint over $DYNAMODB_ENDPOINT", []string{"get", "-endpoint", "http://127.0.0.1:1", "-table", "t", "-key", `{"id":"a"}`}, exitError, nil, []string{"dynamodel get: GetItem t:", "127.0.0.1:1"}},
		{"forged cursor", []string{"scan", "-table", "t", "-cursor", "not-a-cursor"}, exitUsage, nil, []string{"-cursor: malformed cursor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("run(%q) = %d, stderr %q; want %d", tt.args, r.code, r.stderr, tt.code)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("run(%q) stdout = %q; want it to contain %q", tt.args, r.stdout, w)
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("run(%q) stderr = %q; want it to contain %q", tt.args, r.stderr, w)
				}
			}
			if len(tt.stdout) == 0 && r.stdout != "" {
				t.Errorf("run(%q) stdout = %q; want nothing", tt.args, r.stdout)
			}
		})
	}
}

// TestEveryCommandHasHelp runs -h and help for each command: exit code 0, its usage line, its
// flags, and the connection flags where it connects.
func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range fileCommands {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}} {
				r := cli(t, args...)
				if r.code != exitOK || r.stderr != "" {
					t.Errorf("run(%q) = %d, stderr %q; want 0 and nothing on stderr", args, r.code, r.stderr)
				}
				for _, w := range []string{"usage: dynamodel " + c.name + " " + c.usage, "flags:", "-endpoint URL", "-prefix prefix"} {
					if !strings.Contains(r.stdout, w) {
						t.Errorf("run(%q) stdout = %q; want it to contain %q", args, r.stdout, w)
					}
				}
			}
		})
	}
}

// TestVersionPrintsLibraryVersion checks that `dynamodel version` (and -version) prints the
// library's version and exits 0.
func TestVersionPrintsLibraryVersion(t *testing.T) {
	for _, arg := range []string{"version", "-version", "--version"} {
		t.Run(arg, func(t *testing.T) {
			r := cli(t, arg)
			if r.code != exitOK {
				t.Fatalf("dynamodel %s exited %d (stderr %q); want 0", arg, r.code, r.stderr)
			}
			if want := "dynamodel " + dynamodel.Version; !strings.HasPrefix(r.stdout, want) {
				t.Errorf("dynamodel %s printed %q; want it to start with %q", arg, r.stdout, want)
			}
		})
	}
}
