package deps

import (
	"slices"
)

// parsePoetryLock reads a poetry.lock, from lock-version 1.x (category
// = "dev", hashes in [metadata.files]) to 2.1 (groups = ["main", ...]).
//
// Dev is set for category = "dev" and, in 2.1 files, for packages none of
// whose groups is "main"; Poetry 1.2 to 1.8 record neither, so there Dev
// stays false. Optional mirrors optional = true (a package only extras
// pull in). Packages from a git, directory or file source are Local. The
// lock does not record what pyproject.toml asks for, so Direct is never
// set. [package.dependencies] gives the graph, matched by normalised name
// (a name locked twice under different markers links to both).
func parsePoetryLock(path string, data []byte) ([]Package, error) {
	_, entries, pkgs, err := decodeLockPackages(path, data, PyPI, "package", "files")
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(entries))
	byName := make(map[string][]int, len(entries))
	for i, e := range entries {
		p := &pkgs[i]
		p.Dev = poetryDev(e)
		p.Optional = e.boolean("optional")
		src := e.table("source")
		switch src.str("type") {
		case "git", "directory", "file":
			p.Local = true
		}
		p.ID = distinctID(ids, p.Name+"@"+p.Version, src.str("url"))
		key := normalizePyPIName(p.Name)
		byName[key] = append(byName[key], i)
	}
	for i, e := range entries {
		deps := e.table("dependencies")
		names := make([]string, 0, len(deps))
		for name := range deps {
			names = append(names, normalizePyPIName(name))
		}
		slices.Sort(names)
		for _, name := range slices.Compact(names) {
			for _, j := range byName[name] {
				if j != i {
					pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].ID)
				}
			}
		}
	}
	return pkgs, nil
}

// poetryDev reports whether a poetry.lock package is only in development
// groups.
func poetryDev(e lockTable) bool {
	if e.str("category") == "dev" {
		return true
	}
	groups := e.strs("groups")
	return len(groups) > 0 && !slices.Contains(groups, "main")
}
