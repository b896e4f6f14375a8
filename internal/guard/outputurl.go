package guard

import (
	"html"
	"net"
	"net/url"
	"strings"
)

// verdict judges a URL as written in markdown (backslash escapes and
// entities apply) or in HTML (entities apply). Every reading of it is
// judged, and the URL is flagged when any reading leaves the allowed
// hosts; detail names the host.
func (s *linkScanner) verdict(raw string, markdown bool) (detail string, bad bool) {
	decoded := raw
	if markdown {
		decoded = unescapeMarkdown(decoded)
	}
	if strings.IndexByte(decoded, '&') >= 0 {
		decoded = html.UnescapeString(decoded)
	}
	if detail, bad = s.judgeURL(raw); bad || decoded == raw {
		return detail, bad
	}
	return s.judgeURL(decoded)
}

// unescapeMarkdown removes the backslashes of markdown escapes.
func unescapeMarkdown(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// specialSchemes are those whose URLs always have a host, read leniently
// by browsers ("https:evil.example", "https:\\evil.example").
var specialSchemes = map[string]bool{"http": true, "https": true, "ftp": true, "ws": true, "wss": true, "file": true}

// judgeURL judges one reading of a URL.
func (s *linkScanner) judgeURL(u string) (string, bool) {
	u = cleanURL(u)
	scheme, rest := splitScheme(u)
	switch {
	case scheme == "" && !strings.HasPrefix(rest, "//"):
		return "", false // relative: the page's own host
	case scheme == "data":
		return "", false // inline content: no request
	case scheme == "mailto":
		return s.judgeMailto(rest)
	case scheme != "" && !specialSchemes[scheme]:
		return schemeDetail(scheme), true
	}
	host := authorityHost(rest)
	if host == "" {
		if scheme == "" {
			return "invalid", true
		}
		return schemeDetail(scheme), true
	}
	if !s.allowed(host) {
		return siteOf(host), true
	}
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		if h := canonicalHost(p.Hostname()); !s.allowed(h) {
			return siteOf(h), true
		}
	}
	return "", false
}

// schemeDetail names a URL's scheme for a finding: "javascript:", or
// "scheme:" for one over 10 characters or with other than letters, so
// that an invented scheme cannot carry leaked text into the detail.
func schemeDetail(scheme string) string {
	if len(scheme) > 10 || strings.IndexFunc(scheme, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return "scheme:"
	}
	return scheme + ":"
}

// siteOf names the site of a host without its subdomain labels, which can
// carry leaked data themselves ("c2VjcmV0.evil.example"): the last two
// labels, or three under a short second level of a country code
// ("evil.co.uk"). An IP address is kept whole; a host that is neither a
// name nor an address is "invalid", so it carries nothing into the
// detail either.
func siteOf(host string) string {
	if net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")) != nil {
		return host
	}
	if strings.ContainsAny(host, ":[]") {
		return "invalid"
	}
	labels := strings.Split(host, ".")
	keep := 2
	if n := len(labels); n >= 3 && len(labels[n-1]) == 2 && len(labels[n-2]) <= 3 {
		keep = 3
	}
	if len(labels) <= keep {
		return host
	}
	return strings.Join(labels[len(labels)-keep:], ".")
}

// judgeMailto judges the domains of a mailto: URL's addresses.
func (s *linkScanner) judgeMailto(rest string) (string, bool) {
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	if d, err := url.PathUnescape(rest); err == nil {
		rest = d
	}
	for addr := range strings.SplitSeq(rest, ",") {
		at := strings.LastIndexByte(addr, '@')
		if at < 0 {
			return "mailto:", true
		}
		if h := canonicalHost(addr[at+1:]); !s.allowed(h) {
			return siteOf(h), true
		}
	}
	return "", false
}

// allowed reports whether host is an allowed host or a subdomain of one.
func (s *linkScanner) allowed(host string) bool {
	for _, d := range s.allow {
		if host == d || strings.HasSuffix(host, d) && host[len(host)-len(d)-1] == '.' {
			return true
		}
	}
	return false
}

// cleanURL reads a URL as a browser does: surrounding spaces and controls
// dropped, tabs and line breaks inside removed, backslashes as slashes.
func cleanURL(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(u, "\t\n\r\\") {
		u = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(u)
	}
	return u
}

// splitScheme splits "scheme:rest"; scheme is "" (and rest is u) when u
// has none. The scheme is returned in lower case.
func splitScheme(u string) (scheme, rest string) {
	for i := 0; i < len(u); i++ {
		b := u[i]
		switch {
		case isLetterByte(b):
		case i > 0 && (b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'):
		case i > 0 && b == ':':
			return strings.ToLower(u[:i]), u[i+1:]
		default:
			return "", u
		}
	}
	return "", u
}

// authorityHost returns the host of "//user@host:port/path" (any number
// of leading slashes), lower case, percent-decoded, without a final dot.
func authorityHost(rest string) string {
	rest = strings.TrimLeft(rest, "/")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			return canonicalHost(rest[1:i])
		}
	} else if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	return canonicalHost(rest)
}

// canonicalHost lower-cases and percent-decodes host and drops a final
// dot; it is cut to 253 bytes, the longest DNS name.
func canonicalHost(host string) string {
	if d, err := url.PathUnescape(host); err == nil {
		host = d
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return truncateUTF8(host, 253)
}

// end finishes a tag once all its attributes are read: a meta refresh
// sends the browser to the URL of its content.
func (t *htmlTag) end() {
	if t.name != "meta" || !strings.EqualFold(strings.TrimSpace(html.UnescapeString(t.equiv)), "refresh") {
		return
	}
	t.urls = append(t.urls, refreshURLs(html.UnescapeString(t.content))...)
}

// refreshURLs returns the URL of a meta refresh's content ("5; url='…'"),
// read as browsers do (HTML's shared declarative refresh steps), and,
// failing closed, the text after the delay as it is.
func refreshURLs(content string) []string {
	rest := strings.TrimLeft(content, asciiSpace)
	rest = strings.TrimLeft(rest, "0123456789.")
	rest = strings.TrimLeft(rest, asciiSpace)
	if rest != "" && (rest[0] == ';' || rest[0] == ',') {
		rest = rest[1:]
	}
	rest = strings.TrimLeft(rest, asciiSpace)
	if rest == "" {
		return nil // a refresh of the page itself
	}
	return []string{refreshURL(rest), rest}
}

// asciiSpace is HTML's ASCII whitespace.
const asciiSpace = " \t\n\f\r"

// refreshURL reads the URL after a refresh's delay: an optional "url="
// (a partial "u" or "ur" is skipped too, as browsers do), then a URL
// that an opening quote ends at its closing one.
func refreshURL(s string) string {
	for _, c := range "url" {
		if s == "" || s[0]|0x20 != byte(c) {
			return unquoteRefresh(s)
		}
		s = s[1:]
	}
	s = strings.TrimLeft(s, asciiSpace)
	if s == "" || s[0] != '=' {
		return unquoteRefresh(s)
	}
	return unquoteRefresh(strings.TrimLeft(s[1:], asciiSpace))
}

// unquoteRefresh drops an opening quote and what follows its closing one.
func unquoteRefresh(s string) string {
	if s == "" || s[0] != '"' && s[0] != '\'' {
		return s
	}
	q := s[0]
	s = s[1:]
	if i := strings.IndexByte(s, q); i >= 0 {
		s = s[:i]
	}
	return s
}
