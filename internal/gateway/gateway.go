// Package gateway is Ward's security gateway in front of LLM APIs: an
// OpenAI- and Anthropic-compatible reverse proxy that authenticates every
// caller (Ward keys, workload identities), enforces rate limits, token
// limits, concurrency and budgets that cannot be overspent, routes by
// model to providers with ordered fallback, passes streams through as
// they arrive, and turns every request into a metric, a log line and an
// Event.
//
// The request path: request id → authenticate → route and model allowed
// → bounded, validated body → concurrency, requests/min, tokens/min →
// reserve the worst-case cost → proxy (httputil.ReverseProxy, Rewrite,
// fallback transport) → settle the reservation to the usage the answer
// reports, when the answer ends.
package gateway

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"slices"
	"strings"
	"sync"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/budget"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/ratelimit"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/store"
)

// Routes Ward serves.
const (
	routeChat        = "/v1/chat/completions"
	routeCompletions = "/v1/completions"
	routeEmbeddings  = "/v1/embeddings"
	routeResponses   = "/v1/responses"
	routeMessages    = "/v1/messages"
	routeModels      = "/v1/models"
)

var postRoutes = []string{routeChat, routeCompletions, routeEmbeddings, routeResponses, routeMessages}

// Defaults of Options.
const (
	DefaultMaxBodyBytes     = 4 << 20
	DefaultConnectTimeout   = 10 * time.Second
	DefaultFirstByteTimeout = 120 * time.Second
	DefaultIdleTimeout      = 60 * time.Second
)

// PriceBook gives a model's prices (budget.Prices does).
type PriceBook interface {
	Lookup(model string) (budget.Price, bool)
}

// Scope is a set of limits shared by the requests it matches, beyond each
// caller's own: a team's, or a model's.
type Scope struct {
	Limits authn.Limits
}

// Options configure a Gateway; New fills in defaults.
type Options struct {
	Providers []*Provider
	// MaxBodyBytes bounds request bodies (a key may lower it).
	MaxBodyBytes int64
	// Timeouts: connecting to a provider, its first byte, and silence in
	// the middle of a stream.
	ConnectTimeout, FirstByteTimeout, IdleTimeout time.Duration

	Keys *KeyCache
	JWT  JWTVerifier

	Limiter     ratelimit.Limiter
	Concurrency ratelimit.Concurrency
	Budget      budget.Counter
	Prices      PriceBook
	// DefaultPrice prices models the price book does not know; nil refuses
	// them.
	DefaultPrice *budget.Price
	// Teams and Models hold shared limits by team name and by model glob.
	Teams  map[string]Scope
	Models map[string]Scope
	// RateLimitFailOpen lets requests through when the rate-limit
	// counters cannot be reached; BudgetFailOpen does the same for budgets
	// (default: refuse, so a budget is never overspent).
	RateLimitFailOpen, BudgetFailOpen bool
	// ClampMaxTokens lowers a request's max_tokens to what its budgets
	// can still pay for, instead of refusing it (at least 16 tokens).
	ClampMaxTokens bool
	// Fields say what becomes of request fields the route's API does not
	// document: refused by default.
	Fields FieldOptions
	// Guard, when set, judges every request's messages for prompt
	// injection (see internal/guard).
	Guard *GuardOptions

	// Events receives every request's Event (store.EventWriter.Write);
	// it must not block.
	Events func(event.Event) bool
	// Usage receives the ledger entry of every request that cost
	// something (store.Writer[store.Usage].Write); it must not block.
	Usage func(store.Usage) bool
	// Metrics may be nil.
	Metrics *Metrics
	// LogContent, when set, adds a "content" log line per request with
	// its prompt and answer text (each at most 16 KiB), rewritten by these
	// options first: credentials and personal data masked. Off by default.
	LogContent *redact.Options
	// Tracer, when set, makes a span of every API request (continuing the
	// caller's W3C trace context, which the provider's request carries on).
	Tracer trace.Tracer
	Log    *slog.Logger
	// Ready, when set, is asked by /readyz whether the store and the
	// counters can be reached.
	Ready func(context.Context) error
}

// Gateway serves the API routes.
type Gateway struct {
	Options
	keys  *KeyCache
	jwt   JWTVerifier
	log   *slog.Logger
	proxy *httputil.ReverseProxy
}

