package scan

import (
	"bytes"
	"slices"
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
	byStart := slices.Clone(ms)
	slices.SortFunc(byStart, func(a, b secrets.Match) int { return a.Start - b.Start })
	out := make([]finding.Finding, 0, len(ms))
	for _, m := range ms {
		if m.Rule.SkipReport {
			continue
		}
		f := secretFinding(c, m, secretsWithin(byStart, m.TextStart, m.TextEnd))
		line, above := linesAt(c.Data, m.Start)
		if reason, ok := suppress.Inline(line, above, m.Rule.ID); ok {
			f.Suppressed = &finding.Suppress{Kind: "inline", Reason: reason}
		}
		out = append(out, f)
	}
	return out
}

// secretsWithin lists the distinct secrets found inside [lo, hi), longest
// first, so that a finding's evidence can be cleared of every secret it
// shows, its own and other rules' alike. ms is sorted by Start.
func secretsWithin(ms []secrets.Match, lo, hi int) []string {
	i, _ := slices.BinarySearchFunc(ms, lo, func(m secrets.Match, lo int) int { return m.Start - lo })
	var out []string
	for ; i < len(ms) && ms[i].Start < hi; i++ {
		if s := ms[i].Secret; s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func secretFinding(c *source.Chunk, m secrets.Match, others []string) finding.Finding {
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
		Evidence:    evidence(m, others),
		Entropy:     m.Entropy,
		Tags:        m.Rule.Tags,
		Decoded:     m.Decoded,
	}
	f.SetSecret(m.Secret)
	return f
}

// evidence is the matched text, on one line, with the secret and every
// other secret found in the same chunk redacted.
func evidence(m secrets.Match, others []string) string {
	text := m.Text
	if m.Decoded != "" {
		text = m.Secret
	}
	text = finding.RedactIn(text, m.Secret)
	for _, o := range others {
		text = finding.RedactIn(text, o)
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > maxEvidence {
		text = text[:maxEvidence] + "…"
	}
	return text
}

// maxLineText bounds the line text handed to the inline-suppression check.
const maxLineText = 4096

// linesAt returns the line holding offset at and the line above it, each
// cut to maxLineText bytes, in time proportional to their length.
func linesAt(data []byte, at int) (line, above string) {
	at = min(at, len(data))
	ls := bytes.LastIndexByte(data[:at], '\n') + 1
	le := len(data)
	if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
		le = at + i
	}
	line = clip(data[ls:le])
	if ls > 0 {
		ps := bytes.LastIndexByte(data[:ls-1], '\n') + 1
		above = clip(data[ps : ls-1])
	}
	return line, above
}

func clip(b []byte) string {
	if len(b) > maxLineText {
		b = b[:maxLineText]
	}
	return string(b)
}
