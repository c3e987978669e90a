package schema

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

type zeroSources struct {
	ID   string                `dynamo:"id"`
	N    int                   `dynamo:"n"`
	OK   bool                  `dynamo:"ok"`
	Name string                `dynamo:"name"`
	At   time.Time             `dynamo:"at,seconds"`
	Skip int                   `dynamo:"skip,omitempty"`
	Note attr.Nullable[string] `dynamo:"note"`
	All  string                `dynamo:"all"`
}

// TestCombineTakesStoredZeroValues checks that a struct field whose zero value is stored (0,
// false, "", the zero time, fields not tagged omitempty) is combined as it is stored, as
// Dynamoose joins every value it stores; a zero the item leaves out (omitempty, an absent
// Nullable) is skipped with its separator. Before, every zero field was skipped.
func TestCombineTakesStoredZeroValues(t *testing.T) {
	s, err := For[zeroSources](Attr("id", HashKey()), Attr("all", Combine(",", "n", "ok", "name", "skip", "note", "at", "id")))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		item zeroSources
		want string
	}{
		{zeroSources{ID: "a"}, "0,false,,-62135596800,a"},
		{zeroSources{ID: "a", N: 3, OK: true, Name: "x", Skip: 4, Note: attr.Some("y"), At: time.Unix(5, 0)}, "3,true,x,4,y,5,a"},
	} {
		item, err := s.Put(&tc.item)
		if err != nil {
			t.Fatalf("Put(%+v) = %v", tc.item, err)
		}
		if got, ok := item["all"].(*types.AttributeValueMemberS); !ok || got.Value != tc.want {
			t.Errorf("Put(%+v): all = %#v; want %q", tc.item, item["all"], tc.want)
		}
	}
}

type nestedSource struct {
	ID      string `dynamo:"id"`
	Address struct {
		City string `dynamo:"city"`
	} `dynamo:"address"`
	Key string `dynamo:"key"`
}

// TestCombineOfNestedPathRefusedWithReason checks that a Combine source given as a nested
// path (Dynamoose's COMBINE(["address.city", "id"])) is refused at construction with a
// message that says nested sources are not supported and what to do instead, not only that
// it is not an attribute.
func TestCombineOfNestedPathRefusedWithReason(t *testing.T) {
	_, err := For[nestedSource](Attr("id", HashKey()), Attr("key", Combine("#", "address.city", "id")))
	if err == nil || !strings.Contains(err.Error(), `Combine names "address.city", a nested path`) || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("For with a nested Combine source = %v; want it refused as a nested path", err)
	}
}

type zeroKeyItem struct {
	ID   string `dynamo:"id"`
	N    int    `dynamo:"n"`
	Kind string `dynamo:"kind"`
	Key  string `dynamo:"key"`
}

// TestKeyOfCombinesStoredZeroAsPut checks that KeyOf builds a combined key from a stored zero
// value as a put stores it, also when another source has a default or a transform (KeyOf then
// builds the sources as stored in a map of their own): before, that map left the zero out, and
// KeyOf gave u#a for the item a put stored under u#0#a.
func TestKeyOfCombinesStoredZeroAsPut(t *testing.T) {
	for name, kind := range map[string]Setting{"default": Default("u"), "trim": Trim(), "none": Enum("u")} {
		s, err := For[zeroKeyItem](Attr("key", HashKey(), Combine("#", "kind", "n", "id")), Attr("kind", kind))
		if err != nil {
			t.Fatal(err)
		}
		item := zeroKeyItem{ID: "a", Kind: "u"}
		put, err := s.Put(&item)
		if err != nil {
			t.Fatalf("%s: Put(%+v) = %v", name, item, err)
		}
		key, err := s.KeyOf(&item)
		if err != nil || render(key["key"]) != render(put["key"]) || render(put["key"]) != `S"u#0#a"` {
			t.Errorf("%s: KeyOf(%+v) = %s, %v; want %s, as Put stores it (S\"u#0#a\")", name, item, render(key["key"]), err, render(put["key"]))
		}
	}
}
