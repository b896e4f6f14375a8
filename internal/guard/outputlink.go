package guard

import (
	"html"
	"strings"
	"unicode/utf8"
)

// linkScanner finds markdown links and images, reference definitions,
// autolinks and HTML tags with URL attributes, and judges their hosts. It
// is a hand-written scanner: each byte is looked at a bounded number of
// times, and a construct is recognised only within MaxConstruct bytes.
type linkScanner struct {
	allow []string // allowed hosts, normalised; the check is off when on is false
	on    bool
	strip bool
	pos   int      // stream offset: everything before is decided
	open  []opener // open[head:] are the '[' not yet closed, oldest first, within MaxConstruct of pos
	head  int
	// stale counts the '[' dropped from open while unclosed, staleStart
	// is the start of the last one: a ']' with no open '[' may still
	// close one of them and end a link longer than MaxConstruct.
	stale      int
	staleStart int
	// retry is the stream length at which the construct at pos, which
	// needed more bytes, is parsed again: waiting until the bytes scanned
	// have grown by half keeps re-parsing linear in the answer.
	retry int
	// css is set inside a <style> element, until "</style".
	css bool
	// spanTo is the end of the last tag read leniently and allowed,
	// nested counts those read from inside it, plainTo is the end of
	// the last that named no URL or style attribute (see lenient).
	spanTo, nested, plainTo int
}

// opener is an unclosed '[': start is the '!' of an image, else bracket.
type opener struct{ start, bracket int }

// newLinkScanner prepares the link check; it is off when allowed is empty.
func newLinkScanner(allowed []string, strip bool) *linkScanner {
	s := &linkScanner{on: len(allowed) > 0, strip: strip}
	for _, d := range allowed {
		if d = normalizeDomain(d); d != "" {
			s.allow = append(s.allow, d)
		}
	}
	return s
}

// normalizeDomain turns an AllowedDomains entry into a lower-case host:
// "*.Example.com." and "https://example.com/x" become "example.com".
func normalizeDomain(d string) string {
	d = strings.ToLower(strings.TrimSpace(d))
	if i := strings.Index(d, "://"); i >= 0 {
		d = authorityHost(d[i+3:])
	}
	d = strings.TrimPrefix(d, "*")
	return strings.Trim(d, ".")
}

// hold is the earliest stream offset the scanner still needs.
func (s *linkScanner) hold() int {
	if s.head < len(s.open) {
		return s.open[s.head].start
	}
	return s.pos
}

// reset starts a new stream at offset p.
func (s *linkScanner) reset(p int) {
	s.pos, s.open, s.head, s.retry, s.stale, s.css = p, s.open[:0], 0, 0, 0, false
	s.spanTo, s.nested, s.plainTo = p, 0, p
}

// linkSpecial marks the bytes that may start or close a construct.
var linkSpecial = func() (t [256]bool) {
	for _, c := range `\![]<` {
		t[c] = true
	}
	return t
}()

// scan decides the constructs of the window, stopping at one that needs
// more bytes.
func (s *linkScanner) scan(w window, c *OutputChecker) {
	if !s.on {
		s.pos = w.end()
		return
	}
	for buf := w.buf; s.pos < w.end(); {
		i := s.pos - w.base
		special := &linkSpecial
		if s.css {
			special = &cssSpecial
		}
		for i < len(buf) && !special[buf[i]] {
			i++
		}
		if s.pos = w.base + i; i == len(buf) {
			break
		}
		s.prune()
		if w.end() < s.retry && !w.final {
			break
		}
		n, more := s.token(w, c)
		if more {
			s.retry = min(w.end()+max(1, (w.end()-s.pos)/2), s.pos+MaxConstruct)
			break
		}
		s.pos, s.retry = s.pos+n, 0
	}
	s.prune()
	if w.final {
		s.open, s.head, s.stale = s.open[:0], 0, 0
	}
}

