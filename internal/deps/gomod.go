package deps

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
)

// parseGoMod reads a go.mod file: one package per require directive, with
// replace directives applied, plus a "stdlib" package for the Go toolchain
// the module builds with.
//
// The file is parsed leniently (modfile.ParseLax), so directives added by
// Go releases newer than x/mod are skipped rather than fatal; replace and
// toolchain, which ParseLax drops, are read from the syntax tree here.
// Versions are kept as written: no canonicalisation of "v1.2" to "v1.2.0".
func parseGoMod(path string, data []byte) ([]Package, error) {
	f, err := modfile.ParseLax(path, data, keepGoVersion)
	if err != nil {
		return nil, goModError(path, err)
	}
	repl, err := goReplaces(path, f.Syntax)
	if err != nil {
		return nil, err
	}
	pkgs := make([]Package, 0, len(f.Require)+1)
	if p, ok := goStdlib(f); ok {
		pkgs = append(pkgs, p)
	}
	seen := make(map[string]bool, len(f.Require))
	for _, r := range f.Require {
		if r.Mod.Path == "" {
			return nil, errorf(path, r.Syntax.Start.Line, "parse go.mod: empty module path")
		}
		p := goRequire(r, repl)
		if k := p.Name + "@" + p.Version; !seen[k] {
			seen[k] = true
			pkgs = append(pkgs, p)
		}
	}
	return pkgs, nil
}

// keepGoVersion is a modfile.VersionFixer that leaves versions as written.
func keepGoVersion(_, vers string) (string, error) { return vers, nil }

// goModError turns a modfile error list into an *Error at its first line.
func goModError(path string, err error) error {
	var list modfile.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		return errorf(path, e.Pos.Line, "parse go.mod: %v", e.Err)
	}
	var one *modfile.Error
	if errors.As(err, &one) {
		return errorf(path, one.Pos.Line, "parse go.mod: %v", one.Err)
	}
	return errorf(path, 0, "parse go.mod: %v", err)
}

// goRequire builds the package for one require directive, applying the
// replace that matches it: a version-specific replace wins over one for
// every version of the module.
func goRequire(r *modfile.Require, repl map[string]goReplace) Package {
	p := Package{
		Ecosystem: Go,
		Name:      r.Mod.Path,
		Version:   r.Mod.Version,
		Line:      r.Syntax.Start.Line,
		Direct:    !r.Indirect,
	}
	rp, ok := repl[r.Mod.Path+"@"+r.Mod.Version]
	if !ok {
		rp, ok = repl[r.Mod.Path]
	}
	switch {
	case !ok:
	case modfile.IsDirectoryPath(rp.path):
		p.Local = true
	default:
		p.Name, p.Version = rp.path, rp.version
	}
	return p
}

// goStdlib returns the Go toolchain as the "stdlib" package: the version of
// the toolchain directive, else of the go directive, without the "go" or
// "v" prefix.
func goStdlib(f *modfile.File) (Package, bool) {
	p := Package{Ecosystem: Go, Name: "stdlib", Direct: true}
	if tc, line := goToolchain(f.Syntax); tc != "" {
		p.Version, p.Line = tc, line
		return p, true
	}
	if f.Go == nil || f.Go.Version == "" {
		return Package{}, false
	}
	p.Version, p.Line = f.Go.Version, f.Go.Syntax.Start.Line
	return p, true
}

// goToolchain finds the toolchain directive (which ParseLax skips) and
// returns its release, "go1.22.3" -> "1.22.3". A custom toolchain suffix
// ("go1.22.3-corp") is dropped: it is still that release's standard
// library. "default" and malformed names yield "".
func goToolchain(fs *modfile.FileSyntax) (string, int) {
	for _, stmt := range fs.Stmt {
		l, ok := stmt.(*modfile.Line)
		if !ok || len(l.Token) != 2 || l.Token[0] != "toolchain" {
			continue
		}
		v, ok := strings.CutPrefix(l.Token[1], "go")
		if !ok || !strings.HasPrefix(v, "1") {
			return "", 0
		}
		if i := strings.IndexAny(v, "-+"); i > 0 {
			v = v[:i]
		}
		return v, l.Start.Line
	}
	return "", 0
}

// goReplace is the right-hand side of a replace directive.
type goReplace struct {
	path, version string
}

