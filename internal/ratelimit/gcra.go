package ratelimit

import (
	"math/bits"
	"time"
)

// Both limiters use GCRA (the generic cell rate algorithm): each key keeps
// one number, its theoretical arrival time (TAT), the instant by which
// everything taken so far would have been paid for at limit per Window.
// Taking n units moves TAT forward by n*Window/limit; it is allowed while
// TAT stays at most one Window ahead of now, so a fresh key may burst its
// whole limit and then refills smoothly. GCRA was chosen over a sliding
// window counter because it is exact (no approximation between two
// buckets), needs one value per key (one Redis string, one map entry),
// gives Retry-After directly (TAT-Window-now), and records spending past
// the limit naturally (Add pushes TAT further ahead). An entry whose TAT
// is not after now carries no state at all, which makes expiry trivial.

// MaxDebt caps how far Add may push a key's TAT ahead of now: a key that
// overspent by more than this waits MaxDebt, not longer.
const MaxDebt = 366 * 24 * time.Hour

// cost is how long n units take at limit per Window, in units of unit,
// rounded up so that no unit is ever free, and capped at MaxDebt.
func cost(n, limit int64, unit time.Duration) int64 {
	maxCost := uint64(MaxDebt / unit)
	hi, lo := bits.Mul64(uint64(n), uint64(Window/unit))
	if hi >= uint64(limit) {
		return int64(maxCost)
	}
	q, r := bits.Div64(hi, lo, uint64(limit))
	if r != 0 {
		q++
	}
	return int64(min(q, maxCost))
}

// unlimited reports a call that takes nothing from any allowance: a limit
// of zero or less means no limit (as in authn.Limits) and n of zero or
// less costs nothing.
func unlimited(limit, n int64) bool { return limit <= 0 || n <= 0 }

// tooLarge reports a Take that can never fit; such a call is refused with
// a Retry-After of one Window. Callers should refuse those requests
// themselves (413 rather than 429) before calling Take.
func tooLarge(limit, n int64) bool { return n > limit }

// TooLarge reports whether n units can never fit in limit per Window, so
// that the gateway can answer "too large" instead of "retry later".
func TooLarge(limit, n int64) bool { return !unlimited(limit, n) && tooLarge(limit, n) }
