package gateway

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// maxSSEEvent bounds one event the guard rewrites; a longer one goes on
// unchanged and is recorded as unchecked.
const maxSSEEvent = 1 << 20

// sseGuard rewrites a streamed answer event by event: the text deltas of
// each choice's fields, tool call or content block go through an
// answerStream, which holds back a bounded window (a tool call's
// arguments until the call ends, see argsText), and what it held is sent
// before the block ends. In
// block mode a leak ends the stream with an error event instead (the
// upstream request is cancelled). Everything else passes unchanged.
type sseGuard struct {
	g      *Gateway
	f      *flight
	events eventReader
	out    []byte // bytes ready for the client
	eof    bool
	err    error
	text   map[textKey]answerStream
	// last is the latest OpenAI chunk, the template of chunks Ward adds.
	last map[string]any
	// sent is the text sent so far of each Responses API text, which its
	// done events repeat in full.
	sent map[textKey]*strings.Builder
	// join finds (not masks) a value split across two of an Anthropic
	// answer's text blocks, or two Responses API output_text parts (see
	// joinText).
	join joinState
	// tmpl is the first delta event of each Responses API text, the
	// template of the deltas Ward adds to it.
	tmpl map[textKey]map[string]any
	// added counts the Responses API events Ward added so far, by which
	// every later event's sequence_number is raised; seq is the last
	// number given, once numbered (see renumber); sentSeq the last of an
	// event that went out, which the error ending a refused stream
	// follows (the events it ends on are not sent).
	added    int
	seq      int64
	sentSeq  int64
	numbered bool

	// The answer is settled after the guard's verdicts are in.
	once    sync.Once
	settled bool
	usage   func()
}

