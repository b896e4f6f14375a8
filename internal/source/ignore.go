package source

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// ignoreFile is the parsed content of one .gitignore or .wardignore,
// relative to the directory holding it.
type ignoreFile struct {
	base     string // slash path of its directory relative to the root, "" at the root
	patterns []ignorePattern
}

type ignorePattern struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
}

// maxIgnoreLines bounds an ignore file.
const maxIgnoreLines = 100_000

// parseIgnore reads gitignore syntax.
func parseIgnore(base string, data []byte) *ignoreFile {
	f := &ignoreFile{base: base}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 0; sc.Scan() && n < maxIgnoreLines; n++ {
		if p, ok := compileIgnore(sc.Text()); ok {
			f.patterns = append(f.patterns, p)
		}
	}
	return f
}

func compileIgnore(line string) (ignorePattern, bool) {
	line = strings.TrimSuffix(line, "\r")
	// Trailing spaces are dropped unless escaped.
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
		line = line[:len(line)-1]
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return ignorePattern{}, false
	}
	var p ignorePattern
	if strings.HasPrefix(line, "!") {
		p.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return ignorePattern{}, false
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	expr := globToRegexp(line)
	if anchored {
		expr = "^" + expr + "$"
	} else {
		expr = "(?:^|/)" + expr + "$"
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return ignorePattern{}, false
	}
	p.re = re
	return p, true
}

// globToRegexp translates gitignore glob syntax: * and ? stay within a
// path segment, ** crosses segments, [...] is a character class.
func globToRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "/**") && i+3 == len(g):
			b.WriteString("/.*")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			j := strings.IndexByte(g[i+1:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+1+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			fmt.Fprintf(&b, "[%s]", strings.ReplaceAll(class, `\`, `\\`))
			i += j + 1
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(string(g[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// CompileGlob compiles a gitignore-style glob (*, ?, **, [...]) that must
// match a whole slash-separated path. A pattern without a slash matches the
// last path element at any depth.
func CompileGlob(pattern string) (*regexp.Regexp, error) {
	expr := globToRegexp(strings.TrimPrefix(pattern, "/"))
	if strings.Contains(pattern, "/") {
		return regexp.Compile("^" + expr + "(?:/.*)?$")
	}
	return regexp.Compile("(?:^|/)" + expr + "(?:/.*)?$")
}

// ignoreStack holds the ignore files from the root down to a directory.
type ignoreStack []*ignoreFile

// ignored reports whether rel (slash path from the root) is ignored; the
// last matching pattern of the deepest file decides, as in git.
func (s ignoreStack) ignored(rel string, isDir bool) bool {
	ignored := false
	for _, f := range s {
		sub := rel
		if f.base != "" {
			if !strings.HasPrefix(rel, f.base+"/") {
				continue
			}
			sub = rel[len(f.base)+1:]
		}
		for _, p := range f.patterns {
			if p.dirOnly && !isDir {
				continue
			}
			if p.re.MatchString(sub) {
				ignored = !p.negate
			}
		}
	}
	return ignored
}
