package gateway

import "strings"

// DefaultDocumentTags are the tags RAG applications commonly put around
// the documents they retrieve (and tools' output) inside system and user
// messages: what they hold is judged as indirect content.
var DefaultDocumentTags = []string{"document", "documents", "doc", "context", "search_results", "search_result",
	"retrieved", "source", "sources", "file", "tool_output", "webpage", "email"}

// Bounds of the tag scan: a tag name longer than MaxTagName bytes is no
// listed tag, nor is an opening tag whose attributes run past
// maxTagAttrs bytes without a '>'.
const (
	MaxTagName  = 64
	maxTagAttrs = 1 << 10
)

// TagName reports whether a policy's document tag is one the scan can
// find: 1 to MaxTagName bytes a tag name can hold ("document" for
// <document>).
func TagName(s string) bool {
	if s == "" || len(s) > MaxTagName {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tagNameByte(s[i]) {
			return false
		}
	}
	return true
}

// documentSpan finds the documents in s, a system or caller text: the
// span from the end of the first opening tag in tags (compared without
// case; with attributes or without) to the start of the last closing
// tag in tags, or to the end of s when the last document is left open.
// It reports start -1 when s has no such tag.
//
// One span, not one per document: what lies between two documents, or
// between a document's closing tag and a later closing tag, is in it, as
// a document can close its own tag early and write on outside it (the
// application's real closing tag comes after what it put in). The text
// before the first document and after the last is the application's.
//
// The scan is one pass over s (each byte is read at most twice, no
// backtracking), whatever s holds.
func documentSpan(s string, tags []string) (start, end int) {
	start, end = -1, -1
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return start, end
		}
		i += k
		tag, closing, empty, next := tagAt(s, i, tags)
		switch {
		case tag < 0:
			i = next
		case closing:
			// A closing tag after the documents: one they held wrote it
			// to step out of them, or it closes their wrapper.
			if start >= 0 {
				end = i
			}
			i = next
		case empty:
			i = next
		default:
			if start < 0 {
				start = next
			}
			c, after := closingTag(s, tags[tag], next)
			if c < 0 {
				return start, len(s) // left open: to the end
			}
			end, i = c, after
		}
	}
}

// tagAt reads the tag at s[i], a '<': its index in tags (-1 when it is
// no listed tag), whether it is a closing tag or an empty one (<doc/>),
// and where the scan goes on (past the tag, or past what was read of a
// text that is no tag, never past a '<').
func tagAt(s string, i int, tags []string) (tag int, closing, empty bool, next int) {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	n := j
	for j < len(s) && j-n <= MaxTagName && tagNameByte(s[j]) {
		j++
	}
	name := s[n:j]
	tag = -1
	if len(name) > 0 && len(name) <= MaxTagName {
		for k, t := range tags {
			if len(t) == len(name) && strings.EqualFold(t, name) {
				tag = k
				break
			}
		}
	}
	if tag < 0 || j == len(s) {
		return -1, false, false, max(j, i+1)
	}
	switch c := s[j]; {
	case c == '>':
		return tag, closing, false, j + 1
	case c == '/' && j+1 < len(s) && s[j+1] == '>':
		return tag, closing, true, j + 2
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		// Attributes, up to the '>' (or spaces before it in a closing
		// tag). A '<' cannot be in an attribute: where one comes first,
		// this is no tag, and the scan goes on from that '<'.
		k := j + 1
		for k < len(s) && k-j < maxTagAttrs && s[k] != '>' && s[k] != '<' {
			k++
		}
		if k < len(s) && s[k] == '>' {
			return tag, closing, s[k-1] == '/', k + 1
		}
		return -1, false, false, k
	}
	return -1, false, false, j
}

// closingTag finds the first </name> in s from i (name compared without
// case, spaces allowed before the '>'): its start and its end, or -1.
func closingTag(s, name string, i int) (int, int) {
	for {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return -1, len(s)
		}
		i += k
		if j := i + 2 + len(name); j <= len(s) && s[i+1] == '/' && strings.EqualFold(s[i+2:j], name) {
			for j < len(s) && j-i < maxTagAttrs && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			if j < len(s) && s[j] == '>' {
				return i, j + 1
			}
		}
		i++
	}
}

// tagNameByte reports a byte a tag name can hold.
func tagNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == ':' || c == '.'
}

// injectionTexts returns the texts judged for prompt injection: the
// caller's own (direct), and the content the application did not write
// (indirect): tool results and documents, and the documents (see
// documentSpan) in system and caller texts, the text parts of one message
// read as one text. The system prompt outside its documents is not
// judged. The documents of caller text are left in the direct text too
// when keep is set (threshold is the stricter), since whoever types a
// message can type the tags: they never lower the bar on the caller's
// text. With no tags, documents are not looked for.
func (t *texts) injectionTexts(tags []string, keep bool) (direct, indirect string) {
	if !t.tagged(tags) {
		return t.join(textDirect), t.join(textIndirect)
	}
	var d, in strings.Builder
	// The text parts of each message; a content list holds one message's
	// kind, and tool results, which are read on their own.
	parts := contentLists(t.refs, func(r textRef) bool { return r.kind != textIndirect })
	for i, r := range t.refs {
		idx := []int{i}
		switch {
		case r.kind == textIndirect:
			in.WriteString(r.text)
			in.WriteByte('\n')
			continue
		case r.kind != textDirect && r.kind != textSystem:
			continue
		case r.group != 0:
			if idx = parts[r.group]; idx[0] != i {
				continue // read with the message's first part
			}
		}
		text := r.text
		if len(idx) > 1 {
			var b strings.Builder
			for _, j := range idx {
				b.WriteString(t.refs[j].text)
			}
			text = b.String()
		}
		start, end := documentSpan(text, tags)
		if start >= 0 && end > start {
			in.WriteString(text[start:end])
			in.WriteByte('\n')
		}
		if r.kind != textDirect {
			continue
		}
		if start < 0 || keep {
			for _, j := range idx {
				d.WriteString(t.refs[j].text)
				d.WriteByte('\n')
			}
			continue
		}
		d.WriteString(text[:start])
		d.WriteByte('\n')
		d.WriteString(text[end:])
		d.WriteByte('\n')
	}
	return d.String(), in.String()
}

// ownSystem is the system prompt the answer checks watch for: the
// system texts without their documents (see documentSpan). An answer
// that quotes a retrieved document is doing its job, not leaking the
// prompt.
func (t *texts) ownSystem(tags []string) string {
	s := t.join(textSystem)
	if len(tags) == 0 {
		return s
	}
	if start, end := documentSpan(s, tags); start >= 0 && end > start {
		return s[:start] + "\n" + s[end:]
	}
	return s
}

// tagged reports whether a system or caller text may hold one of tags: a
// '<' (most requests have none, and are read as they were before).
func (t *texts) tagged(tags []string) bool {
	if len(tags) == 0 {
		return false
	}
	for _, r := range t.refs {
		if (r.kind == textDirect || r.kind == textSystem) && strings.IndexByte(r.text, '<') >= 0 {
			return true
		}
	}
	return false
}
