package cli

import (
	"fmt"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/verify"
)

// verifyConcurrency bounds requests to providers in flight at once.
const verifyConcurrency = 8

// parseBaseURLs reads --verify-base-url provider=URL entries.
func parseBaseURLs(entries []string) (map[string]string, error) {
	out := map[string]string{}
	for _, e := range entries {
		name, url, ok := strings.Cut(e, "=")
		if !ok || name == "" || url == "" {
			return nil, usageErr(fmt.Errorf("--verify-base-url %q: want PROVIDER=URL", e), "")
		}
		out[name] = url
	}
	return out, nil
}

// verifyFindings asks providers about each supported secret finding and
// records the answer on it. The Verifier asks once per distinct secret.
func (e *env) verifyFindings(fs []finding.Finding, baseURLs map[string]string) {
	v := verify.New(verify.Options{BaseURLs: baseURLs})
	sem := make(chan struct{}, verifyConcurrency)
	var wg sync.WaitGroup
	for i := range fs {
		f := &fs[i]
		if f.Scanner != finding.ScannerSecret || f.Secret() == "" || !v.Supports(f.RuleID) {
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