// New builds a Gateway.
func New(o Options) *Gateway {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.FirstByteTimeout <= 0 {
		o.FirstByteTimeout = DefaultFirstByteTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	g := &Gateway{Options: o, keys: o.Keys, jwt: o.JWT, log: o.Log}
	g.proxy = &httputil.ReverseProxy{
		Rewrite:   g.rewrite,
		Transport: &fallback{base: &pickTransport{direct: newDirectTransport(g.ConnectTimeout, g.FirstByteTimeout), std: g.transport()}},
		// Streams (text/event-stream, or no Content-Length and not
		// JSON) are flushed chunk by chunk by ReverseProxy itself; JSON
		// answers are read whole first (see readWhole) and go out in
		// one write.
		FlushInterval:  0,
		ModifyResponse: g.modifyResponse,
		ErrorHandler:   g.proxyError,
		BufferPool:     &bufferPool{},
		ErrorLog:       slog.NewLogLogger(o.Log.Handler(), slog.LevelDebug),
	}
	return g
}

// bufferPool lends ReverseProxy its copy buffers, which it would
// otherwise allocate (32 KiB) for every request.
type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() []byte {
	if v, ok := b.p.Get().(*[]byte); ok {
		return *v
	}
	return make([]byte, 32<<10)
}

func (b *bufferPool) Put(buf []byte) { b.p.Put(&buf) }

// transport is the connection pool to the providers.
func (g *Gateway) transport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: g.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          1024,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   g.ConnectTimeout,
		ResponseHeaderTimeout: g.FirstByteTimeout,
		// Answers must arrive as sent, so that usage can be read and
		// streams are not held back by a decompressor.
		DisableCompression: true,
	}
}

// Handler serves the API routes, /healthz and /readyz.
func (g *Gateway) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, route := range postRoutes {
		mux.HandleFunc("POST "+route, func(w http.ResponseWriter, r *http.Request) { g.serveAPI(w, r, route) })
	}
	mux.HandleFunc("GET "+routeModels, func(w http.ResponseWriter, r *http.Request) { g.serveAPI(w, r, routeModels) })
	g.health(mux)
	mux.HandleFunc("/", g.serveUnknown)
	return mux
}

// HealthHandler serves /healthz and /readyz alone, for an admin address
// of their own (Handler serves them on the API's too).
func (g *Gateway) HealthHandler() http.Handler {
	mux := http.NewServeMux()
	g.health(mux)
	return mux
}

func (g *Gateway) health(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", g.serveReady)
}

// serveReady answers 503 while the store or the counters cannot be
// reached (the reason goes to the log, not to the prober).
func (g *Gateway) serveReady(w http.ResponseWriter, r *http.Request) {
	if g.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := g.Ready(ctx); err != nil {
			g.log.Warn("not ready", "err", err)
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
	}
	w.Write([]byte("ready\n"))
}

// serveUnknown answers a route Ward does not serve, with a request id, a
// log line and a count like any refusal.
func (g *Gateway) serveUnknown(w http.ResponseWriter, r *http.Request) {
	id := requestID(r)
	w.Header().Set("X-Request-Id", id)
	path := sanitizePath(maskKeys(r.URL.Path))
	e := &apiError{status: http.StatusNotFound, kind: "invalid_request_error", code: "unknown_route",
		msg: "Ward does not serve " + r.Method + " " + path}
	e.write(w, strings.HasPrefix(r.URL.Path, routeMessages))
	if g.Metrics != nil {
		g.Metrics.rejections.WithLabelValues(e.code).Inc()
	}
	g.log.Info("request", "request_id", id, "route", path, "status", e.status,
		"decision", event.Deny, "reason", e.code)
}

// sanitizePath bounds a path quoted back to a client.
func sanitizePath(p string) string {
	if len(p) > 64 {
		p = p[:64] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, p)
}

// requestID is the client's X-Request-Id when it is short and plain, or a
// new random one: one that looks like a key is not echoed back, logged
// or forwarded.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 && plainID(id) && !keyShaped(id) {
		return id
	}
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func plainID(s string) bool {
	for _, c := range s {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// clientIP is the peer's address (Ward does not trust X-Forwarded-For).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// allowed reports whether v matches one of the glob patterns (an empty
// list allows everything).
func allowed(patterns []string, v string) bool {
	if len(patterns) == 0 {
		return true
	}
	return slices.ContainsFunc(patterns, func(p string) bool { return globMatch(p, v) })
}

// candidates are the providers that serve model on route, in order.
func (g *Gateway) candidates(model, route string) []*Provider {
	var out []*Provider
	for _, p := range g.Providers {
		if route == routeModels && p.Kind != KindAnthropic || route != routeModels && p.serves(model, route) {
			out = append(out, p)
		}
	}
	return out
}
