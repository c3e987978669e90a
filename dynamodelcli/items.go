package dynamodelcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/awserr"
	"github.com/dynamodel/dynamodel/internal/expr"
	"github.com/dynamodel/dynamodel/tablesync"
)

const (
	tableFlag = "the table `name` (without -prefix and -suffix)"
	keyFlag   = "the item's key as a JSON `object`, e.g. {\"id\":\"a\"} (hash key, and range key if the table has one)"
)

var getCommand = &command{
	name:    "get",
	usage:   `-table T -key '{"id":"a"}' [-consistent]`,
	summary: "print the item with a key, as JSON",
	details: `
Get reads the item with the given key (GetItem) and prints it as one line of JSON. When there
is no such item it prints nothing and exits 1. Reads are eventually consistent unless
-consistent is given. See 'help json' for how JSON maps to DynamoDB types.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		table := fs.String("table", "", tableFlag)
		keyJSON := fs.String("key", "", keyFlag)
		consistent := fs.Bool("consistent", false, "strongly consistent read")
		return func(ctx context.Context) error {
			key, err := e.keyArg(*table, *keyJSON)
			if err != nil {
				return err
			}
			c, name, err := e.openTable(ctx, *table)
			if err != nil {
				return err
			}
			out, err := c.DynamoDB().GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: key, ConsistentRead: aws.Bool(*consistent)})
			if err != nil {
				return requestError("GetItem", name, err)
			}
			if out.Item == nil {
				return fmt.Errorf("no item in %s with key %s", name, *keyJSON)
			}
			return writeItem(e.stdout, out.Item)
		}
	},
}

var putCommand = &command{
	name:    "put",
	usage:   `-table T -item '{...}'|@file.json|- [-if-not-exists] [-return-old]`,
	summary: "write an item given as JSON (create or replace)",
	details: `
Put writes the item (PutItem): a new item, or a replacement of the item with the same key.
The item is inline JSON, @path for a file holding it, or - for standard input. With
-if-not-exists it writes only when no item has that key, and exits 1 otherwise. With
-return-old it prints the item it replaced, if any.

The item is written as given: no schema, defaults or validation apply (models do that).
See 'help json' for how JSON maps to DynamoDB types.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		table := fs.String("table", "", tableFlag)
		itemArg := fs.String("item", "", "the item: a JSON `object`, @file.json, or - for standard input")
		ifNotExists := fs.Bool("if-not-exists", false, "write only if no item has this key")
		returnOld := fs.Bool("return-old", false, "print the item this one replaced")
		return func(ctx context.Context) error {
			if *table == "" {
				return usagef("-table is required")
			}
			item, err := e.itemArg(*itemArg)
			if err != nil {
				return err
			}
			c, name, err := e.openTable(ctx, *table)
			if err != nil {
				return err
			}
			in := &dynamodb.PutItemInput{TableName: aws.String(name), Item: item}
			if *returnOld {
				in.ReturnValues = types.ReturnValueAllOld
			}
			if *ifNotExists {
				t, err := e.describe(ctx, name)
				if err != nil {
					return err
				}
				var b expr.Builder
				cond, err := b.Condition(expr.NotExists(attr.Path{{Name: t.Keys.Hash.Name}}))
				if err != nil {
					return err
				}
				in.ConditionExpression, in.ExpressionAttributeNames = aws.String(cond), b.Names()
			}
			out, err := c.DynamoDB().PutItem(ctx, in)
			if *ifNotExists && awserr.Is(err, awserr.ConditionFailed) {
				return fmt.Errorf("an item with this key exists in %s; nothing written (-if-not-exists)", name)
			}
			if err != nil {
				return requestError("PutItem", name, err)
			}
			if len(out.Attributes) > 0 {
				return writeItem(e.stdout, out.Attributes)
			}
			return nil
		}
	},
}