// prune drops openers too far back to start a construct that ends after
// pos. It moves the bottom of the stack and compacts the array once half
// of it is dropped, so a run of '[' costs linear time.
func (s *linkScanner) prune() {
	for s.head < len(s.open) && s.pos-s.open[s.head].start >= MaxConstruct {
		s.stale, s.staleStart = s.stale+1, s.open[s.head].start
		s.head++
	}
	if s.head > 0 && s.head >= len(s.open)/2 {
		n := copy(s.open, s.open[s.head:])
		s.open, s.head = s.open[:n], 0
	}
}

// token handles the special byte at s.pos and returns how far to move, or
// more when it cannot be decided yet.
func (s *linkScanner) token(w window, c *OutputChecker) (n int, more bool) {
	if s.css {
		if n, more, done := s.cssStep(w, c); done {
			return n, more
		}
	}
	next, st := w.byteAt(s.pos + 1)
	if st == peekMore {
		return 0, true
	}
	switch w.buf[s.pos-w.base] {
	case '\\':
		if st == peekOK && isASCIIPunct(next) {
			return 2, false
		}
	case '!':
		if next == '[' && st == peekOK {
			s.open = append(s.open, opener{start: s.pos, bracket: s.pos + 1})
			return 2, false
		}
	case '[':
		s.open = append(s.open, opener{start: s.pos, bracket: s.pos})
	case ']':
		return s.closeBracket(w, c, next, st)
	case '<':
		return s.angle(w, c)
	}
	return 1, false
}

// closeBracket handles a ']' followed by next: an inline link or image,
// a reference definition, or plain text.
func (s *linkScanner) closeBracket(w window, c *OutputChecker, next byte, st int) (int, bool) {
	if s.head == len(s.open) {
		return s.closeStale(w, c, next, st)
	}
	top := s.open[len(s.open)-1]
	r := &cursor{w: w, p: s.pos + 2, limit: top.start + MaxConstruct}
	dest, res := parseAfterBracket(r, next, st)
	if res == parseMore {
		return 0, true
	}
	s.open = s.open[:len(s.open)-1]
	if r.over && res == parseFail {
		return s.overlong(c, w, top, next, r.limit), false
	}
	if res == parseFail {
		return 1, false
	}
	if detail, bad := s.verdict(dest, true); bad {
		s.flag(c, top, next, r.p, detail)
	}
	return r.p - s.pos, false
}

// closeStale handles a ']' when no '[' within MaxConstruct is open: if an
// older one is, the ']' may still end a link, whose destination is judged
// (and whose "](…)" is stripped) as usual.
func (s *linkScanner) closeStale(w window, c *OutputChecker, next byte, st int) (int, bool) {
	if s.stale == 0 {
		return 1, false
	}
	r := &cursor{w: w, p: s.pos + 2, limit: s.pos + MaxConstruct}
	dest, res := parseAfterBracket(r, next, st)
	if res == parseMore {
		return 0, true
	}
	s.stale--
	top := opener{start: s.staleStart, bracket: -1}
	if r.over && res == parseFail {
		return s.overlong(c, w, top, next, r.limit), false
	}
	if res == parseFail {
		return 1, false
	}
	if detail, bad := s.verdict(dest, true); bad {
		s.flag(c, top, next, r.p, detail)
	}
	return r.p - s.pos, false
}

// parseAfterBracket parses what follows "](" or "]:", the cursor after it.
func parseAfterBracket(r *cursor, next byte, st int) (string, int) {
	switch {
	case st == peekOK && next == '(':
		return parseInline(r)
	case st == peekOK && next == ':':
		return parseDefinition(r)
	}
	return "", parseFail
}

// flag reports the link or definition opened by top and closed by the
// ']' at s.pos, which ends at end, and strips it: a link keeps its text.
// An opener with bracket -1 was released already: only "](…)" goes.
func (s *linkScanner) flag(c *OutputChecker, top opener, next byte, end int, detail string) {
	c.add(OutputFinding{Category: ExfilLink, Start: top.start, End: end, Detail: detail})
	switch {
	case !s.strip:
	case next == '(' && top.bracket >= 0:
		c.addEdit(edit{start: top.start, end: top.bracket + 1})
		c.addEdit(edit{start: s.pos, end: end})
	case top.bracket >= 0:
		c.addEdit(edit{start: top.start, end: end})
	default:
		c.addEdit(edit{start: s.pos, end: end})
	}
}

