package scan

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/vulndb"
)

// parityDifference is a finding where Ward and osv-scanner 2.5.0 disagree
// on purpose; each says why Ward is right.
type parityDifference struct {
	lockfile, pkg, id string
	wardOnly          bool
	why               string
}

// Reasons shared by several differences.
const (
	whyLocal = "a workspace member, the project itself or a git/path package: " +
		"Ward never matches those against registry advisories; osv-scanner does"
	whyCase = "the advisory names the package \"Jinja2\"/\"Django\"; PyPI names are case-insensitive (PEP 503), " +
		"osv-scanner compares them byte for byte and misses it"
	whyManaged = "the version is pinned in <dependencyManagement>, where multi-module builds keep versions; " +
		"osv-scanner reads only <dependencies>"
)

var parityDifferences = []parityDifference{
	{"cargo/bat-2596bfe7a7", "crates.io/bat@0.15.1", "RUSTSEC-2021-0106", false, whyLocal},
	{"gemfile/huginn-8a8b3d9334", "RubyGems/twitter-stream@0.1.15", "GHSA-p6p8-q4pj-f74m", false, whyLocal},
	{"maven/nacos-5247548e86", "Maven/org.apache.logging.log4j:log4j-core@2.13.3", "GHSA-jfh8-c2jp-5v3q", true, whyManaged},
	{"pipfile/black-b65af236cf", "PyPI/jinja2@2.10.3", "VICTIMS-CVE-2014-1402", true, whyCase},
	{"poetry/poetry-15d013084a", "PyPI/jinja2@2.11.2", "VICTIMS-CVE-2014-1402", true, whyCase},
	{"requirements/CTFd-463f117b4a", "PyPI/jinja2@2.11.2", "VICTIMS-CVE-2014-1402", true, whyCase},
	{"uv/pydantic-53bf2f2839", "PyPI/jinja2@3.1.4", "VICTIMS-CVE-2014-1402", true, whyCase},
	// "0.0.0-use.local" is how Yarn Berry marks a workspace member; all 17
	// of osv-scanner's angular findings here are about jest's own test
	// workspace.
	{"yarn-berry/jest-36d23f5fa1", "npm/angular@0.0.0-use.local", "*", false, whyLocal},
}

// TestParity checks Ward's vulnerability ids per package against
// osv-scanner's offline results on real lockfiles from old versions of
// public projects and the advisories of a real OSV snapshot (see
// testdata/parity/README.md). Every difference must be listed above with
// its reason (id "*" covers every id of the package); findings on Go's stdlib (from go.mod's go directive, which
// osv-scanner does not report offline) are Ward's own.
func TestParity(t *testing.T) {
	t.Parallel()
	db := parityDB(t)
	defer db.Close()
	cases, _ := filepath.Glob("testdata/parity/expected/*/*.json")
	if len(cases) < 12 {
		t.Fatalf("%d parity cases, want at least 12", len(cases))
	}
	used := map[int]bool{}
	agree, wardOwn, explained := 0, 0, 0
	for _, exp := range cases {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(exp), "testdata/parity/expected/"), ".json")
		want := readExpected(t, exp)
		got := wardResult(t, db, name)
		for _, key := range unionKeys(got, want) {
			agree += countCommon(got[key], want[key])
			for _, id := range symDiff(got[key], want[key]) {
				wardOnly := slices.Contains(got[key], id)
				if strings.HasPrefix(key, stdlibPrefix) && wardOnly {
					wardOwn++
					continue
				}
				i := slices.IndexFunc(parityDifferences, func(d parityDifference) bool {
					return d.lockfile == name && d.pkg == key && (d.id == id || d.id == "*") && d.wardOnly == wardOnly
				})
				if i < 0 {
					side := "osv-scanner only"
					if wardOnly {
						side = "Ward only"
					}
					t.Errorf("%s: %s %s: %s", name, key, id, side)
					continue
				}
				used[i] = true
				explained++
			}
		}
	}
	t.Logf("%d lockfiles: %d package/advisory pairs found by both, %d Go stdlib findings of Ward's own, %d listed differences",
		len(cases), agree, wardOwn, explained)
	for i, d := range parityDifferences {
		if !used[i] {
			t.Errorf("listed difference no longer seen: %+v", d)
		}
	}
}

func parityDB(t *testing.T) *vulndb.DB {
	t.Helper()
	dir := t.TempDir()
	zips, _ := filepath.Glob("testdata/parity/osv/*.zip")
	for _, z := range zips {
		eco := strings.TrimSuffix(filepath.Base(z), ".zip")
		if _, err := vulndb.Import(z, eco, dir); err != nil {
			t.Fatal(err)
		}
	}
	db, err := vulndb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// readExpected reads osv-scanner's results, keys normalised as Ward's.
func readExpected(t *testing.T, path string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string][]string
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for k, ids := range raw {
		eco, rest, _ := strings.Cut(k, "/")
		at := strings.LastIndex(rest, "@")
		out[parityKey(eco, rest[:at], rest[at+1:])] = ids
	}
	return out
}

// stdlibPrefix starts the keys of Go standard library findings.
const stdlibPrefix = "Go/stdlib@"

// parityKey is "ecosystem/name@version" with the name normalised and Go's
// "v" dropped (osv-scanner prints Go versions without it).
func parityKey(eco, name, version string) string {
	if eco == "Go" {
		version = strings.TrimPrefix(version, "v")
	}
	return eco + "/" + vulndb.NormalizeName(eco, name) + "@" + version
}

func wardResult(t *testing.T, db *vulndb.DB, name string) map[string][]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata/parity/lockfiles", name, "*.gz"))
	if len(files) != 1 {
		t.Fatalf("%s: lockfile missing", name)
	}
	data := gunzip(t, files[0])
	v := &Vulns{}
	path := strings.TrimSuffix(filepath.Base(files[0]), ".gz")
	if !deps.Known(path) {
		t.Fatalf("%s: Ward does not recognise %s", name, path)
	}
	v.Analyze(&source.Chunk{Path: path, Data: data})
	if errs := v.Errors(); len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs)
	}
	fs, err := v.Match(db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, f := range fs {
		p := f.Vuln.Package
		k := parityKey(p.Ecosystem, p.Name, p.Version)
		for _, id := range append([]string{f.RuleID}, f.Vuln.Merged...) { // osv-scanner lists each advisory of a group
			if !slices.Contains(out[k], id) {
				out[k] = append(out[k], id)
			}
		}
	}
	return out
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func unionKeys(a, b map[string][]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func countCommon(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}

// symDiff lists the ids in exactly one of a and b.
func symDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}
