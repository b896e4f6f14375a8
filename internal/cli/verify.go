package cli

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/verify"
)

// verifyConcurrency bounds requests to providers in flight at once.
const verifyConcurrency = 8

// parseBaseURLs reads --verify-base-url provider=URL entries. The provider
// must exist (a typo would send the secret to the real provider) and the
// URL must be https, or http on a loopback address (tests, local mirrors).
func parseBaseURLs(entries []string) (map[string]string, error) {
	known := map[string]bool{}
	var names []string
	for _, p := range verify.Providers() {
		known[p.Name] = true
		names = append(names, p.Name)
	}
	out := map[string]string{}
	for _, e := range entries {
		name, raw, ok := strings.Cut(e, "=")
		if !ok || name == "" || raw == "" {
			return nil, usageErr(fmt.Errorf("--verify-base-url %q: want PROVIDER=URL", e), "")
		}
		if !known[name] {
			return nil, usageErr(fmt.Errorf("--verify-base-url: unknown provider %q", name), "providers: "+strings.Join(names, ", "))
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || !(u.Scheme == "https" || u.Scheme == "http" && loopback(u.Hostname())) {
			return nil, usageErr(fmt.Errorf("--verify-base-url %s: want an https:// URL (http:// only on a loopback address)", name), "")
		}
		out[name] = raw
	}
	return out, nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// verifyFindings asks providers about each supported secret finding and
// records the answer on it. The Verifier asks once per distinct secret.
func (e *env) verifyFindings(fs []finding.Finding, baseURLs map[string]string) {
	v := verify.New(verify.Options{BaseURLs: baseURLs})
	sem := make(chan struct{}, verifyConcurrency)
	var wg sync.WaitGroup
	for i := range fs {
		f := &fs[i]
		if f.Scanner != finding.ScannerSecret || f.Secret() == "" || f.Suppressed != nil || !v.Supports(f.RuleID) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f.Verified, _ = v.Verify(e.ctx, f.RuleID, f.Secret())
		}()
	}
	wg.Wait()
}
