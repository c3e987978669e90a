package dynamodelcli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/tablesync"
)

const definitionsFlag = "the definitions `file`: JSON as 'dynamodel export' writes it; - reads standard input"

// fileFlag declares -f, the definitions file, unless the tables come from models.
func (e *env) fileFlag(fs *flag.FlagSet) *string {
	if e.models != nil {
		return new(string)
	}
	return fs.String("f", "", definitionsFlag)
}

var planCommand = &command{
	name:    "plan",
	usage:   "-f tables.json [-json]",
	summary: "show what apply would change in the tables, and why",
	details: `
Plan compares each table (of the definitions file, or of the models) with the live table and prints the steps
that would make them agree: + adds, - removes, ~ changes, ! is refused (DynamoDB cannot make
that change in place; the reason says what to do instead). Destructive steps are marked. It
only reads (DescribeTable, DescribeTimeToLive, ListTagsOfResource): nothing is changed.

Definitions that name the same table are merged, as for models sharing a table.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		file := e.fileFlag(fs)
		asJSON := fs.Bool("json", false, "print the plan as JSON instead of a diff")
		return func(ctx context.Context) error {
			tables, err := e.definitions(ctx, *file)
			if err != nil {
				return err
			}
			plan, err := tablesync.Plan(ctx, e.client.DynamoDB(), tables...)
			if err != nil {
				return err
			}
			if *asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(plan)
			}
			_, err = fmt.Fprint(e.stdout, plan)
			return err
		}
	},
}

var applyCommand = &command{
	name:    "apply",
	usage:   "-f tables.json [-allow-destructive] [-timeout 30m]",
	summary: "create and update the tables to match their definitions",
	details: `
Apply plans as plan does, prints the plan, applies it, and prints what was applied and
skipped. It creates missing tables and changes existing ones one step at a time, waiting
after each until the table and its indexes are ACTIVE (global indexes are backfilled; that
can take long on a large table: -timeout bounds each wait, and every 10 seconds of waiting
standard error says what is still pending and for how long).

Destructive steps (deleting a global index, disabling time to live or a stream, changing the
time-to-live attribute or the stream view) are skipped unless -allow-destructive is given. A
plan with a refused step (a new key schema, new local indexes) is not applied at all: exit
code 1. Apply never deletes a table or an item.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		file := e.fileFlag(fs)
		destructive := fs.Bool("allow-destructive", false, "apply destructive steps too")
		timeout := fs.Duration("timeout", 30*time.Minute, "the longest wait for a table and its indexes to become ACTIVE after a step")
		return func(ctx context.Context) error {
			if *timeout <= 0 {
				return usagef("-timeout %v: want a positive duration, e.g. 45m", *timeout)
			}
			tables, err := e.definitions(ctx, *file)
			if err != nil {
				return err
			}
			db := e.client.DynamoDB()
			plan, err := tablesync.Plan(ctx, db, tables...)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, plan)
			if plan.Empty() {
				return nil
			}
			opts := []tablesync.Option{
				tablesync.WithTimeout(*timeout),
				tablesync.WithProgress(func(s tablesync.Step) {
					title := string(s.Action)
					if s.Index != "" {
						title += " " + s.Index
					}
					fmt.Fprintf(e.stderr, "applying %s: %s\n", s.Table, title)
				}),
				tablesync.WithWaitProgress(e.waitEvery(), func(w tablesync.Waiting) {
					fmt.Fprintf(e.stderr, "waiting for %s to become ACTIVE: %s; %v so far\n", w.Table, strings.Join(w.Pending, ", "), w.Elapsed.Round(time.Second))
				}),
			}
			if *destructive {
				opts = append(opts, tablesync.AllowDestructive())
			}
			res, err := tablesync.Apply(ctx, db, plan, opts...)
			if res != nil {
				fmt.Fprint(e.stdout, res)
			}
			if err != nil {
				return err
			}
			n := 0
			for _, s := range res.Skipped {
				if s.Step.Destructive && !*destructive {
					n++
				}
			}
			if n > 0 {
				fmt.Fprintf(e.stderr, "%d destructive step(s) skipped; review the plan and run apply -allow-destructive to apply them\n", n)
			}
			return nil
		}
	},
}

