package ratelimit

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/wardsec/ward/internal/testenv"
)

func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("wk_%016x:rpm", i)
	}
	return keys
}

// BenchmarkMemoryTake spreads parallel Takes over 1024 keys.
func BenchmarkMemoryTake(b *testing.B) {
	m, keys, ctx := NewMemory(), benchKeys(1024), context.Background()
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			i++
			if ok, _, _ := m.Take(ctx, keys[i%len(keys)], 1<<40, 1, t0); !ok {
				b.Fatal("refused")
			}
		}
	})
}

// BenchmarkMemoryTakeHotKey has every goroutine take from one key.
func BenchmarkMemoryTakeHotKey(b *testing.B) {
	m, ctx := NewMemory(), context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Take(ctx, "wk_0000000000000000:rpm", 1<<40, 1, t0)
		}
	})
}

// BenchmarkMemoryTakeSerial is one caller, no contention.
func BenchmarkMemoryTakeSerial(b *testing.B) {
	m, keys, ctx := NewMemory(), benchKeys(1024), context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Take(ctx, keys[i%len(keys)], 1<<40, 1, t0)
	}
}

func BenchmarkMemoryAcquireRelease(b *testing.B) {
	m, keys, ctx := NewMemory(), benchKeys(1024), context.Background()
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			i++
			release, ok, _ := m.Acquire(ctx, keys[i%len(keys)], 1<<40)
			if !ok {
				b.Fatal("refused")
			}
			release()
		}
	})
}

// BenchmarkRedisTake measures one round trip to WARD_TEST_REDIS_URL.
func BenchmarkRedisTake(b *testing.B) {
	c, prefix := testenv.Redis(b)
	r, keys, ctx := NewRedis(c, RedisOptions{Prefix: prefix}), benchKeys(1024), context.Background()
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			i++
			if _, _, err := r.Take(ctx, keys[i%len(keys)], 1<<40, 1, t0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.StopTimer()
	for _, k := range keys {
		c.Del(ctx, prefix+"r:"+k)
	}
}
