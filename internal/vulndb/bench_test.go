package vulndb

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchRecords makes n GHSA-shaped advisories over n/3 package names.
func benchRecords(n int) []map[string]any {
	recs := make([]map[string]any, n)
	for i := range recs {
		r := rec(fmt.Sprintf("GHSA-%06d", i), "npm", fmt.Sprintf("pkg-%d", i/3),
			semverRange(Event{Introduced: "0"}, Event{Fixed: fmt.Sprintf("1.%d.0", i%20)}))
		r["details"] = strings.Repeat("Details of the advisory. ", 20)
		r["severity"] = []Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}}
		r["references"] = []Reference{{Type: "ADVISORY", URL: "https://example.invalid/" + r["id"].(string)}}
		recs[i] = r
	}
	return recs
}

// BenchmarkBuild times the index build per advisory.
func BenchmarkBuild(b *testing.B) {
	zp := filepath.Join(b.TempDir(), "all.zip")
	if err := os.WriteFile(zp, zipOf(b, benchRecords(20000)...), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(zp, "npm", b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdvisories times looking up 4,000 names (a third of them
// with advisories) in a 20,000-advisory index and reading what matches.
func BenchmarkAdvisories(b *testing.B) {
	dir := buildDB(b, "npm", benchRecords(20000)...)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	names := make([]string, 4000)
	for i := range names {
		names[i] = fmt.Sprintf("pkg-%d", i*5)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Advisories("npm", names); err != nil {
			b.Fatal(err)
		}
	}
}
