package budget

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 31, 23, 59, 0, 0, time.UTC)

// newCounter makes a fresh counter seeded by seed.
type newCounter func(t *testing.T, seed SeedFunc) Counter

func runCounterSuite(t *testing.T, fresh newCounter) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, c Counter)
	}{
		{"one worst case among 200 concurrent reservations", testOneOf200},
		{"refusal reports what remains", testRefusal},
		{"settle may go over and never below zero", testSettleBounds},
		{"sums are exact", testExactSums},
		{"periods roll over", testPeriods},
		{"late settle lands in its own period", testLateSettle},
		{"no limit", testNoLimit},
		{"bad input", testBadInput},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, fresh(t, nil)) })
	}
	t.Run("seeding from the ledger", func(t *testing.T) { testSeed(t, fresh) })
	t.Run("seeding team and model scopes", func(t *testing.T) { testSeedScopes(t, fresh(t, LedgerSeed(scopeLedger))) })
}

func mustReserve(t *testing.T, c Counter, key string, amount, limit float64, period string, now time.Time, wantOK bool, wantRemaining float64) {
	t.Helper()
	ok, rem, err := c.Reserve(context.Background(), key, amount, limit, period, now)
	if err != nil || ok != wantOK || math.Abs(rem-wantRemaining) > 1e-9 {
		t.Fatalf("reserve %v of %v: ok=%v remaining=%v err=%v, want ok=%v remaining=%v", amount, limit, ok, rem, err, wantOK, wantRemaining)
	}
}

func mustSettle(t *testing.T, c Counter, key string, reserved, actual float64, period string, now time.Time) {
	t.Helper()
	if err := c.Settle(context.Background(), key, reserved, actual, period, now); err != nil {
		t.Fatalf("settle %v→%v: %v", reserved, actual, err)
	}
}

func mustSpend(t *testing.T, c Counter, key, period string, now time.Time, want float64) {
	t.Helper()
	got, err := c.Spent(context.Background(), key, period, now)
	if err != nil || math.Abs(got-want) > 1e-9 {
		t.Fatalf("spent in %s: %v (%v), want %v", period, got, err, want)
	}
}

