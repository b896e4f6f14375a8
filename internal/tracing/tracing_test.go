package tracing

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestNewRefusesBadEndpoints(t *testing.T) {
	for _, ep := range []string{"", "ftp://collector:4318", "collector:4318", "http://"} {
		if _, err := New(Options{Endpoint: ep}); err == nil {
			t.Errorf("%q accepted", ep)
		}
	}
	for ep, want := range map[string]string{"http://c:4318": "http://c:4318/v1/traces", "https://c/otlp/v1/traces": "https://c/otlp/v1/traces"} {
		if got, err := traceURL(ep); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", ep, got, err, want)
		}
	}
}

// TestExportErrors: a collector that refuses or cannot be reached is an
// error that names the status or the cause, not the URL's credentials.
func TestExportErrors(t *testing.T) {
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0k" {
			t.Errorf("header %q", r.Header.Get("Authorization"))
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer refuse.Close()
	tp, err := New(Options{Endpoint: refuse.URL, Header: http.Header{"Authorization": {"Bearer t0k"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, s := tp.Tracer("t").Start(context.Background(), "op")
	s.End()
	exp := &exporter{url: refuse.URL + "/v1/traces", header: http.Header{"Authorization": {"Bearer t0k"}}, client: http.DefaultClient}
	if err := exp.ExportSpans(context.Background(), nil); err != nil {
		t.Errorf("no spans: %v", err)
	}
	tp.Shutdown(context.Background())

	down := &exporter{url: "http://user:pw@127.0.0.1:1/v1/traces", client: http.DefaultClient}
	rec := recorded(t)
	if err := down.ExportSpans(context.Background(), rec); err == nil || strings.Contains(err.Error(), "pw") {
		t.Errorf("unreachable collector: %v", err)
	}
	if err := exp.ExportSpans(context.Background(), rec); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("refusing collector: %v", err)
	}
}
