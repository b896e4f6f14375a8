package guard

import (
	"strings"
	"unicode/utf8"
)

// CSS fetches what its url() and src() functions name (a background, a
// font, an @import): in a style attribute or a <style> element, each is
// judged like an image destination. So is a quoted string that names a
// host ("https://…", "//…"), which image-set() and @import fetch; other
// strings (font names, content text) are left alone. Escapes are decoded
// ("\75rl(" is url(), "\65vil" is "evil").

// cssSpecial marks the bytes that may start or close a construct inside a
// <style> element: those of markdown, and those that start a CSS name or
// string.
var cssSpecial = func() (t [256]bool) {
	t = linkSpecial
	for c := range 256 {
		t[c] = t[c] || isCSSNameStart(byte(c))
	}
	t['"'], t['\''] = true, true
	return t
}()

// isCSSNameStart reports whether b may start a CSS name: a letter, '_',
// '-', an escape or a non-ASCII byte.
func isCSSNameStart(b byte) bool {
	return isLetterByte(b) || b == '_' || b == '-' || b == '\\' || b >= utf8.RuneSelf
}

// isCSSNameByte reports whether b may continue a CSS name.
func isCSSNameByte(b byte) bool {
	return isCSSNameStart(b) && b != '\\' || b >= '0' && b <= '9'
}

// isCSSSpace reports whether b is CSS whitespace.
func isCSSSpace(b byte) bool { return isHTMLSpace(b) }

// Kinds of CSS tokens.
const (
	cssOther  = iota // nothing to judge
	cssURL           // the argument of url() or src(): always judged
	cssQuoted        // a quoted string: judged when it names a host
)

// cssToken reads the CSS token at the cursor: a name (with the argument
// of url( or src( after it) or a string. It returns the kind, the text to
// judge and where the token's head ends (after "url(" or the opening
// quote): an allowed token is scanned again from there, so that nothing
// inside it escapes the other checks.
func cssToken(r *cursor) (kind int, text string, head int, res int) {
	b, st := r.peek()
	if st != peekOK {
		return cssOther, "", r.p, fail(st)
	}
	if b == '"' || b == '\'' {
		r.p++
		head = r.p
		text, res = cssString(r, b)
		return cssQuoted, text, head, res
	}
	name, res := cssName(r)
	if res != parseOK {
		return cssOther, "", r.p, res
	}
	head = r.p
	if b, st = r.peek(); st == peekMore {
		return cssOther, "", r.p, parseMore
	}
	if st != peekOK || b != '(' || !strings.EqualFold(name, "url") && !strings.EqualFold(name, "src") {
		return cssOther, "", head, parseOK
	}
	r.p++
	head = r.p
	text, res = cssArgument(r)
	return cssURL, text, head, res
}

// cssName reads a CSS name, its escapes decoded.
func cssName(r *cursor) (string, int) {
	var b strings.Builder
	for {
		c, st := r.peek()
		switch {
		case st == peekMore:
			return "", parseMore
		case st != peekOK:
			return b.String(), parseOK
		case c == '\\':
			ch, res := cssEscape(r)
			if res == parseMore {
				return "", parseMore
			}
			if res == parseFail {
				return b.String(), parseOK
			}
			b.WriteString(ch)
		case isCSSNameByte(c):
			b.WriteByte(c)
			r.p++
		default:
			return b.String(), parseOK
		}
	}
}

// cssEscape reads an escape, the cursor at its '\': a hex code point (up
// to 6 digits and one space) or a character. A '\' before a line break
// escapes nothing (parseFail, the cursor left at it).
func cssEscape(r *cursor) (string, int) {
	from := r.p
	r.p++
	c, st := r.peek()
	switch {
	case st == peekMore:
		return "", parseMore
	case st != peekOK:
		return "\uFFFD", parseOK
	case c == '\n' || c == '\r' || c == '\f':
		r.p = from
		return "", parseFail
	case !isHexDigit(c):
		r.p++
		return string(c), parseOK
	}
	code := rune(0)
	for n := 0; n < 6 && st == peekOK && isHexDigit(c); n++ {
		code = code*16 + rune(hexValue(c))
		r.p++
		c, st = r.peek()
	}
	if st == peekMore {
		return "", parseMore
	}
	if st == peekOK && isCSSSpace(c) {
		r.p++
	}
	if code == 0 || code > utf8.MaxRune || code >= 0xD800 && code <= 0xDFFF {
		code = utf8.RuneError
	}
	return string(code), parseOK
}

// isHexDigit reports whether b is a hexadecimal digit.
func isHexDigit(b byte) bool { return b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'f' }

// hexValue is the value of hexadecimal digit b.
func hexValue(b byte) int {
	if b <= '9' {
		return int(b - '0')
	}
	return int(b|0x20-'a') + 10
}

// cssString reads a string opened by quote, the cursor after it, its
// escapes decoded. It ends at the closing quote, at a line break (where
// CSS ends a bad string) or before a '<', which may end the <style>
// element; the text read so far is judged in any case.
func cssString(r *cursor, quote byte) (string, int) {
	var b strings.Builder
	for {
		c, st := r.peek()
		switch {
		case st == peekMore:
			return "", parseMore
		case st != peekOK:
			return b.String(), parseOK
		case c == quote:
			r.p++
			return b.String(), parseOK
		case c == '\n' || c == '\r' || c == '\f' || c == '<':
			return b.String(), parseOK
		case c == '\\':
			if res := cssStringEscape(r, &b); res != parseOK {
				return "", res
			}
		default:
			b.WriteByte(c)
			r.p++
		}
	}
}

