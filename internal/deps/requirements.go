package deps

import (
	"bytes"
	"fmt"
	"strings"
)

// parseRequirements reads a pip requirements file (requirements.txt and
// its variants). Every requirement is Direct: the file lists what the
// project asked for, not what pip resolved.
//
// Only "name==version" and "name===version" are pins; any other specifier,
// a bare name, a URL, a local path or an editable (-e) install is kept with
// Unpinned set and an empty Version, and URLs and paths other than
// http(s) archives are also Local. Option lines (-r, -c, -i, --index-url,
// --hash on its own line, ...) record nothing, and included files (-r,
// -c) are not followed: the caller reads each file it discovers on its own.
// A direct reference that names no package (-e ., a bare path without
// #egg=) is skipped, as there is no name to report. A name listed again
// with the same version (or again unpinned) is reported once, at its
// first line.
//
// Dev is set for every requirement when the file name says the file is for
// development: one of the words dev, devel, develop, development, test,
// tests or testing, separated by "-", "_" or "." in the base name
// (requirements-dev.txt, dev-requirements.txt, requirements_test.txt,
// requirements/dev.txt).
func parseRequirements(path string, data []byte) ([]Package, error) {
	dev := requirementsDev(path)
	var pkgs []Package
	seen := map[string]bool{}
	for logical := range requirementLines(data) {
		p, ok, err := parseRequirementLine(logical.text)
		if err != nil {
			return nil, errorf(path, logical.line, "%v", err)
		}
		key := normalizePyPIName(p.Name) + "@" + p.Version
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		p.Line = logical.line
		p.Dev = dev
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// normalizePyPIName returns a PyPI project name in PEP 503 normal form:
// lower case, with every run of "-", "_" and "." replaced by one "-".
func normalizePyPIName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_' || c == '.':
			sep = true
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		b.WriteByte(c)
	}
	if sep {
		b.WriteByte('-')
	}
	return b.String()
}

// requirementsDev reports whether a requirements file's name marks it as
// a development file.
func requirementsDev(path string) bool {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	base = strings.ToLower(base)
	for _, ext := range []string{".txt", ".in", ".pip"} {
		base = strings.TrimSuffix(base, ext)
	}
	for _, word := range strings.FieldsFunc(base, func(r rune) bool {
		return r == '-' || r == '_' || r == '.'
	}) {
		switch word {
		case "dev", "devel", "develop", "development", "test", "tests", "testing":
			return true
		}
	}
	return false
}

// logicalLine is one requirement after joining "\" continuations and
// removing comments; line is where it starts.
type logicalLine struct {
	text string
	line int
}

// requirementLines yields the non-empty logical lines of a requirements
// file.
func requirementLines(data []byte) func(yield func(logicalLine) bool) {
	return func(yield func(logicalLine) bool) {
		var cur strings.Builder
		start, n := 0, 0
		for len(data) > 0 {
			var raw []byte
			raw, data, _ = bytes.Cut(data, []byte{'\n'})
			n++
			raw = bytes.TrimSuffix(raw, []byte{'\r'})
			if cur.Len() == 0 {
				start = n
			}
			text, cont := bytes.CutSuffix(raw, []byte{'\\'})
			// A comment ends the logical line even inside a continuation.
			if c := commentStart(text); c >= 0 {
				text, cont = text[:c], false
			}
			cur.Write(text)
			if cont {
				cur.WriteByte(' ')
				continue
			}
			s := strings.TrimSpace(cur.String())
			cur.Reset()
			if s != "" && !yield(logicalLine{text: s, line: start}) {
				return
			}
		}
		if s := strings.TrimSpace(cur.String()); s != "" {
			yield(logicalLine{text: s, line: start})
		}
	}
}

