package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

// JSONSchemaVersion is bumped on any incompatible change to the JSON report.
const JSONSchemaVersion = 1

type jsonFinding struct {
	finding.Finding
	Secret string `json:"secret"`
}

type jsonReport struct {
	SchemaVersion int            `json:"schema_version"`
	Tool          Tool           `json:"tool"`
	StartedAt     string         `json:"started_at"`
	DurationMS    int64          `json:"duration_ms"`
	Summary       Summary        `json:"summary"`
	Counts        map[string]int `json:"counts"`
	Gate          *Gate          `json:"gate,omitempty"`
	Findings      []jsonFinding  `json:"findings"`
	Suppressed    []jsonFinding  `json:"suppressed"`
}

// JSON writes the documented JSON report (see the README).
func JSON(w io.Writer, r *Report) error {
	active, suppressed := split(r.Findings)
	counts := map[string]int{}
	for sev, n := range countBySeverity(active) {
		if n > 0 {
			counts[finding.Severity(sev).String()] = n
		}
	}
	out := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          r.Tool,
		StartedAt:     r.StartedAt.UTC().Format(time.RFC3339),
		DurationMS:    r.Summary.Duration.Milliseconds(),
		Summary:       r.Summary,
		Counts:        counts,
		Gate:          r.Gate,
		Findings:      r.jsonFindings(active),
		Suppressed:    r.jsonFindings(suppressed),
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (r *Report) jsonFindings(fs []finding.Finding) []jsonFinding {
	out := make([]jsonFinding, 0, len(fs))
	for i := range fs {
		out = append(out, jsonFinding{Finding: fs[i], Secret: r.secretText(&fs[i])})
	}
	return out
}