func (g *Gateway) newSSEGuard(f *flight, src io.ReadCloser) *sseGuard {
	return &sseGuard{g: g, f: f, events: eventReader{src: src}, text: map[textKey]answerStream{}, sent: map[textKey]*strings.Builder{},
		tmpl: map[textKey]map[string]any{}}
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
	over, err := s.events.read(func(ev, sep []byte, whole bool) bool {
		s.event(ev, sep, whole)
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
		// An event the stream ends in without its blank line is checked
		// as any other: SDKs drop it, but a client reading lines takes
		// it (and the meter reads it).
		tail, whole := s.events.rest()
		if len(tail) > 0 {
			if s.event(tail, nil, whole); s.eof {
				return
			}
		}
		s.sentSeq = s.seq
		rest := s.end() // what texts still held, if the stream had no [DONE]
		if e := s.blocked(); e != nil {
			rest = s.errorEvent(e)
		}
		if len(tail) > 0 && len(rest) > 0 {
			s.out = append(s.out, "\n\n"...) // the tail's event ends before them
		}
		s.out = append(s.out, rest...)
		s.eof, s.err = true, err
	}
}

// event handles one event (see sseSplitter.feed).
func (s *sseGuard) event(ev, sep []byte, whole bool) {
	data, fields := eventData(ev)
	if !whole || fields == 0 {
		// The end of an event too long to check (recorded as unchecked
		// when its start went out), or one without data.
		s.out = append(append(s.out, ev...), sep...)
		return
	}
	if fields > 1 && !json.Valid(data) {
		s.eachLine(ev, sep)
		return
	}
	before, after, stop := s.data(data)
	s.out = append(s.out, before...)
	switch {
	case stop:
		s.stop(after)
	case after == nil:
		s.out = append(append(s.out, ev...), sep...)
	default:
		// The payload goes out on one data line, in the first's place.
		s.out = appendEvent(s.out, ev, func(i int) []byte {
			if i > 0 {
				return nil
			}
			return after
		})
		s.out = append(s.out, sep...)
	}
}

// eachLine handles an event whose data lines are not one JSON value
// together: each is read as a payload of its own, as a client reading
// the stream line by line would read it. When one of them ends the
// stream, the lines before it, checked, go out first, as they would
// have in events of their own.
func (s *sseGuard) eachLine(ev, sep []byte) {
	var pre []byte // events Ward adds before this one
	var values [][]byte
	changed := false
	for rest := ev; len(rest) > 0; {
		var line []byte
		line, rest = nextLine(rest)
		name, value := sseField(line)
		if !isData(name) {
			continue
		}
		before, after, stop := s.data(value)
		pre = append(pre, before...)
		if stop {
			s.out = append(s.out, pre...)
			if len(values) > 0 {
				s.out = appendEvent(s.out, ev, func(i int) []byte {
					if i < len(values) {
						return values[i]
					}
					return nil
				})
				s.out = append(s.out, "\n\n"...) // its own blank line, even where the stream had none
			}
			s.stop(after)
			return
		}
		switch {
		case after != nil:
			changed = true
		case value != nil:
			after = value
		default: // "data" without a colon, an empty line of its own
			after = []byte{}
		}
		values = append(values, after)
	}
	s.out = append(s.out, pre...)
	if !changed {
		s.out = append(append(s.out, ev...), sep...)
		return
	}
	s.out = appendEvent(s.out, ev, func(i int) []byte { return values[i] })
	s.out = append(s.out, sep...)
}

// appendEvent appends an event's lines to dst, joined with LF (its blank
// line is the caller's), with the value of its i-th data line replaced
// by value(i), the line left out when that is nil.
func appendEvent(dst, ev []byte, value func(i int) []byte) []byte {
	for i, first := 0, true; len(ev) > 0; {
		var line []byte
		line, ev = nextLine(ev)
		name, _ := sseField(line)
		if isData(name) {
			v := value(i)
			i++
			if v == nil {
				continue
			}
			line = append([]byte("data: "), v...)
		}
		if !first {
			dst = append(dst, '\n')
		}
		dst, first = append(dst, line...), false
	}
	return dst
}

// stop ends the stream with the error event e.
func (s *sseGuard) stop(e []byte) {
	s.out = append(s.out, e...)
	s.eof, s.err = true, io.EOF
	s.f.cancel()
}

// data rewrites one data payload. It returns events to send before it,
// the payload to send (nil: the payload as it came), and whether the
// stream stops (after is then the error event).
func (s *sseGuard) data(data []byte) (before, after []byte, stop bool) {
	s.sentSeq = s.seq
	if bytes.Equal(data, []byte("[DONE]")) {
		return s.end(), nil, false
	}
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if d.Decode(&obj) != nil {
		// Not a JSON object: no SDK parses it as a chunk, but a client
		// reading lines may show it, and none of its text was checked.
		if len(bytes.TrimSpace(data)) > 0 {
			s.unchecked()
		}
		return nil, nil, false
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
		before, changed = s.anthropicDelta(obj)
	case obj["type"] == "content_block_stop":
		before = s.anthropicHeld(blockOf(obj))
	case obj["type"] == "message_delta", obj["type"] == "message_stop":
		// A block left open (its stop never came) ends with the message.
		before = s.anthropicHeld(allTexts)

	case isResponsesEvent(obj["type"]):
		before, changed = s.responses(obj)
	}
	changed = s.renumber(obj) || changed
	if e := s.blocked(); e != nil {
		return nil, s.errorEvent(e), true // nothing held goes out
	}
	if !changed {
		return before, nil, false
	}
	return before, encodeJSON(obj), false
}

// textKey names one text of a stream: a choice's field or tool call
// (i the choice, j the call), a content block's (i), a Responses API
// output item's part (i the item, j the part or summary).
type textKey struct {
	i, j  int
	field string
}

// argsFields are the fields whose texts are tool-call arguments.
var argsFields = map[string]bool{"tool_calls": true, "function_call": true, "partial_json": true, "arguments": true}

// choices rewrites an OpenAI chunk's deltas; a choice that finishes
// carries what its texts still held.
func (s *sseGuard) choices(obj map[string]any) bool {
	changed := false
	for _, c := range list(obj["choices"]) {
		changed = s.choice(c) || changed
	}
	return changed
}

func (s *sseGuard) choice(c map[string]any) bool {
	idx := intOf(c["index"])
	changed := false
	if d, ok := c["delta"].(map[string]any); ok {
		for _, f := range chatFields {
			changed = s.writeField(d, f, textKey{i: idx, field: f}) || changed
		}
		for _, call := range list(d["tool_calls"]) {
			if fc, ok := call["function"].(map[string]any); ok {
				changed = s.writeField(fc, "arguments", textKey{i: idx, j: intOf(call["index"]), field: "tool_calls"}) || changed
			}
		}
		changed = s.endEarlierCalls(d, idx) || changed
		if fc, ok := d["function_call"].(map[string]any); ok {
			changed = s.writeField(fc, "arguments", textKey{i: idx, field: "function_call"}) || changed
		}
	} else {
		changed = s.writeField(c, "text", textKey{i: idx, field: "text"})
	}
	if c["finish_reason"] == nil {
		return changed
	}
	for _, k := range s.keys(func(k textKey) bool { return k.i == idx }) {
		if rest := s.flush(k); rest != "" {
			putRest(c, k, rest)
			changed = true
		}
	}
	return changed
}

// endEarlierCalls sends what the tool calls of choice idx that this
// delta does not continue still hold, ahead of the delta's own calls: a
// client (the OpenAI SDKs) takes a call as done, and parses its
// arguments, once a delta for another call comes.
func (s *sseGuard) endEarlierCalls(d map[string]any, idx int) bool {
	calls, _ := d["tool_calls"].([]any)
	if len(calls) == 0 {
		return false
	}
	present := map[int]bool{}
	for _, call := range list(calls) {
		present[intOf(call["index"])] = true
	}
	var ended []any
	for _, k := range s.keys(func(k textKey) bool { return k.i == idx && k.field == "tool_calls" && !present[k.j] }) {
		if rest := s.flush(k); rest != "" {
			ended = append(ended, map[string]any{"index": k.j, "function": map[string]any{"arguments": rest}})
		}
	}
	if len(ended) == 0 {
		return false
	}
	d["tool_calls"] = append(ended, calls...)
	return true
}

// writeField runs parent[field], when it is a text, through the stream
// of key.
func (s *sseGuard) writeField(parent map[string]any, field string, key textKey) bool {
	txt, ok := parent[field].(string)
	if !ok || txt == "" {
		return false
	}
	out := s.stream(key).write(txt)
	parent[field] = out
	return out != txt
}

// putRest adds what the text of key still held to an OpenAI choice.
func putRest(c map[string]any, k textKey, rest string) {
	if k.field == "text" {
		c["text"] = str(c["text"]) + rest
		return
	}
	d, _ := c["delta"].(map[string]any)
	if d == nil {
		d = map[string]any{}
		c["delta"] = d
	}
	switch k.field {
	case "tool_calls":
		calls, _ := d["tool_calls"].([]any)
		for _, call := range list(calls) {
			if intOf(call["index"]) == k.j {
				fc, _ := call["function"].(map[string]any)
				fc["arguments"] = str(fc["arguments"]) + rest
				return
			}
		}
		call := map[string]any{"index": k.j, "function": map[string]any{"arguments": rest}}
		d["tool_calls"] = append(calls, call)
	case "function_call":
		fc, _ := d["function_call"].(map[string]any)
		if fc == nil {
			fc = map[string]any{}
			d["function_call"] = fc
		}
		fc["arguments"] = str(fc["arguments"]) + rest
	default:
		d[k.field] = str(d[k.field]) + rest
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// anthropicDeltas maps an Anthropic delta's type to its text field.
var anthropicDeltas = map[string]string{"text_delta": "text", "thinking_delta": "thinking", "input_json_delta": "partial_json"}

// anthropicDelta rewrites an Anthropic delta; a signature_delta, which
// ends a thinking block's text, has what the block's text still held
// sent before it.
func (s *sseGuard) anthropicDelta(obj map[string]any) (before []byte, changed bool) {
	d, _ := obj["delta"].(map[string]any)
	if d["type"] == "signature_delta" {
		return s.anthropicHeld(blockOf(obj)), false
	}
	field, ok := anthropicDeltas[str(d["type"])]
	if !ok {
		return nil, false
	}
	if txt := str(d[field]); field == "text" && txt != "" {
		s.joinText(textKey{i: intOf(obj["index"]), field: field}, txt)
	}
	return nil, s.writeField(d, field, textKey{i: intOf(obj["index"]), field: field})
}

// Bounds of the joined check: the text before a block and the start of
// the block it reads, longer than any value or leak it finds spans.
const (
	maxJoinTail = 2 << 10
	maxJoinHead = 1 << 10
)

// joinState is the joined check of an Anthropic stream's text blocks or
// a Responses API stream's output_text parts.
type joinState struct {
	block  textKey // the current text block
	open   bool    // a text block has been seen
	tail   string  // the last text, up to maxJoinTail
	before string  // tail as the current block started
	head   string  // the current block's start, while shorter than maxJoinHead
	found  answerFindings
}

// joinText checks, for every text block after the first, the text before
// it joined to its start, at each delta until that start is maxJoinHead
// long, before the block's own stream can release any of it: a value or
// canary split across blocks is found before its second part is sent.
func (s *sseGuard) joinText(block textKey, txt string) {
	j := &s.join
	if !j.open || j.block != block {
		j.head, j.before = "", ""
		if j.open {
			j.before = j.tail
		}
		j.block, j.open = block, true
	}
	if j.before != "" && len(j.head) < maxJoinHead {
		j.head += txt
		if j.found == nil {
			j.found = answerFindings{}
		}
		s.g.check(s.f.guard, textProse, j.before+j.head, j.found)
	}
	j.tail += txt
	if len(j.tail) > 2*maxJoinTail {
		j.tail = j.tail[runeStart(j.tail, len(j.tail)-maxJoinTail):]
	}
}

// blockOf keeps the texts of the content block (Anthropic) obj is about.
func blockOf(obj map[string]any) func(textKey) bool {
	idx := intOf(obj["index"])
	return func(k textKey) bool { return k.i == idx }
}

func allTexts(textKey) bool { return true }

// anthropicHeld returns what the texts keep reports true for still held,
// as one more delta each, to send before the event that ends them (their
// block's stop event or signature_delta, the message's end).
func (s *sseGuard) anthropicHeld(keep func(textKey) bool) []byte {
	var out []byte
	for _, k := range s.keys(keep) {
		rest := s.flush(k)
		if rest == "" {
			continue
		}
		typ := "text_delta"
		for t, f := range anthropicDeltas {
			if f == k.field {
				typ = t
			}
		}
		delta := map[string]any{"type": "content_block_delta", "index": k.i, "delta": map[string]any{"type": typ, k.field: rest}}
		out = append(append(append(out, "event: content_block_delta\ndata: "...), encodeJSON(delta)...), "\n\n"...)
	}
	return out
}

// responsesText describes a Responses API text streamed in deltas: its
// field in keys, the index naming its part, the event that ends it and
// that event's field with the whole text.
type responsesText struct {
	field, part, done, doneField string
}

var responsesDeltas = map[string]responsesText{
	"response.output_text.delta":             {"output_text", "content_index", "response.output_text.done", "text"},
	"response.refusal.delta":                 {"refusal", "content_index", "response.refusal.done", "refusal"},
	"response.reasoning_text.delta":          {"reasoning_text", "content_index", "response.reasoning_text.done", "text"},
	"response.reasoning_summary_text.delta":  {"summary_text", "summary_index", "response.reasoning_summary_text.done", "text"},
	"response.function_call_arguments.delta": {"arguments", "", "response.function_call_arguments.done", "arguments"},
	"response.custom_tool_call_input.delta":  {"input", "", "response.custom_tool_call_input.done", "input"},
}

// responsesDone maps a done event to its delta event.
var responsesDone = func() map[string]string {
	m := map[string]string{}
	for typ, t := range responsesDeltas {
		m[t.done] = typ
	}
	return m
}()

func isResponsesEvent(t any) bool {
	typ, _ := t.(string)
	if _, ok := responsesDeltas[typ]; ok {
		return true
	}
	if _, ok := responsesDone[typ]; ok {
		return true
	}
	switch typ {
	case "response.content_part.done", "response.reasoning_summary_part.done",
		"response.output_item.done", "response.completed", "response.incomplete", "response.failed":
		return true
	}
	return false
}

// responses rewrites a Responses API event: deltas go through the guard;
// the events that repeat a text in full get the text as sent; what a
// text still held goes out as one more delta before the first event that
// ends it: its done event or, should that not come (an OpenAI-compatible
// server may not send it), its part's, its item's or the response's.
func (s *sseGuard) responses(obj map[string]any) (before []byte, changed bool) {
	typ := str(obj["type"])
	out := intOf(obj["output_index"])
	if t, ok := responsesDeltas[typ]; ok {
		key := textKey{i: out, j: intOf(obj[t.part]), field: t.field}
		txt, ok := obj["delta"].(string)
		if !ok {
			return nil, false
		}
		if s.tmpl[key] == nil {
			s.tmpl[key] = maps.Clone(obj)
		}
		if t.field == "output_text" && txt != "" {
			s.joinText(key, txt)
		}
		d := s.stream(key).write(txt)
		s.sentText(key).WriteString(d)
		obj["delta"] = d
		return nil, d != txt
	}
	if dt, ok := responsesDone[typ]; ok {
		t := responsesDeltas[dt]
		key := textKey{i: out, j: intOf(obj[t.part]), field: t.field}
		return s.responsesHeld(func(k textKey) bool { return k == key }), s.setSent(obj, t.doneField, key)
	}
	switch typ {
	case "response.content_part.done":
		j := intOf(obj["content_index"])
		before = s.responsesHeld(func(k textKey) bool { return k.i == out && k.j == j && contentFields[k.field] })
		p, _ := obj["part"].(map[string]any)
		return before, p != nil && s.setPart(p, out, j)
	case "response.reasoning_summary_part.done":
		key := textKey{i: out, j: intOf(obj["summary_index"]), field: "summary_text"}
		before = s.responsesHeld(func(k textKey) bool { return k == key })
		p, _ := obj["part"].(map[string]any)
		return before, p != nil && s.setSent(p, "text", key)
	case "response.output_item.done":
		before = s.responsesHeld(func(k textKey) bool { return k.i == out })
		item, _ := obj["item"].(map[string]any)
		return before, item != nil && s.setItem(item, out)
	default: // completed, incomplete, failed: the whole response again
		before = s.responsesHeld(allTexts)
		r, _ := obj["response"].(map[string]any)
		changed := false
		if r != nil {
			for i, item := range list(r["output"]) {
				changed = s.setItem(item, i) || changed
			}
		}
		return before, changed
	}
}

// contentFields are the Responses API texts that are content parts
// (named by content_index).
var contentFields = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range responsesDeltas {
		if t.part == "content_index" {
			m[t.field] = true
		}
	}
	return m
}()

// responsesHeld returns what the texts keep reports true for still held,
// as one more delta event each, made from the text's first delta event.
func (s *sseGuard) responsesHeld(keep func(textKey) bool) []byte {
	var out []byte
	for _, k := range s.keys(keep) {
		tmpl := s.tmpl[k]
		if tmpl == nil {
			continue // not a Responses API text
		}
		rest := s.flush(k)
		if rest == "" {
			continue
		}
		s.sentText(k).WriteString(rest)
		delta := maps.Clone(tmpl)
		delta["delta"] = rest
		if _, ok := delta["logprobs"]; ok {
			delta["logprobs"] = []any{} // the template's are its own tokens'
		}
		delete(delta, "obfuscation") // padding for the template's length
		s.number(delta)
		out = append(append(append(out, "event: "+str(delta["type"])+"\ndata: "...), encodeJSON(delta)...), "\n\n"...)
	}
	return out
}

// renumber raises a Responses API event's sequence_number by the events
// Ward added before it, so that the numbers the client sees keep
// increasing (clients may rely on them to order events or detect a gap).
func (s *sseGuard) renumber(obj map[string]any) bool {
	n, ok := obj["sequence_number"].(json.Number)
	if !ok {
		return false
	}
	i, err := n.Int64()
	if err != nil {
		return false
	}
	s.seq, s.numbered = i+int64(s.added), true
	if s.added == 0 {
		return false
	}
	obj["sequence_number"] = json.Number(strconv.FormatInt(s.seq, 10))
	return true
}

// number gives an event Ward adds the number after the last one sent
// (none in a stream that has none), and moves every later one up.
func (s *sseGuard) number(obj map[string]any) {
	delete(obj, "sequence_number")
	if s.numbered {
		s.seq++
		obj["sequence_number"] = json.Number(strconv.FormatInt(s.seq, 10))
	}
	s.added++
}

// setItem puts the sent texts into an output item.
func (s *sseGuard) setItem(item map[string]any, out int) bool {
	changed := false
	switch item["type"] {
	case "function_call":
		changed = s.setSent(item, "arguments", textKey{i: out, field: "arguments"})
	case "custom_tool_call":
		changed = s.setSent(item, "input", textKey{i: out, field: "input"})
	case "reasoning":
		for j, p := range list(item["summary"]) {
			changed = s.setSent(p, "text", textKey{i: out, j: j, field: "summary_text"}) || changed
		}
		for j, p := range list(item["content"]) {
			changed = s.setSent(p, "text", textKey{i: out, j: j, field: "reasoning_text"}) || changed
		}
	default:
		for j, p := range list(item["content"]) {
			changed = s.setPart(p, out, j) || changed
		}
	}
	return changed
}

// setPart puts the sent text into a content part.
func (s *sseGuard) setPart(p map[string]any, out, j int) bool {
	switch p["type"] {
	case "output_text":
		return s.setSent(p, "text", textKey{i: out, j: j, field: "output_text"})
	case "refusal":
		return s.setSent(p, "refusal", textKey{i: out, j: j, field: "refusal"})
	case "reasoning_text":
		return s.setSent(p, "text", textKey{i: out, j: j, field: "reasoning_text"})
	}
	return false
}

// setSent replaces m[field] with the text sent under key, when the guard
// saw that text.
func (s *sseGuard) setSent(m map[string]any, field string, key textKey) bool {
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

func (s *sseGuard) sentText(key textKey) *strings.Builder {
	b := s.sent[key]
	if b == nil {
		b = &strings.Builder{}
		s.sent[key] = b
	}
	return b
}

// end flushes every text still open into events Ward adds, in the
// stream's shape.
func (s *sseGuard) end() []byte {
	switch {
	case s.last != nil:
		return s.chatHeld()
	case s.f.anthropic:
		return s.anthropicHeld(allTexts)
	}
	return s.responsesHeld(allTexts)
}

// chatHeld flushes every text still open into chunks Ward adds (OpenAI
// chat and completions).
func (s *sseGuard) chatHeld() []byte {
	var out []byte
	for _, k := range s.keys(func(textKey) bool { return true }) {
		rest := s.flush(k)
		if rest == "" {
			continue
		}
		chunk := map[string]any{}
		for k, v := range s.last {
			chunk[k] = v
		}
		delete(chunk, "usage")
		c := map[string]any{"index": k.i, "finish_reason": nil}
		putRest(c, k, rest)
		chunk["choices"] = []any{c}
		out = append(append(append(out, "data: "...), encodeJSON(chunk)...), "\n\n"...)
	}
	return out
}

// keys returns the keys of the open texts that keep reports true, in
// order.
func (s *sseGuard) keys(keep func(textKey) bool) []textKey {
	var ks []textKey
	for k := range s.text {
		if keep(k) {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, func(a, b textKey) int {
		return cmp.Or(cmp.Compare(a.i, b.i), cmp.Compare(a.field, b.field), cmp.Compare(a.j, b.j))
	})
	return ks
}

func (s *sseGuard) stream(key textKey) answerStream {
	a := s.text[key]
	if a == nil {
		switch {
		case argsFields[key.field]:
			a = s.g.newArgsText(s.f.guard)
		case key.field == "input": // a custom tool call's, free text
			a = s.g.newAnswerText(s.f.guard, textValue)
		default:
			a = s.g.newAnswerText(s.f.guard, textProse)
		}
		s.text[key] = a
	}
	return a
}

func (s *sseGuard) flush(key textKey) string {
	if a := s.text[key]; a != nil {
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
	af := s.findings()
	for det, cats := range af {
		if answerBlocks(s.f.guard.policy, det, cats) {
			return answerRefused(det)
		}
	}
	return nil
}

// findings collects what the stream's checks found so far.
func (s *sseGuard) findings() answerFindings {
	af := answerFindings{}
	for _, a := range s.text {
		a.findings(af)
	}
	for det, cats := range s.join.found {
		for _, c := range cats {
			af.add(det, c)
		}
	}
	return af
}

// errorEvent is the event that ends a refused stream, in the
// provider's shape: Anthropic's error event; the Responses API's, typed
// (its code, message and param at the top, numbered after the last
// event sent, none in a stream that has none), which its SDKs parse as
// a ResponseErrorEvent; for chat and completions a chunk with an error
// object, which the OpenAI SDKs raise. Only Ward's code and message go
// in it, never the answer's text.
func (s *sseGuard) errorEvent(e *apiError) []byte {
	var body []byte
	switch {
	case s.f.anthropic:
		body = encodeJSON(e.body(true))
	case s.f.attempt != nil && s.f.attempt.route == routeResponses:
		ev := responsesError{Type: "error", Code: e.code, Message: e.msg, Error: e.body(false).(map[string]any)["error"]}
		if s.numbered {
			n := s.sentSeq + 1
			ev.Seq = &n
		}
		body = encodeJSON(ev)
	default:
		return append(append([]byte("data: "), encodeJSON(e.body(false))...), "\n\n"...)
	}
	return append(append([]byte("event: error\ndata: "), body...), "\n\n"...)
}

// responsesError is the Responses API's error event, its fields in the
// order of the API reference, and the error again as an "error" object,
// the shape the live API sends and openai-python raises on (with the
// flat fields alone it hands the client an ordinary event).
type responsesError struct {
	Type    string  `json:"type"`
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Param   *string `json:"param"`
	Seq     *int64  `json:"sequence_number,omitempty"`
	Error   any     `json:"error"`
}

// unchecked records that part of the answer went out unchecked.
func (s *sseGuard) unchecked() {
	s.f.guard.unchecked = true
}

// finish records the verdicts, then settles the answer (once).
func (s *sseGuard) finish() {
	s.once.Do(func() {
		if e := s.f.guard.verdict(&s.f.ev, s.findings()); e != nil {
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
