package gateway

import (
	"log/slog"
	"strings"
	"testing"
	"time"

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
