package gateway

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestDirectTransportTLS: HTTPS upstreams are reached over TLS with
// certificate checks, and connections are reused.
func TestDirectTransportTLS(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.(http.Flusher).Flush() // a chunked answer
		io.WriteString(w, `{"ok":true}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	defer srv.Close()
	tr := newDirectTransport(time.Second, time.Second)
	tr.tls = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	tr.tls.NextProtos = []string{"http/1.1"}
	for i := range 3 {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/chat/completions", strings.NewReader(`{}`))
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != `{"ok":true}` {
			t.Fatalf("request %d: %q", i, b)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 3 requests, want 1 reused", n)
	}
	// An untrusted certificate is refused.
	plain := newDirectTransport(time.Second, time.Second)
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	if _, err := plain.RoundTrip(req); err == nil {
		t.Error("a self-signed certificate was accepted")
	}
}

// rawUpstream serves each connection of a loopback listener: answer is
// called with the connection's number (from 1), the request's number on
// it (from 0) and the request, its body read, and writes a raw answer;
// the connection is closed once answer returns false.
func rawUpstream(t *testing.T, answer func(c net.Conn, conn, n int, req *http.Request) bool) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for conn := 1; ; conn++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for n := 0; ; n++ {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					io.Copy(io.Discard, req.Body)
					if !answer(c, conn, n, req) {
						return
					}
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

func post(t *testing.T, tr http.RoundTripper, url, who string) (string, error) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/chat/completions", strings.NewReader(`{"who":"`+who+`"}`))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(`{"who":"` + who + `"}`)), nil }
	req.Header.Set("X-Who", who)
	req.Header.Set("Expect", "100-continue")
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d %s", resp.StatusCode, b), err
}

// TestDirectTransportInterimAnswers: "100 Continue" and "103 Early
// Hints" before the answer are read past, so each request gets its own
// answer on a reused connection, and Expect is not sent on.
func TestDirectTransportInterimAnswers(t *testing.T) {
	var expects atomic.Int64
	url := rawUpstream(t, func(c net.Conn, _, _ int, req *http.Request) bool {
		if req.Header.Get("Expect") != "" {
			expects.Add(1)
		}
		body := "answer for " + req.Header.Get("X-Who")
		fmt.Fprintf(c, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"+
			"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		return true
	})
	tr := newDirectTransport(time.Second, time.Second)
	for _, who := range []string{"alice", "bob", "carol"} {
		got, err := post(t, tr, url, who)
		if err != nil || got != "200 answer for "+who {
			t.Fatalf("%s got %q, %v", who, got, err)
		}
	}
	if n := expects.Load(); n != 0 {
		t.Errorf("Expect was forwarded on %d requests", n)
	}
	// An endless run of interim answers is an error, not a hang.
	url = rawUpstream(t, func(c net.Conn, _, _ int, _ *http.Request) bool {
		io.WriteString(c, strings.Repeat("HTTP/1.1 103 Early Hints\r\n\r\n", 20))
		return false
	})
	if got, err := post(t, tr, url, "dave"); err == nil {
		t.Errorf("20 interim answers: got %q, want an error", got)
	}
}

// TestDirectTransportNeverResends: a request written in full on a
// reused connection is not sent again when the upstream drops the
// connection after working on it for a while (it may have acted on it),
// while a connection the upstream closed while idle is noticed before
// it is used, or by its failing as soon as the request is written.
func TestDirectTransportNeverResends(t *testing.T) {
	var seen atomic.Int64
	url := rawUpstream(t, func(c net.Conn, _, _ int, req *http.Request) bool {
		seen.Add(1)
		switch req.Header.Get("X-Who") {
		case "drop":
			time.Sleep(30 * time.Millisecond) // at work on it
			return false                      // then the connection is closed
		case "close-after":
			io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			time.Sleep(20 * time.Millisecond)
			return false // an idle connection closed by the upstream
		}
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		return true
	})
	tr := newDirectTransport(time.Second, time.Second)
	if got, err := post(t, tr, url, "warm"); err != nil || got != "200 ok" {
		t.Fatalf("warm-up: %q, %v", got, err)
	}
	seen.Store(0)
	if got, err := post(t, tr, url, "drop"); err == nil {
		t.Errorf("dropped request: got %q, want an error", got)
	}
	if n := seen.Load(); n != 1 {
		t.Errorf("the upstream read the request %d times, want once", n)
	}
	if got, err := post(t, tr, url, "close-after"); err != nil || got != "200 ok" {
		t.Fatalf("close-after: %q, %v", got, err)
	}
	time.Sleep(100 * time.Millisecond) // the upstream has closed the idle connection
	seen.Store(0)
	if got, err := post(t, tr, url, "next"); err != nil || got != "200 ok" {
		t.Errorf("after an idle close: %q, %v", got, err)
	}
	if n := seen.Load(); n != 1 {
		t.Errorf("the upstream read the request %d times, want once", n)
	}
}

// TestProviderTargets: where each kind of provider is sent each route.
func TestProviderTargets(t *testing.T) {
	azure := &Provider{Kind: KindAzure, BaseURL: mustURL(t, "https://r.openai.azure.com"), APIVersion: "2024-10-21"}
	openai := &Provider{Kind: KindOpenAI, BaseURL: mustURL(t, "http://127.0.0.1:8000/v1")}
	for _, tc := range []struct {
		p            *Provider
		route, query string
		want         string
	}{
		{azure, routeChat, "", "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
		{azure, routeEmbeddings, "", "https://r.openai.azure.com/openai/deployments/gpt-4o/embeddings?api-version=2024-10-21"},
		{azure, routeResponses, "", "https://r.openai.azure.com/openai/v1/responses"},
		{azure, routeModels, "", "https://r.openai.azure.com/openai/v1/models"},
		{openai, routeChat, "a=1", "http://127.0.0.1:8000/v1/chat/completions?a=1"},
		{openai, routeMessages, "beta=true&api_key=ward_" + strings.Repeat("x", 8), "http://127.0.0.1:8000/v1/messages?beta=true"},
		{azure, routeChat, "key=ward_x", "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
		{openai, routeChat, "key=ward%5Fx&a=1", "http://127.0.0.1:8000/v1/chat/completions?a=1"},
		{openai, routeChat, "key=%77ard_x&a=1", "http://127.0.0.1:8000/v1/chat/completions?a=1"},
		{openai, routeChat, "ward_x&a=1", "http://127.0.0.1:8000/v1/chat/completions?a=1"},
	} {
		if got := tc.p.target(tc.route, "gpt-4o", tc.query).String(); got != tc.want {
			t.Errorf("%s %s: %s, want %s", tc.p.Kind, tc.route, got, tc.want)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestDirectTransportDeadOnArrival: a reused connection the upstream
// ends as soon as the request arrives (it had closed it, idle, as the
// request was sent) is replaced and the request sent once more.
func TestDirectTransportDeadOnArrival(t *testing.T) {
	defer func(d time.Duration) { deadOnArrival = d }(deadOnArrival)
	deadOnArrival = 500 * time.Millisecond // a loaded test machine answers slowly
	var seen atomic.Int64
	url := rawUpstream(t, func(c net.Conn, conn, n int, _ *http.Request) bool {
		if conn == 1 && n == 1 {
			return false // the idle close racing the second request: ended unanswered at once
		}
		seen.Add(1)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		return true
	})
	tr := newDirectTransport(time.Second, time.Second)
	for i := range 3 {
		if got, err := post(t, tr, url, "x"); err != nil || got != "200 ok" {
			t.Fatalf("request %d: %q, %v", i, got, err)
		}
	}
	if n := seen.Load(); n != 3 {
		t.Errorf("%d answers for 3 requests", n)
	}
	if keepAliveTimeout("timeout=5, max=1000") != 5*time.Second || keepAliveTimeout("max=3") != 0 {
		t.Error("Keep-Alive timeout misread")
	}
	dc := &directConn{idleSince: time.Now().Add(-4500 * time.Millisecond), keepAlive: 5 * time.Second}
	if dc.fresh(time.Now()) {
		t.Error("a connection 4.5 s idle under a 5 s Keep-Alive timeout was used again")
	}
}
