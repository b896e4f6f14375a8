package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/budget"
	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/ratelimit"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/secrets"
	"github.com/wardsec/ward/internal/store"
	"github.com/wardsec/ward/internal/tracing"
)

type gatewayFlags struct {
	config         string
	upstream       string
	upstreamKind   string
	upstreamKeyEnv string
	listen         string
	store          string
	counters       string
}

func (e *env) gatewayCmd() *cobra.Command {
	var f gatewayFlags
	cmd := &cobra.Command{
		Use:   "gateway",
		Short: "Run the security gateway in front of OpenAI-compatible and Anthropic APIs",
		Long: `Run Ward's gateway: point an OpenAI or Anthropic SDK's base URL at it, and every
caller needs a Ward key (ward keys issue) or a workload identity, every key has
limits and a budget that cannot be overspent, and every request is a metric, a
log line and an event.

  ward keys issue --name dev --rpm 60 --budget-usd 5 --budget-period day
  OPENAI_API_KEY=… ward gateway --upstream https://api.openai.com
  OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=ward_… your-app`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := e.gatewayConfig(cmd, &f)
			if err != nil {
				return err
			}
			listenFrom := "gateway.listen"
			if cmd.Flags().Changed("listen") {
				listenFrom = "--listen"
			}
			return e.runGateway(cfg, listenFrom)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "configuration file with a gateway: section (default: ./ward.yaml or ./.ward.yaml when present)")
	fl.StringVar(&f.upstream, "upstream", "", "quick start: one provider at this base URL (replaces the configured providers)")
	fl.StringVar(&f.upstreamKind, "upstream-kind", "openai", "with --upstream: openai (any OpenAI-compatible server) or anthropic")
	fl.StringVar(&f.upstreamKeyEnv, "upstream-key-env", "OPENAI_API_KEY", "with --upstream: the environment variable holding the provider's key")
	fl.StringVar(&f.listen, "listen", "", "address to serve on (default 127.0.0.1:8787)")
	fl.StringVar(&f.store, "store", "", "keys, usage and events: a SQLite path or postgres:// URL (default: $XDG_DATA_HOME/ward/ward.db)")
	fl.StringVar(&f.counters, "counters", "", "rate-limit and budget counters: memory or redis://…")
	return cmd
}

// gatewayConfig reads the configuration file and applies the flags.
func (e *env) gatewayConfig(cmd *cobra.Command, f *gatewayFlags) (*config.Gateway, error) {
	path, optional := f.config, false
	if path == "" {
		path, optional = "ward.yaml", true
		if _, err := os.Stat(path); err != nil {
			path = config.FileName
		}
	}
	cfg, err := config.Load(path, optional)
	if err != nil {
		return nil, usageErr(err, "")
	}
	g := &cfg.Gateway
	if f.upstream != "" {
		p, err := f.upstreamProvider()
		if err != nil {
			return nil, err
		}
		g.Providers = []config.ProviderConfig{p}
	}
	for _, o := range []struct {
		flag     string
		dst, val *string
	}{{"listen", &g.Listen, &f.listen}, {"store", &g.Store, &f.store}, {"counters", &g.Counters, &f.counters}} {
		if cmd.Flags().Changed(o.flag) {
			*o.dst = *o.val
		}
	}
	if err := cfg.Validate(path); err != nil {
		return nil, usageErr(err, "")
	}
	if err := checkStoreURL(g.Store); err != nil {
		where := path + ": gateway.store"
		if cmd.Flags().Changed("store") {
			where = "--store"
		}
		return nil, usageErr(fmt.Errorf("%s %q: %w", where, g.Store, err), "")
	}
	if len(g.Providers) == 0 {
		return nil, usageErr(errors.New("no provider configured"), "pass --upstream URL, or list gateway.providers in ward.yaml")
	}
	return g, nil
}

