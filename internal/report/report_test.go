package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardsec/ward/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// secretValue is built at run time so no secret-shaped literal is committed.
func secretValue() string { return "tkn" + "_" + strings.Repeat("a1B2", 6) }

func sampleReport() *Report {
	f1 := finding.Finding{
		Scanner: finding.ScannerSecret, RuleID: "test-token", Title: "Test token", Severity: finding.High,
		Location:    finding.Location{Path: "conf/app.env", StartLine: 3, StartColumn: 7, EndLine: 3, EndColumn: 35},
		Fingerprint: "0123456789abcdef0123456789abcdef", Tags: []string{"test"},
		Commit: &finding.Commit{SHA: "abc123", Author: "Ada", Email: "ada@example.org", Date: "2026-01-02T03:04:05Z"},
	}
	f1.SetSecret(secretValue())
	f2 := finding.Finding{
		Scanner: finding.ScannerSecret, RuleID: "generic-credential", Title: "Generic", Severity: finding.Medium,
		Location:    finding.Location{Path: "a.py", StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 10},
		Fingerprint: "fedcba9876543210fedcba9876543210",
		Suppressed:  &finding.Suppress{Kind: "inline", Reason: "fixture"},
	}
	f2.SetSecret("hunter2hunter2!")
	return &Report{
		Tool:      Tool{Name: "ward", Version: "test"},
		Findings:  []finding.Finding{f2, f1},
		FailOn:    finding.Low,
		StartedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Summary: Summary{Target: ".", Mode: "dir", Scanners: []string{"secret"}, Files: 2, Bytes: 100,
			Duration: 1500 * time.Millisecond, Skipped: []Skipped{{"big.bin", "larger than --max-file-size"}}},
	}
}

func render(t *testing.T, w Writer, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestWritersRedact(t *testing.T) {
	t.Parallel()
	for _, format := range Formats() {
		w, _ := Lookup(format)
		out := render(t, w, sampleReport())
		if bytes.Contains(out, []byte(secretValue())) || bytes.Contains(out, []byte("hunter2hunter2!")) {
			t.Errorf("%s output holds a whole secret", format)
		}
		r := sampleReport()
		r.ShowSecrets = true
		// Tables never print secrets whole; SBOMs list packages, not findings' secrets.
		if out := render(t, w, r); (format == "json" || format == "sarif") && !bytes.Contains(out, []byte(secretValue())) {
			t.Errorf("%s with ShowSecrets lacks the secret", format)
		}
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	golden(t, "report.json", render(t, JSON, sampleReport()))
	golden(t, "report.sarif", render(t, SARIF, sampleReport()))
	golden(t, "report.txt", render(t, Table, sampleReport()))
}

func TestJSONShape(t *testing.T) {
	t.Parallel()
	var got struct {
		SchemaVersion int                        `json:"schema_version"`
		Counts        map[string]int             `json:"counts"`
		Findings      []map[string]any           `json:"findings"`
		Suppressed    []map[string]any           `json:"suppressed"`
		Summary       map[string]json.RawMessage `json:"summary"`
	}
	if err := json.Unmarshal(render(t, JSON, sampleReport()), &got); err != nil {
		t.Fatal(err)
	}
	if got.SchemaVersion != JSONSchemaVersion || got.Counts["high"] != 1 || len(got.Findings) != 1 || len(got.Suppressed) != 1 {
		t.Errorf("json = %+v", got)
	}
	if got.Findings[0]["fingerprint"] != "0123456789abcdef0123456789abcdef" || got.Findings[0]["severity"] != "high" {
		t.Errorf("finding = %v", got.Findings[0])
	}
}

// moduleDir returns where the Go module cache holds module (path@version),
// downloading it if need be; the test is skipped when it cannot be had.
// what names the schema looked for in the skip message.
func moduleDir(t *testing.T, what, module string) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", module).Output()
	if err != nil {
		t.Skipf("official %s schema unavailable (no module proxy?): %v", what, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Skipf("official %s schema unavailable: %v", what, err)
	}
	return mod.Dir
}

// compileSchema compiles the schema at url (a file path or a resource
// added to c), failing the test if it does not compile.
func compileSchema(t *testing.T, c *jsonschema.Compiler, url string) *jsonschema.Schema {
	t.Helper()
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return sch
}

// checkValidates renders each report with w and validates the output
// against sch; format names the output in failure messages.
func checkValidates(t *testing.T, sch *jsonschema.Schema, format string, w Writer, reports map[string]*Report) {
	t.Helper()
	for name, r := range reports {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, w, r)))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %s does not validate: %v", name, format, err)
		}
	}
}

// checkRefuses replaces the first from in doc with to and checks that sch
// refuses the result, so that the schema check itself is able to fail;
// what describes the broken document in the failure message.
func checkRefuses(t *testing.T, sch *jsonschema.Schema, doc []byte, from, to, what string) {
	t.Helper()
	broken := bytes.Replace(doc, []byte(from), []byte(to), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(broken))
	if err := sch.Validate(inst); err == nil {
		t.Error(what + " validated")
	}
}

// officialSARIFSchema finds the official SARIF 2.1.0 schema (OASIS errata01), which
// the gosec module ships as test data, through the Go module cache.
func officialSARIFSchema(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("WARD_SARIF_SCHEMA"); p != "" {
		return p
	}
	dir := moduleDir(t, "SARIF", "github.com/securego/gosec/v2@v2.30.0")
	return filepath.Join(dir, "report", "sarif", "testdata", "sarif-schema-2.1.0.json")
}

func TestSARIFValidatesAgainstOfficialSchema(t *testing.T) {
	path := officialSARIFSchema(t)
	sch := compileSchema(t, jsonschema.NewCompiler(), path)
	checkValidates(t, sch, "SARIF", SARIF, map[string]*Report{"findings": sampleReport(), "empty": {Tool: Tool{Name: "ward", Version: "test"}}})
	checkRefuses(t, sch, render(t, SARIF, sampleReport()), `"level": "error"`, `"level": "fatal"`, `a SARIF log with level "fatal"`)
}

func TestLookup(t *testing.T) {
	t.Parallel()
	if _, err := Lookup("xml"); err == nil || !strings.Contains(err.Error(), "cyclonedx, json, sarif, spdx, table") {
		t.Errorf("Lookup(xml) = %v", err)
	}
}

func TestTableEscapesControlCharacters(t *testing.T) {
	t.Parallel()
	r := sampleReport()
	r.Findings[1].Location.Path = "a\x1b]0;pwned\x07.ini"
	r.Findings[1].Commit.Author = "Eve\x1b[2J"
	out := render(t, Table, r)
	if bytes.ContainsAny(out, "\x1b\x07") {
		t.Errorf("table passed control characters through: %q", out)
	}
}

func TestSARIFURIEncoding(t *testing.T) {
	t.Parallel()
	if got := uriPath("dir/my file#1.ini"); got != "dir/my%20file%231.ini" {
		t.Errorf("uriPath = %q", got)
	}
}
