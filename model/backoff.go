package model

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff spaces the retries of unprocessed batch items: exponential, capped, with full
// jitter (a random wait between zero and the current ceiling), so that clients throttled
// together do not retry together.
type backoff struct {
	base, max time.Duration
	ceiling   time.Duration
}

func newBackoff(base, max time.Duration) *backoff {
	return &backoff{base: base, max: max}
}

// wait sleeps before the next retry, or returns the context's error as soon as it ends.
func (b *backoff) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.ceiling == 0 {
		b.ceiling = b.base
	} else {
		b.ceiling = min(2*b.ceiling, b.max)
	}
	d := time.Duration(rand.Int64N(int64(b.ceiling) + 1))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// reset starts over after a round that made progress.
func (b *backoff) reset() { b.ceiling = 0 }
