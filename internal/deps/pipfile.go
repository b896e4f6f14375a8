package deps

import (
	"strings"
)

// parsePipfileLock reads a Pipenv Pipfile.lock: the "default" and
// "develop" (Dev) sections map names to {"version": "==1.2.3", ...}.
//
// The version's "==" (or "===") is removed; an entry without one (git,
// path, file or editable entries, or a range) is Unpinned. Git, path and
// editable entries, and file entries that are not http(s) URLs, are Local.
// Pipfile.lock lists transitive packages beside the ones Pipfile asks for
// and does not say which are which, so Direct is never set; it records no
// graph either. A package locked at the same version in both sections is
// one installed package: it is reported once, from "default" (not Dev).
func parsePipfileLock(path string, data []byte) ([]Package, error) {
	j, err := newJSONLock(path, data)
	if err != nil {
		return nil, err
	}
	var pkgs []Package
	seen := map[string]int{} // name@version -> index in pkgs
	err = j.sections(func(section string) error {
		return j.object(func(name string, line int) error {
			var e pipfileEntry
			if err := j.decode(&e); err != nil {
				return err
			}
			if name == "" {
				return errorf(path, line, "package without a name")
			}
			p := e.pkg(name, line, section == "develop")
			key := normalizePyPIName(p.Name) + "@" + p.Version
			i, dup := seen[key]
			switch {
			case !dup:
				seen[key] = len(pkgs)
				pkgs = append(pkgs, p)
			case pkgs[i].Dev && !p.Dev:
				pkgs[i] = p
			}
			return nil
		})
	}, "default", "develop")
	if err != nil {
		return nil, err
	}
	return pkgs, nil
}

type pipfileEntry struct {
	Version  string `json:"version"`
	Editable bool   `json:"editable"`
	Git      string `json:"git"`
	Path     string `json:"path"`
	File     string `json:"file"`
}

func (e *pipfileEntry) pkg(name string, line int, dev bool) Package {
	p := Package{Ecosystem: PyPI, Name: name, Line: line, Dev: dev}
	v, ok := strings.CutPrefix(e.Version, "===")
	if !ok {
		v, ok = strings.CutPrefix(e.Version, "==")
	}
	v = strings.TrimSpace(v)
	if ok && v != "" && !strings.ContainsAny(v, "*,<>!~ ") {
		p.Version = v
	} else {
		p.Unpinned = true
	}
	file := strings.ToLower(e.File)
	remote := strings.HasPrefix(file, "http://") || strings.HasPrefix(file, "https://")
	p.Local = e.Git != "" || e.Path != "" || e.Editable || e.File != "" && !remote
	return p
}