// cssStringEscape reads an escape in a string: an escaped line break
// continues the string.
func cssStringEscape(r *cursor, b *strings.Builder) int {
	ch, res := cssEscape(r)
	if res != parseFail {
		b.WriteString(ch)
		return res
	}
	r.p++ // the '\'
	c, _ := r.peek()
	r.p++ // the line break
	if c != '\r' {
		return parseOK
	}
	if c, st := r.peek(); st == peekMore {
		return parseMore
	} else if st == peekOK && c == '\n' {
		r.p++
	}
	return parseOK
}

// cssArgument reads the argument of url( or src(, the cursor after '(':
// a string, or the bytes up to ')'. An unquoted one also ends at a
// space, a quote, a '(' or a '<' (where CSS makes it a bad URL, which
// is not fetched, or the <style> element may end); what was read is
// judged in any case.
func cssArgument(r *cursor) (string, int) {
	c, st := r.peek()
	for st == peekOK && isCSSSpace(c) {
		r.p++
		c, st = r.peek()
	}
	if st != peekOK {
		return "", fail(st)
	}
	if c == '"' || c == '\'' {
		r.p++
		return cssQuotedArgument(r, c)
	}
	var b strings.Builder
	for {
		c, st := r.peek()
		switch {
		case st == peekMore:
			return "", parseMore
		case st != peekOK:
			return b.String(), parseOK
		case c == ')' || c == '"' || c == '\'' || c == '(' || c == '<' || c <= ' ' || c == 0x7F:
			if c == ')' {
				r.p++
			}
			return b.String(), parseOK
		case c == '\\':
			ch, res := cssEscape(r)
			if res == parseMore {
				return "", parseMore
			}
			if res == parseFail { // a bad URL: judged as read so far
				return b.String(), parseOK
			}
			b.WriteString(ch)
		default:
			b.WriteByte(c)
			r.p++
		}
	}
}

// cssQuotedArgument reads a string argument and the ')' after it.
func cssQuotedArgument(r *cursor, quote byte) (string, int) {
	text, res := cssString(r, quote)
	if res != parseOK {
		return text, res
	}
	c, st := r.peek()
	for st == peekOK && isCSSSpace(c) {
		r.p++
		c, st = r.peek()
	}
	if st == peekMore {
		return "", parseMore
	}
	if st == peekOK && c == ')' {
		r.p++
	}
	return text, parseOK
}

// namesHost reports whether a CSS string is a URL with a host, which
// image-set() and @import fetch.
func namesHost(s string) bool {
	scheme, rest := splitScheme(cleanURL(s))
	return specialSchemes[scheme] || scheme == "" && strings.HasPrefix(rest, "//")
}

// judged reports whether a CSS token's text is judged.
func judged(kind int, text string) bool {
	return kind == cssURL || kind == cssQuoted && namesHost(text)
}

// cssURLs appends the URLs a CSS text (a style attribute's value,
// entities decoded) fetches.
func cssURLs(urls []string, css string) []string {
	r := &cursor{w: window{buf: []byte(css), final: true}, limit: len(css) + 1}
	for r.p < len(css) {
		start := r.p
		if !cssSpecial[css[start]] || css[start] == '<' {
			r.p++
			continue
		}
		kind, text, head, _ := cssToken(r)
		if judged(kind, text) {
			urls = append(urls, text)
		}
		r.p = max(head, start+1) // a string or url( is read again from its head
	}
	return urls
}

// cssStep handles the byte at s.pos inside a <style> element: its end
// tag, a CSS name or string. done is false for the bytes left to the
// markdown checks ('<' of another tag, '[', ']', '!').
func (s *linkScanner) cssStep(w window, c *OutputChecker) (n int, more, done bool) {
	b := w.buf[s.pos-w.base]
	if b == '<' {
		return s.styleEnd(w)
	}
	if !isCSSNameStart(b) && b != '"' && b != '\'' {
		return 0, false, false
	}
	r := &cursor{w: w, p: s.pos, limit: s.pos + MaxConstruct}
	kind, text, head, res := cssToken(r)
	switch {
	case res == parseMore:
		return 0, true, true
	case r.over && (kind == cssURL || judged(kind, text)):
		end := w.runeStart(r.limit, s.pos+1)
		s.flagCSS(c, end, overlongDetail)
		return end - s.pos, false, true
	case judged(kind, text):
		if detail, bad := s.verdict(text, false); bad {
			s.flagCSS(c, r.p, detail)
			return r.p - s.pos, false, true
		}
	}
	return max(head, s.pos+1) - s.pos, false, true
}

// flagCSS reports the CSS token from s.pos to end and strips it.
func (s *linkScanner) flagCSS(c *OutputChecker, end int, detail string) {
	c.add(OutputFinding{Category: ExfilLink, Start: s.pos, End: end, Detail: detail})
	if s.strip {
		c.addEdit(edit{start: s.pos, end: end})
	}
}

// styleEnd handles a '<' inside a <style> element: "</style" followed by
// a space, '/' or '>' ends it; another '<' is left to the markdown checks.
func (s *linkScanner) styleEnd(w window) (n int, more, done bool) {
	const end = "</style"
	for i := 1; i <= len(end); i++ {
		b, st := w.byteAt(s.pos + i)
		switch {
		case st == peekMore:
			return 0, true, true
		case i == len(end):
			if st == peekOK && !isHTMLSpace(b) && b != '/' && b != '>' {
				return 0, false, false
			}
		case st != peekOK || b|0x20 != end[i]:
			return 0, false, false
		}
	}
	s.css = false
	return len(end), false, true
}
