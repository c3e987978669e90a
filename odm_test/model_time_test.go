package odm_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// testClock is a schema clock the test moves.
type testClock struct{ ms atomic.Int64 }

func newClock(t time.Time) *testClock {
	c := &testClock{}
	c.set(t)
	return c
}

func (c *testClock) set(t time.Time) { c.ms.Store(t.UnixMilli()) }
func (c *testClock) now() time.Time  { return time.UnixMilli(c.ms.Load()).UTC() }

type Counter struct {
	ID        string    `dynamo:"id"`
	Hits      int       `dynamo:"hits,omitempty"`
	Score     float64   `dynamo:"score,omitempty"`
	Note      string    `dynamo:"note,omitempty"`
	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
}

// TestModelUpdateCreatedAt checks the timestamps of an update against the server: an update
// of a key with no item creates it with createdAt, and a later update keeps that createdAt
// while moving updatedAt.
func TestModelUpdateCreatedAt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clk := newClock(t0)
	s := schema.Must(schema.For[Counter](schema.Timestamps(), schema.Clock(clk.now)))
	counters, _ := newModel[Counter](t, ctx, s, "created")

	tests := []struct {
		name        string
		at          time.Time
		wantCreated time.Time
	}{
		{"update that creates the item sets createdAt", t0, t0},
		{"update that modifies the item keeps createdAt", t0.Add(time.Hour), t0},
		{"and so does the next one", t0.Add(2 * time.Hour), t0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk.set(tt.at)
			if _, err := counters.Update(model.Key{Hash: "c1"}).Increment("hits", 1).Return(model.ReturnNone).Exec(ctx); err != nil {
				t.Fatalf("Update = %v", err)
			}
			got, err := counters.Get(ctx, model.Key{Hash: "c1"}, model.Consistent())
			if err != nil {
				t.Fatalf("Get = %v", err)
			}
			if !got.CreatedAt.Equal(tt.wantCreated) || !got.UpdatedAt.Equal(tt.at) {
				t.Errorf("Get(c1) = createdAt %v, updatedAt %v; want %v, %v", got.CreatedAt, got.UpdatedAt, tt.wantCreated, tt.at)
			}
		})
	}
	t.Run("an item put without timestamps gets createdAt from its first update", func(t *testing.T) {
		clk.set(t0.Add(3 * time.Hour))
		got, err := counters.Update(model.Key{Hash: "c2"}).Set("note", "x").Exec(ctx)
		if err != nil || !got.CreatedAt.Equal(t0.Add(3*time.Hour)) {
			t.Errorf("Update(c2) = %+v, %v; want createdAt %v", got, err, t0.Add(3*time.Hour))
		}
	})
}

// TestModelNumberLiterals uses untyped number literals in keys, conditions and updates of
// float and int attributes against the server, and checks the refusals of inexact ones.
func TestModelNumberLiterals(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	counters, _ := newModel[Counter](t, ctx, schema.Must(schema.For[Counter]()), "numbers")
	if err := counters.Put(ctx, &Counter{ID: "n1", Hits: 3, Score: 45.5}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		update    model.Update[Counter]
		wantHits  int
		wantScore float64
	}{
		{"int literal in a float condition", counters.Update(model.Key{Hash: "n1"}).Increment("hits", 1).If(model.Where("score").Gt(45)), 4, 45.5},
		{"whole float into an int counter", counters.Update(model.Key{Hash: "n1"}).Increment("hits", 2.0), 6, 45.5},
		{"int literal set on a float", counters.Update(model.Key{Hash: "n1"}).Set("score", 50).If(model.Where("hits").Eq(6.0)), 6, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.update.Exec(ctx)
			if err != nil || got.Hits != tt.wantHits || got.Score != tt.wantScore {
				t.Errorf("Exec() = hits %d, score %v, %v; want %d, %v", got.Hits, got.Score, err, tt.wantHits, tt.wantScore)
			}
		})
	}
	refused := []struct {
		name string
		exec func() error
		path string
	}{
		{"fraction into an int counter", func() error {
			_, err := counters.Update(model.Key{Hash: "n1"}).Increment("hits", 0.5).Exec(ctx)
			return err
		}, "hits"},
		{"fraction compared with an int", func() error {
			_, err := counters.Update(model.Key{Hash: "n1"}).Set("note", "x").If(model.Where("hits").Lt(6.5)).Exec(ctx)
			return err
		}, "hits"},
		{"fraction in a count of a scan filter", func() error {
			_, err := counters.Scan().Filter(model.Where("hits").Eq(1.25)).Count(ctx)
			return err
		}, "hits"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.exec()
			var ve *validate.Error
			if !errors.As(err, &ve) || ve.Fields[0].Path != tt.path {
				t.Fatalf("exec = %v; want a *validate.Error at %s", err, tt.path)
			}
		})
	}
	got, err := counters.Get(ctx, model.Key{Hash: "n1"}, model.Consistent())
	if err != nil || got.Hits != 6 || got.Note != "" {
		t.Errorf("Get(n1) after the refusals = %+v, %v; want hits 6 and no note", got, err)
	}
}

type Session struct {
	ID      string    `dynamo:"id"`
	Expires time.Time `dynamo:"ttl,seconds"`
}

// TestModelExpiryUsesSchemaClock moves the schema's clock past an item's expiry time: get,
// query, scan and their counts must all agree that it has expired, which needs the server
// filter to use the schema's clock rather than the wall clock.
func TestModelExpiryUsesSchemaClock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	clk := newClock(time.Now())
	s := schema.Must(schema.For[Session](schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(clk.now)))
	sessions, _ := newModel[Session](t, ctx, s, "clock")
	if err := sessions.Put(ctx, &Session{ID: "s1"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		at   time.Time
		want int
	}{
		{"before the expiry time", time.Now().Add(time.Minute), 1},
		{"after it, by the schema's clock", time.Now().Add(2 * time.Hour), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk.set(tt.at)
			_, err := sessions.Get(ctx, model.Key{Hash: "s1"}, model.Consistent())
			if found := err == nil; found != (tt.want == 1) {
				t.Errorf("Get(s1) = %v; want found %v", err, tt.want == 1)
			}
			if n, err := sessions.Query(model.Where("id").Eq("s1")).Count(ctx); err != nil || n != tt.want {
				t.Errorf("Query.Count = %d, %v; want %d", n, err, tt.want)
			}
			if n, err := sessions.Scan().Count(ctx); err != nil || n != tt.want {
				t.Errorf("Scan.Count = %d, %v; want %d", n, err, tt.want)
			}
			if got := collect(t, sessions.Scan().Limit(1).All(ctx)); len(got) != tt.want {
				t.Errorf("Scan.Limit(1).All = %d items; want %d", len(got), tt.want)
			}
		})
	}
}
