package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// benchBackends are SQLite always, PostgreSQL when configured.
func benchBackends(b *testing.B) []backend {
	bs := []backend{sqliteBackend()}
	if testPostgresURLOK() {
		bs = append(bs, postgresBackend(b))
	}
	return bs
}

// seedKeys stores n keys with limits and returns them.
func seedKeys(b *testing.B, s Store, n int) []*authn.Key {
	b.Helper()
	ks := make([]*authn.Key, n)
	for i := range ks {
		ks[i] = testKey(b, fmt.Sprintf("bench-%d", i), base)
		ks[i].Limits = authn.Limits{Models: []string{"gpt-4o"}, RPM: 600, BudgetUSD: 100, BudgetPeriod: authn.PeriodMonth}
		mustCreate(b, s, ks[i])
	}
	return ks
}

func BenchmarkKeyByHash(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			s, ctx := openTest(b, be.url(b)), context.Background()
			ks := seedKeys(b, s, 1000)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if _, err := s.KeyByHash(ctx, ks[i%len(ks)].Hash); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRecordUsage(b *testing.B) {
	for _, be := range benchBackends(b) {
		for _, rows := range []int{1, 100} {
			b.Run(fmt.Sprintf("%s/rows=%d", be.name, rows), func(b *testing.B) {
				s, ctx := openTest(b, be.url(b)), context.Background()
				us := make([]Usage, rows)
				for i := range us {
					us[i] = Usage{Time: base, KeyID: "wk_0123456789abcdef", Team: "t", Model: "gpt-4o",
						PromptTokens: 1000, CompletionTokens: 200, CostUSD: 0.0045}
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := s.RecordUsage(ctx, us); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkSpentSince(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			s, ctx := openTest(b, be.url(b)), context.Background()
			us := make([]Usage, 1000)
			for i := range us {
				us[i] = Usage{Time: base.Add(time.Duration(i) * time.Minute), KeyID: fmt.Sprintf("wk_%d", i%10), CostUSD: 0.01}
			}
			if err := s.RecordUsage(ctx, us); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.SpentSince(ctx, "wk_3", base); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteEvents500(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			s, ctx := openTest(b, be.url(b)), context.Background()
			es := make([]event.Event, WriterBatch)
			for i := range es {
				es[i] = sampleEvent(i, base)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := s.WriteEvents(ctx, es); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEventWriterWrite(b *testing.B) {
	w := NewEventWriter(&sink{}, 1<<16, 10*time.Millisecond, nil)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.Close(ctx); err != nil {
			b.Error(err)
		}
	}()
	e := sampleEvent(1, base)
	b.ReportAllocs()
	for b.Loop() {
		w.Write(e)
	}
}

// BenchmarkDeleteEventsBefore deletes one batch of PruneBatch old events
// from a table that also holds newer ones: how long a prune's
// transaction holds the writer.
func BenchmarkDeleteEventsBefore(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			s, ctx := openTest(b, be.url(b)), context.Background()
			cutoff := base.Add(time.Hour)
			newer := make([]event.Event, 20_000)
			for i := range newer {
				newer[i] = sampleEvent(i, cutoff.Add(time.Duration(i)*time.Millisecond))
			}
			old := make([]event.Event, PruneBatch)
			for i := range old {
				old[i] = sampleEvent(i, base.Add(time.Duration(i)*time.Millisecond))
			}
			if err := s.WriteEvents(ctx, newer); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				if err := s.WriteEvents(ctx, old); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if n, err := s.DeleteEventsBefore(ctx, cutoff, PruneBatch); err != nil || n != PruneBatch {
					b.Fatalf("deleted %d, %v", n, err)
				}
			}
		})
	}
}

// BenchmarkScopeSeeds sums a month of a 100,000-row ledger (20 models,
// 10 teams) the way a restart seeds a team's and a model glob's budget.
func BenchmarkScopeSeeds(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			s, ctx := openTest(b, be.url(b)), context.Background()
			us := make([]Usage, 100_000)
			for i := range us {
				us[i] = Usage{Time: base.Add(time.Duration(i) * 26 * time.Second), KeyID: fmt.Sprintf("wk_%d", i%500),
					Team: fmt.Sprintf("team-%d", i%10), Model: fmt.Sprintf("gpt-%d", i%20), CostUSD: 0.001}
			}
			if err := s.RecordUsage(ctx, us); err != nil {
				b.Fatal(err)
			}
			since := base.AddDate(0, 0, 1)
			b.Run("team", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.TeamSpentSince(ctx, "team-3", since); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("model", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.SpentByModelSince(ctx, "gpt-1", since); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
