package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestBoolField(t *testing.T) {
	tests := []struct {
		doc, key string
		want     bool
	}{
		{`{"stream":true}`, `"stream"`, true},
		{`{"stream" : true}`, `"stream"`, true},
		{`{"stream":false}`, `"stream"`, false},
		{`{"stream_options":{"include_usage":true}}`, `"stream"`, false},
		{`{"stream_options":{"include_usage":true},"stream":true}`, `"stream"`, true},
		{`{"stream_options":{"include_usage": true}}`, `"include_usage"`, true},
		{`{"messages":[]}`, `"stream"`, false},
	}
	for _, tt := range tests {
		if got := boolField([]byte(tt.doc), tt.key); got != tt.want {
			t.Errorf("boolField(%s, %s) = %v, want %v", tt.doc, tt.key, got, tt.want)
		}
	}
}

func do(t *testing.T, s *server, method, path, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

func TestJSONAnswersParse(t *testing.T) {
	s := newServer(3, 0, 0, "")
	tests := []struct{ method, path, body, want string }{
		{http.MethodPost, "/v1/chat/completions", `{"model":"m"}`, `"total_tokens":15`},
		{http.MethodPost, "/v1/embeddings", `{"input":"x"}`, `"prompt_tokens":12`},
		{http.MethodGet, "/v1/models", "", `"gpt-4o-mini"`},
		{http.MethodPost, "/v1/messages", `{"model":"m"}`, `"output_tokens":3`},
	}
	for _, tt := range tests {
		code, body := do(t, s, tt.method, tt.path, tt.body, nil)
		if code != http.StatusOK || !strings.Contains(body, tt.want) {
			t.Errorf("%s %s = %d %s, want 200 with %s", tt.method, tt.path, code, body, tt.want)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("%s %s: not JSON: %v", tt.method, tt.path, err)
		}
	}
}

func TestChatStream(t *testing.T) {
	s := newServer(4, 0, 0, "")
	tests := []struct {
		body      string
		wantUsage bool
	}{
		{`{"stream":true}`, false},
		{`{"stream":true,"stream_options":{"include_usage":true}}`, true},
	}
	for _, tt := range tests {
		_, body := do(t, s, http.MethodPost, "/v1/chat/completions", tt.body, nil)
		events := strings.Split(strings.TrimSuffix(body, "\n\n"), "\n\n")
		want := 4 + 1
		if tt.wantUsage {
			want++
		}
		if len(events) != want || events[len(events)-1] != "data: [DONE]" {
			t.Fatalf("%s: %d events ending %q, want %d ending [DONE]", tt.body, len(events), events[len(events)-1], want)
		}
		for _, e := range events[:len(events)-1] {
			var v map[string]any
			if err := json.Unmarshal([]byte(strings.TrimPrefix(e, "data: ")), &v); err != nil {
				t.Fatalf("%s: event %q is not JSON: %v", tt.body, e, err)
			}
		}
		if got := strings.Contains(body, `"usage"`); got != tt.wantUsage {
			t.Errorf("%s: usage chunk present = %v, want %v", tt.body, got, tt.wantUsage)
		}
	}
}

func TestMessagesStream(t *testing.T) {
	s := newServer(2, 0, 0, "")
	_, body := do(t, s, http.MethodPost, "/v1/messages", `{"stream": true}`, nil)
	var types []string
	for _, e := range strings.Split(strings.TrimSuffix(body, "\n\n"), "\n\n") {
		lines := strings.SplitN(e, "\n", 2)
		var v struct{ Type string }
		if len(lines) != 2 || json.Unmarshal([]byte(strings.TrimPrefix(lines[1], "data: ")), &v) != nil ||
			lines[0] != "event: "+v.Type {
			t.Fatalf("bad event %q", e)
		}
		types = append(types, v.Type)
	}
	want := "message_start content_block_start content_block_delta content_block_delta content_block_stop message_delta message_stop"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("events %s, want %s", got, want)
	}
}

func TestKeyRequired(t *testing.T) {
	key := strings.Repeat("k", 20)
	s := newServer(1, 0, 0, key)
	tests := []struct {
		hdr  map[string]string
		want int
	}{
		{nil, http.StatusUnauthorized},
		{map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
		{map[string]string{"Authorization": "Bearer " + key}, http.StatusOK},
		{map[string]string{"X-Api-Key": key}, http.StatusOK},
	}
	for _, tt := range tests {
		if code, _ := do(t, s, http.MethodGet, "/v1/models", "", tt.hdr); code != tt.want {
			t.Errorf("headers %v: %d, want %d", tt.hdr, code, tt.want)
		}
	}
}

func TestListenLoopbackOnly(t *testing.T) {
	if _, err := listenLoopback("0.0.0.0:0"); err == nil {
		t.Fatal("listenLoopback(0.0.0.0:0) succeeded, want refusal")
	}
	ln, err := listenLoopback("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_ = ln.Close()
}

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the handler alone.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Flush()                      {}

func benchRoute(b *testing.B, path, body string) {
	s := newServer(8, 0, 0, "")
	req := httptest.NewRequest(http.MethodPost, path, nil)
	rd := strings.NewReader(body)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		rd.Reset(body)
		req.Body = io.NopCloser(rd)
		clear(w.h)
		s.ServeHTTP(w, req)
	}
}

func BenchmarkChatJSON(b *testing.B) {
	benchRoute(b, "/v1/chat/completions", `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}`)
}

func BenchmarkChatStream(b *testing.B) {
	benchRoute(b, "/v1/chat/completions", `{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true}}`)
}

func TestChunkDelayHeader(t *testing.T) {
	s := newServer(3, 0, 0, "")
	start := time.Now()
	_, body := do(t, s, http.MethodPost, "/v1/chat/completions", `{"stream":true}`, map[string]string{"X-Bench-Chunk-Delay": "20ms"})
	if took := time.Since(start); took < 40*time.Millisecond || !strings.HasSuffix(body, "data: [DONE]\n\n") {
		t.Errorf("3 chunks 20ms apart took %v, body %q", took, body)
	}
}
