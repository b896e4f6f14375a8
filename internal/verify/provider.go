package verify

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// maxBody bounds how much of a response is read (64 KiB).
const maxBody = 64 << 10

// userAgent names Ward to providers; some (GitHub) refuse requests without one.
const userAgent = "ward-verify"

// Provider describes one provider Ward can verify secrets with.
type Provider struct {
	// Name is the provider's key in Options.BaseURLs, for example "github".
	Name string
	// RuleIDs lists the secret rules whose findings this provider checks, sorted.
	RuleIDs []string
	// BaseURL is the default API origin. Mailchimp's holds a {dc}
	// placeholder filled from the key's datacenter suffix.
	BaseURL string
}

// Providers lists every provider with the rule ids it handles, sorted by name.
func Providers() []Provider {
	out := make([]Provider, 0, len(providers))
	for _, p := range providers {
		base := p.base
		if base == "" {
			base = p.display
		}
		rules := slices.Clone(p.rules)
		slices.Sort(rules)
		out = append(out, Provider{Name: p.name, RuleIDs: rules, BaseURL: base})
	}
	slices.SortFunc(out, func(a, b Provider) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// provider is one read-only check, described as data.
type provider struct {
	name  string
	rules []string

	base     string   // default origin, no trailing slash
	fallback []string // regional origins asked when base rejects the secret
	display  string   // BaseURL shown when base is computed per secret
	// origin computes the default origin from the secret when base is
	// empty; false means the secret does not say where to ask.
	origin func(secret string) (string, bool)

	method string // GET when empty
	path   string
	// pathFor builds the path from the secret, for the one API that wants
	// it there; false means the secret cannot be put in a path safely.
	pathFor func(secret string) (string, bool)
	body    string // request body; sent as JSON unless contentType says otherwise
	ctype   string
	headers map[string]string // constant headers besides the credential
	auth    func(r *http.Request, secret string)

	// forbidden is the status a 403 means; Invalid when empty. A 403 that
	// carries rate-limit headers is always Unverified.
	forbidden string
	invalid   []int // further statuses the provider documents as a rejected credential
	// judge reads the response body. It returns "" to fall back to the
	// status code; for a 2xx answer it must decide.
	judge func(code int, body []byte) string
}

// request builds the request for one origin.
func (p *provider) request(ctx context.Context, origin, secret string) (*http.Request, bool) {
	path := p.path
	if p.pathFor != nil {
		var ok bool
		if path, ok = p.pathFor(secret); !ok {
			return nil, false
		}
	}
	method := p.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if p.body != "" {
		body = strings.NewReader(p.body)
	}
	req, err := http.NewRequestWithContext(ctx, method, origin+path, body)
	if err != nil {
		// The error text holds the URL; it is dropped, never shown.
		return nil, false
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	if p.ctype != "" {
		req.Header.Set("Content-Type", p.ctype)
	} else if p.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, val := range p.headers {
		req.Header.Set(k, val)
	}
	p.auth(req, secret)
	return req, true
}

// ask sends one request to origin and classifies the answer. Transport
// errors are dropped here: their text holds the URL.
func (v *Verifier) ask(ctx context.Context, p *provider, origin, secret string) string {
	ctx, cancel := context.WithTimeout(ctx, v.timeout)
	defer cancel()
	req, ok := p.request(ctx, origin, secret)
	if !ok {
		return finding.Unverified
	}
	resp, err := v.client.Do(req)
	if err != nil {
		return finding.Unverified
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return finding.Unverified
	}
	return p.classify(resp.StatusCode, resp.Header, body)
}

// classify maps a provider's answer to a verification status.
func (p *provider) classify(code int, h http.Header, body []byte) string {
	if p.judge != nil {
		if s := p.judge(code, body); s != "" {
			return s
		}
	}
	switch {
	case code >= 200 && code < 300:
		return finding.Verified
	case code == http.StatusUnauthorized:
		return finding.Invalid
	case code == http.StatusForbidden:
		if rateLimited(h) {
			return finding.Unverified
		}
		if p.forbidden != "" {
			return p.forbidden
		}
		return finding.Invalid
	case slices.Contains(p.invalid, code):
		return finding.Invalid
	default:
		return finding.Unverified
	}
}

// rateLimited reports whether a response says the caller is throttled,
// which some APIs (GitHub) answer with 403.
func rateLimited(h http.Header) bool {
	return h.Get("Retry-After") != "" || h.Get("X-RateLimit-Remaining") == "0"
}

// bearer sends the secret as "Authorization: Bearer <secret>".
func bearer(r *http.Request, secret string) {
	r.Header.Set("Authorization", "Bearer "+secret)
}

// header sends the secret in the named header after prefix.
func header(name, prefix string) func(*http.Request, string) {
	return func(r *http.Request, secret string) {
		r.Header.Set(name, prefix+secret)
	}
}

// basicUser sends HTTP basic auth with a fixed user and the secret as password.
func basicUser(user string) func(*http.Request, string) {
	return func(r *http.Request, secret string) {
		r.SetBasicAuth(user, secret)
	}
}

// basicKey sends HTTP basic auth with the secret as user and no password.
func basicKey(r *http.Request, secret string) {
	r.SetBasicAuth(secret, "")
}

// noAuth is for providers whose credential travels in the path.
func noAuth(*http.Request, string) {}
