package verify

import (
	"context"
	"crypto/sha256"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

// defaultTimeout bounds each request when Options.Timeout is zero.
const defaultTimeout = 10 * time.Second

// Options configures a Verifier.
type Options struct {
	// BaseURLs overrides a provider's API base URL by provider name
	// ("github", "slack", ...); tests point these at httptest servers. An
	// override replaces the whole origin, including Mailchimp's
	// per-datacenter host and the regional fallbacks of Datadog and Mailgun.
	BaseURLs map[string]string
	// Client sends the requests. Nil means a new client with Timeout. The
	// Verifier uses a copy that never follows redirects.
	Client *http.Client
	// Timeout bounds each request, including reading the response.
	// Zero means 10s.
	Timeout time.Duration
}

// Verifier checks secrets against their providers' APIs. Use New; the zero
// value is not usable. It is safe for concurrent use.
type Verifier struct {
	client  *http.Client
	timeout time.Duration
	// origins holds, by provider name, the origins to ask in order; a
	// provider missing here computes its origin from the secret.
	origins map[string][]string

	mu    sync.Mutex
	cache map[[sha256.Size]byte]*call
}

// call is one verification, shared by every caller asking about the same
// (rule, secret) pair. status and retry are written before done is closed.
type call struct {
	done   chan struct{}
	status string
	retry  bool // the asking caller's context ended: ask again
}

// New returns a Verifier configured by opts.
func New(opts Options) *Verifier {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	client := &http.Client{Timeout: timeout}
	if opts.Client != nil {
		c := *opts.Client
		client = &c
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	origins := make(map[string][]string, len(providers))
	for i := range providers {
		p := &providers[i]
		if base, ok := opts.BaseURLs[p.name]; ok && base != "" {
			origins[p.name] = []string{strings.TrimRight(base, "/")}
		} else if p.base != "" {
			origins[p.name] = append([]string{p.base}, p.fallback...)
		}
	}
	return &Verifier{
		client:  client,
		timeout: timeout,
		origins: origins,
		cache:   make(map[[sha256.Size]byte]*call),
	}
}

// Supports reports whether secrets found by the rule ruleID can be verified.
func (v *Verifier) Supports(ruleID string) bool {
	_, ok := byRule[ruleID]
	return ok
}

// Verify asks the provider behind ruleID whether secret works. It returns
// finding.Verified, finding.Invalid or finding.Unverified, and the provider's
// name ("" when the rule is not supported, with finding.Unverified).
// Answers are cached per (ruleID, secret); concurrent calls for the same
// pair share one request. An answer cut short by ctx is not cached.
func (v *Verifier) Verify(ctx context.Context, ruleID, secret string) (status string, provider string) {
	p, ok := byRule[ruleID]
	if !ok {
		return finding.Unverified, ""
	}
	key := cacheKey(ruleID, secret)
	for {
		v.mu.Lock()
		c, found := v.cache[key]
		if !found {
			c = &call{done: make(chan struct{})}
			v.cache[key] = c
		}
		v.mu.Unlock()

		if !found {
			return v.lead(ctx, c, key, p, secret), p.name
		}
		select {
		case <-c.done:
			if !c.retry {
				return c.status, p.name
			}
		case <-ctx.Done():
			return finding.Unverified, p.name
		}
		if ctx.Err() != nil {
			return finding.Unverified, p.name
		}
	}
}

// lead runs the check for c, which this caller put in the cache, and
// removes it again when ctx ended before the answer came.
func (v *Verifier) lead(ctx context.Context, c *call, key [sha256.Size]byte, p *provider, secret string) string {
	c.status = v.check(ctx, p, secret)
	if ctx.Err() != nil {
		c.status, c.retry = finding.Unverified, true
		v.mu.Lock()
		delete(v.cache, key)
		v.mu.Unlock()
	}
	close(c.done)
	return c.status
}

// check asks each of the provider's origins in turn until one verifies the
// secret. It is Invalid only when every origin rejected it.
func (v *Verifier) check(ctx context.Context, p *provider, secret string) string {
	if !plausible(secret) {
		return finding.Unverified
	}
	origins, ok := v.origins[p.name]
	if !ok && p.origin != nil {
		if o, valid := p.origin(secret); valid {
			origins = []string{o}
		}
	}
	if len(origins) == 0 {
		return finding.Unverified
	}
	result := finding.Invalid
	for _, origin := range origins {
		switch v.ask(ctx, p, origin, secret) {
		case finding.Verified:
			return finding.Verified
		case finding.Unverified:
			result = finding.Unverified
		}
		if ctx.Err() != nil {
			return finding.Unverified
		}
	}
	return result
}

// cacheKey identifies a (rule, secret) pair without keeping the secret.
func cacheKey(ruleID, secret string) [sha256.Size]byte {
	return sha256.Sum256([]byte(ruleID + "\x00" + secret))
}

// maxSecret is the longest value this package will send anywhere.
const maxSecret = 4096

// plausible reports whether secret can travel in a header or path segment
// unchanged: printable ASCII without spaces, and not absurdly long.
func plausible(secret string) bool {
	if secret == "" || len(secret) > maxSecret {
		return false
	}
	for i := 0; i < len(secret); i++ {
		if secret[i] <= ' ' || secret[i] >= 0x7f {
			return false
		}
	}
	return true
}
