package dynamodelcli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

type account struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email"`
}

var accountSchema = schema.Must(schema.For[account](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Index(schema.IndexName("byEmail"))),
	schema.OnDemand(),
))

// TestPrefixIsAddedOnce: a definitions file written from dynamodel.Definitions of a client
// with a prefix holds the stored names; with the same -prefix the command planned
// dev_dev_accounts. Now the prefix is added once: such a name is refused, and a file exported
// from the models (names without the prefix) is applied under the prefix once.
func TestPrefixIsAddedOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := tableNames(t, "accounts")[0]
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix()))
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := dynamodel.NewModel[account](c, base, accountSchema)
	if err != nil {
		t.Fatal(err)
	}
	doubled := prefix() + prefix() + base
	dropAfter(t, doubled)
	described := func(name string) bool {
		_, err := tablesync.Describe(ctx, c.DynamoDB(), name)
		if err != nil && !errors.Is(err, tablesync.ErrNoTable) {
			t.Fatalf("Describe(%s) = %v", name, err)
		}
		return err == nil
	}

	t.Run("stored names with -prefix are refused", func(t *testing.T) {
		file := writeDefinitions(t, dynamodel.Definitions(accounts)...)
		for _, cmd := range []string{"plan", "apply", "verify"} {
			r := cli(t, cmd, "-prefix", prefix(), "-f", file)
			if r.code != exitError || !strings.Contains(r.stderr, "already begins with the prefix "+prefix()) || strings.Contains(r.stdout, doubled) {
				t.Errorf("run(%s -prefix P -f stored names) = %d, %q, %q; want 1 and that the name already carries the prefix", cmd, r.code, r.stdout, r.stderr)
			}
		}
		if described(doubled) {
			t.Errorf("table %s exists; want the prefix never added twice", doubled)
		}
	})
	t.Run("-table with the prefix is refused", func(t *testing.T) {
		r := cli(t, "get", "-prefix", prefix(), "-table", prefix()+base, "-key", `{"id":"a"}`)
		if r.code != exitUsage || !strings.Contains(r.stderr, "already begins with the prefix") {
			t.Errorf("run(get -prefix P -table P+name) = %d, %q; want 2 and that the name already carries the prefix", r.code, r.stderr)
		}
	})
	t.Run("models' export applied with -prefix", func(t *testing.T) {
		var out, errOut bytes.Buffer
		if code := Run(ctx, c, []string{"ops", "export"}, &out, &errOut, Of(accounts)); code != exitOK {
			t.Fatalf("Run(export) = %d, %q; want 0", code, errOut.String())
		}
		if strings.Contains(out.String(), prefix()) {
			t.Errorf("export = %q; want the table named without the client's prefix %s", out.String(), prefix())
		}
		file := writeFile(t, "tables.json", out.String())
		mustRun(t, "apply", "-prefix", prefix(), "-f", file)
		if !described(prefix() + base) {
			t.Errorf("table %s does not exist after apply; want it created under the prefix once", prefix()+base)
		}
		// The models see the table apply created: nothing to change.
		out.Reset()
		if code := Run(ctx, c, []string{"ops", "verify"}, &out, &errOut, Of(accounts)); code != exitOK {
			t.Errorf("Run(verify) = %d, %q, %q; want 0", code, out.String(), errOut.String())
		}
	})
}

// TestApplySaysWhatItWaitsFor: apply prints, while it waits for a new table to become
// ACTIVE, what is pending and for how long (every 10 s; here every 20 ms).
func TestApplySaysWhatItWaitsFor(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := tableNames(t, "waited")[0]
	users, _ := definitions(base, "unused")
	file := writeDefinitions(t, users)
	var out, errOut bytes.Buffer
	e := &env{prog: "dynamodel", stdout: &out, stderr: &errOut, waitInterval: 20 * time.Millisecond}
	if code := e.run(ctx, []string{"apply", "-prefix", prefix(), "-f", file}); code != exitOK {
		t.Fatalf("run(apply) = %d, %q; want 0", code, errOut.String())
	}
	want := "waiting for " + prefix() + base + " to become ACTIVE: "
	if !strings.Contains(errOut.String(), want) || !strings.Contains(errOut.String(), "so far") {
		t.Errorf("run(apply) stderr = %q; want progress lines such as %q...", errOut.String(), want)
	}
	if e.waitEvery() != 20*time.Millisecond || (&env{}).waitEvery() != 10*time.Second {
		t.Errorf("waitEvery = %v, default %v; want 20ms and 10s", e.waitEvery(), (&env{}).waitEvery())
	}
}

// TestRunRefusesModelsItCannotName checks Run's checks of its models, before any request.
func TestRunRefusesModelsItCannotName(t *testing.T) {
	c, err := dynamodel.Open(context.Background(), dynamodel.WithTablePrefix("dev_"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := dynamodel.Open(context.Background(), dynamodel.WithTablePrefix("prod_"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := dynamodel.NewModel[account](c, "accounts", accountSchema)
	b, _ := dynamodel.NewModel[account](c, "accounts", accountSchema)
	p, _ := dynamodel.NewModel[account](other, "accounts", accountSchema)
	tests := []struct {
		name   string
		c      *dynamodel.Client
		models []Model
		want   string
	}{
		{"no client", nil, []Model{Of(a)}, "got models and no client"},
		{"two models of one name", c, []Model{Of(a), Of(b)}, "two models are called accounts"},
		{"named apart", c, []Model{Of(a), Named("old", b)}, ""},
		{"an empty name", c, []Model{Named("", a)}, "Named needs a name"},
		{"the zero Model", c, []Model{{}}, "zero Model"},
		{"a model of another client", c, []Model{Of(p)}, `lacks the client's prefix "dev_"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(context.Background(), tt.c, []string{"ops", "help"}, &out, &errOut, tt.models...)
			if tt.want == "" {
				if code != exitOK || !strings.Contains(out.String(), "old ") {
					t.Errorf("Run(help) = %d, %q, %q; want 0 and the models listed", code, out.String(), errOut.String())
				}
				return
			}
			if code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("Run(help) = %d, %q; want 2 and %q", code, errOut.String(), tt.want)
			}
		})
	}
}
