package expr

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/attr"
)

var avOpts = cmpopts.IgnoreUnexported(
	types.AttributeValueMemberS{}, types.AttributeValueMemberN{}, types.AttributeValueMemberB{},
	types.AttributeValueMemberSS{}, types.AttributeValueMemberNS{}, types.AttributeValueMemberBS{},
	types.AttributeValueMemberM{}, types.AttributeValueMemberL{}, types.AttributeValueMemberBOOL{},
	types.AttributeValueMemberNULL{},
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
func ss(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberSS{Value: v}
}
func list(v ...types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberL{Value: v}
}

// p parses a document path, failing the test on a bad one.
func p(t testing.TB, s string) attr.Path {
	t.Helper()
	path, err := attr.ParsePath(s)
	if err != nil {
		t.Fatalf("ParsePath(%q) = %v", s, err)
	}
	return path
}

type built struct {
	Expr   string
	Names  map[string]string
	Values map[string]types.AttributeValue
}

func TestCondition(t *testing.T) {
	tests := []struct {
		name string
		cond func(t *testing.T) Cond
		want built
	}{
		{
			"nested map path",
			func(t *testing.T) Cond { return Equal(p(t, "address.city"), s("Oslo")) },
			built{"#n0.#n1 = :v0", map[string]string{"#n0": "address", "#n1": "city"}, map[string]types.AttributeValue{":v0": s("Oslo")}},
		},
		{
			"list index",
			func(t *testing.T) Cond { return Compare(Path(p(t, "items[2].qty")), GT, Value(n("3"))) },
			built{"#n0[2].#n1 > :v0", map[string]string{"#n0": "items", "#n1": "qty"}, map[string]types.AttributeValue{":v0": n("3")}},
		},
		{
			"every comparator",
			func(t *testing.T) Cond {
				a := Path(p(t, "a"))
				return And(Compare(a, NE, Value(n("1"))), Compare(a, LT, Value(n("2"))), Compare(a, LE, Value(n("3"))),
					Compare(a, GE, Value(n("4"))))
			},
			built{"#n0 <> :v0 AND #n0 < :v1 AND #n0 <= :v2 AND #n0 >= :v3", map[string]string{"#n0": "a"},
				map[string]types.AttributeValue{":v0": n("1"), ":v1": n("2"), ":v2": n("3"), ":v3": n("4")}},
		},
		{
			"two paths compared",
			func(t *testing.T) Cond { return Compare(Path(p(t, "spent")), LE, Path(p(t, "budget"))) },
			built{"#n0 <= #n1", map[string]string{"#n0": "spent", "#n1": "budget"}, nil},
		},
		{
			"between",
			func(t *testing.T) Cond { return Between(Path(p(t, "age")), Value(n("18")), Value(n("65"))) },
			built{"#n0 BETWEEN :v0 AND :v1", map[string]string{"#n0": "age"}, map[string]types.AttributeValue{":v0": n("18"), ":v1": n("65")}},
		},
		{
			"in",
			func(t *testing.T) Cond {
				return In(Path(p(t, "status")), Value(s("new")), Value(s("paid")), Value(s("sent")))
			},
			built{"#n0 IN (:v0, :v1, :v2)", map[string]string{"#n0": "status"},
				map[string]types.AttributeValue{":v0": s("new"), ":v1": s("paid"), ":v2": s("sent")}},
		},
		{
			"functions",
			func(t *testing.T) Cond {
				return And(BeginsWith(p(t, "sk"), s("order#")), Contains(p(t, "tags"), Value(s("red"))),
					Exists(p(t, "email")), NotExists(p(t, "deletedAt")), IsType(p(t, "meta"), attr.M))
			},
			built{"begins_with(#n0, :v0) AND contains(#n1, :v1) AND attribute_exists(#n2) AND attribute_not_exists(#n3) AND attribute_type(#n4, :v2)",
				map[string]string{"#n0": "sk", "#n1": "tags", "#n2": "email", "#n3": "deletedAt", "#n4": "meta"},
				map[string]types.AttributeValue{":v0": s("order#"), ":v1": s("red"), ":v2": s("M")}},
		},
		{
			"size",
			func(t *testing.T) Cond { return Compare(Size(p(t, "tags")), GE, Value(n("2"))) },
			built{"size(#n0) >= :v0", map[string]string{"#n0": "tags"}, map[string]types.AttributeValue{":v0": n("2")}},
		},
		{
			"not",
			func(t *testing.T) Cond { return Not(Equal(p(t, "a"), n("1"))) },
			built{"NOT #n0 = :v0", map[string]string{"#n0": "a"}, map[string]types.AttributeValue{":v0": n("1")}},
		},
		{
			"not of a group",
			func(t *testing.T) Cond { return Not(Or(Equal(p(t, "a"), n("1")), Exists(p(t, "b")))) },
			built{"NOT (#n0 = :v0 OR attribute_exists(#n1))", map[string]string{"#n0": "a", "#n1": "b"}, map[string]types.AttributeValue{":v0": n("1")}},
		},
		{
			"or inside and",
			func(t *testing.T) Cond {
				return And(Equal(p(t, "a"), n("1")), Or(Equal(p(t, "b"), n("2")), Equal(p(t, "c"), n("3"))))
			},
			built{"#n0 = :v0 AND (#n1 = :v1 OR #n2 = :v2)", map[string]string{"#n0": "a", "#n1": "b", "#n2": "c"},
				map[string]types.AttributeValue{":v0": n("1"), ":v1": n("2"), ":v2": n("3")}},
		},
		{
			"and inside or",
			func(t *testing.T) Cond {
				return Or(And(Equal(p(t, "a"), n("1")), Equal(p(t, "b"), n("2"))), Equal(p(t, "c"), n("3")))
			},
			built{"(#n0 = :v0 AND #n1 = :v1) OR #n2 = :v2", map[string]string{"#n0": "a", "#n1": "b", "#n2": "c"},
				map[string]types.AttributeValue{":v0": n("1"), ":v1": n("2"), ":v2": n("3")}},
		},
		{
			"nested ands flattened",
			func(t *testing.T) Cond {
				return And(And(Exists(p(t, "a")), Exists(p(t, "b"))), And(Exists(p(t, "c"))))
			},
			built{"attribute_exists(#n0) AND attribute_exists(#n1) AND attribute_exists(#n2)",
				map[string]string{"#n0": "a", "#n1": "b", "#n2": "c"}, nil},
		},
		{
			"one name, one placeholder",
			func(t *testing.T) Cond {
				return And(Exists(p(t, "a")), Equal(p(t, "a.a"), s("x")), Equal(p(t, "b.a[0]"), s("y")))
			},
			built{"attribute_exists(#n0) AND #n0.#n0 = :v0 AND #n1.#n0[0] = :v1", map[string]string{"#n0": "a", "#n1": "b"},
				map[string]types.AttributeValue{":v0": s("x"), ":v1": s("y")}},
		},
		{
			"names that look like syntax",
			func(t *testing.T) Cond {
				return Equal(attr.Path{{Name: "a = :v0 OR #x"}, {Name: ") AND ("}}, s(":v0"))
			},
			built{"#n0.#n1 = :v0", map[string]string{"#n0": "a = :v0 OR #x", "#n1": ") AND ("}, map[string]types.AttributeValue{":v0": s(":v0")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			c := tt.cond(t)
			e, err := b.Condition(c)
			if err != nil {
				t.Fatalf("Condition(%s) = %v", tt.name, err)
			}
			got := built{e, b.Names(), b.Values()}
			if diff := cmp.Diff(got, tt.want, avOpts); diff != "" {
				t.Errorf("Condition(%s) mismatch (-got +want):\n%s", tt.name, diff)
			}
		})
	}
}

func TestConditionErrors(t *testing.T) {
	tests := []struct {
		name string
		cond func(t *testing.T) Cond
		want string // a fragment of the message
	}{
		{"zero", func(*testing.T) Cond { return Cond{} }, "empty condition"},
		{"empty and", func(*testing.T) Cond { return And() }, "AND or OR of no conditions"},
		{"empty group inside", func(t *testing.T) Cond { return And(Exists(p(t, "a")), Or()) }, "AND or OR of no conditions"},
		{"nil value", func(t *testing.T) Cond { return Equal(p(t, "a"), nil) }, "nil value"},
		{"empty path", func(*testing.T) Cond { return Exists(nil) }, "empty attribute path"},
		{"path starting with an index", func(*testing.T) Cond { return Exists(attr.Path{{Index: 1, IsIndex: true}}) }, "starts with a list index"},
		{"empty name", func(*testing.T) Cond { return Exists(attr.Path{{Name: "a"}, {Name: ""}}) }, "empty name"},
		{"negative index", func(*testing.T) Cond { return Exists(attr.Path{{Name: "a"}, {Index: -1, IsIndex: true}}) }, "negative index"},
		{"name not UTF-8", func(*testing.T) Cond { return Exists(attr.Path{{Name: "a"}, {Name: "b\xff"}}) }, "invalid UTF-8"},
		{"value not UTF-8", func(t *testing.T) Cond { return Equal(p(t, "a"), s("k\xff")) }, `invalid UTF-8: "k\xff"`},
		{"map key not UTF-8", func(t *testing.T) Cond {
			return Contains(p(t, "a"), Value(list(&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k\xfe": n("1")}})))
		}, `marshal "[0].k\xfe"`},
		{"in without values", func(t *testing.T) Cond { return In(Path(p(t, "a"))) }, "IN needs 1 to 100 values, not 0"},
		{"in with too many values", func(t *testing.T) Cond {
			vs := make([]Operand, MaxIn+1)
			for i := range vs {
				vs[i] = Value(n("1"))
			}
			return In(Path(p(t, "a")), vs...)
		}, "not 101"},
		{"begins_with a number", func(t *testing.T) Cond { return BeginsWith(p(t, "a"), n("1")) }, "begins_with needs a string or binary prefix, not N"},
		{"ordering a map", func(t *testing.T) Cond {
			return Compare(Path(p(t, "a")), LT, Value(&types.AttributeValueMemberM{}))
		}, "< compares strings, numbers or binaries, not M"},
		{"between reversed numbers", func(t *testing.T) Cond { return Between(Path(p(t, "a")), Value(n("10")), Value(n("9.5"))) }, "lower bound is greater"},
		{"between reversed strings", func(t *testing.T) Cond { return Between(Path(p(t, "a")), Value(s("b")), Value(s("a"))) }, "lower bound is greater"},
		{"between a list", func(t *testing.T) Cond { return Between(Path(p(t, "a")), Value(list()), Value(s("a"))) }, "BETWEEN compares"},
		{"empty set", func(t *testing.T) Cond { return Contains(p(t, "a"), Value(ss())) }, "empty string set"},
		{"unknown comparator", func(t *testing.T) Cond { return Compare(Path(p(t, "a")), "==", Value(n("1"))) }, `unknown comparator "=="`},
		{"invalid type", func(t *testing.T) Cond { return IsType(p(t, "a"), attr.Invalid) }, "attribute_type needs a DynamoDB type"},
		{"update function in a condition", func(t *testing.T) Cond {
			return Compare(Path(p(t, "a")), EQ, IfNotExists(p(t, "a"), Value(n("0"))))
		}, "if_not_exists() may be used only in updates"},
		{"missing operand", func(t *testing.T) Cond { return Compare(Operand{}, EQ, Value(n("1"))) }, "missing operand"},
		{"too long", func(t *testing.T) Cond {
			var cs []Cond
			for i := range 300 {
				cs = append(cs, Exists(attr.Path{{Name: strconv.Itoa(i)}}))
			}
			return Or(cs...)
		}, "bytes long; DynamoDB takes at most 4096"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			// A placeholder the failed expression must not disturb.
			if _, err := b.Condition(Exists(p(t, "kept"))); err != nil {
				t.Fatalf("Condition(kept) = %v", err)
			}
			got, err := b.Condition(tt.cond(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Condition(%s) = %q, %v; want an error containing %q", tt.name, got, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "expr: condition: ") {
				t.Errorf("Condition(%s) error = %q; want the prefix %q", tt.name, err, "expr: condition: ")
			}
			if diff := cmp.Diff(b.Names(), map[string]string{"#n0": "kept"}); diff != "" || b.Values() != nil {
				t.Errorf("after a failed expression, Names() = %v, Values() = %v; want only #n0: kept", b.Names(), b.Values())
			}
		})
	}
}

func TestKeyCondition(t *testing.T) {
	tests := []struct {
		name      string
		hash, rng func(t *testing.T) Cond
		want      built
		wantErr   string
	}{
		{
			name: "hash only",
			hash: func(t *testing.T) Cond { return Equal(p(t, "pk"), s("user#1")) },
			want: built{"#n0 = :v0", map[string]string{"#n0": "pk"}, map[string]types.AttributeValue{":v0": s("user#1")}},
		},
		{
			name: "begins_with",
			hash: func(t *testing.T) Cond { return Equal(p(t, "pk"), s("user#1")) },
			rng:  func(t *testing.T) Cond { return BeginsWith(p(t, "sk"), s("order#")) },
			want: built{"#n0 = :v0 AND begins_with(#n1, :v1)", map[string]string{"#n0": "pk", "#n1": "sk"},
				map[string]types.AttributeValue{":v0": s("user#1"), ":v1": s("order#")}},
		},
		{
			name: "between",
			hash: func(t *testing.T) Cond { return Equal(p(t, "pk"), s("a")) },
			rng:  func(t *testing.T) Cond { return Between(Path(p(t, "n")), Value(n("1")), Value(n("2"))) },
			want: built{"#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2", map[string]string{"#n0": "pk", "#n1": "n"},
				map[string]types.AttributeValue{":v0": s("a"), ":v1": n("1"), ":v2": n("2")}},
		},
		{
			name: "range compared",
			hash: func(t *testing.T) Cond { return Equal(p(t, "pk"), n("7")) },
			rng:  func(t *testing.T) Cond { return Compare(Path(p(t, "at")), LE, Value(n("100"))) },
			want: built{"#n0 = :v0 AND #n1 <= :v1", map[string]string{"#n0": "pk", "#n1": "at"},
				map[string]types.AttributeValue{":v0": n("7"), ":v1": n("100")}},
		},
		{
			name:    "hash not equal",
			hash:    func(t *testing.T) Cond { return Compare(Path(p(t, "pk")), GT, Value(s("a"))) },
			wantErr: "the hash key must be compared with =",
		},
		{
			name:    "range with <>",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "pk"), s("a")) },
			rng:     func(t *testing.T) Cond { return Compare(Path(p(t, "sk")), NE, Value(s("b"))) },
			wantErr: "<> cannot be used on a key",
		},
		{
			name:    "range with or",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "pk"), s("a")) },
			rng:     func(t *testing.T) Cond { return Or(Equal(p(t, "sk"), s("b")), Equal(p(t, "sk"), s("c"))) },
			wantErr: "a key may be compared only with",
		},
		{
			name:    "nested path",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "a.b"), s("a")) },
			wantErr: "top-level attribute",
		},
		{
			name:    "empty string",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "pk"), s("")) },
			wantErr: "empty string as a key value",
		},
		{
			name:    "map value",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "pk"), &types.AttributeValueMemberM{}) },
			wantErr: "not M",
		},
		{
			name:    "compared with a path",
			hash:    func(t *testing.T) Cond { return Compare(Path(p(t, "pk")), EQ, Path(p(t, "other"))) },
			wantErr: "compared with values",
		},
		{
			name:    "same attribute twice",
			hash:    func(t *testing.T) Cond { return Equal(p(t, "pk"), s("a")) },
			rng:     func(t *testing.T) Cond { return BeginsWith(p(t, "pk"), s("a")) },
			wantErr: "same attribute",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			var rng Cond
			if tt.rng != nil {
				rng = tt.rng(t)
			}
			e, err := b.KeyCondition(tt.hash(t), rng)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("KeyCondition(%s) = %q, %v; want an error containing %q", tt.name, e, err, tt.wantErr)
				}
				if b.Names() != nil || b.Values() != nil {
					t.Errorf("after a failed key condition, Names() = %v, Values() = %v; want nil", b.Names(), b.Values())
				}
				return
			}
			if err != nil {
				t.Fatalf("KeyCondition(%s) = %v", tt.name, err)
			}
			if diff := cmp.Diff(built{e, b.Names(), b.Values()}, tt.want, avOpts); diff != "" {
				t.Errorf("KeyCondition(%s) mismatch (-got +want):\n%s", tt.name, diff)
			}
		})
	}
}

