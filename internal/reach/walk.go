package reach

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// batch is how many packages are read in parallel between two checks of
// the bounds.
const batch = 64

// walker is one module's walk: the module's own Go files first, then the
// packages they import, breadth first, a batch of folders at a time read
// in parallel.
type walker struct {
	l     *Loader
	mod   *goModule
	g     *Graph
	queue []string
	bytes int64
}

// dirImports is what a folder holds, kept for other walks.
type dirImports struct {
	pkg     bool // it has non-test Go files
	imports []string
	files   int
	bytes   int64
}

// walk reads the import graph of the module in dir; a problem stops it
// and is kept as the graph's Why.
func (l *Loader) walk(dir string) *Graph {
	g := &Graph{pkgs: map[string]bool{}, origin: map[string]string{}, modCache: l.opts.ModCache}
	mod, err := readGoMod(dir)
	if err != nil {
		g.why = err.Error()
		return g
	}
	g.Module, g.mod = mod.path, mod
	for _, r := range mod.reqs {
		if r.localDir == "" && r.cache.Path != r.path {
			g.origin[r.cache.Path] = r.path
		}
	}
	w := &walker{l: l, mod: mod, g: g}
	if err := w.roots(); err != nil {
		g.why = err.Error()
		return g
	}
	for len(w.queue) > 0 {
		n := min(len(w.queue), batch)
		next := w.queue[:n]
		w.queue = w.queue[n:]
		if err := w.visit(next); err != nil {
			g.why = err.Error()
			return g
		}
	}
	return g
}

