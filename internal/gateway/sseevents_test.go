package gateway

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/redact"
)

// multiLine writes every JSON payload of a stream over several data
// lines, a line for each member of its objects ({"a":1, / "b":{"c":2, /
// "d":3}}), as SSE allows: the data lines of an event are one payload,
// joined with "\n". Lines end with eol, and "data:" alternates with
// "data: " (the same field).
func multiLine(stream, eol string) string {
	var b strings.Builder
	for _, ev := range strings.Split(strings.TrimSuffix(stream, "\n\n"), "\n\n") {
		for _, line := range strings.Split(ev, "\n") {
			var v any
			data, ok := strings.CutPrefix(line, "data: ")
			if !ok || json.Unmarshal([]byte(data), &v) != nil {
				b.WriteString(line + eol)
				continue
			}
			for i, l := range strings.Split(spread(v), "\n") {
				b.WriteString([]string{"data: ", "data:"}[i%2] + l + eol)
			}
		}
		b.WriteString(eol)
	}
	return b.String()
}

// spread is v as JSON with a line break after each object member.
func spread(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		b, _ := json.Marshal(v)
		return string(b)
	}
	var members []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		kb, _ := json.Marshal(k)
		members = append(members, string(kb)+":"+spread(m[k]))
	}
	return "{" + strings.Join(members, ",\n") + "}"
}

// oneLine reads a stream as a client following the SSE spec does and
// writes each event's payload back on one data line (compacted when it
// is JSON), so the stream helpers can read it.
func oneLine(t *testing.T, body string) string {
	t.Helper()
	body = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(body)
	var b strings.Builder
	for _, ev := range strings.Split(body, "\n\n") {
		var data []string
		for _, line := range strings.Split(ev, "\n") {
			if v, ok := strings.CutPrefix(line, "data:"); ok {
				data = append(data, strings.TrimPrefix(v, " "))
			}
		}
		if len(data) == 0 {
			continue
		}
		payload := strings.Join(data, "\n")
		var c bytes.Buffer
		if json.Compact(&c, []byte(payload)) == nil {
			payload = c.String()
		}
		b.WriteString("data: " + payload + "\n\n")
	}
	return b.String()
}

// TestGuardStreamMultiLineData: events whose JSON comes over two or
// three data lines (LF, CR LF or CR line ends) are read as one payload
// each: a credential spread over the deltas is masked, the canary ends
// the stream, the usage is metered and the usage chunk Ward asked for
// is taken out. Before, each data line was read as a payload of its own,
// none of them JSON: the answer went out unchecked, and unmetered.
func TestGuardStreamMultiLineData(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	content := fieldStream("content")
	stream := strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1)
	for _, c := range []struct {
		name, kind, route, request string
		answer                     func(text string) string
		text, field, leak, want    string
		code                       string
		prompt, completion         int
	}{
		{name: "chat credential", kind: KindOpenAI, route: routeChat, request: stream, answer: content,
			text: "the token is " + l.github + " keep it", field: "content", leak: l.github, want: "the token is [SECRET:", prompt: 3, completion: 4},
		{name: "chat canary", kind: KindOpenAI, route: routeChat, request: stream, answer: content,
			text: "my reference is CANARY, fine", leak: "zorblat", code: "system_prompt_leak_detected", prompt: 3, completion: 4},
		{name: "anthropic credential", kind: KindAnthropic, route: routeMessages,
			request: strings.Replace(anthropicReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1),
			answer:  blockStream("text", "text_delta", "text"), text: "key " + l.aws + " ok", field: "text", leak: l.aws, want: "key [SECRET:", prompt: 3, completion: 1},
		{name: "responses arguments", kind: KindOpenAI, route: routeResponses, request: `{"model":"gpt-4.1","stream":true,"input":"hi"}`,
			answer: responsesArgsStream, text: `{"t":"` + l.github + `"}`, field: "delta", leak: l.github, want: `{"t":"[SECRET:`, prompt: 3, completion: 4},
	} {
		for _, eol := range []string{"\n", "\r\n", "\r"} {
			t.Run(c.name+" "+strings.NewReplacer("\r", "CR", "\n", "LF").Replace(eol), func(t *testing.T) {
				up := newUpstream(t)
				fixedAnswer(up, func(canary string) string {
					return multiLine(c.answer(strings.ReplaceAll(c.text, "CANARY", canary)), eol)
				})
				h, key := blockingHarness(t, up, c.kind, det)
				resp, body := h.post(t, c.route, key, c.request)
				got, others, code := streamed(t, oneLine(t, body))
				if resp.StatusCode != 200 || code != c.code || strings.Contains(body, c.leak) {
					t.Fatalf("%d, code %q (want %q), leak present %v: %q", resp.StatusCode, code, c.code, strings.Contains(body, c.leak), body)
				}
				if c.field != "" && !strings.HasPrefix(got[c.field], c.want) {
					t.Errorf("%s: got %q, want %q…", c.field, got[c.field], c.want)
				}
				if c.route == routeChat && strings.Contains(oneLine(t, body), `"usage"`) {
					t.Errorf("the usage chunk the client did not ask for reached it: %q", body)
				}
				for _, o := range others {
					if strings.Contains(o, c.leak) {
						t.Errorf("leak in %s", o)
					}
				}
				if ev := h.lastEvent(t); ev.PromptTokens != c.prompt || ev.CompletionTokens != c.completion {
					t.Errorf("metered %d+%d tokens, want %d+%d", ev.PromptTokens, ev.CompletionTokens, c.prompt, c.completion)
				}
			})
		}
	}
}

