// Package finding defines the domain type every scanner produces and every
// report consumes: a Finding is something wrong in code or configuration.
//
// It imports only the standard library and must never hold a secret in a
// form that prints: the raw value lives in an unexported field and every
// rendering goes through Redact.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"
)

// Scanner names, as Trivy spells them.
const (
	ScannerSecret    = "secret"
	ScannerVuln      = "vuln"
	ScannerMisconfig = "misconfig"
)

// Location says where a finding is: a repository-relative path (slash
// separated) and 1-based line and column numbers. Columns count bytes.
type Location struct {
	Path        string `json:"path"`
	StartLine   int    `json:"start_line"`
	StartColumn int    `json:"start_column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
}

// String renders "path:line:column".
func (l Location) String() string {
	if l.StartLine == 0 {
		return l.Path
	}
	return fmt.Sprintf("%s:%d:%d", l.Path, l.StartLine, l.StartColumn)
}

// Commit carries the git metadata of a finding that came from history.
type Commit struct {
	SHA     string `json:"sha"`
	Author  string `json:"author"`
	Email   string `json:"email"`
	Date    string `json:"date"`
	Message string `json:"message,omitempty"`
}

// Verification states of a secret checked against its provider.
const (
	Verified   = "verified"
	Invalid    = "invalid"
	Unverified = "unknown"
)

// Finding is one problem found by one scanner.
type Finding struct {
	Scanner     string     `json:"scanner"`
	RuleID      string     `json:"rule_id"`
	Title       string     `json:"title"`
	Severity    Severity   `json:"severity"`
	Location    Location   `json:"location"`
	Commit      *Commit    `json:"commit,omitempty"`
	Fingerprint string     `json:"fingerprint"`
	Evidence    string     `json:"evidence,omitempty"`
	Entropy     float64    `json:"entropy,omitempty"`
	Tags        []string   `json:"tags,omitempty"`
	Verified    string     `json:"verification,omitempty"`
	Decoded     string     `json:"decoded,omitempty"`
	Suppressed  *Suppress  `json:"suppressed,omitempty"`
	Vuln        *Vuln      `json:"vulnerability,omitempty"`
	Misconfig   *Misconfig `json:"misconfiguration,omitempty"`

	secret string
}

// Suppress records why a finding was suppressed, when it was.
type Suppress struct {
	Kind   string `json:"kind"` // inline, ignore-file, baseline, unimported (Go: no affected package imported)
	Reason string `json:"reason,omitempty"`
}

// SetSecret stores the raw secret value. It is never marshalled or logged.
func (f *Finding) SetSecret(s string) { f.secret = s }

// Secret returns the raw secret value; callers must not print it unless the
// user asked for --show-secrets.
func (f *Finding) Secret() string { return f.secret }

// LogValue keeps the secret out of structured logs.
func (f Finding) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("rule", f.RuleID),
		slog.String("location", f.Location.String()),
		slog.String("secret", Redact(f.secret)),
	)
}

// Redact renders a secret as its first characters and its length, for
// example "ghp_…(40 chars)". Short secrets reveal less: at most a quarter of
// the value is ever shown, and never more than four characters.
func Redact(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	show := min(4, n/4)
	prefix := string([]rune(s)[:show])
	return fmt.Sprintf("%s…(%d chars)", prefix, n)
}

// RedactIn replaces every occurrence of secret inside text with its
// redacted form.
func RedactIn(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, Redact(secret))
}

// Fingerprint is a stable identity for a finding that survives lines moving:
// a hash of the rule, the path and the secret (or any other identifying
// value a scanner chooses).
func Fingerprint(ruleID, path, value string) string {
	h := sha256.New()
	h.Write([]byte(ruleID))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return hex.EncodeToString(h.Sum(nil)[:16])
}
