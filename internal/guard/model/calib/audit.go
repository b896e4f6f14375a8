package calib

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
)

// Reading is what the audit made of an in-the-wild prompt.
type Reading int

// The readings.
const (
	Unread       Reading = iota // not in the audit
	Jailbreak                   // tries to switch off the model's rules
	NotJailbreak                // a role, persona or task prompt that asks for nothing forbidden
	Unsure                      // the reviewer could not tell
)

var readingNames = [...]string{"unread", "jailbreak", "not-jailbreak", "unsure"}

// String is the reading as the audit file writes it.
func (r Reading) String() string {
	if r < 0 || int(r) >= len(readingNames) {
		return fmt.Sprintf("Reading(%d)", int(r))
	}
	return readingNames[r]
}

// wildAudit is a second, blind reading of the jailbreak_llms prompts
// (wild_audit.tsv): the collection labels every prompt of a jailbreak
// community a jailbreak, and many are ordinary role or task prompts
// ("act as an SEO expert"). Each line is the FNV-1a 64-bit hash of a
// prompt's text in hex, the reading (jailbreak, not-jailbreak or
// unsure) and a short reason; the prompts themselves are not in the
// repository. See the model's README for how it was made.
//
//go:embed wild_audit.tsv
var wildAudit string

var auditOnce = sync.OnceValues(func() (map[uint64]Reading, error) { return parseAudit(wildAudit) })

// Audit returns the audit's reading of an in-the-wild prompt's text
// (Unread if the embedded file does not decode: see AuditError).
func Audit(text string) Reading {
	m, err := auditOnce()
	if err != nil {
		return Unread
	}
	return m[TextHash(text)]
}

// AuditError reports a malformed embedded audit file (a test checks it).
func AuditError() error {
	_, err := auditOnce()
	return err
}

// TextHash is the FNV-1a 64-bit hash the audit file keys prompts by.
func TextHash(text string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(text))
	return h.Sum64()
}

// parseAudit reads the audit file's lines: hash, reading, reason.
func parseAudit(s string) (map[uint64]Reading, error) {
	m := map[uint64]Reading{}
	for i, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 3 || len(f[0]) != 16 || strings.HasSuffix(line, "\r") {
			return nil, fmt.Errorf("wild_audit.tsv:%d: want hash<TAB>reading<TAB>reason, LF line ends", i+1)
		}
		h, err := strconv.ParseUint(f[0], 16, 64)
		if err != nil {
			return nil, fmt.Errorf("wild_audit.tsv:%d: hash %q is not 16 hex digits", i+1, f[0])
		}
		r := Unread
		for c := Jailbreak; c <= Unsure; c++ {
			if f[1] == c.String() {
				r = c
			}
		}
		if r == Unread {
			return nil, fmt.Errorf("wild_audit.tsv:%d: unknown reading %q", i+1, f[1])
		}
		if _, dup := m[h]; dup {
			return nil, fmt.Errorf("wild_audit.tsv:%d: hash %s listed twice", i+1, f[0])
		}
		m[h] = r
	}
	return m, nil
}