// TestSSEEvents: streams cut into events and read as the SSE spec
// reads them, whatever pieces they come in; the bytes handed over are
// the stream's, in order.
func TestSSEEvents(t *testing.T) {
	for _, c := range []struct {
		stream string
		want   []string // the payloads of the events with data
		rest   string   // the unfinished event at the end
	}{
		{"data: a\n\n", []string{"a"}, ""},
		{"data:a\r\n\r\ndata: b\n\n", []string{"a", "b"}, ""},
		{"data: a\rdata:b\r\r", []string{"a\nb"}, ""},
		{"data: a\r\ndata: b\rdata: c\ndata:\n\n", []string{"a\nb\nc\n"}, ""},
		{": keep-alive\ndata: {\"x\":\ndata: 1}\n\n", []string{"{\"x\":\n1}"}, ""},
		{"data\n\ndata\ndata\n\n", []string{"", "\n"}, ""},
		{"data:  two spaces \n\n", []string{" two spaces "}, ""},
		{"event: ping\nid: 7\n\ndatum: x\n\n:data: y\n\n", nil, ""},
		{"\n\r\n\rdata: x\n\n", []string{"x"}, ""},
		{"data: a\r\r\ndata: b\r\n", []string{"a"}, "data: b\r\n"},
		{"data: a\r", nil, "data: a\r"},
		// A byte-order mark that starts the stream (whole or in pieces)
		// is not part of the first field's name; only one, only there.
		{"\xEF\xBB\xBFdata: a\n\n", []string{"a"}, ""},
		{"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\ndata: b\n\n", []string{"b"}, ""},
		{"data: a\n\n\xEF\xBB\xBFdata: b\n\n", []string{"a"}, ""},
		{"\xEF\xBBdata: a\n\n", nil, ""},
		{"\xEF\xBB", nil, "\xEF\xBB"},
	} {
		for n := 1; n <= len(c.stream); n++ {
			var p sseSplitter
			var got []string
			var out []byte
			for _, piece := range pieces(c.stream, n) {
				over := p.feed([]byte(piece), func(ev, sep []byte, whole bool) bool {
					if data, fields := eventData(ev); fields > 0 && whole {
						got = append(got, string(data))
					}
					out = append(append(out, ev...), sep...)
					return true
				})
				out = append(out, over...)
			}
			if !slices.Equal(got, c.want) || string(p.in) != c.rest || string(out)+c.rest != c.stream {
				t.Errorf("%q in pieces of %d: events %q (want %q), rest %q, passed %q", c.stream, n, got, c.want, p.in, out)
				break
			}
		}
	}

	// An event past maxSSEEvent is handed over as it comes (its start as
	// over, its end as not whole), the next one whole.
	big := "data: {\"pad\":\"" + strings.Repeat("x", 2*maxSSEEvent) + "\"}\r\n\r\ndata: after\n\n"
	var p sseSplitter
	var out []byte
	var whole []string
	overs := 0
	for _, piece := range pieces(big, 32<<10) {
		over := p.feed([]byte(piece), func(ev, sep []byte, w bool) bool {
			if w {
				whole = append(whole, string(ev))
			}
			out = append(append(out, ev...), sep...)
			return true
		})
		if len(over) > 0 {
			overs++
		}
		out = append(out, over...)
	}
	if string(out) != big || overs == 0 || len(whole) != 1 || whole[0] != "data: after" {
		t.Errorf("long event: handed over in %d pieces, %d whole events, stream kept %v", overs, len(whole), string(out) == big)
	}
}

