package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Provider kinds.
const (
	KindOpenAI    = "openai"    // OpenAI and any OpenAI-compatible server (vLLM, Ollama, …)
	KindAnthropic = "anthropic" // Anthropic's Messages API
	KindAzure     = "azure"     // Azure OpenAI deployments
)

// Provider is one upstream API.
type Provider struct {
	Name string
	Kind string
	// BaseURL is the API's origin and path prefix ("https://api.openai.com",
	// "http://127.0.0.1:8000"); a trailing "/v1" is allowed.
	BaseURL *url.URL
	// Key is the provider's API key (from an environment variable or a
	// file named in the configuration; never from the configuration text).
	Key string
	// Models are glob patterns of the models it serves ("gpt-*"); empty
	// serves every model.
	Models []string
	// APIVersion is Azure's api-version.
	APIVersion string
}

// serves reports whether p serves model on route.
func (p *Provider) serves(model, route string) bool {
	if (route == routeMessages) != (p.Kind == KindAnthropic) {
		return false
	}
	if len(p.Models) == 0 {
		return true
	}
	for _, pat := range p.Models {
		if ok, _ := path.Match(pat, model); ok {
			return true
		}
	}
	return false
}

// target builds the upstream URL of a request for route.
func (p *Provider) target(route, model, rawQuery string) *url.URL {
	rawQuery = withoutWardKeys(rawQuery)
	u := *p.BaseURL
	base := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/v1")
	switch {
	case p.Kind == KindAzure && (route == routeResponses || route == routeModels):
		// Azure serves these on its OpenAI-style v1 API, which names the
		// deployment in the body and takes no api-version.
		u.Path = base + "/openai" + route
		u.RawQuery = rawQuery
	case p.Kind == KindAzure:
		u.Path = base + "/openai/deployments/" + url.PathEscape(model) + strings.TrimPrefix(route, "/v1")
		q := url.Values{}
		if rawQuery != "" {
			q, _ = url.ParseQuery(rawQuery)
		}
		q.Set("api-version", p.APIVersion)
		u.RawQuery = q.Encode()
	default:
		u.Path = base + route
		u.RawQuery = rawQuery
	}
	return &u
}

// withoutWardKeys drops query parameters that carry a Ward key, in
// their value or their name, escaped or not (a client that put its key
// in the URL): the provider must never see one.
func withoutWardKeys(rawQuery string) string {
	if rawQuery == "" || !strings.Contains(rawQuery, "ward_") && !strings.Contains(rawQuery, "%") {
		return rawQuery
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return ""
	}
	for k, vs := range q {
		if strings.Contains(k, "ward_") || slices.ContainsFunc(vs, func(v string) bool { return strings.Contains(v, "ward_") }) {
			delete(q, k)
		}
	}
	return q.Encode()
}

// authorize replaces the client's credentials by the provider's.
func (p *Provider) authorize(h http.Header) {
	h.Del("Authorization")
	h.Del("X-Api-Key")
	h.Del("Api-Key")
	switch p.Kind {
	case KindAnthropic:
		if p.Key != "" {
			h.Set("X-Api-Key", p.Key)
		}
		if h.Get("Anthropic-Version") == "" {
			h.Set("Anthropic-Version", "2023-06-01")
		}
	case KindAzure:
		if p.Key != "" {
			h.Set("Api-Key", p.Key)
		}
	default:
		if p.Key != "" {
			h.Set("Authorization", "Bearer "+p.Key)
		}
	}
}

// attempt carries a proxied request's candidates and body to the
// transport, and the provider that answered back.
type attempt struct {
	route      string
	model      string
	body       []byte
	candidates []*Provider
	provider   *Provider // set by the transport
	failed     []failure // providers that failed, in order
}

// failure is one provider's failure to answer a request.
type failure struct {
	provider string
	reason   string // status_503, timeout, unreachable
}

func (x failure) String() string { return x.provider + ":" + x.reason }

type attemptKey struct{}

func withAttempt(ctx context.Context, a *attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, a)
}

// fallback is the transport that sends a request to its candidates in
// order, moving on after a connection error, a 429 or a 5xx while
// another candidate remains. Nothing has reached the client until it
// returns, so a retry is always safe.
type fallback struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (f *fallback) RoundTrip(req *http.Request) (*http.Response, error) {
	a, _ := req.Context().Value(attemptKey{}).(*attempt)
	if a == nil || len(a.candidates) == 0 {
		return nil, fmt.Errorf("gateway: no provider for the request")
	}
	var lastErr error
	for i, p := range a.candidates {
		resp, err := f.base.RoundTrip(outbound(req, a, p, i == 0))
		last := i == len(a.candidates)-1
		if err == nil && (last || !retryable(resp.StatusCode)) {
			a.provider = p
			return resp, nil
		}
		if err == nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			lastErr = fmt.Errorf("provider %s answered %d", p.Name, resp.StatusCode)
			a.failed = append(a.failed, failure{p.Name, "status_" + strconv.Itoa(resp.StatusCode)})
		} else {
			lastErr = err
			if reason := failureReason(req.Context(), err); reason != "" {
				a.failed = append(a.failed, failure{p.Name, reason})
			}
		}
		if req.Context().Err() != nil || last {
			a.provider = p
			return nil, lastErr
		}
	}
	return nil, lastErr
}

// failureReason names why a provider could not be reached, or "" when
// the request was withdrawn (the client left).
func failureReason(ctx context.Context, err error) string {
	switch {
	case errors.Is(context.Cause(ctx), context.Canceled):
		return ""
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return "timeout"
	}
	return "unreachable"
}

// retryable statuses move a request on to the next provider.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// outbound is the request for provider p: req itself for the first
// attempt (ReverseProxy's own copy), a clone for the next ones.
func outbound(req *http.Request, a *attempt, p *Provider, first bool) *http.Request {
	out := req
	if !first {
		out = req.Clone(req.Context())
	}
	out.URL = p.target(a.route, a.model, req.URL.RawQuery)
	out.Host = out.URL.Host
	p.authorize(out.Header)
	if a.body != nil {
		out.Body = io.NopCloser(bytes.NewReader(a.body))
		out.ContentLength = int64(len(a.body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(a.body)), nil }
	}
	return out
}