var verifyCommand = &command{
	name:    "verify",
	usage:   "-f tables.json",
	summary: "check that the tables match their definitions (exit code 1 if not)",
	details: `
Verify plans as plan does and changes nothing. When every table matches its definition it
prints so and exits 0; otherwise it prints the differences, as plan does, and exits 1. Use it
in CI or before a deployment to catch tables that drifted from their definitions.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		file := e.fileFlag(fs)
		return func(ctx context.Context) error {
			tables, err := e.definitions(ctx, *file)
			if err != nil {
				return err
			}
			res, err := tablesync.Sync(ctx, e.client.DynamoDB(), tablesync.Verify, tables...)
			var drift *tablesync.DriftError
			if errors.As(err, &drift) {
				fmt.Fprint(e.stdout, drift.Changes)
				fmt.Fprintf(e.stderr, "%s verify: %d difference(s) between the tables and their definitions\n", e.prog, len(drift.Changes.Steps))
				return errReported
			}
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(e.stdout, res.Changes)
			return err
		}
	},
}

var exportCommand = &command{
	name:    "export",
	usage:   "-table NAME [-table NAME ...] [-format json|cloudformation]",
	summary: "write the definitions of live tables, for plan/apply or CloudFormation",
	details: `
Export reads each live table (DescribeTable, DescribeTimeToLive, ListTagsOfResource) and
writes its definition: keys, indexes, billing, stream, table class, time to live and tags, as
far as the server reports them.

-format json (the default) writes the definitions file plan, apply and verify read: a JSON
array of {"CreateTable": {...}, "UpdateTimeToLive": {...}} in the shape of the AWS API, so
that 'jq ".[0].CreateTable"' is input for 'aws dynamodb create-table --cli-input-json'.
-format cloudformation writes a template with one AWS::DynamoDB::Table per table, each kept
on stack deletion (DeletionPolicy Retain).

The names written are the names given with -table, without -prefix and -suffix, so that
tables exported from one environment can be applied to another:

  dynamodel export -prefix dev_ -table users > tables.json
  dynamodel apply -prefix prod_ -f tables.json`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		var names []string
		fs.Func("table", "a table `name` to export (repeat the flag for several)", func(s string) error {
			if s == "" {
				return errors.New("empty table name")
			}
			names = append(names, s)
			return nil
		})
		format := fs.String("format", "json", "the output `format`: json or cloudformation")
		return func(ctx context.Context) error {
			if len(names) == 0 {
				return usagef("-table is required: the table(s) to export")
			}
			export := map[string]func(...tablesync.Spec) ([]byte, error){
				"json": tablesync.ExportJSON, "cloudformation": tablesync.ExportCloudFormation,
			}[*format]
			if export == nil {
				return usagef("-format %q: want json or cloudformation", *format)
			}
			c, err := e.open(ctx)
			if err != nil {
				return err
			}
			tables := make([]tablesync.Spec, len(names))
			for i, name := range names {
				stored, err := e.tableName(c, name)
				if err != nil {
					return usagef("-table: %v", err)
				}
				t, err := tablesync.Describe(ctx, c.DynamoDB(), stored)
				if errors.Is(err, tablesync.ErrNoTable) {
					return fmt.Errorf("table %s does not exist", stored)
				}
				if err != nil {
					return err
				}
				t.Name = name
				tables[i] = t
			}
			out, err := export(tables...)
			if err != nil {
				return err
			}
			_, err = e.stdout.Write(append(out, '\n'))
			return err
		}
	},
}

// definitions returns the tables to plan, apply or verify, under their stored names: the
// models' tables, or those of the definitions file named by -f (connecting, to add the
// prefix and suffix to their names).
func (e *env) definitions(ctx context.Context, file string) ([]tablesync.Spec, error) {
	if e.models != nil {
		return e.modelTables(), nil
	}
	if file == "" {
		return nil, usagef("-f is required: the file of table definitions (- for standard input)")
	}
	data, err := e.readFile(file)
	if err != nil {
		return nil, err
	}
	tables, err := tablesync.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(file), err)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("%s: no table definitions", displayName(file))
	}
	c, err := e.open(ctx)
	if err != nil {
		return nil, err
	}
	for i := range tables {
		name, err := e.tableName(c, tables[i].Name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", displayName(file), err)
		}
		tables[i].Name = name
	}
	return tables, nil
}

// openTable opens the client and returns it with the stored name of the table the -table
// flag gives (the flag's value is named in the usage error).
func (e *env) openTable(ctx context.Context, table string) (*dynamodel.Client, string, error) {
	c, err := e.open(ctx)
	if err != nil {
		return nil, "", err
	}
	name, err := e.tableName(c, table)
	if err != nil {
		return nil, "", usagef("-table: %v", err)
	}
	return c, name, nil
}

// tableName returns the stored name of the table called name in a definitions file or in
// -table: c's prefix and suffix around it. The prefix and suffix are added once: a name that
// already carries them (a file written from models' stored names, such as
// dynamodel.Definitions returns) is refused rather than stored as dev_dev_users.
func (e *env) tableName(c *dynamodel.Client, name string) (string, error) {
	p, s := c.TablePrefix(), c.TableSuffix()
	switch {
	case p != "" && strings.HasPrefix(name, p):
		return "", fmt.Errorf("table %s already begins with the prefix %s, which would make it %s: name tables without prefix and suffix (they are added once, from %s)", name, p, c.TableName(name), e.prefixSource())
	case s != "" && strings.HasSuffix(name, s):
		return "", fmt.Errorf("table %s already ends with the suffix %s, which would make it %s: name tables without prefix and suffix (they are added once, from %s)", name, s, c.TableName(name), e.prefixSource())
	}
	return c.TableName(name), nil
}

func (e *env) prefixSource() string {
	if e.fixed {
		return "the program's client"
	}
	return "-prefix and -suffix"
}

// waitEvery is how often apply reports a wait for ACTIVE.
func (e *env) waitEvery() time.Duration {
	if e.waitInterval > 0 {
		return e.waitInterval
	}
	return 10 * time.Second
}

// readFile reads the file at path, or standard input for "-".
func (e *env) readFile(path string) ([]byte, error) {
	if path == "-" {
		data, err := io.ReadAll(e.stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err // *fs.PathError names the file
	}
	return data, nil
}

func displayName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return strings.TrimSpace(path)
}
