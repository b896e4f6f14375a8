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
		cfg.ClaimMap.Rules = append(cfg.ClaimMap.Rules, authn.ClaimRule{Match: r.Claims, Limits: r.Limits.Authn()})
	}
	if c.Default != nil {
		l := c.Default.Authn()
		cfg.ClaimMap.DefaultLimits = &l
	}
	o, err := authn.NewOIDC(ctx, cfg, &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		return nil, usageErr(fmt.Errorf("gateway.oidc: %w", err), "check the issuer URL; its discovery document and keys must be reachable")
	}
	return o, nil
}
