package dynamodelcli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/tablesync"
)

// definitions returns two table definitions under the given names: a provisioned table with
// composite keys, a GSI and an LSI, and an on-demand table with time to live (where the server
// has it).
func definitions(users, events string) (tablesync.Spec, tablesync.Spec) {
	u := tablesync.Spec{
		Name: users,
		Index: index.Layout{
			Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}},
			Indexes: []index.Index{
				{Name: "byEmail", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "email", Type: attr.S}},
					Projection: index.Projection{Type: index.ProjectInclude, Attributes: []string{"name"}}, Throughput: &index.Throughput{Read: 2, Write: 1}},
				{Name: "byAge", Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "age", Type: attr.N}},
					Projection: index.Projection{Type: index.ProjectKeysOnly}},
			},
		},
		Billing: index.Provisioned(3, 2),
	}
	e := tablesync.Spec{
		Name:    events,
		Index:   index.Layout{Keys: index.KeySchema{Hash: index.Key{Name: "id", Type: attr.S}}},
		Billing: index.OnDemand(),
	}
	if dynamotest.Supports(dynamotest.TTL) {
		e.TTL = "expiresAt"
	}
	return u, e
}

// TestTables drives plan, verify, apply and export through the command line: a file of
// definitions creates two tables under a prefix, verify and plan then find nothing to do,
// export writes the definitions back, and those create the same tables under another prefix.
func TestTables(t *testing.T) {
	names := tableNames(t, "users", "events")
	users, events := definitions(names[0], names[1])
	file := writeDefinitions(t, users, events)
	conn := []string{"-prefix", prefix()}
	full := []string{prefix() + names[0], prefix() + names[1]}
	args := func(cmd string, rest ...string) []string { return append(append([]string{cmd}, conn...), rest...) }

	t.Run("plan", func(t *testing.T) {
		out := mustRun(t, args("plan", "-f", file)...)
		for _, w := range []string{"table " + full[0] + "\n  + create table: keys pk S, sk S", "table " + full[1] + "\n  + create table"} {
			if !strings.Contains(out, w) {
				t.Errorf("plan = %q; want it to contain %q", out, w)
			}
		}
	})
	t.Run("plan -json", func(t *testing.T) {
		out := mustRun(t, args("plan", "-f", file, "-json")...)
		var plan tablesync.Changes
		if err := json.Unmarshal([]byte(out), &plan); err != nil {
			t.Fatalf("plan -json = %q: %v", out, err)
		}
		if !slices.Equal(plan.Tables, full) || len(plan.Steps) == 0 || plan.Steps[0].Action != tablesync.CreateTable {
			t.Errorf("plan -json = %+v; want the tables %v, the first step creating one", plan, full)
		}
	})
	t.Run("verify before apply", func(t *testing.T) {
		r := cli(t, args("verify", "-f", file)...)
		if r.code != exitError || !strings.Contains(r.stdout, "+ create table") || !strings.Contains(r.stderr, "difference(s) between the tables and their definitions") {
			t.Errorf("run(verify) = %d, %q, %q; want 1 and the missing tables", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("apply", func(t *testing.T) {
		r := cli(t, args("apply", "-f", file)...)
		if r.code != exitOK {
			t.Fatalf("run(apply) = %d, stderr %q; want 0", r.code, r.stderr)
		}
		for _, w := range []string{"applied " + full[0] + ": create table", "applied " + full[1] + ": create table"} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("run(apply) stdout = %q; want it to contain %q", r.stdout, w)
			}
		}
		if !strings.Contains(r.stderr, "applying "+full[0]+": create table") {
			t.Errorf("run(apply) stderr = %q; want the progress of each step", r.stderr)
		}
	})
	t.Run("verify and plan after apply", func(t *testing.T) {
		for _, cmd := range []string{"verify", "plan"} {
			if out := mustRun(t, args(cmd, "-f", file)...); !strings.HasPrefix(out, "no changes: 2 table(s) match their definitions") {
				t.Errorf("run(%s) = %q; want no changes", cmd, out)
			}
		}
		if out := mustRun(t, args("apply", "-f", file)...); !strings.HasPrefix(out, "no changes") {
			t.Errorf("run(apply) again = %q; want no changes", out)
		}
	})

	var exported string
	t.Run("export", func(t *testing.T) {
		exported = mustRun(t, args("export", "-table", names[0], "-table", names[1])...)
		got, err := tablesync.ReadJSON(strings.NewReader(exported))
		if err != nil {
			t.Fatalf("ReadJSON(export) = %v\n%s", err, exported)
		}
		byName := cmpopts.SortSlices(func(a, b index.Index) bool { return a.Name < b.Name })
		if diff := cmp.Diff([]tablesync.Spec{users, events}, got, byName); diff != "" {
			t.Errorf("export mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("export to another environment", func(t *testing.T) {
		if exported == "" {
			t.Skip("export failed")
		}
		other := []string{"-prefix", prefix(), "-suffix", "_copy"}
		for _, n := range full {
			dropAfter(t, n+"_copy")
		}
		copyFile := writeFile(t, "exported.json", exported)
		mustRun(t, append([]string{"apply", "-f", copyFile}, other...)...)
		// The copies match the original definitions.
		if out := mustRun(t, append([]string{"verify", "-f", file}, other...)...); !strings.HasPrefix(out, "no changes") {
			t.Errorf("verify of the copies = %q; want no changes", out)
		}
	})
	t.Run("export cloudformation", func(t *testing.T) {
		out := mustRun(t, args("export", "-table", names[0], "-format", "cloudformation")...)
		var template struct {
			Resources map[string]struct {
				Type       string
				Properties struct{ TableName string }
			}
		}
		if err := json.Unmarshal([]byte(out), &template); err != nil || len(template.Resources) != 1 {
			t.Fatalf("export -format cloudformation = %q, %v; want a template with one resource", out, err)
		}
		for id, r := range template.Resources {
			if r.Type != "AWS::DynamoDB::Table" || r.Properties.TableName != names[0] || !strings.HasSuffix(id, "Table") {
				t.Errorf("export -format cloudformation resource %s = %+v; want the table %s", id, r, names[0])
			}
		}
	})
	t.Run("export a missing table", func(t *testing.T) {
		r := cli(t, args("export", "-table", "nonexistent_table")...)
		if r.code != exitError || !strings.Contains(r.stderr, "table "+prefix()+"nonexistent_table does not exist") {
			t.Errorf("run(export missing) = %d, %q; want 1 and that the table does not exist", r.code, r.stderr)
		}
	})
}

// TestApplyChanges changes definitions of an existing table: a refused key change, a new
// global index, and the deletion of an index, which needs -allow-destructive.
func TestApplyChanges(t *testing.T) {
	names := tableNames(t, "changes", "unused")
	users, _ := definitions(names[0], names[1])
	conn := []string{"-prefix", prefix()}
	apply := func(t *testing.T, def tablesync.Spec, flags ...string) result {
		t.Helper()
		return cli(t, append(append([]string{"apply", "-f", writeDefinitions(t, def)}, conn...), flags...)...)
	}
	if r := apply(t, users); r.code != exitOK {
		t.Fatalf("run(apply) = %d, %q; want 0", r.code, r.stderr)
	}

	t.Run("definitions from standard input", func(t *testing.T) {
		js, err := tablesync.ExportJSON(users)
		if err != nil {
			t.Fatal(err)
		}
		r := cliWithInput(t, string(js), append([]string{"plan", "-f", "-"}, conn...)...)
		if r.code != exitOK || !strings.HasPrefix(r.stdout, "no changes: 1 table(s) match") {
			t.Errorf("run(plan -f -) = %d, %q, %q; want 0 and no changes", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("refused", func(t *testing.T) {
		changed := users
		changed.Index.Keys.Range = index.Key{Name: "created", Type: attr.N}
		r := apply(t, changed)
		if r.code != exitError || !strings.Contains(r.stdout, "! change keys [refused]") || !strings.Contains(r.stderr, "refused to apply") {
			t.Errorf("run(apply, new range key) = %d, %q, %q; want 1, the refused step and why", r.code, r.stdout, r.stderr)
		}
	})

	withIndex := users
	withIndex.Index.Indexes = append(slices.Clone(users.Index.Indexes), index.Index{Name: "byCity", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "city", Type: attr.S}}})
	t.Run("create index", func(t *testing.T) {
		dynamotest.Require(t, dynamotest.IndexUpdates)
		r := apply(t, withIndex)
		if r.code != exitOK || !strings.Contains(r.stdout, "applied "+prefix()+names[0]+": create index byCity") {
			t.Errorf("run(apply, new index) = %d, %q, %q; want 0 and the index created", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("delete index", func(t *testing.T) {
		dynamotest.Require(t, dynamotest.IndexUpdates)
		without := users
		without.Index.Indexes = []index.Index{users.Index.Indexes[1]} // the LSI alone
		r := apply(t, without)
		if r.code != exitOK || !strings.Contains(r.stdout, "skipped "+prefix()+names[0]+": delete index byEmail") ||
			!strings.Contains(r.stderr, "destructive step(s) skipped; review the plan and run apply -allow-destructive") {
			t.Errorf("run(apply, fewer indexes) = %d, %q, %q; want 0 and the deletions skipped", r.code, r.stdout, r.stderr)
		}
		r = apply(t, without, "-allow-destructive")
		if r.code != exitOK || !strings.Contains(r.stdout, "applied "+prefix()+names[0]+": delete index byEmail") {
			t.Errorf("run(apply -allow-destructive, fewer indexes) = %d, %q, %q; want 0 and the deletion applied", r.code, r.stdout, r.stderr)
		}
		if out := mustRun(t, append([]string{"verify", "-f", writeDefinitions(t, without)}, conn...)...); !strings.HasPrefix(out, "no changes") {
			t.Errorf("verify after the deletion = %q; want no changes", out)
		}
	})
}
