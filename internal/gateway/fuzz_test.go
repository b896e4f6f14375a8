package gateway

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":5,"stream":true,"stream_options":{"include_usage":false}}`))
	f.Add([]byte(`{"model":"m","max_output_tokens":-1}`))
	f.Add([]byte(`[[[[{"model":"m"}]]]]`))
	f.Add([]byte("{\"model\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, e := parseRequest(body)
		if e != nil {
			if e.status != 400 || bytes.Contains([]byte(e.msg), body) && len(body) > 8 {
				t.Fatalf("error %d %q quotes the body or has the wrong status", e.status, e.msg)
			}
			return
		}
		if in.model == "" || in.maxTokens < 0 {
			t.Fatalf("accepted %+v", in)
		}
		if in.stream {
			if _, err := in.withUsage(); err != nil && len(body) < 1<<16 {
				t.Fatalf("withUsage on an accepted body: %v", err)
			}
		}
	})
}

// FuzzMeteredSSE feeds a stream in pieces of every size: the answer must
// pass through unchanged and the usage never go negative.
func FuzzMeteredSSE(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[]}\n\ndata: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n\ndata: [DONE]\n\n"), uint8(7))
	f.Add([]byte("event: message_start\ndata: {\"message\":{\"usage\":{\"input_tokens\":9}}}\r\n\r\n"), uint8(1))
	f.Fuzz(func(t *testing.T, stream []byte, piece uint8) {
		size := int(piece)%64 + 1
		var got usage
		m := &meteredBody{rc: io.NopCloser(&chunked{b: stream, n: size}), sse: true, started: time.Now(),
			onFirst: func(time.Duration) {}, onDone: func(u usage, _ bool, _ int) { got = u }}
		out, err := io.ReadAll(m)
		m.Close()
		if err != nil || !bytes.Equal(out, stream) {
			t.Fatalf("stream changed: %v", err)
		}
		if got.prompt < 0 || got.completion < 0 {
			t.Fatalf("usage %+v", got)
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
