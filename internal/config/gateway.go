package config

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/gateway"
)

// Gateway configures `ward gateway` (and `ward keys`, which shares its
// store).
type Gateway struct {
	// Listen is the API's address. Default: 127.0.0.1:8787 (binding
	// elsewhere is a choice the user writes down).
	Listen string `yaml:"listen"`
	// AdminListen, when set, serves /metrics and the admin API on their
	// own address instead of Listen.
	AdminListen string `yaml:"admin_listen"`
	// AdminTokenEnv names the environment variable holding the admin API's
	// token; the admin API is off when it is unset or empty.
	AdminTokenEnv string `yaml:"admin_token_env"`
	// Store is where keys, the usage ledger and events live: a SQLite
	// path or URL, or postgres://…. Default: $XDG_DATA_HOME/ward/ward.db.
	Store string `yaml:"store"`
	// Counters holds rate-limit and budget counters: "memory" (default) or
	// redis://….
	Counters string `yaml:"counters"`
	// EventsRetention is how long events stay in the store: a duration
	// such as 720h, or whole days such as 30d (ParseRetention); 0 or
	// "forever" keeps them all. Default: 30d. The gateway deletes older
	// events at start and hourly; the usage ledger is never pruned.
	EventsRetention string `yaml:"events_retention"`
	// MaxBody bounds request bodies, e.g. "4MiB".
	MaxBody  string          `yaml:"max_body"`
	Timeouts GatewayTimeouts `yaml:"timeouts"`
	FailOpen FailOpen        `yaml:"fail_open"`
	// ClampMaxTokens lowers max_tokens to what a budget can still pay for
	// instead of refusing the request.
	ClampMaxTokens bool `yaml:"clamp_max_tokens"`
	// UnknownFields is what becomes of a request's top-level fields that
	// its route's API does not document: reject (the default: a 400 in
	// the provider's shape, nothing forwarded) or forward.
	UnknownFields string `yaml:"unknown_fields"`
	// ExtraFields are top-level fields taken on every route besides the
	// documented ones: the sampling fields of OpenAI-compatible servers
	// such as vLLM and Ollama (top_k, min_p, repetition_penalty).
	ExtraFields []string `yaml:"extra_fields"`
	// Providers are tried in order for a model they serve.
	Providers []ProviderConfig `yaml:"providers"`
	// Prices override or add model prices (USD per million tokens);
	// DefaultPrice prices unknown models (unset: they are refused).
	Prices       map[string]Price `yaml:"prices"`
	DefaultPrice *Price           `yaml:"default_price"`
	// Teams and Models are shared limits by team and by model glob.
	Teams  map[string]Limits `yaml:"teams"`
	Models map[string]Limits `yaml:"models"`
	OIDC   *OIDC             `yaml:"oidc"`
	// Guard judges requests and answers: prompt injection, secrets and
	// personal data, system-prompt leaks and exfiltration links.
	Guard GuardConfig `yaml:"guard"`
	// Tracing sends a span of every request to an OTLP/HTTP collector;
	// off unless an endpoint is set.
	Tracing *Tracing `yaml:"tracing"`
	// LogContent adds each request's prompt and completion (at most 16
	// KiB each, credentials and personal data masked) to its log line.
	// Off by default: prompts are the users' data.
	LogContent bool `yaml:"log_content"`
}

// Tracing configures OpenTelemetry traces.
type Tracing struct {
	// Endpoint is the collector's OTLP/HTTP base URL
	// (http://collector:4318); spans go to its /v1/traces.
	Endpoint string `yaml:"endpoint"`
	// SampleRatio is the share of new traces recorded (default 1); a
	// request whose caller's trace is sampled is always recorded.
	SampleRatio float64 `yaml:"sample_ratio"`
	// ServiceName defaults to ward-gateway.
	ServiceName string `yaml:"service_name"`
	// TokenEnv names an environment variable holding a bearer token for
	// the collector.
	TokenEnv string `yaml:"token_env"`
}

