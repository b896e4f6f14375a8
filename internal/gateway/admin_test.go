package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/store"
)

// TestRotateKeepsLimits: a rotated key's successor carries on from its
// spend and its rate limit instead of starting afresh.
func TestRotateKeepsLimits(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	in, _ := parseRequest([]byte(chatBody))
	worst := testPrice.Cost(in.promptTokens(), 100)
	for _, tc := range []struct {
		name   string
		limits authn.Limits
		code   string
	}{
		{"budget", authn.Limits{BudgetUSD: worst * 1.5, BudgetPeriod: authn.PeriodDay}, "insufficient_quota"},
		{"rate limit", authn.Limits{RPM: 1}, "rate_limit_exceeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key, k := h.issue(t, tc.limits)
			if resp, body := h.post(t, routeChat, key, chatBody); resp.StatusCode != 200 {
				t.Fatalf("first request: %d %s", resp.StatusCode, body)
			}
			next, nk, err := RotateKey(context.Background(), h.st, k.ID, time.Hour)
			if err != nil {
				t.Fatalf("RotateKey: %v", err)
			}
			if nk.Lineage != k.ID {
				t.Errorf("successor lineage = %q, want %q", nk.Lineage, k.ID)
			}
			resp, body := h.post(t, routeChat, next, chatBody)
			if resp.StatusCode != 429 || !strings.Contains(body, tc.code) {
				t.Errorf("successor's first request: %d %s, want 429 %s (rotating refilled the limit)", resp.StatusCode, body, tc.code)
			}
		})
	}
}

func TestAdminRotateRefused(t *testing.T) {
	h := newHarness(t)
	const token = "admin-token-for-tests"
	srv := httptest.NewServer(AdminHandler(h.st, token))
	defer srv.Close()
	do := func(path, body string) (int, string) {
		req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, k := h.issue(t, authn.Limits{})
	code, body := do("/admin/keys/"+k.ID+"/rotate", "")
	var next IssuedKey
	if err := json.Unmarshal([]byte(body), &next); code != 200 || err != nil {
		t.Fatalf("rotate: %d %s", code, body)
	}
	if next.Record.Lineage != k.ID || next.Record.RotatedFrom != k.ID {
		t.Errorf("rotated record = %+v, want lineage and rotated_from %s", next.Record, k.ID)
	}
	if code, body := do("/admin/keys/"+k.ID+"/rotate", ""); code != 409 || !strings.Contains(body, next.Record.ID) {
		t.Errorf("rotate twice: %d %s, want 409 naming the successor %s", code, body, next.Record.ID)
	}
	_, revoked := h.issue(t, authn.Limits{})
	if err := h.st.RevokeKey(context.Background(), revoked.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if code, body := do("/admin/keys/"+revoked.ID+"/rotate", ""); code != 409 || !strings.Contains(body, "revoked or expired") {
		t.Errorf("rotate a revoked key: %d %s, want 409", code, body)
	}
	if _, _, err := RotateKey(context.Background(), h.st, revoked.ID, time.Hour); !errors.Is(err, store.ErrNotRotatable) {
		t.Errorf("RotateKey of a revoked key = %v, want ErrNotRotatable", err)
	}
	keys, _ := h.st.ListKeys(context.Background())
	if len(keys) != 3 {
		t.Errorf("%d keys stored, want 3 (no successor for a refused rotation)", len(keys))
	}
}

// TestAdminIssueValidatesLimits: limits the gateway could not enforce
// are a 400 that says which, and no key is stored.
func TestAdminIssueValidatesLimits(t *testing.T) {
	h := newHarness(t)
	const token = "admin-token-for-tests"
	srv := httptest.NewServer(AdminHandler(h.st, token))
	defer srv.Close()
	for _, tc := range []struct {
		limits string
		want   []string
	}{
		{`{"rpm":-5,"budget_usd":-1,"budget_period":"weekly","max_tokens":-3}`,
			[]string{"rpm: -5 is negative", "budget_usd: -1 is negative", `budget_period: \"weekly\"`, "max_tokens: -3 is negative"}},
		{`{"routes":["v1/embeddings"],"models":["gpt-["]}`, []string{`routes[0]: \"v1/embeddings\" must start with /`, "models[0]"}},
	} {
		req, _ := http.NewRequest("POST", srv.URL+"/admin/keys", strings.NewReader(`{"name":"ci","limits":`+tc.limits+`}`))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("issue with %s: %d %s, want 400", tc.limits, resp.StatusCode, b)
		}
		for _, want := range tc.want {
			if !strings.Contains(string(b), want) {
				t.Errorf("issue with %s: %s lacks %q", tc.limits, b, want)
			}
		}
	}
	if keys, _ := h.st.ListKeys(context.Background()); len(keys) != 0 {
		t.Errorf("%d keys stored after refused issues", len(keys))
	}
}

// TestRotateKeepsLifetime: a rotated key lives as long as its
// predecessor was issued for, unless the rotation names a ttl.
func TestRotateKeepsLifetime(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for _, tc := range []struct {
		issued, rotate, want time.Duration
	}{{24 * time.Hour, 0, 24 * time.Hour}, {24 * time.Hour, 2 * time.Hour, 2 * time.Hour}} {
		_, k, err := IssueKey(ctx, h.st, "short", tc.issued, &authn.Key{})
		if err != nil {
			t.Fatal(err)
		}
		_, next, err := RotateKey(ctx, h.st, k.ID, tc.rotate)
		if err != nil {
			t.Fatal(err)
		}
		if got := next.ExpiresAt.Sub(next.CreatedAt); got != tc.want {
			t.Errorf("issued for %v, rotated with ttl %v: the successor lives %v, want %v", tc.issued, tc.rotate, got, tc.want)
		}
	}
}
