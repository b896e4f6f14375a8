package gateway

import (
	"bytes"
	"encoding/json"
	"io"
)

// usageChunkFilter takes out of an OpenAI stream the usage chunk that
// only exists because Ward asked for it (stream_options.include_usage, to
// settle the cost): a chunk with empty choices and a usage object, which
// clients that did not ask for usage do not expect (chunk.choices[0]
// fails on it). Everything else passes unchanged, an event at a time, as
// soon as its blank line arrives (the last one at the stream's end, with
// or without it); the metered body underneath still reads the usage.
type usageChunkFilter struct {
	events eventReader
	out    []byte
	err    error
	// cr: the event taken out last ended with a CR that ended a read, so
	// a LF next (which comes as a blank line of its own) is the rest of
	// its CR LF, and goes too.
	cr bool
}

func newUsageChunkFilter(src io.ReadCloser) *usageChunkFilter {
	return &usageChunkFilter{events: eventReader{src: src}}
}

// Read implements io.Reader.
func (u *usageChunkFilter) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		over, err := u.events.read(func(ev, sep []byte, whole bool) bool {
			cr := u.cr
			u.cr = false
			switch {
			case cr && len(ev) == 0 && string(sep) == "\n":
			case whole && isAddedUsage(ev):
				u.cr = sep[len(sep)-1] == '\r'
			default:
				u.out = append(append(u.out, ev...), sep...)
			}
			return true
		})
		u.out = append(u.out, over...) // an oversized event goes on as it is
		if err != nil {
			// An event the stream ends in without its blank line is
			// judged as any other (the meter reads its usage too).
			if tail, whole := u.events.rest(); !whole || !isAddedUsage(tail) {
				u.out = append(u.out, tail...)
			}
		}
		u.err = err
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// Close implements io.Closer.
func (u *usageChunkFilter) Close() error { return u.events.src.Close() }

// isAddedUsage reports whether an event is the usage chunk: its data
// (on one line or several) a chunk with empty choices and a usage
// object. Data lines that are not one JSON value together (each a chunk,
// for a client reading line by line) are not it: the chunks with them
// would go too.
func isAddedUsage(ev []byte) bool {
	data, fields := eventData(ev)
	if fields == 0 || fields > 1 && !json.Valid(data) {
		return false
	}
	return keyFollowedBy(data, []byte(`"choices"`), "[]") && bytes.Contains(data, usageWord) &&
		!keyFollowedBy(data, usageWord, "null")
}

// keyFollowedBy reports whether some occurrence of key in data is
// followed by a colon and then the bytes of value, with any JSON
// whitespace between them ("choices": [ ] as much as "choices":[]).
func keyFollowedBy(data, key []byte, value string) bool {
	for i := bytes.Index(data, key); i >= 0; {
		rest := skipJSONSpace(data[i+len(key):])
		if len(rest) > 0 && rest[0] == ':' {
			rest = rest[1:]
			j := 0
			for ; j < len(value); j++ {
				if rest = skipJSONSpace(rest); len(rest) == 0 || rest[0] != value[j] {
					break
				}
				rest = rest[1:]
			}
			if j == len(value) {
				return true
			}
		}
		next := bytes.Index(data[i+1:], key)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// skipJSONSpace drops JSON's whitespace from the start of b.
func skipJSONSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}
