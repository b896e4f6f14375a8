package deps

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Package URLs (purl), as the purl specification spells them: the
// "pkg:" scheme, a lowercase type, an optional namespace of one or more
// segments, a name and an optional version, each percent-encoded. Ward
// writes no qualifiers or subpath and ignores them when reading.

// ErrUnsupportedPURLType is returned (wrapped) by ParsePURL for a purl of a
// type Ward reads no lockfiles for, such as pkg:deb or pkg:docker.
var ErrUnsupportedPURLType = errors.New("unsupported purl type")

// purlTypes maps each ecosystem to its purl type.
var purlTypes = map[Ecosystem]string{
	NPM:       "npm",
	PyPI:      "pypi",
	Go:        "golang",
	Crates:    "cargo",
	RubyGems:  "gem",
	Packagist: "composer",
	Maven:     "maven",
	NuGet:     "nuget",
	Pub:       "pub",
	Hex:       "hex",
}

// purlEcosystems is purlTypes reversed.
var purlEcosystems = func() map[string]Ecosystem {
	m := make(map[string]Ecosystem, len(purlTypes))
	for eco, typ := range purlTypes {
		m[typ] = eco
	}
	return m
}()

// PURL returns the package URL of p, for example
// "pkg:npm/%40babel/core@7.24.0" or "pkg:maven/org.slf4j/slf4j-api@2.0.9".
// Names are normalised as the purl type requires (PyPI, Packagist, Hex and
// Pub lowercase, PyPI "_" to "-"); Go module paths keep their case, which
// the module proxy needs. It returns "" when p cannot be expressed: an
// unknown ecosystem, an empty name, or a Maven or Packagist name without
// its group or vendor.
func PURL(p Package) string {
	typ, ok := purlTypes[p.Ecosystem]
	if !ok || p.Name == "" {
		return ""
	}
	ns, name := purlSplitName(p.Ecosystem, p.Name)
	ns, name = purlNormalize(typ, ns), purlNormalize(typ, name)
	if name == "" || purlNeedsNamespace(typ) && ns == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("pkg:")
	b.WriteString(typ)
	b.WriteByte('/')
	for seg := range strings.SplitSeq(ns, "/") {
		if seg != "" {
			b.WriteString(purlEscape(seg))
			b.WriteByte('/')
		}
	}
	b.WriteString(purlEscape(name))
	if p.Version != "" {
		b.WriteByte('@')
		b.WriteString(purlEscape(p.Version))
	}
	return b.String()
}

