package gateway

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// TestRecordLogLine pins the request log line, field by field and in
// order, as record's allocation-saving writes it.
func TestRecordLogLine(t *testing.T) {
	var out strings.Builder
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	g := New(Options{Log: slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{ReplaceAttr: noTime}))})
	f := &flight{
		ev: event.Event{RequestID: "req_1", KeyID: "key_1", Route: routeChat, Model: "gpt-4o-mini", Provider: "b",
			Status: 200, Decision: event.Allow, PromptTokens: 20, CompletionTokens: 9, CostUSD: 0.0000081,
			Latency: 1200 * time.Microsecond, TTFT: 900 * time.Microsecond},
		principal: &authn.Principal{Name: "bench"},
		attempt:   &attempt{failed: []failure{{"a", "status_503"}}},
	}
	g.record(f)
	f.ev.Verdicts = []event.Verdict{{Detector: "injection", Action: "flag", Score: 0.5}}
	f.principal.Name, f.attempt.failed = "", nil
	g.record(f)
	f.ev.Verdicts = []event.Verdict{}
	g.record(f)
	want := `{"level":"INFO","msg":"request","request_id":"req_1","key_id":"key_1","subject":"","route":"/v1/chat/completions","model":"gpt-4o-mini","provider":"b","stream":false,"status":200,"decision":"allow","reason":"","prompt_tokens":20,"completion_tokens":9,"cost_usd":0.0000081,"latency_ms":1.2,"ttft_ms":0.9,"verdicts":null,"name":"bench","failed_providers":["a:status_503"]}
{"level":"INFO","msg":"request","request_id":"req_1","key_id":"key_1","subject":"","route":"/v1/chat/completions","model":"gpt-4o-mini","provider":"b","stream":false,"status":200,"decision":"allow","reason":"","prompt_tokens":20,"completion_tokens":9,"cost_usd":0.0000081,"latency_ms":1.2,"ttft_ms":0.9,"verdicts":[{"detector":"injection","action":"flag","score":0.5}]}
{"level":"INFO","msg":"request","request_id":"req_1","key_id":"key_1","subject":"","route":"/v1/chat/completions","model":"gpt-4o-mini","provider":"b","stream":false,"status":200,"decision":"allow","reason":"","prompt_tokens":20,"completion_tokens":9,"cost_usd":0.0000081,"latency_ms":1.2,"ttft_ms":0.9,"verdicts":[]}
`
	if out.String() != want {
		t.Errorf("log lines:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestObserveSeries checks the cached series: a denied request makes no
// time-to-first-byte, token or cost series; an answered one makes them
// and counts into them.
func TestObserveSeries(t *testing.T) {
	m := NewMetrics(func(string) bool { return true })
	denied := &flight{ev: event.Event{Route: routeChat, Model: "gpt-4o-mini", Status: 429, Decision: event.Deny,
		Reason: "rate_limit_exceeded", Latency: time.Millisecond}}
	m.observe(denied)
	m.observe(denied)
	for name, c := range map[string]prometheus.Collector{"ttft": m.ttft, "tokens": m.tokens, "cost": m.cost} {
		if n := countSeries(c); n != 0 {
			t.Errorf("%s: %d series after denied requests, want none", name, n)
		}
	}
	ok := &flight{ev: event.Event{Route: routeChat, Model: "gpt-4o-mini", Provider: "p", Status: 200, Decision: event.Allow,
		PromptTokens: 20, CompletionTokens: 9, CostUSD: 0.5, Latency: time.Millisecond, TTFT: time.Millisecond}}
	m.observe(ok)
	m.observe(ok)
	for _, c := range []struct {
		got, want float64
	}{
		{counterValue(t, m.requests.WithLabelValues(routeChat, "gpt-4o-mini", "", "429", event.Deny)), 2},
		{counterValue(t, m.requests.WithLabelValues(routeChat, "gpt-4o-mini", "p", "200", event.Allow)), 2},
		{counterValue(t, m.tokens.WithLabelValues("gpt-4o-mini", "in")), 40},
		{counterValue(t, m.tokens.WithLabelValues("gpt-4o-mini", "out")), 18},
		{counterValue(t, m.cost.WithLabelValues("gpt-4o-mini")), 1},
	} {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
	if n := countSeries(m.ttft); n != 1 {
		t.Errorf("ttft: %d series, want 1", n)
	}
}

// countSeries is how many series c has.
func countSeries(c prometheus.Collector) int {
	ch := make(chan prometheus.Metric, 64)
	c.Collect(ch)
	close(ch)
	return len(ch)
}
