package ratelimit

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestCost(t *testing.T) {
	for _, tc := range []struct {
		n, limit int64
		unit     time.Duration
		want     int64
	}{
		{1, 1000, time.Microsecond, 60_000},
		{1, 7, time.Nanosecond, 8_571_428_572},
		{7, 7, time.Nanosecond, int64(Window)},
		{1, 1 << 40, time.Microsecond, 1},
		{1 << 62, 1, time.Nanosecond, int64(MaxDebt)},
		{1 << 30, 1, time.Microsecond, int64(MaxDebt / time.Microsecond)},
	} {
		if got := cost(tc.n, tc.limit, tc.unit); got != tc.want {
			t.Errorf("cost(%d, %d, %v) = %d, want %d", tc.n, tc.limit, tc.unit, got, tc.want)
		}
	}
}

func TestTooLarge(t *testing.T) {
	for _, tc := range []struct {
		limit, n int64
		want     bool
	}{{10, 11, true}, {10, 10, false}, {0, 11, false}, {10, 0, false}} {
		if got := TooLarge(tc.limit, tc.n); got != tc.want {
			t.Errorf("TooLarge(%d, %d) = %v", tc.limit, tc.n, got)
		}
	}
}

func TestMemoryLimiter(t *testing.T) { runLimiterSuite(t, NewMemory()) }

func TestMemoryConcurrency(t *testing.T) {
	m := NewMemory()
	runConcurrencySuite(t, m)
	if n := m.InFlight("free"); n != 0 {
		t.Fatalf("unlimited acquires left %d in flight", n)
	}
}

func TestMemoryExactUnderContention(t *testing.T) {
	m := NewMemory()
	got := hammer(t, 64, 5000, func(int64) bool {
		ok, _, err := m.Take(context.Background(), "hot", 1000, 1, t0)
		if err != nil {
			t.Error(err)
		}
		return ok
	})
	if got != 1000 {
		t.Fatalf("allowed %d of 5000 at limit 1000", got)
	}
}

func TestMemoryReleaseDropsEntry(t *testing.T) {
	m := NewMemory()
	release, ok, _ := m.Acquire(context.Background(), "k", 3)
	if !ok || m.InFlight("k") != 1 {
		t.Fatal("acquire did not hold a slot")
	}
	release()
	release()
	s := m.shard("k")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, held := s.inflight["k"]; held {
		t.Fatal("released key still in the table")
	}
}

func TestMemoryIdleKeysExpire(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	for i := range 5000 {
		if _, _, err := m.Take(ctx, fmt.Sprint("idle-", i), 100, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	if m.Len() != 5000 {
		t.Fatalf("Len %d, want 5000", m.Len())
	}
	// Writes two windows later sweep every shard they touch.
	later := t0.Add(2*Window + time.Second)
	for i := range 500 {
		if _, _, err := m.Take(ctx, fmt.Sprint("busy-", i), 100, 1, later); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Len(); n != 500 {
		t.Fatalf("after writes two windows later Len %d, want 500", n)
	}
	m.Sweep(later.Add(2 * Window))
	if n := m.Len(); n != 0 {
		t.Fatalf("after Sweep Len %d, want 0", n)
	}
	for i := range m.shards {
		if m.shards[i].peak > shrinkAt {
			t.Fatalf("shard %d kept peak %d after shrinking", i, m.shards[i].peak)
		}
	}
}

func TestMemoryRecentKeysSurviveSweep(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	// Debt keeps a key: it still owes time after two windows.
	if err := m.Add(ctx, "debtor", 1, 5, t0); err != nil {
		t.Fatal(err)
	}
	m.Sweep(t0.Add(2 * Window))
	ok, retry, _ := m.Take(ctx, "debtor", 1, 1, t0.Add(2*Window))
	if ok || retry != 3*Window {
		t.Fatalf("debt forgotten: ok=%v retry=%v", ok, retry)
	}
}
