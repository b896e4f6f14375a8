package gateway

import (
	"strings"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/redact"
)

// keyPrefixes start the keys of common providers and code hosts ("sk-"
// covers OpenAI's sk-proj- and Anthropic's sk-ant-): what follows one at
// the start of a word, minKeyTail characters or more, is a key.
var keyPrefixes = []string{"sk-", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-",
	"xoxa-", "xoxb-", "xoxp-", "AKIA", "ASIA", "AIza", "hf_", "gsk_", "pplx-", "r8_", "nvapi-"}

const (
	// minKeyTail is the shortest run after a provider's prefix taken
	// for a key ("sk-1" is not one).
	minKeyTail = 8
	// minBareKey is the shortest word of mixed-case letters and digits
	// taken for a key with no prefix (random, as keys are; a hex digest
	// has no capitals and is not one).
	minBareKey = 32
)

// maskKeys cuts the secret part of every key-shaped word in s, so that
// neither an answer nor the log repeats a key pasted where a path, a
// model name or a request id goes: what follows "ward_" (a Ward key) or
// a common provider's prefix becomes "…", as does a long word of mixed
// letters and digits. s comes back unchanged (no copy) when it holds
// none.
func maskKeys(s string) string {
	i, j, keep := nextKey(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		b.WriteString(s[:i+keep])
		b.WriteString("…")
		s = s[j:]
		i, j, keep = nextKey(s)
	}
	b.WriteString(s)
	return b.String()
}

// keyShaped reports whether s holds a key (see maskKeys).
func keyShaped(s string) bool {
	i, _, _ := nextKey(s)
	return i >= 0
}

// nextKey finds the first key in s: s[i:j], of which the first keep
// bytes (its prefix) may be shown; i is -1 when there is none.
func nextKey(s string) (i, j, keep int) {
	for p := 0; p < len(s); p++ {
		if strings.HasPrefix(s[p:], authn.KeyPrefix) {
			// Anywhere, as a Ward key pasted after other text still is one.
			if n := run(s[p+len(authn.KeyPrefix):], isAlnum); n > 0 {
				return p, p + len(authn.KeyPrefix) + n, len(authn.KeyPrefix)
			}
		}
		if p > 0 && isAlnum(s[p-1]) || !isAlnum(s[p]) {
			continue // keys with a prefix, or none, start a word
		}
		for _, pre := range keyPrefixes {
			if strings.HasPrefix(s[p:], pre) {
				if n := run(s[p+len(pre):], isKeyChar); n >= minKeyTail {
					return p, p + len(pre) + n, len(pre)
				}
			}
		}
		if n := run(s[p:], isAlnum); n >= minBareKey && mixed(s[p:p+n]) {
			return p, p + n, 0
		}
	}
	return -1, -1, 0
}

// run counts the bytes at the start of s that ok accepts.
func run(s string, ok func(byte) bool) int {
	n := 0
	for n < len(s) && ok(s[n]) {
		n++
	}
	return n
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// isKeyChar accepts the characters of provider keys (base64url).
func isKeyChar(c byte) bool { return isAlnum(c) || c == '-' || c == '_' }

// mixed reports a word with capitals, small letters and digits.
func mixed(w string) bool {
	var upper, lower, digit bool
	for i := 0; i < len(w); i++ {
		c := w[i]
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
		digit = digit || c >= '0' && c <= '9'
	}
	return upper && lower && digit
}

// maskModel is a request's model name as Ward echoes it (errors, the log
// line, metrics, the event): key-shaped words masked, and whatever the
// secret rules take for a credential when the gateway has them (the
// guard's, or the content log's).
func (g *Gateway) maskModel(m string) string {
	m = maskKeys(m)
	d := g.secretRules()
	if d == nil {
		return m
	}
	found := d.Find(m)
	if len(found) == 0 {
		return m
	}
	cut := make([]bool, len(m))
	for _, x := range found {
		for k := max(x.Start, 0); k < min(x.End, len(m)); k++ {
			cut[k] = true
		}
	}
	var b strings.Builder
	for k := 0; k < len(m); k++ {
		switch {
		case !cut[k]:
			b.WriteByte(m[k])
		case k == 0 || !cut[k-1]:
			b.WriteString("…")
		}
	}
	return b.String()
}

// secretRules are the gateway's secret rules, when it has them: the
// guard's detector, or the content log's.
func (g *Gateway) secretRules() redact.Detector {
	if g.Guard != nil && g.Guard.Secrets != nil {
		return g.Guard.Secrets
	}
	if g.LogContent != nil && g.LogContent.Extra != nil {
		return g.LogContent.Extra
	}
	return nil
}
