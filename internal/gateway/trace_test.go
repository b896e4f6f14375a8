package gateway

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/tracing"
)

// TestTracing: a request that arrives with a W3C traceparent gets a
// server span in that trace, the provider's request carries the span on,
// and the span reaches an OTLP/HTTP collector with the request's key id
// and outcome but not its prompt or key.
func TestTracing(t *testing.T) {
	var mu sync.Mutex
	var exported []string
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		exported = append(exported, r.URL.Path+" "+r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
	}))
	defer collector.Close()
	tp, err := tracing.New(tracing.Options{Endpoint: collector.URL, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	up := newUpstream(t)
	var upstreamParent string
	up.handle = func(w http.ResponseWriter, r *http.Request) {
		upstreamParent = r.Header.Get("Traceparent")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}`)
	}
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	h.gw.Tracer = tp.Tracer("ward/gateway")
	key, k := h.issue(t, authn.Limits{})
	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+routeChat, strings.NewReader(`{"model":"gpt-4o-mini","messages":[{"role":"user","content":"secret plans"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Traceparent", "00-"+traceID+"-"+parentID+"-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	h.lastEvent(t) // recorded, so the span has ended
	if err := tp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(upstreamParent, "00-"+traceID+"-") || strings.Contains(upstreamParent, parentID) {
		t.Errorf("the provider saw traceparent %q, want the trace with Ward's span as parent", upstreamParent)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(exported) != 1 || !strings.HasPrefix(exported[0], "/v1/traces application/json ") {
		t.Fatalf("exports %q", exported)
	}
	body := strings.SplitN(exported[0], " ", 3)[2]
	var got struct {
		ResourceSpans []struct {
			ScopeSpans []struct {
				Spans []struct {
					TraceID, SpanID, ParentSpanID, Name string
					Kind                                int
					Attributes                          []struct {
						Key   string
						Value map[string]any
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	s := got.ResourceSpans[0].ScopeSpans[0].Spans[0]
	attrs := map[string]any{}
	for _, a := range s.Attributes {
		for _, v := range a.Value {
			attrs[a.Key] = v
		}
	}
	if s.TraceID != traceID || s.ParentSpanID != parentID || s.Name != "POST "+routeChat || s.Kind != 2 ||
		!strings.Contains(upstreamParent, s.SpanID) {
		t.Errorf("span %+v", s)
	}
	if attrs["ward.key_id"] != k.ID || attrs["ward.decision"] != "allow" || attrs["gen_ai.usage.output_tokens"] != "4" || attrs["http.response.status_code"] != "200" {
		t.Errorf("attributes %v", attrs)
	}
	if strings.Contains(body, "secret plans") || strings.Contains(body, key) {
		t.Error("the export carries the prompt or the key")
	}
}
