package attr_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
)

// TestTimeISOIsDynamoosesText checks that an ISO time is stored as JavaScript's
// Date.toISOString writes it (Dynamoose's stored form): UTC, exactly three fraction digits,
// whatever the time's zone and precision.
func TestTimeISOIsDynamoosesText(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name string
		in   time.Time
		f    attr.TimeFormat
		want string
	}{
		{"trailing zero kept", time.Date(2020, 2, 21, 0, 57, 33, 120_000_000, time.UTC), attr.TimeISO, "2020-02-21T00:57:33.120Z"},
		{"whole second has .000", time.Date(2020, 2, 21, 0, 57, 33, 0, time.UTC), attr.TimeISO, "2020-02-21T00:57:33.000Z"},
		{"offset turned to UTC", time.Date(2020, 2, 21, 9, 57, 7, 120_000_000, tokyo), attr.TimeISO, "2020-02-21T00:57:07.120Z"},
		{"below a millisecond dropped", time.Date(2020, 2, 21, 0, 57, 33, 120_999_999, time.UTC), attr.TimeISO, "2020-02-21T00:57:33.120Z"},
		{"micros fixed width", time.Date(2020, 2, 21, 0, 57, 33, 120_000_000, time.UTC), attr.TimeISOMicros, "2020-02-21T00:57:33.120000Z"},
		{"nanos fixed width", time.Date(2020, 2, 21, 0, 57, 33, 100, tokyo), attr.TimeISONanos, "2020-02-20T15:57:33.000000100Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			av, err := attr.MarshalWith(tt.in, attr.Options{Time: tt.f})
			if err != nil {
				t.Fatalf("MarshalWith(%v) = %v", tt.in, err)
			}
			if got, ok := av.(*types.AttributeValueMemberS); !ok || got.Value != tt.want {
				t.Errorf("MarshalWith(%v, %v) = %#v; want S %q", tt.in, tt.f, av, tt.want)
			}
		})
	}
}

// TestTimeISOSortsAsTime checks that the stored texts of ascending times are in ascending text
// order, the order DynamoDB compares them in (a range key, BETWEEN), and have one width.
func TestTimeISOSortsAsTime(t *testing.T) {
	base := time.Date(2020, 2, 21, 0, 57, 33, 0, time.UTC)
	times := []time.Time{
		base.Add(100 * time.Millisecond), base.Add(120 * time.Millisecond),
		base.Add(125 * time.Millisecond), base.Add(time.Second),
		base.Add(time.Second + 5*time.Millisecond).In(time.FixedZone("", -5*3600)),
		base.Add(time.Hour).In(time.FixedZone("", 9*3600)),
	}
	for _, f := range []attr.TimeFormat{attr.TimeISO, attr.TimeISOMicros, attr.TimeISONanos} {
		t.Run(f.String(), func(t *testing.T) {
			var texts []string
			for _, tm := range times {
				av, err := attr.MarshalWith(tm, attr.Options{Time: f})
				if err != nil {
					t.Fatalf("MarshalWith(%v) = %v", tm, err)
				}
				texts = append(texts, av.(*types.AttributeValueMemberS).Value)
			}
			if !slices.IsSorted(texts) {
				t.Errorf("texts of ascending times = %q; want them sorted", texts)
			}
			for _, s := range texts[1:] {
				if len(s) != len(texts[0]) {
					t.Errorf("text %q has %d characters, %q has %d; want one width", s, len(s), texts[0], len(texts[0]))
				}
			}
		})
	}
}

// TestTimeSecondsRoundsAsDynamoose checks that seconds are Math.round(ms / 1000): to the
// nearest second, halves toward positive infinity (Math.round(-1.5) is -1).
func TestTimeSecondsRoundsAsDynamoose(t *testing.T) {
	tests := []struct {
		ms   int64
		want int64
	}{
		{1600000100600, 1600000101},
		{1600000100499, 1600000100},
		{1600000100500, 1600000101},
		{1600000100000, 1600000100},
		{-1500, -1},
		{-1501, -2},
		{-500, 0},
		{-400, 0},
		{-600, -1},
	}
	for _, tt := range tests {
		tm := time.UnixMilli(tt.ms)
		if got := attr.TimeSeconds.Epoch(tm); got != tt.want {
			t.Errorf("TimeSeconds.Epoch(%d ms) = %d; want %d", tt.ms, got, tt.want)
		}
		var item struct {
			At time.Time `dynamo:"at,seconds"`
		}
		item.At = tm
		m, err := attr.MarshalItem(&item)
		if err != nil {
			t.Fatalf("MarshalItem = %v", err)
		}
		if got, want := m["at"], (&types.AttributeValueMemberN{Value: strconv.FormatInt(tt.want, 10)}); got.(*types.AttributeValueMemberN).Value != want.Value {
			t.Errorf("MarshalItem(at = %d ms) = %v; want N %s", tt.ms, got.(*types.AttributeValueMemberN).Value, want.Value)
		}
	}
}

// TestTimeReadsOtherISOForms checks that ISO text written by others (any fraction, any
// offset, none) is read as the time it names.
func TestTimeReadsOtherISOForms(t *testing.T) {
	want := time.Date(2020, 2, 21, 0, 57, 33, 120_000_000, time.UTC)
	for _, text := range []string{
		"2020-02-21T00:57:33.120Z", "2020-02-21T00:57:33.12Z", "2020-02-21T00:57:33.120000000Z",
		"2020-02-21T09:57:33.12+09:00", "2020-02-20T19:57:33.120-05:00",
	} {
		var got time.Time
		if err := attr.UnmarshalWith(&types.AttributeValueMemberS{Value: text}, &got, attr.Options{Time: attr.TimeISO}); err != nil {
			t.Errorf("UnmarshalWith(%q) = %v", text, err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("UnmarshalWith(%q) = %v; want %v", text, got, want)
		}
	}
}
