package budget

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
)

// BenchmarkMemoryReserveSettle is one request's budget work: reserve the
// worst case, settle to the real cost, spread over 1024 keys.
func BenchmarkMemoryReserveSettle(b *testing.B) {
	m, ctx := NewMemory(nil), context.Background()
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = fmt.Sprintf("p:wk_%016x", i)
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			i++
			k := keys[i%len(keys)]
			if ok, _, err := m.Reserve(ctx, k, 0.01, 0, PeriodMonth, t0); !ok || err != nil {
				b.Fatal("refused", err)
			}
			if err := m.Settle(ctx, k, 0.01, 0.004, PeriodMonth, t0); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	p := DefaultPrices()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.Lookup("claude-sonnet-4-5-20250929"); !ok {
			b.Fatal("not found")
		}
	}
}
