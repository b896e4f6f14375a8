package gateway

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
)

// maxSSEEvent bounds one event the guard rewrites; a longer one goes on
// unchanged and is recorded as unchecked.
const maxSSEEvent = 1 << 20

// sseGuard rewrites a streamed answer event by event: the text deltas of
// each choice or content block go through an answerText, which holds back
// a bounded window, and what it held is sent before the block ends. In
// block mode a leak ends the stream with an error event instead (the
// upstream request is cancelled). Everything else passes unchanged.
type sseGuard struct {
	g      *Gateway
	f      *flight
	events eventReader
	out    []byte // bytes ready for the client
	eof    bool
	err    error
	text   map[int]*answerText
	// last is the latest OpenAI chunk, the template of chunks Ward adds.
	last map[string]any
	// sent is the text sent so far of each Responses API output text,
	// which its done events repeat in full.
	sent map[int]*strings.Builder

	// The answer is settled after the guard's verdicts are in.
	once    sync.Once
	settled bool
	usage   func()
}

func (g *Gateway) newSSEGuard(f *flight, src io.ReadCloser) *sseGuard {
	return &sseGuard{g: g, f: f, events: eventReader{src: src}, text: map[int]*answerText{}, sent: map[int]*strings.Builder{}}
}

// deferSettle keeps the metered body's settlement until the verdicts are
// in (see finish).
func (s *sseGuard) deferSettle(u usage, complete bool, n int) {
	s.usage = func() { s.g.settle(s.f, u, complete, n) }
	if s.settled {
		s.usage() // the guard finished first (a stream it stopped)
	}
}

// Read implements io.Reader.
func (s *sseGuard) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		if s.eof {
			s.finish()
			return 0, s.err
		}
		s.fill()
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

// fill reads from the provider and handles every whole event.
func (s *sseGuard) fill() {
	over, err := s.events.read(func(ev, sep []byte) bool {
		s.event(ev, sep)
		return !s.eof
	})
	if s.eof {
		return
	}
	if len(over) > 0 {
		s.out = append(s.out, over...)
		s.unchecked()
	}
	if err != nil {
		s.out = append(s.out, s.end()...) // what texts still held, if the stream had no [DONE]
		s.out = append(s.out, s.events.rest()...)
		s.eof, s.err = true, err
	}
}

// eventReader reads a stream and hands over its events whole, as they
// complete.
type eventReader struct {
	src io.ReadCloser
	buf []byte
	in  []byte // bytes read, not yet a whole event
}

// read reads once and calls each with every whole event read so far
// (ev without its blank line, sep that separator) while each returns
// true. over is a pending event that outgrew maxSSEEvent, to be passed on
// as it is; err is the read's error (rest then holds the unfinished
// tail).
func (e *eventReader) read(each func(ev, sep []byte) bool) (over []byte, err error) {
	if e.buf == nil {
		e.buf = make([]byte, 32<<10)
	}
	n, err := e.src.Read(e.buf)
	e.in = append(e.in, e.buf[:n]...)
	for {
		i, sep := eventEnd(e.in)
		if i < 0 {
			break
		}
		ok := each(e.in[:i], e.in[i:i+sep])
		e.in = e.in[i+sep:]
		if !ok {
			return nil, err
		}
	}
	if len(e.in) > maxSSEEvent {
		over, e.in = e.in, nil
	}
	return over, err
}

// rest returns the unfinished tail of the stream.
func (e *eventReader) rest() []byte {
	r := e.in
	e.in = nil
	return r
}

// eventEnd finds the blank line ending the first event: its index and
// the separator's length, or -1.
func eventEnd(b []byte) (int, int) {
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return i, 2
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			return i, 3
		}
	}
	return -1, 0
}

// event handles one event's lines (without the blank line, sep).
func (s *sseGuard) event(ev, sep []byte) {
	var kept [][]byte
	var pre []byte // events Ward adds before this one
	for _, line := range bytes.Split(ev, []byte("\n")) {
		data, ok := bytes.CutPrefix(line, []byte("data:"))
		if !ok {
			kept = append(kept, line)
			continue
		}
		data = bytes.TrimPrefix(bytes.TrimRight(data, "\r"), []byte(" "))
		before, after, stop := s.data(data)
		pre = append(pre, before...)
		if stop {
			s.out = append(s.out, pre...)
			s.out = append(s.out, after...)
			s.eof, s.err = true, io.EOF
			s.f.cancel()
			return
		}
		kept = append(kept, append([]byte("data: "), after...))
	}
	s.out = append(s.out, pre...)
	s.out = append(s.out, bytes.Join(kept, []byte("\n"))...)
	s.out = append(s.out, sep...)
}