// overlong fails closed on a link or definition that does not end within
// MaxConstruct bytes (limit): it is flagged, whatever its destination,
// and stripped of its first bytes up to limit (a link keeps its text),
// which leaves no construct for a renderer to fetch. It returns how far
// to move: past limit.
func (s *linkScanner) overlong(c *OutputChecker, w window, top opener, next byte, limit int) int {
	limit = w.runeStart(limit, s.pos+1)
	s.flag(c, top, next, limit, overlongDetail)
	return limit - s.pos
}

// overlongDetail is the detail of a construct longer than MaxConstruct.
const overlongDetail = "overlong"

// angle handles a '<': an autolink, an HTML tag, or plain text.
func (s *linkScanner) angle(w window, c *OutputChecker) (int, bool) {
	r := &cursor{w: w, p: s.pos + 1, limit: s.pos + MaxConstruct}
	t, markdown, res := parseAngle(r)
	switch {
	case res == parseMore:
		return 0, true
	case r.over && res == parseFail:
		return s.flagTag(c, w.runeStart(r.limit, s.pos+1), overlongDetail), false
	case res == parseFail:
		return s.lenient(w, c)
	}
	s.css = s.css || t.name == "style"
	if n, bad := s.judgeTag(c, t, markdown, r.p); bad {
		return n, false
	}
	return r.p - s.pos, false
}

// judgeTag judges the URLs of the tag or autolink from s.pos to end, and
// flags it when one is not allowed.
func (s *linkScanner) judgeTag(c *OutputChecker, t htmlTag, markdown bool, end int) (int, bool) {
	for _, u := range t.urls {
		if detail, bad := s.verdict(u, markdown); bad {
			return s.flagTag(c, end, detail), true
		}
	}
	return 0, false
}

// flagTag reports the tag from s.pos to end, strips it and returns its
// length.
func (s *linkScanner) flagTag(c *OutputChecker, end int, detail string) int {
	c.add(OutputFinding{Category: ExfilLink, Start: s.pos, End: end, Detail: detail})
	if s.strip {
		c.addEdit(edit{start: s.pos, end: end})
	}
	return end - s.pos
}

// isASCIIPunct reports whether b can be backslash-escaped in markdown.
func isASCIIPunct(b byte) bool {
	return b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'
}

// Outcomes of parsing a construct.
const (
	parseOK = iota
	parseFail
	parseMore
)

// Outcomes of peeking at a byte.
const (
	peekOK   = iota
	peekEOF  // the input or the construct's bound ends here
	peekMore // more bytes may come
)

// cursor reads a construct from a window, up to a bound.
type cursor struct {
	w     window
	p     int  // stream offset
	limit int  // stream offset the construct must end by
	over  bool // a byte at limit or beyond was asked for
}

// byteAt returns the byte at stream offset p.
func (w window) byteAt(p int) (byte, int) {
	switch {
	case p < w.end():
		return w.buf[p-w.base], peekOK
	case w.final:
		return 0, peekEOF
	}
	return 0, peekMore
}

// runeStart moves stream offset p, at most the window's end, back to the
// start of a character the bytes before it leave unfinished (one that p
// would split), but not before floor. It reads only the bytes before p:
// whether those after it have arrived yet must not move a cut, or a
// construct would be cut in one place streamed and in another whole. A
// byte that cannot be part of a character (a stray continuation byte) is
// one on its own, as utf8.DecodeRune reads it, and is never moved over.
func (w window) runeStart(p, floor int) int {
	if p > w.end() {
		return p
	}
	for q := p - 1; q >= max(floor, p-(utf8.UTFMax-1), w.base); q-- {
		if b := w.buf[q-w.base]; utf8.RuneStart(b) {
			if !utf8.FullRune(w.buf[q-w.base : p-w.base]) {
				return q
			}
			break
		}
	}
	return p
}

