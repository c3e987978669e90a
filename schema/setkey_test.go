package schema

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

// TestSetAppliesToKeysAndValues checks that Key and Value encode a value as a write stores
// it: after the attribute's Setter, trim, lowercase and uppercase.
func TestSetAppliesToKeysAndValues(t *testing.T) {
	s := mustSchema(t)(New(
		Attr("email", Type(attr.S), HashKey(), Trim(), Lowercase()),
		Attr("code", Type(attr.S), RangeKey(), Setter(func(v string, _ *string) (string, error) { return "c-" + v, nil })),
		Attr("tags", Type(attr.SS), Uppercase()),
	))
	key, err := s.Key(" A@X.COM ", "7")
	if err != nil {
		t.Fatalf("Key = %v", err)
	}
	if got, want := renderItem(key), `{code:S"c-7" email:S"a@x.com"}`; got != want {
		t.Errorf("Key(\" A@X.COM \", \"7\") = %s; want %s", got, want)
	}
	tests := []struct {
		path string
		v    any
		want string
	}{
		{"email", "B@Y.ORG", `S"b@y.org"`},
		{"code", "9", `S"c-9"`},
		{"tags", "red", `S"RED"`},
		{"tags", []string{"red"}, `SS["RED"]`},
	}
	for _, tt := range tests {
		av, err := s.Value(tt.path, tt.v)
		if err != nil {
			t.Errorf("Value(%s, %v) = %v", tt.path, tt.v, err)
			continue
		}
		if got := render(av); got != tt.want {
			t.Errorf("Value(%s, %v) = %s; want %s", tt.path, tt.v, got, tt.want)
		}
	}
}