// data rewrites one data payload. It returns events to send before it,
// the payload to send, and whether the stream stops (after is then the
// error event).
func (s *sseGuard) data(data []byte) (before, after []byte, stop bool) {
	if bytes.Equal(data, []byte("[DONE]")) {
		return s.end(), data, false
	}
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if d.Decode(&obj) != nil {
		return nil, data, false
	}
	changed := false
	switch {
	case obj["choices"] != nil:
		if len(list(obj["choices"])) > 0 {
			s.last = obj
		} else {
			// The usage chunk comes last: what the texts still hold
			// goes before it, as clients expect no text after usage.
			before = s.end()
		}
		changed = s.choices(obj)
	case obj["type"] == "content_block_delta":
		changed = s.anthropicDelta(obj)
	case obj["type"] == "content_block_stop":
		before = s.anthropicStop(obj)
	case isResponsesEvent(obj["type"]):
		before, changed = s.responses(obj)
	}
	if e := s.blocked(); e != nil {
		return before, s.errorEvent(e), true
	}
	if !changed {
		return before, data, false
	}
	return before, encodeJSON(obj), false
}

// choices rewrites an OpenAI chunk's deltas; a choice that finishes
// carries what its text still held.
func (s *sseGuard) choices(obj map[string]any) bool {
	changed := false
	for _, c := range list(obj["choices"]) {
		idx := intOf(c["index"])
		field, parent := "text", c
		if d, ok := c["delta"].(map[string]any); ok {
			field, parent = "content", d
		}
		txt, has := parent[field].(string)
		out := ""
		if has {
			out = s.stream(idx).write(txt)
		}
		if c["finish_reason"] != nil {
			out += s.flush(idx)
		}
		if out != txt && (has || out != "") {
			parent[field] = out
			changed = true
		}
	}
	return changed
}

func (s *sseGuard) anthropicDelta(obj map[string]any) bool {
	d, ok := obj["delta"].(map[string]any)
	txt, isText := d["text"].(string)
	if !ok || !isText {
		return false
	}
	out := s.stream(intOf(obj["index"])).write(txt)
	d["text"] = out
	return out != txt
}

// anthropicStop sends what a content block still held, as one more
// delta, before the block's stop event.
func (s *sseGuard) anthropicStop(obj map[string]any) []byte {
	idx := intOf(obj["index"])
	rest := s.flush(idx)
	if rest == "" {
		return nil
	}
	delta := map[string]any{"type": "content_block_delta", "index": idx, "delta": map[string]any{"type": "text_delta", "text": rest}}
	return append(append([]byte("event: content_block_delta\ndata: "), encodeJSON(delta)...), "\n\n"...)
}

// responsesKey numbers an output text of the Responses API.
func responsesKey(output, content int) int { return output<<10 | content&1023 }

func isResponsesEvent(t any) bool {
	switch t {
	case "response.output_text.delta", "response.output_text.done", "response.content_part.done",
		"response.output_item.done", "response.completed", "response.incomplete":
		return true
	}
	return false
}

// responses rewrites a Responses API event: deltas go through the guard;
// the events that repeat an output text in full get the text as sent;
// what a text still held goes out as one more delta before its done
// event.
func (s *sseGuard) responses(obj map[string]any) (before []byte, changed bool) {
	out, part := intOf(obj["output_index"]), intOf(obj["content_index"])
	key := responsesKey(out, part)
	switch obj["type"] {
	case "response.output_text.delta":
		txt, ok := obj["delta"].(string)
		if !ok {
			return nil, false
		}
		d := s.stream(key).write(txt)
		s.sentText(key).WriteString(d)
		obj["delta"] = d
		return nil, d != txt
	case "response.output_text.done":
		if rest := s.flush(key); rest != "" {
			s.sentText(key).WriteString(rest)
			delta := map[string]any{}
			for k, v := range obj {
				delta[k] = v
			}
			delete(delta, "text")
			delta["type"], delta["delta"] = "response.output_text.delta", rest
			before = append(append([]byte("event: response.output_text.delta\ndata: "), encodeJSON(delta)...), "\n\n"...)
		}
		return before, s.setSent(obj, "text", key)
	case "response.content_part.done":
		p, _ := obj["part"].(map[string]any)
		return nil, p != nil && s.setSent(p, "text", key)
	case "response.output_item.done":
		item, _ := obj["item"].(map[string]any)
		return nil, item != nil && s.setItem(item, out)
	default: // completed, incomplete: the whole response again
		r, _ := obj["response"].(map[string]any)
		changed := false
		if r != nil {
			for i, item := range list(r["output"]) {
				changed = s.setItem(item, i) || changed
			}
		}
		return nil, changed
	}
}

