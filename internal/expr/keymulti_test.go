package expr

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

func TestKeyConditionAll(t *testing.T) {
	eq := func(name string, v types.AttributeValue) func(*testing.T) Cond {
		return func(t *testing.T) Cond { return Equal(p(t, name), v) }
	}
	tests := []struct {
		name         string
		hashes, sort []func(*testing.T) Cond
		want         built
		wantErr      string
	}{
		{
			name:   "two partition attributes, equality then between on the sort attributes",
			hashes: []func(*testing.T) Cond{eq("tournament", s("WINTER")), eq("region", s("NA"))},
			sort: []func(*testing.T) Cond{eq("round", n("2")), func(t *testing.T) Cond {
				return Between(Path(p(t, "score")), Value(n("10")), Value(n("20")))
			}},
			want: built{"#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 BETWEEN :v3 AND :v4",
				map[string]string{"#n0": "tournament", "#n1": "region", "#n2": "round", "#n3": "score"},
				map[string]types.AttributeValue{":v0": s("WINTER"), ":v1": s("NA"), ":v2": n("2"), ":v3": n("10"), ":v4": n("20")}},
		},
		{
			name:   "partition attributes only",
			hashes: []func(*testing.T) Cond{eq("a", s("x")), eq("b", n("1"))},
			want: built{"#n0 = :v0 AND #n1 = :v1", map[string]string{"#n0": "a", "#n1": "b"},
				map[string]types.AttributeValue{":v0": s("x"), ":v1": n("1")}},
		},
		{
			name:   "one of each is KeyCondition",
			hashes: []func(*testing.T) Cond{eq("pk", s("x"))},
			sort:   []func(*testing.T) Cond{func(t *testing.T) Cond { return BeginsWith(p(t, "sk"), s("o#")) }},
			want: built{"#n0 = :v0 AND begins_with(#n1, :v1)", map[string]string{"#n0": "pk", "#n1": "sk"},
				map[string]types.AttributeValue{":v0": s("x"), ":v1": s("o#")}},
		},
		{
			name:   "range condition before the last sort attribute",
			hashes: []func(*testing.T) Cond{eq("a", s("x")), eq("b", s("y"))},
			sort: []func(*testing.T) Cond{func(t *testing.T) Cond { return Compare(Path(p(t, "round")), GT, Value(n("1"))) },
				eq("bracket", s("upper"))},
			wantErr: `sort attribute "round" must be compared with =`,
		},
		{
			name: "partition attribute with a range condition",
			hashes: []func(*testing.T) Cond{eq("a", s("x")),
				func(t *testing.T) Cond { return BeginsWith(p(t, "b"), s("y")) }},
			wantErr: `partition attribute "b" must be compared with =`,
		},
		{
			name:    "attribute twice",
			hashes:  []func(*testing.T) Cond{eq("a", s("x")), eq("b", s("y"))},
			sort:    []func(*testing.T) Cond{eq("a", s("z"))},
			wantErr: `attribute "a" has two key conditions`,
		},
		{
			name:    "empty key value",
			hashes:  []func(*testing.T) Cond{eq("a", s("x")), eq("b", s(""))},
			wantErr: "empty string as a key value",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hashes, sorts []Cond
			for _, h := range tt.hashes {
				hashes = append(hashes, h(t))
			}
			for _, r := range tt.sort {
				sorts = append(sorts, r(t))
			}
			var b Builder
			e, err := b.KeyConditionAll(hashes, sorts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("KeyConditionAll(%s) = %q, %v; want an error containing %q", tt.name, e, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("KeyConditionAll(%s) = %v", tt.name, err)
			}
			if diff := cmp.Diff(built{e, b.Names(), b.Values()}, tt.want, avOpts); diff != "" {
				t.Errorf("KeyConditionAll(%s) mismatch (-got +want):\n%s", tt.name, diff)
			}
		})
	}
}