// GuardConfig configures the gateway's guard: a default policy (its
// fields inline), named policies that keys, teams and routes pick, and an
// optional external classifier.
type GuardConfig struct {
	GuardPolicy `yaml:",inline"`
	// Policies are named policies; a key (`ward keys issue --guard`), a
	// team (gateway.teams.NAME.guard) or a route (Routes) picks one by
	// name, in that order of precedence. "off" is a built-in name.
	Policies map[string]GuardPolicy `yaml:"policies"`
	// Routes map an API route (/v1/embeddings) to a policy name.
	Routes     map[string]string `yaml:"routes"`
	Classifier *GuardClassifier  `yaml:"classifier"`
}

// GuardPolicy is what the guard does for the requests it applies to.
type GuardPolicy struct {
	// Mode is off (the default), flag (judge and record, change nothing:
	// a shadow rollout) or block (enforce the actions below).
	Mode string `yaml:"mode"`
	// Threshold flags prompt injection in the caller's own text, and
	// IndirectThreshold in content the application did not write (tool
	// results, retrieved documents); in [0,1], 0 for the default.
	Threshold         float64 `yaml:"threshold"`
	IndirectThreshold float64 `yaml:"indirect_threshold"`
	// Injection set to false turns prompt-injection detection off (the
	// data, canary and answer checks still run).
	Injection *bool `yaml:"injection"`
	// DocumentTags are the tags (names, without brackets) around the
	// documents an application puts in system and user messages, whose
	// content is judged against IndirectThreshold. Unset: Ward's list
	// (document, documents, doc, context, search_results, …); an empty
	// list turns the search off.
	DocumentTags []string `yaml:"document_tags"`
	// Data maps a kind of sensitive data in requests (SECRET, CARD, IBAN,
	// SSN, EMAIL, PHONE, IPV4, IPV6, UK_NINO, ES_DNI, NL_BSN, DE_TAXID) to
	// block, mask, pseudonymise or allow. Unset: SECRET, CARD, IBAN and
	// SSN are blocked.
	Data map[string]string `yaml:"data"`
	// MinConfidence drops weaker personal-data matches (default 0.8).
	MinConfidence float64     `yaml:"min_confidence"`
	Output        GuardOutput `yaml:"output"`
	// UseClassifier set to false skips the external classifier for this
	// policy.
	UseClassifier *bool `yaml:"use_classifier"`
}

// GuardOutput configures the checks on answers.
type GuardOutput struct {
	// Canary adds a canary token to the system prompt and watches for it
	// in the answer; SystemPrompt watches for long runs of the system
	// prompt's own words. Both default to true.
	Canary       *bool `yaml:"canary"`
	SystemPrompt *bool `yaml:"system_prompt"`
	// Data maps a kind of sensitive data in answers to mask, block or
	// allow. Unset: SECRET, CARD, IBAN and SSN are masked.
	Data map[string]string `yaml:"data"`
	// AllowedDomains turns on the link check: markdown images and links
	// to other hosts are handled by Links (strip, the default; flag; or
	// block).
	AllowedDomains []string `yaml:"allowed_domains"`
	Links          string   `yaml:"links"`
}

// GuardClassifier is an external classifier (a Prompt Guard or Llama
// Guard server) whose score is combined with Ward's own.
type GuardClassifier struct {
	URL string `yaml:"url"`
	// Timeout bounds each call (default 300ms).
	Timeout string `yaml:"timeout"`
	// FailOpen lets requests through when the classifier cannot answer
	// (default false: they are refused).
	FailOpen bool `yaml:"fail_open"`
	// TokenEnv names an environment variable holding a bearer token.
	TokenEnv string `yaml:"token_env"`
}

// GatewayTimeouts bound the time spent on providers.
type GatewayTimeouts struct {
	Connect   string `yaml:"connect"`
	FirstByte string `yaml:"first_byte"`
	Idle      string `yaml:"idle"`
}

