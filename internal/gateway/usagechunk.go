package gateway

import (
	"bytes"
	"io"
)

// usageChunkFilter takes out of an OpenAI stream the usage chunk that
// only exists because Ward asked for it (stream_options.include_usage, to
// settle the cost): a chunk with empty choices and a usage object, which
// clients that did not ask for usage do not expect (chunk.choices[0]
// fails on it). Everything else passes unchanged, an event at a time, as
// soon as its blank line arrives; the metered body underneath still
// reads the usage.
type usageChunkFilter struct {
	events eventReader
	out    []byte
	err    error
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
		over, err := u.events.read(func(ev, sep []byte) bool {
			if !isAddedUsage(ev) {
				u.out = append(append(u.out, ev...), sep...)
			}
			return true
		})
		u.out = append(u.out, over...) // an oversized event goes on as it is
		if err != nil {
			u.out = append(u.out, u.events.rest()...)
		}
		u.err = err
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// Close implements io.Closer.
func (u *usageChunkFilter) Close() error { return u.events.src.Close() }

// isAddedUsage reports whether an event is the usage chunk: one data line
// whose chunk has empty choices and a usage object.
func isAddedUsage(ev []byte) bool {
	data, ok := bytes.CutPrefix(bytes.TrimSpace(ev), dataPrefix)
	if !ok || bytes.IndexByte(data, '\n') >= 0 {
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
