package verify

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

// Secret-shaped values are built at run time so that no literal in this
// file looks like a real token.
func fake(prefix, unit string, n int) string { return prefix + strings.Repeat(unit, n) }

type authCheck func(r *http.Request, secret string) bool

func wantBearer(r *http.Request, s string) bool { return r.Header.Get("Authorization") == "Bearer "+s }

func wantHeader(name, prefix string) authCheck {
	return func(r *http.Request, s string) bool { return r.Header.Get(name) == prefix+s }
}

func wantBasic(user func(string) string, pass func(string) string) authCheck {
	return func(r *http.Request, s string) bool {
		u, p, ok := r.BasicAuth()
		return ok && u == user(s) && p == pass(s)
	}
}

func fixed(v string) func(string) string { return func(string) string { return v } }
func self(s string) string               { return s }

// inPath is for Telegram, whose credential is the path itself.
func inPath(*http.Request, string) bool { return true }

// spec says what one provider's check must look like on the wire.
type spec struct {
	secret string
	method string
	path   func(secret string) string
	auth   authCheck
	okBody string // a 200 answer for a working credential
	on403  string // the status a plain 403 means
}

func at(p string) func(string) string { return func(string) string { return p } }

// specs covers every provider; TestProviderTable fails when one is missing.
var specs = map[string]spec{
	"airtable": {secret: fake("pat", "Ab1", 6) + "." + fake("", "c0ffee", 6), path: at("/v0/meta/whoami"), auth: wantBearer},
	"anthropic": {secret: fake("sk-ant-api03-", "x1Y", 30), path: at("/v1/models"),
		auth: func(r *http.Request, s string) bool {
			return r.Header.Get("X-Api-Key") == s && r.Header.Get("Anthropic-Version") == "2023-06-01"
		}},
	"cloudflare": {secret: fake("", "Cf9z", 10), path: at("/client/v4/user/tokens/verify"), auth: wantBearer,
		okBody: `{"success":true,"result":{"id":"x","status":"active"}}`},
	"cohere": {secret: fake("", "Co1x", 10), method: http.MethodPost, path: at("/v1/check-api-key"), auth: wantBearer,
		okBody: `{"valid":true,"organization_id":"o"}`},
	"datadog": {secret: fake("", "d0", 16), path: at("/api/v1/validate"), auth: wantHeader("DD-API-KEY", ""),
		okBody: `{"valid":true}`},
	"deepseek":     {secret: fake("sk-", "de1", 10), path: at("/user/balance"), auth: wantBearer},
	"digitalocean": {secret: fake("dop_v1_", "f0", 32), path: at("/v2/account"), auth: wantBearer},
	"discord": {secret: fake("MT", "Ab3", 8) + "." + fake("", "Gh", 3) + "." + fake("", "Kl9", 9),
		path: at("/api/v10/users/@me"), auth: wantHeader("Authorization", "Bot ")},
	"figma":  {secret: fake("figd_", "Fg7", 13), path: at("/v1/me"), auth: wantHeader("X-Figma-Token", "")},
	"github": {secret: fake("ghp_", "a1", 18), path: at("/user"), auth: wantBearer, on403: finding.Unverified},
	"gitlab": {secret: fake("glpat-", "b2", 10), path: at("/api/v4/personal_access_tokens/self"),
		auth: wantHeader("PRIVATE-TOKEN", ""), okBody: `{"id":1,"active":true,"revoked":false}`},
	"groq": {secret: fake("gsk_", "Gq4", 17), path: at("/openai/v1/models"), auth: wantBearer},
	"heroku": {secret: fake("HRKU-", "h3", 20), path: at("/account"),
		auth: func(r *http.Request, s string) bool {
			return wantBearer(r, s) && r.Header.Get("Accept") == "application/vnd.heroku+json; version=3"
		}},
	"hubspot":     {secret: fake("pat-na1-", "0a1b", 9), path: at("/account-info/v3/details"), auth: wantBearer, on403: finding.Verified},
	"huggingface": {secret: fake("hf_", "Hf", 17), path: at("/api/whoami-v2"), auth: wantBearer},
	"linear": {secret: fake("lin_api_", "Ln5", 13), method: http.MethodPost, path: at("/graphql"),
		auth: wantHeader("Authorization", ""), okBody: `{"data":{"viewer":{"id":"u1"}}}`},
	"mailchimp": {secret: fake("", "0f", 16) + "-us21", path: at("/3.0/ping"), auth: wantBasic(fixed("ward"), self)},
	"mailgun":   {secret: fake("key-", "9e", 16), path: at("/v3/domains"), auth: wantBasic(fixed("api"), self)},
	"mistral":   {secret: fake("", "Mi3s", 8), path: at("/v1/models"), auth: wantBearer},
	"notion": {secret: fake("ntn_", "N0", 23), path: at("/v1/users/me"),
		auth: func(r *http.Request, s string) bool {
			return wantBearer(r, s) && r.Header.Get("Notion-Version") != ""
		}},
	"npm":        {secret: fake("npm_", "Np6", 12), path: at("/-/whoami"), auth: wantBearer},
	"openai":     {secret: fake("sk-proj-", "e5", 24), path: at("/v1/models"), auth: wantBearer},
	"openrouter": {secret: fake("sk-or-v1-", "0e", 32), path: at("/api/v1/key"), auth: wantBearer},
	"postmark": {secret: "1a2b3c4d-" + fake("", "5e6f", 1) + "-4a7b-8c9d-" + fake("", "0e1f", 3),
		path: at("/server"), auth: wantHeader("X-Postmark-Server-Token", "")},
	"replicate": {secret: fake("r8_", "Rp", 19), path: at("/v1/account"), auth: wantBearer},
	"sendgrid":  {secret: "SG." + fake("", "Sg", 11) + "." + fake("", "Kz", 21), path: at("/v3/scopes"), auth: wantBearer},
	"sentry": {secret: fake("sntryu_", "5e", 32), path: at("/api/0/"), auth: wantBearer,
		okBody: `{"version":"0","auth":{"scopes":["org:read"]},"user":{"id":"1"}}`},
	"slack": {secret: fake("xoxb-1234-5678-", "Sl", 12), method: http.MethodPost, path: at("/api/auth.test"),
		auth: wantBearer, okBody: `{"ok":true,"user_id":"U1"}`},
	"stripe": {secret: fake("sk_test_", "St", 12), path: at("/v1/balance"), auth: wantBasic(self, fixed("")),
		on403: finding.Verified},
	"telegram": {secret: "123456789:" + fake("", "Tg", 17) + "x", path: func(s string) string { return "/bot" + s + "/getMe" },
		auth: inPath},
	"xai": {secret: fake("xai-", "Xa1", 26), path: at("/v1/api-key"), auth: wantBearer,
		okBody: `{"api_key_blocked":false,"api_key_disabled":false,"team_blocked":false}`},
}

