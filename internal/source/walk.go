package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// DefaultMaxFileSize is the default bound on one file's size.
const DefaultMaxFileSize = 10 << 20

// WalkOptions configures a tree walk.
type WalkOptions struct {
	// MaxFileSize skips larger files, noting them in Stats. 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// Workers read files in parallel; 0 means GOMAXPROCS.
	Workers int
	// NoIgnore turns off .gitignore handling (.wardignore still applies).
	NoIgnore bool
	// Exclude holds extra gitignore-style patterns, relative to the root.
	Exclude []string
	// Limit, when set, gives the size bound of one path (relative to the
	// root) instead of MaxFileSize when it returns more than 0: lockfiles
	// are read whatever --max-file-size says.
	Limit func(rel string) int64
}

// Handler receives chunks. It is called from several goroutines at once.
type Handler func(Chunk)

// Walk reads every file under root that is not ignored and hands its
// content to h. A root that is a file is read alone.
func Walk(ctx context.Context, root string, opts WalkOptions, h Handler) (Stats, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	fi, err := os.Stat(root)
	if err != nil {
		return Stats{}, err
	}
	w := &walker{root: root, opts: opts, work: make(chan job, 256)}
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.read(h)
		}()
	}
	if fi.IsDir() {
		var stack ignoreStack
		if len(opts.Exclude) > 0 {
			stack = append(stack, parseIgnore("", []byte(joinLines(opts.Exclude))))
		}
		err = w.dir(ctx, "", stack)
	} else {
		rel := filepath.ToSlash(filepath.Base(root))
		w.work <- job{abs: root, rel: rel, size: fi.Size(), limit: w.limit(rel)}
	}
	close(w.work)
	wg.Wait()
	sort.Slice(w.stats.Skipped, func(i, j int) bool { return w.stats.Skipped[i].Path < w.stats.Skipped[j].Path })
	return w.stats, err
}

func joinLines(ss []string) string {
	var b bytes.Buffer
	for _, s := range ss {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return b.String()
}

type job struct {
	abs, rel    string
	size, limit int64
}

type walker struct {
	root  string
	opts  WalkOptions
	work  chan job
	mu    sync.Mutex
	stats Stats
}

func (w *walker) skip(rel, reason string) {
	w.mu.Lock()
	w.stats.Skipped = append(w.stats.Skipped, Skipped{Path: rel, Reason: reason})
	w.mu.Unlock()
}

// dir walks one directory depth-first, loading its ignore files first.
func (w *walker) dir(ctx context.Context, rel string, stack ignoreStack) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.skip(rel, "unreadable directory: "+errText(err))
		return nil
	}
	names := []string{".wardignore"}
	if !w.opts.NoIgnore {
		names = append(names, ".gitignore")
		if rel == "" {
			names = append(names, ".git/info/exclude")
		}
	}
	for _, n := range names {
		if data, err := readLimited(filepath.Join(abs, n), 1<<20); err == nil {
			stack = append(stack, parseIgnore(rel, data))
		}
	}
	for _, e := range entries {
		name := e.Name()
		child := path.Join(rel, name)
		t := e.Type()
		switch {
		case t&fs.ModeSymlink != 0:
			continue // never followed
		case e.IsDir():
			if name == ".git" {
				continue
			}
			if stack.ignored(child, true) {
				w.count(func(s *Stats) { s.Ignored++ })
				continue
			}
			if err := w.dir(ctx, child, stack); err != nil {
				return err
			}
		case t.IsRegular():
			if stack.ignored(child, false) {
				w.count(func(s *Stats) { s.Ignored++ })
				continue
			}
			info, err := e.Info()
			if err != nil {
				w.skip(child, "unreadable: "+errText(err))
				continue
			}
			limit := w.limit(child)
			if info.Size() > limit {
				w.skip(child, fmt.Sprintf("larger than --max-file-size (%d bytes)", info.Size()))
				continue
			}
			w.work <- job{abs: filepath.Join(abs, name), rel: child, size: info.Size(), limit: limit}
		}
	}
	return nil
}

// limit is the size bound of one path.
func (w *walker) limit(rel string) int64 {
	if w.opts.Limit != nil {
		if n := w.opts.Limit(rel); n > 0 {
			return n
		}
	}
	return w.opts.MaxFileSize
}

func (w *walker) count(f func(*Stats)) {
	w.mu.Lock()
	f(&w.stats)
	w.mu.Unlock()
}

// read is one worker: it reads files and hands text ones to h.
func (w *walker) read(h Handler) {
	buf := make([]byte, 0, 64<<10)
	for j := range w.work {
		data, err := readInto(buf[:0], j.abs, j.limit)
		if err != nil {
			w.skip(j.rel, "unreadable: "+errText(err))
			continue
		}
		if cap(data) > cap(buf) && cap(data) <= 4<<20 {
			buf = data
		}
		if isBinary(data) {
			w.count(func(s *Stats) { s.Binary++ })
			continue
		}
		w.count(func(s *Stats) { s.Files++; s.Bytes += int64(len(data)) })
		h(Chunk{Path: j.rel, Data: data})
	}
}

// isBinary sniffs for a NUL byte in the first 8 KiB, as git does.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}

// ErrTooLarge reports input over a size bound.
var ErrTooLarge = errors.New("larger than the size limit")

func readLimited(name string, limit int64) ([]byte, error) {
	return readInto(nil, name, limit)
}

// readInto reads a whole file into buf, refusing more than limit bytes.
// The returned slice is only valid until the next call with the same buf.
func readInto(buf []byte, name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, ErrTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// errText keeps an error's cause without repeating the path.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
