package vulndb

import "strings"

// NormalizeName returns the form of a package name that two spellings of
// the same package share in ecosystem eco: PEP 503 for PyPI, lower case
// where the registry ignores case (Packagist, NuGet), the name unchanged
// elsewhere.
func NormalizeName(eco, name string) string {
	name = strings.TrimSpace(name)
	switch eco {
	case "PyPI":
		return pep503(name)
	case "Packagist", "NuGet":
		return strings.ToLower(name)
	}
	return name
}

// pep503 lowercases and collapses runs of "-", "_" and "." into "-".
func pep503(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