// upstreamProvider is the one provider --upstream configures. Its
// problems name the flags, not the configuration file they never came
// from.
func (f *gatewayFlags) upstreamProvider() (config.ProviderConfig, error) {
	switch f.upstreamKind {
	case "openai", "anthropic":
	default:
		return config.ProviderConfig{}, usageErr(fmt.Errorf("--upstream-kind %q: want openai or anthropic", f.upstreamKind),
			"an Azure OpenAI provider needs api_version: list it under gateway.providers in ward.yaml")
	}
	if u, err := url.Parse(f.upstream); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return config.ProviderConfig{}, usageErr(fmt.Errorf("--upstream %q is not an http(s) URL", f.upstream),
			"ward gateway --upstream https://api.openai.com")
	}
	return config.ProviderConfig{Name: "upstream", Kind: f.upstreamKind, BaseURL: f.upstream, KeyEnv: f.upstreamKeyEnv}, nil
}

// runGateway serves until the context ends, then drains in-flight
// requests (streams included) for up to 30 s. listenFrom names what set
// the API's address (--listen or gateway.listen), for the error when it
// cannot be bound.
func (e *env) runGateway(cfg *config.Gateway, listenFrom string) error {
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	if e.getenv("GOGC") == "" {
		// A proxy's garbage is short-lived and its live heap small:
		// collecting at 3x instead of main's 1.5x took 64 connections
		// through Ward from 8,900 to 12,100 requests/s here, for 61 → 72 MiB.
		debug.SetGCPercent(200)
	}
	lw := newLogWriter(e.stderr, 100*time.Millisecond)
	defer lw.Close()
	log := slog.New(slog.NewJSONHandler(lw, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if e.getenv("GOMEMLIMIT") == "" {
		if limit := gatewayMemoryLimit(containerMemoryLimit(os.ReadFile)); limit > 0 {
			debug.SetMemoryLimit(limit)
			log.Info("memory limit", "bytes", limit, "from", "the container's cgroup limit (90%); set GOMEMLIMIT to choose another")
		}
	}
	opts, st, cleanup, err := e.gatewayOptions(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer cleanup()
	opts.Ready = storeReady(st, opts.Ready)
	gw := gateway.New(*opts)
	api := http.NewServeMux()
	api.Handle("/", gw.Handler())
	admin := api
	if cfg.AdminListen != "" {
		// Probes may use either address: health is served on both.
		admin = http.NewServeMux()
		health := gw.HealthHandler()
		admin.Handle("GET /healthz", health)
		admin.Handle("GET /readyz", health)
	}
	admin.Handle("GET /metrics", promhttp.HandlerFor(opts.Metrics.Registry, promhttp.HandlerOpts{}))
	if token := e.getenv(cfg.AdminTokenEnv); token != "" && opts.Keys != nil {
		admin.Handle("/admin/", gateway.AdminHandler(st, token))
	}
	servers := []endpoint{{newServer(cfg.Listen, api), listenFrom, "api"}}
	if cfg.AdminListen != "" {
		servers = append(servers, endpoint{newServer(cfg.AdminListen, admin), "gateway.admin_listen", "admin"})
	}
	return serve(ctx, log, servers)
}

// endpoint is a server of the gateway's, what set its address (a flag or
// a configuration key) and what it serves ("api" or "admin").
type endpoint struct {
	srv          *http.Server
	from, serves string
}

func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
}

// serve runs the servers and shuts them down gracefully when ctx ends.
// Every address is bound before any is announced or served: one that
// cannot be is the one thing reported (naming the address and what set
// it), and nothing was served meanwhile.
func serve(ctx context.Context, log *slog.Logger, servers []endpoint) error {
	lns := make([]net.Listener, 0, len(servers))
	for _, s := range servers {
		ln, err := net.Listen("tcp", s.srv.Addr)
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			if oe := (*net.OpError)(nil); errors.As(err, &oe) && oe.Err != nil {
				err = oe.Err // "bind: address already in use", without the address again
			}
			return usageErr(fmt.Errorf("%s: cannot listen on %s: %w", s.from, s.srv.Addr, err), "choose another address for "+s.from)
		}
		lns = append(lns, ln)
	}
	errc := make(chan error, len(servers))
	for i, s := range servers {
		log.Info("listening", "addr", lns[i].Addr().String(), "serves", s.serves)
		go func() { errc <- s.srv.Serve(lns[i]) }()
	}
	select {
	case err := <-errc:
		return runtimeErr(err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, s := range servers {
		if err := s.srv.Shutdown(sctx); err != nil {
			log.Warn("shutdown", "addr", s.srv.Addr, "err", err)
		}
	}
	log.Info("stopped")
	return nil
}

// gatewayOptions opens the store and counters and builds the gateway's
// options; cleanup closes what was opened.
func (e *env) gatewayOptions(ctx context.Context, cfg *config.Gateway, log *slog.Logger) (*gateway.Options, store.Store, func(), error) {
	providers, err := e.providers(cfg.Providers)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := openStore(ctx, cfg.Store)
	if err != nil {
		return nil, nil, nil, err
	}
	closers := []func(){func() { st.Close() }}
	cleanup := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	keys, err := gateway.NewKeyCache(ctx, st, keyRefresh, log)
	if err != nil {
		cleanup()
		return nil, nil, nil, runtimeErr(fmt.Errorf("load keys: %w", err))
	}
	o := &gateway.Options{Providers: providers, Keys: keys, Log: log}
	if err := e.counters(ctx, cfg, st, o, &closers); err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	if err := applyGatewayLimits(cfg, o, e.getenv); err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	events := store.NewEventWriter(st, 10_000, time.Second, func(n int, err error) {
		log.Error("write events", "events", n, "err", err)
	})
	usage := store.NewUsageWriter(st, 10_000, 250*time.Millisecond, func(n int, err error) {
		log.Error("record usage", "entries", n, "err", err)
	})
	closers = append(closers, func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		events.Close(cctx)
		usage.Close(cctx)
	})
	o.Events, o.Usage = events.Write, usage.Write
	if keep, _ := config.ParseRetention(cfg.EventsRetention); keep > 0 { // validated
		closers = append(closers, startEventPruner(st, keep, log).Stop)
	}
	o.Metrics = gateway.NewMetrics(func(m string) bool { _, ok := o.Prices.Lookup(m); return ok })
	if err := e.tracer(cfg.Tracing, o, &closers); err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	if cfg.OIDC != nil {
		if o.JWT, err = newOIDC(ctx, cfg.OIDC); err != nil {
			cleanup()
			return nil, nil, nil, err
		}
	}
	return o, st, cleanup, nil
}

// providers resolves each provider's base URL and key.
func (e *env) providers(cfgs []config.ProviderConfig) ([]*gateway.Provider, error) {
	var out []*gateway.Provider
	for _, c := range cfgs {
		u, err := url.Parse(c.BaseURL)
		if err != nil {
			return nil, usageErr(fmt.Errorf("provider %s: base_url: %w", c.Name, err), "")
		}
		key, err := e.providerKey(c)
		if err != nil {
			return nil, err
		}
		out = append(out, &gateway.Provider{Name: c.Name, Kind: c.Kind, BaseURL: u, Key: key, Models: c.Models, APIVersion: c.APIVersion})
	}
	return out, nil
}

// providerKey reads a provider's key from its environment variable or
// file. A named variable that is unset is an error (a local server
// without keys names none).
func (e *env) providerKey(c config.ProviderConfig) (string, error) {
	switch {
	case c.KeyFile != "":
		b, err := os.ReadFile(c.KeyFile)
		if err != nil {
			return "", usageErr(fmt.Errorf("provider %s: key_file: %w", c.Name, err), "")
		}
		return strings.TrimSpace(string(b)), nil
	case c.KeyEnv != "":
		k := e.getenv(c.KeyEnv)
		if k == "" && !isLoopbackURL(c.BaseURL) {
			return "", usageErr(fmt.Errorf("provider %s: environment variable %s is not set", c.Name, c.KeyEnv),
				"export the provider's key in "+c.KeyEnv+", or name another variable with --upstream-key-env")
		}
		return k, nil
	}
	return "", nil
}

func isLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()
}

// counters sets up the rate-limit and budget counters: in memory, or in
// Redis when cfg.Counters is a redis:// URL.
func (e *env) counters(ctx context.Context, cfg *config.Gateway, st store.Store, o *gateway.Options, closers *[]func()) error {
	switch {
	case cfg.Counters == "" || cfg.Counters == "memory":
		lim := ratelimit.NewMemory()
		o.Limiter, o.Concurrency = lim, lim
		o.Budget = budget.NewMemory(budget.LedgerSeed(st))
		return nil
	case strings.HasPrefix(cfg.Counters, "redis://") || strings.HasPrefix(cfg.Counters, "rediss://"):
		ro, err := redis.ParseURL(cfg.Counters)
		if err != nil {
			return usageErr(fmt.Errorf("gateway.counters: %w", err), "")
		}
		if !strings.Contains(cfg.Counters, "max_retries=") {
			// One quick retry: with Redis down every request waits for
			// the retries before its limits fail open or closed.
			ro.MaxRetries, ro.MaxRetryBackoff = 1, 64*time.Millisecond
			ro.DialerRetries, ro.DialerRetryTimeout = 1, 20*time.Millisecond
		}
		// The client's own log lines are plain text; Ward logs each
		// unreachable counter itself, as JSON.
		redis.SetLogger(quietRedis{})
		client := redis.NewClient(ro)
		*closers = append(*closers, func() { client.Close() })
		o.Ready = func(ctx context.Context) error { return client.Ping(ctx).Err() }
		lim := ratelimit.NewRedis(client, ratelimit.RedisOptions{})
		o.Limiter, o.Concurrency = lim, lim
		o.Budget = budget.NewRedis(client, budget.RedisOptions{Seed: budget.LedgerSeed(st)})
		return nil
	}
	return usageErr(fmt.Errorf("gateway.counters %q: want memory or a redis:// URL", cfg.Counters), "")
}

// storeReady is a readiness check that reads the store (a key that
// does not exist), then asks next (the counters).
func storeReady(st store.Store, next func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		if _, err := st.KeyByID(ctx, "wk_readyz"); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("store: %w", err)
		}
		if next != nil {
			return next(ctx)
		}
		return nil
	}
}