// server answers code and body to requests that match s for provider name,
// and fails the test otherwise.
func server(t testing.TB, name string, s spec, code int, body string) *httptest.Server {
	t.Helper()
	method := s.method
	if method == "" {
		method = http.MethodGet
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var problems []string
		if r.Method != method {
			problems = append(problems, fmt.Sprintf("method %s, want %s", r.Method, method))
		}
		if got, want := r.URL.Path, s.path(s.secret); got != want {
			problems = append(problems, "wrong path")
		}
		if !s.auth(r, s.secret) {
			problems = append(problems, "credential not in the expected place")
		}
		if name != "telegram" && strings.Contains(r.RequestURI, s.secret) {
			problems = append(problems, "secret in the URL")
		}
		if len(problems) > 0 {
			t.Errorf("%s: %s", name, strings.Join(problems, "; "))
			w.WriteHeader(http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestProviderTable(t *testing.T) {
	t.Parallel()
	for _, p := range Providers() {
		s, ok := specs[p.Name]
		if !ok {
			t.Errorf("provider %s has no test spec", p.Name)
			continue
		}
		okBody := s.okBody
		if okBody == "" {
			okBody = `{"id":"1"}`
		}
		on403 := s.on403
		if on403 == "" {
			on403 = finding.Invalid
		}
		answers := []struct {
			name string
			code int
			body string
			want string
		}{
			{"200", http.StatusOK, okBody, finding.Verified},
			{"401", http.StatusUnauthorized, `{"error":"unauthorized"}`, finding.Invalid},
			{"403", http.StatusForbidden, `{"error":"forbidden"}`, on403},
			{"429", http.StatusTooManyRequests, `{"error":"slow down"}`, finding.Unverified},
			{"500", http.StatusInternalServerError, `oops`, finding.Unverified},
		}
		for _, rule := range p.RuleIDs {
			for _, a := range answers {
				t.Run(p.Name+"/"+rule+"/"+a.name, func(t *testing.T) {
					t.Parallel()
					srv := server(t, p.Name, s, a.code, a.body)
					v := New(Options{BaseURLs: map[string]string{p.Name: srv.URL}})
					got, provider := v.Verify(context.Background(), rule, s.secret)
					if got != a.want || provider != p.Name {
						t.Errorf("Verify() = %q, %q; want %q, %q", got, provider, a.want, p.Name)
					}
				})
			}
		}
	}
	for name := range specs {
		if !slices.ContainsFunc(Providers(), func(p Provider) bool { return p.Name == name }) {
			t.Errorf("spec %s names no provider", name)
		}
	}
}

func TestSlackOKFalse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want string
	}{
		{"invalid_auth", `{"ok":false,"error":"invalid_auth"}`, finding.Invalid},
		{"token_revoked", `{"ok":false,"error":"token_revoked"}`, finding.Invalid},
		{"ratelimited", `{"ok":false,"error":"ratelimited"}`, finding.Unverified},
		{"not json", `<html>`, finding.Unverified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := specs["slack"]
			srv := server(t, "slack", s, http.StatusOK, tt.body)
			v := New(Options{BaseURLs: map[string]string{"slack": srv.URL}})
			if got, _ := v.Verify(context.Background(), "slack-bot-token", s.secret); got != tt.want {
				t.Errorf("Verify() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClassifyBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rule   string
		code   int
		header http.Header
		body   string
		want   string
	}{
		{"sentry auth null", "sentry-user-token", 200, nil, `{"version":"0","auth":null,"user":null}`, finding.Invalid},
		{"sentry no auth field", "sentry-org-token", 200, nil, `{"detail":"x"}`, finding.Unverified},
		{"cohere valid false", "cohere-api-key", 200, nil, `{"valid":false}`, finding.Invalid},
		{"datadog valid false", "datadog-api-key", 200, nil, `{"valid":false}`, finding.Invalid},
		{"cloudflare disabled", "cloudflare-api-token", 200, nil, `{"result":{"status":"disabled"}}`, finding.Invalid},
		{"cloudflare expired", "cloudflare-api-token", 200, nil, `{"result":{"status":"expired"}}`, finding.Invalid},
		{"gitlab inactive", "gitlab-pat", 200, nil, `{"active":false}`, finding.Invalid},
		{"gitlab revoked", "gitlab-pat", 200, nil, `{"active":true,"revoked":true}`, finding.Invalid},
		{"xai 400", "xai-api-key", 400, nil, `{"error":"Incorrect API key provided"}`, finding.Invalid},
		{"xai blocked", "xai-api-key", 200, nil, `{"api_key_blocked":true}`, finding.Invalid},
		{"linear 400 auth error", "linear-api-key", 400, nil,
			`{"errors":[{"message":"Authentication required","extensions":{"code":"AUTHENTICATION_ERROR"}}]}`, finding.Invalid},
		{"linear 200 auth error", "linear-api-key", 200, nil,
			`{"errors":[{"extensions":{"code":"AUTHENTICATION_ERROR"}}]}`, finding.Invalid},
		{"linear 200 no viewer", "linear-api-key", 200, nil, `{"data":null}`, finding.Unverified},
		{"linear 400 other", "linear-api-key", 400, nil, `{"errors":[{"message":"syntax"}]}`, finding.Unverified},
		{"telegram 404", "telegram-bot-token", 404, nil, `{"ok":false,"error_code":404}`, finding.Invalid},
		{"403 with Retry-After", "openai-api-key", 403, http.Header{"Retry-After": {"30"}}, `{}`, finding.Unverified},
		{"github 403 rate limit", "github-pat", 403, http.Header{"X-Ratelimit-Remaining": {"0"}}, `{}`, finding.Unverified},
		{"stripe 403 rate limited", "stripe-secret-key", 403, http.Header{"Retry-After": {"1"}}, `{}`, finding.Unverified},
		{"404 elsewhere", "openai-api-key", 404, nil, `{}`, finding.Unverified},
		{"400 elsewhere", "openai-api-key", 400, nil, `{}`, finding.Unverified},
		{"redirect", "openai-api-key", 302, nil, ``, finding.Unverified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := byRule[tt.rule]
			if got := p.classify(tt.code, tt.header, []byte(tt.body)); got != tt.want {
				t.Errorf("classify(%d, %s) = %q, want %q", tt.code, tt.body, got, tt.want)
			}
		})
	}
}

// counting returns a server that counts requests and answers code after delay.
func counting(t testing.TB, code int, delay time.Duration) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		time.Sleep(delay)
		w.WriteHeader(code)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestCache(t *testing.T) {
	t.Parallel()
	secret := specs["github"].secret
	ctx := context.Background()

	t.Run("sequential", func(t *testing.T) {
		t.Parallel()
		srv, n := counting(t, http.StatusOK, 0)
		v := New(Options{BaseURLs: map[string]string{"github": srv.URL}})
		for range 2 {
			if got, _ := v.Verify(ctx, "github-pat", secret); got != finding.Verified {
				t.Fatalf("Verify() = %q, want %q", got, finding.Verified)
			}
		}
		if got := n.Load(); got != 1 {
			t.Errorf("requests = %d, want 1", got)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		t.Parallel()
		srv, n := counting(t, http.StatusUnauthorized, 50*time.Millisecond)
		v := New(Options{BaseURLs: map[string]string{"github": srv.URL}})
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				if got, _ := v.Verify(ctx, "github-pat", secret); got != finding.Invalid {
					t.Errorf("Verify() = %q, want %q", got, finding.Invalid)
				}
			})
		}
		wg.Wait()
		if got := n.Load(); got != 1 {
			t.Errorf("requests = %d, want 1", got)
		}
	})
	t.Run("unknown is cached too", func(t *testing.T) {
		t.Parallel()
		srv, n := counting(t, http.StatusServiceUnavailable, 0)
		v := New(Options{BaseURLs: map[string]string{"github": srv.URL}})
		v.Verify(ctx, "github-pat", secret)
		v.Verify(ctx, "github-pat", secret)
		if got := n.Load(); got != 1 {
			t.Errorf("requests = %d, want 1", got)
		}
	})
	t.Run("keyed by rule and secret", func(t *testing.T) {
		t.Parallel()
		srv, n := counting(t, http.StatusOK, 0)
		v := New(Options{BaseURLs: map[string]string{"github": srv.URL}})
		v.Verify(ctx, "github-pat", secret)
		v.Verify(ctx, "github-oauth", secret)
		v.Verify(ctx, "github-pat", secret+"b")
		if got := n.Load(); got != 3 {
			t.Errorf("requests = %d, want 3", got)
		}
	})
}

// blocking returns a server that answers 200 only once release is closed,
// and gives up when the client goes away.
func blocking(t testing.TB) (*httptest.Server, chan struct{}) {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
			w.WriteHeader(http.StatusOK)
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	return srv, release
}

func TestContextTimeout(t *testing.T) {
	t.Parallel()
	srv, release := blocking(t)
	v := New(Options{BaseURLs: map[string]string{"github": srv.URL}})
	secret := specs["github"].secret

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	got, provider := v.Verify(ctx, "github-pat", secret)
	if got != finding.Unverified || provider != "github" {
		t.Errorf("Verify() = %q, %q; want %q, %q", got, provider, finding.Unverified, "github")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Verify took %v after its context ended", d)
	}

	// An answer cut short by the caller's context is not cached.
	close(release)
	if got, _ := v.Verify(context.Background(), "github-pat", secret); got != finding.Verified {
		t.Errorf("Verify() after timeout = %q, want %q", got, finding.Verified)
	}
}

func TestOptionsTimeout(t *testing.T) {
	t.Parallel()
	srv, _ := blocking(t)
	v := New(Options{BaseURLs: map[string]string{"github": srv.URL}, Timeout: 50 * time.Millisecond})
	start := time.Now()
	if got, _ := v.Verify(context.Background(), "github-pat", specs["github"].secret); got != finding.Unverified {
		t.Errorf("Verify() = %q, want %q", got, finding.Unverified)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Verify took %v with a 50ms timeout", d)
	}
}

func TestNoRedirects(t *testing.T) {
	t.Parallel()
	var followed atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/user", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
		followed.Store(true)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	for _, client := range []*http.Client{nil, {}} {
		v := New(Options{BaseURLs: map[string]string{"github": srv.URL}, Client: client})
		if got, _ := v.Verify(context.Background(), "github-pat", specs["github"].secret); got != finding.Unverified {
			t.Errorf("Verify() = %q, want %q", got, finding.Unverified)
		}
	}
	if followed.Load() {
		t.Error("the redirect was followed")
	}
}

func TestBodyIsBounded(t *testing.T) {
	t.Parallel()
	// Valid JSON only when read whole: cut at 64 KiB it cannot be parsed.
	body := `{"ok":true,"pad":"` + strings.Repeat("x", 2*maxBody) + `"}`
	s := specs["slack"]
	srv := server(t, "slack", s, http.StatusOK, body)
	v := New(Options{BaseURLs: map[string]string{"slack": srv.URL}})
	if got, _ := v.Verify(context.Background(), "slack-user-token", s.secret); got != finding.Unverified {
		t.Errorf("Verify() = %q, want %q", got, finding.Unverified)
	}
}

func TestFallbackOrigins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		first, next int
		want        string
		requests    int64
	}{
		{"second site knows the key", 403, 200, finding.Verified, 2},
		{"first site knows the key", 200, 403, finding.Verified, 1},
		{"no site knows the key", 403, 403, finding.Invalid, 2},
		{"one site is down", 500, 403, finding.Unverified, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, na := counting(t, tt.first, 0)
			b, nb := counting(t, tt.next, 0)
			v := New(Options{})
			v.origins["datadog"] = []string{a.URL, b.URL}
			if got, _ := v.Verify(context.Background(), "datadog-api-key", specs["datadog"].secret); got != tt.want {
				t.Errorf("Verify() = %q, want %q", got, tt.want)
			}
			if got := na.Load() + nb.Load(); got != tt.requests {
				t.Errorf("requests = %d, want %d", got, tt.requests)
			}
		})
	}
}

