package ratelimit

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wardsec/ward/internal/testenv"
)

func testRedis(t *testing.T) (*redis.Client, string) { return testenv.Redis(t) }

func TestRedisLimiter(t *testing.T) {
	c, prefix := testRedis(t)
	runLimiterSuite(t, NewRedis(c, RedisOptions{Prefix: prefix}))
}

func TestRedisConcurrency(t *testing.T) {
	c, prefix := testRedis(t)
	runConcurrencySuite(t, NewRedis(c, RedisOptions{Prefix: prefix}))
}

// TestRedisReplicasShareOneLimit runs three limiters on three clients
// (three replicas) against one Redis: 1000 per minute is enforced within
// 1% while the fake clock moves 300ms (GCRA refills 5 in that time).
func TestRedisReplicasShareOneLimit(t *testing.T) {
	c, prefix := testRedis(t)
	replicas := []*Redis{
		NewRedis(c, RedisOptions{Prefix: prefix}),
		NewRedis(testenv.RedisClient(t), RedisOptions{Prefix: prefix}),
		NewRedis(testenv.RedisClient(t), RedisOptions{Prefix: prefix}),
	}
	const attempts = 3000
	var wg sync.WaitGroup
	var tried, allowed atomic.Int64
	for _, r := range replicas {
		wg.Go(func() {
			allowed.Add(hammer(t, 8, attempts/3, func(int64) bool {
				now := t0.Add(time.Duration(tried.Add(1)) * 100 * time.Microsecond)
				ok, _, err := r.Take(context.Background(), "shared", 1000, 1, now)
				if err != nil {
					t.Error(err)
				}
				return ok
			}))
		})
	}
	wg.Wait()
	if got := allowed.Load(); got < 990 || got > 1010 {
		t.Fatalf("three replicas allowed %d of %d at 1000/min, want 990..1010", got, attempts)
	}
	t.Logf("three replicas allowed %d of %d", allowed.Load(), attempts)
}

// TestRedisOneRoundTrip counts commands: after the script is cached each
// Take and Add is one EVALSHA.
func TestRedisOneRoundTrip(t *testing.T) {
	c, prefix := testRedis(t)
	r := NewRedis(c, RedisOptions{Prefix: prefix})
	ctx := context.Background()
	if _, _, err := r.Take(ctx, "rt", 100, 1, t0); err != nil {
		t.Fatal(err)
	}
	counter := &commandCounter{}
	c.AddHook(counter)
	for i := range 10 {
		if _, _, err := r.Take(ctx, "rt", 100, 1, t0); err != nil {
			t.Fatal(err)
		}
		if err := r.Add(ctx, "rt", 100, 1, t0.Add(time.Duration(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n, sha := counter.total.Load(), counter.evalsha.Load(); n != 20 || sha != 20 {
		t.Fatalf("20 calls sent %d commands (%d EVALSHA)", n, sha)
	}
}

type commandCounter struct{ total, evalsha atomic.Int64 }

func (*commandCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *commandCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.total.Add(1)
		if cmd.Name() == "evalsha" {
			h.evalsha.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (*commandCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// TestRedisIdleKeysVanish checks that a rate key lives only as long as
// its TAT is ahead of now (plus a second).
func TestRedisIdleKeysVanish(t *testing.T) {
	c, prefix := testRedis(t)
	r := NewRedis(c, RedisOptions{Prefix: prefix})
	ctx := context.Background()
	if _, _, err := r.Take(ctx, "ttl", 10, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	ttl, err := c.PTTL(ctx, prefix+"r:ttl").Result()
	if err != nil || ttl <= 6*time.Second || ttl > 7*time.Second {
		t.Fatalf("rate key TTL %v (%v), want 6s..7s", ttl, err)
	}
	if _, ok, err := r.Acquire(ctx, "lease", 1); !ok || err != nil {
		t.Fatalf("acquire: %v %v", ok, err)
	}
	ttl, err = c.PTTL(ctx, prefix+"c:lease").Result()
	if err != nil || ttl <= 0 || ttl > DefaultLease {
		t.Fatalf("concurrency key TTL %v (%v), want up to %v", ttl, err, DefaultLease)
	}
}

func TestRedisServerTime(t *testing.T) {
	c, prefix := testRedis(t)
	r := NewRedis(c, RedisOptions{Prefix: prefix, ServerTime: true})
	ctx := context.Background()
	// The caller's now is ignored: a clock ten years off changes nothing.
	for _, now := range []time.Time{time.Now(), time.Now().AddDate(-10, 0, 0)} {
		if ok, _, err := r.Take(ctx, "srv", 2, 1, now); !ok || err != nil {
			t.Fatalf("take: %v %v", ok, err)
		}
	}
	ok, retry, err := r.Take(ctx, "srv", 2, 1, time.Now().AddDate(10, 0, 0))
	if ok || err != nil || retry < 29*time.Second || retry > 30*time.Second {
		t.Fatalf("third take: ok=%v retry=%v err=%v, want refused for ~30s", ok, retry, err)
	}
}

// TestRedisLeases: a held slot is renewed past its lease; the slot of a
// replica that died (its client closed) frees itself after the lease.
func TestRedisLeases(t *testing.T) {
	c, prefix := testRedis(t)
	const lease = 300 * time.Millisecond
	ctx := context.Background()
	var errs atomic.Int64
	dying := testenv.RedisClient(t)
	crashed := NewRedis(dying, RedisOptions{Prefix: prefix, Lease: lease,
		OnError: func(string, error) { errs.Add(1) }})
	alive := NewRedis(c, RedisOptions{Prefix: prefix, Lease: lease})

	release, ok, err := alive.Acquire(ctx, "held", 1)
	if !ok || err != nil {
		t.Fatalf("acquire: %v %v", ok, err)
	}
	time.Sleep(3 * lease)
	if _, ok, _ := crashed.Acquire(ctx, "held", 1); ok {
		t.Fatal("a renewed slot expired")
	}
	release()
	if _, ok, _ := crashed.Acquire(ctx, "held", 1); !ok {
		t.Fatal("released slot not free")
	}
	dying.Close() // the replica dies holding the slot
	if _, ok, _ := alive.Acquire(ctx, "held", 1); ok {
		t.Fatal("slot freed before its lease ran out")
	}
	time.Sleep(lease + 100*time.Millisecond)
	if _, ok, err := alive.Acquire(ctx, "held", 1); !ok || err != nil {
		t.Fatalf("dead replica's slot not freed after its lease: %v %v", ok, err)
	}
	if errs.Load() == 0 {
		t.Fatal("renewal on a closed client reported no error")
	}
}

// TestRedisUnreachable: every call returns an error (the gateway chooses
// to fail open or closed) and never blocks past the dial timeout.
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
	ok, _, err := r.Take(ctx, "k", 10, 1, t0)
	if err == nil || ok {
		t.Fatalf("take on a closed port: ok=%v err=%v", ok, err)
	}
	if err := r.Add(ctx, "k", 10, 1, t0); err == nil {
		t.Fatal("add on a closed port: no error")
	}
	release, ok, err := r.Acquire(ctx, "k", 1)
	if err == nil || ok || release == nil {
		t.Fatalf("acquire on a closed port: ok=%v err=%v", ok, err)
	}
	release()
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Fatalf("error does not wrap the dial failure: %v", err)
	}
}
