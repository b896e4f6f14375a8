// Command osvgen writes an OSV all.zip of a chosen size for benchmarks:
// the real advisories of a seed archive (../shared's npm snapshot when
// there is one), advisories for packages of a lockfile (so a scan finds
// matches the way it would against the real database) and synthetic
// advisories for other names, up to -n records. Output is deterministic
// for a given seed.
//
//	go run ./bench/osvgen -n 200000 -eco npm -seed-zip all.zip -lockfile package-lock.json -o out/all.zip
package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
)

func main() {
	n := flag.Int("n", 200000, "records to write in all")
	eco := flag.String("eco", "npm", "OSV ecosystem of the records")
	seedZip := flag.String("seed-zip", "", "a real all.zip whose records are copied first")
	lockfile := flag.String("lockfile", "", "a package-lock.json whose package names get advisories")
	out := flag.String("o", "all.zip", "output archive")
	flag.Parse()
	if err := run(*n, *eco, *seedZip, *lockfile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "osvgen:", err)
		os.Exit(1)
	}
}

func run(n int, eco, seedZip, lockfile, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	count := 0
	if seedZip != "" {
		c, err := copyRecords(zw, seedZip)
		if err != nil {
			return err
		}
		count += c
	}
	names, err := lockNames(lockfile)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i, name := range names {
		if count >= n || rng.IntN(4) != 0 { // a quarter of the packages
			continue
		}
		if err := writeRecord(zw, synthetic(fmt.Sprintf("WARD-BENCH-L%06d", i), eco, name, rng)); err != nil {
			return err
		}
		count++
	}
	for i := 0; count < n; i++ {
		name := fmt.Sprintf("bench-pkg-%d", i/3) // three advisories per name
		if err := writeRecord(zw, synthetic(fmt.Sprintf("WARD-BENCH-S%07d", i), eco, name, rng)); err != nil {
			return err
		}
		count++
	}
	return zw.Close()
}

// synthetic is an advisory shaped like a GHSA record.
func synthetic(id, eco, name string, rng *rand.Rand) map[string]any {
	major := rng.IntN(5)
	return map[string]any{
		"schema_version": "1.6.0", "id": id, "modified": "2025-06-01T00:00:00Z", "published": "2025-05-01T00:00:00Z",
		"aliases":  []string{"CVE-2099-" + id[len(id)-5:]},
		"summary":  "Synthetic advisory for benchmarks in " + name,
		"details":  strings.Repeat("Details of a synthetic advisory. ", 12),
		"severity": []any{map[string]any{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}},
		"affected": []any{map[string]any{
			"package": map[string]any{"ecosystem": eco, "name": name, "purl": "pkg:npm/" + name},
			"ranges": []any{map[string]any{"type": "SEMVER", "events": []any{
				map[string]any{"introduced": fmt.Sprintf("%d.0.0", major)},
				map[string]any{"fixed": fmt.Sprintf("%d.%d.%d", major, rng.IntN(20), rng.IntN(10))},
			}}},
			"database_specific": map[string]any{"source": "bench"},
		}},
		"references":        []any{map[string]any{"type": "ADVISORY", "url": "https://example.invalid/" + id}},
		"database_specific": map[string]any{"severity": "HIGH"},
	}
}

func writeRecord(zw *zip.Writer, rec map[string]any) error {
	w, err := zw.Create(rec["id"].(string) + ".json")
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(rec)
}

func copyRecords(zw *zip.Writer, path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			return 0, err
		}
	}
	return len(zr.File), nil
}

// lockNames lists the package names of a package-lock.json (v2/v3).
func lockNames(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lock struct {
		Packages map[string]struct {
			Name string `json:"name"`
		} `json:"packages"`
	}
	if err := json.NewDecoder(io.LimitReader(f, 1<<30)).Decode(&lock); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	var names []string
	for key, p := range lock.Packages {
		name := p.Name
		if i := strings.LastIndex(key, "node_modules/"); name == "" && i >= 0 {
			name = key[i+len("node_modules/"):]
		}
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names, nil
}
