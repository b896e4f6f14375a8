package ratelimit

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// t0 is the fake time the suites start from.
var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

type step struct {
	take      bool // Take, or else Add (or Refund)
	refund    bool
	key       string
	limit, n  int64
	at        time.Duration // after t0
	ok        bool
	retry     time.Duration
	retrySlop time.Duration // Redis counts in microseconds
}

// limiterCases are run against every Limiter.
var limiterCases = []struct {
	name  string
	steps []step
}{
	{"burst of limit then refill", []step{
		{take: true, key: "a", limit: 3, n: 1, ok: true},
		{take: true, key: "a", limit: 3, n: 1, ok: true},
		{take: true, key: "a", limit: 3, n: 1, ok: true},
		{take: true, key: "a", limit: 3, n: 1, retry: 20 * time.Second},
		{take: true, key: "a", limit: 3, n: 1, at: 19 * time.Second, retry: time.Second},
		{take: true, key: "a", limit: 3, n: 1, at: 20 * time.Second, ok: true},
		{take: true, key: "a", limit: 3, n: 1, at: 20 * time.Second, retry: 20 * time.Second},
	}},
	{"all or nothing", []step{
		{take: true, key: "b", limit: 10, n: 7, ok: true},
		{take: true, key: "b", limit: 10, n: 4, retry: 6 * time.Second},
		{take: true, key: "b", limit: 10, n: 3, ok: true},
		{take: true, key: "b", limit: 10, n: 1, retry: 6 * time.Second},
	}},
	{"add past the limit makes take wait", []step{
		{key: "c", limit: 10, n: 25, ok: true},
		{take: true, key: "c", limit: 10, n: 1, retry: 96 * time.Second},
		{take: true, key: "c", limit: 10, n: 1, at: 96 * time.Second, ok: true},
	}},
	{"keys are independent", []step{
		{take: true, key: "d1", limit: 1, n: 1, ok: true},
		{take: true, key: "d2", limit: 1, n: 1, ok: true},
		{take: true, key: "d1", limit: 1, n: 1, retry: time.Minute},
	}},
	{"no limit and nothing to take", []step{
		{take: true, key: "e", limit: 0, n: 1 << 40, ok: true},
		{take: true, key: "e", limit: -1, n: 1, ok: true},
		{take: true, key: "e", limit: 1, n: 0, ok: true},
		{key: "e", limit: 0, n: 5, ok: true},
		{take: true, key: "e", limit: 1, n: 1, ok: true},
	}},
	{"larger than the limit never fits", []step{
		{take: true, key: "f", limit: 10, n: 11, retry: Window},
		{take: true, key: "f", limit: 10, n: 10, ok: true},
	}},
	{"debt is capped", []step{
		{key: "g", limit: 1, n: 1 << 50, ok: true},
		{take: true, key: "g", limit: 1, n: 1, retry: MaxDebt},
	}},
	{"a refund gives back what a take took", []step{
		{take: true, key: "r1", limit: 3, n: 3, ok: true},
		{take: true, key: "r1", limit: 3, n: 1, retry: 20 * time.Second},
		{refund: true, key: "r1", limit: 3, n: 1},
		{take: true, key: "r1", limit: 3, n: 1, ok: true},
		{take: true, key: "r1", limit: 3, n: 1, retry: 20 * time.Second},
	}},
	{"a refund never leaves more than a fresh key has", []step{
		{take: true, key: "r2", limit: 3, n: 1, ok: true},
		{refund: true, key: "r2", limit: 3, n: 5},
		{refund: true, key: "r3", limit: 3, n: 5},
		{take: true, key: "r2", limit: 3, n: 3, ok: true},
		{take: true, key: "r2", limit: 3, n: 1, retry: 20 * time.Second},
		{take: true, key: "r3", limit: 3, n: 3, ok: true},
		{take: true, key: "r3", limit: 3, n: 1, retry: 20 * time.Second},
	}},
	{"a late refund moves back from where the allowance is", []step{
		{take: true, key: "r4", limit: 3, n: 3, ok: true},
		{refund: true, key: "r4", limit: 3, n: 1, at: 30 * time.Second},
		{take: true, key: "r4", limit: 3, n: 2, at: 30 * time.Second, ok: true},
		{take: true, key: "r4", limit: 3, n: 1, at: 30 * time.Second, retry: 10 * time.Second},
	}},
	{"huge limits still charge every unit", []step{
		{take: true, key: "h", limit: 1 << 40, n: 1 << 40, ok: true},
		{take: true, key: "h", limit: 1 << 40, n: 1, retry: time.Microsecond, retrySlop: time.Microsecond},
	}},
}