func testOneOf200(t *testing.T, c Counter) {
	const worst, limit, actual = 0.0375, 0.0375, 0.0121
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 200 {
		wg.Go(func() {
			ok, _, err := c.Reserve(context.Background(), "race", worst, limit, PeriodDay, t0)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if n := wins.Load(); n != 1 {
		t.Fatalf("%d of 200 reservations of the whole budget succeeded, want 1", n)
	}
	mustSettle(t, c, "race", worst, actual, PeriodDay, t0)
	mustSpend(t, c, "race", PeriodDay, t0, actual)
	mustReserve(t, c, "race", limit, limit, PeriodDay, t0, false, limit-actual)
	mustReserve(t, c, "race", limit-actual, limit, PeriodDay, t0, true, 0)
}

func testRefusal(t *testing.T, c Counter) {
	mustReserve(t, c, "refuse", 3, 10, PeriodMonth, t0, true, 7)
	mustReserve(t, c, "refuse", 8, 10, PeriodMonth, t0, false, 7)
	mustSpend(t, c, "refuse", PeriodMonth, t0, 3)
}

func testSettleBounds(t *testing.T, c Counter) {
	mustReserve(t, c, "over", 1, 2, PeriodTotal, t0, true, 1)
	mustSettle(t, c, "over", 1, 5, PeriodTotal, t0)
	mustSpend(t, c, "over", PeriodTotal, t0, 5)
	mustReserve(t, c, "over", 0.01, 2, PeriodTotal, t0, false, 0)
	mustSettle(t, c, "over", 9, 0, PeriodTotal, t0) // more back than spent
	mustSpend(t, c, "over", PeriodTotal, t0, 0)
	mustSettle(t, c, "over", 1, 1, PeriodTotal, t0)
	mustSpend(t, c, "over", PeriodTotal, t0, 0)
}

func testExactSums(t *testing.T, c Counter) {
	mustReserve(t, c, "exact", 0.1, 0.3, PeriodDay, t0, true, 0.2)
	mustReserve(t, c, "exact", 0.2, 0.3, PeriodDay, t0, true, 0)
	mustReserve(t, c, "exact", 1e-9, 0.3, PeriodDay, t0, false, 0)
	mustSettle(t, c, "exact", 0.1, 0, PeriodDay, t0)
	mustSettle(t, c, "exact", 0.2, 0, PeriodDay, t0)
	mustSpend(t, c, "exact", PeriodDay, t0, 0)
}

func testPeriods(t *testing.T, c Counter) {
	nextDay, nextMonth := t0.Add(2*time.Minute), t0.AddDate(0, 1, 1)
	for _, p := range []string{PeriodDay, PeriodMonth, PeriodTotal} {
		mustReserve(t, c, "roll", 4, 10, p, t0, true, 6)
	}
	mustSpend(t, c, "roll", PeriodDay, nextDay, 0) // 1 April
	mustSpend(t, c, "roll", PeriodMonth, nextDay, 0)
	mustSpend(t, c, "roll", PeriodTotal, nextMonth, 4)
	mustReserve(t, c, "roll", 10, 10, PeriodDay, nextDay, true, 0)
	mustSpend(t, c, "roll", PeriodDay, t0.Add(-time.Hour), 4) // same day as t0
}

func testLateSettle(t *testing.T, c Counter) {
	mustReserve(t, c, "late", 5, 10, PeriodDay, t0, true, 5)
	after := t0.Add(2 * time.Minute)
	mustReserve(t, c, "late", 2, 10, PeriodDay, after, true, 8)
	mustSettle(t, c, "late", 5, 1, PeriodDay, t0)
	mustSpend(t, c, "late", PeriodDay, after, 2)
	mustSpend(t, c, "late", PeriodDay, t0, 1)
}

func testNoLimit(t *testing.T, c Counter) {
	mustReserve(t, c, "free", 1e6, 0, PeriodDay, t0, true, math.Inf(1))
	mustSpend(t, c, "free", PeriodDay, t0, 1e6)
}

func testBadInput(t *testing.T, c Counter) {
	ctx := context.Background()
	if _, _, err := c.Reserve(ctx, "bad", 1, 10, "week", t0); err == nil {
		t.Error("reserve in an unknown period: no error")
	}
	if _, _, err := c.Reserve(ctx, "bad", -1, 10, PeriodDay, t0); err == nil {
		t.Error("negative reservation: no error")
	}
	if err := c.Settle(ctx, "bad", 1, math.NaN(), PeriodDay, t0); err == nil {
		t.Error("NaN settlement: no error")
	}
	if _, err := c.Spent(ctx, "bad", "", t0); err == nil {
		t.Error("spent in an empty period: no error")
	}
}

func testSeed(t *testing.T, fresh newCounter) {
	ledger := fakeLedger{keys: map[string]float64{"wk_1": 7.5, "wk_2": 30}}
	var calls atomic.Int64
	seed := LedgerSeed(countingLedger{ledger, &calls})
	c := fresh(t, seed)
	// Concurrent first uses all see the seeded spend.
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			ok, _, err := c.Reserve(context.Background(), "p:wk_1", 2.5, 10, PeriodMonth, t0)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 || calls.Load() < 1 {
		t.Fatalf("%d reservations of 2.5 fit after seeding 7.5 of 10 (ledger asked %d times)", wins.Load(), calls.Load())
	}
	asked := calls.Load()
	mustSpend(t, c, "p:wk_1", PeriodMonth, t0, 10)
	mustSpend(t, c, "p:wk_2", PeriodTotal, t0, 30)
	mustSpend(t, c, "t:team", PeriodMonth, t0, 0)  // not in the ledger
	mustSpend(t, c, "x:other", PeriodMonth, t0, 0) // not a scope the ledger sums
	if got := calls.Load() - asked; got != 2 {
		t.Fatalf("ledger asked %d times for one new principal and one new team, want 2", got)
	}
	mustSpend(t, c, "p:wk_1", PeriodMonth, t0, 10) // no new question
	if got := calls.Load() - asked; got != 2 {
		t.Fatalf("ledger asked again for a seeded key")
	}
	// A failing ledger fails the call, and is asked again next time.
	broken := fresh(t, func(context.Context, string, time.Time) (float64, error) { return 0, errLedger })
	if _, _, err := broken.Reserve(context.Background(), "p:wk_1", 1, 10, PeriodDay, t0); !errors.Is(err, errLedger) {
		t.Fatalf("reserve with a failing ledger: %v", err)
	}
	if _, err := broken.Spent(context.Background(), "p:wk_1", PeriodDay, t0); !errors.Is(err, errLedger) {
		t.Fatalf("second call did not ask the ledger again: %v", err)
	}
	odd := fresh(t, func(context.Context, string, time.Time) (float64, error) { return math.Inf(1), nil })
	if _, err := odd.Spent(context.Background(), "p:wk_1", PeriodDay, t0); err == nil {
		t.Fatal("an infinite seed was accepted")
	}
}

// scopeLedger has spend by team and by model.
var scopeLedger = fakeLedger{
	teams:  map[string]float64{"ml": 6, "web": 1},
	models: map[string]float64{"gpt-4o": 1, "gpt-4o-mini": 0.5, "gpt-4.1": 2, "claude-3": 4, "o1": 8},
}

// testSeedScopes: a team's and a model glob's counters start from what
// the ledger says they spent, so a reservation that would overspend is
// refused right away.
func testSeedScopes(t *testing.T, c Counter) {
	mustReserve(t, c, "t:ml", 4.5, 10, PeriodMonth, t0, false, 4)
	mustReserve(t, c, "t:ml", 4, 10, PeriodMonth, t0, true, 0)
	mustSpend(t, c, "t:web", PeriodDay, t0, 1)
	mustSpend(t, c, "t:nobody", PeriodDay, t0, 0)
	for glob, want := range map[string]float64{
		"gpt-4o*": 1.5, "gpt-4?*": 3.5, "gpt-4o": 1, "*": 15.5, "[co]*": 12, `claude-\3`: 4, "gemini-*": 0,
	} {
		mustSpend(t, c, "m:"+glob, PeriodTotal, t0, want)
	}
	mustReserve(t, c, "m:gpt-4o*", 0.6, 2, PeriodDay, t0, false, 0.5)
	mustReserve(t, c, "m:gpt-4o*", 0.5, 2, PeriodDay, t0, true, 0)
	if _, err := c.Spent(context.Background(), "m:[", PeriodDay, t0); err == nil {
		t.Error("a malformed model glob seeded without error")
	}
}

var errLedger = errors.New("ledger down")

// fakeLedger is spend by key id, team and model, whatever the time.
type fakeLedger struct{ keys, teams, models map[string]float64 }

func (l fakeLedger) SpentSince(_ context.Context, id string, _ time.Time) (float64, error) {
	return l.keys[id], nil
}

func (l fakeLedger) TeamSpentSince(_ context.Context, team string, _ time.Time) (float64, error) {
	return l.teams[team], nil
}

func (l fakeLedger) SpentByModelSince(_ context.Context, prefix string, _ time.Time) (map[string]float64, error) {
	out := map[string]float64{}
	for m, usd := range l.models {
		if strings.HasPrefix(m, prefix) {
			out[m] = usd
		}
	}
	return out, nil
}

type countingLedger struct {
	Ledger
	calls *atomic.Int64
}

func (l countingLedger) SpentSince(ctx context.Context, id string, t time.Time) (float64, error) {
	l.calls.Add(1)
	return l.Ledger.SpentSince(ctx, id, t)
}

func (l countingLedger) TeamSpentSince(ctx context.Context, team string, t time.Time) (float64, error) {
	l.calls.Add(1)
	return l.Ledger.TeamSpentSince(ctx, team, t)
}

func (l countingLedger) SpentByModelSince(ctx context.Context, prefix string, t time.Time) (map[string]float64, error) {
	l.calls.Add(1)
	return l.Ledger.SpentByModelSince(ctx, prefix, t)
}
