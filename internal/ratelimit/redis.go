package ratelimit

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults for RedisOptions.
const (
	DefaultPrefix    = "ward:rl:"
	DefaultLease     = 5 * time.Minute
	DefaultOpTimeout = 2 * time.Second
	minLease         = 100 * time.Millisecond
)

// RedisOptions tune a Redis limiter.
type RedisOptions struct {
	// Prefix starts every key the limiter writes (DefaultPrefix if empty).
	Prefix string
	// Lease is how long a concurrency slot survives without renewal, so
	// that the slots of a replica that crashed free themselves
	// (DefaultLease if zero, at least 100ms). Held slots are renewed
	// every Lease/3.
	Lease time.Duration
	// ServerTime makes Take and Add use the Redis server's clock instead
	// of the caller's now, so replicas with skewed clocks agree.
	ServerTime bool
	// OpTimeout bounds the release and renewal calls, which run outside
	// any request context (DefaultOpTimeout if zero).
	OpTimeout time.Duration
	// OnError, if set, hears errors of release and renewal, which have
	// nobody to return them to. op is "release" or "renew".
	OnError func(op string, err error)
}

// Redis is a Limiter and a Concurrency shared by every replica that uses
// the same Redis and prefix. Each Take, Add and Acquire is one atomic Lua
// script, run with EVALSHA (EVAL once if Redis lacks it): one round trip.
// Rate keys (prefix+"r:"+key) hold the GCRA TAT in microseconds and
// expire when it passes; concurrency keys (prefix+"c:"+key) are sorted
// sets of slot tokens scored by lease deadline. Every script touches one
// key, so a Redis Cluster works too. The scripts read the server clock
// (TIME) before writing, which needs Redis 5 or later. Errors (Redis
// unreachable) are returned: the caller chooses to fail open or closed.
type Redis struct {
	c                             redis.Scripter
	o                             RedisOptions
	rate, acquire, renew, release *redis.Script
}

// NewRedis returns a limiter on c (a *redis.Client, *redis.ClusterClient
// or *redis.Ring).
func NewRedis(c redis.Scripter, o RedisOptions) *Redis {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.Lease == 0 {
		o.Lease = DefaultLease
	}
	o.Lease = max(o.Lease, minLease)
	if o.OpTimeout == 0 {
		o.OpTimeout = DefaultOpTimeout
	}
	return &Redis{
		c: c, o: o,
		rate:    redis.NewScript(rateScript),
		acquire: redis.NewScript(acquireScript),
		renew:   redis.NewScript(renewScript),
		release: redis.NewScript(releaseScript),
	}
}

// rateScript runs GCRA on KEYS[1] in microseconds. ARGV: now ("" for the
// server clock), cost of the units, Window, "1" to take (refuse what does
// not fit), "0" to add or "-1" to refund, MaxDebt. It returns {1, 0} or
// {0, retry}. A refund moves TAT back; one that reaches now deletes the
// key, which then carries no state.
const rateScript = `
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[1])
end
local cost, window = tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local nxt
if ARGV[4] == '-1' then
  nxt = tat - cost
  if nxt <= now then
    redis.call('DEL', KEYS[1])
    return {1, 0}
  end
else
  if tat < now then tat = now end
  nxt = tat + cost
  if ARGV[4] == '1' and nxt - now > window then
    return {0, nxt - now - window}
  end
  local debt = tonumber(ARGV[5])
  if nxt - now > debt then nxt = now + debt end
end
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.ceil((nxt - now) / 1000) + 1000)
return {1, 0}
`

// Take implements Limiter (limit of zero or less: no limit; n larger
// than limit: refused with a Retry-After of one Window, see TooLarge).
func (r *Redis) Take(ctx context.Context, key string, limit, n int64, now time.Time) (bool, time.Duration, error) {
	if unlimited(limit, n) {
		return true, 0, nil
	}
	if tooLarge(limit, n) {
		return false, Window, nil
	}
	ok, retry, err := r.run(ctx, key, limit, n, now, "1")
	if err != nil {
		return false, 0, fmt.Errorf("ratelimit: redis take: %w", err)
	}
	return ok, retry, nil
}

// Add implements Limiter.
func (r *Redis) Add(ctx context.Context, key string, limit, n int64, now time.Time) error {
	return r.change(ctx, key, limit, n, now, "0", "add")
}

