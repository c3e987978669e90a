package schema

import (
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// TestStampFollowsTheClock checks that the stored-only updatedAt of successive puts is the
// epoch of each put's own time, whether the clock moves forward, stays, or goes back (the
// text of the latest stamp is reused only for the same number).
func TestStampFollowsTheClock(t *testing.T) {
	base := time.Unix(1718000000, 0).UTC()
	times := []time.Time{base, base.Add(400 * time.Millisecond), base.Add(2 * time.Second), base, base.Add(time.Hour)}
	for _, format := range []attr.TimeFormat{attr.TimeSeconds, attr.TimeMillis} {
		var at time.Time
		s := mustSchema(t)(For[sharedItem](
			Attr("id", HashKey()),
			UpdatedAt("updated", format),
			Clock(func() time.Time { return at }),
		))
		for _, at = range times {
			item := sharedItem{ID: "i1"}
			got, err := s.Put(&item)
			if err != nil {
				t.Fatalf("Put at %v: %v", at, err)
			}
			want := strconv.FormatInt(at.Unix(), 10)
			if format == attr.TimeMillis {
				want = strconv.FormatInt(at.UnixMilli(), 10)
			}
			if n, ok := got["updated"].(*types.AttributeValueMemberN); !ok || n.Value != want {
				t.Errorf("Put at %v (format %v): updated = %s; want N%s", at, format, render(got["updated"]), want)
			}
		}
	}
}