func TestProjection(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		want    string
		names   map[string]string
		wantErr string
	}{
		{"top level", []string{"id", "name"}, "#n0, #n1", map[string]string{"#n0": "id", "#n1": "name"}, ""},
		{"nested", []string{"address.city", "items[0].qty", "items[1]"}, "#n0.#n1, #n2[0].#n3, #n2[1]",
			map[string]string{"#n0": "address", "#n1": "city", "#n2": "items", "#n3": "qty"}, ""},
		{"duplicate written once", []string{"a", "b", "a"}, "#n0, #n1", map[string]string{"#n0": "a", "#n1": "b"}, ""},
		{"overlap", []string{"address", "address.city"}, "", nil, "paths address and address.city overlap"},
		{"overlap inside", []string{"items[0].qty", "items[0]"}, "", nil, "overlap"},
		{"none", nil, "", nil, "empty expression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []attr.Path
			for _, s := range tt.paths {
				paths = append(paths, p(t, s))
			}
			var b Builder
			got, err := b.Projection(paths...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Projection(%v) = %q, %v; want an error containing %q", tt.paths, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Projection(%v) = %q, %v; want %q", tt.paths, got, err, tt.want)
			}
			if diff := cmp.Diff(b.Names(), tt.names); diff != "" {
				t.Errorf("Projection(%v) names mismatch (-got +want):\n%s", tt.paths, diff)
			}
		})
	}
}

