package dynamodelcli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/tablesync"
)

// itemsTable creates, through apply, a table with keys pk and sk (both S), a GSI byStatus
// (status, sk) and an LSI byTotal (pk, total N); it returns the name for -table.
func itemsTable(t *testing.T) string {
	t.Helper()
	name := tableNames(t, "items")[0]
	def := tablesync.Spec{
		Name: name,
		Index: index.Layout{
			Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}},
			Indexes: []index.Index{
				{Name: "byStatus", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "status", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}}},
				{Name: "byTotal", Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "total", Type: attr.N}}},
			},
		},
		Billing: index.OnDemand(),
	}
	mustRun(t, "apply", "-prefix", prefix(), "-f", writeDefinitions(t, def))
	return name
}

// lines splits output into its lines.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// TestItems writes items with put (inline, from a file, from standard input), reads them with
// get, and deletes them, checking what each prints.
func TestItems(t *testing.T) {
	table := itemsTable(t)
	conn := []string{"-prefix", prefix(), "-table", table}
	args := func(cmd string, rest ...string) []string { return append(append([]string{cmd}, conn...), rest...) }

	// Numbers keep their text (a float64 would round these), nested values keep their shape,
	// and other characters pass through unescaped.
	const doc = `{"big":12345678901234567890.123456789,"n":-7,"nested":{"list":[1,"two",true,null,{"x":[]}],"map":{}},"no":false,"nothing":null,"pk":"user#1","sk":"profile","text":"<a&b> ünï \"q\""}`
	t.Run("put and get", func(t *testing.T) {
		if out := mustRun(t, args("put", "-item", doc)...); out != "" {
			t.Errorf("run(put) stdout = %q; want nothing", out)
		}
		for _, consistent := range []bool{false, true} {
			a := args("get", "-key", `{"pk":"user#1","sk":"profile"}`)
			if consistent {
				a = append(a, "-consistent")
			}
			if got := mustRun(t, a...); got != doc+"\n" {
				t.Errorf("run(%q) = %q; want %q", a, got, doc+"\n")
			}
		}
	})
	t.Run("put from a file and from standard input", func(t *testing.T) {
		file := writeFile(t, "item.json", "{\n  \"pk\": \"user#2\",\n  \"sk\": \"profile\",\n  \"total\": 5\n}\n")
		mustRun(t, args("put", "-item", "@"+file)...)
		if r := cliWithInput(t, `{"pk":"user#3","sk":"profile","total":1.50}`, args("put", "-item", "-")...); r.code != exitOK {
			t.Fatalf("run(put -item -) = %d, %q; want 0", r.code, r.stderr)
		}
		if got, want := mustRun(t, args("get", "-key", `{"pk":"user#2","sk":"profile"}`)...), `{"pk":"user#2","sk":"profile","total":5}`+"\n"; got != want {
			t.Errorf("run(get user#2) = %q; want %q", got, want)
		}
		// DynamoDB stores numbers exactly and prints them without trailing zeros.
		if got, want := mustRun(t, args("get", "-key", `{"pk":"user#3","sk":"profile"}`)...), `{"pk":"user#3","sk":"profile","total":1.5}`+"\n"; got != want {
			t.Errorf("run(get user#3) = %q; want %q", got, want)
		}
	})
	t.Run("put -if-not-exists and -return-old", func(t *testing.T) {
		r := cli(t, args("put", "-if-not-exists", "-item", `{"pk":"user#1","sk":"profile","v":2}`)...)
		if r.code != exitError || !strings.Contains(r.stderr, "an item with this key exists") {
			t.Errorf("run(put -if-not-exists, existing) = %d, %q; want 1 and that the item exists", r.code, r.stderr)
		}
		mustRun(t, args("put", "-if-not-exists", "-item", `{"pk":"user#4","sk":"profile","v":1}`)...)
		if got, want := mustRun(t, args("put", "-return-old", "-item", `{"pk":"user#4","sk":"profile","v":2}`)...), `{"pk":"user#4","sk":"profile","v":1}`+"\n"; got != want {
			t.Errorf("run(put -return-old) = %q; want the replaced item %q", got, want)
		}
	})
	t.Run("get a missing item", func(t *testing.T) {
		r := cli(t, args("get", "-key", `{"pk":"nobody","sk":"profile"}`)...)
		if r.code != exitError || r.stdout != "" || !strings.Contains(r.stderr, "no item in "+prefix()+table+` with key {"pk":"nobody","sk":"profile"}`) {
			t.Errorf("run(get missing) = %d, %q, %q; want 1, nothing printed, and which key", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("a key of the wrong shape", func(t *testing.T) {
		r := cli(t, args("get", "-key", `{"pk":"user#1"}`)...)
		if r.code != exitError || !strings.Contains(r.stderr, "GetItem "+prefix()+table+": ValidationException") {
			t.Errorf("run(get, no range key) = %d, %q; want 1 and DynamoDB's validation message", r.code, r.stderr)
		}
	})
	t.Run("a missing table", func(t *testing.T) {
		r := cli(t, "get", "-table", "no_such_table", "-key", `{"id":"a"}`)
		if r.code != exitError || !strings.Contains(r.stderr, "GetItem no_such_table: the table does not exist") {
			t.Errorf("run(get, missing table) = %d, %q; want 1 and that the table does not exist", r.code, r.stderr)
		}
	})
	t.Run("sets and binary print one way", func(t *testing.T) {
		_, err := sdk(t).PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(prefix() + table), Item: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "bin"}, "sk": &types.AttributeValueMemberS{Value: "x"},
			"b":  &types.AttributeValueMemberB{Value: []byte{0, 1, 2}},
			"ss": &types.AttributeValueMemberSS{Value: []string{"a"}},
			"ns": &types.AttributeValueMemberNS{Value: []string{"2.5"}},
			"bs": &types.AttributeValueMemberBS{Value: [][]byte{{255}}},
		}})
		if err != nil {
			t.Fatalf("PutItem = %v", err)
		}
		want := `{"b":"AAEC","bs":["/w=="],"ns":[2.5],"pk":"bin","sk":"x","ss":["a"]}` + "\n"
		if got := mustRun(t, args("get", "-key", `{"pk":"bin","sk":"x"}`)...); got != want {
			t.Errorf("run(get) of sets and binary = %q; want %q", got, want)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if got := mustRun(t, args("delete", "-key", `{"pk":"user#2","sk":"profile"}`)...); got != "" {
			t.Errorf("run(delete) = %q; want nothing printed", got)
		}
		if got, want := mustRun(t, args("delete", "-return-old", "-key", `{"pk":"user#1","sk":"profile"}`)...), doc+"\n"; got != want {
			t.Errorf("run(delete -return-old) = %q; want %q", got, want)
		}
		for _, k := range []string{`{"pk":"user#1","sk":"profile"}`, `{"pk":"user#2","sk":"profile"}`} {
			if r := cli(t, args("get", "-key", k)...); r.code != exitError {
				t.Errorf("run(get %s) after delete = %d, %q; want 1", k, r.code, r.stdout)
			}
		}
		// Deleting what is not there is not an error.
		if r := cli(t, args("delete", "-return-old", "-key", `{"pk":"user#1","sk":"profile"}`)...); r.code != exitOK || r.stdout != "" {
			t.Errorf("run(delete missing) = %d, %q, %q; want 0 and nothing printed", r.code, r.stdout, r.stderr)
		}
	})
}

// TestQueryAndScan fills a table and queries it by key, prefix, index and filter, in both
// orders, and pages through query and scan results with -limit and -cursor.
func TestQueryAndScan(t *testing.T) {
	table := itemsTable(t)
	conn := []string{"-prefix", prefix(), "-table", table}
	args := func(cmd string, rest ...string) []string { return append(append([]string{cmd}, conn...), rest...) }
	var all []string // every item as printed, in key order
	for i := range 7 {
		status := []string{"open", "paid"}[i%2]
		item := fmt.Sprintf(`{"pk":"cust#1","sk":"order#%02d","status":%q,"total":%d}`, i, status, 10-i)
		mustRun(t, args("put", "-item", item)...)
		all = append(all, item)
	}
	mustRun(t, args("put", "-item", `{"pk":"cust#1","sk":"profile","name":"Ada"}`)...)
	mustRun(t, args("put", "-item", `{"pk":"cust#2","sk":"order#01","status":"open","total":3}`)...)
	orders := slices.Clone(all)
	reversed := slices.Clone(orders)
	slices.Reverse(reversed)

	tests := []struct {
		name    string
		flags   []string
		want    []string
		explain string // in stderr with -explain
	}{
		{"hash key", []string{"-where", `{"pk":"cust#1"}`}, append(slices.Clone(orders), `{"name":"Ada","pk":"cust#1","sk":"profile"}`), ""},
		{"begins with", []string{"-where", `{"pk":"cust#1"}`, "-begins-with", "sk=order#"}, orders, ""},
		{"descending", []string{"-where", `{"pk":"cust#1"}`, "-begins-with", "sk=order#", "-desc"}, reversed, ""},
		{"both keys", []string{"-where", `{"pk":"cust#1","sk":"order#03"}`}, orders[3:4], ""},
		{"filter", []string{"-where", `{"pk":"cust#1","status":"paid"}`, "-begins-with", "sk=order#"}, []string{orders[1], orders[3], orders[5]}, ""},
		{"planner picks the global index", []string{"-where", `{"status":"open"}`, "-begins-with", "sk=order#0", "-explain"},
			[]string{orders[0], `{"pk":"cust#2","sk":"order#01","status":"open","total":3}`, orders[2], orders[4], orders[6]}, "byStatus"},
		{"named local index", []string{"-where", `{"pk":"cust#1"}`, "-index", "byTotal", "-limit", "2"}, []string{orders[6], orders[5]}, ""},
		{"consistent read", []string{"-where", `{"pk":"cust#2"}`, "-consistent"}, []string{`{"pk":"cust#2","sk":"order#01","status":"open","total":3}`}, ""},
		{"nothing found", []string{"-where", `{"pk":"cust#9"}`}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := args("query", tt.flags...)
			r := cli(t, a...)
			if r.code != exitOK {
				t.Fatalf("run(%q) = %d, %q; want 0", a, r.code, r.stderr)
			}
			if diff := cmp.Diff(tt.want, lines(r.stdout)); diff != "" {
				t.Errorf("run(%q) mismatch (-want +got):\n%s", a, diff)
			}
			if tt.explain != "" && !strings.Contains(r.stderr, tt.explain) {
				t.Errorf("run(%q) stderr = %q; want the explanation naming %s", a, r.stderr, tt.explain)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			want string
		}{
			{"no index fits", args("query", "-where", `{"name":"Ada"}`), "no index fits"},
			{"unknown index", args("query", "-where", `{"pk":"cust#1"}`, "-index", "byNothing"), "byNothing"},
			{"key of another type", args("query", "-where", `{"pk":1}`), "-where gives pk a N value; the key pk is of type S"},
			{"scan an unknown index", args("scan", "-index", "byNothing"), `has no index "byNothing"`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := cli(t, tc.args...)
				if r.code != exitError || !strings.Contains(r.stderr, tc.want) {
					t.Errorf("run(%q) = %d, %q; want 1 and %q", tc.args, r.code, r.stderr, tc.want)
				}
			})
		}
	})

	// page runs cmd with -limit n, following the cursors, and returns the items and the number
	// of calls.
	page := func(t *testing.T, n int, cmdArgs []string) (items []string, calls int) {
		t.Helper()
		cursor := ""
		for calls = 1; calls < 50; calls++ {
			a := append(slices.Clone(cmdArgs), "-limit", fmt.Sprint(n))
			if cursor != "" {
				a = append(a, "-cursor", cursor)
			}
			r := cli(t, a...)
			if r.code != exitOK {
				t.Fatalf("run(%q) = %d, %q; want 0", a, r.code, r.stderr)
			}
			got := lines(r.stdout)
			if len(got) > n {
				t.Errorf("run(%q) printed %d items; want at most %d", a, len(got), n)
			}
			items = append(items, got...)
			next, ok := strings.CutPrefix(strings.TrimSpace(r.stderr), "next cursor: ")
			if !ok {
				if r.stderr != "" {
					t.Errorf("run(%q) stderr = %q; want a cursor or nothing", a, r.stderr)
				}
				return items, calls
			}
			cursor = next
		}
		t.Fatalf("run(%q): more than 50 pages", cmdArgs)
		return nil, 0
	}
	t.Run("query pages", func(t *testing.T) {
		for _, n := range []int{1, 2, 3, 7, 8} {
			t.Run(fmt.Sprintf("limit %d", n), func(t *testing.T) {
				got, calls := page(t, n, args("query", "-where", `{"pk":"cust#1"}`, "-begins-with", "sk=order#"))
				if diff := cmp.Diff(orders, got); diff != "" {
					t.Errorf("query pages of %d mismatch (-want +got):\n%s", n, diff)
				}
				if want := (len(orders) + n - 1) / n; calls != want && calls != want+1 {
					t.Errorf("query pages of %d took %d calls; want %d (or one more to learn the end)", n, calls, want)
				}
			})
		}
	})
	t.Run("query pages with a filter and an index", func(t *testing.T) {
		got, _ := page(t, 2, args("query", "-where", `{"status":"paid","pk":"cust#1"}`))
		if want := []string{orders[1], orders[3], orders[5]}; !cmp.Equal(want, got) {
			t.Errorf("filtered query pages = %v; want %v", got, want)
		}
	})
	t.Run("scan pages", func(t *testing.T) {
		whole := lines(mustRun(t, args("scan")...))
		if len(whole) != len(orders)+2 {
			t.Fatalf("scan printed %d items; want %d", len(whole), len(orders)+2)
		}
		for _, n := range []int{1, 3, 9} {
			got, _ := page(t, n, args("scan"))
			if diff := cmp.Diff(whole, got); diff != "" {
				t.Errorf("scan pages of %d mismatch (-want +got):\n%s", n, diff)
			}
		}
		got, _ := page(t, 2, args("scan", "-index", "byStatus"))
		if len(got) != len(orders)+1 {
			t.Errorf("scan -index byStatus pages = %v; want the %d items with a status", got, len(orders)+1)
		}
	})
}

