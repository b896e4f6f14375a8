package gateway

import (
	"net/http"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// traceContext reads and writes W3C traceparent and tracestate headers.
var traceContext = propagation.TraceContext{}

// startSpan starts a request's span, continuing the caller's trace when
// its request carries one; without a Tracer it does nothing.
func (g *Gateway) startSpan(r *http.Request, f *flight) *http.Request {
	if g.Tracer == nil {
		return r
	}
	ctx := traceContext.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
	ctx, f.span = g.Tracer.Start(ctx, r.Method+" "+f.ev.Route, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithTimestamp(f.start))
	return r.WithContext(ctx)
}

// injectTrace puts the request's span into the provider's request, so
// the provider's own traces join the caller's.
func injectTrace(in, out *http.Request) {
	if f := flightOf(in.Context()); f != nil && f.span != nil {
		traceContext.Inject(in.Context(), propagation.HeaderCarrier(out.Header))
	}
}

// endSpan ends a request's span with what its event says: never a
// prompt, a completion or a key, only the key's id.
func (f *flight) endSpan() {
	s := f.span
	if s == nil {
		return
	}
	f.span = nil
	ev := &f.ev
	attrs := []attribute.KeyValue{
		attribute.String("http.route", ev.Route),
		attribute.Int("http.response.status_code", ev.Status),
		attribute.String("ward.request_id", ev.RequestID),
		attribute.String("ward.decision", ev.Decision),
		attribute.String("gen_ai.request.model", ev.Model),
		attribute.Bool("ward.stream", ev.Stream),
	}
	for k, v := range map[string]string{"ward.key_id": ev.KeyID, "ward.subject": ev.Subject, "ward.team": ev.Team,
		"ward.reason": ev.Reason, "ward.provider": ev.Provider} {
		if v != "" {
			attrs = append(attrs, attribute.String(k, v))
		}
	}
	if ev.PromptTokens > 0 || ev.CompletionTokens > 0 {
		attrs = append(attrs, attribute.Int("gen_ai.usage.input_tokens", ev.PromptTokens),
			attribute.Int("gen_ai.usage.output_tokens", ev.CompletionTokens), attribute.Float64("ward.cost_usd", ev.CostUSD))
	}
	if ev.TTFT > 0 {
		attrs = append(attrs, attribute.Float64("ward.ttft_ms", ms(ev.TTFT)))
	}
	if len(ev.Verdicts) > 0 {
		var v []string
		for _, x := range ev.Verdicts {
			v = append(v, x.Detector+":"+x.Action)
		}
		attrs = append(attrs, attribute.String("ward.guard.verdicts", strings.Join(v, ",")))
	}
	s.SetAttributes(attrs...)
	if ev.Decision == "error" || ev.Status >= 500 {
		s.SetStatus(codes.Error, ev.Reason)
	}
	s.End(trace.WithTimestamp(ev.Time.Add(ev.Latency)))
}