// FailOpen says whether requests go through when counters are
// unreachable. Default: rate limits open, budgets closed.
type FailOpen struct {
	RateLimits *bool `yaml:"rate_limits"`
	Budgets    bool  `yaml:"budgets"`
}

// ProviderConfig is one upstream API.
type ProviderConfig struct {
	Name    string `yaml:"name"`
	Kind    string `yaml:"kind"` // openai, anthropic, azure
	BaseURL string `yaml:"base_url"`
	// KeyEnv or KeyFile name where the provider's key is; the key itself
	// never appears in the configuration.
	KeyEnv     string   `yaml:"key_env"`
	KeyFile    string   `yaml:"key_file"`
	Models     []string `yaml:"models"`
	APIVersion string   `yaml:"api_version"`
}

// Price is USD per million tokens.
type Price struct {
	Input  float64 `yaml:"input"`
	Output float64 `yaml:"output"`
}

// Limits are shared limits of a team or a model.
type Limits struct {
	// Guard names the guard policy of the team's requests.
	Guard        string  `yaml:"guard"`
	RPM          int     `yaml:"rpm"`
	TPM          int     `yaml:"tpm"`
	Concurrency  int     `yaml:"concurrency"`
	BudgetUSD    float64 `yaml:"budget_usd"`
	BudgetPeriod string  `yaml:"budget_period"`
}

// OIDC accepts workload identities.
type OIDC struct {
	Issuer     string     `yaml:"issuer"`
	Audience   []string   `yaml:"audience"`
	Algorithms []string   `yaml:"algorithms"`
	JWKSURL    string     `yaml:"jwks_url"`
	ClockSkew  string     `yaml:"clock_skew"`
	NameClaim  string     `yaml:"name_claim"`
	TeamClaim  string     `yaml:"team_claim"`
	Rules      []OIDCRule `yaml:"rules"`
	Default    *KeyLimits `yaml:"default_limits"`
}

// OIDCRule maps claims (exact values or globs) to limits.
type OIDCRule struct {
	Claims map[string]string `yaml:"match"`
	Limits KeyLimits         `yaml:"limits"`
}

// KeyLimits are a caller's limits.
type KeyLimits struct {
	Models       []string `yaml:"models"`
	Routes       []string `yaml:"routes"`
	RPM          int      `yaml:"rpm"`
	TPM          int      `yaml:"tpm"`
	Concurrency  int      `yaml:"concurrency"`
	BudgetUSD    float64  `yaml:"budget_usd"`
	BudgetPeriod string   `yaml:"budget_period"`
	MaxTokens    int      `yaml:"max_tokens"`
	// Guard names the guard policy of the caller's requests.
	Guard string `yaml:"guard"`
}

// Authn is l as the gateway's callers' limits.
func (l KeyLimits) Authn() authn.Limits {
	return authn.Limits{Models: l.Models, Routes: l.Routes, RPM: l.RPM, TPM: l.TPM, Concurrency: l.Concurrency,
		BudgetUSD: l.BudgetUSD, BudgetPeriod: l.BudgetPeriod, MaxTokens: l.MaxTokens, Guard: l.Guard}
}

// Authn is l as limits the gateway checks (a team's or a model's
// share the fields of a caller's that they have).
func (l Limits) Authn() authn.Limits {
	return authn.Limits{RPM: l.RPM, TPM: l.TPM, Concurrency: l.Concurrency, BudgetUSD: l.BudgetUSD,
		BudgetPeriod: l.BudgetPeriod, Guard: l.Guard}
}

// badFunc records a problem of the value at a YAML path.
type badFunc func(p yamlPath, format string, args ...any)

// checkLimits reports every invalid field of l (authn.Limits.Check)
// under where.
func checkLimits(bad badFunc, where yamlPath, l authn.Limits) {
	for _, e := range l.Check() {
		bad(where.field(e.Field), "%s", e.Msg)
	}
}

