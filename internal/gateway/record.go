package gateway

import (
	"context"
	"log/slog"
	"time"

	"github.com/wardsec/ward/internal/store"
)

// record turns a finished request into a metric, a log line, an Event
// and, when it cost something, a ledger entry.
func (g *Gateway) record(f *flight) {
	ev := &f.ev
	g.Metrics.observe(f)
	if g.log.Enabled(context.Background(), slog.LevelInfo) {
		g.log.LogAttrs(context.Background(), slog.LevelInfo, "request",
			slog.String("request_id", ev.RequestID), slog.String("key_id", ev.KeyID), slog.String("subject", ev.Subject),
			slog.String("route", ev.Route), slog.String("model", ev.Model), slog.String("provider", ev.Provider),
			slog.Bool("stream", ev.Stream), slog.Int("status", ev.Status), slog.String("decision", ev.Decision),
			slog.String("reason", ev.Reason), slog.Int("prompt_tokens", ev.PromptTokens),
			slog.Int("completion_tokens", ev.CompletionTokens), slog.Float64("cost_usd", ev.CostUSD),
			slog.Float64("latency_ms", ms(ev.Latency)), slog.Float64("ttft_ms", ms(ev.TTFT)),
			slog.Any("verdicts", ev.Verdicts))
	}
	if g.Events != nil && !g.Events(*ev) && g.Metrics != nil {
		g.Metrics.dropped.Inc()
	}
	if g.ledger != nil && ev.CostUSD > 0 {
		id := ev.KeyID
		if f.principal != nil {
			id = f.principal.ID()
		}
		g.ledger.add(store.Usage{Time: ev.Time, KeyID: id, Team: ev.Team, Model: ev.Model,
			PromptTokens: ev.PromptTokens, CompletionTokens: ev.CompletionTokens, CostUSD: ev.CostUSD})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// usageWriter batches ledger entries off the request path; a full
// buffer drops the entry and logs it (the budget counters still hold the
// spend).
type usageWriter struct {
	ch  chan store.Usage
	log *slog.Logger
}

func newUsageWriter(ctx context.Context, l store.Ledger, log *slog.Logger) *usageWriter {
	w := &usageWriter{ch: make(chan store.Usage, 4096), log: log}
	go w.run(ctx, l)
	return w
}

func (w *usageWriter) add(u store.Usage) {
	select {
	case w.ch <- u:
	default:
		w.log.Warn("usage ledger buffer full; entry dropped", "key_id", u.KeyID)
	}
}

func (w *usageWriter) run(ctx context.Context, l store.Ledger) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	var batch []store.Usage
	flush := func() {
		if len(batch) == 0 {
			return
		}
		fctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := l.RecordUsage(fctx, batch); err != nil {
			w.log.Error("record usage", "entries", len(batch), "err", err)
		}
		cancel()
		batch = batch[:0]
	}
	for {
		select {
		case u := <-w.ch:
			if batch = append(batch, u); len(batch) >= 500 {
				flush()
			}
		case <-t.C:
			flush()
		case <-ctx.Done():
			for {
				select {
				case u := <-w.ch:
					batch = append(batch, u)
				default:
					flush()
					return
				}
			}
		}
	}
}
