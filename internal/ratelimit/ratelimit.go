// Package ratelimit enforces requests and tokens per minute and
// concurrent requests per key, team and model. Counters live in memory
// (one replica) or in Redis (several replicas share one set of limits,
// one round trip per request, atomic scripts).
package ratelimit

import (
	"context"
	"time"
)

// Window is the span rates are counted over.
const Window = time.Minute

// Limiter counts units (requests, tokens) per key over Window.
type Limiter interface {
	// Take takes n units from key's allowance of limit per Window. When
	// they do not fit it takes nothing and returns ok false and how long
	// until they would (Retry-After).
	Take(ctx context.Context, key string, limit, n int64, now time.Time) (ok bool, retryAfter time.Duration, err error)
	// Add records n units already spent (tokens known after the answer),
	// even past the limit: the next Take then waits.
	Add(ctx context.Context, key string, limit, n int64, now time.Time) error
	// Refund gives back n units a Take took, when the request they were
	// taken for was refused by a later check and so used nothing. It
	// never leaves key with more allowance than a fresh key has.
	Refund(ctx context.Context, key string, limit, n int64, now time.Time) error
}

// Concurrency bounds in-flight requests per key.
type Concurrency interface {
	// Acquire takes one of limit slots; release gives it back. ok is false
	// when all are taken.
	Acquire(ctx context.Context, key string, limit int64) (release func(), ok bool, err error)
}
