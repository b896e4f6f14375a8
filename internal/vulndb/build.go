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
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return Meta{}, &ArchiveError{Archive: zipPath, Err: fmt.Errorf("not a zip archive: %w", err)}
	}
	if err := checkEntries(zipPath, zr.File); err != nil {
		return Meta{}, err
	}
	items, err := parseAll(zipPath, eco, zr.File)
	if err != nil {
		return Meta{}, err
	}
	meta := Meta{Ecosystem: eco, Built: time.Now().UTC().Truncate(time.Second), Source: source, ETag: etag, SHA256: hex.EncodeToString(h.Sum(nil))}
	byName := map[string][]int{}
	var records [][]byte
	for _, it := range items {
		switch {
		case it.withdrawn:
			meta.Withdrawn++
			continue
		case it.skipped:
			meta.Skipped++
			continue
		}
		for _, n := range it.names {
			byName[n] = append(byName[n], len(records))
		}
		records = append(records, it.json)
		if it.modified.After(meta.Newest) {
			meta.Newest = it.modified
		}
	}
	meta.Records, meta.Packages = len(records), len(byName)
	if err := writeAtomic(filepath.Join(dir, fileName(eco)), func(w io.Writer) error {
		return writeIndex(w, meta, byName, records)
	}); err != nil {
		return Meta{}, err
	}
	return meta, nil
}

// parseAll decodes every .json entry in parallel, keeping archive order.
func parseAll(archive, eco string, files []*zip.File) ([]parsed, error) {
	out := make([]parsed, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = parseEntry(eco, files[i])
				if errs[i] != nil {
					errs[i] = &ArchiveError{Archive: archive, Entry: files[i].Name, Err: errs[i]}
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
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

// writeAtomic writes a file through a temporary sibling and a rename.
func writeAtomic(dst string, write func(io.Writer) error) error {
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
	return os.Rename(tmp.Name(), dst)
}