// purlSplitName splits a lockfile name into purl namespace and name:
// Maven "group:artifact"; npm "@scope/name"; Go, Packagist and Hex at the
// last slash ("github.com/org/module", "vendor/name", "org/name"). Other
// types have no namespace, and an unscoped npm name none either: a slash
// in them is percent-encoded as part of the name.
func purlSplitName(eco Ecosystem, name string) (ns, n string) {
	switch eco {
	case Maven:
		if i := strings.IndexByte(name, ':'); i >= 0 {
			return name[:i], name[i+1:]
		}
		return "", name
	case NPM:
		if !strings.HasPrefix(name, "@") {
			return "", name
		}
	case Go, Packagist, Hex:
	default:
		return "", name
	}
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// purlSplitsOnSlash reports whether PURL reads a slash in eco's names as
// the namespace separator.
func purlSplitsOnSlash(eco Ecosystem) bool {
	return eco == NPM || eco == Go || eco == Packagist || eco == Hex
}

// purlNeedsNamespace reports whether the purl type requires a namespace
// that Ward can always supply (golang's is optional for "stdlib").
func purlNeedsNamespace(typ string) bool {
	return typ == "maven" || typ == "composer"
}

// purlNormalize applies the type-specific normalisation of the purl
// specification to a namespace or name.
func purlNormalize(typ, s string) string {
	switch typ {
	case "pypi":
		return strings.ReplaceAll(strings.ToLower(s), "_", "-")
	case "composer", "hex":
		return strings.ToLower(s)
	case "pub":
		return strings.Map(func(r rune) rune {
			switch {
			case r >= 'A' && r <= 'Z':
				return r + 'a' - 'A'
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
				return r
			}
			return '_'
		}, s)
	}
	return s
}

// purlEscape percent-encodes everything outside the purl specification's
// unreserved set (A-Z a-z 0-9 . - _ ~) except the colon, which is never
// encoded.
func purlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if purlUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func purlUnreserved(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte(".-_~:", c) >= 0
}

// ParsePURL reads a package URL into the ecosystem, name (spelled as the
// ecosystem's lockfiles spell it: "@scope/name", "group:artifact",
// "vendor/name", a Go module path) and version of a Package. Qualifiers and
// subpath are checked for well-formed encoding and otherwise ignored. A
// purl of a type no Ward ecosystem has yields an error wrapping
// ErrUnsupportedPURLType.
func ParsePURL(s string) (Package, error) {
	typ, ns, name, version, err := purlSplit(s)
	if err != nil {
		return Package{}, fmt.Errorf("parse purl %s: %w", excerpt(s), err)
	}
	eco, ok := purlEcosystems[typ]
	if !ok {
		return Package{}, fmt.Errorf("parse purl %s: %w %s", excerpt(s), ErrUnsupportedPURLType, excerpt(typ))
	}
	full, err := purlJoinName(eco, typ, ns, name)
	if err != nil {
		return Package{}, fmt.Errorf("parse purl %s: %w", excerpt(s), err)
	}
	return Package{Ecosystem: eco, Name: full, Version: version}, nil
}

// purlSplit parses the generic purl syntax, right to left as the
// specification describes, into the lowercase type, the decoded namespace
// segments joined by "/", and the decoded name and version.
func purlSplit(s string) (typ, ns, name, version string, err error) {
	rest, subpath := purlCutLast(s, '#')
	if _, err := purlDecodePath(subpath); err != nil {
		return "", "", "", "", fmt.Errorf("subpath: %w", err)
	}
	rest, quals := purlCutLast(rest, '?')
	if err := purlCheckQualifiers(quals); err != nil {
		return "", "", "", "", err
	}
	scheme, rest, ok := strings.Cut(rest, ":")
	if !ok || !strings.EqualFold(scheme, "pkg") {
		return "", "", "", "", errors.New(`want scheme "pkg:"`)
	}
	typ, rest, ok = strings.Cut(strings.TrimLeft(rest, "/"), "/")
	typ = strings.ToLower(typ)
	if !ok || !purlValidType(typ) {
		return "", "", "", "", errors.New("missing or invalid type")
	}
	if at := strings.LastIndexByte(rest, '@'); at > strings.LastIndexByte(rest, '/') {
		rest, version = rest[:at], rest[at+1:]
		if version, err = url.PathUnescape(version); err != nil {
			return "", "", "", "", fmt.Errorf("version: %w", err)
		}
	}
	segs, err := purlDecodePath(rest)
	if err != nil {
		return "", "", "", "", err
	}
	if len(segs) == 0 {
		return "", "", "", "", errors.New("missing name")
	}
	return typ, strings.Join(segs[:len(segs)-1], "/"), segs[len(segs)-1], version, nil
}

// purlCutLast splits s around the last sep, or returns s and "".
func purlCutLast(s string, sep byte) (before, after string) {
	if i := strings.LastIndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// purlValidType reports whether typ is a well-formed purl type: ASCII
// letters, digits, "." and "-", not starting with a digit.
func purlValidType(typ string) bool {
	if typ == "" || typ[0] >= '0' && typ[0] <= '9' {
		return false
	}
	for i := 0; i < len(typ); i++ {
		c := typ[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// purlDecodePath splits a slash-separated purl path on "/", drops empty
// segments and percent-decodes the rest. Only the last segment (a name)
// may decode to a string holding a slash.
func purlDecodePath(p string) ([]string, error) {
	var segs []string
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" {
			continue
		}
		d, err := url.PathUnescape(seg)
		if err != nil {
			return nil, err
		}
		segs = append(segs, d)
	}
	for _, seg := range segs[:max(len(segs)-1, 0)] {
		if strings.Contains(seg, "/") {
			return nil, fmt.Errorf("namespace segment %s holds a slash", excerpt(seg))
		}
	}
	return segs, nil
}

// purlCheckQualifiers checks that each key=value pair decodes.
func purlCheckQualifiers(q string) error {
	if q == "" {
		return nil
	}
	for pair := range strings.SplitSeq(q, "&") {
		key, value, ok := strings.Cut(pair, "=")
		if !ok || key == "" {
			if pair == "" {
				continue
			}
			return fmt.Errorf("qualifier %s: want key=value", excerpt(pair))
		}
		if _, err := url.PathUnescape(value); err != nil {
			return fmt.Errorf("qualifier %s: %w", excerpt(key), err)
		}
	}
	return nil
}

// purlJoinName turns a purl namespace and name back into the name Ward's
// lockfile parsers produce for eco.
func purlJoinName(eco Ecosystem, typ, ns, name string) (string, error) {
	ns, name = purlNormalize(typ, ns), purlNormalize(typ, name)
	if purlSplitsOnSlash(eco) && strings.Contains(name, "/") {
		return "", fmt.Errorf("%s purl name %s holds a slash", typ, excerpt(name))
	}
	switch eco {
	case Maven:
		if ns == "" || strings.Contains(ns, ":") {
			return "", errors.New("maven purl needs a namespace (the group id) without a colon")
		}
		return ns + ":" + name, nil
	case Packagist:
		if ns == "" {
			return "", errors.New("composer purl needs a namespace (the vendor)")
		}
	case NPM:
		if ns != "" && !strings.HasPrefix(ns, "@") {
			ns = "@" + ns
		}
	case PyPI, Crates, RubyGems, NuGet, Pub:
		if ns != "" {
			return "", fmt.Errorf("%s purl takes no namespace", typ)
		}
	}
	if ns == "" {
		return name, nil
	}
	return ns + "/" + name, nil
}
