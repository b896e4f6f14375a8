package gateway

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"
)

func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":5,"stream":true,"stream_options":{"include_usage":false}}`))
	f.Add([]byte(`{"model":"m","max_output_tokens":-1}`))
	f.Add([]byte(`[[[[{"model":"m"}]]]]`))
	f.Add([]byte("{\"model\":\"\xff\"}"))
	f.Add([]byte(`{"model":"m","messages":[],"bogus_field":1}`))
	f.Add([]byte(`{"model":"m","a\u0000\n\"b":{"c":1}}`))
	chat := (&Gateway{Options: Options{Fields: FieldOptions{Extra: []string{"top_k"}}}}).requestFields(routeChat)
	f.Fuzz(func(t *testing.T, body []byte) {
		// The field check only ever adds a refusal, which names a field
		// bounded and without control characters.
		in, e := parseRequest(body)
		if _, ce := parseBody(body, chat); ce != nil && ce.code == "unknown_parameter" {
			if len(ce.msg) > 400 || strings.ContainsFunc(ce.msg, unicode.IsControl) {
				t.Fatalf("unknown field named unbounded or unescaped: %q", ce.msg)
			}
		} else if (ce == nil) != (e == nil) {
			t.Fatalf("the field check changed %v into %v", e, ce)
		}
		if e != nil {
			if e.status != 400 || bytes.Contains([]byte(e.msg), body) && len(body) > 8 {
				t.Fatalf("error %d %q quotes the body or has the wrong status", e.status, e.msg)
			}
			return
		}
		if in.model == "" || in.maxTokens < 0 {
			t.Fatalf("accepted %+v", in)
		}
		doc, err := parseTexts(in.body)
		if err != nil {
			t.Fatalf("the guard cannot read an accepted body: %v", err)
		}
		doc.appendSystem("+")
		if out := doc.encode(); !json.Valid(out) {
			t.Fatalf("the guard's rewrite is not JSON: %q", out)
		}
		if in.stream {
			if _, err := in.withUsage(); err != nil && len(body) < 1<<16 {
				t.Fatalf("withUsage on an accepted body: %v", err)
			}
		}
	})
}

// FuzzMeteredSSE feeds a stream in pieces of every size: the answer must
// pass through unchanged, the usage never go negative, and what is read
// of it not depend on the pieces.
func FuzzMeteredSSE(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[]}\n\ndata: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\ndata: [DONE]\n\n"), uint8(7))
	f.Add([]byte("event: message_start\ndata: {\"message\":{\"usage\":{\"input_tokens\":9}}}\r\n\r\n"), uint8(1))
	f.Fuzz(func(t *testing.T, stream []byte, piece uint8) {
		read := func(r io.Reader) (usage, bool) {
			var got usage
			var complete bool
			m := &meteredBody{rc: io.NopCloser(r), sse: true, started: time.Now(),
				onFirst: func(time.Duration) {}, onDone: func(u usage, c bool, _ int) { got, complete = u, c }}
			out, err := io.ReadAll(m)
			m.Close()
			if err != nil || !bytes.Equal(out, stream) {
				t.Fatalf("stream changed: %v", err)
			}
			return got, complete
		}
		got, complete := read(&chunked{b: stream, n: int(piece)%64 + 1})
		if got.prompt < 0 || got.completion < 0 {
			t.Fatalf("usage %+v", got)
		}
		if whole, wholeComplete := read(bytes.NewReader(stream)); got != whole || complete != wholeComplete {
			t.Fatalf("in pieces %+v %v, whole %+v %v", got, complete, whole, wholeComplete)
		}
	})
}

// chunked reads b n bytes at a time.
type chunked struct {
	b []byte
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := min(c.n, len(p), len(c.b))
	copy(p, c.b[:k])
	c.b = c.b[k:]
	return k, nil
}

// FuzzSSEGuard feeds a stream in pieces of every size through the
// guard's stream rewriter (the default block policy): it never panics,
// a stream with no data lines passes unchanged, and the output does not
// depend on the pieces.
func FuzzSSEGuard(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"card 4111 1111 \"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"1111 1111 ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"), uint8(5), false)
	f.Add([]byte("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\r\n\r\nevent: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"), uint8(1), true)
	f.Add([]byte(": comment\n\nevent: ping\n\n"), uint8(3), false)
	f.Fuzz(func(t *testing.T, stream []byte, piece uint8, anthropic bool) {
		size := int(piece)%64 + 1
		pol := DefaultGuardPolicy(GuardBlock)
		g := &Gateway{Options: Options{Guard: &GuardOptions{Default: pol}}}
		f := &flight{anthropic: anthropic, cancel: func() {}, guard: &flightGuard{policy: pol}}
		s := g.newSSEGuard(f, io.NopCloser(&chunked{b: stream, n: size}))
		out, err := io.ReadAll(s)
		s.Close()
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if !bytes.Contains(stream, []byte("data:")) && !bytes.Equal(out, stream) {
			t.Fatalf("a stream without data changed:\n%q\n%q", stream, out)
		}
		// Events are read whole, whatever pieces they come in.
		whole, _ := io.ReadAll(g.newSSEGuard(&flight{anthropic: anthropic, cancel: func() {}, guard: &flightGuard{policy: pol}},
			io.NopCloser(bytes.NewReader(stream))))
		if !bytes.Equal(out, whole) {
			t.Fatalf("in pieces of %d:\n%q\nwhole:\n%q", size, out, whole)
		}
	})
}

// FuzzUsageChunkFilter: the filter's output does not depend on how the
// stream is cut into reads, and a stream without a usage chunk passes
// unchanged.
func FuzzUsageChunkFilter(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\n\ndata: [DONE]\n\n"), uint8(3))
	f.Add([]byte("data: {\"choices\":[],\"usage\":null}\r\n\r\n: keep-alive\n\n"), uint8(1))
	f.Fuzz(func(t *testing.T, stream []byte, piece uint8) {
		whole, err := io.ReadAll(newUsageChunkFilter(io.NopCloser(bytes.NewReader(stream))))
		if err != nil {
			t.Fatal(err)
		}
		cut, err := io.ReadAll(newUsageChunkFilter(io.NopCloser(&chunked{b: stream, n: int(piece)%64 + 1})))
		if err != nil || !bytes.Equal(whole, cut) {
			t.Fatalf("output depends on the reads: %q vs %q (%v)", whole, cut, err)
		}
		if !bytes.Contains(stream, []byte(`"choices"`)) && !bytes.Equal(whole, stream) {
			t.Fatalf("a stream without a usage chunk changed: %q -> %q", stream, whole)
		}
	})
}