// setItem puts the sent texts into an output item's text parts.
func (s *sseGuard) setItem(item map[string]any, out int) bool {
	changed := false
	for j, p := range list(item["content"]) {
		if p["type"] == "output_text" {
			changed = s.setSent(p, "text", responsesKey(out, j)) || changed
		}
	}
	return changed
}

// setSent replaces m[field] with the text sent under key, when the guard
// saw that text.
func (s *sseGuard) setSent(m map[string]any, field string, key int) bool {
	b, ok := s.sent[key]
	if !ok {
		return false
	}
	if old, _ := m[field].(string); old == b.String() {
		return false
	}
	m[field] = b.String()
	return true
}

func (s *sseGuard) sentText(key int) *strings.Builder {
	b := s.sent[key]
	if b == nil {
		b = &strings.Builder{}
		s.sent[key] = b
	}
	return b
}

// end flushes every text still open into chunks Ward adds (OpenAI).
func (s *sseGuard) end() []byte {
	if s.last == nil {
		return nil // not an OpenAI chat or completions stream
	}
	var out []byte
	for idx := range s.text {
		rest := s.flush(idx)
		if rest == "" {
			continue
		}
		chunk := map[string]any{}
		for k, v := range s.last {
			chunk[k] = v
		}
		delete(chunk, "usage")
		chunk["choices"] = []any{map[string]any{"index": idx, "delta": map[string]any{"content": rest}, "finish_reason": nil}}
		out = append(append(append(out, "data: "...), encodeJSON(chunk)...), "\n\n"...)
	}
	return out
}

func (s *sseGuard) stream(idx int) *answerText {
	a := s.text[idx]
	if a == nil {
		a = s.g.newAnswerText(s.f.guard)
		s.text[idx] = a
	}
	return a
}

func (s *sseGuard) flush(idx int) string {
	if a := s.text[idx]; a != nil {
		return a.flush()
	}
	return ""
}

// blocked returns the error to end the stream with, in block mode, once
// a text has leaked what the policy blocks.
func (s *sseGuard) blocked() *apiError {
	if !s.f.guard.policy.enforce() {
		return nil
	}
	af := answerFindings{}
	for _, a := range s.text {
		a.findings(af)
	}
	for det, cats := range af {
		if answerBlocks(s.f.guard.policy, det, cats) {
			return answerRefused(det)
		}
	}
	return nil
}

// errorEvent is the event that ends a refused stream, in the
// provider's shape.
func (s *sseGuard) errorEvent(e *apiError) []byte {
	body := encodeJSON(e.body(s.f.anthropic))
	if s.f.anthropic {
		return append(append([]byte("event: error\ndata: "), body...), "\n\n"...)
	}
	return append(append([]byte("data: "), body...), "\n\n"...)
}

// unchecked records that part of the answer went out unchecked.
func (s *sseGuard) unchecked() {
	s.f.guard.unchecked = true
}

// finish records the verdicts, then settles the answer (once).
func (s *sseGuard) finish() {
	s.once.Do(func() {
		af := answerFindings{}
		for _, a := range s.text {
			a.findings(af)
		}
		if e := s.f.guard.verdict(&s.f.ev, af); e != nil {
			s.f.guard.denied = e
		}
		if s.f.guard.unchecked {
			s.f.ev.Verdicts = append(s.f.ev.Verdicts, uncheckedVerdict)
		}
		s.settled = true
		if s.usage != nil {
			s.usage()
		}
	})
}

// Close implements io.Closer.
func (s *sseGuard) Close() error {
	err := s.events.src.Close() // an unfinished answer is metered now
	s.finish()
	return err
}

func intOf(v any) int {
	if n, ok := v.(json.Number); ok {
		i, _ := strconv.Atoi(string(n))
		return i
	}
	return 0
}

func encodeJSON(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(v)
	return bytes.TrimRight(b.Bytes(), "\n")
}