func runLimiterSuite(t *testing.T, l Limiter) {
	ctx := context.Background()
	for _, tc := range limiterCases {
		t.Run(tc.name, func(t *testing.T) {
			for i, s := range tc.steps {
				now := t0.Add(s.at)
				if s.refund {
					if err := l.Refund(ctx, s.key, s.limit, s.n, now); err != nil {
						t.Fatalf("step %d: refund: %v", i, err)
					}
					continue
				}
				if !s.take {
					if err := l.Add(ctx, s.key, s.limit, s.n, now); err != nil {
						t.Fatalf("step %d: add: %v", i, err)
					}
					continue
				}
				ok, retry, err := l.Take(ctx, s.key, s.limit, s.n, now)
				if err != nil {
					t.Fatalf("step %d: take: %v", i, err)
				}
				if ok != s.ok || retry < s.retry-s.retrySlop || retry > s.retry+s.retrySlop {
					t.Fatalf("step %d: got ok=%v retry=%v, want ok=%v retry=%v", i, ok, retry, s.ok, s.retry)
				}
			}
		})
	}
}

// hammer has workers goroutines call take until attempts calls were
// made in all, and returns how many were allowed.
func hammer(t *testing.T, workers int, attempts int64, take func(i int64) bool) int64 {
	t.Helper()
	var tried, allowed atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := tried.Add(1); i <= attempts; i = tried.Add(1) {
				if take(i) {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return allowed.Load()
}

func runConcurrencySuite(t *testing.T, c Concurrency) {
	ctx := context.Background()
	acquire := func(key string, limit int64, want bool) func() {
		t.Helper()
		release, ok, err := c.Acquire(ctx, key, limit)
		if err != nil || ok != want || release == nil {
			t.Fatalf("acquire %s/%d: ok=%v err=%v release nil=%v, want ok=%v", key, limit, ok, err, release == nil, want)
		}
		return release
	}
	t.Run("limit and idempotent release", func(t *testing.T) {
		r1 := acquire("k", 2, true)
		r2 := acquire("k", 2, true)
		acquire("k", 2, false)() // a refused slot's release is a no-op
		acquire("other", 2, true)
		r1()
		r1()
		r3 := acquire("k", 2, true)
		acquire("k", 2, false)
		r2()
		r3()
		acquire("k", 2, true)
		acquire("k", 2, true)
	})
	t.Run("no limit", func(t *testing.T) {
		for range 5 {
			acquire("free", 0, true)()
		}
	})
	t.Run("concurrent callers never exceed the limit", func(t *testing.T) {
		const limit = 4
		var held, peak atomic.Int64
		var wg sync.WaitGroup
		for range 32 {
			wg.Go(func() {
				for range 20 {
					release, ok, err := c.Acquire(ctx, "busy", limit)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						h := held.Add(1)
						for p := peak.Load(); h > p && !peak.CompareAndSwap(p, h); p = peak.Load() {
						}
						held.Add(-1)
						release()
					}
				}
			})
		}
		wg.Wait()
		if p := peak.Load(); p > limit || p == 0 {
			t.Fatalf("peak in flight %d, limit %d", p, limit)
		}
		for range limit {
			acquire("busy", limit, true)
		}
		acquire("busy", limit, false)
	})
}
