package dynamodelcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/tablesync"
)

// modelCommands lists the subcommands on models in the order help shows them. plan, apply
// and verify are the dynamodel command's, on the models' tables.
var modelCommands = []*command{
	planCommand, applyCommand, verifyCommand, modelExportCommand,
	modelGetCommand, modelPutCommand, modelDeleteCommand, modelQueryCommand, modelScanCommand,
}

const modelFlag = "the model's `name`: its table's name without the client's prefix and suffix, or the name given to Named"

func (e *env) modelsHelp() string {
	var b strings.Builder
	fmt.Fprintf(&b, `%[1]s manages the DynamoDB tables of this program's models and reads and writes their
items as JSON, through the models: items are validated and stored as the schemas say.

usage: %[1]s <command> [flags]

%s  help     this text; '%[1]s help <command>' for a command, '%[1]s help json' for items
  version  the version of Dynamodel this program was built with

models (-model):
`, e.prog, e.commandList())
	for _, m := range e.models {
		fmt.Fprintf(&b, "  %-12s table %s\n", m.name, m.table)
	}
	b.WriteString(`
Requests go through the program's client; the table names above include its prefix and
suffix.

Exit codes: 0 done; 1 error (a failed request, an item the schema refuses, drift found by
verify, no item found by get); 2 wrong command line.

`)
	b.WriteString(modelItemMapping)
	b.WriteString("\nSee docs/cli.md for a guide with examples.\n")
	return b.String()
}

const modelItemMapping = `Items and keys are JSON objects with the models' attribute names (or their Go field
names). Each value is converted to the type the model's schema stores it as:

  a string set (SS), number set (NS)   a JSON array of strings, of numbers
  binary (B), binary set (BS)          base64 text, an array of base64 texts
  a date                               RFC 3339 text ("2024-05-01T12:00:00Z") or the number
                                       the schema stores (epoch milliseconds or seconds)
  numbers, strings, booleans, null,    as JSON has them
  lists and maps

Then the model writes the item as it writes any: defaults, transforms, validation (errors
name the attribute's path), required and enum, timestamps. Items are printed as the model
reads them, one JSON object per line: sets as arrays, binary as base64, dates as stored.
`