// peek returns the byte at the cursor.
func (r *cursor) peek() (byte, int) {
	switch {
	case r.p >= r.limit:
		r.over = true
		return 0, peekEOF
	case r.p >= r.w.end() && r.w.final:
		return 0, peekEOF
	case r.p >= r.w.end():
		return 0, peekMore
	}
	return r.w.buf[r.p-r.w.base], peekOK
}

// text returns the stream bytes [from, r.p).
func (r *cursor) text(from int) string {
	return string(r.w.buf[from-r.w.base : r.p-r.w.base])
}

// fail turns a peek state that is not peekOK into a parse outcome.
func fail(st int) int {
	if st == peekMore {
		return parseMore
	}
	return parseFail
}

// skipSpace skips spaces and tabs and, when newline is set, one line
// ending among them. It returns the byte after them.
func (r *cursor) skipSpace(newline bool) (byte, int) {
	for {
		b, st := r.peek()
		switch {
		case st != peekOK:
			return b, st
		case b == ' ' || b == '\t' || b == '\r':
		case b == '\n' && newline:
			newline = false
		default:
			return b, st
		}
		r.p++
	}
}

// parseInline parses the "(destination "title")" of an inline link, the
// cursor just after '('.
func parseInline(r *cursor) (string, int) {
	dest, res := parseDestination(r, true)
	if res != parseOK {
		return "", res
	}
	b, st := r.skipSpace(true)
	if st == peekOK && (b == '"' || b == '\'' || b == '(') {
		if res = parseTitle(r, b, true); res != parseOK {
			return "", res
		}
		b, st = r.skipSpace(true)
	}
	if st != peekOK {
		return "", fail(st)
	}
	if b != ')' {
		return "", parseFail
	}
	r.p++
	return dest, parseOK
}

// parseDefinition parses the "destination "title"" of a reference
// definition, the cursor just after "]:". A title is taken only when it
// closes on the same line.
func parseDefinition(r *cursor) (string, int) {
	dest, res := parseDestination(r, false)
	if res != parseOK {
		return "", res
	}
	end := r.p
	b, st := r.skipSpace(false)
	if st == peekMore {
		return "", parseMore
	}
	if st == peekOK && (b == '"' || b == '\'' || b == '(') {
		switch parseTitle(r, b, false) {
		case parseMore:
			return "", parseMore
		case parseOK:
			end = r.p
		}
	}
	r.p = end
	return dest, parseOK
}

// parseDestination parses a link destination after optional spaces:
// "<…>", or bare (inline: within the parentheses of an inline link; a
// reference definition's bare destination must not be empty).
func parseDestination(r *cursor, inline bool) (string, int) {
	b, st := r.skipSpace(true)
	if st != peekOK {
		return "", fail(st)
	}
	if b == '<' {
		return parseBracketed(r)
	}
	dest, res := parseBare(r, inline)
	if res == parseOK && dest == "" && !inline {
		return "", parseFail
	}
	return dest, res
}

// parseBracketed parses a "<destination>", the cursor at '<'.
func parseBracketed(r *cursor) (string, int) {
	r.p++
	from := r.p
	for {
		b, st := r.peek()
		switch {
		case st != peekOK:
			return "", fail(st)
		case b == '>':
			dest := r.text(from)
			r.p++
			return dest, parseOK
		case b == '\n' || b == '<':
			return "", parseFail
		case b == '\\':
			r.p++
			if _, st := r.peek(); st == peekMore {
				return "", parseMore
			}
		}
		r.p++
	}
}

// parseBare parses a destination without angle brackets: bytes other than
// spaces and controls, with balanced parentheses when inline (where an
// unbalanced ')' ends it).
func parseBare(r *cursor, inline bool) (string, int) {
	from, depth := r.p, 0
	for {
		b, st := r.peek()
		if st == peekMore {
			return "", parseMore
		}
		if st == peekEOF || b <= ' ' || b == 0x7F || (inline && b == ')' && depth == 0) {
			if depth > 0 || r.over {
				return "", parseFail
			}
			return r.text(from), parseOK
		}
		switch b {
		case '(':
			depth++
		case ')':
			depth--
		case '\\':
			r.p++
			next, st := r.peek()
			if st == peekMore {
				return "", parseMore
			}
			if st == peekOK && isASCIIPunct(next) {
				r.p++ // an escaped character is literal
			}
			continue
		}
		r.p++
	}
}

