package attr

import (
	"time"
)

// The ISO layouts: UTC with a fixed number of fraction digits, so that stored texts have one
// width and sort as the times they hold. isoMillis is JavaScript's Date.toISOString, what
// Dynamoose stores.
const (
	isoMillis = "2006-01-02T15:04:05.000Z"
	isoMicros = "2006-01-02T15:04:05.000000Z"
	isoNanos  = "2006-01-02T15:04:05.000000000Z"
)

// Type returns the DynamoDB type a time in format f is stored as: S for the ISO formats, N
// for the epoch numbers.
func (f TimeFormat) Type() Type {
	if f.iso() {
		return S
	}
	return N
}

func (f TimeFormat) iso() bool { return f == TimeISO || f == TimeISOMicros || f == TimeISONanos }

// Epoch returns the number a time is stored as in the epoch format f: milliseconds since the
// Unix epoch (below a millisecond is dropped, as a JavaScript Date has none), or for
// TimeSeconds seconds rounded to the nearest, halves up (Dynamoose's Math.round(ms / 1000),
// so 1600000100.600 is 1600000101 and -1.5 s is -1). It is meant for TimeMillis and
// TimeSeconds; for the ISO formats it returns the milliseconds.
func (f TimeFormat) Epoch(t time.Time) int64 {
	ms := t.UnixMilli()
	if f != TimeSeconds {
		return ms
	}
	// floor((ms + 500) / 1000), which is Math.round for negative times too.
	q, r := (ms+500)/1000, (ms+500)%1000
	if r < 0 {
		q--
	}
	return q
}

// AppendText appends the ISO 8601 text of t in the ISO format f to b: UTC, with 3 fraction
// digits for TimeISO (JavaScript's toISOString: 2020-02-21T00:57:33.120Z), 6 for TimeISOMicros
// and 9 for TimeISONanos; the digits below are dropped. Every text of one format has the same
// width for years 0 to 9999, so texts sort as times. For the epoch formats it appends the
// TimeISO text.
func (f TimeFormat) AppendText(b []byte, t time.Time) []byte {
	layout := isoMillis
	switch f {
	case TimeISOMicros:
		layout = isoMicros
	case TimeISONanos:
		layout = isoNanos
	}
	return t.UTC().AppendFormat(b, layout)
}

// parseTime reads a stored ISO text: RFC 3339 with any number of fraction digits and any
// offset, as other writers store it.
func parseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