var deleteCommand = &command{
	name:    "delete",
	usage:   `-table T -key '{"id":"a"}' [-return-old]`,
	summary: "delete the item with a key",
	details: `
Delete removes the item with the given key (DeleteItem). Deleting an item that does not
exist is not an error. With -return-old it prints the deleted item, if there was one.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		table := fs.String("table", "", tableFlag)
		keyJSON := fs.String("key", "", keyFlag)
		returnOld := fs.Bool("return-old", false, "print the deleted item")
		return func(ctx context.Context) error {
			key, err := e.keyArg(*table, *keyJSON)
			if err != nil {
				return err
			}
			c, name, err := e.openTable(ctx, *table)
			if err != nil {
				return err
			}
			in := &dynamodb.DeleteItemInput{TableName: aws.String(name), Key: key}
			if *returnOld {
				in.ReturnValues = types.ReturnValueAllOld
			}
			out, err := c.DynamoDB().DeleteItem(ctx, in)
			if err != nil {
				return requestError("DeleteItem", name, err)
			}
			if len(out.Attributes) > 0 {
				return writeItem(e.stdout, out.Attributes)
			}
			return nil
		}
	},
}

var queryCommand = &command{
	name:    "query",
	usage:   `-table T -where '{"pk":"x"}' [-begins-with sk=prefix] [-index I] [-limit N] [-cursor C] [-desc] [-consistent] [-explain]`,
	summary: "print the items with a hash key (and range key condition), as JSON lines",
	details: `
Query prints, one JSON object per line, the items whose attributes equal the values of
-where, and whose attribute given to -begins-with starts with the prefix. Dynamodel's query
planner picks the table or the index whose keys fit these conditions (the table first, then
indexes in the order the table lists them, preferring one whose range key is constrained too);
-index names one instead, and -explain prints the choice and why. Conditions on attributes
that are not keys of the choice are applied as a filter.

Items come in key order (-desc reverses it). -limit N prints at most N items; when more
remain, the line "next cursor: C" is written to standard error, and -cursor C continues
after the last item printed.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		table := fs.String("table", "", tableFlag)
		whereJSON := fs.String("where", "", "attributes and the values they must equal, as a JSON `object`; it must hold a hash key")
		beginsWith := fs.String("begins-with", "", "`attribute=prefix`: the attribute (usually a range key) starts with prefix")
		indexName := fs.String("index", "", "query this `index` instead of letting the planner choose")
		p := pagingFlags(fs)
		desc := fs.Bool("desc", false, "descending range key order")
		consistent := fs.Bool("consistent", false, "strongly consistent reads (not on global indexes)")
		explain := fs.Bool("explain", false, "print to standard error which index the query uses and why")
		return func(ctx context.Context) error {
			if *table == "" {
				return usagef("-table is required")
			}
			if *whereJSON == "" {
				return usagef(`-where is required: the hash key and its value, e.g. -where '{"pk":"x"}'`)
			}
			where, err := parseItem([]byte(*whereJSON), "-where")
			if err != nil {
				return usagef("%v", err)
			}
			var bwName, bwPrefix string
			if *beginsWith != "" {
				var ok bool
				bwName, bwPrefix, ok = strings.Cut(*beginsWith, "=")
				if !ok || bwName == "" {
					return usagef("-begins-with %q: want attribute=prefix, e.g. sk=order#", *beginsWith)
				}
				if _, dup := where[bwName]; dup {
					return usagef("-begins-with names %s, which -where compares too", bwName)
				}
			}
			start, err := p.start()
			if err != nil {
				return err
			}
			c, name, err := e.openTable(ctx, *table)
			if err != nil {
				return err
			}
			t, err := e.describe(ctx, name)
			if err != nil {
				return err
			}
			choice, err := t.Choose(index.Conditions{Equal: slices.Sorted(maps.Keys(where)), Range: bwName, Index: *indexName})
			if err != nil {
				return err
			}
			if *explain {
				fmt.Fprintln(e.stderr, choice.Explain)
			}
			cond := func(a string) expr.Cond {
				if a == bwName {
					return expr.BeginsWith(attr.Path{{Name: a}}, &types.AttributeValueMemberS{Value: bwPrefix})
				}
				return expr.Equal(attr.Path{{Name: a}}, where[a])
			}
			for _, k := range choice.Keys.All() {
				if v, ok := where[k.Name]; ok && k.Name != "" && attr.TypeOf(v) != k.Type {
					return fmt.Errorf("-where gives %s a %s value; the key %s is of type %s", k.Name, attr.TypeOf(v), k.Name, k.Type)
				}
			}
			var b expr.Builder
			in := &dynamodb.QueryInput{TableName: aws.String(name), ConsistentRead: aws.Bool(*consistent), ScanIndexForward: aws.Bool(!*desc)}
			var hashes, sorts []expr.Cond
			for _, k := range choice.Keys.HashKeys() {
				hashes = append(hashes, cond(k.Name))
			}
			for _, r := range choice.Ranges {
				sorts = append(sorts, cond(r))
			}
			kc, err := b.KeyConditionAll(hashes, sorts)
			if err != nil {
				return err
			}
			in.KeyConditionExpression = aws.String(kc)
			if len(choice.Filter) > 0 {
				filters := make([]expr.Cond, len(choice.Filter))
				for i, a := range choice.Filter {
					filters[i] = cond(a)
				}
				f, err := b.Condition(expr.And(filters...))
				if err != nil {
					return err
				}
				in.FilterExpression = aws.String(f)
			}
			in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
			if choice.Index != "" {
				in.IndexName = aws.String(choice.Index)
			}
			keys := keyNames(t.Keys, choice.Keys)
			return e.pages(ctx, p.limit, start, keys, func(ctx context.Context, start map[string]types.AttributeValue, limit *int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
				in.ExclusiveStartKey, in.Limit = start, limit
				out, err := c.DynamoDB().Query(ctx, in)
				if err != nil {
					return nil, nil, requestError("Query", name, err)
				}
				return out.Items, out.LastEvaluatedKey, nil
			})
		}
	},
}

