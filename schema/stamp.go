package schema

import (
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// stampTime returns the time the timestamp attribute a (createdAt, updatedAt) holds for a
// write at now. Dynamoose writes a timestamp stored in seconds as Math.floor(ms / 1000), where
// it rounds a Date attribute and the expiry time (Math.round): a timestamp never lies ahead of
// the write.
func stampTime(a *attribute, now time.Time) time.Time {
	if a.opts.Time == attr.TimeSeconds {
		return now.Truncate(time.Second)
	}
	return now
}