// DefaultGateway is the gateway's embedded default.
func DefaultGateway() Gateway {
	return Gateway{Listen: "127.0.0.1:8787", Counters: "memory", MaxBody: "4MiB", AdminTokenEnv: "WARD_ADMIN_TOKEN",
		EventsRetention: DefaultEventsRetention, UnknownFields: UnknownFieldsReject}
}

// Values of Gateway.UnknownFields.
const (
	UnknownFieldsReject  = "reject"
	UnknownFieldsForward = "forward"
)

// DefaultEventsRetention is how long the gateway keeps events unless
// gateway.events_retention says otherwise.
const DefaultEventsRetention = "30d"

// maxRetentionDays bounds a retention in days (a hundred years).
const maxRetentionDays = 36500

// ParseRetention reads a retention: a Go duration such as 720h, or whole
// days such as 30d; "0" and "forever" return 0, meaning keep everything,
// and "" is DefaultEventsRetention. A retention under an hour is
// refused, so that 30m (minutes) is not taken for months.
func ParseRetention(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = DefaultEventsRetention
	}
	if s == "0" || strings.EqualFold(s, "forever") {
		return 0, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > maxRetentionDays {
			return 0, fmt.Errorf("retention %q: want whole days from 1 to %d, such as 30d", s, maxRetentionDays)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("retention %q: want a duration such as 720h or 30d, or forever", s)
		}
	}
	if d < time.Hour {
		return 0, fmt.Errorf("retention %q is under an hour (write days as 30d; 0 or forever keeps everything)", s)
	}
	return d, nil
}

// validate reports every problem of the gateway section.
func (g *Gateway) validate(bad badFunc) {
	gw := at("gateway")
	if _, err := ParseSize(g.MaxBody); g.MaxBody != "" && err != nil {
		bad(gw.with("max_body"), "%v", err)
	}
	for name, d := range map[string]string{"connect": g.Timeouts.Connect, "first_byte": g.Timeouts.FirstByte, "idle": g.Timeouts.Idle} {
		if v, err := time.ParseDuration(d); d != "" && (err != nil || v <= 0) {
			bad(gw.with("timeouts", name), "%q is not a positive duration such as 30s", d)
		}
	}
	if _, err := ParseRetention(g.EventsRetention); err != nil {
		bad(gw.with("events_retention"), "%v", err)
	}
	switch g.UnknownFields {
	case "", UnknownFieldsReject, UnknownFieldsForward:
	default:
		bad(gw.with("unknown_fields"), "%q (want reject or forward)", g.UnknownFields)
	}
	for i, f := range g.ExtraFields {
		if f == "" || strings.ContainsFunc(f, unicode.IsControl) {
			bad(gw.with("extra_fields", i), "%q is not a field name", f)
		}
	}
	seen := map[string]bool{}
	for i, p := range g.Providers {
		where := gw.with("providers", i)
		switch {
		case p.Name == "":
			bad(where, "name is required")
		case seen[p.Name]:
			bad(where.with("name"), "provider %q is defined twice", p.Name)
		}
		seen[p.Name] = true
		switch p.Kind {
		case "openai", "anthropic", "azure":
		default:
			bad(where.with("kind"), "kind %q (want openai, anthropic or azure)", p.Kind)
		}
		if u, err := url.Parse(p.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(where.with("base_url"), "%q is not an http(s) URL", p.BaseURL)
		}
		if p.KeyEnv != "" && p.KeyFile != "" {
			bad(where.with("key_file"), "set key_env or key_file, not both")
		}
		if p.Kind == "azure" && p.APIVersion == "" {
			bad(where, "azure needs api_version")
		}
		for j, pat := range p.Models {
			if problem := authn.GlobProblem(pat); problem != "" {
				bad(where.with("models", j), "%q %s", pat, problem)
			}
		}
	}
	g.Guard.validate(bad)
	if t := g.Tracing; t != nil {
		if u, err := url.Parse(t.Endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(gw.with("tracing", "endpoint"), "%q is not an http(s) URL", t.Endpoint)
		}
		if t.SampleRatio < 0 || t.SampleRatio > 1 {
			bad(gw.with("tracing", "sample_ratio"), "%v is outside 0 to 1", t.SampleRatio)
		}
	}
	for name, l := range g.Teams {
		checkLimits(bad, gw.with("teams", name), l.Authn())
		g.Guard.checkName(bad, gw.with("teams", name, "guard"), l.Guard)
	}
	for glob, l := range g.Models {
		if problem := authn.GlobProblem(glob); problem != "" {
			bad(gw.with("models", keyName(glob)), "%q %s", glob, problem)
		}
		checkLimits(bad, gw.with("models", glob), l.Authn())
	}
	if g.OIDC != nil {
		g.validateOIDC(bad)
	}
}