var modelExportCommand = &command{
	name:    "export",
	usage:   "[-model NAME ...] [-format json|cloudformation]",
	summary: "write the models' table definitions, for IaC or the dynamodel command",
	offline: true,
	details: `
Export writes the tables the models' schemas declare (keys, indexes, billing, stream, table
class, time to live and tags), without reading any live table. Without -model it writes
every model's table; tables shared by several models are merged.

-format json (the default) writes a definitions file for 'dynamodel plan/apply -f': a JSON
array of {"CreateTable": {...}, "UpdateTimeToLive": {...}} in the shape of the AWS API. Its
table names leave out the client's prefix and suffix, as definition files do; the dynamodel
command adds its -prefix and -suffix once. -format cloudformation writes a template with one
AWS::DynamoDB::Table per table under the stored names (prefix and suffix included), each kept
on stack deletion (DeletionPolicy Retain).`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		var names []string
		fs.Func("model", "the `name` of a model whose table to export (repeat the flag for several; default all)", func(s string) error {
			names = append(names, s)
			return nil
		})
		format := fs.String("format", "json", "the output `format`: json or cloudformation")
		return func(ctx context.Context) error {
			if *format != "json" && *format != "cloudformation" {
				return usagef("-format %q: want json or cloudformation", *format)
			}
			models := e.models
			if len(names) > 0 {
				models = nil
				for _, n := range names {
					m, err := e.model(n)
					if err != nil {
						return err
					}
					models = append(models, m)
				}
			}
			tables := make([]tablesync.Spec, len(models))
			for i, m := range models {
				tables[i] = tablesync.FromSchema(m.table, m.def)
				if *format == "json" {
					name := strings.TrimPrefix(m.table, e.client.TablePrefix())
					tables[i].Name = strings.TrimSuffix(name, e.client.TableSuffix())
				}
			}
			export := tablesync.ExportJSON
			if *format == "cloudformation" {
				export = tablesync.ExportCloudFormation
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

var modelGetCommand = &command{
	name:    "get",
	usage:   `-model M -key '{"id":"a"}' [-consistent]`,
	summary: "print the item with a key, as the model reads it",
	details: `
Get reads the item with the given key through the model (its read pipeline: getters, and
hiding an expired item where the schema says so) and prints it as one line of JSON. When
there is no such item it says so and exits 1. See 'help json' for the JSON of items.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		name := fs.String("model", "", modelFlag)
		keyJSON := fs.String("key", "", keyFlag)
		consistent := fs.Bool("consistent", false, "strongly consistent read")
		return func(ctx context.Context) error {
			m, key, err := e.modelKey(*name, *keyJSON)
			if err != nil {
				return err
			}
			item, err := m.items.get(ctx, key, *consistent)
			if err != nil {
				return err
			}
			return writeItem(e.stdout, item)
		}
	},
}

var modelPutCommand = &command{
	name:    "put",
	usage:   `-model M -item '{...}'|@file.json|- [-if-not-exists] [-print | -return-old]`,
	summary: "validate an item given as JSON and write it through the model",
	details: `
Put writes the item through the model: the schema converts, defaults, transforms and
validates it (a refused item names the attribute's path, and nothing is sent), stamps it,
and the model writes it (PutItem) with its version check, if any. The item is inline JSON,
@path for a file holding it, or - for standard input. With -if-not-exists it writes only
when no item has that key (the model's Create), and exits 1 otherwise. -print prints the
item as stored; -return-old prints the item it replaced, if any.

A key computed by a template may be given by its parts, as its text, or both: parts the item
lacks are read from the text, and a text other than the one the template builds from the
parts is refused (the model would store the built one).`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		name := fs.String("model", "", modelFlag)
		itemArg := fs.String("item", "", "the item: a JSON `object`, @file.json, or - for standard input")
		var w putFlags
		fs.BoolVar(&w.ifNotExists, "if-not-exists", false, "write only if no item has this key")
		fs.BoolVar(&w.print, "print", false, "print the item as it was stored (after defaults, transforms and timestamps)")
		fs.BoolVar(&w.returnOld, "return-old", false, "print the item this one replaced")
		return func(ctx context.Context) error {
			if w.print && w.returnOld {
				return usagef("-print and -return-old: give one")
			}
			m, err := e.model(*name)
			if err != nil {
				return err
			}
			data, what, err := e.itemData(*itemArg)
			if err != nil {
				return err
			}
			if _, err := parseObject(data, what); err != nil && what == "-item" {
				return usagef("%v", err) // malformed inline JSON is a mistake in the command line
			}
			item, err := parseModelItem(m.schema, data, what)
			if err != nil {
				return err
			}
			out, err := m.items.put(ctx, item, w)
			if w.ifNotExists && errors.Is(err, model.ErrConditionFailed) {
				return fmt.Errorf("an item with this key exists in %s; nothing written (-if-not-exists)", m.table)
			}
			if err != nil || out == nil {
				return err
			}
			return writeItem(e.stdout, out)
		}
	},
}

var modelDeleteCommand = &command{
	name:    "delete",
	usage:   `-model M -key '{"id":"a"}' [-return-old]`,
	summary: "delete the item with a key, through the model",
	details: `
Delete removes the item with the given key through the model (DeleteItem, with the model's
hooks and version check). Deleting an item that does not exist is not an error. With
-return-old it prints the deleted item, if there was one.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		name := fs.String("model", "", modelFlag)
		keyJSON := fs.String("key", "", keyFlag)
		returnOld := fs.Bool("return-old", false, "print the deleted item")
		return func(ctx context.Context) error {
			m, key, err := e.modelKey(*name, *keyJSON)
			if err != nil {
				return err
			}
			old, err := m.items.delete(ctx, key, *returnOld)
			if err != nil || old == nil {
				return err
			}
			return writeItem(e.stdout, old)
		}
	},
}

var modelQueryCommand = &command{
	name:    "query",
	usage:   `-model M -where '{"email":"a@b.c"}' [-begins-with sk=prefix] [-index I] [-limit N] [-cursor C] [-desc] [-consistent] [-explain]`,
	summary: "print the items the model's query finds, as JSON lines",
	details: `
Query prints, one JSON object per line, the model's items whose attributes equal the values
of -where and whose attribute given to -begins-with starts with the prefix. The model's query
planner picks the table or the index whose keys fit (-index names one instead); -explain
prints its choice and why on standard error. Conditions on attributes that are not keys of
the choice are applied as a filter. Items of an index that does not project every attribute
are printed with the attributes read.

-limit N prints at most N items; when more remain, the line "next cursor: C" is written to
standard error, and -cursor C continues after the last item printed.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		name := fs.String("model", "", modelFlag)
		whereJSON := fs.String("where", "", "attributes and the values they must equal, as a JSON `object`; it must hold a hash key of the table or of an index")
		beginsWith := fs.String("begins-with", "", "`attribute=prefix`: the attribute (usually a range key) starts with prefix")
		explain := fs.Bool("explain", false, "print to standard error which index the query uses and why")
		r := readFlagsOf(fs, true)
		return func(ctx context.Context) error {
			if *whereJSON == "" {
				return usagef(`-where is required: the hash key and its value, e.g. -where '{"email":"a@b.c"}'`)
			}
			m, err := e.model(*name)
			if err != nil {
				return err
			}
			if r.limit < 0 {
				return usagef("-limit %d: want a positive number of items, or 0 for all", r.limit)
			}
			if r.where, err = parseModelItem(m.schema, []byte(*whereJSON), "-where"); err != nil {
				return usagef("%v", err)
			}
			if *beginsWith != "" {
				var ok bool
				r.beginsWith, r.prefix, ok = strings.Cut(*beginsWith, "=")
				if !ok || r.beginsWith == "" {
					return usagef("-begins-with %q: want attribute=prefix, e.g. sk=order#", *beginsWith)
				}
			}
			if *explain {
				r.explain = func(s string) { fmt.Fprintln(e.stderr, s) }
			}
			return e.read(ctx, m, *r)
		}
	},
}

var modelScanCommand = &command{
	name:    "scan",
	usage:   "-model M [-index I] [-limit N] [-cursor C] [-consistent]",
	summary: "print every item of the model, as JSON lines",
	details: `
Scan prints every item of the model (of its table, or of the index given with -index), one
JSON object per line, in no particular order, as the model reads them. A scan reads the
whole table: on a large table give -limit N, which prints at most N items and, when more
remain, writes "next cursor: C" to standard error; -cursor C continues after the last item.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		name := fs.String("model", "", modelFlag)
		r := readFlagsOf(fs, false)
		return func(ctx context.Context) error {
			m, err := e.model(*name)
			if err != nil {
				return err
			}
			if r.limit < 0 {
				return usagef("-limit %d: want a positive number of items, or 0 for all", r.limit)
			}
			return e.read(ctx, m, *r)
		}
	},
}

func readFlagsOf(fs *flag.FlagSet, query bool) *readFlags {
	r := &readFlags{}
	fs.StringVar(&r.index, "index", "", "read this `index` instead of the table (or of the planner's choice)")
	fs.IntVar(&r.limit, "limit", 0, "print at most `N` items, then the cursor to continue with (0: all)")
	fs.StringVar(&r.cursor, "cursor", "", "continue after the item where an earlier call stopped (the `cursor` it printed)")
	fs.BoolVar(&r.consistent, "consistent", false, "strongly consistent reads (not on global indexes)")
	if query {
		fs.BoolVar(&r.desc, "desc", false, "descending range key order")
	}
	return r
}

// read prints the items of a query or scan, and the cursor when -limit stopped it.
func (e *env) read(ctx context.Context, m *Model, r readFlags) error {
	if r.cursor != "" && r.limit == 0 {
		return usagef("-cursor needs -limit: the number of items to print from it")
	}
	cursor, err := m.items.read(ctx, r, func(item map[string]types.AttributeValue) error { return writeItem(e.stdout, item) })
	if err != nil {
		return err
	}
	if cursor != "" {
		fmt.Fprintf(e.stderr, "next cursor: %s\n", cursor)
	}
	return nil
}

// modelKey returns the model -model names and the key -key gives, typed by its schema.
func (e *env) modelKey(name, keyJSON string) (*Model, map[string]types.AttributeValue, error) {
	m, err := e.model(name)
	if err != nil {
		return nil, nil, err
	}
	if keyJSON == "" {
		return nil, nil, usagef(`-key is required, e.g. -key '{"id":"a"}'`)
	}
	key, err := parseModelItem(m.schema, []byte(keyJSON), "-key")
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	return m, key, nil
}