// Refund implements Limiter.
func (r *Redis) Refund(ctx context.Context, key string, limit, n int64, now time.Time) error {
	return r.change(ctx, key, limit, n, now, "-1", "refund")
}

// change runs rateScript in a mode that cannot refuse (add or refund).
func (r *Redis) change(ctx context.Context, key string, limit, n int64, now time.Time, mode, op string) error {
	if unlimited(limit, n) {
		return nil
	}
	if _, _, err := r.run(ctx, key, limit, n, now, mode); err != nil {
		return fmt.Errorf("ratelimit: redis %s: %w", op, err)
	}
	return nil
}

func (r *Redis) run(ctx context.Context, key string, limit, n int64, now time.Time, take string) (bool, time.Duration, error) {
	at := ""
	if !r.o.ServerTime {
		at = strconv.FormatInt(now.UnixMicro(), 10)
	}
	res, err := r.rate.Run(ctx, r.c, []string{r.o.Prefix + "r:" + key},
		at, cost(n, limit, time.Microsecond), int64(Window/time.Microsecond), take,
		int64(MaxDebt/time.Microsecond)).Int64Slice()
	if err != nil {
		return false, 0, err
	}
	if len(res) != 2 {
		return false, 0, errors.New("unexpected script reply")
	}
	return res[0] == 1, time.Duration(res[1]) * time.Microsecond, nil
}

// acquireScript frees expired slots of KEYS[1], then adds slot ARGV[2]
// with a deadline of ARGV[3] ms from the server clock if fewer than
// ARGV[1] are held. It returns 1 when the slot was taken.
const acquireScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
local lease = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`

// renewScript moves slot ARGV[1]'s deadline to ARGV[2] ms from now if
// the slot is still held (a slot that expired stays freed).
const renewScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`

const releaseScript = `return redis.call('ZREM', KEYS[1], ARGV[1])`

// Acquire implements Concurrency. A limit of zero or less means no limit.
// release is never nil (a no-op when ok is false) and may be called any
// number of times; it frees the slot in Redis (bounded by OpTimeout, not
// by ctx, which may be done by then). While held, the slot's lease is
// renewed every Lease/3, so callers must always call release; if the
// replica dies, the slot frees itself once the lease runs out.
func (r *Redis) Acquire(ctx context.Context, key string, limit int64) (func(), bool, error) {
	if limit <= 0 {
		return func() {}, true, nil
	}
	s := &slot{r: r, key: r.o.Prefix + "c:" + key, token: rand.Text()}
	got, err := r.acquire.Run(ctx, r.c, []string{s.key}, limit, s.token, r.o.Lease.Milliseconds()).Int64()
	if err != nil {
		return func() {}, false, fmt.Errorf("ratelimit: redis acquire: %w", err)
	}
	if got != 1 {
		return func() {}, false, nil
	}
	s.mu.Lock()
	s.timer = time.AfterFunc(r.o.Lease/3, s.renew)
	s.mu.Unlock()
	return s.free, true, nil
}

// slot is one held concurrency slot.
type slot struct {
	r          *Redis
	key, token string
	mu         sync.Mutex
	timer      *time.Timer
	done       bool
}

// renew extends the lease and schedules the next renewal.
func (s *slot) renew() {
	ctx, cancel := context.WithTimeout(context.Background(), s.r.o.OpTimeout)
	err := s.r.renew.Run(ctx, s.r.c, []string{s.key}, s.token, s.r.o.Lease.Milliseconds()).Err()
	cancel()
	s.r.report("renew", err)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		s.timer = time.AfterFunc(s.r.o.Lease/3, s.renew)
	}
}

// free releases the slot once; later calls do nothing.
func (s *slot) free() {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return
	}
	s.done = true
	s.timer.Stop()
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), s.r.o.OpTimeout)
	defer cancel()
	s.r.report("release", s.r.release.Run(ctx, s.r.c, []string{s.key}, s.token).Err())
}

func (r *Redis) report(op string, err error) {
	if err != nil && r.o.OnError != nil {
		r.o.OnError(op, fmt.Errorf("ratelimit: redis %s: %w", op, err))
	}
}

var (
	_ Limiter     = (*Redis)(nil)
	_ Concurrency = (*Redis)(nil)
)
