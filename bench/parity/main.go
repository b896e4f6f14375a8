// Command parity builds the fixtures of Ward's parity test with
// osv-scanner (internal/scan/testdata/parity): real lockfiles, gzipped;
// osv-scanner's offline findings for each, reduced to package → ids; and
// the advisories of the real OSV snapshot that name any of their packages.
//
//	go run ./bench/parity -lockfiles /tmp/parity/lockfiles -results /tmp/parity/osv-results \
//	    -osv ../shared/data/osv -o internal/scan/testdata/parity  FORMAT/PROJECT...
//
// -lockfiles holds FORMAT/PROJECT/<lockfile>; -results holds
// FORMAT/PROJECT.json written by `osv-scanner scan source --offline
// --local-db-path DB --format json -L <lockfile>` against the same snapshot.
package main

import (
	"archive/zip"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/vulndb"
)

func main() {
	lockDir := flag.String("lockfiles", "/tmp/parity/lockfiles", "FORMAT/PROJECT/<lockfile> tree")
	resDir := flag.String("results", "/tmp/parity/osv-results", "osv-scanner JSON results, FORMAT/PROJECT.json")
	osvDir := flag.String("osv", "../shared/data/osv", "OSV snapshot: <Ecosystem>/all.zip")
	out := flag.String("o", "internal/scan/testdata/parity", "output folder")
	flag.Parse()
	if err := run(*lockDir, *resDir, *osvDir, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "parity:", err)
		os.Exit(1)
	}
}

func run(lockDir, resDir, osvDir, out string, cases []string) error {
	names := map[string]map[string]bool{} // ecosystem → normalised names
	for _, c := range cases {
		files, err := filepath.Glob(filepath.Join(lockDir, c, "*"))
		if err != nil || len(files) != 1 {
			return fmt.Errorf("%s: want exactly one lockfile, found %v", c, files)
		}
		data, err := os.ReadFile(files[0])
		if err != nil {
			return err
		}
		lf, err := deps.Parse(filepath.Base(files[0]), data)
		if err != nil {
			return err
		}
		for _, p := range lf.Packages {
			eco := string(p.Ecosystem)
			if names[eco] == nil {
				names[eco] = map[string]bool{}
			}
			names[eco][vulndb.NormalizeName(eco, p.Name)] = true
		}
		if err := gzipTo(filepath.Join(out, "lockfiles", c, filepath.Base(files[0])+".gz"), data); err != nil {
			return err
		}
		if err := expected(filepath.Join(resDir, c+".json"), filepath.Join(out, "expected", c+".json")); err != nil {
			return err
		}
	}
	for eco, ns := range names {
		if err := subset(filepath.Join(osvDir, eco, "all.zip"), eco, ns, filepath.Join(out, "osv", eco+".zip")); err != nil {
			return err
		}
	}
	return nil
}

func gzipTo(dst string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// expected reduces an osv-scanner JSON report to "name@version" → ids.
func expected(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var rep struct {
		Results []struct {
			Packages []struct {
				Package struct {
					Name, Version, Ecosystem string
				}
				Vulnerabilities []struct{ ID string }
			}
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	got := map[string][]string{}
	for _, r := range rep.Results {
		for _, p := range r.Packages {
			key := p.Package.Ecosystem + "/" + p.Package.Name + "@" + p.Package.Version
			for _, v := range p.Vulnerabilities {
				got[key] = append(got[key], v.ID)
			}
			slices.Sort(got[key])
		}
	}
	js, _ := json.MarshalIndent(got, "", " ")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, append(js, '\n'), 0o644)
}

// subset copies the advisories of src that name one of names.
func subset(src, eco string, names map[string]bool, dst string) error {
	zr, err := zip.OpenReader(src)
	if os.IsNotExist(err) {
		return nil // the snapshot has no such ecosystem
	}
	if err != nil {
		return err
	}
	defer zr.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		var a vulndb.Advisory
		if json.Unmarshal(b, &a) != nil || !names[advisoryName(eco, &a, names)] {
			continue
		}
		if err := zw.Copy(e); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func advisoryName(eco string, a *vulndb.Advisory, names map[string]bool) string {
	for _, af := range a.Affected {
		n := vulndb.NormalizeName(eco, af.Package.Name)
		if strings.HasPrefix(af.Package.Ecosystem, eco) && names[n] {
			return n
		}
	}
	return ""
}
