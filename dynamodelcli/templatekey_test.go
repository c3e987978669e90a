package dynamodelcli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
)

// grant is a single-table item whose keys are computed by templates: no field holds pk or sk.
type grant struct {
	RoleID string `dynamo:"roleId"`
	PermID string `dynamo:"permId"`
	Name   string `dynamo:"name"`
}

var grantSchema = schema.Must(schema.For[grant](
	schema.Attr("pk", schema.Template("ROLE#{roleId}"), schema.HashKey()),
	schema.Attr("sk", schema.Template("PERM#{permId}"), schema.RangeKey()),
	schema.OnDemand(),
))

// TestModelCommandsTakeTemplateKeys: a key computed by a template is given on the command
// line by its parts (the model computes it) or as its text. Before, get and delete refused
// the parts ("-key has no pk") and failed on the text (grant has no field for pk), and a
// query could not compare the key's text either.
func TestModelCommandsTakeTemplateKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := tableNames(t, "grants")[0]
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix()))
	if err != nil {
		t.Fatal(err)
	}
	grants, err := dynamodel.NewModel[grant](c, base, grantSchema)
	if err != nil {
		t.Fatal(err)
	}
	ops := func(args ...string) result {
		t.Helper()
		var out, errOut bytes.Buffer
		code := Run(ctx, c, append([]string{"ops"}, args...), &out, &errOut, Named("grants", grants))
		return result{out.String(), errOut.String(), code}
	}
	for _, args := range [][]string{
		{"apply"},
		{"put", "-model", "grants", "-item", `{"roleId":"r1","permId":"p1","name":"read"}`},
		{"put", "-model", "grants", "-item", `{"roleId":"r1","permId":"p2","name":"write"}`},
	} {
		if r := ops(args...); r.code != 0 {
			t.Fatalf("ops %q = %d, %q; want 0", args, r.code, r.stderr)
		}
	}
	const p1 = `{"name":"read","permId":"p1","roleId":"r1"}` + "\n"
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"get by the parts", []string{"get", "-model", "grants", "-key", `{"roleId":"r1","permId":"p1"}`}, 0, p1, ""},
		{"get by the keys' text", []string{"get", "-model", "grants", "-key", `{"pk":"ROLE#r1","sk":"PERM#p1"}`}, 0, p1, ""},
		{"get by the text of one and the parts of the other", []string{"get", "-model", "grants", "-key", `{"pk":"ROLE#r1","permId":"p1"}`}, 0, p1, ""},
		{"query by the key's text", []string{"query", "-model", "grants", "-where", `{"pk":"ROLE#r1"}`, "-begins-with", "sk=PERM#p1", "-limit", "5"}, 0, p1, ""},
		{"a part missing", []string{"get", "-model", "grants", "-key", `{"roleId":"r1"}`}, exitUsage, "",
			"-key has no sk, nor all the parts of its template (permId is missing); the key of this model is pk and sk"},
		{"an attribute of no key", []string{"get", "-model", "grants", "-key", `{"roleId":"r1","permId":"p1","name":"read"}`}, exitUsage, "",
			"-key has name, which is not a key attribute"},
		{"delete by the parts", []string{"delete", "-model", "grants", "-key", `{"roleId":"r1","permId":"p2"}`, "-return-old"}, 0,
			`{"name":"write","permId":"p2","roleId":"r1"}` + "\n", ""},
		{"deleted", []string{"get", "-model", "grants", "-key", `{"roleId":"r1","permId":"p2"}`}, exitError, "", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ops(tt.args...)
			if r.code != tt.wantCode || r.stdout != tt.wantStdout || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("ops %q = %d, %q, %q; want %d, %q, and stderr containing %q", tt.args, r.code, r.stdout, r.stderr, tt.wantCode, tt.wantStdout, tt.wantStderr)
			}
		})
	}
}
