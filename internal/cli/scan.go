package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/report"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/secrets"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/suppress"
)

// scanFlags are the flags of `ward scan`.
type scanFlags struct {
	scanners     []string
	format       string
	output       string
	failOn       string
	maxFileSize  string
	git          bool
	since        string
	logOpts      string
	staged       bool
	noGitignore  bool
	exclude      []string
	rulesConfig  string
	decodeDepth  int
	disableRules []string
	baseline     string
	ignoreFile   string
	configFile   string
	verify       bool
	verifyURLs   []string
	showSecrets  bool
	noProgress   bool
	workers      int
	dbDir        string
	offline      bool
	sbom         string
	strict       bool
	checks       []string
	skipChecks   []string
	policies     []string
	gate         string
	severity     []string
	tfVarFiles   []string
	tfVars       []string
	helmValues   []string
	noReach      bool
}

func (e *env) scanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH | -]",
		Short: "Scan a directory, standard input, staged changes or git history",
		Long: `Scan PATH (default ".") for leaked secrets and for known vulnerabilities in
the dependencies its lockfiles pin (checked offline against the database that
'ward db update' keeps).

  ward scan .                      the working tree (.gitignore and .wardignore respected)
  ward scan --sbom bom.json        the packages of a CycloneDX or SPDX SBOM
  ward scan -                      standard input
  ward scan --staged               what 'git diff --cached' adds (pre-commit)
  ward scan --git [--since REV]    the lines added by every commit in the history

Findings can be accepted with a comment on or above the line
("ward:ignore RULE-ID reason", or gitleaks' "gitleaks:allow"), with entries in
.wardignore.yaml (fingerprint or rule and path, a reason, an optional until
date; vulnerability ids and their CVE/GHSA aliases work as rules), or with --baseline (a previous JSON report: only new findings count).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			if err := applyEnv(cmd.Flags(), e.getenv); err != nil {
				return err
			}
			return e.runScan(cmd.Flags(), &f, target)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.scanners, "scanners", []string{"secret", "vuln", "misconfig"}, "what to scan for: secret, vuln, misconfig")
	fl.StringVarP(&f.format, "format", "f", "table", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "low", "exit 1 on findings of this `SEVERITY` or above (info, low, medium, high, critical)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "10MiB", "skip files larger than `SIZE` (noted in the summary)")
	fl.BoolVar(&f.git, "git", false, "scan the lines added by every commit of the git history")
	fl.StringVar(&f.since, "since", "", "with --git: only commits not reachable from `REV`")
	fl.StringVar(&f.logOpts, "log-opts", "", "with --git: extra 'git log' arguments (replace the default --all)")
	fl.BoolVar(&f.staged, "staged", false, "scan what 'git diff --cached' adds")
	fl.BoolVar(&f.noGitignore, "no-gitignore", false, "scan files that .gitignore excludes (.wardignore still applies)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "skip paths matching this gitignore-style `PATTERN` (repeatable)")
	fl.StringVar(&f.rulesConfig, "secrets-config", "", "secret rules in gitleaks' TOML format (use [extend] useDefault = true to add to the built-in rules)")
	fl.IntVar(&f.decodeDepth, "decode-depth", secrets.DefaultDecodeDepth, "layers of base64, hex and percent encoding to decode (0 turns it off)")
	fl.StringArrayVar(&f.disableRules, "disable-rule", nil, "do not run this rule `ID` (repeatable)")
	fl.StringVar(&f.baseline, "baseline", "", "a previous JSON report: report only findings not in it")
	fl.StringVar(&f.ignoreFile, "ignore-file", "", "ignore entries (default: PATH/"+suppress.FileName+")")
	fl.StringVar(&f.configFile, "config", "", "configuration file (default: PATH/"+config.FileName+" if present)")
	fl.BoolVar(&f.verify, "verify", false, "ask providers whether found credentials work (sends them over the network)")
	fl.StringArrayVar(&f.verifyURLs, "verify-base-url", nil, "with --verify: use this API origin for a provider, as `PROVIDER=URL` (mirrors, tests)")
	fl.BoolVar(&f.showSecrets, "show-secrets", false, "print secrets in full instead of redacted")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no progress line on standard error")
	fl.IntVar(&f.workers, "workers", 0, "files analyzed in parallel (default: the number of CPUs)")
	fl.StringVar(&f.dbDir, "db-dir", "", "vulnerability database folder (default: the user cache folder; see 'ward db')")
	fl.BoolVar(&f.offline, "offline", false, "forbid every network access (--verify is refused); scans never download the database")
	fl.BoolVar(&f.noReach, "no-reachability", false, "report Go vulnerabilities even in packages the module does not import (skip the import analysis)")
	fl.StringVar(&f.sbom, "sbom", "", "check the packages of this CycloneDX or SPDX JSON `FILE` instead of lockfiles")
	fl.BoolVar(&f.strict, "strict", false, "exit 3 when a lockfile or configuration file could not be read (after reporting the rest)")
	fl.StringSliceVar(&f.checks, "checks", nil, "run only these misconfiguration check `IDS` (Ward, KICS, Checkov or Trivy ids)")
	fl.StringSliceVar(&f.skipChecks, "skip-checks", nil, "do not run these misconfiguration check `IDS`")
	fl.StringArrayVar(&f.policies, "policy", nil, "load the team's own Rego from `DIR`: conftest-style deny/warn rules, or Ward checks in packages under ward. (repeatable)")
	fl.StringVar(&f.gate, "gate", "", "decide whether the scan fails with this Rego `FILE` (package ward.gate) instead of the default gate")
	fl.StringSliceVar(&f.severity, "severity", nil, "report only findings of these `SEVERITIES` (e.g. high,critical)")
	fl.StringArrayVar(&f.tfVarFiles, "tf-var-file", nil, "Terraform variable `FILE` for root modules, as terraform -var-file (repeatable)")
	fl.StringArrayVar(&f.helmValues, "helm-values", nil, "render Helm charts with this values `FILE` over their values.yaml, as helm template -f (repeatable)")
	fl.StringArrayVar(&f.tfVars, "tf-var", nil, "Terraform variable `NAME=VALUE` for root modules, as terraform -var (repeatable)")
	return cmd
}

// applyEnv sets every flag the user did not give from WARD_<FLAG>.
func applyEnv(fl *pflag.FlagSet, getenv func(string) string) error {
	var err error
	fl.VisitAll(func(f *pflag.Flag) {
		if f.Changed || err != nil {
			return
		}
		name := "WARD_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" {
			if serr := fl.Set(f.Name, v); serr != nil {
				err = usageErr(fmt.Errorf("%s=%q: %v", name, v, serr), "")
			}
		}
	})
	return err
}

// settings are the effective scan settings after precedence.
type settings struct {
	cfg         config.Config
	failOn      finding.Severity
	maxFileSize int64
	writer      report.Writer
	verifyURLs  map[string]string
}

func (e *env) resolve(fl *pflag.FlagSet, f *scanFlags, target string) (*settings, error) {
	cfgPath, optional := f.configFile, false
	if cfgPath == "" {
		dir := target
		if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
			dir = "."
		}
		cfgPath, optional = filepath.Join(dir, config.FileName), true
	}
	cfg, err := config.Load(cfgPath, optional)
	if err != nil {
		return nil, usageErr(err, "")
	}
	s := &cfg.Scan
	if c := s.Secrets.Config; c != "" && !filepath.IsAbs(c) {
		s.Secrets.Config = filepath.Join(filepath.Dir(cfgPath), c) // relative to .ward.yaml
	}
	if fl.Changed("scanners") {
		s.Scanners = f.scanners
	}
	if fl.Changed("format") {
		s.Format = f.format
	}
	if fl.Changed("fail-on") {
		s.FailOn = f.failOn
	}
	if fl.Changed("max-file-size") {
		s.MaxFileSize = f.maxFileSize
	}
	if fl.Changed("secrets-config") {
		s.Secrets.Config = f.rulesConfig
	}
	if fl.Changed("decode-depth") {
		s.Secrets.DecodeDepth = &f.decodeDepth
	}
	if fl.Changed("no-reachability") {
		s.Vuln.Reachability = !f.noReach
	}
	s.Exclude = append(s.Exclude, f.exclude...)
	resolveMisconfig(fl, f, s)
	s.Secrets.DisableRules = append(s.Secrets.DisableRules, f.disableRules...)
	if err := cfg.Validate("flags"); err != nil {
		return nil, usageErr(err, "")
	}
	out := &settings{cfg: cfg}
	out.failOn, _ = finding.ParseSeverity(s.FailOn)
	out.maxFileSize, _ = config.ParseSize(s.MaxFileSize)
	if out.writer, err = report.Lookup(s.Format); err != nil {
		return nil, usageErr(err, "")
	}
	if f.sbom != "" {
		s.Scanners = []string{finding.ScannerVuln}
	}
	if f.offline && f.verify {
		return nil, usageErr(errors.New("--verify needs the network and --offline forbids it"), "")
	}
	if f.sbom != "" && (f.git || f.staged || target == "-") {
		return nil, usageErr(errors.New("--sbom cannot be combined with --git, --staged or standard input"), "")
	}
	if len(f.verifyURLs) > 0 && !f.verify {
		return nil, usageErr(errors.New("--verify-base-url needs --verify"), "")
	}
	if out.verifyURLs, err = parseBaseURLs(f.verifyURLs); err != nil {
		return nil, err
	}
	if f.git && f.staged {
		return nil, usageErr(errors.New("--git and --staged cannot be used together"), "")
	}
	if (f.since != "" || f.logOpts != "") && !f.git {
		return nil, usageErr(errors.New("--since and --log-opts need --git"), "")
	}
	return out, nil
}

func (e *env) runScan(fl *pflag.FlagSet, f *scanFlags, target string) error {
	started := time.Now()
	st, err := e.resolve(fl, f, target)
	if err != nil {
		return err
	}
	sc := &st.cfg.Scan
	e.tuneGC(sc.Scanners)
	analyzers, det, err := secretAnalyzers(sc)
	if err != nil {
		return err
	}
	vulns, err := newVulns(sc, scanMode(f, target), scanRoot(target))
	if err != nil {
		return err
	}
	if vulns != nil {
		analyzers = append(analyzers, vulns)
	}
	misconfig, err := newMisconfig(e.ctx, sc, scanMode(f, target), target)
	if err != nil {
		return err
	}
	if misconfig != nil {
		analyzers = append(analyzers, misconfig)
	}
	gt, err := loadGate(e.ctx, sc.Gate)
	if err != nil {
		return err
	}
	ignores, baseline, err := e.loadSuppressions(f, target)
	if err != nil {
		return err
	}
	var warnings []string
	if det != nil {
		warnings = unknownRules(det, sc.Secrets.DisableRules)
	}
	if f.sbom != "" {
		if err := readSBOM(vulns, f.sbom); err != nil {
			return err
		}
	}
	progress := &scan.Progress{}
	col := scan.NewCollector(progress, analyzers...)
	stop := e.progress(progress, !f.noProgress)
	stats, mode, err := e.collect(f, target, st, col)
	stop()
	if err != nil {
		var xe *exitError
		switch {
		case errors.As(err, &xe):
			return err
		case errors.Is(err, source.ErrNotRepository):
			return usageErr(err, "--git and --staged need a git work tree; scan a directory with 'ward scan PATH'")
		}
		return runtimeErr(err)
	}
	findings := col.Findings()
	if misconfig != nil {
		findings = append(findings, misconfig.Finish()...)
		scan.Sort(findings)
		warnings = append(warnings, misconfigWarnings(misconfig)...)
	}
	var vr *vulnResult
	if vulns != nil {
		vulns.FollowIncludes(scanRoot(target))
		if vr, err = e.matchVulns(vulns, f, sc); err != nil {
			return err
		}
		findings = append(findings, vr.findings...)
		scan.Sort(findings)
		warnings = append(warnings, vr.warnings...)
	}
	now := time.Now()
	ignores.Apply(findings, now)
	findings = filterSeverity(findings, sc.Severity)
	baselined := 0
	if baseline != nil {
		findings, baselined = baseline.Filter(findings)
	}
	if f.verify {
		e.verifyFindings(findings, st.verifyURLs)
	}
	rep := &report.Report{
		Tool:        report.Tool{Name: "ward", Version: firstOf(buildInfo())},
		Lockfiles:   vr.lockfilesOrNil(),
		Findings:    findings,
		FailOn:      st.failOn,
		ShowSecrets: f.showSecrets,
		StartedAt:   started,
		Summary: report.Summary{
			Target: target, Mode: mode, Scanners: sc.Scanners,
			Files: stats.Files, Bytes: stats.Bytes, Commits: stats.Commits,
			Binary: stats.Binary, Ignored: stats.Ignored, Baselined: baselined,
			Duration: time.Since(started), Warnings: warnings,
		},
	}
	for _, s := range stats.Skipped {
		rep.Summary.Skipped = append(rep.Summary.Skipped, report.Skipped(s))
	}
	for _, p := range ignores.Problems(now) {
		rep.Summary.Problems = append(rep.Summary.Problems, report.Problem(p))
	}
	decision, err := gt.Decide(e.ctx, findings, st.failOn, now)
	if err != nil {
		return usageErr(err, "fix the gate policy")
	}
	g := report.Gate(decision)
	rep.Gate = &g
	if err := e.writeReport(st.writer, rep, f.output); err != nil {
		return runtimeErr(err)
	}
	if err := vr.strictErr(f.strict); err != nil {
		return err
	}
	if f.strict && misconfig != nil && len(misconfig.Errors()) > 0 {
		return &exitError{ExitRuntime, fmt.Errorf("--strict: %s could not be read (see the warnings)", plural(len(misconfig.Errors()), "configuration file")), ""}
	}
	if !decision.Pass {
		return errFindings
	}
	return nil
}

// tuneGC lets the collector run less often when misconfigurations are
// checked, unless the user set GOGC: Rego evaluation allocates a lot of
// short-lived memory over a small live heap, and collecting at 3x rather
// than 1.5x of it (main's setting, which suits the secret scanner) cuts
// the scan's time by a third on a large Terraform tree (0.95 s to 0.64 s
// on terraform-aws-eks, 140 to 185 MiB peak). The soft limit keeps a huge
// tree's peak bounded all the same.
func (e *env) tuneGC(scanners []string) {
	if e.getenv("GOGC") != "" || !slices.Contains(scanners, finding.ScannerMisconfig) {
		return
	}
	debug.SetGCPercent(200)
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

// scanRoot is the folder a scan's paths are relative to.
func scanRoot(target string) string {
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
		return filepath.Dir(target)
	}
	return target
}

// scanMode names what a scan reads: dir, git, staged, stdin or sbom.
func scanMode(f *scanFlags, target string) string {
	switch {
	case f.sbom != "":
		return "sbom"
	case target == "-":
		return "stdin"
	case f.git:
		return "git"
	case f.staged:
		return "staged"
	}
	return "dir"
}

// secretAnalyzers builds the secret scanner when it is asked for.
func secretAnalyzers(sc *config.Scan) ([]scan.Analyzer, *secrets.Detector, error) {
	if !slices.Contains(sc.Scanners, finding.ScannerSecret) {
		return nil, nil, nil
	}
	depth := secrets.DefaultDecodeDepth
	if sc.Secrets.DecodeDepth != nil {
		depth = *sc.Secrets.DecodeDepth
	}
	det, err := secrets.New(secrets.Options{ConfigPath: sc.Secrets.Config, DecodeDepth: depth, DisableRules: sc.Secrets.DisableRules})
	if err != nil {
		return nil, nil, usageErr(err, "")
	}
	return []scan.Analyzer{scan.Secrets{Detector: det}}, det, nil
}

func firstOf(a, _ string) string { return a }

// unknownRules warns about --disable-rule ids that name no rule.
func unknownRules(det *secrets.Detector, disabled []string) []string {
	var warns []string
	for _, id := range disabled {
		if !det.Known(id) {
			warns = append(warns, fmt.Sprintf("--disable-rule %s: no rule has that id (see 'ward rules')", id))
		}
	}
	return warns
}

func (e *env) loadSuppressions(f *scanFlags, target string) (*suppress.File, suppress.Baseline, error) {
	path := f.ignoreFile
	if path == "" {
		dir := target
		if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
			dir = "."
		}
		path = filepath.Join(dir, suppress.FileName)
	}
	ignores, err := suppress.LoadFile(path)
	if err != nil {
		return nil, nil, usageErr(err, "each entry needs a reason and a fingerprint, rule or path")
	}
	var baseline suppress.Baseline
	if f.baseline != "" {
		if baseline, err = suppress.LoadBaseline(f.baseline); err != nil {
			return nil, nil, usageErr(err, "--baseline takes a report written with --format json")
		}
	}
	return ignores, baseline, nil
}

// collect runs the chosen source into the collector.
func (e *env) collect(f *scanFlags, target string, st *settings, col *scan.Collector) (source.Stats, string, error) {
	logOpts, err := splitWords(f.logOpts)
	if err != nil {
		return source.Stats{}, "git", usageErr(fmt.Errorf("--log-opts: %w", err), "")
	}
	gopts := source.GitOptions{Since: f.since, LogOpts: logOpts, MaxFileSize: st.maxFileSize, Workers: f.workers, Exclude: st.cfg.Scan.Exclude}
	switch {
	case f.sbom != "":
		return source.Stats{}, "sbom", nil
	case target == "-":
		stats, err := e.scanStdin(st.maxFileSize, col)
		return stats, "stdin", err
	case f.git:
		stats, err := source.History(e.ctx, target, gopts, col.Handle)
		return stats, "git", err
	case f.staged:
		stats, err := source.Staged(e.ctx, target, gopts, col.Handle)
		return stats, "staged", err
	}
	if _, err := os.Stat(target); err != nil {
		return source.Stats{}, "dir", usageErr(fmt.Errorf("scan %s: %w", target, err), "")
	}
	stats, err := source.Walk(e.ctx, target, source.WalkOptions{
		MaxFileSize: st.maxFileSize, Workers: f.workers, NoIgnore: f.noGitignore, Exclude: st.cfg.Scan.Exclude,
		Limit: lockfileLimit(&st.cfg.Scan),
	}, col.Handle)
	return stats, "dir", err
}

func (e *env) scanStdin(limit int64, col *scan.Collector) (source.Stats, error) {
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(e.stdin), limit+1))
	if err != nil {
		return source.Stats{}, fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return source.Stats{}, usageErr(fmt.Errorf("standard input is larger than --max-file-size (%d bytes)", limit), "raise --max-file-size")
	}
	col.Handle(source.Chunk{Path: "-", Data: data})
	return source.Stats{Files: 1, Bytes: int64(len(data))}, nil
}

func (e *env) writeReport(w report.Writer, rep *report.Report, output string) error {
	if output == "" || output == "-" {
		rep.Color = e.useColor(e.stdout)
		return w(e.stdout, rep)
	}
	// Devices, pipes, other special files (/dev/null, /dev/stdout) and
	// symbolic links are written in place; regular files are replaced
	// atomically.
	if fi, err := os.Lstat(output); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(output, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if err := w(f, rep); err != nil {
			f.Close()
			return fmt.Errorf("write report %s: %w", output, err)
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(output), ".ward-report-*")
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := w(tmp, rep); err != nil {
		tmp.Close()
		return fmt.Errorf("write report %s: %w", output, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", output, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes 0600
		return fmt.Errorf("write report %s: %w", output, err)
	}
	return os.Rename(tmp.Name(), output)
}

// splitWords splits --log-opts as a shell would: on blanks, with single
// and double quotes grouping and a backslash escaping the next character.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == '\'':
			cur.WriteByte(c)
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case quote == '"':
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
