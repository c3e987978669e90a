package schema

import (
	"strconv"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// TestStoredOnlyTimesInSeconds checks that a timestamp or expiry time stored in seconds
// without a field of its own is stored as Dynamoose stores it, the same for a struct item and
// a map item written at the same instant: the expiry rounded (halves up, Math.round, as the
// codec rounds a time field in seconds), the timestamp floored (Math.floor).
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
		if n, secs := render(got["modified"]), at.Unix(); n != "N"+strconv.FormatInt(secs, 10) {
			t.Errorf("at %v: modified = %s; want N%d", at, n, secs)
		}
		if n, secs := render(got["ttl"]), attr.TimeSeconds.Epoch(at.Add(time.Hour)); n != "N"+strconv.FormatInt(secs, 10) {
			t.Errorf("at %v: ttl = %s; want N%d", at, n, secs)
		}
	}
}

// TestTimestampFieldsInSecondsFloored checks that createdAt and updatedAt stored in seconds
// in struct fields, and the SETs of an update, hold the second of the write (Dynamoose's
// Math.floor), not the next one, while the expiry time is rounded.
func TestTimestampFieldsInSecondsFloored(t *testing.T) {
	type Item struct {
		ID      string    `dynamo:"id"`
		Created time.Time `dynamo:"created,seconds"`
		Updated time.Time `dynamo:"updated,seconds"`
		Note    string    `dynamo:"note"`
	}
	at := fixed.Add(600 * time.Millisecond)
	s := mustSchema(t)(For[Item](
		CreatedAt("created", attr.TimeSeconds), UpdatedAt("updated", attr.TimeSeconds), Expires(time.Hour),
		Clock(func() time.Time { return at }),
	))
	floor, round := "N"+strconv.FormatInt(at.Unix(), 10), "N"+strconv.FormatInt(at.Add(time.Hour).Unix()+1, 10)
	got, err := s.Create(&Item{ID: "a"})
	if err != nil {
		t.Fatalf("Create = %v", err)
	}
	for name, want := range map[string]string{"created": floor, "updated": floor, "ttl": round} {
		if n := render(got[name]); n != want {
			t.Errorf("Create at %v: %s = %s; want %s", at, name, n, want)
		}
	}
	actions, err := s.Update([]Change{{Op: UpdateSet, Path: "note", Value: "b"}})
	if err != nil {
		t.Fatalf("Update = %v", err)
	}
	stamps := 0
	for _, a := range actions {
		want, ok := map[string]string{"created": floor, "updated": floor, "ttl": round}[a.Path.String()]
		if !ok {
			continue
		}
		stamps++
		if n := render(a.Value); n != want {
			t.Errorf("Update at %v: SET %s = %s; want %s", at, a.Path, n, want)
		}
	}
	if stamps != 3 {
		t.Errorf("Update actions = %v; want SETs of updated, created and ttl", actions)
	}
}