func TestOverrideReplacesFallbacks(t *testing.T) {
	t.Parallel()
	v := New(Options{BaseURLs: map[string]string{"datadog": "http://127.0.0.1:1/", "mailchimp": "http://127.0.0.1:2"}})
	if got, want := v.origins["datadog"], []string{"http://127.0.0.1:1"}; !slices.Equal(got, want) {
		t.Errorf("datadog origins = %q, want %q", got, want)
	}
	if got, want := v.origins["mailchimp"], []string{"http://127.0.0.1:2"}; !slices.Equal(got, want) {
		t.Errorf("mailchimp origins = %q, want %q", got, want)
	}
	d := New(Options{})
	if got := len(d.origins["datadog"]); got < 2 {
		t.Errorf("default datadog origins = %d, want several sites", got)
	}
	if _, ok := d.origins["mailchimp"]; ok {
		t.Error("mailchimp has a fixed origin; want one computed from the key")
	}
}

func TestMailchimpOrigin(t *testing.T) {
	t.Parallel()
	key := fake("", "0f", 16)
	tests := []struct {
		secret string
		want   string
		ok     bool
	}{
		{key + "-us21", "https://us21.api.mailchimp.com", true},
		{key + "-us6", "https://us6.api.mailchimp.com", true},
		{key, "", false},
		{key + "-", "", false},
		{key + "-21", "", false},
		{key + "-us", "", false},
		{key + "-US21", "", false},
		{key + "-us21.example.com", "", false},
		{key + "-us21/x", "", false},
		{key + "-us21@evil", "", false},
	}
	for _, tt := range tests {
		got, ok := mailchimpOrigin(tt.secret)
		if got != tt.want || ok != tt.ok {
			t.Errorf("mailchimpOrigin(…%s) = %q, %v; want %q, %v", tt.secret[len(key):], got, ok, tt.want, tt.ok)
		}
	}
}

