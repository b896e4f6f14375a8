package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/wardsec/ward/internal/authn"
)

// loadErrors writes body to a config file, loads it and returns the
// file's path and the error's lines (each problem on its own).
func loadErrors(t *testing.T, body string) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ward.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, false)
	if err == nil {
		return path, nil
	}
	return path, strings.Split(err.Error(), "\n")
}

// TestCheckedValuesNameTheLine: every value Validate finds wrong is
// named by file, line and YAML path ("ward.yaml:7: gateway.max_body:
// …"), as unknown keys and type errors are, and the problems come in
// the file's order. The line is the key's (or, in a list, the item's);
// a required field that is left out gets the line of what should hold
// it.
func TestCheckedValuesNameTheLine(t *testing.T) {
	t.Parallel()
	path, got := loadErrors(t, `scan:
  scanners: [secret, magic]
  fail_on: dire
  max_file_size: big
  severity:
    - high
    - grave
  vuln:
    max_age: weekly
  secrets:
    decode_depth: 9
gateway:
  max_body: lots
  timeouts:
    connect: 0s
  events_retention: 30m
  providers:
    - name: a
      kind: openai
      base_url: https://api.example.com
      models: ["gpt-["]
    - kind: azure
      base_url: ftp://x
  tracing:
    endpoint: collector:4318
    sample_ratio: 2
  teams:
    ml:
      rpm: -1
      guard: strict
  models:
    "gpt-[": {tpm: 1}
  guard:
    mode: on
    data:
      PASSPORT: block
    output:
      links: hide
    classifier:
      url: http://127.0.0.1:9
      timeout: soon
`)
	want := []string{
		"2: scan.scanners[1]: unknown scanner \"magic\"",
		"3: scan.fail_on: ",
		"4: scan.max_file_size: size \"big\"",
		"7: scan.severity[1]: ",
		"9: scan.vuln.max_age: \"weekly\" is not a duration",
		"11: scan.secrets.decode_depth: 9 is outside 0 to 5",
		"13: gateway.max_body: size \"lots\"",
		"15: gateway.timeouts.connect: \"0s\" is not a positive duration",
		"16: gateway.events_retention: retention \"30m\" is under an hour",
		"21: gateway.providers[0].models[0]: \"gpt-[\" is not a valid glob",
		"22: gateway.providers[1]: azure needs api_version",
		"22: gateway.providers[1]: name is required",
		"23: gateway.providers[1].base_url: \"ftp://x\" is not an http(s) URL",
		"25: gateway.tracing.endpoint: \"collector:4318\" is not an http(s) URL",
		"26: gateway.tracing.sample_ratio: 2 is outside 0 to 1",
		"29: gateway.teams.ml.rpm: -1 is negative",
		"30: gateway.teams.ml.guard: no guard policy named \"strict\"",
		"32: gateway.models: \"gpt-[\" is not a valid glob",
		"34: gateway.guard.mode: \"on\" (want off, flag or block)",
		"36: gateway.guard.data: unknown kind \"PASSPORT\"",
		"38: gateway.guard.output.links: \"hide\" (want strip, flag or block)",
		"41: gateway.guard.classifier.timeout: \"soon\" is not a duration",
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if i < len(got) && !strings.HasPrefix(got[i], path+":"+w) {
			t.Errorf("problem %d: %q, want it to start with %q", i, got[i], path+":"+w)
		}
	}
}

// TestLinesThroughAliases: a value that an alias or a merge key brings
// in is found where it is written.
func TestLinesThroughAliases(t *testing.T) {
	t.Parallel()
	path, got := loadErrors(t, `gateway:
  teams:
    ml: &slow
      rpm: -5
    ops:
      <<: *slow
      tpm: -1
    qa: *slow
`)
	want := []string{
		path + ":4: gateway.teams.ml.rpm: -5 is negative",
		path + ":4: gateway.teams.ops.rpm: -5 is negative",
		path + ":4: gateway.teams.qa.rpm: -5 is negative",
		path + ":7: gateway.teams.ops.tpm: -1 is negative",
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if i < len(got) && !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d: %q, want it to start with %q", i, got[i], w)
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(`a: &x
  rpm: -5
teams:
  ops:
    <<: [*x]
    tpm: -1
  list: [1, *x]
`), &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p    yamlPath
		want int
	}{
		{at("teams", "ops", "rpm"), 2},
		{at("teams", "ops", "tpm"), 6},
		{at("teams", "list", 1, "rpm"), 2},
		{at("teams", "list", 5), 7},           // no such item: the list's line
		{at("teams", "ops", "budget_usd"), 4}, // not written: its mapping's line
		{at("nothing"), 0},
	} {
		if got := line(&doc, c.p); got != c.want {
			t.Errorf("line of %s = %d, want %d", c.p, got, c.want)
		}
	}
	if got := line(nil, at("teams")); got != 0 {
		t.Errorf("line without a file = %d", got)
	}
}

// TestFlagsNameNoLine: a value a flag set is not blamed on a line of the
// file (Validate is called with "flags", not the file's path).
func TestFlagsNameNoLine(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("scan:\n  format: json\n  fail_on: high\n"), 0o600)
	c, err := Load(path, false)
	if err != nil {
		t.Fatal(err)
	}
	c.Scan.FailOn = "dire" // as --fail-on dire
	if err := c.Validate("flags"); err == nil || !strings.HasPrefix(err.Error(), "flags: scan.fail_on: ") {
		t.Errorf("a flag's problem: %v, want it named flags: scan.fail_on", err)
	}
	if err := Default().Validate("defaults"); err != nil {
		t.Errorf("the defaults: %v", err)
	}
}

