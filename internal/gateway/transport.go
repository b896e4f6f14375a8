package gateway

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
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
	// idleSince is when it went back to the pool; keepAlive is how long
	// the upstream said it keeps an idle connection (Keep-Alive:
	// timeout=N), or 0.
	idleSince time.Time
	keepAlive time.Duration
}

// maxIdleAge is how long an idle connection is used again: less than the
// idle timeouts of common servers and load balancers (60 s and more), or
// a second less than the upstream's own Keep-Alive timeout.
const maxIdleAge = 50 * time.Second

// fresh reports whether an idle connection is young enough to use: one
// the upstream is about to close could take a request with it.
func (dc *directConn) fresh(now time.Time) bool {
	age := maxIdleAge
	if dc.keepAlive > 0 {
		age = min(age, dc.keepAlive-time.Second)
	}
	return now.Sub(dc.idleSince) < age
}

// deadOnArrival is how soon after a request was written a connection
// that fails, with no byte of answer, counts as one the upstream had
// already closed (its reset or end comes back at once), rather than one
// it failed while working on the request: no provider answers, or acts
// on, a request that fast. (A variable for tests.)
var deadOnArrival = 10 * time.Millisecond

// keepAliveTimeout reads the timeout of a Keep-Alive header ("timeout=5,
// max=100"), or 0.
func keepAliveTimeout(h string) time.Duration {
	for part := range strings.SplitSeq(h, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.EqualFold(k, "timeout") {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
				return time.Duration(n) * time.Second
			}
		}
	}
	return 0
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
	if err != nil && reused && closedBeforeUse(err) && req.Context().Err() == nil && !bodyStarted(req) {
		// An idle connection the upstream had closed, found out while
		// writing the request or by a failure as soon as it was
		// written: the upstream cannot have acted on it, so send it
		// again on a fresh one. Otherwise a request written in full is
		// never sent again: the upstream may be working on it.
		if dc, _, err = t.dial(req.Context(), req.URL.Scheme, req.URL.Host); err != nil {
			return nil, err
		}
		resp, err = t.exchange(req, dc)
	}
	return resp, err
}

// closedBeforeUse reports a failure that shows the connection was closed
// before the request reached the upstream: while writing it, or on
// reading the answer's first byte within deadOnArrival of writing it.
func closedBeforeUse(err error) bool {
	var we *writeError
	var ee *earlyEnd
	return errors.As(err, &we) || errors.As(err, &ee)
}

// earlyEnd is a connection that ended, with no byte of answer, within
// deadOnArrival of the request being written.
type earlyEnd struct{ err error }

func (e *earlyEnd) Error() string { return e.err.Error() }
func (e *earlyEnd) Unwrap() error { return e.err }

// writeError is a failure to send a request (as opposed to reading its
// answer).
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

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
	fail := func(err error) (*http.Response, error) {
		stop()
		dc.c.Close()
		return nil, err
	}
	// The body is already in hand: an upstream's "100 Continue" would
	// only be one more answer to read.
	req.Header.Del("Expect")
	if err := req.Write(dc.bw); err != nil {
		return fail(&writeError{err})
	}
	if err := dc.bw.Flush(); err != nil {
		return fail(&writeError{err})
	}
	written := time.Now()
	resp, err := readFinal(dc.br, req)
	if err != nil {
		if time.Since(written) < deadOnArrival && dc.br.Buffered() == 0 && isConnEnd(err) {
			err = &earlyEnd{err}
		}
		return fail(err)
	}
	dc.keepAlive = keepAliveTimeout(resp.Header.Get("Keep-Alive"))
	dc.c.SetDeadline(time.Time{})
	resp.Body = &directBody{rc: resp.Body, t: t, dc: dc, stop: stop, reuse: !resp.Close && !req.Close}
	return resp, nil
}

// maxInterim bounds the informational (1xx) answers read before the
// final one.
const maxInterim = 8

// readFinal reads answers from br until the final (non-1xx) one: an
// interim answer such as "100 Continue" or "103 Early Hints" is not the
// answer to the request, and taking it for one would leave the real
// answer on the connection for the next request to read.
func readFinal(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for range maxInterim {
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		switch code := resp.StatusCode; {
		case code == http.StatusSwitchingProtocols:
			resp.Body.Close()
			return nil, errors.New("gateway: upstream switched protocols")
		case code >= 100 && code < 200:
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("gateway: upstream sent more than %d informational answers", maxInterim)
}

// conn returns an idle connection to host, or a new one.
func (t *directTransport) conn(ctx context.Context, scheme, host string) (*directConn, bool, error) {
	key := scheme + "://" + host
	for {
		t.mu.Lock()
		list := t.idle[key]
		if len(list) == 0 {
			t.mu.Unlock()
			break
		}
		dc := list[len(list)-1]
		t.idle[key] = list[:len(list)-1]
		t.mu.Unlock()
		if dc.fresh(time.Now()) && idleUsable(dc) {
			return dc, true, nil
		}
		dc.c.Close()
	}
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

// idleUsable reports whether an idle connection can carry a request:
// nothing left unread on it and not closed by the upstream. A request
// written in full is never sent twice, so a connection the upstream
// closed must be found out before the request is written on it.
func idleUsable(dc *directConn) bool {
	return dc.br.Buffered() == 0 && !closedByPeer(dc.c)
}

// isConnEnd reports the errors of a connection the peer closed or reset.
func isConnEnd(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// put returns a connection to the idle pool.
func (t *directTransport) put(dc *directConn) {
	dc.idleSince = time.Now()
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