// quietRedis drops go-redis's own log lines.
type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

// applyGatewayLimits sets prices, shared limits, timeouts and failure
// behaviour from the configuration.
func applyGatewayLimits(cfg *config.Gateway, o *gateway.Options, getenv func(string) string) error {
	overrides := budget.Prices{}
	for m, p := range cfg.Prices {
		overrides[m] = budget.Price{InputPerMTok: p.Input, OutputPerMTok: p.Output}
	}
	o.Prices = budget.DefaultPrices().Merge(overrides)
	if p := cfg.DefaultPrice; p != nil {
		o.DefaultPrice = &budget.Price{InputPerMTok: p.Input, OutputPerMTok: p.Output}
	}
	o.Teams, o.Models = scopes(cfg.Teams), scopes(cfg.Models)
	if n, err := config.ParseSize(cfg.MaxBody); err == nil {
		o.MaxBodyBytes = n
	}
	o.ConnectTimeout, _ = time.ParseDuration(cfg.Timeouts.Connect)
	o.FirstByteTimeout, _ = time.ParseDuration(cfg.Timeouts.FirstByte)
	o.IdleTimeout, _ = time.ParseDuration(cfg.Timeouts.Idle)
	o.RateLimitFailOpen = cfg.FailOpen.RateLimits == nil || *cfg.FailOpen.RateLimits
	o.BudgetFailOpen = cfg.FailOpen.Budgets
	o.ClampMaxTokens = cfg.ClampMaxTokens
	o.Fields = gateway.FieldOptions{Forward: cfg.UnknownFields == config.UnknownFieldsForward, Extra: cfg.ExtraFields}
	g, err := guardOptions(&cfg.Guard, getenv)
	if err != nil {
		return err
	}
	o.Guard = g
	if cfg.LogContent {
		det, err := secrets.New(secrets.Options{})
		if err != nil {
			return runtimeErr(err)
		}
		o.LogContent = &redact.Options{Policy: redact.MaskAll(), Extra: det, MinConfidence: 0.5}
	}
	return nil
}

