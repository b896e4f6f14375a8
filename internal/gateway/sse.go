package gateway

import (
	"bytes"
	"io"
)

// The event stream format (WHATWG HTML, server-sent events) as Ward's
// readers of a stream (the guard's rewriter, the usage meter, the usage
// chunk filter) all read it, as the SDKs do: lines end with CR LF, LF or
// CR; an event ends at a blank line; its data lines are one payload,
// joined with "\n"; a line starting with ':' is a comment; "data:x" and
// "data: x" are the same field, and a line without a colon is a field
// with an empty value; a byte-order mark (U+FEFF) that starts the stream
// is not part of its first line. A provider may split one JSON payload over
// several data lines: read line by line, it would be neither checked
// nor metered.

// sseSplitter cuts a stream, fed in pieces of any size, into its events.
type sseSplitter struct {
	in []byte // the unfinished event
	// The scan of in resumes at pos, in the line starting at line; last
	// is where the event's latest whole line ends (0: none yet).
	pos, line, last int
	// tail: in continues an event that outgrew maxSSEEvent.
	tail bool
	// begun: the stream's start, which may be a byte-order mark, is
	// behind (in holds, until then, the mark's first bytes).
	begun bool
}

// bom is the UTF-8 byte-order mark.
var bom = []byte("\xEF\xBB\xBF")

// feed takes the next bytes of the stream and calls each with every
// event they complete, while each returns true: ev is the event's lines
// (the blank line that ends it excluded), sep the bytes that end it, and
// whole is false for the end of an event that outgrew maxSSEEvent. Both
// are valid only during the call. over is the start of such an event,
// once the unfinished event passes maxSSEEvent, for the caller to pass on
// as it is (valid until the next feed); its end comes to each later.
// A byte-order mark that starts the stream comes first, as the sep of an
// empty event (which dispatches nothing), so that callers pass it on as
// it came but none reads it as part of the first line.
func (p *sseSplitter) feed(b []byte, each func(ev, sep []byte, whole bool) bool) (over []byte) {
	if !p.begun {
		if b = p.start(b); !p.begun {
			return nil
		}
		if bytes.HasPrefix(b, bom) {
			b = b[len(bom):]
			if !each(nil, bom, true) {
				p.in = append(p.in[:0], b...)
				return nil
			}
		}
	}
	buf := b
	if len(p.in) > 0 {
		p.in = append(p.in, b...)
		buf = p.in
	}
	for len(buf) > 0 {
		i, n := p.end(buf)
		if i < 0 {
			break
		}
		whole := !p.tail
		p.tail = false
		ok := each(buf[:i], buf[i:n], whole)
		buf = buf[n:]
		if !ok {
			break
		}
	}
	// What is left is the unfinished event (the scan offsets count from
	// its start); the common case, events that came whole, copies nothing.
	p.in = append(p.in[:0], buf...)
	if len(p.in) <= maxSSEEvent {
		return nil
	}
	// Pass the event on, but keep its last line's last byte and what
	// follows it: the blank line that ends the event is then found
	// whatever piece it comes in.
	j := len(p.in) - 1
	for j > 0 && (p.in[j] == '\n' || p.in[j] == '\r') {
		j--
	}
	over = p.in[:j]
	p.in = append(make([]byte, 0, 64), p.in[j:]...)
	p.pos, p.line, p.last, p.tail = 0, 0, 0, true
	return over
}

// start holds the stream's first bytes while they may be the start of a
// byte-order mark (split across reads); once they cannot, or the mark is
// whole, it returns them with b and marks the start behind.
func (p *sseSplitter) start(b []byte) []byte {
	if len(p.in) > 0 {
		b = append(p.in[:len(p.in):len(p.in)], b...) // a copy: in is reused
		p.in = p.in[:0]
	}
	if n := min(len(b), len(bom)); n < len(bom) && bytes.Equal(b, bom[:n]) {
		p.in = append(p.in, b...)
		return nil
	}
	p.begun = true
	return b
}

// end finds the blank line that ends the event at the start of b: the
// event is b[:i], the bytes ending it b[i:n]; i is -1 while b holds no
// whole event. A CR at the end of b ends a blank line at once (a LF
// coming next is then a blank line of its own, which dispatches
// nothing); after other text, it waits for the next byte, which tells CR
// from CR LF.
func (p *sseSplitter) end(b []byte) (i, n int) {
	for {
		k := indexEOL(b[p.pos:])
		if k < 0 {
			p.pos = len(b)
			return -1, 0
		}
		at := p.pos + k
		eol := 1
		if b[at] == '\r' {
			switch {
			case at+1 < len(b) && b[at+1] == '\n':
				eol = 2
			case at+1 == len(b) && at > p.line:
				p.pos = at
				return -1, 0
			}
		}
		if at == p.line { // a blank line
			i = p.last
			p.pos, p.line, p.last = 0, 0, 0
			return i, at + eol
		}
		p.last, p.line, p.pos = at, at+eol, at+eol
	}
}

// indexEOL is the index of the first CR or LF in b, or -1.
func indexEOL(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	head := b
	if i >= 0 {
		head = b[:i]
	}
	if j := bytes.IndexByte(head, '\r'); j >= 0 {
		return j
	}
	return i
}

// nextLine cuts the first line off an event's lines.
func nextLine(ev []byte) (line, rest []byte) {
	i := indexEOL(ev)
	if i < 0 {
		return ev, nil
	}
	n := i + 1
	if ev[i] == '\r' && n < len(ev) && ev[n] == '\n' {
		n++
	}
	return ev[:i], ev[n:]
}

// sseField reads a line as a field: its name and value. A comment has an
// empty name.
func sseField(line []byte) (name, value []byte) {
	i := bytes.IndexByte(line, ':')
	if i < 0 {
		return line, nil
	}
	value = line[i+1:]
	if len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	return line[:i], value
}

// isData reports whether a field is a data field.
func isData(name []byte) bool { return string(name) == "data" }

// eventData returns an event's payload, the values of its data fields
// joined with "\n", and how many there are (none: the event carries no
// data). One data field, the common case, is returned without a copy.
func eventData(ev []byte) (data []byte, fields int) {
	for len(ev) > 0 {
		var line []byte
		line, ev = nextLine(ev)
		name, value := sseField(line)
		if !isData(name) {
			continue
		}
		fields++
		switch fields {
		case 1:
			data = value
		case 2: // a copy: ev stays as it came
			data = append(append(append(make([]byte, 0, len(data)+1+len(value)+len(ev)), data...), '\n'), value...)
		default:
			data = append(append(data, '\n'), value...)
		}
	}
	return data, fields
}

// eventReader reads a stream and hands over its events whole, as they
// complete.
type eventReader struct {
	src    io.ReadCloser
	buf    []byte
	events sseSplitter
}

// read reads once and calls each with every whole event read so far
// (see sseSplitter.feed) while each returns true. over is a pending event
// that outgrew maxSSEEvent, to be passed on as it is; err is the read's
// error (rest then holds the unfinished tail).
func (e *eventReader) read(each func(ev, sep []byte, whole bool) bool) (over []byte, err error) {
	if e.buf == nil {
		e.buf = make([]byte, 32<<10)
	}
	n, err := e.src.Read(e.buf)
	return e.events.feed(e.buf[:n], each), err
}

// rest returns the unfinished tail of the stream, and whether it is a
// whole event's start (not the end of one that outgrew maxSSEEvent).
func (e *eventReader) rest() ([]byte, bool) {
	r, whole := e.events.in, !e.events.tail
	e.events = sseSplitter{}
	return r, whole
}
