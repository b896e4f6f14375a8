// Command loadgen is a closed-loop HTTP load generator for the gateway
// benchmarks: -c connections kept alive, one goroutine each sending its
// next request as soon as the last answer is read, for -d after a -warmup.
// It prints one JSON object:
//
//	{"url":…,"connections":64,"duration_s":10,"requests":N,"ok":N,"errors":N,"non_2xx":N,
//	 "rps":…,"p50_ms":…,"p90_ms":…,"p99_ms":…,"max_ms":…,"mean_ms":…,
//	 "ttfb_p50_ms":…,"ttfb_p90_ms":…,"ttfb_p99_ms":…}   (ttfb_* with -stream)
//
// requests counts answers (any status) plus transport errors; ok counts
// 2xx answers read whole (and containing -expect when given); rps is ok
// per second; latencies are exact percentiles of the ok requests (every
// sample kept and sorted). TTFB is the time to the first byte of the
// response body, which for a stream is its first event.
//
//	loadgen -url http://127.0.0.1:8080/v1/chat/completions -c 64 -d 10s \
//	  -body '{"model":"gpt-4o-mini","messages":[…],"stream":true}' -stream \
//	  -H "Authorization: Bearer $KEY" -expect '[DONE]'
//
// Targets must be loopback addresses unless -allow-remote is given.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// headers collects repeatable -H flags.
type headers []string

func (h *headers) String() string     { return strings.Join(*h, ", ") }
func (h *headers) Set(v string) error { *h = append(*h, v); return nil }

// config is what the flags ask for.
type config struct {
	url         string
	conns       int
	duration    time.Duration
	warmup      time.Duration
	maxRequests int
	method      string
	body        []byte
	header      http.Header
	stream      bool
	expect      []byte
	timeout     time.Duration
	allowRemote bool
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err == nil {
		err = checkTarget(cfg.url, cfg.allowRemote)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	res := run(cfg)
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	var c config
	var hs headers
	var body, expect string
	fs.StringVar(&c.url, "url", "", "target URL")
	fs.IntVar(&c.conns, "c", 1, "connections (one goroutine each)")
	fs.DurationVar(&c.duration, "d", 10*time.Second, "measured duration")
	fs.DurationVar(&c.warmup, "warmup", 0, "unmeasured run before -d")
	fs.IntVar(&c.maxRequests, "n", 0, "stop after this many measured requests (0: no limit)")
	fs.StringVar(&c.method, "method", "", "HTTP method (POST with -body, else GET)")
	fs.StringVar(&body, "body", "", "request body: inline JSON ({ or [ first), else a file path")
	fs.Var(&hs, "H", `request header "Name: value" (repeatable)`)
	fs.BoolVar(&c.stream, "stream", false, "measure time to first body byte as well")
	fs.StringVar(&expect, "expect", "", "count a 2xx answer as ok only if its body contains this")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "per-request timeout")
	fs.BoolVar(&c.allowRemote, "allow-remote", false, "allow a target that is not loopback")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.url == "" || c.conns < 1 || c.duration <= 0 {
		return c, errors.New("need -url, -c >= 1 and -d > 0")
	}
	var err error
	if c.body, err = readBody(body); err != nil {
		return c, err
	}
	if c.header, err = parseHeaders(hs); err != nil {
		return c, err
	}
	if c.method == "" {
		c.method = http.MethodGet
		if c.body != nil {
			c.method = http.MethodPost
		}
	}
	c.expect = []byte(expect)
	return c, nil
}

func readBody(v string) ([]byte, error) {
	switch t := strings.TrimSpace(v); {
	case t == "":
		return nil, nil
	case t[0] == '{' || t[0] == '[':
		return []byte(v), nil
	}
	b, err := os.ReadFile(v)
	if err != nil {
		return nil, fmt.Errorf("-body: %w", err)
	}
	return b, nil
}