func scopes(m map[string]config.Limits) map[string]gateway.Scope {
	out := make(map[string]gateway.Scope, len(m))
	for name, l := range m {
		out[name] = gateway.Scope{Limits: authn.Limits{RPM: l.RPM, TPM: l.TPM, Concurrency: l.Concurrency,
			BudgetUSD: l.BudgetUSD, BudgetPeriod: l.BudgetPeriod, Guard: l.Guard}}
	}
	return out
}

// guardOptions builds the gateway's guard from the configuration; nil
// when no policy turns it on.
func guardOptions(c *config.GuardConfig, getenv func(string) string) (*gateway.GuardOptions, error) {
	on := c.Mode != "" && c.Mode != gateway.GuardOff
	o := &gateway.GuardOptions{Default: guardPolicy(&c.GuardPolicy), Policies: map[string]*gateway.GuardPolicy{}, Routes: c.Routes}
	for name, p := range c.Policies {
		pol := namedGuardPolicy(c, p)
		o.Policies[name] = pol
		on = on || (pol.Mode != "" && pol.Mode != gateway.GuardOff)
	}
	if !on {
		return nil, nil
	}
	det, err := secrets.New(secrets.Options{})
	if err != nil {
		return nil, runtimeErr(err)
	}
	o.Secrets = det
	if cl := c.Classifier; cl != nil {
		timeout, _ := time.ParseDuration(cl.Timeout)
		gc := &guard.Classifier{URL: cl.URL, Timeout: timeout, FailOpen: cl.FailOpen, Header: http.Header{}}
		if cl.TokenEnv != "" {
			tok := getenv(cl.TokenEnv)
			if tok == "" {
				return nil, usageErr(fmt.Errorf("gateway.guard.classifier.token_env: %s is not set", cl.TokenEnv), "")
			}
			gc.Header.Set("Authorization", "Bearer "+tok)
		}
		o.Classifier, o.ClassifierFailOpen = gc, cl.FailOpen
	}
	return o, nil
}

