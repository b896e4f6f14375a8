package gateway

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the gateway's Prometheus metrics, on their own registry.
type Metrics struct {
	Registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	ttft       *prometheus.HistogramVec
	tokens     *prometheus.CounterVec
	cost       *prometheus.CounterVec
	rejections *prometheus.CounterVec
	upstream   *prometheus.CounterVec
	dropped    prometheus.Counter
	remaining  *prometheus.GaugeVec
	verdicts   *prometheus.CounterVec
	// models bounds the model label to configured names; others are
	// "other", so a caller cannot blow up the series count.
	models func(string) bool
}

// NewMetrics registers the gateway's metrics on a new registry. known
// reports the model names that get their own label value.
func NewMetrics(known func(model string) bool) *Metrics {
	r := prometheus.NewRegistry()
	r.MustRegister(prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	buckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}
	m := &Metrics{
		Registry: r,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_requests_total",
			Help: "Requests by route, model, provider, status and decision."}, []string{"route", "model", "provider", "status", "decision"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ward_gateway_request_duration_seconds",
			Help: "Whole request latency.", Buckets: buckets}, []string{"route", "provider"}),
		ttft: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ward_gateway_time_to_first_byte_seconds",
			Help: "Time to the first byte of the answer (first token of a stream).", Buckets: buckets}, []string{"route", "provider"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_tokens_total",
			Help: "Tokens in (prompt) and out (completion)."}, []string{"model", "direction"}),
		cost: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_cost_usd_total",
			Help: "Cost of settled requests in USD."}, []string{"model"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_rejections_total",
			Help: "Requests Ward refused, by reason (invalid_key, rate_limit_exceeded, insufficient_quota, …)."}, []string{"reason"}),
		upstream: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_upstream_errors_total",
			Help: "Provider failures, by provider and reason."}, []string{"provider", "reason"}),
		dropped: prometheus.NewCounter(prometheus.CounterOpts{Name: "ward_gateway_events_dropped_total",
			Help: "Events not stored because the buffer was full."}),
		remaining: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "ward_gateway_budget_remaining_usd",
			Help: "Budget left in the current period after the last reservation, by budget scope (p:<key id>, t:<team>, m:<model>)."}, []string{"scope"}),
		models: known,
	}
	m.verdicts = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_gateway_guard_verdicts_total",
		Help: "Guard verdicts by detector, action (block, flag, mask, pseudonymise, strip, error) and caller (key id, or sub:<subject> for workload identities)."},
		[]string{"detector", "action", "key"})
	r.MustRegister(m.requests, m.latency, m.ttft, m.tokens, m.cost, m.rejections, m.upstream, m.dropped, m.remaining, m.verdicts)
	return m
}

func (m *Metrics) model(name string) string {
	if name == "" {
		return ""
	}
	if m.models != nil && m.models(name) {
		return name
	}
	return "other"
}

// observe records one request.
func (m *Metrics) observe(f *flight) {
	if m == nil {
		return
	}
	ev := &f.ev
	model := m.model(ev.Model)
	m.requests.WithLabelValues(ev.Route, model, ev.Provider, strconv.Itoa(ev.Status), ev.Decision).Inc()
	m.latency.WithLabelValues(ev.Route, ev.Provider).Observe(ev.Latency.Seconds())
	if ev.TTFT > 0 {
		m.ttft.WithLabelValues(ev.Route, ev.Provider).Observe(ev.TTFT.Seconds())
	}
	if ev.PromptTokens > 0 {
		m.tokens.WithLabelValues(model, "in").Add(float64(ev.PromptTokens))
	}
	if ev.CompletionTokens > 0 {
		m.tokens.WithLabelValues(model, "out").Add(float64(ev.CompletionTokens))
	}
	if ev.CostUSD > 0 {
		m.cost.WithLabelValues(model).Add(ev.CostUSD)
	}
	caller := ev.KeyID
	if caller == "" && ev.Subject != "" {
		caller = "sub:" + ev.Subject
	}
	for _, v := range ev.Verdicts {
		m.verdicts.WithLabelValues(v.Detector, v.Action, caller).Inc()
	}
	if f.attempt != nil {
		for _, x := range f.attempt.failed {
			m.upstream.WithLabelValues(x.provider, x.reason).Inc()
		}
	}
	switch {
	case ev.Decision == "deny":
		m.rejections.WithLabelValues(ev.Reason).Inc()
	case ev.Decision == "error" && (ev.Reason == "stream_interrupted" || ev.Reason == "answer_interrupted"):
		m.upstream.WithLabelValues(ev.Provider, ev.Reason).Inc()
	case ev.Decision == "error" && ev.Reason == "upstream_error" && (ev.Status >= 500 || ev.Status == http.StatusTooManyRequests):
		// The last provider's own error answer, passed on; its 4xx
		// answers are the request's fault, and providers that failed
		// before it are counted above.
		m.upstream.WithLabelValues(ev.Provider, "status_"+strconv.Itoa(ev.Status)).Inc()
	}
}

// budgetLeft records what a scope's budget has left.
func (m *Metrics) budgetLeft(scope string, usd float64) {
	if m != nil {
		m.remaining.WithLabelValues(scope).Set(usd)
	}
}
