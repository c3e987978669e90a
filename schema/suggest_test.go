package schema

import (
	"errors"
	"testing"
)

type profile struct {
	ID      string `dynamo:"id"`
	Email   string `dynamo:"email"`
	Address struct {
		Country string `dynamo:"country"`
	} `dynamo:"address"`
}

// TestUnknownPathSuggestsNearestName checks that a path naming no attribute, in an update, a
// condition or a projection (all resolved by Path), is refused with ErrUnknown and the nearest
// known name at that level when one is a likely typo, and with no guess otherwise.
func TestUnknownPathSuggestsNearestName(t *testing.T) {
	sc := mustSchema(t)(For[profile](Attr("id", HashKey())))
	tests := []struct {
		path, want string
	}{
		{"emial", `schema: unknown attribute: emial (did you mean "email"?)`},
		{"EMAIL_", `schema: unknown attribute: EMAIL_ (did you mean "email"?)`},
		{"address.contry", `schema: unknown attribute: address.contry (did you mean "country"?)`},
		{"ib", `schema: unknown attribute: ib (did you mean "id"?)`},
		{"zzzzzz", `schema: unknown attribute: zzzzzz`},
		{"idxx", `schema: unknown attribute: idxx`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := sc.Path(tt.path)
			if !errors.Is(err, ErrUnknown) || err.Error() != tt.want {
				t.Errorf("Path(%q) = %v; want %s", tt.path, err, tt.want)
			}
		})
	}
}
