package schema

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/validate"
)

func manyIndexes(n int, local bool) []Option {
	opts := []Option{Attr("pk", Type(attr.S), HashKey()), Attr("sk", Type(attr.S), RangeKey())}
	for i := range n {
		var io []IndexOption
		if local {
			io = append(io, Local())
		}
		opts = append(opts, Attr(fmt.Sprintf("a%d", i), Type(attr.S), Index(io...)))
	}
	return opts
}

func TestNewErrors(t *testing.T) {
	s := func(name string, settings ...Setting) Def {
		return Attr(name, append([]Setting{Type(attr.S)}, settings...)...)
	}
	tests := []struct {
		name string
		opts []Option
		want []string // substrings, each of some problem
	}{
		{"no attributes", nil, []string{"no attributes, so no hash key"}},
		{"no type", []Option{Attr("id", HashKey())}, []string{`attribute "id" has no type`}},
		{"two hash keys", []Option{s("a", HashKey()), s("b", HashKey())}, []string{`two hash keys: "a" and "b"`}},
		{"two range keys", []Option{s("a", HashKey()), s("b", RangeKey()), s("c", RangeKey())}, []string{`two range keys: "b" and "c"`}},
		{"key of a non-key type", []Option{Attr("a", Type(attr.BOOL), HashKey())}, []string{`key attribute "a" has type BOOL; keys are S, N or B`}},
		{"first attribute not a key type", []Option{Attr("a", Type(attr.M))}, []string{`no attribute has HashKey(), and the first one, "a", has type M`}},
		{"key inside a nested map", []Option{s("id"), Attr("m", Map(s("k", HashKey())))}, []string{`attribute "m.k": keys cannot be inside nested maps`}},
		{"index on a nested attribute", []Option{s("id"), Attr("m", Map(s("k", Index())))}, []string{`attribute "m.k": indexes cannot be on nested attributes`}},
		{"duplicate index names", []Option{s("id"), s("a", Index(IndexName("idx"))), s("b", Index(IndexName("idx")))}, []string{`GSI "idx" is declared more than once`}},
		{"more than 20 GSIs", manyIndexes(21, false), []string{"21 global indexes; DynamoDB allows at most 20"}},
		{"more than 5 LSIs", manyIndexes(6, true), []string{"6 local indexes; DynamoDB allows at most 5"}},
		{"LSI without a table range key", []Option{s("id"), s("a", Index(Local()))}, []string{`LSI "aLocalIndex": the table has no range key`}},
		{"LSI with a range key", []Option{s("id"), s("r", RangeKey()), s("a", Index(Local(), IndexRangeKey("r")))}, []string{"IndexRangeKey is for global indexes"}},
		{"GSI range key unknown", []Option{s("id"), s("a", Index(IndexRangeKey("zz")))}, []string{`range key "zz" is not an attribute`}},
		{"name with a dot", []Option{s("id"), s("a.b")}, []string{`attribute "a.b": names cannot hold dots`}},
		{"attribute defined twice", []Option{s("id"), s("x"), s("x")}, []string{`attribute "x" is defined twice`}},
		{"timestamp also declared", []Option{s("id"), Attr("createdAt", Type(attr.N)), Timestamps()}, []string{`createdAt attribute "createdAt" is also declared`}},
		{"ttl also declared", []Option{s("id"), Attr("ttl", Type(attr.N)), Expires(time.Hour)}, []string{`expires attribute "ttl" is also declared`}},
		{"timestamps with one name", []Option{s("id"), CreatedAt("at", attr.TimeMillis), UpdatedAt("at", attr.TimeMillis)}, []string{`both "at"`}},
		{"expires without ttl", []Option{s("id"), Expires(0)}, []string{"ttl 0s is not positive"}},
		{"enum of the wrong type", []Option{s("id"), Attr("n", Type(attr.N), Enum(1, "two"))}, []string{`enum value two (string) does not fit`}},
		{"enum of a set", []Option{s("id"), Attr("tags", Type(attr.SS), Enum("a", 2))}, []string{`enum value 2 (int) does not fit`}},
		{"default of the wrong type", []Option{s("id"), Attr("n", Type(attr.N), Default("x"))}, []string{`default x (string) does not fit`}},
		{"two defaults", []Option{s("id"), s("x", Default("a"), Default("b"))}, []string{"more than one default"}},
		{"forceDefault without default", []Option{s("id"), s("x", ForceDefault())}, []string{"ForceDefault without a default"}},
		{"constant and default", []Option{s("id"), Attr("x", Constant("A"), Default("B"))}, []string{"a constant cannot also have a default"}},
		{"constant with a transform", []Option{s("id"), Attr("x", Constant("A"), Lowercase())}, []string{"a constant is stored as given"}},
		{"constant with a setter", []Option{s("id"), Attr("x", Constant("A"), Setter(func(v string, _ *string) (string, error) { return v, nil }))}, []string{"a constant is stored as given"}},
		{"two types", []Option{s("id"), Attr("x", Type(attr.S), Type(attr.N))}, []string{"more than one type setting"}},
		{"trim on a number", []Option{s("id"), Attr("n", Type(attr.N), Trim())}, []string{"trim, lowercase and uppercase apply to strings"}},
		{"lowercase and uppercase", []Option{s("id"), s("x", Lowercase(), Uppercase())}, []string{"both lowercase and uppercase"}},
		{"unknown validator tag", []Option{s("id"), s("x", Validate(validate.Tag("no_such_tag")))}, []string{`attribute "x": validate: tag "no_such_tag"`}},
		{"combine of an unknown attribute", []Option{s("id"), Attr("c", Combine("#", "nope"))}, []string{`Combine names "nope"`}},
		{"combine of itself", []Option{s("id"), Attr("c", Combine("#", "c"))}, []string{"Combine names the attribute itself"}},
		{"combine nested", []Option{s("id"), Attr("m", Map(Attr("c", Combine("#", "id"))))}, []string{"a combined attribute must be at the top"}},
		{"list element settings", []Option{s("id"), Attr("l", List(Type(attr.S), Required()))}, []string{"list elements take a type"}},
		{"toDynamo nested", []Option{s("id"), Attr("m", Map(s("x", ToDynamo(func(string) (types.AttributeValue, error) { return nil, nil }))))}, []string{"toDynamo and fromDynamo apply to top-level attributes only"}},
		{"empty saveUnknown segment", []Option{s("id"), SaveUnknown("a..b")}, []string{`pattern "a..b" has an empty segment`}},
		{"item function of another type", []Option{s("id"), ItemValidator(func(*User) error { return nil })}, []string{"ItemValidator takes a func(*schema.User) error, but the schema's items are map[string]interface {}: give it a func(*map[string]interface {}) error"}},
		{"item setter of another type", []Option{s("id"), ItemSetter(func(*User) error { return nil })}, []string{"ItemSetter takes a func(*schema.User) error"}},
		{"item getter of another type", []Option{s("id"), ItemGetter(func(*User) error { return nil })}, []string{"ItemGetter takes a func(*schema.User) error"}},
		{"throughput twice", []Option{s("id"), Throughput(1, 1), OnDemand()}, []string{"throughput given more than once"}},
		{"stream without a view type", []Option{s("id"), Stream("")}, []string{"Stream needs a view type"}},
		{"nil setter", []Option{s("id"), s("x", Setter[string](nil))}, []string{"nil setter"}},
		{"alias with a dot", []Option{s("id"), s("x", Alias("a.b"))}, []string{`alias "a.b" holds a dot`}},
		{
			"every problem at once",
			[]Option{Attr("a", Type(attr.BOOL), HashKey()), s("b", HashKey()), s("c.d"), Attr("n", Type(attr.N), Enum("x"))},
			[]string{"two hash keys", "names cannot hold dots", "enum value x", "keys are S, N or B"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts...)
			checkProblems(t, err, tt.want)
		})
	}
}