func parseHeaders(hs []string) (http.Header, error) {
	h := http.Header{}
	for _, s := range hs {
		name, value, ok := strings.Cut(s, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf(`-H %q: want "Name: value"`, name)
		}
		h.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return h, nil
}

// checkTarget refuses a URL whose host is not loopback unless allowed.
func checkTarget(raw string, allowRemote bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q: not an absolute URL", raw)
	}
	if allowRemote {
		return nil
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("-url %q: not a loopback address (pass -allow-remote to allow)", raw)
}

// result is the printed summary.
type result struct {
	URL         string  `json:"url"`
	Connections int     `json:"connections"`
	DurationS   float64 `json:"duration_s"`
	Requests    int     `json:"requests"`
	OK          int     `json:"ok"`
	Errors      int     `json:"errors"`
	Non2xx      int     `json:"non_2xx"`
	RPS         float64 `json:"rps"`
	P50         float64 `json:"p50_ms"`
	P90         float64 `json:"p90_ms"`
	P99         float64 `json:"p99_ms"`
	Max         float64 `json:"max_ms"`
	Mean        float64 `json:"mean_ms"`
	TTFB50      float64 `json:"ttfb_p50_ms,omitempty"`
	TTFB90      float64 `json:"ttfb_p90_ms,omitempty"`
	TTFB99      float64 `json:"ttfb_p99_ms,omitempty"`
	FirstError  string  `json:"first_error,omitempty"`
	FirstStatus int     `json:"first_non_2xx_status,omitempty"`
}

// tally is one worker's counts and samples.
type tally struct {
	requests, ok, errors, non2xx int
	lat, ttfb                    []time.Duration
	firstErr                     string
	firstStatus                  int
}

func run(cfg config) result {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        cfg.conns,
		MaxIdleConnsPerHost: cfg.conns,
		MaxConnsPerHost:     cfg.conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: cfg.timeout}

	start := time.Now()
	measureFrom := start.Add(cfg.warmup)
	ctx, cancel := context.WithDeadline(context.Background(), measureFrom.Add(cfg.duration))
	defer cancel()
	budget := newBudget(cfg.maxRequests)

	tallies := make([]tally, cfg.conns)
	var wg sync.WaitGroup
	for i := range tallies {
		wg.Add(1)
		go func(t *tally) {
			defer wg.Done()
			worker(ctx, client, cfg, measureFrom, budget, t)
		}(&tallies[i])
	}
	wg.Wait()
	elapsed := time.Since(measureFrom)
	if elapsed > cfg.duration {
		elapsed = cfg.duration
	}
	return summarize(cfg, tallies, elapsed)
}

// budget stops the run after n measured requests (n <= 0: never); the
// requests under way then finish and count.
type budget struct {
	mu    sync.Mutex
	left  int
	limit bool
}

func newBudget(n int) *budget {
	return &budget{left: n, limit: n > 0}
}

