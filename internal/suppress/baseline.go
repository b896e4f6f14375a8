package suppress

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/wardsec/ward/internal/finding"
)

// Baseline is the set of fingerprints of a previous report.
type Baseline map[string]bool

const maxBaseline = 256 << 20

// LoadBaseline reads a JSON report written by `ward scan --format json`.
func LoadBaseline(path string) (Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) > maxBaseline {
		return nil, fmt.Errorf("%s: baseline is larger than %d bytes", path, maxBaseline)
	}
	var report struct {
		SchemaVersion *int `json:"schema_version"`
		Findings      []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
		Suppressed []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"suppressed"`
	}
	if err := json.Unmarshal(b, &report); err != nil {
		return nil, fmt.Errorf("%s: not a Ward JSON report: %w", path, err)
	}
	if report.SchemaVersion == nil {
		return nil, fmt.Errorf("%s: not a Ward JSON report (no schema_version)", path)
	}
	bl := Baseline{}
	for _, f := range report.Findings {
		bl[f.Fingerprint] = true
	}
	for _, f := range report.Suppressed {
		bl[f.Fingerprint] = true
	}
	return bl, nil
}

// Filter drops findings already in the baseline and returns how many.
func (b Baseline) Filter(fs []finding.Finding) ([]finding.Finding, int) {
	out := fs[:0]
	dropped := 0
	for _, f := range fs {
		if b[f.Fingerprint] {
			dropped++
			continue
		}
		out = append(out, f)
	}
	return out, dropped
}
