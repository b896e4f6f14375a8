// Command fakeupstream is an OpenAI- and Anthropic-compatible upstream for
// gateway benchmarks: every answer is rendered once at start-up, so the
// upstream costs as little as possible and a proxy in front of it is what
// gets measured. It listens on loopback only and prints its address
// (host:port) on the first line of stdout.
//
//	fakeupstream [-listen 127.0.0.1:0] [-chunks 8] [-delay 0] [-chunk-delay 0] [-key-env VAR]
//
// Routes:
//
//	POST /v1/chat/completions  JSON completion with usage; "stream": true gives
//	                           -chunks SSE chunks, a usage chunk when
//	                           stream_options.include_usage is true, then [DONE]
//	POST /v1/embeddings        one embedding with usage
//	GET  /v1/models            two models
//	POST /v1/messages          Anthropic message; "stream": true gives
//	                           message_start … content_block_delta × -chunks …
//	                           message_delta (output_tokens), message_stop
//	GET  /stats                {"requests":N} served so far
//
// A request header "X-Bench-Chunk-Delay: 20ms" sets the wait between
// streamed chunks for that request alone, so a benchmark can tell a proxy
// that passes each chunk on at once from one that buffers the stream.
//
// With -key-env VAR, requests must carry the key in $VAR (as "Authorization:
// Bearer KEY" or "x-api-key: KEY"), so a benchmark proves that a gateway
// put its provider key on the request; others get 401.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// promptTokens is the prompt size every answer reports.
const promptTokens = 12

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	chunks := flag.Int("chunks", 8, "content chunks in a streamed answer (and completion tokens)")
	delay := flag.Duration("delay", 0, "wait before answering (upstream think time)")
	chunkDelay := flag.Duration("chunk-delay", 0, "wait between streamed chunks")
	keyEnv := flag.String("key-env", "", "environment variable holding the key requests must carry")
	flag.Parse()
	if err := run(*listen, *chunks, *delay, *chunkDelay, *keyEnv); err != nil {
		fmt.Fprintln(os.Stderr, "fakeupstream:", err)
		os.Exit(1)
	}
}

func run(listen string, chunks int, delay, chunkDelay time.Duration, keyEnv string) error {
	if chunks < 1 {
		return fmt.Errorf("-chunks %d: need at least 1", chunks)
	}
	key := ""
	if keyEnv != "" {
		if key = os.Getenv(keyEnv); key == "" {
			return fmt.Errorf("-key-env %s: variable is empty", keyEnv)
		}
	}
	ln, err := listenLoopback(listen)
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	srv := &http.Server{
		Handler:           newServer(chunks, delay, chunkDelay, key),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       5 * time.Minute,
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	return nil
}

// listenLoopback listens on addr, refusing any address that is not loopback.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("-listen %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("-listen %q: only loopback addresses are allowed", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// bodies holds every answer, rendered once.
type bodies struct {
	chat, embeddings, models, message  []byte
	chatChunk, chatUsage, done         []byte
	msgStart, msgDelta, msgEnd         []byte
	chatLen, embLen, modelsLen, msgLen []string
}

// server answers from pre-rendered bodies.
type server struct {
	b          bodies
	chunks     int
	delay      time.Duration
	chunkDelay time.Duration
	bearer     string // "Bearer KEY", or "" when any request is accepted
	key        string
	requests   atomic.Int64
	bufs       sync.Pool
}

var (
	jsonType = []string{"application/json"}
	sseType  = []string{"text/event-stream"}
	noCache  = []string{"no-cache"}
)

func newServer(chunks int, delay, chunkDelay time.Duration, key string) *server {
	s := &server{b: render(chunks), chunks: chunks, delay: delay, chunkDelay: chunkDelay, key: key}
	if key != "" {
		s.bearer = "Bearer " + key
	}
	s.bufs.New = func() any { return bytes.NewBuffer(make([]byte, 0, 4096)) }
	return s
}

// ServeHTTP routes by method and path without a mux.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.URL.Path == "/stats" {
		writeJSON(w, http.StatusOK, []byte(`{"requests":`+strconv.FormatInt(s.requests.Load(), 10)+"}\n"), nil)
		return
	}
	if s.key != "" && !s.authorized(r) {
		writeJSON(w, http.StatusUnauthorized, []byte(`{"error":{"message":"bad key","type":"invalid_request_error"}}`), nil)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		writeJSON(w, http.StatusOK, s.b.models, s.b.modelsLen)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		s.chat(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/embeddings":
		s.drain(r)
		s.wait()
		writeJSON(w, http.StatusOK, s.b.embeddings, s.b.embLen)
	case r.Method == http.MethodPost && r.URL.Path == "/v1/messages":
		s.messages(w, r)
	default:
		writeJSON(w, http.StatusNotFound, []byte(`{"error":{"message":"no such route","type":"invalid_request_error"}}`), nil)
	}
}

func (s *server) authorized(r *http.Request) bool {
	if v := r.Header["Authorization"]; len(v) == 1 && v[0] == s.bearer {
		return true
	}
	v := r.Header["X-Api-Key"]
	return len(v) == 1 && v[0] == s.key
}

func (s *server) wait() {
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
}

// drain reads the request body into a pooled buffer; the caller returns it.
func (s *server) drain(r *http.Request) *bytes.Buffer {
	buf := s.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	_, _ = buf.ReadFrom(r.Body)
	return buf
}

func (s *server) chat(w http.ResponseWriter, r *http.Request) {
	buf := s.drain(r)
	stream, usage := boolField(buf.Bytes(), `"stream"`), boolField(buf.Bytes(), `"include_usage"`)
	s.bufs.Put(buf)
	s.wait()
	if !stream {
		writeJSON(w, http.StatusOK, s.b.chat, s.b.chatLen)
		return
	}
	gap := s.gap(r)
	sw := startSSE(w)
	for i := 0; i < s.chunks; i++ {
		pause(i, gap)
		sw.send(s.b.chatChunk)
	}
	if usage {
		sw.send(s.b.chatUsage)
	}
	sw.send(s.b.done)
}