// take reports whether one more measured request may start.
func (b *budget) take() bool {
	if !b.limit {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.left <= 0 {
		return false
	}
	b.left--
	return true
}

func worker(ctx context.Context, client *http.Client, cfg config, measureFrom time.Time, b *budget, t *tally) {
	est := int(cfg.duration/time.Millisecond) * 4 // room for 4000 rps per connection
	t.lat = make([]time.Duration, 0, min(est, 1<<20))
	if cfg.stream {
		t.ttfb = make([]time.Duration, 0, cap(t.lat))
	}
	buf := make([]byte, 32<<10)
	m := newMatcher(cfg.expect, len(buf))
	rd := bytes.NewReader(cfg.body)
	for ctx.Err() == nil {
		measured := !time.Now().Before(measureFrom)
		if measured && !b.take() {
			return
		}
		req, err := newRequest(ctx, cfg, rd)
		if err != nil {
			t.note(err)
			return
		}
		one(ctx, client, req, buf, m, measured, t)
	}
}

func newRequest(ctx context.Context, cfg config, rd *bytes.Reader) (*http.Request, error) {
	var body io.Reader
	if cfg.body != nil {
		rd.Reset(cfg.body)
		body = rd
	}
	req, err := http.NewRequestWithContext(ctx, cfg.method, cfg.url, body)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	for k, v := range cfg.header {
		req.Header[k] = v
	}
	if cfg.body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// one sends a request and reads its answer whole, recording it when
// measured. A request cut off by the end of the run is not counted.
func one(ctx context.Context, client *http.Client, req *http.Request, buf []byte, m *matcher, measured bool, t *tally) {
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == nil && measured {
			t.requests++
			t.errors++
			t.note(err)
		}
		return
	}
	defer resp.Body.Close()
	m.reset()
	var first time.Duration
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			if first == 0 {
				first = time.Since(t0)
			}
			m.feed(buf[:n])
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if ctx.Err() == nil && measured {
				t.requests++
				t.errors++
				t.note(fmt.Errorf("read body: %w", rerr))
			}
			return
		}
	}
	if !measured {
		return
	}
	total := time.Since(t0)
	t.requests++
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		t.non2xx++
		if t.firstStatus == 0 {
			t.firstStatus = resp.StatusCode
		}
	case !m.found():
		t.errors++
		t.note(fmt.Errorf("status %d: body lacks the -expect text", resp.StatusCode))
	default:
		t.ok++
		t.lat = append(t.lat, total)
		if t.ttfb != nil {
			t.ttfb = append(t.ttfb, first)
		}
	}
}

func (t *tally) note(err error) {
	if t.firstErr == "" {
		t.firstErr = err.Error()
	}
}

func summarize(cfg config, ts []tally, elapsed time.Duration) result {
	r := result{URL: cfg.url, Connections: cfg.conns, DurationS: round(elapsed.Seconds())}
	var lat, ttfb []time.Duration
	for i := range ts {
		t := &ts[i]
		r.Requests += t.requests
		r.OK += t.ok
		r.Errors += t.errors
		r.Non2xx += t.non2xx
		lat = append(lat, t.lat...)
		ttfb = append(ttfb, t.ttfb...)
		if r.FirstError == "" {
			r.FirstError = t.firstErr
		}
		if r.FirstStatus == 0 {
			r.FirstStatus = t.firstStatus
		}
	}
	if elapsed > 0 {
		r.RPS = round(float64(r.OK) / elapsed.Seconds())
	}
	slices.Sort(lat)
	r.P50, r.P90, r.P99 = ms(percentile(lat, 50)), ms(percentile(lat, 90)), ms(percentile(lat, 99))
	if len(lat) > 0 {
		r.Max = ms(lat[len(lat)-1])
		r.Mean = ms(mean(lat))
	}
	if cfg.stream {
		slices.Sort(ttfb)
		r.TTFB50, r.TTFB90, r.TTFB99 = ms(percentile(ttfb, 50)), ms(percentile(ttfb, 90)), ms(percentile(ttfb, 99))
	}
	return r
}

// percentile is the nearest-rank percentile p of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}

func ms(d time.Duration) float64 { return round(float64(d) / float64(time.Millisecond)) }

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// matcher looks for a string in a body read in pieces, across piece
// boundaries, without keeping the body.
type matcher struct {
	want   []byte
	carry  []byte // the last len(want)-1 bytes seen
	window []byte
	hit    bool
}

func newMatcher(want []byte, piece int) *matcher {
	m := &matcher{want: want}
	if len(want) > 0 {
		m.carry = make([]byte, 0, len(want))
		m.window = make([]byte, 0, len(want)+piece)
	}
	return m
}

func (m *matcher) reset() { m.carry, m.hit = m.carry[:0], len(m.want) == 0 }

func (m *matcher) feed(p []byte) {
	if m.hit {
		return
	}
	m.window = append(append(m.window[:0], m.carry...), p...)
	if bytes.Contains(m.window, m.want) {
		m.hit = true
		return
	}
	keep := min(len(m.want)-1, len(m.window))
	m.carry = append(m.carry[:0], m.window[len(m.window)-keep:]...)
}

func (m *matcher) found() bool { return m.hit }
