package scan

import (
	"bytes"
	"strings"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/secrets"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/suppress"
)

// Secrets adapts the secrets engine to the pipeline.
type Secrets struct {
	Detector *secrets.Detector
}

// maxEvidence bounds the evidence text of one finding.
const maxEvidence = 160

// Analyze implements Analyzer.
func (s Secrets) Analyze(c *source.Chunk) []finding.Finding {
	t := secrets.Target{Path: c.Path}
	if c.Commit != nil {
		t.Commit = c.Commit.SHA
	}
	ms := s.Detector.Scan(t, c.Data)
	if len(ms) == 0 {
		return nil
	}
	out := make([]finding.Finding, 0, len(ms))
	for _, m := range ms {
		if m.Rule.SkipReport {
			continue
		}
		f := secretFinding(c, m)
		if reason, ok := suppress.Inline(lineText(c.Data, m.Line), lineText(c.Data, m.Line-1), m.Rule.ID); ok {
			f.Suppressed = &finding.Suppress{Kind: "inline", Reason: reason}
		}
		out = append(out, f)
	}
	return out
}

func secretFinding(c *source.Chunk, m secrets.Match) finding.Finding {
	value := m.Secret
	if value == "" { // a rule on the path alone
		value = c.Path
	}
	f := finding.Finding{
		Scanner:  finding.ScannerSecret,
		RuleID:   m.Rule.ID,
		Title:    m.Rule.Description,
		Severity: m.Rule.Severity,
		Location: finding.Location{
			Path:        c.Path,
			StartLine:   c.FileLine(m.Line),
			StartColumn: m.Column,
			EndLine:     c.FileLine(m.EndLine),
			EndColumn:   m.EndColumn,
		},
		Commit:      c.Commit,
		Fingerprint: finding.Fingerprint(m.Rule.ID, c.Path, value),
		Evidence:    evidence(m),
		Entropy:     m.Entropy,
		Tags:        m.Rule.Tags,
		Decoded:     m.Decoded,
	}
	f.SetSecret(m.Secret)
	return f
}

// evidence is the matched text with the secret redacted, on one line.
func evidence(m secrets.Match) string {
	text := m.Text
	if m.Decoded != "" {
		text = m.Secret
	}
	text = finding.RedactIn(text, m.Secret)
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > maxEvidence {
		text = text[:maxEvidence] + "…"
	}
	return text
}

// lineText returns line n (1-based) of data, or "".
func lineText(data []byte, n int) string {
	if n < 1 {
		return ""
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	if len(data) > 4096 {
		data = data[:4096]
	}
	return string(data)
}
