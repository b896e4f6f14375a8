package secrets

import (
	"strings"

	"github.com/wardsec/ward/internal/redact"
)

// Find reports the credentials in text as redact matches of type
// redact.TypeSecret, so a Detector can serve as redact.Options.Extra:
// one rule set for `ward scan` and for redaction. A match spans the
// secret's value, not the rule's whole match; a token whose checksum
// fails is still masked (Target.Redacting); secrets found only after
// decoding (base64 and the like) are left out, their value not being in
// text as such.
func (d *Detector) Find(text string) []redact.Match {
	var out []redact.Match
	for _, m := range d.Scan(Target{Path: "text", Redacting: true}, []byte(text)) {
		if m.Secret == "" || m.Decoded != "" || m.TextEnd > len(text) {
			continue
		}
		if i := strings.Index(text[m.TextStart:m.TextEnd], m.Secret); i >= 0 {
			s := m.TextStart + i
			out = append(out, redact.Match{Type: redact.TypeSecret, Start: s, End: s + len(m.Secret), Confidence: 1, Rule: m.Rule.ID})
		}
	}
	return out
}
