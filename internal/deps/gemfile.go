package deps

import (
	"strings"
)

// parseGemfileLock reads a Bundler lockfile (Gemfile.lock or gems.locked).
//
// Specs are read from the GEM, GIT and PATH sections (4-space "name
// (version)" lines, with 6-space dependency lines under them); GIT and
// PATH gems are Local. A platform suffix is kept out of the version
// ("nokogiri (1.16.5-x86_64-linux)" is version 1.16.5), so the variants of
// one gem for several platforms collapse into one package at the first
// one's line. DEPENDENCIES lists what the Gemfile asks for: those gems are
// Direct. The lockfile does not record Gemfile groups, so Dev is never
// set. PLATFORMS, RUBY VERSION, CHECKSUMS, BUNDLED WITH and PLUGIN SOURCE
// record no packages.
func parseGemfileLock(path string, data []byte) ([]Package, error) {
	g := gemLock{path: path, byKey: map[string]int{}, cur: -1}
	text := string(data) // one copy; names and versions are slices of it
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if err := g.line(n, strings.TrimRight(line, " \r")); err != nil {
			return nil, err
		}
	}
	g.link()
	return g.pkgs, nil
}

type gemLock struct {
	path    string
	pkgs    []Package
	deps    [][]string     // dependency names per package
	byKey   map[string]int // name@version -> index
	direct  []string
	section string
	specs   bool // inside a "specs:" block
	cur     int  // package the 6-space lines belong to, or -1
}

// line reads line n of the lockfile.
func (g *gemLock) line(n int, s string) error {
	if s == "" {
		return nil
	}
	indent := len(s) - len(strings.TrimLeft(s, " "))
	body := s[indent:]
	if indent == 0 {
		if !isGemSection(s) {
			return errorf(g.path, n, "unexpected line %s outside a section", excerpt(s))
		}
		g.section, g.specs, g.cur = s, false, -1
		return nil
	}
	switch g.section {
	case "GEM", "GIT", "PATH":
		return g.sourceLine(n, indent, body)
	case "DEPENDENCIES":
		if indent == 2 {
			name, _, _ := strings.Cut(body, " ")
			g.direct = append(g.direct, strings.TrimSuffix(name, "!"))
		}
	}
	return nil
}

// isGemSection reports whether s is a section header: upper-case words.
func isGemSection(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && s[i] != ' ' {
			return false
		}
	}
	return true
}

// sourceLine reads a line of a GEM, GIT or PATH section.
func (g *gemLock) sourceLine(n, indent int, body string) error {
	switch {
	case indent == 2:
		g.specs, g.cur = body == "specs:", -1
	case !g.specs:
		return errorf(g.path, n, "unexpected line %s outside specs", excerpt(body))
	case indent == 4:
		return g.spec(n, body)
	case indent == 6:
		if g.cur < 0 {
			return errorf(g.path, n, "dependency %s before any spec", excerpt(body))
		}
		name, _, _ := strings.Cut(body, " ")
		g.deps[g.cur] = append(g.deps[g.cur], name)
	default:
		return errorf(g.path, n, "unexpected indentation of %d spaces", indent)
	}
	return nil
}

// spec reads a "name (version[-platform])" line.
func (g *gemLock) spec(n int, body string) error {
	name, rest, ok := strings.Cut(body, " (")
	if !ok || name == "" || strings.ContainsAny(name, " ()") || !strings.HasSuffix(rest, ")") {
		return errorf(g.path, n, "invalid spec %s", excerpt(body))
	}
	version := strings.TrimSuffix(rest, ")")
	version, _, _ = strings.Cut(version, "-") // RubyGems versions never hold "-"
	if version == "" || strings.ContainsAny(version, " ()") {
		return errorf(g.path, n, "invalid version in spec %s", excerpt(body))
	}
	key := name + "@" + version
	if i, dup := g.byKey[key]; dup {
		g.cur = i
		return nil
	}
	g.cur = len(g.pkgs)
	g.byKey[key] = g.cur
	g.pkgs = append(g.pkgs, Package{
		Ecosystem: RubyGems,
		Name:      name,
		Version:   version,
		Line:      n,
		Local:     g.section != "GEM",
		ID:        key,
	})
	g.deps = append(g.deps, nil)
	return nil
}

// link marks direct gems and fills DependsOn; a gem name resolves to the
// first package of that name.
func (g *gemLock) link() {
	byName := make(map[string]int, len(g.pkgs))
	for i := range g.pkgs {
		if _, dup := byName[g.pkgs[i].Name]; !dup {
			byName[g.pkgs[i].Name] = i
		}
	}
	for _, name := range g.direct {
		if i, ok := byName[name]; ok {
			g.pkgs[i].Direct = true
		}
	}
	linked := make([]int, len(g.pkgs)) // linked[j] == i+1 once i depends on j
	for i, names := range g.deps {
		linked[i] = i + 1
		for _, name := range names {
			if j, ok := byName[name]; ok && linked[j] != i+1 {
				linked[j] = i + 1
				g.pkgs[i].DependsOn = append(g.pkgs[i].DependsOn, g.pkgs[j].ID)
			}
		}
	}
}
