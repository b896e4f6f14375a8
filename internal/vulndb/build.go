package vulndb

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Limits on an archive, against zip bombs and hostile mirrors.
const (
	maxEntry   = 16 << 20 // one advisory
	maxArchive = 8 << 30  // all entries together, uncompressed
	maxEntries = 2_000_000
)

// ArchiveError names the archive entry that made an import fail.
type ArchiveError struct {
	Archive, Entry string
	Err            error
}

func (e *ArchiveError) Error() string {
	if e.Entry == "" {
		return fmt.Sprintf("%s: %v", e.Archive, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Archive, e.Entry, e.Err)
}

func (e *ArchiveError) Unwrap() error { return e.Err }

// checkEntries rejects archives with unsafe names or sizes before any
// entry is decompressed.
func checkEntries(name string, files []*zip.File) error {
	if len(files) > maxEntries {
		return &ArchiveError{Archive: name, Err: fmt.Errorf("%d entries, more than the %d allowed", len(files), maxEntries)}
	}
	var total uint64
	for _, f := range files {
		n := f.Name
		if strings.Contains(n, "\\") || path.IsAbs(n) || strings.HasPrefix(path.Clean(n), "..") || strings.ContainsRune(n, 0) {
			return &ArchiveError{Archive: name, Entry: n, Err: fmt.Errorf("unsafe entry name")}
		}
		if f.UncompressedSize64 > maxEntry {
			return &ArchiveError{Archive: name, Entry: n, Err: fmt.Errorf("entry of %d bytes, more than %d", f.UncompressedSize64, maxEntry)}
		}
		total += f.UncompressedSize64
	}
	if total > maxArchive {
		return &ArchiveError{Archive: name, Err: fmt.Errorf("%d bytes uncompressed, more than %d", total, uint64(maxArchive))}
	}
	return nil
}

// parsed is one advisory read from an archive, trimmed to eco.
type parsed struct {
	names    []string
	json     []byte
	modified time.Time
	withdrawn,
	skipped bool
}

// Build reads an OSV all.zip for ecosystem eco and writes its index into
// dir atomically: readers see the old file or the new one, never a mix.
// source is recorded in the metadata (a URL or a file name).
func Build(zipPath, eco, dir, source string) (Meta, error) {
	return BuildWith(zipPath, eco, dir, source, "")
}

// BuildWith is Build recording the archive's ETag, so that the next
// update can skip an unchanged archive.
func BuildWith(zipPath, eco, dir, source, etag string) (Meta, error) {
	f, err := os.Open(zipPath)
	if err != nil {
		return Meta{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Meta{}, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Meta{}, err
	}
	zr, err := zip.NewReader(&windowReader{r: f, size: fi.Size()}, fi.Size())
	if err != nil {
		return Meta{}, &ArchiveError{Archive: zipPath, Err: fmt.Errorf("not a zip archive: %w", err)}
	}
	if err := checkEntries(zipPath, zr.File); err != nil {
		return Meta{}, err
	}
	meta := Meta{Ecosystem: eco, Built: time.Now().UTC().Truncate(time.Second), Source: source, ETag: etag, SHA256: hex.EncodeToString(h.Sum(nil))}
	err = writeAtomic(filepath.Join(dir, fileName(eco)), func(f *os.File) error {
		iw, err := newIndexWriter(f)
		if err != nil {
			return err
		}
		if err := parseAll(zipPath, eco, zr.File, func(p parsed) error { return addParsed(iw, &meta, p) }); err != nil {
			return err
		}
		meta.Packages = len(iw.byName)
		if meta.Records == 0 {
			return &ArchiveError{Archive: zipPath, Err: fmt.Errorf("no %s advisories in it (is it another ecosystem's archive?); the current index is kept", eco)}
		}
		return iw.finish(meta)
	})
	if err != nil {
		return Meta{}, err
	}
	return meta, nil
}

// addParsed counts one archive entry and indexes it when it is kept.
func addParsed(iw *indexWriter, meta *Meta, p parsed) error {
	switch {
	case p.withdrawn:
		meta.Withdrawn++
		return nil
	case p.skipped:
		meta.Skipped++
		return nil
	}
	meta.Records++
	if p.modified.After(meta.Newest) {
		meta.Newest = p.modified
	}
	return iw.add(p.json, p.names)
}

// parseAll decodes every entry on all cores and hands each result to add,
// in archive order, from this goroutine.
func parseAll(archive, eco string, files []*zip.File, add func(parsed) error) error {
	type result struct {
		p   parsed
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	// Entry i's result goes to slots[i%ring]; at most ring entries are
	// in flight, so a slot is always free when its entry is dispatched.
	ring := 4 * workers
	slots := make([]chan result, ring)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	sem := make(chan struct{}, ring)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				p, err := parseEntry(eco, files[i])
				if err != nil {
					err = &ArchiveError{Archive: archive, Entry: files[i].Name, Err: err}
				}
				slots[i%ring] <- result{p, err}
			}
		})
	}
	go func() {
		for i := range files {
			sem <- struct{}{}
			next <- i
		}
		close(next)
	}()
	var first error
	for i := range files {
		r := <-slots[i%ring]
		<-sem
		if first == nil {
			first = r.err
		}
		if first == nil {
			first = add(r.p)
		}
	}
	wg.Wait()
	return first
}

func parseEntry(eco string, f *zip.File) (parsed, error) {
	if !strings.HasSuffix(f.Name, ".json") || f.FileInfo().IsDir() {
		return parsed{skipped: true}, nil
	}
	rc, err := f.Open()
	if err != nil {
		return parsed{}, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
	if err != nil {
		return parsed{}, err // includes zip's checksum error
	}
	if len(data) > maxEntry {
		return parsed{}, fmt.Errorf("entry larger than its header says")
	}
	var a Advisory
	if err := json.Unmarshal(data, &a); err != nil {
		return parsed{}, fmt.Errorf("not an OSV record: %w", err)
	}
	if a.ID == "" {
		return parsed{}, fmt.Errorf("OSV record without an id")
	}
	if a.Withdrawn != "" {
		return parsed{withdrawn: true}, nil
	}
	a.trim(eco)
	names := affectedNames(eco, a.Affected)
	if len(names) == 0 {
		return parsed{skipped: true}, nil
	}
	mod, _ := time.Parse(time.RFC3339, a.Modified)
	js, err := json.Marshal(&a)
	return parsed{names: names, json: js, modified: mod}, err
}

func affectedNames(eco string, afs []Affected) []string {
	var names []string
	for _, af := range afs {
		n := NormalizeName(eco, af.Package.Name)
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// windowReader serves the small, nearly sequential reads archive/zip
// makes from a window of the file, so that reading an archive of a
// million entries costs thousands of system calls, not millions.
type windowReader struct {
	r    io.ReaderAt
	size int64
	mu   sync.Mutex
	off  int64
	buf  []byte
}

const window = 4 << 20

func (w *windowReader) ReadAt(p []byte, off int64) (int, error) {
	if len(p) > window/4 {
		return w.r.ReadAt(p, off)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if off < w.off || off+int64(len(p)) > w.off+int64(len(w.buf)) {
		if w.buf == nil {
			w.buf = make([]byte, window)
		}
		w.buf = w.buf[:cap(w.buf)]
		n, err := w.r.ReadAt(w.buf, off)
		if err != nil && err != io.EOF {
			return 0, err
		}
		w.off, w.buf = off, w.buf[:n]
	}
	n := copy(p, w.buf[off-w.off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// writeAtomic writes a file through a temporary sibling and a rename.
func writeAtomic(dst string, write func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
