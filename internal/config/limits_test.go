package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGatewayLimitsValidated: invalid limits under gateway.oidc, teams
// and models are configuration errors that name the file, the line and
// the YAML path, all at once.
func TestGatewayLimitsValidated(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), FileName)
	yaml := `gateway:
  teams: {ml: {rpm: -1}}
  models: {"gpt-4o": {budget_period: weekly}}
  oidc:
    issuer: https://issuer.example.com
    audience: [ward]
    rules:
      - match: {repository: "org/*"}
        limits: {budget_period: fortnight, routes: [v1/embeddings], models: ["gpt-["], max_tokens: -3}
    default_limits: {budget_usd: -1, guard: nope}
`
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, false)
	for _, want := range []string{
		path + ":9: gateway.oidc.rules[0].limits.budget_period: \"fortnight\": want day, month or total",
		`gateway.oidc.rules[0].limits.routes[0]: "v1/embeddings" must start with /`,
		`gateway.oidc.rules[0].limits.models[0]: "gpt-[" is not a valid glob`,
		"gateway.oidc.rules[0].limits.max_tokens: -3 is negative",
		"gateway.oidc.default_limits.budget_usd: -1 is negative",
		`gateway.oidc.default_limits.guard: no guard policy named "nope"`,
		"gateway.teams.ml.rpm: -1 is negative",
		`gateway.models.gpt-4o.budget_period: "weekly"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load error lacks %q:\n%v", want, err)
		}
	}
	valid := "gateway:\n  oidc:\n    issuer: https://issuer.example.com\n    audience: [ward]\n" +
		"    rules: [{match: {sub: x}, limits: {budget_usd: 5, budget_period: day, routes: [/v1/*], models: [gpt-4o*]}}]\n"
	os.WriteFile(path, []byte(valid), 0o600)
	if _, err := Load(path, false); err != nil {
		t.Errorf("valid limits refused: %v", err)
	}
}

// TestGatewayPatternsAndTimeouts: a model pattern that cannot match and a
// timeout that is not positive are configuration errors, not settings
// quietly ignored.
func TestGatewayPatternsAndTimeouts(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), FileName)
	yaml := `gateway:
  timeouts: {idle: -1s, first_byte: 0s}
  models: {"gpt-[": {rpm: 5}}
  providers:
    - {name: a, kind: openai, base_url: "http://127.0.0.1:9", models: ["gpt-*", "gpt-["]}
`
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, false)
	for _, want := range []string{
		path + ":2: gateway.timeouts.idle: \"-1s\" is not a positive duration",
		`gateway.timeouts.first_byte: "0s" is not a positive duration`,
		`gateway.models: "gpt-[" is not a valid glob`,
		`gateway.providers[0].models[1]: "gpt-[" is not a valid glob`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load error lacks %q:\n%v", want, err)
		}
	}
}