func TestTelegramPath(t *testing.T) {
	t.Parallel()
	good := specs["telegram"].secret
	if got, ok := telegramPath(good); !ok || got != "/bot"+good+"/getMe" {
		t.Errorf("telegramPath(good) = %v; want the getMe path", ok)
	}
	for _, bad := range []string{
		"123456:abc/../x", "123456:a?b", "123456:a#b", "12a:abc", ":abc", "123456:", "123456", "123456:a%2Fb",
	} {
		if _, ok := telegramPath(bad); ok {
			t.Errorf("telegramPath(%q) accepted", bad)
		}
	}
}

func TestNoRequestFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rule   string
		secret string
		via    string
	}{
		{"space in secret", "github-pat", "ghp_ab cd", "github"},
		{"newline in secret", "github-pat", "ghp_ab\r\nX-Evil: 1", "github"},
		{"empty secret", "openai-api-key", "", "openai"},
		{"huge secret", "openai-api-key", fake("sk-", "z", maxSecret), "openai"},
		{"telegram token that bends the path", "telegram-bot-token", "123:abc/../../x", "telegram"},
		{"mailchimp key without datacenter", "mailchimp-api-key", fake("", "0f", 16), "mailchimp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, n := counting(t, http.StatusOK, 0)
			opts := Options{BaseURLs: map[string]string{tt.via: srv.URL}}
			if tt.via == "mailchimp" {
				opts.BaseURLs = nil // the origin must come from the key
			}
			got, provider := New(opts).Verify(context.Background(), tt.rule, tt.secret)
			if got != finding.Unverified || provider != tt.via {
				t.Errorf("Verify() = %q, %q; want %q, %q", got, provider, finding.Unverified, tt.via)
			}
			if n.Load() != 0 {
				t.Error("a request was sent")
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	t.Parallel()
	v := New(Options{})
	for _, rule := range []string{
		"slack-webhook-url", "github-refresh-token", "twilio-api-key", "perplexity-api-key",
		"generic-credential", "",
	} {
		if v.Supports(rule) {
			t.Errorf("Supports(%q) = true, want false", rule)
		}
		if got, provider := v.Verify(context.Background(), rule, "x"); got != finding.Unverified || provider != "" {
			t.Errorf("Verify(%q) = %q, %q; want %q, \"\"", rule, got, provider, finding.Unverified)
		}
	}
}

func TestProviders(t *testing.T) {
	t.Parallel()
	ps := Providers()
	if len(ps) < 20 {
		t.Errorf("providers = %d, want at least 20", len(ps))
	}
	if !slices.IsSortedFunc(ps, func(a, b Provider) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("providers are not sorted by name")
	}
	v := New(Options{})
	seen := map[string]string{}
	for _, p := range ps {
		if !slices.IsSorted(p.RuleIDs) || len(p.RuleIDs) == 0 {
			t.Errorf("%s: rule ids %q, want a sorted, non-empty list", p.Name, p.RuleIDs)
		}
		if !strings.HasPrefix(p.BaseURL, "https://") || strings.HasSuffix(p.BaseURL, "/") {
			t.Errorf("%s: base URL %q, want https without a trailing slash", p.Name, p.BaseURL)
		}
		for _, id := range p.RuleIDs {
			if other, dup := seen[id]; dup {
				t.Errorf("rule %s is handled by %s and %s", id, other, p.Name)
			}
			seen[id] = p.Name
			if !v.Supports(id) {
				t.Errorf("Supports(%q) = false", id)
			}
		}
	}
	// Changing the returned slices must not change the table.
	ps[0].RuleIDs[0] = "changed"
	if Providers()[0].RuleIDs[0] == "changed" {
		t.Error("Providers() exposes the internal table")
	}
}

func TestBasicAuthEncoding(t *testing.T) {
	t.Parallel()
	// The Stripe key is the basic-auth user with an empty password.
	s := specs["stripe"]
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	byRule["stripe-secret-key"].auth(req, s.secret)
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(s.secret+":"))
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
}
