package guard

import "strings"

// A tag that CommonMark's grammar rejects is text in a paragraph, but in
// an HTML block (one started by "<div>", say) it reaches the browser,
// which reads any tag: "<img src=… <!-- -->>", "<img x<y src=…>". Such a
// tag is read again as browsers do (HTML's tokenizer) and judged the same
// way; one a browser would still be reading after MaxConstruct bytes
// fails closed when it is a fetching element or has shown a URL or style
// attribute. An attribute whose name holds one of those names among
// other characters ("<src", `x"src`) is judged as that attribute. An
// allowed one is left as text, and its bytes are scanned again.

// riskyTags are the elements that fetch a URL when rendered or change
// where other URLs go, and those that start an HTML block in CommonMark
// (whose lines reach the browser as they are).
var riskyTags = []string{
	"img", "image", "iframe", "frame", "video", "audio", "source", "track", "embed", "object",
	"link", "script", "input", "meta", "svg", "style", "base", "body", "use", "feimage", "picture",
	"address", "article", "aside", "basefont", "blockquote", "caption", "center", "col", "colgroup",
	"dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
	"form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "legend",
	"li", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
	"pre", "search", "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
	"title", "tr", "ul",
}

// maxRiskyTag is the length of the longest of riskyTags.
const maxRiskyTag = len("figcaption")

// attrKeywords lists, by first letter, the URL and style attribute names.
var attrKeywords = func() (t [26][]string) {
	for k := range urlAttributes {
		t[k[0]-'a'] = append(t[k[0]-'a'], k)
	}
	t['s'-'a'] = append(t['s'-'a'], "style")
	return t
}()

// maxNested bounds the tags read leniently from a '<' inside the bytes
// of another such tag (see lenient).
const maxNested = 8

// lenient handles a '<' whose tag CommonMark's grammar rejects. A '<'
// inside the bytes of such a tag read before (its span) is read too, as
// the tag may start there for the browser, but to keep the work linear:
// one inside a span that names no URL or style attribute is text unless
// one of riskyTags follows; after maxNested in one span, another is
// text, or fails closed when one of riskyTags follows.
func (s *linkScanner) lenient(w window, c *OutputChecker) (int, bool) {
	nested := s.pos < s.spanTo
	if nested {
		n, risky, st := riskyAt(w, s.pos+1)
		switch {
		case st == peekMore:
			return 0, true
		case risky && s.nested >= maxNested: // the '<' and name go
			return s.flagTag(c, s.pos+1+n, overlongDetail), false
		case !risky && (s.pos < s.plainTo || s.nested >= maxNested):
			return 1, false
		}
	}
	r := &cursor{w: w, p: s.pos + 1, limit: s.pos + MaxConstruct}
	t, res := parseLenientTag(r)
	switch {
	case res == parseMore:
		return 0, true
	case r.over && (t.risky || t.judged):
		return s.flagTag(c, w.runeStart(r.limit, s.pos+1), overlongDetail), false
	case res == parseOK:
		s.css = s.css || t.name == "style"
		if n, bad := s.judgeTag(c, t, false, r.p); bad {
			return n, false
		}
	}
	s.span(w, r.p, nested)
	return 1, false
}

// span records the bytes up to end of a tag read leniently and found
// allowed: a new span unless nested in the last one.
func (s *linkScanner) span(w window, end int, nested bool) {
	end = min(end, w.end())
	if nested {
		s.nested++
	} else {
		s.spanTo, s.nested = end, 0
	}
	if !mentionsAttr(w.buf[s.pos-w.base : end-w.base]) {
		s.plainTo = max(s.plainTo, end)
	}
}

// riskyAt reports whether one of riskyTags, n bytes long, is the tag name
// at stream offset p, reading at most maxRiskyTag+1 bytes.
func riskyAt(w window, p int) (n int, risky bool, st int) {
	var name [maxRiskyTag]byte
	for ; ; n++ {
		b, st := w.byteAt(p + n)
		switch {
		case st == peekMore:
			return 0, false, peekMore
		case st != peekOK || isHTMLSpace(b) || b == '/' || b == '>':
			return n, isRiskyTag(name[:n]), peekOK
		case n == maxRiskyTag:
			return 0, false, peekOK
		}
		name[n] = b
	}
}

// mentionsAttr reports whether b holds, ignoring case, the name of a URL
// or style attribute.
func mentionsAttr(b []byte) bool {
	for i, c := range b {
		if !isLetterByte(c) {
			continue
		}
		for _, k := range attrKeywords[c|0x20-'a'] {
			if len(b)-i >= len(k) && asciiEqualFold(b[i:i+len(k)], k) {
				return true
			}
		}
	}
	return false
}

