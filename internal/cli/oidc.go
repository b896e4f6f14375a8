package cli

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/config"
)

// newOIDC builds the workload-identity verifier of gateway.oidc.
func newOIDC(ctx context.Context, c *config.OIDC) (*authn.OIDC, error) {
	cfg := authn.OIDCConfig{
		Issuer: c.Issuer, Audience: c.Audience, Algorithms: c.Algorithms, JWKSURL: c.JWKSURL,
		ClaimMap: authn.ClaimMap{Name: c.NameClaim, Team: c.TeamClaim},
	}
	if c.ClockSkew != "" {
		d, err := time.ParseDuration(c.ClockSkew)
		if err != nil {
			return nil, usageErr(fmt.Errorf("gateway.oidc.clock_skew: %w", err), "")
		}
		cfg.ClockSkew = d
	}
	for _, r := range c.Rules {
		cfg.ClaimMap.Rules = append(cfg.ClaimMap.Rules, authn.ClaimRule{Match: r.Claims, Limits: keyLimits(r.Limits)})
	}
	if c.Default != nil {
		l := keyLimits(*c.Default)
		cfg.ClaimMap.DefaultLimits = &l
	}
	o, err := authn.NewOIDC(ctx, cfg, &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		return nil, usageErr(fmt.Errorf("gateway.oidc: %w", err), "check the issuer URL; its discovery document and keys must be reachable")
	}
	return o, nil
}

func keyLimits(l config.KeyLimits) authn.Limits {
	return authn.Limits{Models: l.Models, Routes: l.Routes, RPM: l.RPM, TPM: l.TPM, Concurrency: l.Concurrency,
		BudgetUSD: l.BudgetUSD, BudgetPeriod: l.BudgetPeriod, MaxTokens: l.MaxTokens, Guard: l.Guard}
}
