package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// advisory is a minimal OSV record.
func advisory(id, eco, name, introduced, fixed string, aliases ...string) map[string]any {
	return map[string]any{
		"id": id, "modified": "2024-05-01T00:00:00Z", "summary": "Test advisory " + id, "aliases": aliases,
		"severity": []any{map[string]any{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
		"affected": []any{map[string]any{
			"package": map[string]any{"ecosystem": eco, "name": name},
			"ranges": []any{map[string]any{"type": "ECOSYSTEM", "events": []any{
				map[string]any{"introduced": introduced}, map[string]any{"fixed": fixed}}}},
		}},
	}
}

func osvZip(t *testing.T, recs ...map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, r := range recs {
		w, _ := zw.Create(r["id"].(string) + ".json")
		json.NewEncoder(w).Encode(r)
	}
	zw.Close()
	return buf.Bytes()
}

// vulnDB imports npm and PyPI advisories into a new database folder.
func vulnDB(t *testing.T) string {
	t.Helper()
	db := t.TempDir()
	zips := map[string][]byte{
		"npm": osvZip(t,
			advisory("GHSA-aaaa-bbbb-cccc", "npm", "lodash", "0", "4.17.21", "CVE-2021-23337"),
			advisory("GHSA-dddd-eeee-ffff", "npm", "lodash", "4.0.0", "4.17.19", "CVE-2020-8203")),
		"PyPI": osvZip(t, advisory("PYSEC-2021-1", "PyPI", "Django", "3.2", "3.2.4")),
	}
	for eco, z := range zips {
		p := filepath.Join(t.TempDir(), "all.zip")
		os.WriteFile(p, z, 0o644)
		if r := run(t, "", "", nil, "db", "import", p, "--ecosystem", eco, "--db-dir", db); r.code != 0 {
			t.Fatalf("db import %s: %d %s%s", eco, r.code, r.stdout, r.stderr)
		}
	}
	return db
}

const lockV3 = `{
  "name": "app",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "app",
      "dependencies": {
        "lodash": "^4.17.0"
      }
    },
    "node_modules/lodash": {
      "version": "4.17.15",
      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz"
    }
  }
}
`

func projectDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "package-lock.json", lockV3)
	write(t, dir, "requirements.txt", "# pinned\ndjango==3.2.0\nrequests>=2\n")
	return dir
}

