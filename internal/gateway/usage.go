package gateway

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
	"time"
)

// maxJSONAnswer bounds what Ward keeps of a JSON answer to read its
// usage: its first MiB. (A stream's events longer than maxSSEEvent are
// passed on, not parsed.)
const maxJSONAnswer = 1 << 20

// usage is what an answer says it consumed.
type usage struct {
	prompt, completion int
	// known is false when the answer carried no usage (a broken stream):
	// the completion is then estimated from the bytes streamed.
	known bool
}

// wireUsage covers OpenAI's and Anthropic's names for token counts.
type wireUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	InputTokens      int `json:"input_tokens"`
	OutputTokens     int `json:"output_tokens"`
}

func (w *wireUsage) add(u *usage) {
	if w == nil {
		return
	}
	u.known = true
	u.prompt = max(u.prompt, w.PromptTokens, w.InputTokens)
	u.completion = max(u.completion, w.CompletionTokens, w.OutputTokens)
}

// meteredBody passes an answer through unchanged while reading its
// usage, and reports once when the answer ends (read to the end, broken
// or abandoned by the client).
type meteredBody struct {
	rc      io.ReadCloser
	sse     bool
	started time.Time
	// onFirst is called at the first byte (time to first token); onDone
	// once, with the usage and whether the answer ended normally.
	onFirst func(time.Duration)
	onDone  func(u usage, complete bool, streamedBytes int)
	// holdEOF: an EOF that comes with the answer's last bytes is returned
	// on the next Read, so the caller has passed those bytes on before
	// onDone runs (it may send the answer before recording it).
	holdEOF bool
	eofHeld bool // the body ended with the last bytes returned
	// content, when set, collects the answer's text for the log.
	content *contentLog
	// kept is how many of the answer's first bytes buf already holds
	// (read whole before it was sent, see Gateway.readWhole).
	kept int

	first    bool
	u        usage
	complete bool
	buf      []byte      // JSON: the kept answer
	events   sseSplitter // SSE: the unfinished event
	streamed int
	once     sync.Once
}

// Read implements io.Reader.
func (m *meteredBody) Read(p []byte) (int, error) {
	if m.eofHeld {
		m.finish(true)
		return 0, io.EOF
	}
	n, err := m.rc.Read(p)
	if n > 0 {
		if !m.first {
			m.first = true
			m.onFirst(time.Since(m.started))
		}
		m.consume(p[:n])
	}
	if err == io.EOF {
		if m.sse && !m.events.tail {
			// An event cut off by the end of the stream (no blank line
			// after it) is still read: what it says was consumed was.
			if data, fields := eventData(m.events.in); fields > 0 {
				m.sseData(data)
			}
			m.events = sseSplitter{}
		}
		if m.holdEOF && n > 0 {
			m.eofHeld = true // end on the next call
			return n, nil
		}
		// A stream is whole once its end or its usage came; one that
		// just stops was cut short.
		m.finish(!m.sse || m.complete || m.u.known)
	}
	return n, err
}

// Close implements io.Closer; an answer closed before its end is
// settled from what was seen.
func (m *meteredBody) Close() error {
	err := m.rc.Close()
	m.finish(m.complete || m.eofHeld) // eofHeld: the provider's answer was read whole
	return err
}

func (m *meteredBody) consume(b []byte) {
	m.streamed += len(b)
	if !m.sse {
		if m.kept > 0 {
			k := min(m.kept, len(b))
			m.kept -= k
			b = b[k:]
		}
		if room := maxJSONAnswer - len(m.buf); room > 0 {
			m.buf = append(m.buf, b[:min(len(b), room)]...)
		}
		return
	}
	m.events.feed(b, m.event)
}

// event reads one event of a stream (see sseSplitter.feed); the end of
// one too long to parse is skipped.
func (m *meteredBody) event(ev, _ []byte, whole bool) bool {
	if !whole {
		return true
	}
	if data, fields := eventData(ev); fields > 0 {
		m.sseData(data)
	}
	return true
}

var (
	done      = []byte("[DONE]")
	usageWord = []byte(`"usage"`)
	stopWords = [][]byte{[]byte(`"message_stop"`), []byte(`"response.completed"`)}
)

// sseData reads the data of one event of a stream.
func (m *meteredBody) sseData(data []byte) {
	if bytes.Equal(bytes.TrimSpace(data), done) {
		m.complete = true
		return
	}
	if m.content != nil {
		m.content.addEvent(data)
	}
	for _, w := range stopWords {
		if bytes.Contains(data, w) {
			m.complete = true
		}
	}
	if !bytes.Contains(data, usageWord) {
		return
	}
	usageIn(data, &m.u)
}

// usageIn reads the last "usage" object of a JSON text (an answer, or one
// event of a stream: Anthropic's message_start nests it in "message", the
// Responses API's response.completed in "response") without decoding the
// rest.
func usageIn(data []byte, u *usage) {
	i := bytes.LastIndex(data, usageWord)
	if i < 0 {
		return
	}
	obj := objectAt(data[i+len(usageWord):])
	if obj == nil {
		return
	}
	var w wireUsage
	if json.Unmarshal(obj, &w) == nil {
		w.add(u)
	}
}

// objectAt returns the JSON object that follows a colon at the start of
// b ("usage": {…}), matching braces outside strings; nil when there is
// none.
func objectAt(b []byte) []byte {
	j := 0
	for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r' || b[j] == ':') {
		j++
	}
	if j >= len(b) || b[j] != '{' {
		return nil
	}
	end, ok := nesting(b[j:], func(_, depth int) bool { return depth == 0 })
	if !ok {
		return nil
	}
	return b[j : j+end+1]
}

// finish reports the answer once.
func (m *meteredBody) finish(complete bool) {
	m.once.Do(func() {
		if !m.sse && complete {
			usageIn(m.buf, &m.u)
			if m.content != nil {
				m.content.addJSON(m.buf)
			}
		}
		m.onDone(m.u, complete || m.complete, m.streamed)
	})
}

// idleBody cancels an answer that stops coming: no byte for the first
// wait (the first-byte timeout, counted from the request's start, and at
// least the idle timeout), then none for the idle timeout while a read
// waits on the provider. JSON answers and streams alike, whether the
// guard reads them whole or they pass through. Only time spent waiting
// in Read counts: time the guard spends on what was read, or a slow
// client that holds up the next read, is not the provider's silence.
type idleBody struct {
	rc      io.ReadCloser
	timer   *time.Timer
	idleFor time.Duration
	started bool // the first bytes came: the first wait is over
}

func newIdleBody(rc io.ReadCloser, first, idle time.Duration, cancel func()) *idleBody {
	return &idleBody{rc: rc, timer: time.AfterFunc(max(first, idle), cancel), idleFor: idle}
}

// Read implements io.Reader.
func (b *idleBody) Read(p []byte) (int, error) {
	if b.started {
		b.timer.Reset(b.idleFor)
	}
	n, err := b.rc.Read(p)
	if n > 0 || err != nil {
		b.started = true
		b.timer.Stop()
	}
	return n, err
}

// Close implements io.Closer.
func (b *idleBody) Close() error {
	b.timer.Stop()
	return b.rc.Close()
}
