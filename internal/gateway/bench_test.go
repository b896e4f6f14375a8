package gateway

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/authn"
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
