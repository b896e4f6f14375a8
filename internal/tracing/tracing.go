// Package tracing sends OpenTelemetry traces to an OTLP/HTTP collector.
//
// Spans are made with the OpenTelemetry SDK (go.opentelemetry.io/otel) and
// exported by a small OTLP/HTTP exporter of this package that posts the
// protocol's JSON encoding (POST {endpoint}/v1/traces, application/json),
// which every OTLP collector accepts. The SDK's own OTLP exporters would
// link gRPC into Ward for a feature that is off unless configured.
package tracing

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Options configure a Provider.
type Options struct {
	// Endpoint is the collector's base URL (http://collector:4318); spans
	// go to Endpoint + "/v1/traces" unless the URL already has a path.
	Endpoint string
	// ServiceName is the service.name resource attribute (default
	// "ward-gateway").
	ServiceName string
	// SampleRatio is the share of new traces recorded, in (0,1] (default
	// 1); a request that arrives with a sampled parent is always recorded.
	SampleRatio float64
	// Header is sent with every export (an Authorization header, say).
	Header http.Header
	// Timeout bounds one export (default 10s).
	Timeout time.Duration
	// Version is service.version.
	Version string
}

// Provider makes the gateway's tracer and sends its spans in batches.
type Provider struct {
	tp *sdktrace.TracerProvider
}

// New starts a Provider. It checks the endpoint but does not contact it.
func New(o Options) (*Provider, error) {
	u, err := traceURL(o.Endpoint)
	if err != nil {
		return nil, err
	}
	if o.ServiceName == "" {
		o.ServiceName = "ward-gateway"
	}
	if o.SampleRatio <= 0 || o.SampleRatio > 1 {
		o.SampleRatio = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	attrs := []attribute.KeyValue{attribute.String("service.name", o.ServiceName)}
	if o.Version != "" {
		attrs = append(attrs, attribute.String("service.version", o.Version))
	}
	exp := &exporter{url: u, header: o.Header, client: &http.Client{Timeout: o.Timeout}}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp, sdktrace.WithBatchTimeout(2*time.Second)),
		sdktrace.WithResource(resource.NewSchemaless(attrs...)),
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(o.SampleRatio))),
	)
	return &Provider{tp: tp}, nil
}

// traceURL is the collector's traces URL.
func traceURL(endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("tracing endpoint %q is not an http(s) URL", endpoint)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/v1/traces"
	}
	return u.String(), nil
}

// Tracer returns the tracer of a component.
func (p *Provider) Tracer(name string) trace.Tracer { return p.tp.Tracer(name) }

// Shutdown sends what is buffered and stops.
func (p *Provider) Shutdown(ctx context.Context) error { return p.tp.Shutdown(ctx) }

// Propagator reads and writes W3C trace context (traceparent,
// tracestate) headers.
var Propagator propagation.TextMapPropagator = propagation.TraceContext{}

// exporter posts spans to an OTLP/HTTP collector as JSON.
type exporter struct {
	url    string
	header http.Header
	client *http.Client
}

// ExportSpans implements sdktrace.SpanExporter.
func (e *exporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	if len(spans) == 0 {
		return nil
	}
	body, err := encode(spans)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url, strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	for k, v := range e.header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client.Do(req)
	if err != nil {
		return errors.New("tracing: collector unreachable: " + shortErr(err))
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("tracing: collector answered %d", resp.StatusCode)
	}
	return nil
}

// Shutdown implements sdktrace.SpanExporter.
func (e *exporter) Shutdown(context.Context) error { return nil }

// shortErr drops the URL a transport error quotes.
func shortErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
