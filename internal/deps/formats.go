package deps

import (
	"path"
	"strings"
)

// parser reads one lockfile format.
type parser func(path string, data []byte) ([]Package, error)

// formats maps lockfile base names to their parsers.
var formats = map[string]parser{
	"package-lock.json":           parseNpmLock,
	"npm-shrinkwrap.json":         parseNpmLock,
	"yarn.lock":                   parseYarnLock,
	"pnpm-lock.yaml":              parsePnpmLock,
	"bun.lock":                    parseBunLock,
	"go.mod":                      parseGoMod,
	"go.sum":                      parseGoSum,
	"Pipfile.lock":                parsePipfileLock,
	"poetry.lock":                 parsePoetryLock,
	"uv.lock":                     parseUvLock,
	"pylock.toml":                 parsePylock,
	"Cargo.lock":                  parseCargoLock,
	"Gemfile.lock":                parseGemfileLock,
	"gems.locked":                 parseGemfileLock,
	"composer.lock":               parseComposerLock,
	"pom.xml":                     parsePom,
	"gradle.lockfile":             parseGradleLock,
	"buildscript-gradle.lockfile": parseGradleLock,
	"packages.lock.json":          parseNuGetLock,
	"pubspec.lock":                parsePubspecLock,
	"mix.lock":                    parseMixLock,
}

// Formats lists the file names Ward reads, requirements files and
// pylock.*.toml aside.
func Formats() []string {
	out := make([]string, 0, len(formats)+2)
	for n := range formats {
		out = append(out, n)
	}
	return append(out, "requirements*.txt", "pylock.*.toml")
}

// lookup returns the parser and format name for a file path.
func lookup(p string) (parser, string) {
	base := path.Base(p)
	if f, ok := formats[base]; ok {
		return f, base
	}
	switch {
	case isRequirements(p, base):
		return parseRequirements, "requirements.txt"
	case strings.HasPrefix(base, "pylock.") && strings.HasSuffix(base, ".toml"):
		return parsePylock, "pylock.toml"
	}
	return nil, ""
}

// isRequirements recognises pip requirement files: requirements*.txt,
// *-requirements.txt, *_requirements.txt and any .txt in a requirements/
// folder.
func isRequirements(p, base string) bool {
	if !strings.HasSuffix(base, ".txt") {
		return false
	}
	return strings.HasPrefix(base, "requirements") ||
		strings.HasSuffix(base, "-requirements.txt") || strings.HasSuffix(base, "_requirements.txt") ||
		path.Base(path.Dir(p)) == "requirements"
}

// Known reports whether p names a lockfile or manifest Ward reads.
func Known(p string) bool {
	f, _ := lookup(p)
	return f != nil
}

// Parse reads the lockfile at p (slash-separated, used for its name and
// in errors). Packages keep the file's order.
func Parse(p string, data []byte) (*Lockfile, error) {
	f, name := lookup(p)
	if f == nil {
		return nil, errorf(p, 0, "not a lockfile Ward reads")
	}
	if len(data) > maxFileSize {
		return nil, errorf(p, 0, "larger than %d MiB", maxFileSize>>20)
	}
	pkgs, err := f(p, data)
	if err != nil {
		return nil, err
	}
	lf := &Lockfile{Path: p, Format: name, Packages: pkgs}
	switch name {
	case "go.mod":
		lf.Partial = !goModIsComplete(data)
	case "requirements.txt":
		lf.Includes = resolveIncludes(p, requirementIncludes(data))
	}
	return lf, nil
}

// ParseRequirements reads p as a pip requirements file whatever its name:
// the target of a -r include (base.txt, common.txt).
func ParseRequirements(p string, data []byte) (*Lockfile, error) {
	if len(data) > maxFileSize {
		return nil, errorf(p, 0, "larger than %d MiB", maxFileSize>>20)
	}
	pkgs, err := parseRequirements(p, data)
	if err != nil {
		return nil, err
	}
	return &Lockfile{Path: p, Format: "requirements.txt", Packages: pkgs,
		Includes: resolveIncludes(p, requirementIncludes(data))}, nil
}

// resolveIncludes turns include targets into root-relative slash paths;
// absolute paths, URLs and paths that leave the root are dropped.
func resolveIncludes(from string, targets []string) []string {
	var out []string
	for _, t := range targets {
		t = strings.ReplaceAll(t, "\\", "/")
		if t == "" || path.IsAbs(t) || strings.Contains(t, "://") {
			continue
		}
		r := path.Join(path.Dir(from), t)
		if r == ".." || strings.HasPrefix(r, "../") {
			continue
		}
		out = append(out, r)
	}
	return out
}

// ParseSBOM reads a CycloneDX or SPDX JSON document as a lockfile.
func ParseSBOM(p string, data []byte) (*Lockfile, error) {
	if len(data) > maxFileSize {
		return nil, errorf(p, 0, "larger than %d MiB", maxFileSize>>20)
	}
	pkgs, err := parseSBOM(p, data)
	if err != nil {
		return nil, err
	}
	return &Lockfile{Path: p, Format: "sbom", Packages: pkgs}, nil
}
