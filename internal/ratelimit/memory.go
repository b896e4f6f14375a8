package ratelimit

import (
	"context"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"
)

// shardCount spreads keys over this many locks, so that concurrent
// callers on different keys rarely wait for one another.
const shardCount = 64

// shrinkAt is the size below which a swept table is never reallocated.
const shrinkAt = 1024

// Memory is a Limiter and a Concurrency for one replica. Keys are spread
// over shardCount shards, each with its own lock. A rate entry is dropped
// once it has been idle (its TAT behind now) for more than one Window, at
// a sweep that each shard runs at most once per Window of caller time, so
// idle keys go within two Windows and memory stays bounded by the keys
// active in the last two minutes. A concurrency entry goes when its last
// slot is released. The zero value is not usable; call NewMemory.
type Memory struct {
	seed   maphash.Seed
	shards [shardCount]shard
}

type shard struct {
	mu       sync.Mutex
	tat      map[string]int64 // unix nanoseconds
	peak     int              // largest len(tat) since the last shrink
	sweptAt  int64            // caller time of the last sweep, unix ns
	inflight map[string]int64
	_        [64]byte // keep neighbouring shards off one cache line
}

// NewMemory returns an empty in-memory limiter.
func NewMemory() *Memory {
	m := &Memory{seed: maphash.MakeSeed()}
	for i := range m.shards {
		m.shards[i].tat = make(map[string]int64)
		m.shards[i].inflight = make(map[string]int64)
	}
	return m
}

func (m *Memory) shard(key string) *shard {
	return &m.shards[maphash.String(m.seed, key)%shardCount]
}

// Take implements Limiter. A limit of zero or less means no limit. n
// larger than limit never fits: Take refuses it with a Retry-After of one
// Window (see TooLarge).
func (m *Memory) Take(_ context.Context, key string, limit, n int64, now time.Time) (bool, time.Duration, error) {
	if unlimited(limit, n) {
		return true, 0, nil
	}
	if tooLarge(limit, n) {
		return false, Window, nil
	}
	t, c := now.UnixNano(), cost(n, limit, time.Nanosecond)
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	next := max(s.tat[key], t) + c
	if ahead := next - t; ahead > int64(Window) {
		return false, time.Duration(ahead - int64(Window)), nil
	}
	s.store(key, next, t)
	return true, 0, nil
}

// Add implements Limiter: n units are recorded even past limit, so the
// next Take waits (at most MaxDebt).
func (m *Memory) Add(_ context.Context, key string, limit, n int64, now time.Time) error {
	m.update(key, limit, n, now, func(s *shard, t, c int64) {
		s.store(key, min(max(s.tat[key], t)+c, t+int64(MaxDebt)), t)
	})
	return nil
}

// Refund implements Limiter: key's TAT moves back by what n units cost,
// and an entry that falls to now or before carries no state and goes.
func (m *Memory) Refund(_ context.Context, key string, limit, n int64, now time.Time) error {
	m.update(key, limit, n, now, func(s *shard, t, c int64) {
		if tat, ok := s.tat[key]; ok && tat-c > t {
			s.tat[key] = tat - c
		} else {
			delete(s.tat, key)
		}
	})
	return nil
}

// update runs f on key's shard, locked, with now in nanoseconds and the
// cost of n units, unless the call takes nothing (see unlimited).
func (m *Memory) update(key string, limit, n int64, now time.Time, f func(s *shard, t, c int64)) {
	if unlimited(limit, n) {
		return
	}
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s, now.UnixNano(), cost(n, limit, time.Nanosecond))
}

// store sets key's TAT and sweeps the shard when a Window of caller time
// has passed since its last sweep. The caller holds s.mu.
func (s *shard) store(key string, tat, now int64) {
	s.tat[key] = tat
	s.peak = max(s.peak, len(s.tat))
	if now-s.sweptAt >= int64(Window) {
		s.sweep(now)
	}
}

// sweep drops entries idle for more than one Window and reallocates the
// table when it has shrunk to a quarter of its peak (Go maps never give
// memory back on delete).
func (s *shard) sweep(now int64) {
	s.sweptAt = now
	for k, tat := range s.tat {
		if tat < now-int64(Window) {
			delete(s.tat, k)
		}
	}
	if s.peak > shrinkAt && len(s.tat) < s.peak/4 {
		fresh := make(map[string]int64, len(s.tat))
		for k, v := range s.tat {
			fresh[k] = v
		}
		s.tat, s.peak = fresh, len(fresh)
	}
}

// Sweep drops idle rate entries from every shard now, for callers that
// prefer a periodic janitor to sweeps on write.
func (m *Memory) Sweep(now time.Time) {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		s.sweep(now.UnixNano())
		s.mu.Unlock()
	}
}

// Len is the number of rate entries held, for tests and metrics.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.tat)
		s.mu.Unlock()
	}
	return n
}

// Acquire implements Concurrency. A limit of zero or less means no limit.
// release is never nil (a no-op when ok is false or there is no limit)
// and may be called any number of times: only the first call frees the
// slot.
func (m *Memory) Acquire(_ context.Context, key string, limit int64) (func(), bool, error) {
	if limit <= 0 {
		return func() {}, true, nil
	}
	s := m.shard(key)
	s.mu.Lock()
	held := s.inflight[key]
	if held >= limit {
		s.mu.Unlock()
		return func() {}, false, nil
	}
	s.inflight[key] = held + 1
	s.mu.Unlock()
	var done atomic.Bool
	return func() {
		if done.CompareAndSwap(false, true) {
			s.release(key)
		}
	}, true, nil
}

func (s *shard) release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if held := s.inflight[key]; held > 1 {
		s.inflight[key] = held - 1
	} else {
		delete(s.inflight, key)
	}
}

// InFlight is the number of slots key holds, for tests and metrics.
func (m *Memory) InFlight(key string) int64 {
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight[key]
}

var (
	_ Limiter     = (*Memory)(nil)
	_ Concurrency = (*Memory)(nil)
)