// TestStreamByteOrderMark: a stream that starts with a byte-order mark
// (U+FEFF), which the SSE spec ignores there, has its first event read
// by the guard, the meter and the usage chunk filter alike, the mark
// coming in any pieces; the client gets the mark once, then the stream
// as checked. Before, the first event's field was "\uFEFFdata": its
// credential went out unmasked, its usage unmetered, and the usage chunk
// Ward asked for reached a client that had not.
func TestStreamByteOrderMark(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	const mark = "\xEF\xBB\xBF"
	usageChunk := `data: {"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}`
	for _, c := range []struct {
		name, stream, want string
	}{
		{name: "credential", want: "the token is [SECRET:github-pat]",
			stream: sse(`data: {"id":"c1","choices":[{"index":0,"delta":{"content":"the token is `+l.github+`"},"finish_reason":"stop"}]}`, usageChunk, "data: [DONE]")},
		{name: "usage chunk", want: "hi",
			stream: sse(usageChunk, `data: {"id":"c1","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}`, "data: [DONE]")},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			up.handle = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				for _, b := range []string{mark[:1], mark[1:2], mark[2:] + c.stream} { // the mark over three reads
					io.WriteString(w, b)
					w.(http.Flusher).Flush()
					time.Sleep(10 * time.Millisecond)
				}
			}
			h, key := blockingHarness(t, up, KindOpenAI, det)
			_, body := h.post(t, routeChat, key, strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
			rest, ok := strings.CutPrefix(body, mark)
			if !ok || strings.Contains(rest, mark) {
				t.Fatalf("the mark is not sent once, first: %q", body)
			}
			got, _, _ := streamed(t, rest)
			if strings.Contains(body, l.github) || got["content"] != c.want || strings.Contains(body, `"prompt_tokens"`) {
				t.Errorf("content %q (want %q) in %q", got["content"], c.want, body)
			}
			if ev := h.lastEvent(t); ev.PromptTokens != 3 || ev.CompletionTokens != 4 {
				t.Errorf("metered %d+%d tokens, want 3+4", ev.PromptTokens, ev.CompletionTokens)
			}
		})
	}
}

// TestUsageChunkFilterUnended: the usage chunk Ward asked for is taken
// out when it ends the stream without its blank line too (a stream cut
// after it, a server that sends no [DONE]), whatever pieces it comes in;
// what comes before it passes as it came. Before, it reached the client.
func TestUsageChunkFilterUnended(t *testing.T) {
	const head = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\r\n\r\n"
	for _, end := range []string{"", "\n", "\r\n", "\r", "\r\n: bye"} {
		stream := head + `data: {"choices":[],"usage":{"prompt_tokens":3}}` + end
		for n := 1; n <= len(stream); n++ {
			got, err := io.ReadAll(newUsageChunkFilter(io.NopCloser(&chunked{b: []byte(stream), n: n})))
			if err != nil || string(got) != head {
				t.Errorf("%q in pieces of %d: got %q (%v), want %q", stream, n, got, err, head)
				break
			}
		}
	}
}

