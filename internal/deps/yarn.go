package deps

// yarn.go reads yarn.lock in both of its formats: Yarn 1's own syntax
// ("# yarn lockfile v1", `version "1.2.3"`) and Yarn 2+ (Berry), a YAML
// subset with an __metadata entry, `version: 1.2.3` and `resolution:`.
// Both are blocks of descriptors ("name@range", comma-separated) followed
// by indented fields, so one line reader serves both; an entry with a
// `resolution` field is read the Berry way.

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

type yarnEntry struct {
	line        int
	descriptors []string
	version     string
	resolved    string // Yarn 1
	resolution  string // Berry
	linkType    string // Berry: hard, or soft for workspaces and links
	deps        []yarnDep
}

type yarnDep struct{ name, rng string }

// parseYarnLock reads yarn.lock. yarn.lock records no scope, so Dev and
// Optional stay false; Direct is set only for Berry, whose workspace
// entries list what each workspace depends on.
func parseYarnLock(path string, data []byte) ([]Package, error) {
	entries, err := yarnEntries(path, data)
	if err != nil {
		return nil, err
	}
	return yarnPackages(entries), nil
}

// yarnEntries splits the file into entries: a header line at column 0,
// fields indented under it, and dependency lists indented under those.
func yarnEntries(path string, data []byte) ([]yarnEntry, error) {
	var entries []yarnEntry
	section, fieldIndent := "", -1
	lineNo, rest := 0, string(data)
	for rest != "" {
		lineNo++
		var text string
		text, rest, _ = strings.Cut(rest, "\n")
		text = strings.TrimRight(text, " \t\r")
		body := strings.TrimLeft(text, " \t")
		if body == "" || body[0] == '#' {
			continue
		}
		indent := len(text) - len(body)
		if indent == 0 {
			e, err := yarnHeader(path, lineNo, body)
			if err != nil {
				return nil, err
			}
			entries = append(entries, e)
			section, fieldIndent = "", -1
			continue
		}
		if len(entries) == 0 {
			return nil, errorf(path, lineNo, "indented line outside any entry")
		}
		e := &entries[len(entries)-1]
		if fieldIndent < 0 {
			fieldIndent = indent
		}
		key, value, err := yarnField(body)
		if err != nil {
			return nil, errorf(path, lineNo, "%v", err)
		}
		if indent <= fieldIndent {
			section = ""
			if value == "" {
				section = key
			}
			e.set(key, value)
			continue
		}
		if section == "dependencies" || section == "optionalDependencies" {
			e.deps = append(e.deps, yarnDep{name: key, rng: value})
		}
	}
	return entries, nil
}

// set records the fields the parser uses.
func (e *yarnEntry) set(key, value string) {
	switch key {
	case "version":
		e.version = value
	case "resolved":
		e.resolved = value
	case "resolution":
		e.resolution = value
	case "linkType":
		e.linkType = value
	}
}

// yarnHeader reads an entry's first line: descriptors, possibly quoted,
// separated by commas, ending in a colon.
func yarnHeader(path string, lineNo int, body string) (yarnEntry, error) {
	list, ok := strings.CutSuffix(body, ":")
	if !ok {
		return yarnEntry{}, errorf(path, lineNo, "entry header does not end in ':'")
	}
	e := yarnEntry{line: lineNo}
	for list != "" {
		piece, rest, err := yarnToken(list, ",")
		if err != nil {
			return yarnEntry{}, errorf(path, lineNo, "%v", err)
		}
		// Berry quotes all descriptors together: "a@npm:^1, a@npm:^1.2".
		for d := range strings.SplitSeq(piece, ",") {
			if d = strings.TrimSpace(d); d != "" {
				e.descriptors = append(e.descriptors, d)
			}
		}
		list = strings.TrimLeft(strings.TrimPrefix(rest, ","), " ")
	}
	if len(e.descriptors) == 0 {
		return yarnEntry{}, errorf(path, lineNo, "entry header names no package")
	}
	return e, nil
}

// yarnField splits a field line: `key "value"` (Yarn 1), `key: value`
// (Berry), or `key:` opening a nested list.
func yarnField(body string) (key, value string, err error) {
	key, rest, err := yarnToken(body, ": ")
	if err != nil {
		return "", "", err
	}
	rest = strings.TrimPrefix(rest, ":")
	// The value runs to the end of the line: a Yarn 1 range may hold
	// spaces ("1 || 2").
	value, _, err = yarnToken(strings.TrimLeft(rest, " "), "")
	if err != nil {
		return "", "", err
	}
	return key, value, nil
}

// yarnToken reads one possibly quoted token from the start of s, ending
// at any byte of stop (outside quotes) or at the end, and returns it
// unquoted with the rest of s (starting at the stop byte).
func yarnToken(s, stop string) (tok, rest string, err error) {
	var b strings.Builder
	for {
		i := yarnStop(s, stop)
		if i == len(s) || s[i] != '"' && s[i] != '\'' {
			if b.Len() == 0 {
				return s[:i], s[i:], nil // one plain string: no copy
			}
			b.WriteString(s[:i])
			return b.String(), s[i:], nil
		}
		q, n, err := yarnQuoted(s[i:])
		if err != nil {
			return "", "", err
		}
		after := s[i+n:]
		if j := yarnStop(after, stop); i == 0 && b.Len() == 0 && (after == "" || j == 0 && after[0] != '"' && after[0] != '\'') {
			return q, after, nil // one quoted string
		}
		b.WriteString(s[:i])
		b.WriteString(q)
		s = after
	}
}