// namedGuardPolicy is a named policy of c, filled in; one without a mode
// takes the default's.
func namedGuardPolicy(c *config.GuardConfig, p config.GuardPolicy) *gateway.GuardPolicy {
	if p.Mode == "" {
		p.Mode = c.Mode
	}
	return guardPolicy(&p)
}

// guardPolicy turns a configured policy into the gateway's, filling in
// the defaults.
func guardPolicy(c *config.GuardPolicy) *gateway.GuardPolicy {
	p := gateway.DefaultGuardPolicy(c.Mode)
	if c.Threshold > 0 {
		p.Threshold = c.Threshold
	}
	if c.IndirectThreshold > 0 {
		p.IndirectThreshold = c.IndirectThreshold
	}
	if c.MinConfidence > 0 {
		p.MinConfidence = c.MinConfidence
	}
	if c.Data != nil {
		p.Data = actions(c.Data)
	}
	if c.Output.Data != nil {
		p.Output.Data = actions(c.Output.Data)
	}
	if c.Output.Canary != nil {
		p.Output.Canary = *c.Output.Canary
	}
	if c.Output.SystemPrompt != nil {
		p.Output.SystemPrompt = *c.Output.SystemPrompt
	}
	p.Output.AllowedDomains = c.Output.AllowedDomains
	if c.Output.Links != "" {
		p.Output.Links = c.Output.Links
	}
	p.SkipClassifier = c.UseClassifier != nil && !*c.UseClassifier
	p.SkipInjection = c.Injection != nil && !*c.Injection
	if c.DocumentTags != nil {
		p.DocumentTags = slices.Clone(c.DocumentTags)
	}
	return p
}

// actions reads a validated kind-to-action map.
func actions(m map[string]string) redact.Policy {
	p := redact.Policy{}
	for kind, a := range m {
		p[kind], _ = redact.ParseAction(a)
	}
	return p
}

// tracer turns on OpenTelemetry traces when the configuration names a
// collector; the spans still buffered are sent when the gateway stops.
func (e *env) tracer(t *config.Tracing, o *gateway.Options, closers *[]func()) error {
	if t == nil {
		return nil
	}
	to := tracing.Options{Endpoint: t.Endpoint, ServiceName: t.ServiceName, SampleRatio: t.SampleRatio, Version: version, Header: http.Header{}}
	if t.TokenEnv != "" {
		tok := e.getenv(t.TokenEnv)
		if tok == "" {
			return usageErr(fmt.Errorf("gateway.tracing.token_env: %s is not set", t.TokenEnv), "")
		}
		to.Header.Set("Authorization", "Bearer "+tok)
	}
	tp, err := tracing.New(to)
	if err != nil {
		return usageErr(err, "")
	}
	o.Tracer = tp.Tracer("github.com/wardsec/ward/internal/gateway")
	*closers = append(*closers, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := tp.Shutdown(ctx); err != nil {
			o.Log.Warn("send traces", "err", err)
		}
	})
	return nil
}
