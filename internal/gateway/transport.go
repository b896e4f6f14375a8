package gateway

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// directTransport is an HTTP/1.1 client that does a request's whole
// exchange on the calling goroutine: it writes the request on a pooled
// connection and reads the answer's headers itself, where net/http's
// Transport hands each request to a connection's writer goroutine and
// its answer back from a reader goroutine. On a small machine those
// hand-offs (a thread woken for each) are most of what a proxy adds to a
// request; here the answer's body is then read by the goroutine that
// copies it to the client.
type directTransport struct {
	dialer        net.Dialer
	tls           *tls.Config
	headerTimeout time.Duration
	maxIdle       int

	mu   sync.Mutex
	idle map[string][]*directConn
}

func newDirectTransport(connect, firstByte time.Duration) *directTransport {
	return &directTransport{
		dialer:        net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second},
		tls:           &tls.Config{NextProtos: []string{"http/1.1"}, MinVersion: tls.VersionTLS12},
		headerTimeout: firstByte,
		maxIdle:       256,
		idle:          map[string][]*directConn{},
	}
}

// directConn is one connection to an upstream.
type directConn struct {
	key string
	c   net.Conn
	br  *bufio.Reader
	bw  *bufio.Writer
}

// RoundTrip implements http.RoundTripper.
func (t *directTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, errors.New("gateway: unsupported scheme " + req.URL.Scheme)
	}
	dc, reused, err := t.conn(req.Context(), req.URL.Scheme, req.URL.Host)
	if err != nil {
		return nil, err
	}
	resp, err := t.exchange(req, dc)
	if err != nil && reused && closedIdle(err) && req.Context().Err() == nil && !bodyStarted(req) {
		// An idle connection the upstream had closed before reading the
		// request: send it again on a fresh one.
		if dc, _, err = t.dial(req.Context(), req.URL.Scheme, req.URL.Host); err != nil {
			return nil, err
		}
		resp, err = t.exchange(req, dc)
	}
	return resp, err
}

// closedIdle reports the errors of a connection the peer had already
// closed (never a timeout: a slow upstream may be working on the request).
func closedIdle(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// bodyStarted reports a request body that cannot be sent again.
func bodyStarted(req *http.Request) bool { return req.Body != nil && req.GetBody == nil }

// exchange writes req on dc and reads the answer's headers.
func (t *directTransport) exchange(req *http.Request, dc *directConn) (*http.Response, error) {
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			dc.c.Close()
			return nil, err
		}
		req.Body = body
	}
	stop := context.AfterFunc(req.Context(), func() { dc.c.Close() })
	if t.headerTimeout > 0 {
		dc.c.SetDeadline(time.Now().Add(t.headerTimeout))
	}
	if err := req.Write(dc.bw); err != nil {
		stop()
		dc.c.Close()
		return nil, err
	}
	if err := dc.bw.Flush(); err != nil {
		stop()
		dc.c.Close()
		return nil, err
	}
	resp, err := http.ReadResponse(dc.br, req)
	if err != nil {
		stop()
		dc.c.Close()
		return nil, err
	}
	dc.c.SetDeadline(time.Time{})
	resp.Body = &directBody{rc: resp.Body, t: t, dc: dc, stop: stop, reuse: !resp.Close && !req.Close}
	return resp, nil
}

// conn returns an idle connection to host, or a new one.
func (t *directTransport) conn(ctx context.Context, scheme, host string) (*directConn, bool, error) {
	key := scheme + "://" + host
	t.mu.Lock()
	if list := t.idle[key]; len(list) > 0 {
		dc := list[len(list)-1]
		t.idle[key] = list[:len(list)-1]
		t.mu.Unlock()
		return dc, true, nil
	}
	t.mu.Unlock()
	dc, _, err := t.dial(ctx, scheme, host)
	return dc, false, err
}

func (t *directTransport) dial(ctx context.Context, scheme, host string) (*directConn, bool, error) {
	addr := host
	if _, _, err := net.SplitHostPort(host); err != nil {
		addr = net.JoinHostPort(host, map[string]string{"http": "80", "https": "443"}[scheme])
	}
	c, err := t.dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, false, err
	}
	if scheme == "https" {
		cfg := t.tls.Clone()
		cfg.ServerName, _, _ = net.SplitHostPort(addr)
		tc := tls.Client(c, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, false, err
		}
		c = tc
	}
	return &directConn{key: scheme + "://" + host, c: c, br: bufio.NewReaderSize(c, 16<<10), bw: bufio.NewWriterSize(c, 8<<10)}, false, nil
}

// put returns a connection to the idle pool.
func (t *directTransport) put(dc *directConn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.idle[dc.key]) >= t.maxIdle {
		dc.c.Close()
		return
	}
	t.idle[dc.key] = append(t.idle[dc.key], dc)
}

// directBody returns its connection to the pool once the answer was read
// to its end, and closes it otherwise.
type directBody struct {
	rc    io.ReadCloser
	t     *directTransport
	dc    *directConn
	stop  func() bool
	reuse bool
	eof   bool
	done  bool
}

func (b *directBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err == io.EOF {
		b.eof = true
	}
	return n, err
}

func (b *directBody) Close() error {
	if b.done {
		return nil
	}
	b.done = true
	err := b.rc.Close()
	if b.stop() && b.eof && b.reuse && b.dc.br.Buffered() == 0 {
		b.t.put(b.dc)
		return err
	}
	b.dc.c.Close()
	return err
}

// pickTransport sends requests that go through an HTTP proxy (from the
// environment) with net/http's Transport, the others directly.
type pickTransport struct {
	direct *directTransport
	std    *http.Transport
}

// RoundTrip implements http.RoundTripper.
func (p *pickTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if u, err := p.std.Proxy(req); err != nil || u != nil {
		return p.std.RoundTrip(req)
	}
	return p.direct.RoundTrip(req)
}
