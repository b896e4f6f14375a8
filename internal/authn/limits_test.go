package authn

import (
	"math"
	"strings"
	"testing"
)

func TestLimitsCheck(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		limits Limits
		want   []string // fields, in order
	}{
		{"zero", Limits{}, nil},
		{"valid", Limits{Models: []string{"gpt-4o", "claude-*", "o[13]-mini"}, Routes: []string{"/v1/embeddings", "/v1/*"},
			RPM: 60, TPM: 1000, Concurrency: 4, BudgetUSD: 12.5, BudgetPeriod: PeriodTotal, MaxBodyBytes: 1 << 20, MaxTokens: 4096}, nil},
		{"admin API repro", Limits{RPM: -5, BudgetUSD: -1, BudgetPeriod: "weekly", MaxTokens: -3},
			[]string{"rpm", "max_tokens", "budget_usd", "budget_period"}},
		{"negative counts", Limits{TPM: -1, Concurrency: -2, MaxBodyBytes: -1}, []string{"tpm", "concurrency", "max_body_bytes"}},
		{"budget not a number", Limits{BudgetUSD: math.NaN()}, []string{"budget_usd"}},
		{"budget infinite", Limits{BudgetUSD: math.Inf(1)}, []string{"budget_usd"}},
		{"fortnight", Limits{BudgetPeriod: "fortnight"}, []string{"budget_period"}},
		{"route without slash", Limits{Routes: []string{"/v1/chat/completions", "v1/embeddings"}}, []string{"routes[1]"}},
		{"bad model glob", Limits{Models: []string{"gpt-["}}, []string{"models[0]"}},
		{"empty model", Limits{Models: []string{" "}}, []string{"models[0]"}},
		{"bad route glob", Limits{Routes: []string{"/v1/[", ""}}, []string{"routes[0]", "routes[1]"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, e := range tt.limits.Check() {
				got = append(got, e.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Check() fields = %v, want %v", got, tt.want)
			}
			if err := tt.limits.Validate(); (err != nil) != (len(tt.want) > 0) {
				t.Errorf("Validate() = %v, want an error: %v", err, len(tt.want) > 0)
			}
		})
	}
}

func TestLimitsValidateMessage(t *testing.T) {
	t.Parallel()
	l := Limits{Routes: []string{"v1/embeddings"}, BudgetPeriod: "weekly"}
	err := l.Validate()
	for _, want := range []string{`budget_period: "weekly": want day, month or total`, `routes[0]: "v1/embeddings" must start with /`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to say %q", err, want)
		}
	}
}

func TestClaimMapLimitsValidated(t *testing.T) {
	t.Parallel()
	rule := &ClaimMap{Rules: []ClaimRule{{Match: map[string]string{"sub": "x"}, Limits: Limits{BudgetPeriod: "fortnight"}}}}
	if err := normalizeClaimMap(rule); err == nil || !strings.Contains(err.Error(), `claims rule 0: invalid limits: budget_period: "fortnight"`) {
		t.Errorf("rule with a bad period: %v", err)
	}
	def := &ClaimMap{DefaultLimits: &Limits{Routes: []string{"v1/embeddings"}}}
	if err := normalizeClaimMap(def); err == nil || !strings.Contains(err.Error(), "default limits: invalid limits: routes[0]") {
		t.Errorf("default limits with a bad route: %v", err)
	}
}