// commentStart returns where a "#" comment starts in a requirements line:
// at the line's start or after whitespace (a "#" inside a URL, as in
// "#egg=", is not one), or -1.
func commentStart(line []byte) int {
	for i, c := range line {
		if c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// parseRequirementLine reads one logical requirements line. ok is false
// for option lines and for direct references that name no package.
func parseRequirementLine(s string) (p Package, ok bool, err error) {
	p = Package{Ecosystem: PyPI, Direct: true}
	if s[0] == '-' {
		target, editable := editableTarget(s)
		if !editable {
			return p, false, nil // -r, -c, -i, --hash and other options
		}
		return directReference(p, "", stripOptions(target))
	}
	s = stripOptions(s)
	if isURLOrPath(s) {
		return directReference(p, "", s)
	}
	name, rest := cutName(s)
	if name == "" {
		return p, false, fmt.Errorf("invalid requirement %s", excerpt(s))
	}
	p.Name = name
	rest, err = skipExtras(rest)
	if err != nil {
		return p, false, err
	}
	if ref, found := strings.CutPrefix(rest, "@"); found {
		ref, _, _ = strings.Cut(strings.TrimSpace(ref), " ")
		return directReference(p, name, ref)
	}
	spec, _, _ := strings.Cut(rest, ";")
	p.Version, p.Unpinned, err = pinnedVersion(spec)
	return p, err == nil, err
}

// editableTarget returns the target of a -e/--editable option line.
func editableTarget(s string) (string, bool) {
	for _, opt := range []string{"--editable", "-e"} {
		rest, found := strings.CutPrefix(s, opt)
		if !found {
			continue
		}
		if r, eq := strings.CutPrefix(rest, "="); eq {
			return strings.TrimSpace(r), true
		}
		if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
			return strings.TrimSpace(rest), true
		}
		if opt == "-e" { // "-egit+https://..." is also accepted by pip
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// stripOptions removes per-requirement options (--hash=..., --config-settings
// ...) from the end of a requirement.
func stripOptions(s string) string {
	for i := 1; i < len(s); i++ {
		if s[i] == '-' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// isURLOrPath reports whether a requirement is a bare URL or local path
// rather than a name.
func isURLOrPath(s string) bool {
	switch s[0] {
	case '.', '/', '~', '\\', '$':
		return true
	}
	if i := strings.Index(s, "://"); i > 0 && !strings.ContainsAny(s[:i], " =<>!~;@[") {
		return true
	}
	if strings.HasPrefix(s, "file:") {
		return true
	}
	// A Windows path or a file name such as foo-1.0-py3-none-any.whl.
	if len(s) > 2 && s[1] == ':' && (s[2] == '\\' || s[2] == '/') {
		return true
	}
	if strings.ContainsAny(s, " \t@") { // "name @ url"
		return false
	}
	return strings.HasSuffix(s, ".whl") || strings.HasSuffix(s, ".tar.gz") || strings.HasSuffix(s, ".zip")
}

// directReference fills a requirement installed from a URL or path: it is
// Unpinned, and Local unless it is an http(s) archive. The name comes from
// "name @" or from a "#egg=" fragment; without one it is skipped.
func directReference(p Package, name, ref string) (Package, bool, error) {
	if name == "" {
		name = eggName(ref)
	}
	if name == "" {
		name = wheelName(ref)
	}
	if name == "" {
		return p, false, nil
	}
	p.Name = name
	p.Unpinned = true
	lower := strings.ToLower(ref)
	remote := strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
	p.Local = !remote
	return p, true, nil
}

// eggName returns the project named by a "#egg=name" URL fragment.
func eggName(ref string) string {
	_, frag, found := strings.Cut(ref, "#")
	if !found {
		return ""
	}
	for part := range strings.SplitSeq(frag, "&") {
		if v, ok := strings.CutPrefix(part, "egg="); ok {
			name, _ := cutName(v)
			return name
		}
	}
	return ""
}

// wheelName returns the project named by a wheel file name
// (name-version-tags.whl), or "".
func wheelName(ref string) string {
	base := ref[strings.LastIndexAny(ref, `/\`)+1:]
	if !strings.HasSuffix(base, ".whl") {
		return ""
	}
	name, _, found := strings.Cut(base, "-")
	if !found || !validPyPIName(name) {
		return ""
	}
	return name
}

// cutName splits a PEP 508 project name from the rest of a requirement,
// returning "" when s does not start with a valid name.
func cutName(s string) (name, rest string) {
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	// A name ends with a letter or digit.
	for i > 0 && (s[i-1] == '-' || s[i-1] == '_' || s[i-1] == '.') {
		i--
	}
	if i == 0 || !isAlnum(s[0]) {
		return "", s
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func validPyPIName(s string) bool {
	name, rest := cutName(s)
	return name != "" && rest == ""
}

func isNameByte(c byte) bool {
	return isAlnum(c) || c == '-' || c == '_' || c == '.'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipExtras removes a "[extra,...]" list after a name.
func skipExtras(rest string) (string, error) {
	if !strings.HasPrefix(rest, "[") {
		return rest, nil
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return "", fmt.Errorf("unclosed extras in %s", excerpt(rest))
	}
	return strings.TrimSpace(rest[end+1:]), nil
}

// pinnedVersion reads a version specifier (without markers). A single
// "==" without a wildcard, or "===", is a pin; anything else is Unpinned.
func pinnedVersion(spec string) (version string, unpinned bool, err error) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "(") && strings.HasSuffix(spec, ")") {
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	if spec == "" {
		return "", true, nil
	}
	clauses := strings.Split(spec, ",")
	for _, c := range clauses {
		op, v := cutOperator(strings.TrimSpace(c))
		if op == "" || v == "" || strings.ContainsAny(v, " \t()") {
			return "", false, fmt.Errorf("invalid version specifier %s", excerpt(spec))
		}
		version = v
		if len(clauses) > 1 || op != "===" && (op != "==" || strings.Contains(v, "*")) {
			unpinned = true
		}
	}
	if unpinned {
		version = ""
	}
	return version, unpinned, nil
}

// cutOperator splits a PEP 440 comparison operator from its version.
func cutOperator(c string) (op, version string) {
	for _, o := range []string{"===", "==", "!=", "~=", ">=", "<=", ">", "<"} {
		if v, ok := strings.CutPrefix(c, o); ok {
			return o, strings.TrimSpace(v)
		}
	}
	return "", ""
}

// requirementIncludes lists the files a requirements file pulls in with
// -r/--requirement, as written (relative to the including file's folder).
// Constraint files (-c) pin versions without installing anything and are
// not listed.
func requirementIncludes(data []byte) []string {
	var out []string
	for logical := range requirementLines(data) {
		f := strings.Fields(logical.text)
		switch {
		case len(f) >= 2 && (f[0] == "-r" || f[0] == "--requirement"):
			out = append(out, f[1])
		case strings.HasPrefix(f[0], "--requirement="):
			out = append(out, strings.TrimPrefix(f[0], "--requirement="))
		case strings.HasPrefix(f[0], "-r") && len(f[0]) > 2:
			out = append(out, f[0][2:])
		}
	}
	return out
}
