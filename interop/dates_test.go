package interop_test

import (
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

type datedItem struct {
	ID      string    `dynamo:"id"`
	Millis  time.Time `dynamo:"millis"`
	Seconds time.Time `dynamo:"seconds,seconds"`
	ISO     time.Time `dynamo:"iso,iso"`
	Micros  time.Time `dynamo:"micros,isomicros"`
	Created time.Time `dynamo:"created,iso"`
	Updated time.Time `dynamo:"updated,seconds"`
}

var datedSchema = schema.Must(schema.For[datedItem](
	schema.Attr("id", schema.HashKey()),
	schema.CreatedAt("created", attr.TimeISO),
	schema.UpdatedAt("updated", attr.TimeSeconds),
))

const datedJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  millis: Date,
  seconds: date("seconds"),
  iso: date("iso"),
  micros: date("iso"),
}, { timestamps: { createdAt: { created: date("iso") }, updatedAt: { updated: date("seconds") } } }), noTables);
`

// ms is the $date Dynamoose's answer holds for a Date.
func ms(v any) time.Time {
	m, _ := v.(map[string]any)
	f, _ := m["$date"].(float64)
	return time.UnixMilli(int64(f)).UTC()
}

// near fails the test unless got is within a second and a half of want (a timestamp).
func near(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if d := got.Sub(want); d < -1500*time.Millisecond || d > 1500*time.Millisecond {
		t.Errorf("%s = %v; want about %v", what, got, want)
	}
}

// TestDatesReadBothWays checks the three storages of a Date (epoch milliseconds, seconds
// rounded as Dynamoose rounds them, ISO text) and timestamps with custom names and storage
// (createdAt in ISO, updatedAt in seconds), each side reading the other's, and ISO text with
// six fraction digits (attr.TimeISOMicros), which Dynamoose reads.
func TestDatesReadBothWays(t *testing.T) {
	m, table := newModel(t, datedSchema, "dated")
	at := time.Date(2024, 3, 1, 12, 30, 15, 600e6, time.UTC) // .6 s: seconds round up
	now := time.Now()
	fromJS, fromGo := exchange(t, m, table, map[string]any{"at": at.UnixMilli()}, datedJS,
		`{ millis: new Date(input.at), seconds: new Date(input.at), iso: new Date(input.at), micros: new Date(input.at) }`,
		&datedItem{ID: "go", Millis: at, Seconds: at, ISO: at, Micros: at})

	want := datedItem{ID: "js", Millis: at, Seconds: at.Round(time.Second), ISO: at, Micros: at}
	near(t, "Dynamodel's read of Dynamoose's created", fromJS.Created, now)
	near(t, "Dynamodel's read of Dynamoose's updated", fromJS.Updated, now)
	fromJS.Created, fromJS.Updated = time.Time{}, time.Time{}
	if fromJS != want {
		t.Errorf("Dynamodel's read of Dynamoose's item = %+v; want %+v", fromJS, want)
	}
	for name, want := range map[string]time.Time{"millis": at, "seconds": at.Round(time.Second), "iso": at, "micros": at} {
		if got := ms(fromGo[name]); !got.Equal(want) {
			t.Errorf("Dynamoose's read of Dynamodel's %s = %v; want %v", name, got, want)
		}
	}
	near(t, "Dynamoose's read of Dynamodel's created", ms(fromGo["created"]), now)
	near(t, "Dynamoose's read of Dynamodel's updated", ms(fromGo["updated"]), now)
	// micros: Dynamodel writes six fraction digits, Dynamoose three; each reads the other's.
	sameStorage(t, table, "js", "go", "created", "updated", "micros")
}