// yarnStop returns the offset of the first quote or stop byte in s, as
// yarnToken reads them, or len(s).
func yarnStop(s, stop string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'':
			return i
		case strings.IndexByte(stop, c) >= 0 && (c != ':' || i+1 == len(s) || s[i+1] == ' '):
			return i
		}
	}
	return len(s)
}

// yarnQuoted unquotes the string starting s and returns its length.
func yarnQuoted(s string) (string, int, error) {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '"':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++ // '' is a quote inside a single-quoted YAML string
		case s[i] == q:
			if q == '\'' {
				return strings.ReplaceAll(s[1:i], "''", "'"), i + 1, nil
			}
			if !strings.Contains(s[1:i], `\`) {
				return s[1:i], i + 1, nil
			}
			if u, err := strconv.Unquote(s[:i+1]); err == nil {
				return u, i + 1, nil
			}
			return s[1:i], i + 1, nil
		}
	}
	return "", 0, errYarnQuote
}

var errYarnQuote = errors.New("unterminated quoted string")

// yarnPackages turns entries into packages and links them through their
// descriptors.
func yarnPackages(entries []yarnEntry) []Package {
	pkgs := make([]Package, 0, len(entries))
	of := make([]int, len(entries)) // entry -> package, -1 for none
	ids := make(map[string]string)  // descriptor -> package ID
	byID := make(map[string]int)
	berry := false
	for i, e := range entries {
		of[i] = -1
		p, ok := yarnPackage(e)
		if !ok {
			continue
		}
		berry = berry || e.resolution != ""
		if j, dup := byID[p.ID]; dup {
			if pkgs[j].Local == p.Local {
				of[i] = j // the same package under other descriptors
				yarnMapDescriptors(ids, e.descriptors, p.ID)
				continue
			}
			p.ID += "#" + strconv.Itoa(e.line)
		}
		of[i] = len(pkgs)
		byID[p.ID] = len(pkgs)
		pkgs = append(pkgs, p)
		yarnMapDescriptors(ids, e.descriptors, p.ID)
	}
	for i, e := range entries {
		j := of[i]
		if j < 0 || len(e.deps) == 0 {
			continue
		}
		deps := yarnDependsOn(ids, e.deps, berry)
		pkgs[j].DependsOn = slices.Compact(slices.Sorted(slices.Values(append(pkgs[j].DependsOn, deps...))))
		if _, ref := jsSplitName(e.resolution); strings.HasPrefix(ref, "workspace:") {
			for _, id := range deps {
				pkgs[byID[id]].Direct = true
			}
		}
	}
	return pkgs
}

// yarnMapDescriptors maps each descriptor to id, also without the
// "::locator=…" binding Berry adds to portal: and link: descriptors,
// which dependency lists leave out.
func yarnMapDescriptors(ids map[string]string, descriptors []string, id string) {
	for _, d := range descriptors {
		if _, ok := ids[d]; !ok {
			ids[d] = id
		}
		if i := strings.Index(d, "::"); i > 0 {
			if _, ok := ids[d[:i]]; !ok {
				ids[d[:i]] = id
			}
		}
	}
}

// yarnDependsOn resolves dependency ranges to package IDs. Berry files
// written before Yarn 4 leave the default npm: protocol out of ranges but
// not out of descriptors.
func yarnDependsOn(ids map[string]string, deps []yarnDep, berry bool) []string {
	var out []string
	for _, d := range deps {
		id, ok := ids[d.name+"@"+d.rng]
		if !ok && berry {
			id, ok = ids[d.name+"@npm:"+d.rng]
		}
		if ok {
			out = append(out, id)
		}
	}
	return out
}

// yarnPackage builds the package an entry describes; entries without a
// version (the Berry __metadata block) describe none.
func yarnPackage(e yarnEntry) (Package, bool) {
	if e.descriptors[0] == "__metadata" || e.version == "" && e.resolution == "" {
		return Package{}, false
	}
	p := Package{Ecosystem: NPM, Version: e.version, Line: e.line}
	if e.resolution != "" {
		var ref string
		p.Name, ref = jsSplitName(e.resolution)
		p.Local = e.linkType == "soft" || yarnBerryLocal(ref)
		p.ID = e.resolution
		return p, true
	}
	for i, d := range e.descriptors {
		name, rng := jsSplitName(d)
		if real, _, ok := npmAlias(rng); ok {
			name, rng = real, ""
		}
		if i == 0 {
			p.Name = name
		}
		p.Local = p.Local || jsLocalSpec(rng)
	}
	p.Local = p.Local || npmLocalResolved(e.resolved)
	p.ID = p.Name + "@" + p.Version
	return p, true
}

// yarnBerryLocal reports whether a Berry resolution reference is anything
// but the npm registry; a patch: is judged by the package it patches.
func yarnBerryLocal(ref string) bool {
	for {
		rest, ok := strings.CutPrefix(ref, "patch:")
		if !ok {
			return !strings.HasPrefix(ref, "npm:")
		}
		base, _, _ := strings.Cut(rest, "#")
		if u, err := url.PathUnescape(base); err == nil {
			base = u
		}
		_, ref = jsSplitName(base)
	}
}
