package schema

import (
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// TestUpdatedAtInSecondsAsSourceFloored checks that a combined or template attribute built
// from updatedAt stored in seconds holds the second updatedAt itself holds (floored, as
// Dynamoose writes a timestamp), on a put and on an update alike, also in the second half of
// a second, where rounding would give the next second.
func TestUpdatedAtInSecondsAsSourceFloored(t *testing.T) {
	at := fixed.Add(600 * time.Millisecond)
	secs := strconv.FormatInt(at.Unix(), 10)
	for _, tc := range []struct {
		name string
		c    Option
		want string
	}{
		{"Combine", Attr("c", Combine("#", "a", "b")), "x#" + secs},
		{"Template", Attr("c", Template("A#{a}#B#{b}"), Index()), "A#x#B#" + secs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Must(New(Attr("id", HashKey(), Type(attr.S)), Attr("a", Type(attr.S)), tc.c,
				UpdatedAt("b", attr.TimeSeconds), Clock(func() time.Time { return at })))
			out, err := s.Put(&map[string]any{"id": "i1", "a": "x"})
			if err != nil {
				t.Fatalf("Put = %v", err)
			}
			got := map[string]types.AttributeValue{"Put c": out["c"], "Put b": out["b"]}
			actions, err := s.Update([]Change{{Op: UpdateSet, Path: "a", Value: "x"}})
			if err != nil {
				t.Fatalf("Update = %v", err)
			}
			for _, a := range actions {
				got["Update "+a.Path.String()] = a.Value
			}
			want := map[string]string{"Put c": tc.want, "Update c": tc.want, "Put b": secs, "Update b": secs}
			for k, w := range want {
				var text string
				switch v := got[k].(type) {
				case *types.AttributeValueMemberS:
					text = v.Value
				case *types.AttributeValueMemberN:
					text = v.Value
				}
				if text != w {
					t.Errorf("%s = %s; want %q", k, render(got[k]), w)
				}
			}
		})
	}
}
