package cvss

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// osvSnapshotDir is the shared OSV snapshot, relative to this package.
const osvSnapshotDir = "../../../shared/data/osv"

// maxOSVRecord bounds the size of one advisory read from a snapshot zip.
const maxOSVRecord = 16 << 20

// knownInvalidOSV lists the snapshot's vectors that break the CVSS
// specification, by record, with the reason. Score must reject them; every
// other vector must score.
var knownInvalidOSV = map[string]string{
	// "U" is not a value of the v3 Integrity or Availability metrics.
	"npm/NSWG-ECO-504.json CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U": "unknown value U for I",
}

// osvSeverity is the part of an OSV record this test reads.
type osvSeverity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

type osvRecord struct {
	ID       string        `json:"id"`
	Severity []osvSeverity `json:"severity"`
	Affected []struct {
		Severity []osvSeverity `json:"severity"`
	} `json:"affected"`
}

// TestOSVSnapshotVectors scores every CVSS vector of the real OSV snapshot
// in /work/shared/data/osv/*/all.zip: each must parse, score within [0, 10]
// and carry the version its severity type announces. It logs how many
// vectors of each version it found, and skips when the snapshot is absent.
func TestOSVSnapshotVectors(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(osvSnapshotDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("OSV snapshot %s not present", osvSnapshotDir)
	}
	zips, err := filepath.Glob(filepath.Join(osvSnapshotDir, "*", "all.zip"))
	if err != nil {
		t.Fatalf("glob OSV snapshot: %v", err)
	}
	if len(zips) == 0 {
		t.Skipf("no all.zip under %s", osvSnapshotDir)
	}
	counts := map[string]int{}
	rejected := map[string]bool{}
	for _, path := range zips {
		for _, sev := range readOSVSeverities(t, path) {
			key := sev.Where + " " + sev.Score
			version, err := checkOSVSeverity(sev.osvSeverity)
			switch reason, known := knownInvalidOSV[key]; {
			case known && err == nil:
				t.Errorf("%s: %s scores, want it rejected (%s)", sev.Where, sev.Score, reason)
			case known:
				rejected[key] = true
			case err != nil:
				t.Errorf("%s: %s: %v", sev.Where, sev.Score, err)
			default:
				counts[version]++
			}
		}
	}
	for key := range knownInvalidOSV {
		if !rejected[key] {
			t.Logf("known-invalid vector %s no longer in the snapshot", key)
		}
	}
	if len(counts) == 0 {
		t.Fatal("no CVSS vector found in the OSV snapshot")
	}
	t.Logf("CVSS vectors in the OSV snapshot, by version: %s; known invalid, rejected: %d",
		formatCounts(counts), len(rejected))
}

// located is a severity entry with the zip and record it came from.
type located struct {
	osvSeverity
	Where string
}

// readOSVSeverities returns every severity entry of every record in the zip
// at path, top-level and per affected package.
func readOSVSeverities(t testing.TB, path string) []located {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer zr.Close()
	var out []located
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		rec, err := readOSVRecord(f)
		if err != nil {
			t.Errorf("%s: %s: %v", path, f.Name, err)
			continue
		}
		where := filepath.Base(filepath.Dir(path)) + "/" + f.Name
		sevs := rec.Severity
		for _, a := range rec.Affected {
			sevs = append(sevs, a.Severity...)
		}
		for _, s := range sevs {
			out = append(out, located{osvSeverity: s, Where: where})
		}
	}
	return out
}

func readOSVRecord(f *zip.File) (osvRecord, error) {
	var rec osvRecord
	if f.UncompressedSize64 > maxOSVRecord {
		return rec, fmt.Errorf("record of %d bytes exceeds %d", f.UncompressedSize64, maxOSVRecord)
	}
	rc, err := f.Open()
	if err != nil {
		return rec, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxOSVRecord+1))
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("decode: %w", err)
	}
	return rec, nil
}

// checkOSVSeverity scores one OSV severity entry and returns the CVSS
// version of its vector ("2.0", "3.0", "3.1", "4.0"), or "other:TYPE" for
// severity types that are not CVSS (such as Ubuntu priorities).
func checkOSVSeverity(s osvSeverity) (string, error) {
	if !strings.HasPrefix(s.Type, "CVSS_") {
		return "other:" + s.Type, nil
	}
	var version string
	switch {
	case strings.HasPrefix(s.Score, prefix30):
		version = "3.0"
	case strings.HasPrefix(s.Score, prefix31):
		version = "3.1"
	case strings.HasPrefix(s.Score, prefix40):
		version = "4.0"
	default:
		version = "2.0"
	}
	wantType := map[string]string{"2.0": "CVSS_V2", "3.0": "CVSS_V3", "3.1": "CVSS_V3", "4.0": "CVSS_V4"}[version]
	if s.Type != wantType {
		return "", fmt.Errorf("severity type %s holds a CVSS %s vector", s.Type, version)
	}
	score, err := Score(s.Score)
	if err != nil {
		return "", err
	}
	if score < 0 || score > 10 {
		return "", fmt.Errorf("score %v outside [0, 10]", score)
	}
	return version, nil
}

func formatCounts(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	total := 0
	for k, n := range counts {
		keys = append(keys, k)
		total += n
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys)+1)
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	parts = append(parts, fmt.Sprintf("total=%d", total))
	return strings.Join(parts, " ")
}
