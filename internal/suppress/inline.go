package suppress

import (
	"strings"
)

// Inline looks for a suppression comment for ruleID on the finding's line
// or the line above it. It returns the reason given (possibly empty).
//
//	password = "..." // ward:ignore generic-credential test fixture
//	# ward:ignore aws-access-key-id,aws-secret-access-key documented example
//	token = "..." # gitleaks:allow
func Inline(line, above, ruleID string) (reason string, ok bool) {
	if strings.Contains(line, "gitleaks:allow") {
		return "gitleaks:allow", true
	}
	for _, l := range []string{line, above} {
		if r, ok := wardIgnore(l, ruleID); ok {
			return r, true
		}
	}
	return "", false
}

func wardIgnore(line, ruleID string) (string, bool) {
	i := strings.Index(line, "ward:ignore")
	if i < 0 {
		return "", false
	}
	rest := strings.TrimSpace(line[i+len("ward:ignore"):])
	ids, reason, _ := strings.Cut(rest, " ")
	for _, id := range strings.Split(ids, ",") {
		if id == ruleID || id == "*" {
			return cleanReason(reason), true
		}
	}
	return "", false
}

// cleanReason drops comment closers that follow the reason.
func cleanReason(r string) string {
	r = strings.TrimSpace(r)
	for _, end := range []string{"*/", "-->", "%>", "#}"} {
		r = strings.TrimSpace(strings.TrimSuffix(r, end))
	}
	return r
}
