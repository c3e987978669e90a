package schema

import (
	"strconv"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// TestStoredOnlyTimesInSeconds checks that a timestamp or expiry time stored in seconds
// without a field of its own is rounded as the codec rounds a time field in seconds (halves
// up, Dynamoose's Math.round), so that a struct item and a map item written at the same
// instant store the same number.
func TestStoredOnlyTimesInSeconds(t *testing.T) {
	type Item struct {
		ID string `dynamo:"id"`
	}
	for _, frac := range []time.Duration{0, 400 * time.Millisecond, 500 * time.Millisecond, 600 * time.Millisecond} {
		at := fixed.Add(frac)
		opts := []Option{
			UpdatedAt("modified", attr.TimeSeconds), Expires(time.Hour),
			Clock(func() time.Time { return at }),
		}
		st := mustSchema(t)(For[Item](opts...))
		mp := mustSchema(t)(New(append([]Option{Attr("id", Type(attr.S), HashKey())}, opts...)...))
		got, err := st.Put(&Item{ID: "a"})
		if err != nil {
			t.Fatalf("struct Put at %v: %v", at, err)
		}
		want, err := mp.Put(map[string]any{"id": "a"})
		if err != nil {
			t.Fatalf("map Put at %v: %v", at, err)
		}
		if renderItem(got) != renderItem(want) {
			t.Errorf("at %v: struct item stores %s; map item %s", at, renderItem(got), renderItem(want))
		}
		secs := attr.TimeSeconds.Epoch(at)
		if n := render(got["modified"]); n != "N"+strconv.FormatInt(secs, 10) {
			t.Errorf("at %v: modified = %s; want N%d", at, n, secs)
		}
	}
}
