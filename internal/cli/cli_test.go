package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A password built at run time, so the repository holds no secret.
func password() string { return "Zq7" + "#vLp" + "2xW9!m" }

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, dir string, stdin string, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return vars[k] }}
	root := e.rootCmd()
	if dir != "" {
		args = append(args, dir)
	}
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	code := e.exitCode(root.ExecuteContext(context.Background()))
	return result{code, out.String(), errb.String()}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func leakyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "README.md", "# project\n")
	write(t, dir, "conf/app.ini", "[db]\nhost = localhost\ndb_password = "+password()+"\n")
	return dir
}

func TestScanCleanAndLeaky(t *testing.T) {
	t.Parallel()
	clean := t.TempDir()
	write(t, clean, "main.go", "package main\n")
	if r := run(t, clean, "", nil, "scan", "--no-progress"); r.code != 0 || !strings.Contains(r.stdout, "No findings") {
		t.Errorf("clean: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := run(t, leakyDir(t), "", nil, "scan")
	if r.code != ExitFindings || !strings.Contains(r.stdout, "conf/app.ini") || !strings.Contains(r.stdout, "3:") {
		t.Errorf("leaky: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, password()) {
		t.Error("table printed the whole secret")
	}
	if r := run(t, leakyDir(t), "", nil, "scan", "--show-secrets"); !strings.Contains(r.stdout, password()) {
		t.Error("--show-secrets did not show the secret")
	}
	if r := run(t, leakyDir(t), "", nil, "scan", "--fail-on", "critical"); r.code != 0 {
		t.Errorf("--fail-on critical: code %d", r.code)
	}
}

func TestScanFormatsAndOutput(t *testing.T) {
	t.Parallel()
	dir := leakyDir(t)
	out := filepath.Join(t.TempDir(), "r.sarif")
	r := run(t, dir, "", nil, "scan", "-f", "sarif", "-o", out)
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("code %d stdout %q", r.code, r.stdout)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &sarif); err != nil {
		t.Fatal(err)
	}
	res := sarif.Runs[0].Results
	if sarif.Version != "2.1.0" || len(res) != 1 || res[0].RuleID != "generic-credential" ||
		res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "conf/app.ini" || res[0].Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("sarif = %s", b)
	}
	r = run(t, dir, "", map[string]string{"WARD_FORMAT": "json"}, "scan")
	if !strings.HasPrefix(r.stdout, "{") || !strings.Contains(r.stdout, `"rule_id": "generic-credential"`) {
		t.Errorf("WARD_FORMAT=json: %s", r.stdout)
	}
	write(t, dir, ".ward.yaml", "scan:\n  format: json\n  fail_on: critical\n")
	r = run(t, dir, "", nil, "scan")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf(".ward.yaml: code %d %s", r.code, r.stdout)
	}
	r = run(t, dir, "", nil, "scan", "-f", "table", "--fail-on", "low")
	if r.code != 1 || strings.HasPrefix(r.stdout, "{") {
		t.Errorf("flags over .ward.yaml: code %d %s", r.code, r.stdout)
	}
}

func TestScanSuppressions(t *testing.T) {
	t.Parallel()
	dir := leakyDir(t)
	write(t, dir, "conf/app.ini", "[db]\n; ward:ignore generic-credential local only\ndb_password = "+password()+"\n")
	if r := run(t, dir, "", nil, "scan"); r.code != 0 || !strings.Contains(r.stdout, "1 suppressed") {
		t.Errorf("inline: code %d\n%s", r.code, r.stdout)
	}

	dir = leakyDir(t)
	write(t, dir, ".wardignore.yaml", "ignores:\n  - rule: generic-credential\n    path: conf/*.ini\n    reason: dev box\n  - rule: nothing\n    reason: stale\n")
	r := run(t, dir, "", nil, "scan")
	if r.code != 0 || !strings.Contains(r.stdout, ".wardignore.yaml:5: ignore entry unused") {
		t.Errorf("ignore file: code %d\n%s", r.code, r.stdout)
	}

	write(t, dir, ".wardignore.yaml", "ignores:\n  - rule: x\n")
	r = run(t, dir, "", nil, "scan")
	if r.code != ExitUsage || !strings.Contains(r.stderr, ".wardignore.yaml:2: entry needs a reason") {
		t.Errorf("broken ignore file: code %d\n%s", r.code, r.stderr)
	}

	dir = leakyDir(t)
	base := filepath.Join(t.TempDir(), "base.json")
	if r := run(t, dir, "", nil, "scan", "-f", "json", "-o", base); r.code != 1 {
		t.Fatalf("baseline run: %d %s", r.code, r.stderr)
	}
	if r := run(t, dir, "", nil, "scan", "--baseline", base); r.code != 0 || !strings.Contains(r.stdout, "1 already in the baseline") {
		t.Errorf("--baseline: code %d\n%s", r.code, r.stdout)
	}
	write(t, dir, "more.env", "API_TOKEN="+"Xk29"+"fLmQ7vRt"+"3ZpW8sNc"+"\n")
	if r := run(t, dir, "", nil, "scan", "--baseline", base); r.code != 1 || !strings.Contains(r.stdout, "more.env") || strings.Contains(r.stdout, "app.ini") {
		t.Errorf("--baseline with a new finding: code %d\n%s", r.code, r.stdout)
	}
}

