package cli

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/reach"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/vulndb"
)

// maxSBOM bounds an SBOM given with --sbom.
const maxSBOM = 256 << 20

// newVulns returns the lockfile collector for this scan, or nil when the
// vuln scanner does not run. root is the folder lockfile paths are
// relative to, for the Go import analysis.
func newVulns(sc *config.Scan, mode, root string) (*scan.Vulns, error) {
	if !slices.Contains(sc.Scanners, finding.ScannerVuln) || (mode != "dir" && mode != "sbom") {
		return nil, nil
	}
	skip, err := globSkipper("scan.vuln.exclude", sc.Vuln.Exclude)
	if err != nil {
		return nil, err
	}
	v := &scan.Vulns{Skip: skip}
	if sc.Vuln.Reachability && mode == "dir" {
		v.Root, v.Reach = root, &reach.Options{}
	}
	return v, nil
}

// readSBOM adds the packages of an SBOM file to v.
func readSBOM(v *scan.Vulns, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return usageErr(fmt.Errorf("--sbom: %w", err), "")
	}
	if fi.Size() > maxSBOM {
		return usageErr(fmt.Errorf("--sbom %s: larger than %d MiB", path, maxSBOM>>20), "")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return usageErr(fmt.Errorf("--sbom: %w", err), "")
	}
	lf, err := deps.ParseSBOM(path, data)
	if err != nil {
		return usageErr(err, "--sbom takes a CycloneDX or SPDX JSON document")
	}
	v.AddLockfile(*lf)
	return nil
}

// vulnResult is what the vuln scanner adds to a scan.
type vulnResult struct {
	findings  []finding.Finding
	lockfiles []deps.Lockfile
	warnings  []string
	parseErrs int
	// unchecked counts what could not be checked: no database, or no
	// advisories for an ecosystem in use.
	unchecked int
}

// matchVulns opens the database and matches the gathered lockfiles. A
// missing database is a warning (the other scanners' results stand); a
// corrupt one is an error naming the file.
func (e *env) matchVulns(v *scan.Vulns, f *scanFlags, sc *config.Scan) (*vulnResult, error) {
	r := &vulnResult{lockfiles: v.Lockfiles()}
	for _, err := range v.Errors() {
		r.warnings = append(r.warnings, "lockfile not read: "+err.Error())
		r.parseErrs++
	}
	if len(r.lockfiles) == 0 {
		return r, nil
	}
	dir := f.dbDir
	if dir == "" {
		dir = sc.Vuln.DBDir
	}
	dir, err := dbDir(dir)
	if err != nil {
		return nil, runtimeErr(err)
	}
	db, err := vulndb.Open(dir)
	switch {
	case errors.Is(err, vulndb.ErrNoDatabase):
		r.warnings = append(r.warnings, fmt.Sprintf("no vulnerability database in %s: dependencies were not checked; run 'ward db update' (or 'ward db import')", dir))
		r.unchecked++
		return r, nil
	case errors.Is(err, vulndb.ErrCorrupt):
		return nil, &exitError{ExitRuntime, err, "run 'ward db update' (or 'ward db import') to rebuild it"}
	case err != nil:
		return nil, runtimeErr(err)
	}
	defer db.Close()
	warns, missing := staleWarnings(db, r.lockfiles, sc.Vuln.MaxAge)
	r.warnings = append(r.warnings, warns...)
	r.unchecked += missing
	if r.findings, err = v.Match(db); err != nil {
		return nil, &exitError{ExitRuntime, err, "run 'ward db update' (or 'ward db import') to rebuild it"}
	}
	r.warnings = append(r.warnings, v.ReachNotes()...)
	return r, nil
}

// staleWarnings warns about ecosystems in use that the database lacks or
// holds in a copy older than maxAge, and counts the missing ones.
func staleWarnings(db *vulndb.DB, lfs []deps.Lockfile, maxAge string) ([]string, int) {
	limit, _ := time.ParseDuration(maxAge)
	used := map[string]bool{}
	for _, lf := range lfs {
		for _, p := range lf.Packages {
			used[string(p.Ecosystem)] = true
		}
	}
	var warns []string
	missing := 0
	metas := db.Ecosystems()
	for _, eco := range sortedKeys(used) {
		i := slices.IndexFunc(metas, func(m vulndb.Meta) bool { return m.Ecosystem == eco })
		switch {
		case i < 0:
			warns = append(warns, fmt.Sprintf("the vulnerability database has no %s advisories: run 'ward db update --ecosystems %s'", eco, eco))
			missing++
		case limit > 0 && time.Since(metas[i].Checked) > limit:
			warns = append(warns, fmt.Sprintf("the %s advisories were last updated %s ago: run 'ward db update'", eco, age(time.Since(metas[i].Checked))))
		}
	}
	return warns, missing
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (r *vulnResult) lockfilesOrNil() []deps.Lockfile {
	if r == nil {
		return nil
	}
	return r.lockfiles
}

// plural renders "1 lockfile", "2 lockfiles".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// maxLockfile bounds a lockfile, whatever --max-file-size says: a big
// monorepo's package-lock.json passes 10 MiB and must still be checked.
const maxLockfile = 256 << 20

// lockfileLimit lets the walk read lockfiles up to maxLockfile when the
// vuln scanner runs.
func lockfileLimit(sc *config.Scan) func(string) int64 {
	if !slices.Contains(sc.Scanners, finding.ScannerVuln) {
		return nil
	}
	return func(rel string) int64 {
		if deps.Known(rel) {
			return maxLockfile
		}
		return 0
	}
}

// strictErr is --strict's verdict: exit 3 when a lockfile could not be
// read or dependencies could not be checked, so a CI gate never passes on
// a scan that did not look.
func (r *vulnResult) strictErr(strict bool) error {
	switch {
	case !strict || r == nil:
		return nil
	case r.parseErrs > 0:
		return &exitError{ExitRuntime, fmt.Errorf("--strict: %s could not be read (see the warnings)", plural(r.parseErrs, "lockfile")), ""}
	case r.unchecked > 0:
		return &exitError{ExitRuntime, errors.New("--strict: dependencies were not checked against a complete database (see the warnings)"), "run 'ward db update'"}
	}
	return nil
}
