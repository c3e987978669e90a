package schema

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

// TestAppendPut checks that AppendPut gives what Put gives, in DynamoDB's JSON form when it
// writes the item straight from the struct and as Put's map otherwise, or fails as Put fails;
// and that it writes JSON exactly when it can.
func TestAppendPut(t *testing.T) {
	calls := 0
	s := planSchema(t, &calls)
	valid, changes := planItems()
	// Items that need a write, or fail a check, take the map.
	asJSON := map[string]bool{"valid": true, "rating 0 skipped": true, "rating -0 is zero": true,
		"color empty": true, "tags empty": true, "inner score -0": true, "ptr nil": true}
	writes := []struct {
		name   string
		write  func(any, ...WriteOption) (map[string]types.AttributeValue, error)
		append func([]byte, any) ([]byte, map[string]types.AttributeValue, error)
	}{
		{"put", s.Put, s.AppendPut},
		// Create sets createdAt, a field of planItem: never written straight from the struct.
		{"create", s.Create, s.AppendCreate},
	}
	for _, wr := range writes {
		for name, change := range changes {
			t.Run(wr.name+"/"+name, func(t *testing.T) {
				item := valid
				item.Tags = append([]string(nil), valid.Tags...)
				change(&item)
				checkAppend(t, wr.write, wr.append, &item, wr.name == "put" && asJSON[name])
			})
		}
	}
}

// checkAppend checks that appendWrite gives what write gives for item (its map or its error),
// written as JSON exactly when asJSON.
func checkAppend(t *testing.T, write func(any, ...WriteOption) (map[string]types.AttributeValue, error),
	appendWrite func([]byte, any) ([]byte, map[string]types.AttributeValue, error), item any, asJSON bool) {
	t.Helper()
	want, err := write(item)
	prefix := []byte(`{"Item":`)
	body, got, gotErr := appendWrite(prefix, item)
	if failures(gotErr) != failures(err) {
		t.Fatalf("error: %v; without JSON: %v", gotErr, err)
	}
	if err != nil {
		return
	}
	if (got == nil) != asJSON {
		t.Errorf("wrote JSON: %v; want %v", got == nil, asJSON)
	}
	if got == nil {
		sameJSON(t, body, prefix, want)
		return
	}
	if string(body) != string(prefix) {
		t.Errorf("returned a map and changed the buffer to %q", body)
	}
	if renderItem(got) != renderItem(want) {
		t.Errorf("map %s; without JSON %s", renderItem(got), renderItem(want))
	}
}

// sameJSON checks that body is prefix followed by item in DynamoDB's JSON form.
func sameJSON(t *testing.T, body, prefix []byte, item map[string]types.AttributeValue) {
	t.Helper()
	if string(body[:len(prefix)]) != string(prefix) {
		t.Fatalf("the buffer's bytes were lost: %q", body)
	}
	want, ok := attr.AppendItemJSON(nil, item)
	if !ok {
		t.Fatal("wire cannot write Put's item")
	}
	var gotV, wantV any
	if err := json.Unmarshal(body[len(prefix):], &gotV); err != nil {
		t.Fatalf("AppendPut wrote invalid JSON %q: %v", body[len(prefix):], err)
	}
	if err := json.Unmarshal(want, &wantV); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantV, gotV); diff != "" {
		t.Errorf("AppendPut's item differs from Put's (-Put +AppendPut):\n%s", diff)
	}
}

type jsonKeyed struct {
	ID    string `dynamo:"id"`
	At    int64  `dynamo:"at"`
	Email string `dynamo:"email,omitempty"`
	Blob  []byte `dynamo:"blob"`
	Note  string `dynamo:"note"`
}

// TestAppendPutKeys checks the keys, stamps and size: the JSON is written only when the map's
// checks would pass, and otherwise Put's error or map comes back.
func TestAppendPutKeys(t *testing.T) {
	s := mustSchema(t)(For[jsonKeyed](
		Attr("id", HashKey(), Validate(validate.Regexp(regexp.MustCompile(`^[a-z]*$`)))),
		Attr("at", RangeKey()),
		Attr("email", Index(IndexName("byEmail"))),
		Attr("blob", Index(IndexName("byBlob"))),
		UpdatedAt("updated", attr.TimeSeconds),
		CreatedAt("created", attr.TimeMillis),
		clock(),
	))
	if s.appendJSON == nil {
		t.Fatal("no JSON writes for a schema with plain keys")
	}
	big := make([]byte, MaxItemSize)
	tests := []struct {
		name string
		item jsonKeyed
		json bool
	}{
		{"keys set", jsonKeyed{ID: "a", At: 1, Email: "e", Blob: []byte{1}}, true},
		{"empty hash key", jsonKeyed{At: 1, Email: "e", Blob: []byte{1}}, false},
		{"zero range key", jsonKeyed{ID: "a", Email: "e", Blob: []byte{1}}, false},
		{"absent index key (omitempty)", jsonKeyed{ID: "a", At: 1, Blob: []byte{1}}, true},
		{"empty index bytes", jsonKeyed{ID: "a", At: 1, Email: "e", Blob: []byte{}}, false},
		{"too large", jsonKeyed{ID: "a", At: 1, Email: "e", Blob: big}, false},
		{"escapes", jsonKeyed{ID: "a", At: -1, Email: "\"é\"\n", Blob: []byte{0}, Note: "\u2028"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkAppend(t, s.Put, s.AppendPut, &tt.item, tt.json) })
		t.Run(tt.name+"/create", func(t *testing.T) {
			// createdAt is stored only, not a field: Create writes the JSON as Put does.
			checkAppend(t, s.Create, s.AppendCreate, &tt.item, tt.json)
		})
	}
	t.Run("no JSON for a schema of maps", func(t *testing.T) {
		ms := mustSchema(t)(New(Attr("id", Type(attr.S), HashKey())))
		item := map[string]any{"id": "a"}
		body, got, err := ms.AppendPut(nil, item)
		if err != nil || got == nil || len(body) != 0 {
			t.Errorf("AppendPut(map item) = %q, %v, %v; want Put's map", body, got, err)
		}
	})
}
