package budget

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wardsec/ward/internal/testenv"
)

func testRedis(t *testing.T) (*redis.Client, string) { return testenv.Redis(t) }

func TestRedisCounter(t *testing.T) {
	runCounterSuite(t, func(t *testing.T, seed SeedFunc) Counter {
		c, prefix := testRedis(t)
		return NewRedis(c, RedisOptions{Prefix: prefix, Seed: seed})
	})
}

// TestRedisReplicasShareOneBudget: two counters (replicas) on one Redis
// see each other's reservations.
func TestRedisReplicasShareOneBudget(t *testing.T) {
	c, prefix := testRedis(t)
	a, b := NewRedis(c, RedisOptions{Prefix: prefix}), NewRedis(c, RedisOptions{Prefix: prefix})
	mustReserve(t, a, "shared", 6, 10, PeriodDay, t0, true, 4)
	mustReserve(t, b, "shared", 6, 10, PeriodDay, t0, false, 4)
	mustSettle(t, a, "shared", 6, 1, PeriodDay, t0)
	mustReserve(t, b, "shared", 6, 10, PeriodDay, t0, true, 3)
}

// TestRedisRestartDoesNotReseed: a restarted gateway (a new counter on
// the same Redis) finds the team's and the model's counters as they were
// and does not add the ledger's spend a second time.
func TestRedisRestartDoesNotReseed(t *testing.T) {
	c, prefix := testRedis(t)
	var calls atomic.Int64
	seed := LedgerSeed(countingLedger{scopeLedger, &calls})
	before := NewRedis(c, RedisOptions{Prefix: prefix, Seed: seed})
	mustReserve(t, before, "t:ml", 3, 10, PeriodMonth, t0, true, 1)     // 6 seeded
	mustReserve(t, before, "m:gpt-4o*", 0.5, 2, PeriodDay, t0, true, 0) // 1.5 seeded
	asked := calls.Load()
	after := NewRedis(c, RedisOptions{Prefix: prefix, Seed: seed})
	mustSpend(t, after, "t:ml", PeriodMonth, t0, 9)
	mustSpend(t, after, "m:gpt-4o*", PeriodDay, t0, 2)
	mustReserve(t, after, "t:ml", 1.5, 10, PeriodMonth, t0, false, 1)
	if asked != 2 || calls.Load() != asked {
		t.Fatalf("ledger asked %d times before the restart (want 2) and %d after (want 0)", asked, calls.Load()-asked)
	}
}

func TestRedisKeysExpire(t *testing.T) {
	c, prefix := testRedis(t)
	r := NewRedis(c, RedisOptions{Prefix: prefix})
	ctx := context.Background()
	now := time.Now()
	for _, tc := range []struct {
		period   string
		min, max time.Duration
	}{
		{PeriodDay, settleGrace, 24*time.Hour + settleGrace},
		{PeriodMonth, settleGrace, 31*24*time.Hour + settleGrace},
		{PeriodTotal, -1, -1}, // no expiry
	} {
		mustReserve(t, r, "ttl", 1, 0, tc.period, now, true, posInf)
		s, _ := periodSpan(tc.period, now)
		ttl, err := c.PTTL(ctx, fmt.Sprintf("%s%s:%d:ttl", prefix, tc.period, s.id)).Result()
		if err != nil || ttl < tc.min || ttl > tc.max {
			t.Errorf("%s key TTL %v (%v), want %v..%v", tc.period, ttl, err, tc.min, tc.max)
		}
	}
}

// TestRedisUnreachable: every call returns an error; the gateway chooses
// to fail open or closed.
func TestRedisUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 200 * time.Millisecond, MaxRetries: -1})
	defer c.Close()
	r := NewRedis(c, RedisOptions{})
	ctx := context.Background()
	if ok, _, err := r.Reserve(ctx, "k", 1, 10, PeriodDay, t0); err == nil || ok {
		t.Errorf("reserve on a closed port: ok=%v err=%v", ok, err)
	}
	if err := r.Settle(ctx, "k", 1, 2, PeriodDay, t0); err == nil {
		t.Error("settle on a closed port: no error")
	}
	if _, err := r.Spent(ctx, "k", PeriodDay, t0); err == nil {
		t.Error("spent on a closed port: no error")
	}
}
