package vulndb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ErrNoDatabase means the database folder holds no index yet.
var ErrNoDatabase = errors.New("no vulnerability database")

// DefaultDir is where `ward db update` keeps the database:
// $XDG_CACHE_HOME/ward/vulndb (or the platform's cache folder).
func DefaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w (set WARD_DB_DIR)", err)
	}
	return filepath.Join(c, "ward", "vulndb"), nil
}

// DB is an open database folder. It is safe for concurrent use.
type DB struct {
	dir   string
	mu    sync.Mutex
	open  map[string]*index
	metas []Meta
}

// Open opens the database in dir and checks every index file's header,
// so a corrupt file is named now rather than mid-scan.
func Open(dir string) (*DB, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.wdb"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoDatabase, dir)
	}
	db := &DB{dir: dir, open: map[string]*index{}}
	for _, p := range paths {
		ix, err := openIndex(p)
		if err != nil {
			db.Close()
			return nil, err
		}
		db.open[ix.meta.Ecosystem] = ix
		db.metas = append(db.metas, ix.meta)
	}
	slices.SortFunc(db.metas, func(a, b Meta) int { return strings.Compare(a.Ecosystem, b.Ecosystem) })
	return db, nil
}

// Dir returns the database folder.
func (db *DB) Dir() string { return db.dir }

// Ecosystems describes each ecosystem the database holds.
func (db *DB) Ecosystems() []Meta { return slices.Clone(db.metas) }

// Has reports whether the database holds ecosystem eco.
func (db *DB) Has(eco string) bool {
	_, ok := db.open[eco]
	return ok
}

// Close closes the index files.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	var errs []error
	for _, ix := range db.open {
		errs = append(errs, ix.close())
	}
	db.open = nil
	return errors.Join(errs...)
}

// Advisories returns, for each package name of ecosystem eco (as the
// lockfile spells it), the advisories that name the package. Names with
// none are absent from the result. An ecosystem the database lacks gives
// an empty result.
func (db *DB) Advisories(eco string, names []string) (map[string][]*Advisory, error) {
	ix := db.open[eco]
	if ix == nil {
		return nil, nil
	}
	norm := make([]string, len(names))
	for i, n := range names {
		norm[i] = NormalizeName(eco, n)
	}
	spans, err := ix.lookup(norm)
	if err != nil {
		return nil, err
	}
	cache := map[span]*Advisory{}
	out := make(map[string][]*Advisory, len(spans))
	for i, n := range names {
		if _, done := out[n]; done {
			continue
		}
		for _, s := range spans[norm[i]] {
			a := cache[s]
			if a == nil {
				if a, err = ix.read(s); err != nil {
					return nil, err
				}
				cache[s] = a
			}
			out[n] = append(out[n], a)
		}
	}
	return out, nil
}

// Status reads the metadata of every index file in dir and checks every
// record; corrupt files come back as errors beside the good ones.
func Status(dir string) ([]Meta, []error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.wdb"))
	var metas []Meta
	var errs []error
	for _, p := range paths {
		ix, err := openIndex(p)
		if err == nil {
			err = ix.verify()
			ix.close()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		metas = append(metas, ix.meta)
	}
	slices.SortFunc(metas, func(a, b Meta) int { return strings.Compare(a.Ecosystem, b.Ecosystem) })
	return metas, errs
}
