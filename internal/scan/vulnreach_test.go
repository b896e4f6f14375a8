package scan

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/reach"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/vulndb"
)

// reachRoot is the fixture described in testdata/reach/README.md.
const reachRoot = "testdata/reach"

// TestReachability runs the fixture through the scan pipeline (walk,
// Vulns, Match) with its fake module cache as GOMODCACHE.
func TestReachability(t *testing.T) {
	cache, err := filepath.Abs(filepath.Join(reachRoot, "modcache"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOMODCACHE", cache)
	db := reachDB(t)
	v := &Vulns{Root: reachRoot, Reach: &reach.Options{}, Skip: func(p string) bool { return strings.HasPrefix(p, "modcache/") }}
	got := scanFixture(t, v, db)
	tests := []struct {
		name, lockfile, id string
		unimported         bool
	}{
		{"imported directly", "direct/go.mod", "GO-2099-0001", false},
		{"imported through a dependency", "transitive/go.mod", "GO-2099-0001", false},
		{"not imported", "unimported/go.mod", "GO-2099-0001", true},
		{"nested module imports it", "unimported/nested/go.mod", "GO-2099-0001", false},
		{"dependency missing from the cache", "missing/go.mod", "GO-2099-0001", false},
		{"whole module affected", "unimported/go.mod", "GO-2099-0002", false},
		{"whole module affected, direct", "direct/go.mod", "GO-2099-0002", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := got[tt.lockfile+" "+tt.id]
			if !ok {
				t.Fatalf("no finding %s in %s; got %v", tt.id, tt.lockfile, keys(got))
			}
			isUnimported := f.Suppressed != nil && f.Suppressed.Kind == SuppressUnimported
			if isUnimported != tt.unimported {
				t.Errorf("suppressed = %+v, want unimported %v", f.Suppressed, tt.unimported)
			}
		})
	}
	if f := got["unimported/go.mod GO-2099-0001"]; f.Suppressed != nil && !strings.Contains(f.Suppressed.Reason, "example.com/vuln/bad") {
		t.Errorf("reason %q does not name the affected package", f.Suppressed.Reason)
	}
	if n := Failing(values(got), finding.Low); n != len(got)-1 {
		t.Errorf("Failing = %d, want %d: only the unimported finding stops failing", n, len(got)-1)
	}
	notes := v.ReachNotes()
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "missing/go.mod:") || !strings.Contains(notes[0], "example.com/gone") {
		t.Errorf("notes = %q, want one about missing/go.mod naming example.com/gone", notes)
	}
}

// TestReachabilityOff: without Reach (--no-reachability), every match is
// reported as before.
func TestReachabilityOff(t *testing.T) {
	t.Parallel()
	db := reachDB(t)
	got := scanFixture(t, &Vulns{Root: reachRoot, Skip: func(p string) bool { return strings.HasPrefix(p, "modcache/") }}, db)
	if len(got) != 10 {
		t.Errorf("got %d findings, want 10 (5 go.mod files x 2 advisories): %v", len(got), keys(got))
	}
	for k, f := range got {
		if f.Suppressed != nil {
			t.Errorf("%s suppressed %+v with the analysis off", k, f.Suppressed)
		}
	}
}

// scanFixture walks the fixture into v and matches it, keyed by
// "lockfile id".
func scanFixture(t *testing.T, v *Vulns, db *vulndb.DB) map[string]finding.Finding {
	t.Helper()
	col := NewCollector(nil, v)
	if _, err := source.Walk(context.Background(), reachRoot, source.WalkOptions{Workers: 2}, col.Handle); err != nil {
		t.Fatal(err)
	}
	if errs := v.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	fs, err := v.Match(db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Finding{}
	for _, f := range fs {
		out[f.Location.Path+" "+f.RuleID] = f
	}
	return out
}

// reachDB imports the fixture's advisories into a fresh database.
func reachDB(t *testing.T) *vulndb.DB {
	t.Helper()
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "all.zip")
	out, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	recs, _ := filepath.Glob(filepath.Join(reachRoot, "osv", "*.json"))
	for _, r := range recs {
		data, err := os.ReadFile(r)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(filepath.Base(r))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	dbDir := filepath.Join(dir, "db")
	if _, err := vulndb.Import(zipPath, "Go", dbDir); err != nil {
		t.Fatal(err)
	}
	db, err := vulndb.Open(dbDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func keys(m map[string]finding.Finding) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func values(m map[string]finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range m {
		out = append(out, f)
	}
	return out
}
