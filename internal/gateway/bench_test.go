package gateway

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/secrets"
)

// BenchmarkGatewayChat is one chat completion through the gateway (key
// check, limits, budget reservation, proxy, usage settlement) against a
// loopback upstream; compare BenchmarkDirectChat for what Ward adds.
func BenchmarkGatewayChat(b *testing.B) {
	up := newUpstream(b)
	h := newHarness(b, provider(b, "openai", KindOpenAI, up.URL))
	key, _ := h.issue(b, authn.Limits{RPM: 1 << 30, TPM: 1 << 40, BudgetUSD: 1e9, BudgetPeriod: authn.PeriodDay})
	benchPost(b, h.srv.URL+routeChat, key)
}

// BenchmarkGatewayChatGuard is BenchmarkGatewayChat with the guard's
// default policy in block mode and Ward's secret rules: the request's
// text judged for injection and searched for credentials and personal
// data, and the answer through the answer checks (a link allow-list on).
func BenchmarkGatewayChatGuard(b *testing.B) {
	det, err := secrets.New(secrets.Options{})
	if err != nil {
		b.Fatal(err)
	}
	up := newUpstream(b)
	h := newHarness(b, provider(b, "openai", KindOpenAI, up.URL))
	h.gw.Guard = &GuardOptions{Default: DefaultGuardPolicy(GuardBlock), Secrets: det}
	h.gw.Guard.Default.Output.AllowedDomains = []string{"example.com"}
	key, _ := h.issue(b, authn.Limits{RPM: 1 << 30, TPM: 1 << 40, BudgetUSD: 1e9, BudgetPeriod: authn.PeriodDay})
	benchPost(b, h.srv.URL+routeChat, key)
}

func BenchmarkDirectChat(b *testing.B) {
	up := newUpstream(b)
	benchPost(b, up.URL+routeChat, "")
}

func benchPost(b *testing.B, url, key string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(chatBody))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkRecord is what recording one finished request costs: its
// metrics, its JSON log line (to io.Discard) and its event handed on.
func BenchmarkRecord(b *testing.B) {
	g := New(Options{
		Log:     slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Metrics: NewMetrics(func(string) bool { return true }),
		Events:  func(event.Event) bool { return true },
	})
	f := &flight{
		ev: event.Event{Time: time.Now(), RequestID: "req_0123456789abcdef", KeyID: "key_0123456789", Route: routeChat,
			Model: "gpt-4o-mini", Provider: "openai", Status: 200, Decision: event.Allow, PromptTokens: 20,
			CompletionTokens: 9, CostUSD: 0.0000081, Latency: 1200 * time.Microsecond, TTFT: 900 * time.Microsecond},
		principal: &authn.Principal{Name: "bench"},
		attempt:   &attempt{},
	}
	b.ReportAllocs()
	for b.Loop() {
		g.record(f)
	}
}

// benchChatBody is a small chat request.
const benchChatBody = `{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a helpful assistant."},` +
	`{"role":"user","content":"Say hello in one short sentence."},{"role":"assistant","content":"Hello!"},` +
	`{"role":"user","content":"And in French?"}],"max_tokens":32,"temperature":0.2,"stream":false}`

// BenchmarkParseRequest is reading a chat request's body: its checks
// (UTF-8, JSON, nesting, duplicate keys, the route's fields) and the
// fields Ward uses.
func BenchmarkParseRequest(b *testing.B) {
	body := []byte(benchChatBody)
	fields := (&Gateway{}).requestFields(routeChat)
	b.ReportAllocs()
	for b.Loop() {
		if _, e := parseBody(body, fields); e != nil {
			b.Fatal(e.msg)
		}
	}
}

// BenchmarkObserve is a settled request's metrics alone: its counter,
// histograms, tokens and cost.
func BenchmarkObserve(b *testing.B) {
	m := NewMetrics(func(string) bool { return true })
	f := &flight{ev: event.Event{Route: routeChat, Model: "gpt-4o-mini", Provider: "openai", Status: 200,
		Decision: event.Allow, PromptTokens: 20, CompletionTokens: 9, CostUSD: 0.0000081,
		Latency: 1200 * time.Microsecond, TTFT: 900 * time.Microsecond}}
	b.ReportAllocs()
	for b.Loop() {
		m.observe(f)
	}
}