// TestOutputToDevice checks that -o on a device writes to it rather than
// replacing it with a regular file.
func TestOutputToDevice(t *testing.T) {
	t.Parallel()
	dir := leakyDir(t)
	if r := run(t, dir, "", nil, "scan", "-f", "json", "-o", os.DevNull); r.code != 1 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s is now a regular file", os.DevNull)
	}
}

func TestScanStdin(t *testing.T) {
	t.Parallel()
	r := run(t, "", "db_password = "+password()+"\n", nil, "scan", "-")
	if r.code != 1 || !strings.Contains(r.stdout, "generic-credential") {
		t.Errorf("stdin: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Ada", "-c", "user.email=ada@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestScanGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "a.txt", "hello\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "init")
	write(t, dir, "conf/app.ini", "x = 1\ndb_password = "+password()+"\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "oops")
	os.Remove(filepath.Join(dir, "conf/app.ini"))
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "remove")

	if r := run(t, dir, "", nil, "scan"); r.code != 0 {
		t.Errorf("working tree should be clean: %d\n%s", r.code, r.stdout)
	}
	r := run(t, dir, "", nil, "scan", "--git", "-f", "json")
	if r.code != 1 || !strings.Contains(r.stdout, `"author": "Ada"`) || !strings.Contains(r.stdout, `"start_line": 2`) || !strings.Contains(r.stdout, `"commits": 3`) {
		t.Errorf("--git: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, dir, "", nil, "scan", "--git", "--exclude", "conf/"); r.code != 0 {
		t.Errorf("--git --exclude conf/: %d\n%s", r.code, r.stdout)
	}
	r = run(t, dir, "", nil, "scan", "--git", "--since", "HEAD~1", "--log-opts", "--all -- .")
	if r.code != 0 {
		t.Errorf("--since HEAD~1 should only see the removal: %d\n%s", r.code, r.stdout)
	}
	write(t, dir, "new.ini", "db_password = "+password()+"\n")
	git(t, dir, "add", "new.ini")
	if r := run(t, dir, "", nil, "scan", "--staged"); r.code != 1 || !strings.Contains(r.stdout, "new.ini") {
		t.Errorf("--staged: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, t.TempDir(), "", nil, "scan", "--git"); r.code != ExitUsage || !strings.Contains(r.stderr, "not a git repository") {
		t.Errorf("--git outside a repository: %d\n%s", r.code, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	dir := leakyDir(t)
	bad := filepath.Join(t.TempDir(), "rules.toml")
	os.WriteFile(bad, []byte("[[rules]]\nid = \"x\"\nregex = '''(['''\n"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--nope"}, "unknown flag"},
		{[]string{"scan", "--fail-on", "dire"}, "unknown severity"},
		{[]string{"scan", "-f", "xml"}, "unknown format"},
		{[]string{"scan", "--secrets-config", bad}, "rules.toml"},
		{[]string{"scan", "--git", "--staged"}, "cannot be used together"},
		{[]string{"scan", "--checks", "no-such-check"}, "no check"},
		{[]string{"scan", "--skip-checks", "CKV_NOPE_1"}, "no check"},
		{[]string{"scan", "--gate", "/does/not/exist.rego"}, "--gate"},
		{[]string{"scan", "--tf-var", "novalue"}, "NAME=VALUE"},
		{[]string{"scan", "--severity", "dire"}, "scan.severity"},
		{[]string{"scan", "--policy", "/does/not/exist"}, "policy folder"},
		{[]string{"scan", "--scanners", "vulns"}, "unknown scanner"},
		{[]string{"scan", "--sbom", "bom.json", "--git"}, "--sbom cannot"},
		{[]string{"scan", "--max-file-size", "huge"}, "max_file_size"},
		{[]string{"scan", "/does/not/exist"}, "no such file"},
		{[]string{"scan", "--fail-on", "unknown"}, "fail_on"},
		{[]string{"scan", "--verify", "--verify-base-url", "gihtub=https://127.0.0.1:1"}, "unknown provider"},
		{[]string{"scan", "--verify", "--verify-base-url", "github=http://api.example.org"}, "https"},
		{[]string{"scan", "--verify-base-url", "github=https://127.0.0.1:1"}, "needs --verify"},
	}
	for _, tt := range tests {
		r := run(t, "", "", nil, append(tt.args, dir)...)
		if tt.args[len(tt.args)-1] == "/does/not/exist" {
			r = run(t, "", "", nil, tt.args...)
		}
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) || !strings.HasPrefix(r.stderr, "ward: error: ") {
			t.Errorf("%v: code %d stderr %q, want exit 2 with %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	os.WriteFile(filepath.Join(dir, ".ward.yaml"), []byte("scan:\n  fail_onn: high\n"), 0o644)
	if r := run(t, dir, "", nil, "scan"); r.code != ExitUsage || !strings.Contains(r.stderr, ".ward.yaml:2") {
		t.Errorf("unknown config key: %d %q", r.code, r.stderr)
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	token := "ghp_" + strings.Repeat("Ab1", 12)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer "+token {
			w.Write([]byte(`{"login":"x"}`))
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	dir := t.TempDir()
	write(t, dir, "a.env", "T="+token+"\n")
	rules := filepath.Join(t.TempDir(), "rules.toml")
	os.WriteFile(rules, []byte("[[rules]]\nid = \"github-pat\"\ndescription = \"GitHub token\"\nregex = '''ghp_[A-Za-z0-9]{36}'''\nkeywords = [\"ghp_\"]\n"), 0o644)
	r := run(t, dir, "", nil, "scan", "--secrets-config", rules, "--verify", "--verify-base-url", "github="+srv.URL, "-f", "json")
	if r.code != 1 || !strings.Contains(r.stdout, `"verification": "verified"`) {
		t.Errorf("verify: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := run(t, "", "", nil, "version")
	if r.code != 0 || !strings.Contains(r.stdout, "ward ") || !strings.Contains(r.stdout, "go: go1.") {
		t.Errorf("version: %q", r.stdout)
	}
}

func TestSplitWords(t *testing.T) {
	t.Parallel()
	got, err := splitWords(`--all -- . ':(exclude)docs' "a b" c\ d`)
	want := []string{"--all", "--", ".", ":(exclude)docs", "a b", "c d"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitWords = %q, %v", got, err)
	}
	if _, err := splitWords(`'open`); err == nil {
		t.Error("unclosed quote accepted")
	}
}

func TestDisableUnknownRuleWarns(t *testing.T) {
	t.Parallel()
	r := run(t, leakyDir(t), "", nil, "scan", "--disable-rule", "no-such-rule")
	if !strings.Contains(r.stdout, "warning: --disable-rule no-such-rule: no rule has that id") {
		t.Errorf("no warning:\n%s", r.stdout)
	}
}

// TestConfigRulesRelative: a rule file named in .ward.yaml is found next
// to it, wherever ward runs from.
func TestConfigRulesRelative(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, ".ward.yaml", "scan:\n  secrets:\n    config: rules.toml\n")
	write(t, dir, "rules.toml", "[[rules]]\nid = \"corp\"\ndescription = \"corp\"\nregex = '''corp_[0-9]{12}'''\nkeywords = [\"corp_\"]\n")
	write(t, dir, "a.txt", "k=corp_"+strings.Repeat("7", 12)+"\n")
	if r := run(t, dir, "", nil, "scan", "-f", "json"); r.code != 1 || !strings.Contains(r.stdout, `"rule_id": "corp"`) {
		t.Errorf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestOutputThroughSymlink(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	target := filepath.Join(out, "real.json")
	os.WriteFile(target, nil, 0o644)
	link := filepath.Join(out, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	run(t, leakyDir(t), "", nil, "scan", "-f", "json", "-o", link)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced")
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), "generic-credential") {
		t.Errorf("report not written through the link")
	}
	plain := filepath.Join(out, "plain.json")
	run(t, leakyDir(t), "", nil, "scan", "-f", "json", "-o", plain)
	if fi, err := os.Stat(plain); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("report mode = %v, want 0644", fi.Mode().Perm())
	}
}
