package budget

import (
	"fmt"
	"math"
	"time"
)

// Budget periods, as in authn.Limits.BudgetPeriod.
const (
	PeriodDay   = "day"   // UTC calendar day
	PeriodMonth = "month" // UTC calendar month
	PeriodTotal = "total" // forever
)

// settleGrace keeps a period's counter this long after the period ends,
// so that a Settle for a reservation made just before the end (with the
// reservation's now) still finds it.
const settleGrace = 24 * time.Hour

// span is the period containing an instant: a number unique to it among
// periods of its kind that grows with time (20250331 for a day, 202503
// for a month, 0 for total), its start and its end (zero for total).
type span struct {
	id         int64
	start, end time.Time
}

func periodSpan(period string, now time.Time) (span, error) {
	now = now.UTC()
	switch period {
	case PeriodDay:
		start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		id := int64(now.Year())*10000 + int64(now.Month())*100 + int64(now.Day())
		return span{id, start, start.AddDate(0, 0, 1)}, nil
	case PeriodMonth:
		start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		return span{int64(now.Year())*100 + int64(now.Month()), start, start.AddDate(0, 1, 0)}, nil
	case PeriodTotal:
		return span{}, nil
	}
	return span{}, fmt.Errorf("budget: unknown period %q (want day, month or total)", period)
}

// ttl is how long a counter for s must live after now; zero is forever.
func (s span) ttl(now time.Time) time.Duration {
	if s.end.IsZero() {
		return 0
	}
	return s.end.Sub(now) + settleGrace
}

// PeriodStart is the start of the period containing now: midnight UTC
// for day, the first of the month for month, the zero time for total.
// Counters pass it to their SeedFunc (LedgerSeed sums the ledger from it).
func PeriodStart(period string, now time.Time) (time.Time, error) {
	s, err := periodSpan(period, now)
	return s.start, err
}

// Counters keep USD as integer nano-dollars, so that reserving and
// settling the same amounts cancel exactly and a budget that covers an
// amount exactly admits it (float sums would drift). In Redis the Lua
// numbers stay exact up to 2^53 nano-dollars, about 9 million USD.
const nanosPerUSD = 1e9

func toNanos(usd float64) int64 { return int64(math.Round(usd * nanosPerUSD)) }

func toUSD(nanos int64) float64 { return float64(nanos) / nanosPerUSD }

// remaining is what is left of limit after spent, never below zero; with
// no limit (limit <= 0) it is +Inf.
func remaining(limit float64, spent int64) float64 {
	if limit <= 0 {
		return math.Inf(1)
	}
	return toUSD(max(toNanos(limit)-spent, 0))
}

func checkAmounts(op string, amounts ...float64) error {
	for _, a := range amounts {
		if a < 0 || math.IsNaN(a) || math.IsInf(a, 0) {
			return fmt.Errorf("budget: %s: amount %v is not a finite non-negative number", op, a)
		}
	}
	return nil
}
