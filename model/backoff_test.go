package model

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoffCeiling(t *testing.T) {
	b := newBackoff(time.Microsecond, 8*time.Microsecond)
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
	b := newBackoff(time.Hour, time.Hour)
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
