package model

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff spaces the retries of unprocessed batch items: exponential, capped, with full
// jitter (a random wait between zero and the current ceiling), so that clients throttled
// together do not retry together. It also bounds them: after limit retries in a row that
// got nothing done, wait refuses with ErrRetriesExhausted.
type backoff struct {
	base, max time.Duration
	ceiling   time.Duration
	limit     int // the most retries in a row without progress
	tries     int // the retries since the last progress
}

func newBackoff(base, max time.Duration, limit int) *backoff {
	return &backoff{base: base, max: max, limit: limit}
}

// wait sleeps before the next retry, or returns the context's error as soon as it ends, or
// ErrRetriesExhausted when the retries since the last progress reached the limit.
func (b *backoff) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.tries >= b.limit {
		return ErrRetriesExhausted
	}
	b.tries++
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

// progress counts the retries again from zero after a round that got some of its items
// done; the waits keep growing.
func (b *backoff) progress() { b.tries = 0 }

// reset starts over after a round that got all of its items done.
func (b *backoff) reset() { b.ceiling, b.tries = 0, 0 }