// TestGuardStreamDataLinesEach: an event whose data lines are each a
// whole chunk (together not one JSON value, so an SDK fails on it, but a
// client reading line by line takes each) has each line checked, and
// stays whole: the usage chunk among them is not taken out with the
// chunks around it.
func TestGuardStreamDataLinesEach(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	up := newUpstream(t)
	fixedAnswer(up, func(string) string {
		return strings.ReplaceAll(fieldStream("content")("the token is "+l.github+" keep it"), "}\n\ndata: {", "}\ndata: {")
	})
	h, key := blockingHarness(t, up, KindOpenAI, det)
	_, body := h.post(t, routeChat, key, strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
	got, _, _ := streamed(t, body)
	if strings.Contains(body, l.github) || got["content"] != "the token is [SECRET:github-pat] keep it" {
		t.Errorf("content %q in %q", got["content"], body)
	}
	if ev := h.lastEvent(t); ev.PromptTokens != 3 || ev.CompletionTokens != 4 {
		t.Errorf("metered %d+%d tokens", ev.PromptTokens, ev.CompletionTokens)
	}
}

// TestGuardStreamDataLinesEachBlocked: when the guard ends a stream on
// a later data line of an event whose lines are each a chunk, the lines
// before it, already checked, go out as checked (masked where they
// were), in an event of their own, then the error event, as they would
// have had each come in an event of its own; the line that blocks and
// those after it do not. Before, the whole event was dropped, the
// checked lines with it.
func TestGuardStreamDataLinesEachBlocked(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	chunk := func(i int, text string) string {
		b, _ := json.Marshal(map[string]any{"id": "c1", "choices": []any{map[string]any{"index": i, "delta": map[string]any{"content": text}, "finish_reason": "stop"}}})
		return "data: " + string(b)
	}
	for _, c := range []struct {
		name, first, want, end string
	}{
		{name: "masked", first: "card " + l.card + " ok", want: "card [CARD ****1111] ok", end: "\n\n"},
		{name: "unchanged", first: "hello", want: "hello", end: "\r\n\r\n"},
		{name: "masked, last event unended", first: "card " + l.card + " ok", want: "card [CARD ****1111] ok"},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, func(string) string {
				return chunk(0, c.first) + "\n" + chunk(1, "key "+l.github+" ok") + "\n" + chunk(2, "after") + c.end
			})
			h, key := blockingHarness(t, up, KindOpenAI, det)
			h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
			_, body := h.post(t, routeChat, key, strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
			got, _, code := streamed(t, body)
			lines := dataLines(body)
			if code != "sensitive_data_detected" || !strings.Contains(lines[len(lines)-1], `"error"`) || !strings.HasSuffix(body, "\n\n") {
				t.Fatalf("code %q, want the stream to end with an error event: %q", code, body)
			}
			if strings.Contains(body, l.github) || strings.Contains(body, l.card) || strings.Contains(body, "after") || got["content"] != c.want {
				t.Errorf("content %q, want %q: %q", got["content"], c.want, body)
			}
			if n := strings.Count(body, "\n\n"); n != 2 {
				t.Errorf("%d events, want the checked lines' and the error's: %q", n, body)
			}
		})
	}
}

// TestGuardStreamLastEventUnended: a stream that ends in an event
// without its blank line has that event checked too (SDKs drop it, but
// a client reading lines takes it, as the meter does): before, it went
// out as it came, so a credential ending the answer reached the client.
func TestGuardStreamLastEventUnended(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	up := newUpstream(t)
	fixedAnswer(up, func(string) string {
		s := fieldStream("content")("the token is " + l.github)
		return strings.TrimSuffix(s[:strings.Index(s, `data: {"id":"c1","choices":[{"index":0,"delta":{},`)], "\n")
	})
	h, key := blockingHarness(t, up, KindOpenAI, det)
	_, body := h.post(t, routeChat, key, strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
	got, _, _ := streamed(t, body)
	if strings.Contains(body, l.github[len(l.github)-3:]) || got["content"] != "the token is [SECRET:github-pat]" {
		t.Errorf("content %q in %q", got["content"], body)
	}
}

// TestGuardStreamNotJSON: a data payload that is not a JSON object (a
// chunk's JSON cut in the middle of a string, plain text) passes as it
// came, but the event says part of the answer went out unchecked.
func TestGuardStreamNotJSON(t *testing.T) {
	up := newUpstream(t)
	fixedAnswer(up, func(string) string {
		return sse(`data: {"id":"c1","choices":[{"index":0,"delta":{"content":"he`, `data: llo"}}]}`,
			`data: {"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}`, "data: [DONE]")
	})
	h := newHarness(t, provider(t, "p", KindOpenAI, up.URL))
	h.gw.Guard = guardOn(GuardBlock, 0.99)
	key, _ := h.issue(t, authn.Limits{})
	if resp, body := h.post(t, routeChat, key, chatJSON(true, "user", "hi")); resp.StatusCode != 200 || !strings.Contains(body, `"content":"he`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if ev := h.lastEvent(t); !slices.Contains(ev.Verdicts, uncheckedVerdict) {
		t.Errorf("verdicts %+v, want %+v", ev.Verdicts, uncheckedVerdict)
	}
}
