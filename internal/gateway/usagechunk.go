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
	src io.ReadCloser
	buf []byte
	in  []byte // bytes read, not yet a whole event
	out []byte
	err error
}

func newUsageChunkFilter(src io.ReadCloser) *usageChunkFilter {
	return &usageChunkFilter{src: src}
}

// Read implements io.Reader.
func (u *usageChunkFilter) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		if u.buf == nil {
			u.buf = make([]byte, 32<<10)
		}
		n, err := u.src.Read(u.buf)
		u.in = append(u.in, u.buf[:n]...)
		for {
			i, sep := eventEnd(u.in)
			if i < 0 {
				break
			}
			if !isAddedUsage(u.in[:i]) {
				u.out = append(u.out, u.in[:i+sep]...)
			}
			u.in = u.in[i+sep:]
		}
		if err != nil || len(u.in) > maxSSEEvent {
			u.out, u.in = append(u.out, u.in...), u.in[:0] // a partial or oversized event goes on as it is
		}
		u.err = err
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// Close implements io.Closer.
func (u *usageChunkFilter) Close() error { return u.src.Close() }

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