// parseTitle parses a link title opened by open, the cursor at it. A
// title of a definition must close on its line.
func parseTitle(r *cursor, open byte, multiline bool) int {
	closer := open
	if open == '(' {
		closer = ')'
	}
	r.p++
	for {
		b, st := r.peek()
		switch {
		case st != peekOK:
			return fail(st)
		case b == closer:
			r.p++
			return parseOK
		case b == '\n' && !multiline, b == '(' && open == '(':
			return parseFail
		case b == '\\':
			r.p++
			if _, st := r.peek(); st == peekMore {
				return parseMore
			}
		}
		r.p++
	}
}

// parseAngle parses what follows a '<': an autolink "<scheme:...>"
// (markdown is true, the tag has no name) or an HTML start tag.
func parseAngle(r *cursor) (t htmlTag, markdown bool, res int) {
	start := r.p
	if u, res := parseAutolink(r); res != parseFail {
		return htmlTag{urls: []string{u}}, true, res
	}
	r.p = start
	t, res = parseTag(r)
	return t, false, res
}

// htmlTag is what the link check needs of an HTML start tag.
type htmlTag struct {
	name string   // one of knownTags, or ""
	urls []string // what its URL attributes and style attribute fetch
	// equiv and content are a meta tag's http-equiv and content values.
	equiv, content string
	// risky and judged, for a tag read leniently: its name is one of
	// riskyTags; it has shown a URL or style attribute.
	risky, judged bool
}

// knownTags are the tag names the link check tells apart.
var knownTags = []string{"style", "meta"}

// knownTag returns the entry of knownTags that name is, ignoring case, or
// "" (without allocating: most tags are none of them).
func knownTag(name []byte) string {
	for _, k := range knownTags {
		if len(k) == len(name) && asciiEqualFold(name, k) {
			return k
		}
	}
	return ""
}

