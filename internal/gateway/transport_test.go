package gateway

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
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
