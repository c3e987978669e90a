package interop_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type handleItem struct {
	Handle string   `dynamo:"handle"`
	Name   string   `dynamo:"name"`
	Tags   []string `dynamo:"tags,set,omitempty"`
}

var handleSchema = schema.Must(schema.For[handleItem](
	schema.Attr("handle", schema.HashKey(), schema.Lowercase(), schema.Trim()),
	schema.Attr("tags", schema.Uppercase()),
))

// TestCaseSettingsIgnoredByDynamoose4 checks Dynamoose 1.x's trim, lowercase and uppercase,
// which Dynamodel applies (to a key, to each element of a string set) and Dynamoose 4.2
// ignores without a word (docs/migration.md §9): with them, Dynamoose stores the values as
// given; with set functions doing the same, both store the same and find each other's item
// by its key, stored or as given (both transform the key of a get).
func TestCaseSettingsIgnoredByDynamoose4(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, handleSchema, "handles")
	if err := m.Put(ctx(t), &handleItem{Handle: " GoUser ", Name: "go", Tags: []string{"a", "B"}}); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	var fromGo map[string]any
	dynamoosetest.Run(t, `
const Ignored = dynamoose.model(input.table, new dynamoose.Schema({
  handle: { type: String, hashKey: true, lowercase: true, trim: true },
  name: String,
  tags: { type: Set, schema: [String], uppercase: true },
}), noTables);
await Ignored.create({ handle: " Ignored ", name: "ignored", tags: new Set(["a", "B"]) });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  handle: { type: String, hashKey: true, set: (v) => v.trim().toLowerCase() },
  name: String,
  tags: { type: Set, schema: [String], set: (s) => new Set([...s].map((t) => t.toUpperCase())) },
}), noTables);
await Item.create({ handle: " JsUser ", name: "js", tags: new Set(["a", "B"]) });
out({ stored: await Item.get("gouser"), cased: (await Item.get(" GoUser ")) || null });
`, map[string]any{"table": table}, &fromGo)
	sameJSON(t, "Dynamoose's get of Dynamodel's item by its stored key and as given", fromGo,
		`{"stored": {"handle": "gouser", "name": "go", "tags": {"$set": ["A", "B"]}}, "cased": {"handle": "gouser", "name": "go", "tags": {"$set": ["A", "B"]}}}`)
	if got := storedAt(t, table, map[string]types.AttributeValue{"handle": avS(" Ignored ")}); !cmp.Equal(got["tags"], map[string]any{"SS": []string{"B", "a"}}) {
		t.Errorf("Dynamoose 4.2 with uppercase: true stored tags %v; want them as given", got["tags"])
	}
	for _, key := range []string{"jsuser", " JsUser "} {
		got, err := m.Get(ctx(t), model.Key{Hash: key})
		if want := (handleItem{Handle: "jsuser", Name: "js", Tags: []string{"A", "B"}}); err != nil || !cmp.Equal(got, want, cmpSortStrings) {
			t.Errorf("Dynamodel Get(%q) of Dynamoose's item = %+v, %v; want %+v", key, got, err, want)
		}
	}
	if _, err := m.Get(ctx(t), model.Key{Hash: " Ignored "}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Dynamodel Get(%q) = %v; want ErrNotFound (it looks for %q)", " Ignored ", err, "ignored")
	}
	sameStored(t, table, map[string]types.AttributeValue{"handle": avS("jsuser")}, map[string]types.AttributeValue{"handle": avS("gouser")}, "name")
}

// cmpSortStrings compares string slices as sets (a string set comes back in the server's order).
var cmpSortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