// goReplaces reads every replace directive, keyed by "path@version" when
// the left side names a version and by "path" otherwise.
func goReplaces(path string, fs *modfile.FileSyntax) (map[string]goReplace, error) {
	repl := make(map[string]goReplace)
	add := func(l *modfile.Line, args []string) error {
		key, rp, err := goParseReplace(args)
		if err != nil {
			return errorf(path, l.Start.Line, "parse go.mod replace: %v", err)
		}
		repl[key] = rp
		return nil
	}
	for _, stmt := range fs.Stmt {
		switch x := stmt.(type) {
		case *modfile.Line:
			if len(x.Token) > 0 && x.Token[0] == "replace" {
				if err := add(x, x.Token[1:]); err != nil {
					return nil, err
				}
			}
		case *modfile.LineBlock:
			if len(x.Token) != 1 || x.Token[0] != "replace" {
				continue
			}
			for _, l := range x.Line {
				if err := add(l, l.Token); err != nil {
					return nil, err
				}
			}
		}
	}
	return repl, nil
}

// goParseReplace parses "old [v] => new [v]" into its key and target.
func goParseReplace(args []string) (string, goReplace, error) {
	arrow := 2
	if len(args) >= 2 && args[1] == "=>" {
		arrow = 1
	}
	if len(args) < arrow+2 || len(args) > arrow+3 || args[arrow] != "=>" {
		return "", goReplace{}, errors.New("want old [version] => new [version]")
	}
	toks := make([]string, len(args))
	for i, a := range args {
		s, err := goUnquote(a)
		if err != nil {
			return "", goReplace{}, err
		}
		toks[i] = s
	}
	if toks[0] == "" || toks[arrow+1] == "" {
		return "", goReplace{}, errors.New("empty module path")
	}
	key := toks[0]
	if arrow == 2 {
		key += "@" + toks[1]
	}
	rp := goReplace{path: toks[arrow+1]}
	if len(toks) == arrow+3 {
		rp.version = toks[arrow+2]
	} else if !modfile.IsDirectoryPath(rp.path) {
		return "", goReplace{}, errors.New("replacement module needs a version")
	}
	return key, rp, nil
}

// goUnquote undoes go.mod's optional Go-syntax quoting of one token.
func goUnquote(s string) (string, error) {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "`") {
		return strconv.Unquote(s)
	}
	return s, nil
}

// goModIsComplete reports whether a go.mod lists every module the build
// uses: from go 1.17 on, "go mod tidy" records indirect requirements too.
// For older (or unparseable) files it returns false and the caller should
// add the modules parseGoSum finds in the go.sum beside it.
func goModIsComplete(data []byte) bool {
	f, err := modfile.ParseLax("go.mod", data, keepGoVersion)
	if err != nil || f.Go == nil {
		return false
	}
	major, minor, ok := goMajorMinor(f.Go.Version)
	return ok && (major > 1 || major == 1 && minor >= 17)
}

// goMajorMinor splits "1.21.4" or "1.21rc1" into 1 and 21.
func goMajorMinor(v string) (int, int, bool) {
	maj, rest, ok := strings.Cut(v, ".")
	if !ok {
		return 0, 0, false
	}
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	major, err1 := strconv.Atoi(maj)
	minor, err2 := strconv.Atoi(rest[:end])
	return major, minor, err1 == nil && err2 == nil
}

// parseGoSum reads a go.sum file: one package per module, at the highest
// version listed, on the line of that version's first entry. "/go.mod"
// lines only checksum a module's go.mod (the module may be pruned from the
// build) and are ignored. go.sum records neither directness nor the graph.
//
// A go.sum lists more than the build uses, so the caller reads it only to
// fill the gaps of a go.mod that goModIsComplete reports incomplete.
func parseGoSum(path string, data []byte) ([]Package, error) {
	var pkgs []Package
	index := make(map[string]int)
	line := 0
	for raw := range bytes.Lines(data) {
		line++
		f := strings.Fields(string(raw))
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return nil, errorf(path, line, "parse go.sum: want module, version and hash")
		}
		if strings.HasSuffix(f[1], "/go.mod") {
			continue
		}
		if !semver.IsValid(f[1]) {
			return nil, errorf(path, line, "parse go.sum: invalid version %s", excerpt(f[1]))
		}
		i, ok := index[f[0]]
		if !ok {
			index[f[0]] = len(pkgs)
			pkgs = append(pkgs, Package{Ecosystem: Go, Name: f[0], Version: f[1], Line: line})
			continue
		}
		if semver.Compare(f[1], pkgs[i].Version) > 0 {
			pkgs[i].Version, pkgs[i].Line = f[1], line
		}
	}
	return pkgs, nil
}
