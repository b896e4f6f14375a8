package config

import (
	"fmt"
	"net/url"
	"time"
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
	// MaxBody bounds request bodies, e.g. "4MiB".
	MaxBody  string          `yaml:"max_body"`
	Timeouts GatewayTimeouts `yaml:"timeouts"`
	FailOpen FailOpen        `yaml:"fail_open"`
	// ClampMaxTokens lowers max_tokens to what a budget can still pay for
	// instead of refusing the request.
	ClampMaxTokens bool `yaml:"clamp_max_tokens"`
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
	// Guard judges every request for prompt injection: mode off (the
	// default), flag (record only) or block; threshold in [0,1] (0: the
	// model's default operating point).
	Guard GuardConfig `yaml:"guard"`
}

// GuardConfig configures the gateway's prompt-injection guard.
type GuardConfig struct {
	Mode      string  `yaml:"mode"`
	Threshold float64 `yaml:"threshold"`
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
}

// DefaultGateway is the gateway's embedded default.
func DefaultGateway() Gateway {
	return Gateway{Listen: "127.0.0.1:8787", Counters: "memory", MaxBody: "4MiB", AdminTokenEnv: "WARD_ADMIN_TOKEN"}
}

// validateGateway reports every problem of the gateway section.
func (g *Gateway) validate(bad func(string, ...any)) {
	if _, err := ParseSize(g.MaxBody); g.MaxBody != "" && err != nil {
		bad("gateway.max_body: %v", err)
	}
	for name, d := range map[string]string{"connect": g.Timeouts.Connect, "first_byte": g.Timeouts.FirstByte, "idle": g.Timeouts.Idle} {
		if _, err := time.ParseDuration(d); d != "" && err != nil {
			bad("gateway.timeouts.%s: %q is not a duration such as 30s", name, d)
		}
	}
	seen := map[string]bool{}
	for i, p := range g.Providers {
		where := fmt.Sprintf("gateway.providers[%d]", i)
		switch {
		case p.Name == "":
			bad("%s: name is required", where)
		case seen[p.Name]:
			bad("%s: provider %q is defined twice", where, p.Name)
		}
		seen[p.Name] = true
		switch p.Kind {
		case "openai", "anthropic", "azure":
		default:
			bad("%s: kind %q (want openai, anthropic or azure)", where, p.Kind)
		}
		if u, err := url.Parse(p.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("%s: base_url %q is not an http(s) URL", where, p.BaseURL)
		}
		if p.KeyEnv != "" && p.KeyFile != "" {
			bad("%s: set key_env or key_file, not both", where)
		}
		if p.Kind == "azure" && p.APIVersion == "" {
			bad("%s: azure needs api_version", where)
		}
	}
	switch g.Guard.Mode {
	case "", "off", "flag", "block":
	default:
		bad("gateway.guard.mode %q (want off, flag or block)", g.Guard.Mode)
	}
	if g.Guard.Threshold < 0 || g.Guard.Threshold > 1 {
		bad("gateway.guard.threshold %v is outside 0 to 1", g.Guard.Threshold)
	}
	for _, l := range g.Teams {
		checkPeriod(bad, "gateway.teams", l.BudgetPeriod)
	}
	for _, l := range g.Models {
		checkPeriod(bad, "gateway.models", l.BudgetPeriod)
	}
}

func checkPeriod(bad func(string, ...any), where, p string) {
	switch p {
	case "", "day", "month", "total":
	default:
		bad("%s: budget_period %q (want day, month or total)", where, p)
	}
}
