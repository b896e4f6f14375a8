package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rec builds an OSV record for one package with the given ranges.
func rec(id, eco, name string, ranges []Range, versions ...string) map[string]any {
	return map[string]any{
		"id": id, "modified": "2024-01-02T03:04:05Z", "summary": "summary of " + id,
		"aliases": []string{"CVE-" + id},
		"affected": []any{map[string]any{
			"package":  map[string]any{"ecosystem": eco, "name": name},
			"ranges":   ranges,
			"versions": versions,
		}},
	}
}

func semverRange(events ...Event) []Range { return []Range{{Type: "SEMVER", Events: events}} }

// zipOf writes records as an OSV all.zip.
func zipOf(t testing.TB, recs ...map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, r := range recs {
		w, err := zw.Create(r["id"].(string) + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(w).Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// buildDB imports the records as ecosystem eco into a new folder.
func buildDB(t testing.TB, eco string, recs ...map[string]any) string {
	t.Helper()
	dir := t.TempDir()
	zp := filepath.Join(t.TempDir(), "all.zip")
	if err := os.WriteFile(zp, zipOf(t, recs...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(zp, eco, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuildAndQuery(t *testing.T) {
	t.Parallel()
	withdrawn := rec("W-1", "npm", "lodash", semverRange(Event{Introduced: "0"}))
	withdrawn["withdrawn"] = "2024-02-01T00:00:00Z"
	other := rec("O-1", "PyPI", "lodash", semverRange(Event{Introduced: "0"}))
	dir := buildDB(t, "npm",
		rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"})),
		rec("A-2", "npm", "lodash", semverRange(Event{Introduced: "4.0.0"}, Event{Fixed: "4.17.12"})),
		rec("B-1", "npm", "@babel/traverse", semverRange(Event{Introduced: "0"}, Event{Fixed: "7.23.2"})),
		withdrawn, other,
	)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	metas := db.Ecosystems()
	if len(metas) != 1 || metas[0].Records != 3 || metas[0].Withdrawn != 1 || metas[0].Skipped != 1 || metas[0].Packages != 2 {
		t.Fatalf("meta = %+v, want 3 records, 1 withdrawn, 1 skipped, 2 packages", metas)
	}
	got, err := db.Advisories("npm", []string{"lodash", "express", "@babel/traverse", "lodash"})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(as []*Advisory) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		slices.Sort(out)
		return out
	}
	if g := ids(got["lodash"]); !slices.Equal(g, []string{"A-1", "A-2"}) {
		t.Errorf("lodash advisories = %v, want [A-1 A-2]", g)
	}
	if g := ids(got["@babel/traverse"]); !slices.Equal(g, []string{"B-1"}) {
		t.Errorf("@babel/traverse advisories = %v, want [B-1]", g)
	}
	if _, ok := got["express"]; ok {
		t.Errorf("express has advisories, want none")
	}
	if a, _ := db.Advisories("PyPI", []string{"lodash"}); len(a) != 0 {
		t.Errorf("an ecosystem the database lacks gave %v", a)
	}
}

func TestOpenEmpty(t *testing.T) {
	t.Parallel()
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("Open(empty) = %v, want ErrNoDatabase", err)
	}
}

// TestCorruption: truncated files, flipped bytes and foreign files are
// named as corrupt, never read as empty.
func TestCorruption(t *testing.T) {
	t.Parallel()
	dir := buildDB(t, "npm", rec("A-1", "npm", "left-pad", semverRange(Event{Introduced: "0"}, Event{Fixed: "1.1.0"})))
	good, err := os.ReadFile(filepath.Join(dir, fileName("npm")))
	if err != nil {
		t.Fatal(err)
	}
	recordAt := bytes.Index(good, []byte(`{"id":"A-1"`))
	tests := []struct {
		name   string
		mutate func([]byte) []byte
		atRead bool
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)-20] }, false},
		{"empty", func([]byte) []byte { return nil }, false},
		{"not ours", func([]byte) []byte { return []byte(strings.Repeat("PK\x03\x04", 20)) }, false},
		{"table byte flipped", func(b []byte) []byte { b[len(b)-trailerSize-3] ^= 0xff; return b }, false},
		{"meta byte flipped", func(b []byte) []byte { b[bytes.LastIndex(b, []byte(`"ecosystem"`))+2] ^= 0x01; return b }, false},
		{"record byte flipped", func(b []byte) []byte { b[recordAt+3] ^= 0x01; return b }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := t.TempDir()
			if err := os.WriteFile(filepath.Join(d, fileName("npm")), tt.mutate(slices.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(d)
			if !tt.atRead {
				if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "npm.wdb") {
					t.Fatalf("Open = %v, want ErrCorrupt naming npm.wdb", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Advisories("npm", []string{"left-pad"}); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Advisories = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestArchiveChecks(t *testing.T) {
	t.Parallel()
	write := func(t *testing.T, name string, body []byte, method uint16) string {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
		zw.Close()
		p := filepath.Join(t.TempDir(), "all.zip")
		os.WriteFile(p, buf.Bytes(), 0o644)
		return p
	}
	tests := []struct {
		name, entry string
		body        []byte
		want        string
	}{
		{"traversal", "../../etc/evil.json", []byte(`{"id":"X"}`), "unsafe entry name"},
		{"absolute", "/etc/evil.json", []byte(`{"id":"X"}`), "unsafe entry name"},
		{"bomb", "big.json", bytes.Repeat([]byte(" "), maxEntry+10), "more than"},
		{"not json", "x.json", []byte("{nope"), "not an OSV record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Import(write(t, tt.entry, tt.body, zip.Deflate), "npm", t.TempDir())
			var ae *ArchiveError
			if !errors.As(err, &ae) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Import = %v, want an ArchiveError containing %q", err, tt.want)
			}
		})
	}
	// Another ecosystem's archive must not replace a good index with an empty one.
	dir := buildDB(t, "npm", rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"})))
	pypi := filepath.Join(t.TempDir(), "all.zip")
	os.WriteFile(pypi, zipOf(t, rec("P-1", "PyPI", "django", semverRange(Event{Introduced: "0"}))), 0o644)
	if _, err := Import(pypi, "npm", dir); err == nil || !strings.Contains(err.Error(), "no npm advisories") {
		t.Errorf("importing a PyPI archive as npm: %v, want an error", err)
	}
	if db, err := Open(dir); err != nil || len(db.Ecosystems()) != 1 || db.Ecosystems()[0].Records != 1 {
		t.Errorf("the good index was not kept: %v", err)
	}
	if _, err := Import(filepath.Join(t.TempDir(), "missing.zip"), "npm", t.TempDir()); err == nil {
		t.Error("Import of a missing file succeeded")
	}
}

// osvServer serves all.zip files with ETag and the bucket's MD5 header,
// honouring If-None-Match and Range; fail makes the first n requests fail
// in the given way.
type osvServer struct {
	zips     map[string][]byte
	requests atomic.Int32
	failures atomic.Int32
	fail     func(w http.ResponseWriter, r *http.Request, body []byte) bool
}

func (s *osvServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	eco, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/all.zip")
	body := s.zips[eco]
	if !ok || body == nil {
		http.NotFound(w, r)
		return
	}
	if s.fail != nil && s.fail(w, r, body) {
		s.failures.Add(1)
		return
	}
	sum := md5.Sum(body)
	etag := `"` + base64.StdEncoding.EncodeToString(sum[:]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("X-Goog-Hash", "crc32c=AAAAAA==,md5="+base64.StdEncoding.EncodeToString(sum[:]))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if rg := r.Header.Get("Range"); rg != "" {
		from, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		w.Header().Set("Content-Range", "bytes "+strconv.Itoa(from)+"-"+strconv.Itoa(len(body)-1)+"/"+strconv.Itoa(len(body)))
		w.Header().Set("Content-Length", strconv.Itoa(len(body)-from))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(body[from:])
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func update(t *testing.T, url, dir string, ecos ...string) ([]Meta, error) {
	t.Helper()
	return Update(context.Background(), UpdateOptions{Dir: dir, BaseURL: url, Ecosystems: ecos, Backoff: time.Millisecond})
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	srv := &osvServer{zips: map[string][]byte{
		"npm":  zipOf(t, rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"}))),
		"PyPI": zipOf(t, rec("P-1", "PyPI", "Django", []Range{{Type: "ECOSYSTEM", Events: []Event{{Introduced: "0"}, {Fixed: "3.2.1"}}}})),
	}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	metas, err := update(t, ts.URL, dir, "npm", "PyPI")
	if err != nil || len(metas) != 2 {
		t.Fatalf("Update = %v, %v; want two ecosystems", metas, err)
	}
	idx := filepath.Join(dir, fileName("npm"))
	before, _ := os.ReadFile(idx)
	old := time.Now().Add(-30 * 24 * time.Hour)
	os.Chtimes(idx, old, old)

	// An unchanged archive is not downloaded or rebuilt again, and the
	// index counts as checked now.
	again, err := update(t, ts.URL, dir, "npm")
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(idx)
	if !bytes.Equal(before, after) {
		t.Error("an unchanged archive rebuilt the index")
	}
	if len(again) != 1 || time.Since(again[0].Checked) > time.Hour {
		t.Errorf("after a 304 the index should count as checked now: %+v", again)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _ := db.Advisories("PyPI", []string{"django"})
	if len(got["django"]) != 1 {
		t.Errorf("PyPI django (normalised) = %v, want P-1", got)
	}
	if _, err := update(t, ts.URL, dir, "NoSuchEco"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("unknown ecosystem: %v, want a 404 error", err)
	}
}

// TestUpdateRetriesAndResumes: a download cut short is resumed with a
// Range request; a 503 is retried.
func TestUpdateRetriesAndResumes(t *testing.T) {
	t.Parallel()
	body := zipOf(t, rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"})))
	var sawRange atomic.Bool
	srv := &osvServer{zips: map[string][]byte{"npm": body}}
	srv.fail = func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if r.Header.Get("Range") != "" {
			sawRange.Store(true)
		}
		switch srv.requests.Load() {
		case 1: // cut the body in half
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Header().Set("ETag", `"e1"`)
			w.Write(body[:len(body)/2])
			if hj, ok := w.(http.Hijacker); ok {
				w.(http.Flusher).Flush()
				c, _, _ := hj.Hijack()
				c.Close()
			}
			return true
		case 2:
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	if _, err := update(t, ts.URL, dir, "npm"); err != nil {
		t.Fatalf("Update after a cut and a 503 = %v, want success on the third attempt", err)
	}
	if !sawRange.Load() {
		t.Error("the retry did not resume with a Range request")
	}
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
}

// TestFailedUpdateKeepsOld: a bad archive leaves the previous index.
func TestFailedUpdateKeepsOld(t *testing.T) {
	t.Parallel()
	srv := &osvServer{zips: map[string][]byte{"npm": zipOf(t, rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"})))}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	if _, err := update(t, ts.URL, dir, "npm"); err != nil {
		t.Fatal(err)
	}
	srv.zips["npm"] = []byte("this is not a zip")
	if _, err := update(t, ts.URL, dir, "npm"); err == nil {
		t.Fatal("Update with a broken archive succeeded")
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("old database unusable after a failed update: %v", err)
	}
	defer db.Close()
	if got, _ := db.Advisories("npm", []string{"lodash"}); len(got["lodash"]) != 1 {
		t.Errorf("old advisories lost: %v", got)
	}
}

// TestUpdateStalled: a server that stops sending is given up on and the
// download resumed, instead of hanging the update.
func TestUpdateStalled(t *testing.T) {
	t.Parallel()
	body := zipOf(t, rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"})))
	srv := &osvServer{zips: map[string][]byte{"npm": body}}
	release := make(chan struct{})
	defer close(release)
	srv.fail = func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if srv.requests.Load() != 1 {
			return false
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		select { // stall until the test ends
		case <-release:
		case <-r.Context().Done():
		}
		return true
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	start := time.Now()
	_, err := Update(context.Background(), UpdateOptions{Dir: t.TempDir(), BaseURL: ts.URL, Ecosystems: []string{"npm"},
		Backoff: time.Millisecond, Stall: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("Update after a stall = %v, want success on the next attempt", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

// TestStatusChecksRecords: status finds a damaged record that Open's
// header checks cannot see.
func TestStatusChecksRecords(t *testing.T) {
	t.Parallel()
	dir := buildDB(t, "npm", rec("A-1", "npm", "left-pad", semverRange(Event{Introduced: "0"}, Event{Fixed: "1.1.0"})))
	if metas, errs := Status(dir); len(metas) != 1 || len(errs) != 0 {
		t.Fatalf("Status of a good database = %v, %v", metas, errs)
	}
	p := filepath.Join(dir, fileName("npm"))
	b, _ := os.ReadFile(p)
	b[bytes.Index(b, []byte(`"left-pad"`))+2] ^= 0x01
	os.WriteFile(p, b, 0o644)
	if _, errs := Status(dir); len(errs) != 1 || !errors.Is(errs[0], ErrCorrupt) {
		t.Errorf("Status of a damaged record = %v, want ErrCorrupt", errs)
	}
}

// TestConcurrentUpdates: two updates of one folder take turns instead of
// writing the same partial download.
func TestConcurrentUpdates(t *testing.T) {
	t.Parallel()
	srv := &osvServer{zips: map[string][]byte{"npm": zipOf(t, benchRecords(300)...)}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := Update(context.Background(), UpdateOptions{Dir: dir, BaseURL: ts.URL, Ecosystems: []string{"npm"}, Attempts: 1})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent update: %v", err)
		}
	}
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
}