// parseLenientTag reads an HTML start tag after '<' as browsers do: the
// name runs to a space, '/' or '>', an attribute name to one of those or
// '=' (and may start with '='), an unquoted value to a space or '>'.
func parseLenientTag(r *cursor) (htmlTag, int) {
	var t htmlTag
	name, b, st, res := tagName(r, func(b byte) bool { return !isHTMLSpace(b) && b != '/' && b != '>' })
	if res != parseOK {
		return t, res
	}
	t.name, t.risky = knownTag(name), isRiskyTag(name)
	for {
		for st == peekOK && (isHTMLSpace(b) || b == '/') {
			r.p++
			b, st = r.peek()
		}
		if st != peekOK {
			return t, fail(st)
		}
		if b == '>' {
			r.p++
			t.end()
			return t, parseOK
		}
		name, value, res := parseLenientAttribute(r)
		if res != parseOK {
			return t, res
		}
		t.lenientAttr(name, value)
		b, st = r.peek()
	}
}

// isRiskyTag reports whether name is one of riskyTags, ignoring case.
func isRiskyTag(name []byte) bool {
	for _, k := range riskyTags {
		if len(k) == len(name) && asciiEqualFold(name, k) {
			return true
		}
	}
	return false
}

// parseLenientAttribute reads an attribute as browsers do, the cursor at
// its name. The slices point into the window.
func parseLenientAttribute(r *cursor) (name, value []byte, res int) {
	from := r.p
	r.p++
	b, st := r.peek()
	for st == peekOK && !isHTMLSpace(b) && b != '/' && b != '>' && b != '=' {
		r.p++
		b, st = r.peek()
	}
	name = r.w.buf[from-r.w.base : r.p-r.w.base]
	b, st = skipHTMLSpace(r)
	if st != peekOK {
		return nil, nil, fail(st)
	}
	if b != '=' {
		return name, nil, parseOK
	}
	r.p++
	b, st = skipHTMLSpace(r)
	switch {
	case st != peekOK:
		return nil, nil, fail(st)
	case b == '>':
		return name, nil, parseOK
	case b == '"' || b == '\'':
		r.p++
		from = r.p
		for b, st = r.peek(); st == peekOK && b != r.w.buf[from-1-r.w.base]; b, st = r.peek() {
			r.p++
		}
		if st != peekOK {
			return nil, nil, fail(st)
		}
		r.p++
		return name, r.w.buf[from-r.w.base : r.p-1-r.w.base], parseOK
	}
	from = r.p
	for st == peekOK && !isHTMLSpace(b) && b != '>' {
		r.p++
		b, st = r.peek()
	}
	if st == peekMore {
		return nil, nil, parseMore
	}
	return name, r.w.buf[from-r.w.base : r.p-r.w.base], parseOK
}

// skipHTMLSpace skips HTML whitespace and returns the byte after it.
func skipHTMLSpace(r *cursor) (byte, int) {
	b, st := r.peek()
	for st == peekOK && isHTMLSpace(b) {
		r.p++
		b, st = r.peek()
	}
	return b, st
}

// lenientAttr takes an attribute read leniently: one whose name holds a
// URL or style attribute's name among other characters is taken as that
// attribute.
func (t *htmlTag) lenientAttr(name, value []byte) {
	if key := attrKey(name); key != "" {
		t.judged = true
		t.attr(key, string(value))
	} else if t.name == "meta" {
		t.attr(strings.ToLower(string(name)), string(value))
	}
}

// attrKey returns the URL or style attribute name holds, ignoring case:
// itself, or one of the words of letters, digits, ':' and '-' it is made
// of; or "".
func attrKey(name []byte) string {
	from := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && isAttrWordByte(name[i]) {
			continue
		}
		if k := keyword(name[from:i]); k != "" {
			return k
		}
		from = i + 1
	}
	return ""
}

// keyword returns the URL or style attribute name that word is, ignoring
// case, or "".
func keyword(word []byte) string {
	if len(word) == 0 || !isLetterByte(word[0]) {
		return ""
	}
	for _, k := range attrKeywords[word[0]|0x20-'a'] {
		if len(k) == len(word) && asciiEqualFold(word, k) {
			return k
		}
	}
	return ""
}

// isAttrWordByte reports whether b belongs to a word of an attribute name.
func isAttrWordByte(b byte) bool {
	return isLetterByte(b) || b >= '0' && b <= '9' || b == ':' || b == '-'
}