// TestOIDCValidatedAtLoad: what authn.NewOIDC would refuse in
// gateway.oidc (an algorithm it does not support, a clock skew beyond
// its bounds, a missing issuer or audience, keys it would not fetch, a
// rule that matches nothing) is a configuration error at load, with the
// file and line, instead of an error when the gateway starts without
// them (and under a hint about the issuer's URL).
func TestOIDCValidatedAtLoad(t *testing.T) {
	t.Parallel()
	const head = "gateway:\n  oidc:\n"
	for _, c := range []struct {
		name, body, want string
	}{
		{"HMAC", "    issuer: https://token.actions.githubusercontent.com\n    audience: [ward]\n    algorithms: [RS256, HS256]\n",
			`:5: gateway.oidc.algorithms[1]: "HS256" is not supported (want RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA; none and HMAC never are)`},
		{"none", "    issuer: https://i.example.com\n    audience: [ward]\n    algorithms:\n      - none\n",
			`:6: gateway.oidc.algorithms[0]: "none" is not supported`},
		{"skew too long", "    issuer: https://i.example.com\n    audience: [ward]\n    clock_skew: 10m\n",
			`:5: gateway.oidc.clock_skew: 10m is outside 0 to 5m0s (0 means 1m0s)`},
		{"negative skew", "    issuer: https://i.example.com\n    audience: [ward]\n    clock_skew: -1s\n",
			`:5: gateway.oidc.clock_skew: -1s is outside 0 to 5m0s`},
		{"skew not a duration", "    issuer: https://i.example.com\n    audience: [ward]\n    clock_skew: 5\n",
			`:5: gateway.oidc.clock_skew: "5" is not a duration such as 60s`},
		{"no issuer", "    audience: [ward]\n",
			`:2: gateway.oidc.issuer: is required`},
		{"no audience", "    issuer: https://i.example.com\n",
			`:2: gateway.oidc.audience: list at least one value`},
		{"empty audience", "    issuer: https://i.example.com\n    audience: [ward, \"\"]\n",
			`:4: gateway.oidc.audience[1]: is empty`},
		{"http issuer", "    issuer: http://i.example.com\n    audience: [ward]\n",
			`:3: gateway.oidc.issuer: "http://i.example.com" is not https`},
		{"http keys", "    issuer: http://i.example.com\n    audience: [ward]\n    jwks_url: http://i.example.com/keys\n",
			`:5: gateway.oidc.jwks_url: "http://i.example.com/keys" is not https`},
		{"rule matching nothing", "    issuer: https://i.example.com\n    audience: [ward]\n    rules:\n      - limits: {rpm: 5}\n",
			`:6: gateway.oidc.rules[0].match: matches no claim`},
		{"empty claim name", "    issuer: https://i.example.com\n    audience: [ward]\n    rules:\n      - match: {\"\": x}\n",
			`:6: gateway.oidc.rules[0].match: has an empty claim name`},
	} {
		path, got := loadErrors(t, head+c.body)
		if len(got) != 1 || !strings.HasPrefix(got[0], path+c.want) {
			t.Errorf("%s: %q, want one problem starting with %q", c.name, got, path+c.want)
		}
		// authn refuses the same configuration.
		cfg := oidcForAuthn(t, path)
		if cfg == nil {
			continue
		}
		if _, err := authn.NewOIDC(context.Background(), *cfg, nil); err == nil || !refusedByConfig(err) {
			t.Errorf("%s: refused at load, but authn.NewOIDC says %v", c.name, err)
		}
	}
	valid := head + "    issuer: https://i.example.com\n    audience: [ward]\n    algorithms: [" + strings.Join(authn.Algorithms, ", ") +
		"]\n    clock_skew: 5m\n    jwks_url: http://127.0.0.1:1/keys\n    rules: [{match: {sub: x}, limits: {rpm: 5}}]\n"
	path, got := loadErrors(t, valid)
	if got != nil {
		t.Fatalf("a valid gateway.oidc: %q", got)
	}
	// authn accepts every algorithm and bound the configuration does:
	// what fails is fetching the keys, not the configuration.
	cfg := oidcForAuthn(t, path)
	if _, err := authn.NewOIDC(context.Background(), *cfg, nil); err == nil || refusedByConfig(err) {
		t.Errorf("a gateway.oidc Load accepts: authn.NewOIDC says %v", err)
	}
	for _, skew := range []string{"0s", "1s"} {
		if _, got := loadErrors(t, strings.Replace(valid, "5m", skew, 1)); got != nil {
			t.Errorf("clock_skew %s: %q", skew, got)
		}
	}
}

// oidcForAuthn reads gateway.oidc as the CLI hands it to authn, or nil
// when the file cannot be read past its own syntax.
func oidcForAuthn(t *testing.T, path string) *authn.OIDCConfig {
	t.Helper()
	b, _ := os.ReadFile(path)
	var c Config
	if err := yaml.Unmarshal(b, &c); err != nil || c.Gateway.OIDC == nil {
		return nil
	}
	o := c.Gateway.OIDC
	cfg := &authn.OIDCConfig{Issuer: o.Issuer, Audience: o.Audience, Algorithms: o.Algorithms, JWKSURL: o.JWKSURL}
	if o.ClockSkew != "" {
		d, err := time.ParseDuration(o.ClockSkew)
		if err != nil {
			return nil // the CLI stops at this too
		}
		cfg.ClockSkew = d
	}
	for _, r := range o.Rules {
		cfg.ClaimMap.Rules = append(cfg.ClaimMap.Rules, authn.ClaimRule{Match: r.Claims, Limits: r.Limits.Authn()})
	}
	return cfg
}

// refusedByConfig reports an error of authn.NewOIDC about its
// configuration rather than about reaching the issuer.
func refusedByConfig(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "oidc config") || strings.Contains(msg, "discovery: issuer:")
}
