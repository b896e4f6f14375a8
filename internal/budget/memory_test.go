package budget

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoryCounter(t *testing.T) {
	runCounterSuite(t, func(_ *testing.T, seed SeedFunc) Counter { return NewMemory(seed) })
}

func TestMemorySeedsOnceUnderConcurrency(t *testing.T) {
	var calls atomic.Int64
	release := make(chan struct{})
	m := NewMemory(func(context.Context, string, time.Time) (float64, error) {
		calls.Add(1)
		<-release
		return 1, nil
	})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := m.Spent(context.Background(), "p:slow", PeriodDay, t0); err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("ledger asked %d times, want once", calls.Load())
	}
}

func TestMemoryWaitHonoursContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	m := NewMemory(func(context.Context, string, time.Time) (float64, error) { <-release; return 0, nil })
	go m.Spent(context.Background(), "p:stuck", PeriodDay, t0)
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := m.Spent(ctx, "p:stuck", PeriodDay, t0); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting on a stuck ledger: %v", err)
	}
}

func TestMemoryDropsPeriodsOlderThanThePrevious(t *testing.T) {
	m := NewMemory(nil)
	mustReserve(t, m, "k", 1, 10, PeriodDay, t0, true, 9)
	twoDaysOn := t0.AddDate(0, 0, 2)
	mustReserve(t, m, "k", 2, 10, PeriodDay, twoDaysOn, true, 8)
	mustReserve(t, m, "k", 3, 10, PeriodDay, twoDaysOn.AddDate(0, 0, 1), true, 7)
	// t0's day is now two periods back: it reads zero and changes vanish.
	mustSettle(t, m, "k", 0, 4, PeriodDay, t0)
	mustSpend(t, m, "k", PeriodDay, t0, 0)
	mustSpend(t, m, "k", PeriodDay, twoDaysOn, 2)
	n := 0
	for i := range m.shards {
		n += len(m.shards[i].entries)
	}
	if n != 1 {
		t.Fatalf("%d entries for one key and period", n)
	}
}

func TestPeriodStart(t *testing.T) {
	at := time.Date(2024, 2, 29, 23, 30, 0, 0, time.FixedZone("UTC-2", -2*3600)) // 1 March UTC
	for _, tc := range []struct {
		period string
		want   time.Time
		ttl    time.Duration
	}{
		{PeriodDay, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 22*time.Hour + 30*time.Minute + settleGrace},
		{PeriodMonth, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 30*24*time.Hour + 22*time.Hour + 30*time.Minute + settleGrace},
		{PeriodTotal, time.Time{}, 0},
	} {
		got, err := PeriodStart(tc.period, at)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("PeriodStart(%s) = %v (%v), want %v", tc.period, got, err, tc.want)
		}
		s, _ := periodSpan(tc.period, at)
		if ttl := s.ttl(at); ttl != tc.ttl {
			t.Errorf("%s ttl %v, want %v", tc.period, ttl, tc.ttl)
		}
	}
	if _, err := PeriodStart("year", at); err == nil {
		t.Error("unknown period: no error")
	}
}

func TestLiteralPrefix(t *testing.T) {
	t.Parallel()
	for glob, want := range map[string]string{
		"gpt-4o": "gpt-4o", "gpt-4o*": "gpt-4o", "gpt-?": "gpt-", "[gc]*": "", "*": "", `claude-\*`: "claude-", "": "",
	} {
		if got := literalPrefix(glob); got != want {
			t.Errorf("literalPrefix(%q) = %q, want %q", glob, got, want)
		}
	}
}