// validateOIDC reports what authn.NewOIDC would refuse in gateway.oidc
// (so that it is found with the rest of the file, at its line, rather
// than when the gateway starts), the invalid limits of its rules and
// default, and guard policies they name that do not exist.
func (g *Gateway) validateOIDC(bad badFunc) {
	o, oidc := g.OIDC, at("gateway", "oidc")
	if o.Issuer == "" {
		bad(oidc.with("issuer"), "is required (the tokens' iss claim)")
	}
	if len(o.Audience) == 0 {
		bad(oidc.with("audience"), "list at least one value (the tokens' aud claim)")
	}
	for i, a := range o.Audience {
		if a == "" {
			bad(oidc.with("audience", i), "is empty")
		}
	}
	for i, a := range o.Algorithms {
		if !slices.Contains(authn.Algorithms, a) {
			bad(oidc.with("algorithms", i), "%q is not supported (want %s; none and HMAC never are)", a, strings.Join(authn.Algorithms, ", "))
		}
	}
	if o.ClockSkew != "" {
		switch d, err := time.ParseDuration(o.ClockSkew); {
		case err != nil:
			bad(oidc.with("clock_skew"), "%q is not a duration such as 60s", o.ClockSkew)
		case d < 0 || d > authn.MaxClockSkew:
			bad(oidc.with("clock_skew"), "%s is outside 0 to %v (0 means %v)", o.ClockSkew, authn.MaxClockSkew, authn.DefaultClockSkew)
		}
	}
	if o.JWKSURL != "" {
		if problem := fetchURLProblem(o.JWKSURL); problem != "" {
			bad(oidc.with("jwks_url"), "%q %s", o.JWKSURL, problem)
		}
	} else if o.Issuer != "" {
		if problem := fetchURLProblem(o.Issuer); problem != "" {
			bad(oidc.with("issuer"), "%q %s (its keys are found from it when jwks_url is not set)", o.Issuer, problem)
		}
	}
	for i, r := range o.Rules {
		where := oidc.with("rules", i)
		if len(r.Claims) == 0 {
			bad(where.with("match"), "matches no claim (use default_limits for a catch-all)")
		}
		if _, ok := r.Claims[""]; ok {
			bad(where.with("match"), "has an empty claim name")
		}
		checkLimits(bad, where.with("limits"), r.Limits.Authn())
		g.Guard.checkName(bad, where.with("limits", "guard"), r.Limits.Guard)
	}
	if d := o.Default; d != nil {
		checkLimits(bad, oidc.with("default_limits"), d.Authn())
		g.Guard.checkName(bad, oidc.with("default_limits", "guard"), d.Guard)
	}
}

// fetchURLProblem says why authn would not fetch keys from raw (see
// authn.CheckFetchURL).
func fetchURLProblem(raw string) string {
	switch u, err := url.Parse(raw); {
	case err != nil || u.Host == "":
		return "is not a URL with a host"
	case authn.CheckFetchURL(raw) != nil:
		return "is not https (http only for a loopback host)"
	}
	return ""
}