func checkProblems(t *testing.T, err error, want []string) {
	t.Helper()
	var se *Error
	if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("New() = %v; want a *schema.Error wrapping ErrInvalid", err)
	}
	for _, w := range want {
		found := false
		for _, p := range se.Problems {
			if strings.Contains(p, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("New() = %v; want a problem containing %q", err, w)
		}
	}
	if len(want) > 1 && len(se.Problems) < len(want) {
		t.Errorf("New() reported %d problems; want at least %d in one error", len(se.Problems), len(want))
	}
}

type Tagged struct {
	ID      string     `dynamo:"id"`
	Count   int        `dynamo:"count"`
	When    time.Time  `dynamo:"when"`
	TTL     time.Time  `dynamo:"ttl"`
	Created string     `dynamo:"createdAt"`
	Loose   any        `dynamo:"loose"`
	Inner   Address    `dynamo:"inner"`
	Ptr     *time.Time `dynamo:"ptr,seconds"`
}

func TestForErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want []string
	}{
		{"type disagrees with the field", []Option{Attr("count", Type(attr.S))}, []string{`type S given, but its field of type int is stored as N`}},
		{"date storage disagrees with the tag", []Option{Attr("when", Date(attr.TimeSeconds))}, []string{`Date(seconds) given, but its field of type time.Time is stored as millis`}},
		{"map settings on a struct field", []Option{Attr("inner", Map(Attr("city", Type(attr.S))))}, []string{`give their settings with Attr("inner.name")`}},
		{"no such nested field", []Option{Attr("inner.nope", Required())}, []string{`no field "inner.nope"`}},
		{"path through a scalar", []Option{Attr("count.x", Required())}, []string{`"count" holds no nested struct`}},
		{"virtual attribute without a value", []Option{Attr("extra", Type(attr.S))}, []string{"no struct field has this name"}},
		{"default of another type", []Option{Attr("count", Default("x"))}, []string{`default x (string) does not fit the attribute's type int`}},
		{"default function of another type", []Option{Attr("count", DefaultFunc(func() string { return "" }))}, []string{"default function returns string, not int"}},
		{"setter of another type", []Option{Attr("count", Setter(func(v string, _ *string) (string, error) { return v, nil }))}, []string{"setter takes string, but the field is int"}},
		{"getter of another type", []Option{Attr("count", Getter(func(v string) (string, error) { return v, nil }))}, []string{"getter takes string, but the field is int"}},
		{"regexp on a number", []Option{Attr("count", Validate(validate.Regexp(nil)))}, []string{"nil regexp"}},
		{"func rule of another type", []Option{Attr("count", Validate(validate.Func("f", func(string) error { return nil })))}, []string{"rule f checks string, but the field is int"}},
		{"tag that cannot apply", []Option{Attr("count", Validate(validate.Tag("dive")))}, []string{`attribute "count": validate: tag "dive"`}},
		{"ttl field not in seconds", []Option{Expires(time.Hour)}, []string{`expires attribute "ttl": its field must be stored in epoch seconds`}},
		{"timestamp field not a time", []Option{Timestamps()}, []string{`createdAt attribute "createdAt": its field must be a time.Time, not string`}},
		{"timestamp field with settings", []Option{Attr("when", Required()), CreatedAt("when", attr.TimeMillis)}, []string{`createdAt attribute "when" is also declared`}},
		// The field's codec stores the value: the option's storage cannot be honoured
		// quietly otherwise.
		{"createdAt storage disagrees with the field", []Option{CreatedAt("when", attr.TimeISO)}, []string{`CreatedAt("when", iso): its field is stored as millis (its tag): give the tag option iso, or the storage millis`}},
		{"updatedAt storage disagrees with the field", []Option{UpdatedAt("ptr", attr.TimeMillis)}, []string{`UpdatedAt("ptr", millis): its field is stored as seconds (its tag): give the tag option millis (or none), or the storage seconds`}},
		{"combined attribute on a number field", []Option{Attr("count", Combine("#", "id"))}, []string{"a combined attribute needs a string field, not int"}},
		{"enum converted or refused", []Option{Attr("count", Enum(1, 2.5, "x"))}, []string{"enum value x (string) does not fit"}},
		{"fromDynamo of another type", []Option{Attr("count", FromDynamo(func(types.AttributeValue) (string, error) { return "", nil }))}, []string{"fromDynamo returns string, but the field is int"}},
		// Without a field tagged unknown, a struct drops undeclared attributes on read, and
		// the next Put deletes them: SaveUnknown would be a silent no-op.
		{"saveUnknown without an unknown field", []Option{SaveUnknown()}, []string{"SaveUnknown(): schema.Tagged has no field tagged unknown, so the attributes it does not declare " +
			"would be dropped on every write; add a field to hold them (Rest map[string]any, or map[string]types.AttributeValue, tagged `dynamo:\",unknown\"`)"}},
		{"saveUnknown pattern at the top", []Option{SaveUnknown("extra")}, []string{`SaveUnknown("extra"): schema.Tagged has no field tagged unknown`}},
		{"saveUnknown wildcard at the top", []Option{SaveUnknown("*.x", "loose.*")}, []string{`SaveUnknown("*.x")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := For[Tagged](tt.opts...)
			checkProblems(t, err, tt.want)
		})
	}
}

// TestSaveUnknownInsideMapField: a pattern below a declared attribute keeps what that
// attribute's map holds, with or without a field tagged unknown.
func TestSaveUnknownInsideMapField(t *testing.T) {
	if _, err := For[Tagged](SaveUnknown("loose.*", "loose.**")); err != nil {
		t.Errorf("For[Tagged](SaveUnknown(loose.*)) = %v; want no error", err)
	}
	type kept struct {
		ID   string         `dynamo:"id"`
		Rest map[string]any `dynamo:",unknown"`
	}
	if _, err := For[kept](SaveUnknown("*")); err != nil {
		t.Errorf("For[kept](SaveUnknown(*)) = %v; want no error", err)
	}
}

func TestForNotAStruct(t *testing.T) {
	_, err := For[map[string]any]()
	checkProblems(t, err, []string{"For needs a struct type"})
}

func TestTableAndOptions(t *testing.T) {
	s, err := New(
		Attr("pk", Type(attr.S), HashKey()),
		Attr("sk", Type(attr.N), RangeKey()),
		Attr("email", Type(attr.S), Index()),
		Attr("breed", Type(attr.S), Index(IndexName("BreedIndex"), IndexRangeKey("sk"), KeysOnly(), IndexThroughput(5, 5))),
		Attr("name", Type(attr.S), Index(Local(), Project("email")), Index(IndexName("ByName"))),
		Throughput(15, 5),
		Expires(time.Hour, TTLAttribute("expiresAt")),
		Tags(map[string]string{"team": "pets"}),
		Stream(types.StreamViewTypeNewAndOldImages),
		TableClass(types.TableClassStandardInfrequentAccess),
	)
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	want := index.Layout{
		Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.N}},
		Indexes: []index.Index{
			{Name: "emailGlobalIndex", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "email", Type: attr.S}}},
			{Name: "BreedIndex", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "breed", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.N}},
				Projection: index.Projection{Type: index.ProjectKeysOnly}, Throughput: &index.Throughput{Read: 5, Write: 5}},
			{Name: "nameLocalIndex", Keys: index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "name", Type: attr.S}},
				Projection: index.Projection{Type: index.ProjectInclude, Attributes: []string{"email"}}},
			{Name: "ByName", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "name", Type: attr.S}}},
		},
	}
	if diff := cmp.Diff(want, s.Layout()); diff != "" {
		t.Errorf("Table() (-want +got):\n%s", diff)
	}
	wantSettings := TableSettings{
		Billing: index.Provisioned(15, 5),
		Stream:  types.StreamViewTypeNewAndOldImages,
		Class:   types.TableClassStandardInfrequentAccess,
		Tags:    map[string]string{"team": "pets"},
	}
	if diff := cmp.Diff(wantSettings, s.TableSettings()); diff != "" {
		t.Errorf("TableSettings() (-want +got):\n%s", diff)
	}
	s.TableSettings().Tags["team"] = "changed"
	if got := s.TableSettings().Tags["team"]; got != "pets" {
		t.Errorf("TableSettings().Tags[team] after a change of a returned copy = %q; want pets", got)
	}
	if name, ok := s.TTL(); name != "expiresAt" || !ok {
		t.Errorf("TTL() = %q, %v; want expiresAt, true", name, ok)
	}
	if s.HashKey() != "pk" || s.RangeKey() != "sk" {
		t.Errorf("HashKey(), RangeKey() = %q, %q; want pk, sk", s.HashKey(), s.RangeKey())
	}
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		name        string
		build       func() (built, error)
		wantHash    string
		wantBilling index.Billing
		wantTTL     bool
		wantAttrs   []string
	}{
		{
			name:        "first attribute is the hash key, 1/1 throughput",
			build:       func() (built, error) { return New(Attr("a", Type(attr.S)), Attr("b", Type(attr.N))) },
			wantHash:    "a",
			wantBilling: index.Provisioned(1, 1),
			wantAttrs:   []string{"a", "b"},
		},
		{
			name: "struct: first field is the hash key, on demand, stored-only attributes last",
			build: func() (built, error) {
				return For[Stamped](OnDemand(), Attr("kind", Constant("S")), Expires(time.Hour))
			},
			wantHash:    "id",
			wantBilling: index.OnDemand(),
			wantTTL:     true,
			wantAttrs:   []string{"id", "createdAt", "updatedAt", "kind", "ttl"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.build()
			if err != nil {
				t.Fatalf("building the schema: %v", err)
			}
			s := b.untyped()
			if s.HashKey() != tt.wantHash {
				t.Errorf("HashKey() = %q; want %q", s.HashKey(), tt.wantHash)
			}
			if got := b.TableSettings().Billing; got != tt.wantBilling {
				t.Errorf("TableSettings().Billing = %v; want %v", got, tt.wantBilling)
			}
			if _, ok := s.TTL(); ok != tt.wantTTL {
				t.Errorf("TTL() ok = %v; want %v", ok, tt.wantTTL)
			}
			if diff := cmp.Diff(tt.wantAttrs, s.Attributes()); diff != "" {
				t.Errorf("Attributes() (-want +got):\n%s", diff)
			}
		})
	}
}

// built is a *Schema[T] of any T.
type built interface {
	untyped() *core
	TableSettings() TableSettings
}

func TestMust(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Errorf("Must(nil, err) did not panic")
		}
	}()
	Must(New())
}