func (s *server) messages(w http.ResponseWriter, r *http.Request) {
	buf := s.drain(r)
	stream := boolField(buf.Bytes(), `"stream"`)
	s.bufs.Put(buf)
	s.wait()
	if !stream {
		writeJSON(w, http.StatusOK, s.b.message, s.b.msgLen)
		return
	}
	gap := s.gap(r)
	sw := startSSE(w)
	sw.send(s.b.msgStart)
	for i := 0; i < s.chunks; i++ {
		pause(i, gap)
		sw.send(s.b.msgDelta)
	}
	sw.send(s.b.msgEnd)
}

// gap is the wait between streamed chunks: the request's
// X-Bench-Chunk-Delay when it has a valid one, else -chunk-delay.
func (s *server) gap(r *http.Request) time.Duration {
	if v := r.Header["X-Bench-Chunk-Delay"]; len(v) == 1 {
		if d, err := time.ParseDuration(v[0]); err == nil && d >= 0 && d <= 10*time.Second {
			return d
		}
	}
	return s.chunkDelay
}

func pause(i int, gap time.Duration) {
	if i > 0 && gap > 0 {
		time.Sleep(gap)
	}
}

// sse writes and flushes server-sent events.
type sse struct {
	w http.ResponseWriter
	f http.Flusher
}

func startSSE(w http.ResponseWriter) sse {
	h := w.Header()
	h["Content-Type"] = sseType
	h["Cache-Control"] = noCache
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	return sse{w: w, f: f}
}

func (s sse) send(p []byte) {
	_, _ = s.w.Write(p)
	if s.f != nil {
		s.f.Flush()
	}
}

// writeJSON writes a JSON answer; length is its pre-formatted
// Content-Length, or nil to format it here.
func writeJSON(w http.ResponseWriter, status int, body []byte, length []string) {
	h := w.Header()
	h["Content-Type"] = jsonType
	if length == nil {
		length = []string{strconv.Itoa(len(body))}
	}
	h["Content-Length"] = length
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// boolField reports whether JSON text has key (quoted) set to true
// anywhere, without decoding it: `"stream": true` and `"stream":true` both
// match; `"stream_options"` does not match `"stream"`.
func boolField(doc []byte, key string) bool {
	for rest := doc; ; {
		i := bytes.Index(rest, []byte(key))
		if i < 0 {
			return false
		}
		rest = rest[i+len(key):]
		v := bytes.TrimLeft(rest, " \t\r\n")
		if len(v) == 0 || v[0] != ':' {
			continue
		}
		if bytes.HasPrefix(bytes.TrimLeft(v[1:], " \t\r\n"), []byte("true")) {
			return true
		}
	}
}

// render builds every answer for a stream of n chunks (n completion tokens).
func render(n int) bodies {
	total := promptTokens + n
	content := bytes.Repeat([]byte("tok "), n)
	var b bodies
	b.chat = []byte(fmt.Sprintf(`{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",`+
		`"choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}],`+
		`"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}`, content, promptTokens, n, total))
	b.chatChunk = []byte(`data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini",` +
		`"choices":[{"index":0,"delta":{"content":"tok "},"finish_reason":null}]}` + "\n\n")
	b.chatUsage = []byte(fmt.Sprintf(`data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini",`+
		`"choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}`+"\n\n", promptTokens, n, total))
	b.done = []byte("data: [DONE]\n\n")
	b.embeddings = []byte(fmt.Sprintf(`{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023,-0.0093,0.0158,0.0071]}],`+
		`"model":"text-embedding-3-small","usage":{"prompt_tokens":%d,"total_tokens":%d}}`, promptTokens, promptTokens))
	b.models = []byte(`{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1700000000,"owned_by":"bench"},` +
		`{"id":"text-embedding-3-small","object":"model","created":1700000000,"owned_by":"bench"}]}`)
	b.message = []byte(fmt.Sprintf(`{"id":"msg_bench","type":"message","role":"assistant","model":"claude-3-5-haiku-latest",`+
		`"content":[{"type":"text","text":%q}],"stop_reason":"end_turn","stop_sequence":null,`+
		`"usage":{"input_tokens":%d,"output_tokens":%d}}`, content, promptTokens, n))
	b.msgStart = []byte(fmt.Sprintf("event: message_start\n"+`data: {"type":"message_start","message":{"id":"msg_bench","type":"message",`+
		`"role":"assistant","model":"claude-3-5-haiku-latest","content":[],"stop_reason":null,"stop_sequence":null,`+
		`"usage":{"input_tokens":%d,"output_tokens":1}}}`+"\n\n"+
		"event: content_block_start\n"+`data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`+"\n\n", promptTokens))
	b.msgDelta = []byte("event: content_block_delta\n" +
		`data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"tok "}}` + "\n\n")
	b.msgEnd = []byte(fmt.Sprintf("event: content_block_stop\n"+`data: {"type":"content_block_stop","index":0}`+"\n\n"+
		"event: message_delta\n"+`data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":%d}}`+"\n\n"+
		"event: message_stop\n"+`data: {"type":"message_stop"}`+"\n\n", n))
	b.chatLen = []string{strconv.Itoa(len(b.chat))}
	b.embLen = []string{strconv.Itoa(len(b.embeddings))}
	b.modelsLen = []string{strconv.Itoa(len(b.models))}
	b.msgLen = []string{strconv.Itoa(len(b.message))}
	return b
}
