package gateway

import (
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

// benchStreams are answers as providers stream them, one data line an
// event: an OpenAI chat answer with its usage chunk and an Anthropic
// one with event lines, 300 deltas of ordinary text each.
var benchStreams = func() map[string]string {
	text := strings.Repeat("The invoice was sent on Monday and paid within the week. ", 60)
	var chat, anth []string
	for _, p := range pieces(text, 12) {
		b, _ := json.Marshal(map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": p}, "finish_reason": nil}}})
		chat = append(chat, "data: "+string(b))
		b, _ = json.Marshal(map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "text_delta", "text": p}})
		anth = append(anth, "event: content_block_delta\ndata: "+string(b))
	}
	chat = append(chat, `data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`,
		`data: {"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":300}}`, "data: [DONE]")
	anth = append([]string{`event: message_start` + "\n" + `data: {"type":"message_start","message":{"usage":{"input_tokens":30,"output_tokens":1}}}`}, anth...)
	anth = append(anth, "event: content_block_stop\n"+`data: {"type":"content_block_stop","index":0}`,
		"event: message_delta\n"+`data: {"type":"message_delta","usage":{"output_tokens":300}}`, "event: message_stop\n"+`data: {"type":"message_stop"}`)
	return map[string]string{"chat": sse(chat...), "anthropic": sse(anth...)}
}()

// benchSSE reads each stream through the reader wrap makes of it, the
// stream coming 1 KiB a read (as a provider's flushed events do).
func benchSSE(b *testing.B, wrap func(src io.ReadCloser, anthropic bool) io.ReadCloser) {
	for _, name := range []string{"chat", "anthropic"} {
		stream := benchStreams[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(stream)))
			b.ReportAllocs()
			buf := make([]byte, 32<<10)
			for b.Loop() {
				r := wrap(io.NopCloser(&chunked{b: []byte(stream), n: 1 << 10}), name == "anthropic")
				for {
					if _, err := r.Read(buf); err != nil {
						break
					}
				}
				r.Close()
			}
		})
	}
}

// BenchmarkMeteredSSE: the usage meter reading a stream as it passes.
func BenchmarkMeteredSSE(b *testing.B) {
	benchSSE(b, func(src io.ReadCloser, _ bool) io.ReadCloser {
		return &meteredBody{rc: src, sse: true, started: time.Now(), onFirst: func(time.Duration) {}, onDone: func(usage, bool, int) {}}
	})
}

// BenchmarkSSEGuard: the guard's stream rewriter (default block policy)
// on an answer with nothing to mask.
func BenchmarkSSEGuard(b *testing.B) {
	pol := DefaultGuardPolicy(GuardBlock)
	g := &Gateway{Options: Options{Guard: &GuardOptions{Default: pol}}}
	benchSSE(b, func(src io.ReadCloser, anthropic bool) io.ReadCloser {
		f := &flight{anthropic: anthropic, cancel: func() {}, guard: &flightGuard{policy: pol}}
		return g.newSSEGuard(f, src)
	})
}

// BenchmarkUsageChunkFilter: the filter that takes out the usage chunk
// Ward asked for.
func BenchmarkUsageChunkFilter(b *testing.B) {
	benchSSE(b, func(src io.ReadCloser, _ bool) io.ReadCloser { return newUsageChunkFilter(src) })
}
