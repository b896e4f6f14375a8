package gateway

import (
	"context"
	"log/slog"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/store"
)

// record turns a finished request into a metric, a log line, an Event
// and, when it cost something, a ledger entry.
func (g *Gateway) record(f *flight) {
	ev := &f.ev
	g.Metrics.observe(f)
	f.endSpan()
	if h := g.log.Handler(); h.Enabled(context.Background(), slog.LevelInfo) {
		// The attributes are gathered in an array big enough for all of
		// them, on the stack: a literal slice of the first sixteen grew
		// onto the heap (1.3 KB) when "name" was added.
		var buf [maxRequestAttrs]slog.Attr
		verdicts := noVerdicts // boxing ev.Verdicts allocates; most requests have none
		if ev.Verdicts != nil {
			verdicts = ev.Verdicts
		}
		attrs := append(buf[:0],
			slog.String("request_id", ev.RequestID), slog.String("key_id", ev.KeyID), slog.String("subject", ev.Subject),
			slog.String("route", ev.Route), slog.String("model", ev.Model), slog.String("provider", ev.Provider),
			slog.Bool("stream", ev.Stream), slog.Int("status", ev.Status), slog.String("decision", ev.Decision),
			slog.String("reason", ev.Reason), slog.Int("prompt_tokens", ev.PromptTokens),
			slog.Int("completion_tokens", ev.CompletionTokens), slog.Float64("cost_usd", ev.CostUSD),
			slog.Float64("latency_ms", ms(ev.Latency)), slog.Float64("ttft_ms", ms(ev.TTFT)),
			slog.Any("verdicts", verdicts),
		)
		if f.principal != nil && f.principal.Name != "" {
			attrs = append(attrs, slog.String("name", f.principal.Name))
		}
		if f.attempt != nil && len(f.attempt.failed) > 0 {
			failed := make([]string, len(f.attempt.failed))
			for i, x := range f.attempt.failed {
				failed[i] = x.String()
			}
			attrs = append(attrs, slog.Any("failed_providers", failed))
		}
		if f.content != nil {
			prompt, completion := f.content.masked(g.LogContent)
			attrs = append(attrs, slog.String("prompt", prompt), slog.String("completion", completion))
		}
		// The record goes to the handler as Logger.LogAttrs would send
		// it, without the caller's program counter: no handler Ward sets
		// up reports the source, and runtime.Callers was a tenth of the
		// log line's cost.
		r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
		r.AddAttrs(attrs...)
		_ = h.Handle(context.Background(), r)
	}
	if g.Events != nil && !g.Events(*ev) && g.Metrics != nil {
		g.Metrics.dropped.Inc()
	}
	if g.Usage != nil && ev.CostUSD > 0 {
		id := ev.KeyID
		if f.principal != nil {
			id = f.principal.ID()
		}
		u := store.Usage{Time: ev.Time, KeyID: id, Team: ev.Team, Model: ev.Model,
			PromptTokens: ev.PromptTokens, CompletionTokens: ev.CompletionTokens, CostUSD: ev.CostUSD}
		if !g.Usage(u) {
			// The budget counters still hold the spend.
			g.log.Warn("usage ledger buffer full; entry dropped", "key_id", id)
		}
	}
}

// maxRequestAttrs is the most attributes a request's log line has.
const maxRequestAttrs = 20

// noVerdicts is a nil ev.Verdicts, boxed once; it logs as null.
var noVerdicts any = []event.Verdict(nil)

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
