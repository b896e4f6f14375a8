package gateway

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/wardsec/ward/internal/authn"
)

// TestMain fails the package's run if any goroutine is still running
// once every test is done and has closed what it opened. No goroutine is
// ignored: the servers, caches, writers and stores the tests open are
// all closed by their cleanups, and httptest.Server.Close closes the
// default transport's idle connections, so whatever is left is a leak.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// leakCheck marks the goroutines running now (the test's servers, the
// gateway's key cache and usage writer, earlier tests' leftovers) and
// returns a check that every goroutine started since has ended, run
// while those servers still listen: a gateway serves for months, so a
// goroutine that only ends when its test's servers close is a leak all
// the same, which the package-wide check in TestMain cannot see.
//
// Idle keep-alive connections are not leaks. Before looking, the check
// closes them: the default transport's (the tests' clients), and those
// the given servers hold (the gateway's, and the upstreams' whose
// pooled connections the gateway's direct transport holds without a
// goroutine of its own). It closes only idle ones: an answer still
// being copied, or a handler still waiting on its upstream, stays and
// is reported.
//
// A goroutine may take a moment to see its connection end, so the check
// waits up to 5 s for the count to settle before reporting (goleak's own
// retries add up to less than half a second, too little on a loaded
// 2-core machine running the race detector).
func leakCheck(t *testing.T, servers ...*httptest.Server) func() {
	t.Helper()
	mark := goleak.IgnoreCurrent()
	return func() {
		t.Helper()
		http.DefaultClient.CloseIdleConnections()
		for _, s := range servers {
			s.Config.SetKeepAlivesEnabled(false) // closes its idle connections
		}
		defer func() {
			for _, s := range servers {
				s.Config.SetKeepAlivesEnabled(true)
			}
		}()
		for deadline := time.Now().Add(5 * time.Second); goleak.Find(mark) != nil && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		goleak.VerifyNone(t, mark)
	}
}

// hijack takes the connection of an upstream's request, its body read,
// to write raw bytes and end it as a faulty server or network would.
func hijack(t *testing.T, w http.ResponseWriter) net.Conn {
	c, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return nil
	}
	return c
}

// reset ends c with a TCP reset (RST) rather than an orderly close.
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Close()
}

// TestUpstreamFaultsLeaveNoGoroutine: whatever goes wrong with the
// upstream (a 5xx, a connection reset before or during the answer, an
// answer or stream cut short or malformed, an upstream that stalls
// before its headers or in the middle of its stream) or with the client
// (gone in the middle of a stream), with the guard off and on, the
// request ends within its timeouts, is settled (an event is recorded),
// and leaves no goroutine behind in the gateway, in its connections to
// the upstream or in the upstream's handler (which must see the gateway
// let go of the request).
func TestUpstreamFaultsLeaveNoGoroutine(t *testing.T) {
	const (
		streamReq = `{"model":"gpt-4o-mini","stream":true,"max_tokens":50,"messages":[{"role":"user","content":"hello"}]}`
		jsonReq   = `{"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"hello"}]}`
		chunk     = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab\"},\"finish_reason\":null}]}\n\n"
	)
	faults := []struct {
		name   string
		body   string
		handle func(t *testing.T, w http.ResponseWriter, r *http.Request)
		// leave: the client reads a little of the answer and goes away;
		// otherwise it reads the answer to its end.
		leave bool
	}{
		{name: "500", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"error":{"message":"boom","type":"server_error"}}`)
		}},
		{name: "503 to a stream", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}},
		{name: "reset before the answer", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			if c := hijack(t, w); c != nil {
				reset(c)
			}
		}},
		{name: "reset in the middle of a stream", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			if c := hijack(t, w); c != nil {
				fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(chunk), chunk)
				time.Sleep(20 * time.Millisecond) // the chunk is on its way
				reset(c)
			}
		}},
		{name: "reset in the middle of a JSON answer", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			if c := hijack(t, w); c != nil {
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"c1\",\"choices\":[")
				time.Sleep(20 * time.Millisecond)
				reset(c)
			}
		}},
		{name: "JSON answer shorter than its length", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			if c := hijack(t, w); c != nil {
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"c1\",\"choices\":[")
				c.Close()
			}
		}},
		{name: "stream cut without its last chunk", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			if c := hijack(t, w); c != nil {
				fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(chunk), chunk)
				c.Close() // no terminating zero-length chunk
			}
		}},
		{name: "stream ended without usage or [DONE]", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, chunk+chunk)
		}},
		{name: "malformed stream", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"he\n\n\x00\xff\xfe not an event ")
			io.WriteString(w, strings.Repeat("x", 70<<10)) // a line longer than any buffer, never ended
		}},
		{name: "malformed JSON answer", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":"c1","choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":`)
		}},
		{name: "no headers within the first-byte timeout", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{name: "stream idle in the middle", body: streamReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, chunk)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
		{name: "JSON answer idle in the middle", body: jsonReq, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":"c1",`)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
		{name: "client gone in the middle of a stream", body: streamReq, leave: true, handle: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			for {
				io.WriteString(w, chunk)
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}},
	}
	ok := func(t *testing.T, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}`)
	}
	up := newUpstream(t)
	var mu sync.Mutex
	var handle func(t *testing.T, w http.ResponseWriter, r *http.Request)
	var current *testing.T
	set := func(t *testing.T, f func(t *testing.T, w http.ResponseWriter, r *http.Request)) {
		mu.Lock()
		handle, current = f, t
		mu.Unlock()
	}
	up.handle = func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		f, t := handle, current
		mu.Unlock()
		f(t, w, r)
	}
	for _, guarded := range []bool{false, true} {
		h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
		// Short timeouts, so that the stalled upstreams cost little; the
		// direct transport takes the first-byte timeout when it is made.
		o := h.gw.Options
		o.FirstByteTimeout, o.IdleTimeout = 400*time.Millisecond, 200*time.Millisecond
		if guarded {
			o.Guard = guardOn(GuardBlock, 0.99)
		}
		h.gw = New(o)
		h.srv = httptest.NewServer(h.gw.Handler())
		t.Cleanup(h.srv.Close)
		key, _ := h.issue(t, authn.Limits{Concurrency: 1})
		for _, f := range faults {
			t.Run(fmt.Sprintf("%s, guard %v", f.name, guarded), func(t *testing.T) {
				set(t, f.handle)
				h.mu.Lock()
				h.events = nil
				h.mu.Unlock()
				check := leakCheck(t, h.srv, up.Server)
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.srv.URL+routeChat, strings.NewReader(f.body))
				req.Header.Set("Authorization", "Bearer "+key)
				start := time.Now()
				status := 0
				if resp, err := http.DefaultClient.Do(req); err == nil {
					status = resp.StatusCode
					if f.leave {
						resp.Body.Read(make([]byte, 64))
						cancel()
					} else {
						io.Copy(io.Discard, resp.Body)
					}
					resp.Body.Close()
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("the request took %v (status %d)", d, status)
				}
				ev := h.lastEvent(t)
				t.Logf("status %d, event %s %s %d", status, ev.Decision, ev.Reason, ev.Status)
				check()
				// The request's concurrency slot is free again.
				set(t, ok)
				for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
					resp, body := h.post(t, routeChat, key, jsonReq)
					if resp.StatusCode == 200 {
						break
					}
					if resp.StatusCode != http.StatusTooManyRequests || time.Now().After(deadline) {
						t.Fatalf("after the fault: %d %s", resp.StatusCode, body)
					}
				}
			})
		}
	}
}
