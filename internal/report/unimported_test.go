package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

// unimportedReport has one active vulnerability and one whose affected
// packages are not imported.
func unimportedReport() *Report {
	vuln := func(id string, s *finding.Suppress) finding.Finding {
		return finding.Finding{
			Scanner: finding.ScannerVuln, RuleID: id, Title: "Advisory " + id, Severity: finding.Unknown,
			Location: finding.Location{Path: "go.mod", StartLine: 7, StartColumn: 1}, Fingerprint: "fp-" + id,
			Suppressed: s,
			Vuln:       &finding.Vuln{ID: id, Package: finding.VulnPackage{Ecosystem: "Go", Name: "golang.org/x/crypto", Version: "v0.1.0"}},
		}
	}
	return &Report{
		Tool: Tool{Name: "ward", Version: "test"},
		Findings: []finding.Finding{
			vuln("GO-2026-0001", nil),
			vuln("GO-2026-5932", &finding.Suppress{Kind: kindUnimported, Reason: "nothing imports golang.org/x/crypto/openpgp"}),
		},
		Summary: Summary{Target: ".", Mode: "dir"},
	}
}

func TestUnimportedTable(t *testing.T) {
	t.Parallel()
	out := string(render(t, Table, unimportedReport()))
	if !strings.Contains(out, "1 vulnerability in a Go module whose affected packages are not imported (GO-2026-5932)") {
		t.Errorf("no count line for the unimported vulnerability:\n%s", out)
	}
	if strings.Contains(out, "GO-2026-5932  ") || strings.Contains(out, "suppressed") {
		t.Errorf("the unimported vulnerability is listed as a row or counted as suppressed:\n%s", out)
	}
	if !strings.Contains(out, "GO-2026-0001  ") || !strings.Contains(out, "1 finding") {
		t.Errorf("the active vulnerability is missing:\n%s", out)
	}
}

func TestUnimportedJSONAndSARIF(t *testing.T) {
	t.Parallel()
	var js struct {
		Findings   []finding.Finding `json:"findings"`
		Suppressed []finding.Finding `json:"suppressed"`
	}
	if err := json.Unmarshal(render(t, JSON, unimportedReport()), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Findings) != 1 || len(js.Suppressed) != 1 || js.Suppressed[0].Suppressed.Kind != kindUnimported {
		t.Errorf("JSON: %d findings, suppressed %+v; want the unimported one kept as suppressed, kind %s", len(js.Findings), js.Suppressed, kindUnimported)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, SARIF, unimportedReport()), &sarif); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, res := range sarif.Runs[0].Results {
		if res.RuleID == "GO-2026-5932" {
			found = len(res.Suppressions) == 1 && strings.Contains(res.Suppressions[0].Justification, "openpgp")
		}
	}
	if !found {
		t.Errorf("SARIF: the unimported result lacks a suppression with its justification: %+v", sarif.Runs[0].Results)
	}
}
