package model

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

type emptyAppend struct {
	ID   string    `dynamo:"id"`
	Log  []string  `dynamo:"log,omitempty"`
	Name string    `dynamo:"name"`
	At   time.Time `dynamo:"at"`
}

// TestAppendOfNoElementsSendsNothing checks that an Append or Prepend of no elements sends no
// action: it changes nothing, and list_append(if_not_exists(log, []), []) stored an empty list
// on an item without one, which a put of the same item leaves out (omitempty). An update
// whose every change is such an append is refused as an update without changes, before any
// request, even when the schema adds an updatedAt (it would create an item where none is).
func TestAppendOfNoElementsSendsNothing(t *testing.T) {
	ctx := context.Background()
	plain, err := New[emptyAppend](&recorder{}, "logs", schema.Must(schema.For[emptyAppend]()))
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	stamped, err := New[emptyAppend](&recorder{}, "logs", schema.Must(schema.For[emptyAppend](schema.UpdatedAt("at", attr.TimeMillis))))
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	type upd = Update[emptyAppend]
	tests := []struct {
		name  string
		m     *Model[emptyAppend]
		f     func(u upd) upd
		want  string // the UpdateExpression; "" when refused
		names string // the attributes it names
		fails string // a part of the error
	}{
		{"append of elements", plain, func(u upd) upd { return u.Append("log", []string{"a"}) }, "SET #n0 = list_append(if_not_exists(#n0, :v0), :v1)", "log", ""},
		{"empty append beside a set", plain, func(u upd) upd { return u.Append("log", []string{}).Set("name", "n") }, "SET #n0 = :v0", "name", ""},
		{"empty prepend beside a set", plain, func(u upd) upd { return u.Set("name", "n").Prepend("log", []string{}) }, "SET #n0 = :v0", "name", ""},
		{"empty append alone", plain, func(u upd) upd { return u.Append("log", []string{}) }, "", "", "no changes: an Append or Prepend of no elements changes nothing (log)"},
		{"empty prepend alone with updatedAt", stamped, func(u upd) upd { return u.Prepend("log", []string{}) }, "", "", "no changes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := tt.f(tt.m.Update(Key{Hash: "l1"})).Request(ctx)
			if tt.fails != "" {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.fails) {
					t.Fatalf("Request() = %v; want an *InputError with %q", err, tt.fails)
				}
				return
			}
			if err != nil {
				t.Fatalf("Request() = %v", err)
			}
			if got := aws.ToString(in.UpdateExpression); got != tt.want {
				t.Errorf("UpdateExpression = %q; want %q", got, tt.want)
			}
			if got := strings.Join(slices.Sorted(maps.Values(in.ExpressionAttributeNames)), " "); got != tt.names {
				t.Errorf("ExpressionAttributeNames name %q; want %q", got, tt.names)
			}
		})
	}
}
