package model

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoffCeiling(t *testing.T) {
	b := newBackoff(time.Microsecond, 8*time.Microsecond, 100)
	want := []time.Duration{1, 2, 4, 8, 8, 8}
	for i, w := range want {
		if err := b.wait(context.Background()); err != nil {
			t.Fatalf("wait() = %v", err)
		}
		if got := b.ceiling; got != w*time.Microsecond {
			t.Errorf("ceiling after wait %d = %v; want %v", i+1, got, w*time.Microsecond)
		}
	}
	b.reset()
	if err := b.wait(context.Background()); err != nil || b.ceiling != time.Microsecond {
		t.Errorf("after reset, wait() = %v, ceiling %v; want nil, %v", err, b.ceiling, time.Microsecond)
	}
}

func TestBackoffStopsOnCancel(t *testing.T) {
	b := newBackoff(time.Hour, time.Hour, 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	err := b.wait(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("wait(cancelled) = %v; want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("wait(cancelled) took %v; want it to return at once", d)
	}
}

// TestBackoffLimit checks that wait refuses after limit retries in a row without progress,
// and that progress or a reset counts them again from zero.
func TestBackoffLimit(t *testing.T) {
	ctx := context.Background()
	b := newBackoff(time.Microsecond, time.Microsecond, 2)
	for i := range 2 {
		if err := b.wait(ctx); err != nil {
			t.Fatalf("wait %d = %v; want nil", i+1, err)
		}
	}
	if err := b.wait(ctx); !errors.Is(err, ErrRetriesExhausted) {
		t.Fatalf("wait 3 = %v; want ErrRetriesExhausted", err)
	}
	for _, start := range []struct {
		name  string
		again func()
	}{{"progress", b.progress}, {"reset", b.reset}} {
		start.again()
		for i := range 2 {
			if err := b.wait(ctx); err != nil {
				t.Fatalf("after %s, wait %d = %v; want nil", start.name, i+1, err)
			}
		}
		if err := b.wait(ctx); !errors.Is(err, ErrRetriesExhausted) {
			t.Fatalf("after %s, wait 3 = %v; want ErrRetriesExhausted", start.name, err)
		}
	}
}