var scanCommand = &command{
	name:    "scan",
	usage:   "-table T [-index I] [-limit N] [-cursor C] [-consistent]",
	summary: "print every item of a table or index, as JSON lines",
	details: `
Scan prints every item of the table (or of the index given with -index), one JSON object per
line, in no particular order. A scan reads the whole table: on a large table give -limit N,
which prints at most N items and, when more remain, writes "next cursor: C" to standard error;
-cursor C continues after the last item printed.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context) error {
		table := fs.String("table", "", tableFlag)
		indexName := fs.String("index", "", "scan this `index` instead of the table")
		p := pagingFlags(fs)
		consistent := fs.Bool("consistent", false, "strongly consistent reads (not on global indexes)")
		return func(ctx context.Context) error {
			if *table == "" {
				return usagef("-table is required")
			}
			start, err := p.start()
			if err != nil {
				return err
			}
			c, name, err := e.openTable(ctx, *table)
			if err != nil {
				return err
			}
			t, err := e.describe(ctx, name)
			if err != nil {
				return err
			}
			in := &dynamodb.ScanInput{TableName: aws.String(name), ConsistentRead: aws.Bool(*consistent)}
			keys := keyNames(t.Keys, index.KeySchema{})
			if *indexName != "" {
				ix, ok := t.Index(*indexName)
				if !ok {
					return fmt.Errorf("table %s has no index %q", name, *indexName)
				}
				in.IndexName = aws.String(ix.Name)
				keys = keyNames(t.Keys, ix.Keys)
			}
			return e.pages(ctx, p.limit, start, keys, func(ctx context.Context, start map[string]types.AttributeValue, limit *int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
				in.ExclusiveStartKey, in.Limit = start, limit
				out, err := c.DynamoDB().Scan(ctx, in)
				if err != nil {
					return nil, nil, requestError("Scan", name, err)
				}
				return out.Items, out.LastEvaluatedKey, nil
			})
		}
	},
}

// paging holds -limit and -cursor.
type paging struct {
	limit  int
	cursor string
}

func pagingFlags(fs *flag.FlagSet) *paging {
	p := &paging{}
	fs.IntVar(&p.limit, "limit", 0, "print at most `N` items, then the cursor to continue with (0: all)")
	fs.StringVar(&p.cursor, "cursor", "", "continue after the item where an earlier call stopped (the `cursor` it printed)")
	return p
}

func (p *paging) start() (map[string]types.AttributeValue, error) {
	if p.limit < 0 {
		return nil, usagef("-limit %d: want a positive number of items, or 0 for all", p.limit)
	}
	if p.cursor == "" {
		return nil, nil
	}
	key, err := decodeCursor(p.cursor)
	if err != nil {
		return nil, usagef("-cursor: %v", err)
	}
	return key, nil
}

type fetchFunc func(ctx context.Context, start map[string]types.AttributeValue, limit *int32) (items []map[string]types.AttributeValue, last map[string]types.AttributeValue, err error)

// pages prints the items fetch returns page after page, at most limit of them (0: all).
// When it stops at the limit with items left, it writes the cursor of the last item printed
// to standard error: the key of that item (keys names the attributes of the table's and the
// index's keys), or the page's LastEvaluatedKey when the item ended the page.
func (e *env) pages(ctx context.Context, limit int, start map[string]types.AttributeValue, keys []string, fetch fetchFunc) error {
	printed := 0
	for {
		var lim *int32
		if limit > 0 {
			lim = aws.Int32(int32(min(limit-printed, math.MaxInt32)))
		}
		items, last, err := fetch(ctx, start, lim)
		if err != nil {
			return err
		}
		for i, it := range items {
			if err := writeItem(e.stdout, it); err != nil {
				return err
			}
			printed++
			if limit == 0 || printed < limit {
				continue
			}
			next := last
			if i < len(items)-1 {
				next = make(map[string]types.AttributeValue, len(keys))
				for _, k := range keys {
					next[k] = it[k]
				}
			}
			if next == nil {
				return nil
			}
			cursor, err := encodeCursor(next)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stderr, "next cursor: %s\n", cursor)
			return err
		}
		if last == nil {
			return nil
		}
		start = last
	}
}

// keyNames lists the attributes that make up the position of an item in the table or index:
// the table's keys, and the index's when there is one (every attribute of a multi-attribute
// key: DynamoDB refuses an ExclusiveStartKey without them).
func keyNames(table, ix index.KeySchema) []string {
	var names []string
	for _, k := range append(table.All(), ix.All()...) {
		if k.Name != "" && !slices.Contains(names, k.Name) {
			names = append(names, k.Name)
		}
	}
	return names
}

// describe reads a table's keys and indexes.
func (e *env) describe(ctx context.Context, name string) (index.Layout, error) {
	out, err := e.client.DynamoDB().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		return index.Layout{}, requestError("DescribeTable", name, err)
	}
	return tablesync.FromDescription(out.Table, nil).Index, nil
}

// keyArg checks -table and parses -key.
func (e *env) keyArg(table, keyJSON string) (map[string]types.AttributeValue, error) {
	if table == "" {
		return nil, usagef("-table is required")
	}
	if keyJSON == "" {
		return nil, usagef(`-key is required, e.g. -key '{"id":"a"}'`)
	}
	key, err := parseItem([]byte(keyJSON), "-key")
	if err != nil {
		return nil, usagef("%v", err)
	}
	return key, nil
}

// itemArg reads -item: inline JSON, @file, or - for standard input. A malformed inline item
// is a usage error; a malformed file is an error of its own.
func (e *env) itemArg(arg string) (map[string]types.AttributeValue, error) {
	data, what, err := e.itemData(arg)
	if err != nil {
		return nil, err
	}
	item, err := parseItem(data, what)
	if err != nil && what == "-item" {
		return nil, usagef("%v", err)
	}
	return item, err
}

// itemData returns the text of -item (inline, @file, or - for standard input) and what to
// call it in errors.
func (e *env) itemData(arg string) (data []byte, what string, err error) {
	switch {
	case arg == "":
		return nil, "", usagef("-item is required: a JSON object, @file.json, or - for standard input")
	case arg == "-" || strings.HasPrefix(arg, "@"):
		path := strings.TrimPrefix(arg, "@")
		if arg == "-" {
			path = "-"
		}
		data, err := e.readFile(path)
		if err != nil {
			return nil, "", err
		}
		return data, displayName(path), nil
	}
	return []byte(arg), "-item", nil
}

// requestError makes a failed request's error readable: the operation, the table, and AWS's
// code and message, without the SDK's request details.
func requestError(op, table string, err error) error {
	if awserr.Is(err, awserr.NotFound) {
		return fmt.Errorf("%s %s: the table does not exist", op, table)
	}
	var api interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &api) {
		return fmt.Errorf("%s %s: %s: %s", op, table, api.ErrorCode(), api.ErrorMessage())
	}
	return fmt.Errorf("%s %s: %w", op, table, err)
}
