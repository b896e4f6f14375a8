package deps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// pomDep is one <dependency> element, fields as written.
type pomDep struct {
	group, artifact, version, scope, optional, typ, classifier string
	line                                                       int
	managed                                                    bool
}

// pomDoc is what parsePom collects from one pom.xml.
type pomDoc struct {
	group, artifact, version string // the project's own coordinates
	parentGroup, parentVer   string
	props                    map[string]string
	deps                     []pomDep // dependencies, in file order
	managed                  []pomDep // dependencyManagement, in file order
	projectSeen              bool
}

// pomMaxExpansion bounds the length of a property-interpolated string, so
// properties that reference each other cannot blow up exponentially.
const pomMaxExpansion = 4 << 10

// parsePom reads a Maven pom.xml: the dependencies it declares, all Direct.
// Missing versions are taken from the file's own dependencyManagement and
// ${...} properties from its own <properties> and project coordinates; the
// parent POM is not fetched, so anything it would supply stays unresolved
// and the package is Unpinned with Version as written. Managed entries no
// dependency uses (typically in a parent or BOM module) are reported too:
// they pin the versions child modules build with. Plugins and their
// dependencies are not project dependencies and are skipped.
func parsePom(path string, data []byte) ([]Package, error) {
	doc, err := decodePom(path, data)
	if err != nil {
		return nil, err
	}
	return doc.packages(), nil
}

// decodePom walks the XML tokens of a POM, bounded to maxDepth nesting.
func decodePom(path string, data []byte) (*pomDoc, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = pomCharsetReader
	doc := &pomDoc{props: make(map[string]string)}
	var stack []string
	var text []byte // character data of the innermost open element
	var cur *pomDep
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, pomError(path, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if len(stack) > maxDepth {
				line, _ := d.InputPos()
				return nil, errorf(path, line, "parse pom: nesting deeper than %d", maxDepth)
			}
			if len(stack) == 1 && t.Name.Local != "project" {
				line, _ := d.InputPos()
				return nil, errorf(path, line, "parse pom: root element is <%s>, want <project>", t.Name.Local)
			}
			text = text[:0]
			if kind := pomDepKind(stack); kind != 0 {
				line, _ := d.InputPos()
				cur = &pomDep{line: line, managed: kind == pomManaged}
			}
		case xml.CharData:
			if len(text) < pomMaxExpansion {
				text = append(text, t...)
			}
		case xml.EndElement:
			doc.end(stack, bytes.TrimSpace(text), &cur)
			text = text[:0]
			stack = stack[:len(stack)-1]
		}
	}
	if !doc.projectSeen {
		return nil, errorf(path, 1, "parse pom: no <project> element")
	}
	for _, list := range [][]pomDep{doc.deps, doc.managed} {
		for _, dep := range list {
			if dep.group == "" || dep.artifact == "" {
				return nil, errorf(path, dep.line, "parse pom: dependency without groupId or artifactId")
			}
		}
	}
	return doc, nil
}

// pomCharsetReader accepts the encodings POMs declare in practice: UTF-8
// and ASCII as they are, Latin-1 and Windows-1252 decoded byte by byte.
func pomCharsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		return &latin1Reader{r: r}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", charset)
}

// latin1Reader decodes ISO-8859-1 to UTF-8.
type latin1Reader struct {
	r   io.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	if cap(l.buf) < len(p)/2 {
		l.buf = make([]byte, len(p)/2)
	}
	in := l.buf[:len(p)/2]
	n, err := l.r.Read(in)
	out := 0
	for _, b := range in[:n] {
		out += utf8.EncodeRune(p[out:], rune(b))
	}
	return out, err
}

// pomError turns a decoder error into an *Error with the line it names.
func pomError(path string, d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errorf(path, se.Line, "parse pom: %s", se.Msg)
	}
	line, _ := d.InputPos()
	return errorf(path, line, "parse pom: %v", err)
}

// Kinds of <dependency> element pomDepKind recognises.
const (
	pomDeclared = 1 + iota
	pomManaged
)

// pomDepKind says whether stack ends at a <dependency> of the project (or
// of one of its profiles), and whether it is a managed one.
func pomDepKind(stack []string) int {
	if len(stack) < 3 || stack[0] != "project" {
		return 0
	}
	s := stack[1:]
	if s[0] == "profiles" && s[1] == "profile" {
		s = s[2:]
	}
	switch {
	case pomIs(s, "dependencies", "dependency"):
		return pomDeclared
	case pomIs(s, "dependencyManagement", "dependencies", "dependency"):
		return pomManaged
	}
	return 0
}

// pomIs reports whether stack is exactly names.
func pomIs(stack []string, names ...string) bool {
	if len(stack) != len(names) {
		return false
	}
	for i, n := range names {
		if stack[i] != n {
			return false
		}
	}
	return true
}

// end records the text of the element closing at the top of stack.
func (doc *pomDoc) end(stack []string, text []byte, cur **pomDep) {
	n := len(stack)
	if n == 1 {
		doc.projectSeen = true
		return
	}
	if *cur != nil {
		if pomDepKind(stack) != 0 {
			if (*cur).managed {
				doc.managed = append(doc.managed, **cur)
			} else {
				doc.deps = append(doc.deps, **cur)
			}
			*cur = nil
			return
		}
		if pomDepKind(stack[:n-1]) != 0 {
			(*cur).set(stack[n-1], string(text))
		}
		return
	}
	switch {
	case n == 2:
		doc.setProject(stack[1], string(text))
	case n == 3 && stack[1] == "parent":
		switch stack[2] {
		case "groupId":
			doc.parentGroup = string(text)
		case "version":
			doc.parentVer = string(text)
		}
	case n == 3 && stack[1] == "properties":
		doc.props[stack[2]] = string(text)
	}
}