// TestOneBuilderPerRequest shows names shared between the expressions of one request and
// values numbered across them.
func TestOneBuilderPerRequest(t *testing.T) {
	var b Builder
	key, err := b.KeyCondition(Equal(p(t, "pk"), s("a")), BeginsWith(p(t, "sk"), s("b")))
	if err != nil {
		t.Fatal(err)
	}
	filter, err := b.Condition(Or(Compare(Path(p(t, "total")), GT, Value(n("10"))), Exists(p(t, "sk"))))
	if err != nil {
		t.Fatal(err)
	}
	proj, err := b.Projection(p(t, "pk"), p(t, "total"), p(t, "address.city"))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{key, filter, proj}
	want := []string{"#n0 = :v0 AND begins_with(#n1, :v1)", "#n2 > :v2 OR attribute_exists(#n1)", "#n0, #n2, #n3.#n4"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("expressions mismatch (-got +want):\n%s", diff)
	}
	wantNames := map[string]string{"#n0": "pk", "#n1": "sk", "#n2": "total", "#n3": "address", "#n4": "city"}
	if diff := cmp.Diff(b.Names(), wantNames); diff != "" {
		t.Errorf("Names() mismatch (-got +want):\n%s", diff)
	}
	if got := len(b.Values()); got != 3 {
		t.Errorf("len(Values()) = %d; want 3", got)
	}
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name   string
		update func(t *testing.T) Update
		want   built
	}{
		{
			"every action",
			func(t *testing.T) Update {
				return Update{}.
					Set(p(t, "name"), Value(s("Ann"))).
					Add(p(t, "visits"), n("1")).
					Remove(p(t, "address.zip")).
					Set(p(t, "items[2].qty"), Value(n("5"))).
					Delete(p(t, "tags"), ss("old")).
					Remove(p(t, "items[0]"))
			},
			built{"SET #n0 = :v0, #n1[2].#n2 = :v1 REMOVE #n3.#n4, #n1[0] ADD #n5 :v2 DELETE #n6 :v3",
				map[string]string{"#n0": "name", "#n1": "items", "#n2": "qty", "#n3": "address", "#n4": "zip", "#n5": "visits", "#n6": "tags"},
				map[string]types.AttributeValue{":v0": s("Ann"), ":v1": n("5"), ":v2": n("1"), ":v3": ss("old")}},
		},
		{
			"set functions and arithmetic",
			func(t *testing.T) Update {
				return Update{}.
					Set(p(t, "createdAt"), IfNotExists(p(t, "createdAt"), Value(n("100")))).
					Set(p(t, "log"), ListAppend(Path(p(t, "log")), Value(list(s("b"))))).
					Set(p(t, "queue"), ListAppend(Value(list(s("a"))), Path(p(t, "queue")))).
					Set(p(t, "count"), Plus(Path(p(t, "count")), Value(n("1")))).
					Set(p(t, "stock"), Minus(Path(p(t, "stock")), Value(n("2")))).
					Set(p(t, "hits"), Plus(IfNotExists(p(t, "hits"), Value(n("0"))), Value(n("1")))).
					Set(p(t, "copy"), Path(p(t, "name")))
			},
			built{"SET #n0 = if_not_exists(#n0, :v0), #n1 = list_append(#n1, :v1), #n2 = list_append(:v2, #n2), #n3 = #n3 + :v3, #n4 = #n4 - :v4, #n5 = if_not_exists(#n5, :v5) + :v6, #n6 = #n7",
				map[string]string{"#n0": "createdAt", "#n1": "log", "#n2": "queue", "#n3": "count", "#n4": "stock", "#n5": "hits", "#n6": "copy", "#n7": "name"},
				map[string]types.AttributeValue{":v0": n("100"), ":v1": list(s("b")), ":v2": list(s("a")), ":v3": n("1"), ":v4": n("2"), ":v5": n("0"), ":v6": n("1")}},
		},
		{
			"sibling list elements do not overlap",
			func(t *testing.T) Update {
				return Update{}.Remove(p(t, "l[0]")).Remove(p(t, "l[1]")).Set(p(t, "a.b"), Value(n("1"))).Set(p(t, "a.c"), Value(n("2")))
			},
			built{"SET #n0.#n1 = :v0, #n0.#n2 = :v1 REMOVE #n3[0], #n3[1]", map[string]string{"#n0": "a", "#n1": "b", "#n2": "c", "#n3": "l"},
				map[string]types.AttributeValue{":v0": n("1"), ":v1": n("2")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			e, err := b.Update(tt.update(t))
			if err != nil {
				t.Fatalf("Update(%s) = %v", tt.name, err)
			}
			if diff := cmp.Diff(built{e, b.Names(), b.Values()}, tt.want, avOpts); diff != "" {
				t.Errorf("Update(%s) mismatch (-got +want):\n%s", tt.name, diff)
			}
		})
	}
}