func TestScanVulns(t *testing.T) {
	t.Parallel()
	db := vulnDB(t)
	dir := projectDir(t)
	r := run(t, dir, "", nil, "scan", "--db-dir", db, "--no-progress")
	if r.code != ExitFindings {
		t.Fatalf("code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"package-lock.json", "GHSA-aaaa-bbbb-cccc", "GHSA-dddd-eeee-ffff", "lodash 4.17.15 (npm, direct)",
		"upgrade lodash 4.17.15 → 4.17.21 fixes 2 of 2", "requirements.txt", "PYSEC-2021-1", "2:1"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}

	r = run(t, dir, "", nil, "scan", "--db-dir", db, "-f", "json")
	var rep struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Severity string `json:"severity"`
			Vuln     *struct {
				Aliases []string `json:"aliases"`
				Fixed   []string `json:"fixed_versions"`
				Package struct{ Name, Version, PURL string }
			} `json:"vulnerability"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err, r.stdout)
	}
	if len(rep.Findings) != 3 {
		t.Fatalf("json: %d findings, want 3:\n%s", len(rep.Findings), r.stdout)
	}
	f := rep.Findings[0]
	if f.RuleID != "GHSA-aaaa-bbbb-cccc" || f.Severity != "critical" || f.Vuln == nil ||
		f.Vuln.Package.PURL != "pkg:npm/lodash@4.17.15" || f.Vuln.Fixed[0] != "4.17.21" {
		t.Errorf("first json finding = %+v", f)
	}

	r = run(t, dir, "", nil, "scan", "--db-dir", db, "-f", "sarif")
	if !strings.Contains(r.stdout, `"ruleId": "PYSEC-2021-1"`) || !strings.Contains(r.stdout, `"security-severity": "9.8"`) {
		t.Errorf("sarif lacks the OSV rule id or CVSS score:\n%s", r.stdout)
	}
	// Lockfiles are read whatever --max-file-size says.
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--max-file-size", "100", "-f", "json"); !strings.Contains(r.stdout, "GHSA-aaaa-bbbb-cccc") {
		t.Errorf("a lockfile over --max-file-size was skipped:\n%s%s", r.stdout, r.stderr)
	}
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--fail-on", "critical", "--scanners", "secret"); r.code != 0 {
		t.Errorf("--scanners secret still reported vulnerabilities: %d\n%s", r.code, r.stdout)
	}
}

// TestScanRequirementIncludes: -r includes are read whatever their name,
// relative to the including file; a missing one is named.
func TestScanRequirementIncludes(t *testing.T) {
	t.Parallel()
	db := vulnDB(t)
	dir := t.TempDir()
	write(t, dir, "requirements.txt", "-r reqs/base.txt\nflask==2.0.1\n")
	write(t, dir, "reqs/base.txt", "--requirement=common.txt\n")
	write(t, dir, "reqs/common.txt", "Django==3.2.1\n-r ../../outside.txt\n-r missing.txt\n")
	r := run(t, dir, "", nil, "scan", "--db-dir", db, "--scanners", "vuln", "--no-progress")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "reqs/common.txt\n  1:1") || !strings.Contains(r.stdout, "PYSEC-2021-1") ||
		!strings.Contains(r.stdout, "reqs/missing.txt: included with -r") {
		t.Errorf("code %d, want Django found through two includes and the missing one named:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestScanVulnSuppressions(t *testing.T) {
	t.Parallel()
	db := vulnDB(t)
	dir := projectDir(t)
	write(t, dir, "requirements.txt", "django==3.2.0  # ward:ignore PYSEC-2021-1 not reachable\n")
	write(t, dir, ".wardignore.yaml", "ignores:\n  - rule: CVE-2021-23337\n    reason: tracked in JIRA-1\n  - rule: GHSA-dddd-eeee-ffff\n    path: package-lock.json\n    reason: dev only\n")
	r := run(t, dir, "", nil, "scan", "--db-dir", db, "--no-progress")
	if r.code != 0 || !strings.Contains(r.stdout, "3 suppressed") {
		t.Errorf("code %d, want 0 with 3 suppressed:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestScanVulnDatabaseProblems(t *testing.T) {
	t.Parallel()
	dir := projectDir(t)
	write(t, dir, "conf/app.ini", "db_password = "+password()+"\n")
	empty := t.TempDir()
	r := run(t, dir, "", nil, "scan", "--db-dir", empty, "--no-progress")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "no vulnerability database") || !strings.Contains(r.stdout, "ward db update") ||
		!strings.Contains(r.stdout, "conf/app.ini") {
		t.Errorf("no database: code %d, want the secret found and a warning naming 'ward db update':\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --strict never lets a scan that did not look pass, whatever the format.
	r = run(t, dir, "", nil, "scan", "--db-dir", empty, "--no-progress", "--scanners", "vuln", "--strict", "-f", "sarif")
	if r.code != ExitRuntime || !strings.Contains(r.stdout, "toolExecutionNotifications") {
		t.Errorf("no database with --strict: code %d, want 3 and the warning in SARIF:\n%s%s", r.code, r.stdout, r.stderr)
	}
	db := vulnDB(t)
	write(t, dir, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n")
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--scanners", "vuln", "--strict"); r.code != ExitRuntime || !strings.Contains(r.stdout, "no crates.io advisories") {
		t.Errorf("an ecosystem missing from the database with --strict: code %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
	}
	stale := time.Now().Add(-10 * 24 * time.Hour)
	os.Chtimes(filepath.Join(db, "npm.wdb"), stale, stale)
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--scanners", "vuln"); !strings.Contains(r.stdout, "npm advisories were last updated 10d ago") {
		t.Errorf("no warning about a 10-day-old database:\n%s", r.stdout)
	}
	os.WriteFile(filepath.Join(db, "npm.wdb"), []byte("WARDVDB1 truncated"), 0o644)
	r = run(t, dir, "", nil, "scan", "--db-dir", db, "--no-progress")
	if r.code != ExitRuntime || !strings.Contains(r.stderr, "npm.wdb") || !strings.Contains(r.stderr, "ward db update") {
		t.Errorf("corrupt database: code %d, want 3 naming the file and the fix:\n%s", r.code, r.stderr)
	}
	if r := run(t, "", "", nil, "db", "status", "--db-dir", db); r.code != ExitRuntime || !strings.Contains(r.stderr, "corrupt") {
		t.Errorf("db status on a corrupt file: %d %s", r.code, r.stderr)
	}
}

func TestScanBadLockfile(t *testing.T) {
	t.Parallel()
	db := vulnDB(t)
	dir := projectDir(t)
	write(t, dir, "sub/package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/x\": [\n}\n")
	r := run(t, dir, "", nil, "scan", "--db-dir", db, "--no-progress")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "sub/package-lock.json:") || !strings.Contains(r.stdout, "PYSEC-2021-1") {
		t.Errorf("a bad lockfile should be named and the rest scanned: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Errors quote lockfile lines only in part: they can hold credentials.
	secret := strings.Repeat(password(), 3)
	write(t, dir, "ci/requirements.txt", "flask==2.0.1\nAWS_SECRET_ACCESS_KEY="+secret+"\n")
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--scanners", "vuln", "-f", "json"); !strings.Contains(r.stdout, "ci/requirements.txt:2") || strings.Contains(r.stdout, secret) {
		t.Errorf("the warning should name ci/requirements.txt:2 without the whole value:\n%s", r.stdout)
	}
	if r := run(t, dir, "", nil, "scan", "--db-dir", db, "--no-progress", "--strict", "--fail-on", "critical", "--scanners", "vuln"); r.code != ExitRuntime {
		t.Errorf("--strict: code %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestScanSBOMRoundTrip(t *testing.T) {
	t.Parallel()
	db := vulnDB(t)
	dir := projectDir(t)
	for _, format := range []string{"cyclonedx", "spdx"} {
		bom := filepath.Join(t.TempDir(), "bom.json")
		if r := run(t, dir, "", nil, "scan", "--db-dir", db, "-f", format, "-o", bom); r.code != ExitFindings {
			t.Fatalf("-f %s: %d %s", format, r.code, r.stderr)
		}
		r := run(t, "", "", nil, "scan", "--db-dir", db, "--sbom", bom, "-f", "json")
		for _, id := range []string{"GHSA-aaaa-bbbb-cccc", "GHSA-dddd-eeee-ffff", "PYSEC-2021-1"} {
			if !strings.Contains(r.stdout, id) {
				t.Errorf("--sbom of a %s SBOM lacks %s: %d\n%s%s", format, id, r.code, r.stdout, r.stderr)
			}
		}
	}
}

func TestDBUpdateAndStatus(t *testing.T) {
	t.Parallel()
	z := osvZip(t, advisory("GHSA-aaaa-bbbb-cccc", "npm", "lodash", "0", "4.17.21"))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/npm/all.zip" {
			http.NotFound(w, r)
			return
		}
		w.Write(z)
	}))
	defer ts.Close()
	db := t.TempDir()
	r := run(t, "", "", nil, "db", "update", "--db-dir", db, "--base-url", ts.URL, "--ecosystems", "npm")
	if r.code != 0 || !strings.Contains(r.stdout, "npm") {
		t.Fatalf("db update: %d %s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "", map[string]string{"WARD_DB_DIR": db}, "db", "status", "-f", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"records": 1`) {
		t.Errorf("db status: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "", nil, "db", "update", "--db-dir", db, "--ecosystems", "npmjs"); r.code != ExitUsage {
		t.Errorf("unknown ecosystem: code %d, want 2", r.code)
	}
	if r := run(t, "", "", nil, "db", "import", "x.zip", "--db-dir", db); r.code != ExitUsage || !strings.Contains(r.stderr, "--ecosystem") {
		t.Errorf("import without --ecosystem: %d %s", r.code, r.stderr)
	}
	if r := run(t, "", "", nil, "db", "status", "--db-dir", t.TempDir()); r.code != ExitRuntime || !strings.Contains(r.stderr, "ward db update") {
		t.Errorf("status of an empty folder: %d %s", r.code, r.stderr)
	}
}

func TestScanOfflineRefusesVerify(t *testing.T) {
	t.Parallel()
	if r := run(t, t.TempDir(), "", nil, "scan", "--offline", "--verify"); r.code != ExitUsage {
		t.Errorf("--offline --verify: code %d, want 2", r.code)
	}
}
