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
	data = bytes.TrimSpace(data)
	return bytes.Contains(data, []byte(`"choices":[]`)) && bytes.Contains(data, usageWord) &&
		!bytes.Contains(data, []byte(`"usage":null`))
}
