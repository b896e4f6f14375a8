package reach

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// maxGoMod bounds a go.mod read for the walk.
const maxGoMod = 16 << 20

// goModule is what the walk needs of a go.mod.
type goModule struct {
	path string
	dir  string
	reqs []requirement // longest path first
	// vendor is set when dir/vendor/modules.txt exists, workspace when a
	// go.work file is in dir or above it.
	vendor, workspace bool
}

// requirement is one required module and where its packages are: a local
// folder (replace with a path) or a module cache entry (the requirement
// itself or its replacement).
type requirement struct {
	path     string
	localDir string
	cache    module.Version
}

// readGoMod reads dir/go.mod with its replace directives applied. A go.mod
// before Go 1.17 lists only direct requirements, so it is refused: the
// build list would have to be computed from every dependency's go.mod.
func readGoMod(dir string) (*goModule, error) {
	name := filepath.Join(dir, "go.mod")
	data, err := readBounded(name, maxGoMod)
	if err != nil {
		return nil, err
	}
	f, err := modfile.Parse(name, data, nil)
	if err != nil {
		return nil, err
	}
	if f.Module == nil || f.Module.Mod.Path == "" {
		return nil, fmt.Errorf("%s: no module directive", name)
	}
	if f.Go == nil || !goAtLeast117(f.Go.Version) {
		return nil, fmt.Errorf("%s: go directive before 1.17, so go.mod does not list every module the build uses", name)
	}
	m := &goModule{path: f.Module.Mod.Path, dir: dir}
	for _, r := range f.Require {
		m.reqs = append(m.reqs, applyReplace(dir, r.Mod, f.Replace))
	}
	slices.SortStableFunc(m.reqs, func(a, b requirement) int { return len(b.path) - len(a.path) })
	m.vendor = isFile(filepath.Join(dir, "vendor", "modules.txt"))
	m.workspace = inWorkspace(dir)
	return m, nil
}

// applyReplace locates the packages of required module mod: a replace of
// that exact version wins over one for every version.
func applyReplace(dir string, mod module.Version, repls []*modfile.Replace) requirement {
	r := requirement{path: mod.Path, cache: mod}
	var best *modfile.Replace
	for _, rp := range repls {
		if rp.Old.Path != mod.Path || (rp.Old.Version != "" && rp.Old.Version != mod.Version) {
			continue
		}
		if best == nil || rp.Old.Version != "" {
			best = rp
		}
	}
	switch {
	case best == nil:
	case modfile.IsDirectoryPath(best.New.Path):
		r.localDir = best.New.Path
		if !filepath.IsAbs(r.localDir) {
			r.localDir = filepath.Join(dir, filepath.FromSlash(r.localDir))
		}
	default:
		r.cache = best.New
	}
	return r
}

// goAtLeast117 reports whether a go directive's version ("1.21",
// "1.22.3", "1.23rc1") is 1.17 or later.
func goAtLeast117(v string) bool {
	maj, rest, ok := strings.Cut(v, ".")
	if !ok {
		return false
	}
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	major, err1 := strconv.Atoi(maj)
	minor, err2 := strconv.Atoi(rest[:end])
	return err1 == nil && err2 == nil && (major > 1 || major == 1 && minor >= 17)
}

// inWorkspace reports whether a go.work file is in dir or a folder above:
// the go command then builds with the workspace's modules.
func inWorkspace(dir string) bool {
	for {
		if isFile(filepath.Join(dir, "go.work")) {
			return true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return false
		}
		dir = up
	}
}

// cacheDir is a module's folder in the module cache.
func cacheDir(modCache string, m module.Version) (string, error) {
	if modCache == "" {
		return "", errors.New("no module cache folder (set GOMODCACHE)")
	}
	p, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	v, err := module.EscapeVersion(m.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(modCache, filepath.FromSlash(p)+"@"+v), nil
}

func isFile(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// readBounded reads a regular file of at most limit bytes.
func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return data, nil
}