// setProject records one of the project's own coordinates.
func (doc *pomDoc) setProject(name, text string) {
	switch name {
	case "groupId":
		doc.group = text
	case "artifactId":
		doc.artifact = text
	case "version":
		doc.version = text
	}
}

// set records one child element of a <dependency>.
func (dep *pomDep) set(name, text string) {
	switch name {
	case "groupId":
		dep.group = text
	case "artifactId":
		dep.artifact = text
	case "version":
		dep.version = text
	case "scope":
		dep.scope = text
	case "optional":
		dep.optional = text
	case "type":
		dep.typ = text
	case "classifier":
		dep.classifier = text
	}
}

// packages resolves the collected dependencies into packages, in file
// order.
func (doc *pomDoc) packages() []Package {
	managed := make(map[string]*pomDep, len(doc.managed))
	for i := range doc.managed {
		m := &doc.managed[i]
		if k := doc.key(m); managed[k] == nil {
			managed[k] = m
		}
	}
	used := make(map[*pomDep]bool)
	var pkgs []Package
	for _, dep := range doc.deps {
		if m := managed[doc.key(&dep)]; m != nil {
			used[m] = true
			if dep.version == "" {
				dep.version = m.version
			}
			if dep.scope == "" {
				dep.scope = m.scope
			}
		}
		pkgs = append(pkgs, doc.pkg(dep))
	}
	for i := range doc.managed {
		if m := &doc.managed[i]; !used[m] && managed[doc.key(m)] == m {
			pkgs = append(pkgs, doc.pkg(*m))
		}
	}
	sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].Line < pkgs[j].Line })
	return pomDedupe(pkgs)
}

// key identifies a dependency the way Maven matches management entries:
// group, artifact, type and classifier.
func (doc *pomDoc) key(dep *pomDep) string {
	g, _ := doc.interpolate(dep.group)
	a, _ := doc.interpolate(dep.artifact)
	t, _ := doc.interpolate(dep.typ)
	c, _ := doc.interpolate(dep.classifier)
	if t == "" {
		t = "jar"
	}
	return g + ":" + a + ":" + t + ":" + c
}

// pkg builds the package for one dependency.
func (doc *pomDoc) pkg(dep pomDep) Package {
	g, _ := doc.interpolate(dep.group)
	a, _ := doc.interpolate(dep.artifact)
	scope, _ := doc.interpolate(dep.scope)
	optional, _ := doc.interpolate(dep.optional)
	p := Package{
		Ecosystem: Maven,
		Name:      g + ":" + a,
		Line:      dep.line,
		Direct:    true,
		Dev:       scope == "test",
		Optional:  strings.EqualFold(strings.TrimSpace(optional), "true"),
	}
	v, ok := doc.interpolate(dep.version)
	p.Version = v
	p.Unpinned = !ok || pomIsRange(v)
	return p
}

// pomIsRange reports whether a version is not one fixed version: empty, a
// range ("[1.0,2.0)", "(,1.5]"), or the LATEST/RELEASE meta-versions.
func pomIsRange(v string) bool {
	switch {
	case v == "", v == "LATEST", v == "RELEASE":
		return true
	case strings.HasPrefix(v, "["), strings.HasPrefix(v, "("), strings.Contains(v, ","):
		return true
	}
	return false
}

// pomDedupe drops exact repeats (same name, version and scope), which Maven
// tolerates with a warning.
func pomDedupe(pkgs []Package) []Package {
	type key struct {
		name, version string
		dev, optional bool
	}
	seen := make(map[key]bool, len(pkgs))
	out := pkgs[:0]
	for _, p := range pkgs {
		k := key{p.Name, p.Version, p.Dev, p.Optional}
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// interpolate resolves ${...} references in s from the file's properties
// and coordinates. When one cannot be resolved (it comes from the parent
// POM, settings or the environment) it returns s as written and false.
func (doc *pomDoc) interpolate(s string) (string, bool) {
	orig := s
	for range 16 {
		if !strings.Contains(s, "${") {
			return s, true
		}
		next, ok := doc.expandOnce(s)
		if !ok || len(next) > pomMaxExpansion {
			return orig, false
		}
		s = next
	}
	return orig, false // a reference cycle
}

// expandOnce replaces every ${name} in s once; false if a name is unknown
// or a reference is not closed.
func (doc *pomDoc) expandOnce(s string) (string, bool) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", false
		}
		v, ok := doc.lookup(s[i+2 : i+j])
		if !ok {
			return "", false
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+j+1:]
		if b.Len() > pomMaxExpansion {
			return "", false
		}
	}
}

// lookup resolves one property name.
func (doc *pomDoc) lookup(name string) (string, bool) {
	var v string
	switch name {
	case "project.version", "pom.version", "version":
		v = pomFirst(doc.version, doc.parentVer)
	case "project.groupId", "pom.groupId", "groupId":
		v = pomFirst(doc.group, doc.parentGroup)
	case "project.artifactId", "pom.artifactId", "artifactId":
		v = doc.artifact
	case "project.parent.version", "parent.version":
		v = doc.parentVer
	case "project.parent.groupId", "parent.groupId":
		v = doc.parentGroup
	default:
		p, ok := doc.props[name]
		return p, ok
	}
	return v, v != ""
}

// pomFirst returns a unless it is empty, else b.
func pomFirst(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
