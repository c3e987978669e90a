package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type ExpSession struct {
	ID    string    `dynamo:"id"`
	Hits  int       `dynamo:"hits,omitempty"`
	Until time.Time `dynamo:"ttl,seconds"`
}

// TestModelUpdateExpires checks the expiry of items that updates write, against the server:
// an update that creates the item gives it the expiry a put would (so it does expire), and
// later updates leave that expiry alone, as they leave createdAt.
func TestModelUpdateExpires(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clk := newClock(t0)
	s := schema.Must(schema.For[ExpSession](schema.Expires(24*time.Hour), schema.Clock(clk.now)))
	sessions, _ := newModel[ExpSession](t, ctx, s, "upexp")

	tests := []struct {
		name      string
		at        time.Time
		wantUntil time.Time
	}{
		{"update that creates the item sets the expiry", t0, t0.Add(24 * time.Hour)},
		{"update of the stored item keeps it", t0.Add(time.Hour), t0.Add(24 * time.Hour)},
		{"and so does the next one", t0.Add(5 * time.Hour), t0.Add(24 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk.set(tt.at)
			if _, err := sessions.Update(model.Key{Hash: "s1"}).Increment("hits", 1).Return(model.ReturnNone).Exec(ctx); err != nil {
				t.Fatalf("Update = %v", err)
			}
			got, err := sessions.Get(ctx, model.Key{Hash: "s1"}, model.Consistent())
			if err != nil {
				t.Fatalf("Get = %v", err)
			}
			if !got.Until.Equal(tt.wantUntil) {
				t.Errorf("Get().Until = %v; want %v", got.Until, tt.wantUntil)
			}
		})
	}
	clk.set(t0.Add(6 * time.Hour))
	later := t0.Add(48 * time.Hour)
	got, err := sessions.Update(model.Key{Hash: "s1"}).Set("ttl", later).Exec(ctx)
	if err != nil || !got.Until.Equal(later) {
		t.Errorf("Update().Set(ttl, %v) = %v, %v; want the new expiry", later, got.Until, err)
	}
}