// TestCursorHoldsEveryKeyAttribute: a query stopped by -limit inside a page prints the key of
// the last item as the cursor. For an index keyed on several attributes it must hold all of
// them, with the table's keys, or DynamoDB refuses it as ExclusiveStartKey; it held only the
// first partition and sort attributes. (No local server has such indexes: the pages come
// from a fake.)
func TestCursorHoldsEveryKeyAttribute(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	table := index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}}
	tests := []struct {
		name string
		ix   index.KeySchema
		want []string
	}{
		{"table", index.KeySchema{}, []string{"pk", "sk"}},
		{"single-attribute index", index.KeySchema{Hash: index.Key{Name: "a", Type: attr.S}, Range: index.Key{Name: "c", Type: attr.S}},
			[]string{"a", "c", "pk", "sk"}},
		{"multi-attribute index", index.KeySchema{
			Hash: index.Key{Name: "a", Type: attr.S}, MoreHash: []index.Key{{Name: "b", Type: attr.S}},
			Range: index.Key{Name: "c", Type: attr.S}, MoreRange: []index.Key{{Name: "d", Type: attr.S}}},
			[]string{"a", "b", "c", "d", "pk", "sk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item := func(n string) map[string]types.AttributeValue {
				return map[string]types.AttributeValue{"pk": s("p" + n), "sk": s("s" + n), "a": s("a"), "b": s("b"), "c": s("c" + n), "d": s("d" + n), "other": s("x")}
			}
			fetch := func(context.Context, map[string]types.AttributeValue, *int32) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
				// A server that ignores Limit: the page goes on after the item the cursor names.
				return []map[string]types.AttributeValue{item("1"), item("2")}, nil, nil
			}
			var out, errOut strings.Builder
			e := &env{stdout: &out, stderr: &errOut}
			if err := e.pages(context.Background(), 1, nil, keyNames(table, tt.ix), fetch); err != nil {
				t.Fatal(err)
			}
			c, ok := strings.CutPrefix(strings.TrimSpace(errOut.String()), "next cursor: ")
			if !ok {
				t.Fatalf("pages(limit 1) stderr = %q; want a cursor", errOut.String())
			}
			key, err := decodeCursor(c)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.Sorted(maps.Keys(key))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cursor's attributes (-want +got):\n%s", diff)
			}
		})
	}
}
