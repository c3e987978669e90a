package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type isoEvent struct {
	Stream string    `dynamo:"stream"`
	At     time.Time `dynamo:"at,iso"`
	Seen   time.Time `dynamo:"seen,iso,omitempty"`
	Ends   time.Time `dynamo:"ends,seconds,omitempty"`
}

var isoEventSchema = schema.Must(schema.For[isoEvent](
	schema.Attr("stream", schema.HashKey()),
	schema.Attr("at", schema.RangeKey()),
))

// storedText returns the S or N text of the attribute name of the stored item with key.
func storedText(t *testing.T, ctx context.Context, db *dynamodb.Client, table string, key map[string]types.AttributeValue, name string) string {
	t.Helper()
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetItem(%v) = %v", key, err)
	}
	switch v := out.Item[name].(type) {
	case *types.AttributeValueMemberS:
		return v.Value
	case *types.AttributeValueMemberN:
		return v.Value
	}
	t.Fatalf("GetItem(%v)[%s] = %#v; want S or N", key, name, out.Item[name])
	return ""
}

// TestISODatesStoredAsDynamoose checks against the server that ISO dates are stored as
// Dynamoose stores them (Date.toISOString: UTC, three fraction digits) in items, keys,
// conditions, key conditions and update values, so that a range query on an ISO sort key
// returns the times in range, and a Dynamoose-written item is found by a Go query.
func TestISODatesStoredAsDynamoose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	events, db := newModel[isoEvent](t, ctx, isoEventSchema, "iso_events")
	base := time.Date(2020, 2, 21, 0, 57, 33, 0, time.UTC)
	tokyo := time.FixedZone("JST", 9*3600)
	for _, ms := range []int{100, 120, 125, 200} {
		at := base.Add(time.Duration(ms) * time.Millisecond)
		if ms == 120 {
			at = at.In(tokyo) // stored in UTC all the same
		}
		if err := events.Put(ctx, &isoEvent{Stream: "s", At: at, Seen: at}); err != nil {
			t.Fatalf("Put(%v) = %v", at, err)
		}
	}
	// An item as Dynamoose writes it, straight through the SDK.
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(events.TableName()), Item: map[string]types.AttributeValue{
		"stream": avS("s"), "at": avS("2020-02-21T00:57:33.110Z"), "seen": avS("2020-02-21T00:57:33.110Z"),
	}}); err != nil {
		t.Fatalf("PutItem = %v", err)
	}

	key := map[string]types.AttributeValue{"stream": avS("s"), "at": avS("2020-02-21T00:57:33.120Z")}
	if got := storedText(t, ctx, db, events.TableName(), key, "seen"); got != "2020-02-21T00:57:33.120Z" {
		t.Errorf("stored seen = %q; want %q", got, "2020-02-21T00:57:33.120Z")
	}

	at := func(ms int) time.Time { return base.Add(time.Duration(ms) * time.Millisecond) }
	times := func(q model.Query[isoEvent]) []time.Time {
		t.Helper()
		var got []time.Time
		for e, err := range q.All(ctx) {
			if err != nil {
				t.Fatalf("query = %v", err)
			}
			got = append(got, e.At)
		}
		return got
	}
	tests := []struct {
		name string
		q    model.Query[isoEvent]
		want []time.Time
	}{
		{"key condition between", events.Query(model.Where("stream").Eq("s").And(model.Where("at").Between(at(100), at(125)))), []time.Time{at(100), at(110), at(120), at(125)}},
		{"key condition greater", events.Query(model.Where("stream").Eq("s").And(model.Where("at").Gt(at(120)))), []time.Time{at(125), at(200)}},
		{"key condition equal to Dynamoose's item", events.Query(model.Where("stream").Eq("s").And(model.Where("at").Eq(at(110)))), []time.Time{at(110)}},
		{"filter on a date", events.Query(model.Where("stream").Eq("s")).Filter(model.Where("seen").Le(at(110).In(tokyo))), []time.Time{at(100), at(110)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, times(tt.q)); diff != "" {
				t.Errorf("times (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("get by key and update", func(t *testing.T) {
		k := model.Key{Hash: "s", Range: at(110).In(tokyo)}
		got, err := events.Get(ctx, k)
		if err != nil {
			t.Fatalf("Get(%v) = %v", k, err)
		}
		if !got.Seen.Equal(at(110)) {
			t.Errorf("Get(%v).Seen = %v; want %v", k, got.Seen, at(110))
		}
		if _, err := events.Update(k).Set("seen", at(300).In(tokyo)).If(model.Where("seen").Eq(at(110))).Exec(ctx); err != nil {
			t.Fatalf("Update(%v) = %v", k, err)
		}
		key := map[string]types.AttributeValue{"stream": avS("s"), "at": avS("2020-02-21T00:57:33.110Z")}
		if got := storedText(t, ctx, db, events.TableName(), key, "seen"); got != "2020-02-21T00:57:33.300Z" {
			t.Errorf("stored seen after update = %q; want %q", got, "2020-02-21T00:57:33.300Z")
		}
	})
}

// TestSecondsRoundedAsDynamoose checks against the server that a time stored in epoch seconds
// is rounded to the nearest second as Dynamoose rounds (Math.round(ms / 1000)), in items and
// in update values.
func TestSecondsRoundedAsDynamoose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	events, db := newModel[isoEvent](t, ctx, isoEventSchema, "sec_events")
	at := time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)
	key := map[string]types.AttributeValue{"stream": avS("s"), "at": avS("2020-02-21T00:00:00.000Z")}
	if err := events.Put(ctx, &isoEvent{Stream: "s", At: at, Ends: time.UnixMilli(1600000100600)}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	if got := storedText(t, ctx, db, events.TableName(), key, "ends"); got != "1600000101" {
		t.Errorf("stored ends of 1600000100600 ms = %s; want 1600000101", got)
	}
	if _, err := events.Update(model.Key{Hash: "s", Range: at}).Set("ends", time.UnixMilli(1600000200499)).Exec(ctx); err != nil {
		t.Fatalf("Update = %v", err)
	}
	if got := storedText(t, ctx, db, events.TableName(), key, "ends"); got != "1600000200" {
		t.Errorf("stored ends of 1600000200499 ms = %s; want 1600000200", got)
	}
}
