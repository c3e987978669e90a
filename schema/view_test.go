package schema_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/schema"
)

// TestSchemaMethodsAreTheUsersOnes pins Schema's method set: the pipelines, keys and the
// table it declares. The machinery of model, relation and dynamodelcli (paths, values of
// conditions, templates, the TTL filter, the clock) is reached through internal/schemaview.
func TestSchemaMethodsAreTheUsersOnes(t *testing.T) {
	want := []string{"Create", "HashKey", "Key", "KeyOf", "Layout", "Put", "RangeKey", "Read", "TTL", "TableSettings", "Update"}
	for _, typ := range []reflect.Type{reflect.TypeFor[*schema.Schema[map[string]any]](), reflect.TypeFor[*schema.Schema[struct{ ID string }]]()} {
		var got []string
		for m := range typ.Methods() {
			got = append(got, m.Name)
		}
		slices.Sort(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("methods of %v (-want +got):\n%s", typ, diff)
		}
	}
}

type viewed struct {
	ID      string    `dynamo:"id"`
	Role    string    `dynamo:"role"`
	Address string    `dynamo:"address"`
	Expires time.Time `dynamo:"expires,seconds"`
}

func TestViewReadsTheSchema(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := schema.Must(schema.For[viewed](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("pk", schema.Template("ROLE#{role}"), schema.Index()),
		schema.Expires(time.Hour, schema.HideExpired(), schema.TTLAttribute("expires")),
		schema.Clock(func() time.Time { return now }),
	))
	v := schemaview.Of(s)
	if got, want := v.Attributes(), []string{"id", "role", "address", "expires", "pk"}; !cmp.Equal(got, want) {
		t.Errorf("Attributes() = %v; want %v", got, want)
	}
	if p, err := v.Path("Address"); err != nil || p.String() != "address" {
		t.Errorf("Path(Address) = %v, %v; want address (the stored name of the Go field)", p, err)
	}
	if av, err := v.Value("expires", now); err != nil || !cmp.Equal(av, types.AttributeValue(&types.AttributeValueMemberN{Value: "1767323045"}), cmpopts.IgnoreUnexported(types.AttributeValueMemberN{})) {
		t.Errorf("Value(expires, %v) = %#v, %v; want N 1767323045 (epoch seconds)", now, av, err)
	}
	if typ, err := v.TypeAt("role"); err != nil || typ != attr.S {
		t.Errorf("TypeAt(role) = %v, %v; want S", typ, err)
	}
	if got, want := v.Templates(), []schemaview.KeyTemplate{{Attribute: "pk", Pattern: "ROLE#{role}", Parts: []string{"role"}}}; !cmp.Equal(got, want) {
		t.Errorf("Templates() = %v; want %v", got, want)
	}
	if !v.HidesExpired() || !v.Now().Equal(now) {
		t.Errorf("HidesExpired(), Now() = %v, %v; want true, %v", v.HidesExpired(), v.Now(), now)
	}
	if name, ok := v.TTL(); !ok || name != "expires" || v.HashKey() != "id" || v.RangeKey() != "" {
		t.Errorf("TTL(), HashKey(), RangeKey() = %q %v, %q, %q; want expires true, id, \"\"", name, ok, v.HashKey(), v.RangeKey())
	}
	past, err := s.Put(&viewed{ID: "a", Expires: now.Add(-time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Expired(past) {
		t.Errorf("Expired(%v) = false; want true", past)
	}
}

func TestViewOfSomethingElsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("schemaview.Of(a string) did not panic")
		}
	}()
	schemaview.Of("users")
}