// roots reads every Go file of the module, tests included: not the vendor
// folder, testdata, folders the go command ignores ("." and "_" prefixes)
// or nested modules.
func (w *walker) roots() error {
	root := w.mod.dir
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			name := d.Name()
			if path != root && (name == "testdata" || skippedName(name) ||
				name == "vendor" && filepath.Dir(path) == root || isFile(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
		case goSource(d.Name(), true) && regular(path, d):
			if len(files) >= w.l.opts.MaxFiles {
				return fmt.Errorf("stopped after %d Go files", w.l.opts.MaxFiles)
			}
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.readRoots(files)
}

// readRoots reads the module's own files in parallel.
func (w *walker) readRoots(files []string) error {
	got := make([]goFile, len(files))
	errs := make([]error, len(files))
	parallel(len(files), func(i int, buf *[]byte) {
		got[i], *buf, errs[i] = readGoFile(files[i], *buf)
	})
	for i, gf := range got {
		if errs[i] != nil {
			return fmt.Errorf("read %s: %w", files[i], errs[i])
		}
		w.g.Files++
		w.bytes += gf.read
		if !gf.ignored {
			w.add(gf.imports)
		}
	}
	return w.bounds()
}

// visit reads a batch of imported packages in parallel. Each is looked
// for in the vendor folder first, then in the required modules whose path
// it starts with, longest first, as the go command resolves imports.
func (w *walker) visit(pkgs []string) error {
	cands := make([][]string, len(pkgs))
	for i, p := range pkgs {
		var err error
		if cands[i], err = w.candidates(p); err != nil {
			return err
		}
	}
	found := make([]*dirImports, len(pkgs))
	errs := make([]error, len(pkgs))
	parallel(len(pkgs), func(i int, buf *[]byte) {
		found[i], errs[i] = w.l.find(cands[i], buf)
	})
	for i, p := range pkgs {
		d := found[i]
		switch {
		case errs[i] != nil:
			return errs[i]
		case d == nil && w.mod.workspace && !within(p, w.mod.path) && !isStd(p):
			return fmt.Errorf("no module of go.mod provides %s, and a go.work file may: workspaces are not followed", p)
		case d == nil:
			continue // the module's own package (a root), the standard library, or a package no build compiles
		}
		w.g.Packages++
		w.g.Files += d.files
		w.bytes += d.bytes
		w.add(d.imports)
	}
	return w.bounds()
}

// candidates lists the folders that may hold package p, in the order the
// go command tries them. Required modules not on disk are noted in the
// graph's missing list and skipped: a shorter module path may have p.
func (w *walker) candidates(p string) ([]string, error) {
	var dirs []string
	if w.mod.vendor {
		dirs = append(dirs, filepath.Join(w.mod.dir, "vendor", filepath.FromSlash(p)))
	}
	for i := range w.mod.reqs {
		r := &w.mod.reqs[i]
		if len(r.path) < len(w.mod.path) && within(p, w.mod.path) {
			break // the module's own package: read as a root
		}
		if !within(p, r.path) {
			continue
		}
		dir, err := w.moduleDir(r)
		if err != nil {
			return nil, err
		}
		if dir != "" {
			dirs = append(dirs, filepath.Join(dir, filepath.FromSlash(p[len(r.path):])))
		}
	}
	return dirs, nil
}

// moduleDir is the folder of a required module, or "" when it is not on
// disk: the module is then noted in the graph's missing list.
func (w *walker) moduleDir(r *requirement) (string, error) {
	if r.localDir != "" {
		if !isDir(r.localDir) {
			return "", fmt.Errorf("%s is replaced by %s, which is not a folder", r.path, r.localDir)
		}
		return r.localDir, nil
	}
	dir, err := cacheDir(w.l.opts.ModCache, r.cache)
	if err != nil {
		return "", fmt.Errorf("locate %s@%s: %w", r.cache.Path, r.cache.Version, err)
	}
	ok, seen := w.l.exists[dir]
	if !seen {
		ok = isDir(dir)
		w.l.exists[dir] = ok
	}
	if !ok {
		if !slices.Contains(w.g.missing, r.path) {
			w.g.missing = append(w.g.missing, r.path)
		}
		return "", nil
	}
	return dir, nil
}

// find returns the first of dirs that is a package (nil when none is),
// reading each folder at most once per Loader.
func (l *Loader) find(dirs []string, buf *[]byte) (*dirImports, error) {
	for _, dir := range dirs {
		l.mu.Lock()
		d, ok := l.dirs[dir]
		l.mu.Unlock()
		if !ok {
			var err error
			if d, err = readDir(dir, buf); err != nil {
				return nil, err
			}
			l.mu.Lock()
			l.dirs[dir] = d
			l.mu.Unlock()
		}
		if d.pkg {
			return d, nil
		}
	}
	return nil, nil
}

// readDir reads the imports of the non-test Go files in dir; a file whose
// build constraint always excludes it imports nothing.
func readDir(dir string, buf *[]byte) (*dirImports, error) {
	if fi, err := os.Stat(dir); errors.Is(err, fs.ErrPermission) {
		return nil, err
	} else if err != nil || !fi.IsDir() {
		return &dirImports{}, nil // no such folder: not a package here
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	d := &dirImports{}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() || !goSource(e.Name(), false) || !regular(path, e) {
			continue
		}
		d.pkg = true
		var gf goFile
		gf, *buf, err = readGoFile(path, *buf)
		d.files++
		d.bytes += gf.read
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if !gf.ignored {
			d.imports = append(d.imports, gf.imports...)
		}
	}
	return d, nil
}

// bounds stops a walk that has gone past one of its bounds.
func (w *walker) bounds() error {
	o := &w.l.opts
	switch {
	case w.g.Packages > o.MaxPackages:
		return fmt.Errorf("stopped after %d packages", o.MaxPackages)
	case w.g.Files > o.MaxFiles:
		return fmt.Errorf("stopped after %d Go files", o.MaxFiles)
	case w.bytes > o.MaxBytes:
		return fmt.Errorf("stopped after reading %d MiB", o.MaxBytes>>20)
	}
	return nil
}

// add queues the imports not seen yet.
func (w *walker) add(imps []string) {
	for _, p := range imps {
		if !w.g.pkgs[p] {
			w.g.pkgs[p] = true
			w.queue = append(w.queue, p)
		}
	}
}

// parallel runs fn for 0..n-1 on up to GOMAXPROCS (at most 8) goroutines,
// each with its own scratch buffer.
func parallel(n int, fn func(i int, buf *[]byte)) {
	workers := min(runtime.GOMAXPROCS(0), 8, n)
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var buf []byte
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				fn(j, &buf)
			}
		})
	}
	wg.Wait()
}

// goSource reports whether the go command reads a file of this name
// (tests only when asked).
func goSource(name string, tests bool) bool {
	return strings.HasSuffix(name, ".go") && !skippedName(name) && (tests || !strings.HasSuffix(name, "_test.go"))
}

// skippedName is a file or folder name the go command ignores.
func skippedName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// regular reports whether a directory entry is a regular file, following
// a symbolic link as the go command does.
func regular(path string, e fs.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// isStd reports whether an import path is the standard library's (or
// cgo's "C"): no dot in its first element.
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}
