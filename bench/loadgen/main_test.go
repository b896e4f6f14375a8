package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {90, 90 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0, time.Millisecond}}
	for _, tt := range tests {
		if got := percentile(s, tt.p); got != tt.want {
			t.Errorf("percentile(1..100ms, %v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("percentile(nil) = %v, want 0", got)
	}
}

func TestMatcherAcrossPieces(t *testing.T) {
	tests := []struct {
		pieces []string
		want   bool
	}{
		{[]string{"data: x\n\n", "data: [DONE]\n\n"}, true},
		{[]string{"data: [DO", "NE]\n\n"}, true},
		{[]string{"data: [", "D", "O", "N", "E]"}, true},
		{[]string{"data: [DON", "data: E]"}, false},
		{[]string{"nothing here"}, false},
	}
	m := newMatcher([]byte("[DONE]"), 64)
	for _, tt := range tests {
		m.reset()
		for _, p := range tt.pieces {
			m.feed([]byte(p))
		}
		if got := m.found(); got != tt.want {
			t.Errorf("pieces %q: found %v, want %v", tt.pieces, got, tt.want)
		}
	}
	empty := newMatcher(nil, 64)
	empty.reset()
	if !empty.found() {
		t.Error("an empty -expect must match every body")
	}
}

func TestCheckTarget(t *testing.T) {
	tests := []struct {
		url    string
		remote bool
		ok     bool
	}{
		{"http://127.0.0.1:8080/v1/models", false, true},
		{"http://localhost:8080/", false, true},
		{"http://[::1]:8080/", false, true},
		{"http://10.0.0.1/", false, false},
		{"http://example.test/", false, false},
		{"http://example.test/", true, true},
		{"not a url", false, false},
	}
	for _, tt := range tests {
		if err := checkTarget(tt.url, tt.remote); (err == nil) != tt.ok {
			t.Errorf("checkTarget(%q, %v) = %v, want ok=%v", tt.url, tt.remote, err, tt.ok)
		}
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-url", "http://127.0.0.1/", "-body", `{"a":1}`, "-H", "Authorization: Bearer x", "-H", "X-A:b"})
	if err != nil {
		t.Fatal(err)
	}
	if c.method != http.MethodPost || string(c.body) != `{"a":1}` || c.header.Get("Authorization") != "Bearer x" || c.header.Get("X-A") != "b" {
		t.Errorf("parsed %+v", c)
	}
	if _, err := parseFlags([]string{"-url", "http://127.0.0.1/", "-H", "no colon"}); err == nil {
		t.Error("a header without a colon was accepted")
	}
	if _, err := parseFlags([]string{"-url", "http://127.0.0.1/", "-body", "/no/such/file"}); err == nil {
		t.Error("a missing body file was accepted")
	}
}

func TestRunCountsAndStops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer x" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("data: {}\n\n"))
		w.(http.Flusher).Flush()
		_, _ = w.Write([]byte("data: [DONE]\n\n"))
	}))
	defer srv.Close()
	base := []string{"-url", srv.URL, "-c", "4", "-d", "5s", "-n", "200", "-stream", "-expect", "[DONE]", "-body", `{"stream":true}`}
	tests := []struct {
		name            string
		extra           []string
		ok, non2xx, err int
	}{
		{"authorized", []string{"-H", "Authorization: Bearer x"}, 200, 0, 0},
		{"unauthorized", nil, 0, 200, 0},
		{"wrong expect", []string{"-H", "Authorization: Bearer x", "-expect", "[NOPE]"}, 0, 0, 200},
	}
	for _, tt := range tests {
		c, err := parseFlags(append(append([]string{}, base...), tt.extra...))
		if err != nil {
			t.Fatal(err)
		}
		r := run(c)
		if r.OK != tt.ok || r.Non2xx != tt.non2xx || r.Errors != tt.err || r.Requests != 200 {
			t.Errorf("%s: %+v, want ok=%d non_2xx=%d errors=%d of 200", tt.name, r, tt.ok, tt.non2xx, tt.err)
		}
		if tt.ok > 0 && (r.TTFB50 <= 0 || r.P99 < r.P50 || r.RPS <= 0) {
			t.Errorf("%s: implausible figures %+v", tt.name, r)
		}
	}
}