// validate reports every problem of the guard section.
func (c *GuardConfig) validate(bad badFunc) {
	guard := at("gateway", "guard")
	c.GuardPolicy.validate(bad, guard)
	for name, p := range c.Policies {
		if name == "off" || name == "" {
			bad(guard.with("policies", keyName(name)), "%q is a reserved name", name)
		}
		p.validate(bad, guard.with("policies", name))
	}
	for route, name := range c.Routes {
		c.checkName(bad, guard.with("routes", route), name)
	}
	if cl := c.Classifier; cl != nil {
		if u, err := url.Parse(cl.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(guard.with("classifier", "url"), "%q is not an http(s) URL", cl.URL)
		}
		if _, err := time.ParseDuration(cl.Timeout); cl.Timeout != "" && err != nil {
			bad(guard.with("classifier", "timeout"), "%q is not a duration such as 300ms", cl.Timeout)
		}
	}
}

// checkName reports a policy name that is not defined.
func (c *GuardConfig) checkName(bad badFunc, where yamlPath, name string) {
	if _, ok := c.Policies[name]; name != "" && name != "off" && !ok {
		bad(where, "no guard policy named %q (define it under gateway.guard.policies)", name)
	}
}

// GuardDataKinds are the kinds of sensitive data a policy can name.
var GuardDataKinds = []string{"SECRET", "EMAIL", "PHONE", "CARD", "IBAN", "SSN", "IPV4", "IPV6", "UK_NINO", "ES_DNI", "NL_BSN", "DE_TAXID"}

func (p *GuardPolicy) validate(bad badFunc, where yamlPath) {
	switch p.Mode {
	case "", "off", "flag", "block":
	default:
		bad(where.with("mode"), "%q (want off, flag or block)", p.Mode)
	}
	for name, v := range map[string]float64{"threshold": p.Threshold, "indirect_threshold": p.IndirectThreshold, "min_confidence": p.MinConfidence} {
		if v < 0 || v > 1 {
			bad(where.with(name), "%v is outside 0 to 1", v)
		}
	}
	checkTags(bad, where.with("document_tags"), p.DocumentTags)
	checkActions(bad, where.with("data"), p.Data, "allow", "block", "mask", "pseudonymise", "pseudonymize")
	checkActions(bad, where.with("output", "data"), p.Output.Data, "allow", "block", "mask")
	switch p.Output.Links {
	case "", "strip", "flag", "block":
	default:
		bad(where.with("output", "links"), "%q (want strip, flag or block)", p.Output.Links)
	}
}

func checkActions(bad badFunc, where yamlPath, m map[string]string, actions ...string) {
	for kind, act := range m {
		if !slices.Contains(GuardDataKinds, kind) {
			bad(where.with(keyName(kind)), "unknown kind %q (want one of %s)", kind, strings.Join(GuardDataKinds, ", "))
		}
		if !slices.Contains(actions, act) {
			bad(where.with(kind), "action %q (want %s)", act, strings.Join(actions, ", "))
		}
	}
}

// maxDocumentTags bounds a policy's document tags: the gateway compares
// each '<' of a message with every tag.
const maxDocumentTags = 64

// checkTags reports document tags the gateway cannot find (see
// gateway.TagName), or too many of them.
func checkTags(bad badFunc, where yamlPath, tags []string) {
	if len(tags) > maxDocumentTags {
		bad(where, "%d tags (at most %d)", len(tags), maxDocumentTags)
	}
	for i, tag := range tags {
		if !gateway.TagName(tag) {
			bad(where.with(i), "%q is not a tag name (write document for <document>; at most %d letters, digits, '_', '-', ':' or '.')", tag, gateway.MaxTagName)
		}
	}
}