// asciiEqualFold reports whether b equals the lower-case ASCII s, ignoring
// the case of ASCII letters.
func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		c := b[i]
		if isLetterByte(c) {
			c |= 0x20
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// parseAutolink parses "scheme:rest>" after '<'.
func parseAutolink(r *cursor) (string, int) {
	from, n := r.p, 0
	for {
		b, st := r.peek()
		if st != peekOK {
			return "", fail(st)
		}
		if b == ':' && n >= 2 {
			break
		}
		if n >= 32 || !(isLetterByte(b) || n > 0 && (b >= '0' && b <= '9' || b == '+' || b == '.' || b == '-')) {
			return "", parseFail
		}
		r.p++
		n++
	}
	for {
		b, st := r.peek()
		switch {
		case st != peekOK:
			return "", fail(st)
		case b == '>':
			u := r.text(from)
			r.p++
			return u, parseOK
		case b <= ' ' || b == '<':
			return "", parseFail
		}
		r.p++
	}
}

// isASCIILetter reports whether b is an ASCII letter.

// isHTMLSpace reports whether b is HTML whitespace.
func isHTMLSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// tagName reads a tag's name after '<': a letter, then the bytes in
// takes. It returns the name, the peek after it and parseOK, or the
// result of a name that is not there (yet).
func tagName(r *cursor, in func(byte) bool) (name []byte, b byte, st, res int) {
	b, st = r.peek()
	if st != peekOK {
		return nil, b, st, fail(st)
	}
	if !isLetterByte(b) {
		return nil, b, st, parseFail
	}
	from := r.p
	for st == peekOK && in(b) {
		r.p++
		b, st = r.peek()
	}
	return r.w.buf[from-r.w.base : r.p-r.w.base], b, st, parseOK
}

// parseTag parses an HTML start tag after '<'. The tag name and
// attribute names follow CommonMark (so "a<b)" or "x<y && z" fail at
// once, and are read again by lenient); the rest is read leniently, as
// browsers do: a '/' counts as a space and no space is needed after a
// quoted value.
func parseTag(r *cursor) (htmlTag, int) {
	var t htmlTag
	name, b, st, res := tagName(r, func(b byte) bool { return isLetterByte(b) || b >= '0' && b <= '9' || b == '-' })
	if res != parseOK {
		return t, res
	}
	if st == peekOK && !isHTMLSpace(b) && b != '/' && b != '>' {
		return t, parseFail
	}
	t.name = knownTag(name)
	for {
		for st == peekOK && (isHTMLSpace(b) || b == '/') {
			r.p++
			b, st = r.peek()
		}
		switch {
		case st != peekOK:
			return t, fail(st)
		case b == '>':
			r.p++
			t.end()
			return t, parseOK
		case !isAttrNameStart(b):
			return t, parseFail
		}
		name, value, res := parseAttribute(r)
		if res != parseOK {
			return t, res
		}
		t.attr(name, value)
		b, st = r.peek()
	}
}

// isAttrNameStart and isAttrNameByte follow CommonMark's attribute names.
func isAttrNameStart(b byte) bool { return isLetterByte(b) || b == '_' || b == ':' }

func isAttrNameByte(b byte) bool {
	return isAttrNameStart(b) || b >= '0' && b <= '9' || b == '.' || b == '-'
}

// parseAttribute parses name or name=value, the cursor at the name.
func parseAttribute(r *cursor) (name, value string, res int) {
	from := r.p
	b, st := r.peek()
	for st == peekOK && isAttrNameByte(b) {
		r.p++
		b, st = r.peek()
	}
	if st == peekMore {
		return "", "", parseMore
	}
	name = strings.ToLower(r.text(from))
	end := r.p
	if b, st = r.skipSpace(true); st == peekMore {
		return "", "", parseMore
	}
	if st != peekOK || b != '=' {
		r.p = end
		return name, "", parseOK
	}
	r.p++
	if b, st = r.skipSpace(true); st != peekOK {
		return "", "", fail(st)
	}
	value, res = parseAttrValue(r, b)
	return name, value, res
}

// parseAttrValue parses a quoted or unquoted attribute value starting
// with b.
func parseAttrValue(r *cursor, b byte) (string, int) {
	if b == '"' || b == '\'' {
		r.p++
		from := r.p
		for {
			c, st := r.peek()
			if st != peekOK {
				return "", fail(st)
			}
			if c == b {
				v := r.text(from)
				r.p++
				return v, parseOK
			}
			r.p++
		}
	}
	from := r.p
	for {
		c, st := r.peek()
		if st == peekMore {
			return "", parseMore
		}
		if st == peekEOF || isHTMLSpace(c) || c == '>' {
			break
		}
		r.p++
	}
	if r.p == from {
		return "", parseFail
	}
	return r.text(from), parseOK
}

// urlAttributes are the HTML attributes whose value is a URL (or, for the
// srcset family and ping, a list of them) that a browser may fetch or
// follow.
var urlAttributes = map[string]bool{
	"src": true, "href": true, "srcset": true, "imagesrcset": true, "poster": true, "background": true,
	"action": true, "formaction": true, "data": true, "cite": true, "lowsrc": true, "dynsrc": true,
	"longdesc": true, "xlink:href": true, "ping": true, "manifest": true, "codebase": true, "icon": true,
}

// attr takes attribute name=value: the URLs of a URL attribute, and
// those the CSS of a style attribute fetches.
func (t *htmlTag) attr(name, value string) {
	switch {
	case name == "style":
		t.urls = cssURLs(t.urls, html.UnescapeString(value))
	case t.name == "meta" && name == "http-equiv" && t.equiv == "":
		t.equiv = value
	case t.name == "meta" && name == "content" && t.content == "":
		t.content = value
	case !urlAttributes[name]:
	case name == "srcset" || name == "imagesrcset":
		for part := range strings.SplitSeq(value, ",") {
			if f := strings.Fields(part); len(f) > 0 {
				t.urls = append(t.urls, f[0])
			}
		}
	case name == "ping":
		t.urls = append(t.urls, strings.Fields(value)...)
	default:
		t.urls = append(t.urls, value)
	}
}
