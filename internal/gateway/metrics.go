package gateway

import (
	"net/http"
	"strconv"
	"sync"

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

	// series holds each request label set's counter and histograms,
	// looked up once: WithLabelValues hashes every label value under a
	// lock (and the status had to be formatted) on each request.
	seriesMu sync.RWMutex
	series   map[seriesKey]*requestSeries
}

// seriesKey is the labels of a request's counter (its histograms use the
// route and provider, its token and cost counters the model), and which
// of the series made only when a request has something to add it had: a
// first byte, prompt or completion tokens, a cost. WithLabelValues made
// those series on the first such request, and a series with no samples
// would show in /metrics.
type seriesKey struct {
	route, model, provider, decision string
	status                           int
	firstByte, in, out, cost         bool
}

// requestSeries are the metrics of one label set; ttft, in, out and cost
// are nil unless the key says so.
type requestSeries struct {
	requests           prometheus.Counter
	latency, ttft      prometheus.Observer
	in, out, costTotal prometheus.Counter
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
		series: map[seriesKey]*requestSeries{},
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
	s := m.seriesOf(seriesKey{ev.Route, model, ev.Provider, ev.Decision, ev.Status,
		ev.TTFT > 0, ev.PromptTokens > 0, ev.CompletionTokens > 0, ev.CostUSD > 0})
	s.requests.Inc()
	s.latency.Observe(ev.Latency.Seconds())
	if s.ttft != nil {
		s.ttft.Observe(ev.TTFT.Seconds())
	}
	if s.in != nil {
		s.in.Add(float64(ev.PromptTokens))
	}
	if s.out != nil {
		s.out.Add(float64(ev.CompletionTokens))
	}
	if s.costTotal != nil {
		s.costTotal.Add(ev.CostUSD)
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

// seriesOf returns k's metrics, made on first use. The label values are
// bounded as the series themselves are (models by m.model, providers by
// the configuration, statuses by HTTP).
func (m *Metrics) seriesOf(k seriesKey) *requestSeries {
	m.seriesMu.RLock()
	s := m.series[k]
	m.seriesMu.RUnlock()
	if s != nil {
		return s
	}
	m.seriesMu.Lock()
	defer m.seriesMu.Unlock()
	if s = m.series[k]; s == nil {
		s = &requestSeries{
			requests: m.requests.WithLabelValues(k.route, k.model, k.provider, strconv.Itoa(k.status), k.decision),
			latency:  m.latency.WithLabelValues(k.route, k.provider),
		}
		if k.firstByte {
			s.ttft = m.ttft.WithLabelValues(k.route, k.provider)
		}
		if k.in {
			s.in = m.tokens.WithLabelValues(k.model, "in")
		}
		if k.out {
			s.out = m.tokens.WithLabelValues(k.model, "out")
		}
		if k.cost {
			s.costTotal = m.cost.WithLabelValues(k.model)
		}
		m.series[k] = s
	}
	return s
}

// budgetLeft records what a scope's budget has left.
func (m *Metrics) budgetLeft(scope string, usd float64) {
	if m != nil {
		m.remaining.WithLabelValues(scope).Set(usd)
	}
}
