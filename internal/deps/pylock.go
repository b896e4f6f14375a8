package deps

import (
	"strings"
)

// parsePylock reads a PEP 751 lock file (pylock.toml or pylock.<name>.toml,
// lock-version 1.0).
//
// Packages installed from a vcs, directory or archive table are Local.
// The format records no root, so Direct is never set. Scope comes from
// each package's marker: a marker that only adds conditions with "and"
// (no "or", no "not in") and tests "'<group>' in dependency_groups" for
// groups none of which is in default-groups makes the package Dev; one
// that tests "'<extra>' in extras" makes it Optional. Dependencies name
// packages by name and, when the name is locked more than once, version.
func parsePylock(path string, data []byte) ([]Package, error) {
	doc, entries, pkgs, err := decodeLockPackages(path, data, PyPI, "packages", "sdist", "wheels", "attestation-identities")
	if err != nil {
		return nil, err
	}
	defaults := doc.strs("default-groups")
	ids := make(map[string]bool, len(entries))
	byName := make(map[string][]int, len(entries))
	for i, e := range entries {
		p := &pkgs[i]
		source := ""
		for _, k := range []string{"vcs", "directory", "archive"} {
			if t := e.table(k); t != nil {
				p.Local = true
				source = k + "+" + t.str("url") + t.str("path")
			}
		}
		p.Dev, p.Optional = pylockScope(e.str("marker"), defaults)
		p.ID = distinctID(ids, p.Name+"@"+p.Version, source)
		key := normalizePyPIName(p.Name)
		byName[key] = append(byName[key], i)
	}
	for i, e := range entries {
		for _, d := range e.tables("dependencies") {
			version := d.str("version")
			for _, j := range byName[normalizePyPIName(d.str("name"))] {
				if j != i && (version == "" || pkgs[j].Version == version) {
					pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].ID)
				}
			}
		}
	}
	return pkgs, nil
}

// pylockScope reads Dev and Optional from a package's marker.
func pylockScope(marker string, defaults []string) (dev, optional bool) {
	if marker == "" || strings.Contains(marker, " or ") || strings.Contains(marker, "not in") {
		return false, false
	}
	optional = strings.Contains(marker, "in extras")
	if !strings.Contains(marker, "in dependency_groups") {
		return false, optional
	}
	for _, g := range defaults {
		if strings.Contains(marker, "'"+g+"'") || strings.Contains(marker, `"`+g+`"`) {
			return false, optional
		}
	}
	return true, optional
}