func TestUpdateErrors(t *testing.T) {
	tests := []struct {
		name   string
		update func(t *testing.T) Update
		want   string
	}{
		{"empty", func(*testing.T) Update { return Update{} }, "expr: update: no actions"},
		{"same path twice", func(t *testing.T) Update {
			return Update{}.Set(p(t, "a"), Value(n("1"))).Add(p(t, "a"), n("1"))
		}, "path a is changed twice"},
		{"overlapping paths", func(t *testing.T) Update {
			return Update{}.Set(p(t, "address.city"), Value(s("x"))).Remove(p(t, "address"))
		}, "paths address.city and address overlap"},
		{"add a string", func(t *testing.T) Update { return Update{}.Add(p(t, "a"), s("x")) }, "ADD takes a number or a set, not S"},
		{"delete a number", func(t *testing.T) Update { return Update{}.Delete(p(t, "a"), n("1")) }, "DELETE takes a set, not N"},
		{"add an empty set", func(t *testing.T) Update { return Update{}.Add(p(t, "a"), ss()) }, "empty string set"},
		{"nil value", func(t *testing.T) Update { return Update{}.Set(p(t, "a"), Value(nil)) }, "nil value"},
		{"value not UTF-8", func(t *testing.T) Update { return Update{}.Add(p(t, "a"), ss("x", "\xff")) }, `marshal "[1]": SS: invalid UTF-8`},
		{"nested plus", func(t *testing.T) Update {
			return Update{}.Set(p(t, "a"), ListAppend(Plus(Path(p(t, "a")), Value(n("1"))), Value(list())))
		}, "+ must be the whole value of a SET action"},
		{"size in an update", func(t *testing.T) Update { return Update{}.Set(p(t, "a"), Size(p(t, "b"))) }, "size() may be used only in conditions"},
		{"missing value", func(t *testing.T) Update { return Update{}.Set(p(t, "a"), Operand{}) }, "missing operand"},
		{"bad path", func(*testing.T) Update { return Update{}.Remove(attr.Path{}) }, "empty attribute path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			got, err := b.Update(tt.update(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Update(%s) = %q, %v; want an error containing %q", tt.name, got, err, tt.want)
			}
			if b.Names() != nil || b.Values() != nil {
				t.Errorf("after a failed update, Names() = %v, Values() = %v; want nil", b.Names(), b.Values())
			}
		})
	}
}

// TestUpdateImmutable shows that an Update is a value: extending it twice from the same base
// gives two independent updates.
func TestUpdateImmutable(t *testing.T) {
	base := Update{}.Set(p(t, "a"), Value(n("1"))).Set(p(t, "b"), Value(n("2")))
	left := base.Remove(p(t, "c"))
	right := base.Add(p(t, "d"), n("1"))
	for _, tt := range []struct {
		name string
		u    Update
		want string
	}{
		{"base", base, "SET #n0 = :v0, #n1 = :v1"},
		{"left", left, "SET #n0 = :v0, #n1 = :v1 REMOVE #n2"},
		{"right", right, "SET #n0 = :v0, #n1 = :v1 ADD #n2 :v2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			got, err := b.Update(tt.u)
			if err != nil || got != tt.want {
				t.Errorf("Update(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
		})
	}
	if got := base.Len(); got != 2 {
		t.Errorf("base.Len() = %d; want 2", got)
	}
	if diff := cmp.Diff(right.Paths(), []attr.Path{p(t, "a"), p(t, "b"), p(t, "d")}); diff != "" {
		t.Errorf("right.Paths() mismatch (-got +want):\n%s", diff)
	}
}
