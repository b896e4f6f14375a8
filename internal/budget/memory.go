package budget

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"
	"time"
)

// shardCount spreads keys over this many locks.
const shardCount = 16

// Memory is a Counter for one replica. It keeps, per key and period
// kind, the spend of the current period and of the one before (so that a
// Settle passed the reservation's now just after midnight still lands);
// memory is bounded by the number of keys. The first use of a key in
// this process starts from its SeedFunc (concurrent first uses wait for
// one call), so a restart does not forget what the ledger says was spent.
type Memory struct {
	seed   SeedFunc
	ready  chan struct{} // closed: entries need no seeding
	hash   maphash.Seed
	shards [shardCount]shard
}

type shard struct {
	mu      sync.Mutex
	entries map[entryKey]*entry
	_       [64]byte // keep neighbouring shards off one cache line
}

type entryKey struct{ period, key string }

type entry struct {
	ready     chan struct{} // closed once seeded
	err       error         // why seeding failed (the entry is then gone)
	cur, prev bucket
}

type bucket struct {
	id    int64 // the period the spend belongs to (span.id)
	spent int64 // nano-USD
}

// NewMemory returns an empty in-memory counter that seeds keys from seed
// (nil: every key starts from zero), for instance LedgerSeed(store).
func NewMemory(seed SeedFunc) *Memory {
	m := &Memory{seed: seed, ready: make(chan struct{}), hash: maphash.MakeSeed()}
	close(m.ready)
	for i := range m.shards {
		m.shards[i].entries = make(map[entryKey]*entry)
	}
	return m
}

// lock returns key's spend for the period containing now and its shard,
// locked; the caller unlocks it. On error nothing is locked.
func (m *Memory) lock(ctx context.Context, key, period string, now time.Time) (*bucket, *shard, error) {
	s, err := periodSpan(period, now)
	if err != nil {
		return nil, nil, err
	}
	sh := &m.shards[maphash.String(m.hash, key)%shardCount]
	e, err := m.entry(ctx, sh, entryKey{period, key}, s)
	if err != nil {
		return nil, nil, err
	}
	sh.mu.Lock()
	return e.bucket(s.id), sh, nil
}

// entry returns the entry for ek, seeding it (for the period s) on first
// use.
func (m *Memory) entry(ctx context.Context, sh *shard, ek entryKey, s span) (*entry, error) {
	sh.mu.Lock()
	e, found := sh.entries[ek]
	if !found {
		e = &entry{ready: m.ready, cur: bucket{id: s.id}}
		if m.seed != nil {
			e.ready = make(chan struct{})
		}
		sh.entries[ek] = e
	}
	sh.mu.Unlock()
	if m.seed == nil {
		return e, nil
	}
	if !found {
		m.load(ctx, sh, ek, e, s)
	}
	select {
	case <-e.ready: // seeded already: even a done ctx may proceed
		return e, e.err
	default:
	}
	select {
	case <-e.ready:
		return e, e.err
	case <-ctx.Done():
		return nil, fmt.Errorf("budget: waiting for the ledger: %w", ctx.Err())
	}
}

// load seeds e; on failure it removes e so that the next use retries.
func (m *Memory) load(ctx context.Context, sh *shard, ek entryKey, e *entry, s span) {
	spent, err := m.seed(ctx, ek.key, s.start)
	if err == nil {
		err = checkAmounts("seed", spent)
	}
	sh.mu.Lock()
	if err != nil {
		e.err = fmt.Errorf("budget: seeding from the ledger: %w", err)
		delete(sh.entries, ek)
	} else {
		e.cur.spent = toNanos(spent)
	}
	sh.mu.Unlock()
	close(e.ready)
}

// bucket returns the spend for period id, starting a new period when id
// is past the current one. A period older than the previous one is no
// longer kept: it reads as zero and changes to it are dropped. The caller
// holds the shard's lock.
func (e *entry) bucket(id int64) *bucket {
	switch {
	case id == e.cur.id:
		return &e.cur
	case id == e.prev.id:
		return &e.prev
	case id > e.cur.id:
		e.prev, e.cur = e.cur, bucket{id: id}
		return &e.cur
	}
	return &bucket{id: id}
}

// Reserve implements Counter. A limit of zero or less means no limit:
// the amount is always recorded and remaining is +Inf.
func (m *Memory) Reserve(ctx context.Context, key string, amount, limit float64, period string, now time.Time) (bool, float64, error) {
	if err := checkAmounts("reserve", amount, max(limit, 0)); err != nil {
		return false, 0, err
	}
	b, sh, err := m.lock(ctx, key, period, now)
	if err != nil {
		return false, 0, err
	}
	defer sh.mu.Unlock()
	next := b.spent + toNanos(amount)
	if limit > 0 && next > toNanos(limit) {
		return false, remaining(limit, b.spent), nil
	}
	b.spent = next
	return true, remaining(limit, next), nil
}

// Settle implements Counter: spend moves by actual-reserved and never
// goes below zero. Pass the now given to Reserve, so that a request that
// straddles midnight settles in the period it reserved in.
func (m *Memory) Settle(ctx context.Context, key string, reserved, actual float64, period string, now time.Time) error {
	if err := checkAmounts("settle", reserved, actual); err != nil {
		return err
	}
	b, sh, err := m.lock(ctx, key, period, now)
	if err != nil {
		return err
	}
	defer sh.mu.Unlock()
	b.spent = max(b.spent+toNanos(actual)-toNanos(reserved), 0)
	return nil
}

// Spent implements Counter.
func (m *Memory) Spent(ctx context.Context, key string, period string, now time.Time) (float64, error) {
	b, sh, err := m.lock(ctx, key, period, now)
	if err != nil {
		return 0, err
	}
	defer sh.mu.Unlock()
	return toUSD(b.spent), nil
}

var _ Counter = (*Memory)(nil)
