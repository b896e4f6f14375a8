package gateway

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/budget"
	"github.com/wardsec/ward/internal/event"
)

// flight is one request on its way through the gateway.
type flight struct {
	w http.ResponseWriter // the client's, to send a whole answer before recording it
	// sendBeforeRecord: a whole JSON answer is flushed to the client once
	// settled (limits and budget released), before it is logged and recorded.
	sendBeforeRecord bool
	ev               event.Event
	principal        *authn.Principal
	in               *inbound
	attempt          *attempt
	price            budget.Price
	scopes           []scope
	anthropic        bool
	start            time.Time
	cancel           context.CancelFunc
	timedOut         func()          // cancels with errAnswerTimeout
	client           context.Context // the client's request's
	released         bool
	// guard is the guard's state, when a policy applies.
	guard *flightGuard
	// span is the request's trace span, when tracing is on.
	span trace.Span
	// content is the prompt and answer text for the log, when
	// LogContent is on.
	content *contentLog
	// doc is the request body's texts, once read (flight.texts).
	doc *texts
	// addedUsage is set when Ward, not the client, asked for the stream's
	// usage chunk; the client then does not get it.
	addedUsage bool
	// cut is the error sent instead of a JSON answer that broke off
	// before any of it was sent.
	cut *apiError
}

type flightKey struct{}

func flightOf(ctx context.Context) *flight {
	f, _ := ctx.Value(flightKey{}).(*flight)
	return f
}

// scope is one set of limits a request counts against, with its counter
// key and, once admitted, its reservation.
type scope struct {
	id       string
	limits   authn.Limits
	reserved float64
	release  func()
	// took are the requests and tokens admission took from the scope's
	// allowances, given back when a later check refuses the request.
	tookRequests, tookTokens int64
}

// serveAPI runs one API request through the gateway.
func (g *Gateway) serveAPI(w http.ResponseWriter, r *http.Request, route string) {
	start := time.Now()
	f := &flight{w: w, start: start, anthropic: route == routeMessages}
	f.ev = event.Event{Time: start, RequestID: requestID(r), Route: route, ClientIP: clientIP(r)}
	w.Header().Set("X-Request-Id", f.ev.RequestID)
	r = g.startSpan(r, f)
	if e := g.prepare(w, r, f, route); e != nil {
		g.deny(w, f, e)
		return
	}
	ctx, cancel := context.WithCancelCause(r.Context())
	defer cancel(nil)
	f.cancel = func() { cancel(nil) }
	f.timedOut = func() { cancel(errAnswerTimeout) }
	f.client = r.Context()
	ctx = context.WithValue(withAttempt(ctx, f.attempt), flightKey{}, f)
	g.proxy.ServeHTTP(w, r.WithContext(ctx))
}

// prepare authenticates, validates and admits a request.
func (g *Gateway) prepare(w http.ResponseWriter, r *http.Request, f *flight, route string) *apiError {
	p, e := g.authenticate(r, f.start, f.anthropic)
	if e != nil {
		return e
	}
	f.principal = p
	f.ev.KeyID, f.ev.Subject, f.ev.Team = p.KeyID, p.Subject, p.Team
	if !allowed(p.Limits.Routes, route) {
		return errForbidden("route_not_allowed", "this key may not use "+route)
	}
	if route == routeModels {
		f.attempt = &attempt{route: route, candidates: g.candidates("", route)}
		f.in = &inbound{}
		return nil
	}
	limit := g.MaxBodyBytes
	if m := p.Limits.MaxBodyBytes; m > 0 && m < limit {
		limit = m
	}
	in, e := readRequest(w, r, limit, g.requestFields(route))
	if e != nil {
		return e
	}
	f.in = in
	g.startContent(f)
	f.ev.Model, f.ev.Stream = g.maskModel(in.model), in.stream
	return g.route(r.Context(), f, route)
}

// route checks the model and limits and finds the providers.
func (g *Gateway) route(ctx context.Context, f *flight, route string) *apiError {
	p, in := f.principal, f.in
	if !allowed(p.Limits.Models, in.model) {
		return errForbidden("model_not_allowed", "this key may not use model "+quoteModel(f.ev.Model))
	}
	if m := p.Limits.MaxTokens; m > 0 && in.maxTokens > m {
		return errBadRequest("max_tokens_too_large", "max_tokens is above this key's limit")
	}
	if e := g.judge(ctx, f, route); e != nil {
		return e // refused before any budget is reserved: never charged
	}
	cands := g.candidates(in.model, route)
	if len(cands) == 0 {
		return &apiError{status: http.StatusNotFound, kind: "invalid_request_error", code: "model_not_found",
			msg: "no provider serves model " + quoteModel(f.ev.Model), reason: "model_not_found"}
	}
	price, ok := g.price(in.model)
	if !ok {
		return errBadRequest("model_not_priced", "model "+quoteModel(f.ev.Model)+" has no price, so its cost cannot be bounded")
	}
	f.price = price
	f.scopes = g.scopes(p, in.model)
	openAI := openAIChat(cands[0])
	if in.maxTokens == 0 && route != routeEmbeddings && (p.Limits.MaxTokens > 0 || budgeted(f.scopes)) {
		// A request that sets no limit is bounded by Ward, so that what
		// the reservation assumes is what the provider may produce.
		if err := in.setMaxTokens(route, cmp.Or(p.Limits.MaxTokens, defaultMaxTokens), openAI); err != nil {
			return errBadRequest("invalid_json", "could not set max_tokens")
		}
	}
	g.clamp(ctx, f, route, openAI)
	if e := g.admit(ctx, f); e != nil {
		return e
	}
	body := in.body
	if in.stream && !in.includeUsage && (route == routeChat || route == routeCompletions) {
		if b, err := in.withUsage(); err == nil {
			body = b // the stream then ends with the usage Ward settles from
			f.addedUsage = true
		}
	}
	f.attempt = &attempt{route: route, model: in.model, body: body, candidates: cands}
	return nil
}

// quoteModel bounds a model name quoted back to a client, m being the
// name with its keys masked (flight.ev.Model, see maskModel).
func quoteModel(m string) string {
	if len(m) > 64 {
		m = m[:64] + "…"
	}
	return `"` + sanitizePath(m) + `"`
}

// price is a model's price, or the default.
func (g *Gateway) price(model string) (budget.Price, bool) {
	if g.Prices != nil {
		if p, ok := g.Prices.Lookup(model); ok {
			return p, true
		}
	}
	if g.DefaultPrice != nil {
		return *g.DefaultPrice, true
	}
	return budget.Price{}, false
}

// scopes lists the limits a request counts against: the caller's, its
// team's and its model's.
func (g *Gateway) scopes(p *authn.Principal, model string) []scope {
	out := []scope{{id: "p:" + p.CounterID(), limits: p.Limits}}
	if s, ok := g.Teams[p.Team]; ok && p.Team != "" {
		out = append(out, scope{id: "t:" + p.Team, limits: s.Limits})
	}
	for pat, s := range g.Models {
		if globMatch(pat, model) {
			out = append(out, scope{id: "m:" + pat, limits: s.Limits})
		}
	}
	return out
}

func globMatch(pattern, v string) bool {
	ok, _ := path.Match(pattern, v)
	return ok
}

// admit takes concurrency, request and token allowances and reserves the
// worst-case cost in every scope, undoing what it took when one refuses.
func (g *Gateway) admit(ctx context.Context, f *flight) *apiError {
	worst := f.price.Cost(f.in.promptTokens(), f.worstCompletion())
	for i := range f.scopes {
		if e := g.admitScope(ctx, f, &f.scopes[i], worst); e != nil {
			g.refund(f)
			g.release(f, 0)
			return e
		}
	}
	return nil
}

// counterContext bounds the counter writes that must happen whatever
// became of the request (its client may be gone): refunds, settlement.
func counterContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 5*time.Second)
}

// refund gives back the requests and tokens admission took before a
// check refused the request: a refused request uses no allowance, so a
// key is not held back by requests its team's or model's limit turned
// away. Like release, it does not use the request's context, which a
// client that went away has ended.
func (g *Gateway) refund(f *flight) {
	ctx, cancel := counterContext()
	defer cancel()
	for i := range f.scopes {
		s := &f.scopes[i]
		if s.tookRequests > 0 {
			g.giveBack(ctx, "r:"+s.id, int64(s.limits.RPM), s.tookRequests, f.start)
		}
		if s.tookTokens > 0 {
			g.giveBack(ctx, "k:"+s.id, int64(s.limits.TPM), s.tookTokens, f.start)
		}
		s.tookRequests, s.tookTokens = 0, 0
	}
}

func (g *Gateway) giveBack(ctx context.Context, key string, limit, n int64, now time.Time) {
	if err := g.Limiter.Refund(ctx, key, limit, n, now); err != nil {
		g.log.Warn("refund rate limit", "scope", key, "err", err)
	}
}

// minClampTokens is the smallest completion clamping leaves a request;
// below it the reservation refuses the request instead.
const minClampTokens = 16

// clamp lowers a request's max_tokens to what every budget still pays
// for, when ClampMaxTokens is set (one budget read per scope). Without it,
// or when nothing is left, the reservation decides.
func (g *Gateway) clamp(ctx context.Context, f *flight, route string, openAI bool) {
	if !g.ClampMaxTokens || g.Budget == nil || f.price.OutputPerMTok <= 0 {
		return
	}
	limit := f.worstCompletion()
	prompt := f.price.Cost(f.in.promptTokens(), 0)
	for _, s := range f.scopes {
		if s.limits.BudgetUSD <= 0 {
			continue
		}
		spent, err := g.Budget.Spent(ctx, s.id, period(s.limits), f.start)
		if err != nil {
			return
		}
		left := s.limits.BudgetUSD - spent - prompt
		limit = min(limit, int(left/(f.price.OutputPerMTok/1e6)))
	}
	perAnswer := limit / f.in.choices
	if limit < f.worstCompletion() && perAnswer >= minClampTokens {
		if err := f.in.setMaxTokens(route, perAnswer, openAI); err != nil {
			g.log.Warn("clamp max_tokens", "err", err)
		}
	}
}

// worstCompletion is the completion a reservation assumes: every answer
// the request asks for at its limit.
func (f *flight) worstCompletion() int { return f.in.completionBound(defaultMaxTokens) }

// budgeted reports whether any scope has a budget.
func budgeted(scopes []scope) bool {
	return slices.ContainsFunc(scopes, func(s scope) bool { return s.limits.BudgetUSD > 0 })
}

// openAIChat reports a provider whose chat completions take
// max_completion_tokens rather than max_tokens (OpenAI's reasoning
// models refuse the older field; servers such as vLLM and Ollama know
// only it).
func openAIChat(p *Provider) bool {
	return p.Kind == KindAzure || p.Kind == KindOpenAI && p.BaseURL.Host == "api.openai.com"
}

func (g *Gateway) admitScope(ctx context.Context, f *flight, s *scope, worst float64) *apiError {
	l, now := s.limits, f.start
	if l.Concurrency > 0 && g.Concurrency != nil {
		release, ok, err := g.Concurrency.Acquire(ctx, "c:"+s.id, int64(l.Concurrency))
		if e := g.counterFailure(err, g.RateLimitFailOpen); e != nil {
			return e
		}
		if err == nil && !ok {
			return errRateLimited("concurrency_limit_exceeded", "too many concurrent requests", time.Second)
		}
		s.release = release
	}
	if l.RPM > 0 && g.Limiter != nil {
		ok, after, err := g.Limiter.Take(ctx, "r:"+s.id, int64(l.RPM), 1, now)
		if e := g.counterFailure(err, g.RateLimitFailOpen); e != nil {
			return e
		}
		if err == nil && !ok {
			return errRateLimited("rate_limit_exceeded", "requests per minute limit reached", after)
		}
		if err == nil {
			s.tookRequests = 1
		}
	}
	if l.TPM > 0 && g.Limiter != nil {
		if f.in.promptTokens() > l.TPM {
			return errBadRequest("tokens_exceed_limit", "the request's prompt (about "+strconv.Itoa(f.in.promptTokens())+
				" tokens) is above "+scopeName(s.id)+" tokens-per-minute limit, so it can never be admitted")
		}
		ok, after, err := g.Limiter.Take(ctx, "k:"+s.id, int64(l.TPM), int64(f.in.promptTokens()), now)
		if e := g.counterFailure(err, g.RateLimitFailOpen); e != nil {
			return e
		}
		if err == nil && !ok {
			return errRateLimited("rate_limit_exceeded", "tokens per minute limit reached", after)
		}
		if err == nil {
			s.tookTokens = int64(f.in.promptTokens())
		}
	}
	if l.BudgetUSD > 0 && g.Budget != nil {
		ok, remaining, err := g.Budget.Reserve(ctx, s.id, worst, l.BudgetUSD, period(l), now)
		if e := g.counterFailure(err, g.BudgetFailOpen); e != nil {
			return e
		}
		if err == nil {
			g.Metrics.budgetLeft(s.id, remaining)
		}
		if err == nil && !ok {
			e := errRateLimited("insufficient_quota", scopeName(s.id)+" budget is exhausted", 0)
			e.kind = "insufficient_quota" // the type OpenAI gives it
			return e
		}
		if err == nil {
			s.reserved = worst
		}
	}
	return nil
}

// scopeName names a scope's owner in a message: "this key's".
func scopeName(id string) string {
	switch id[:2] {
	case "t:":
		return "this team's"
	case "m:":
		return "this model's"
	}
	return "this key's"
}

func period(l authn.Limits) string {
	if l.BudgetPeriod == "" {
		return authn.PeriodMonth
	}
	return l.BudgetPeriod
}

// counterFailure decides what an unreachable counter means.
func (g *Gateway) counterFailure(err error, open bool) *apiError {
	if err == nil || open {
		if err != nil {
			g.log.Warn("limit counter unreachable; letting the request through", "err", err)
		}
		return nil
	}
	g.log.Error("limit counter unreachable; refusing the request", "err", err)
	return errUpstream(http.StatusServiceUnavailable, "limits_unavailable", "limits cannot be checked right now")
}

// release settles every scope's reservation to cost and frees its
// concurrency slot, once.
func (g *Gateway) release(f *flight, cost float64) {
	if f.released {
		return
	}
	f.released = true
	ctx, cancel := counterContext()
	defer cancel()
	for i := range f.scopes {
		s := &f.scopes[i]
		if s.release != nil {
			s.release()
		}
		if s.reserved > 0 || (cost > 0 && s.limits.BudgetUSD > 0 && g.Budget != nil) {
			if err := g.Budget.Settle(ctx, s.id, s.reserved, cost, period(s.limits), f.start); err != nil {
				g.log.Error("settle budget", "scope", s.id, "err", err)
			}
		}
	}
}

// rewrite points the outbound request at the first candidate (the
// fallback transport may move it on) and sets the forwarding headers.
func (g *Gateway) rewrite(pr *httputil.ProxyRequest) {
	f := flightOf(pr.In.Context())
	a := f.attempt
	if len(a.candidates) > 0 {
		pr.Out.URL = a.candidates[0].target(a.route, a.model, pr.In.URL.RawQuery)
		pr.Out.Host = pr.Out.URL.Host
	}
	pr.Out.Header.Del("Accept-Encoding")
	pr.Out.Header.Del("Expect") // the body is in hand; a "100 Continue" would only be one more answer
	// The provider gets Ward's request id (the one in the log line and
	// the client's answer) and not the client's address: no
	// X-Forwarded-* headers.
	pr.Out.Header.Set("X-Request-Id", f.ev.RequestID)
	injectTrace(pr.In, pr.Out)
}

// modifyResponse meters the answer, and passes it through the guard
// when the request's policy checks answers; the request is settled when
// the answer ends.
func (g *Gateway) modifyResponse(resp *http.Response) error {
	f := flightOf(resp.Request.Context())
	if f == nil {
		return nil
	}
	if p := f.attempt.provider; p != nil {
		f.ev.Provider = p.Name
	}
	f.ev.Status = resp.StatusCode
	if g.IdleTimeout > 0 {
		resp.Body = newIdleBody(resp.Body, g.FirstByteTimeout-time.Since(f.start), g.IdleTimeout, f.timedOut)
	}
	sse := isEventStream(resp.Header.Get("Content-Type"))
	if sse && f.addedUsage && resp.StatusCode < 300 {
		defer func() { resp.Body = newUsageChunkFilter(resp.Body) }()
	}
	if !f.guard.answerGuarded() || resp.StatusCode >= 300 || f.attempt.route == routeEmbeddings {
		m := g.meter(f, resp.Body, sse)
		if !sse && (resp.ContentLength >= 0 || isJSON(resp.Header.Get("Content-Type"))) && resp.ContentLength <= maxJSONAnswer {
			if err := g.readWhole(f, resp, m); err != nil {
				return err
			}
		}
		if !sse && resp.ContentLength >= 0 {
			// The client has the whole answer once the body ends: settle
			// it, send it, then log and record it, off the client's
			// latency. (With a length set, flushing early costs no extra
			// write.)
			m.holdEOF, f.sendBeforeRecord = true, true
		}
		resp.Body = m
		return nil
	}
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	if sse {
		m := g.meter(f, resp.Body, true)
		sg := g.newSSEGuard(f, m)
		m.onDone = sg.deferSettle
		resp.Body = sg
		return nil
	}
	return g.guardAnswer(f, resp)
}

// readWhole reads a JSON answer whole (up to maxJSONAnswer) before any
// of it is sent, and hands it to m to pass on: an answer that breaks off
// or stops coming then gets Ward's error, in the provider's shape, where
// ReverseProxy would have sent its headers and dropped the connection
// (an empty reply). An answer of unknown length is sent with its length
// once it is whole; one longer than maxJSONAnswer sends what came and
// passes the rest through as it arrives.
func (g *Gateway) readWhole(f *flight, resp *http.Response, m *meteredBody) error {
	raw, err := readAnswer(resp.Body, resp.ContentLength, func() { f.ev.TTFT = time.Since(f.start) })
	if err != nil {
		return &answerCut{err: err, read: len(raw)}
	}
	if resp.ContentLength < 0 && len(raw) <= maxJSONAnswer {
		resp.ContentLength = int64(len(raw))
		resp.Header.Set("Content-Length", strconv.Itoa(len(raw)))
	}
	// The meter keeps the bytes read as its copy of the answer and goes
	// on to the body's end (an EOF that returns the connection to the
	// pool, or the rest of a long answer).
	m.rc = readCloser{io.MultiReader(bytes.NewReader(raw), resp.Body), resp.Body}
	n := min(len(raw), maxJSONAnswer)
	m.buf, m.kept, m.first = raw[:n:n], len(raw), true
	return nil
}

// readAnswer reads an answer's body: size bytes when it is known (an
// end before them is io.ErrUnexpectedEOF), else to its end or past
// maxJSONAnswer. first is called when the first bytes come. On an error
// it returns what came before it.
func readAnswer(body io.Reader, size int64, first func()) ([]byte, error) {
	limit, capacity := maxJSONAnswer+1, 4<<10
	if size >= 0 {
		limit, capacity = int(size), int(size)
	}
	buf := make([]byte, 0, min(limit, capacity))
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(limit-len(buf), cap(buf)))
		}
		n, err := body.Read(buf[len(buf):min(cap(buf), limit)])
		if n > 0 && len(buf) == 0 {
			first()
		}
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF && size >= 0 && len(buf) < limit:
			return buf, io.ErrUnexpectedEOF
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		}
	}
	return buf, nil
}

// answerCut is a JSON answer that broke off, or stopped coming, before
// any of it was sent; read is how many bytes of it came.
type answerCut struct {
	err  error
	read int
}

func (e *answerCut) Error() string { return "gateway: the answer broke off: " + e.err.Error() }
func (e *answerCut) Unwrap() error { return e.err }

// isJSON reports a JSON media type (application/json, or a +json
// suffix), not a stream of JSON lines.
func isJSON(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// meter wraps an answer's body to read its usage as it passes.
func (g *Gateway) meter(f *flight, body io.ReadCloser, sse bool) *meteredBody {
	m := &meteredBody{
		rc: body, started: f.start, sse: sse, content: f.content,
		onFirst: func(d time.Duration) { f.ev.TTFT = d },
		onDone:  func(u usage, complete bool, n int) { g.settle(f, u, complete, n) },
	}
	return m
}

// guardAnswer reads a whole JSON answer, checks it, and sends the
// checked answer, or Ward's error when the policy refuses it (the answer
// is still settled: the provider was paid).
func (g *Gateway) guardAnswer(f *flight, resp *http.Response) error {
	raw, err := readAnswer(resp.Body, -1, func() { f.ev.TTFT = time.Since(f.start) })
	if err != nil {
		// Nothing is sent yet: the client gets Ward's error (a 502, or a
		// 504 when the answer stopped coming), not part of an answer, and
		// the request is settled from what came, as without the guard.
		return &answerCut{err: err, read: len(raw)}
	}
	if len(raw) > maxJSONAnswer {
		f.guard.unchecked = true
		f.ev.Verdicts = append(f.ev.Verdicts, uncheckedVerdict)
		m := g.meter(f, readCloser{io.MultiReader(bytes.NewReader(raw), resp.Body), resp.Body}, false)
		m.first = true
		resp.Body = m
		return nil
	}
	out, e := g.guardJSON(f, raw)
	if e != nil {
		f.guard.denied = e
		resp.StatusCode = e.status
		resp.Header.Set("Content-Type", "application/json")
		out = encodeJSON(e.body(f.anthropic))
	}
	// The provider's answer is metered (and the request settled) once the
	// client has been sent what Ward sends instead.
	m := g.meter(f, readCloser{bytes.NewReader(raw), resp.Body}, false)
	m.first = true // the time to the first byte was taken as it came
	resp.Body = &answerBody{r: bytes.NewReader(out), m: m}
	return nil
}

// answerBody sends a rewritten answer, then meters the original.
type answerBody struct {
	r *bytes.Reader
	m *meteredBody
}

func (a *answerBody) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err == io.EOF {
		_, _ = io.Copy(io.Discard, a.m)
	}
	return n, err
}

func (a *answerBody) Close() error { return a.m.Close() }

// readCloser reads from one reader and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}

func isEventStream(ct string) bool {
	return len(ct) >= 17 && (ct[:17] == "text/event-stream")
}

// settle records what an answer cost.
func (g *Gateway) settle(f *flight, u usage, complete bool, streamed int) {
	f.ev.Latency = time.Since(f.start)
	ok := f.ev.Status < 400
	if ok && f.ev.Route != routeModels { // listing models costs nothing
		if !u.known {
			u.prompt = f.in.promptTokens()
			u.completion = streamed / 4 // a broken stream: bytes seen, about 4 a token
			if f.in.maxTokens > 0 {
				// The bytes include each event's JSON framing; the
				// provider cannot have produced more than was asked.
				u.completion = min(u.completion, f.in.completionBound(0))
			}
		}
		f.ev.PromptTokens, f.ev.CompletionTokens = u.prompt, u.completion
		f.ev.CostUSD = f.price.Cost(u.prompt, u.completion)
	}
	g.release(f, f.ev.CostUSD)
	g.addTokens(f, u)
	switch {
	case f.guard != nil && f.guard.denied != nil:
		f.ev.Decision, f.ev.Reason = event.Deny, f.guard.denied.reason
		if !f.ev.Stream {
			// A JSON answer is replaced by the error; a stream was
			// already under way (200) and ends with an error event.
			f.ev.Status = f.guard.denied.status
		}
	case f.cut != nil:
		f.ev.Status, f.ev.Decision, f.ev.Reason = f.cut.status, event.Error, f.cut.reason
	case ok && complete:
		f.ev.Decision = event.Allow
	case ok && f.clientGone():
		f.ev.Decision, f.ev.Reason = event.Error, "client_closed"
	case ok && f.ev.Stream:
		f.ev.Decision, f.ev.Reason = event.Error, "stream_interrupted"
	case ok:
		f.ev.Decision, f.ev.Reason = event.Error, "answer_interrupted"
	default:
		f.ev.Decision, f.ev.Reason = event.Error, "upstream_error"
	}
	if f.sendBeforeRecord && complete {
		_ = http.NewResponseController(f.w).Flush()
	}
	g.record(f)
}

// addTokens counts the answer's tokens beyond those taken up front
// against the tokens-per-minute limits.
func (g *Gateway) addTokens(f *flight, u usage) {
	if g.Limiter == nil {
		return
	}
	extra := int64(u.completion + u.prompt - f.in.promptTokens())
	for _, s := range f.scopes {
		if s.limits.TPM > 0 && extra > 0 {
			if err := g.Limiter.Add(context.Background(), "k:"+s.id, int64(s.limits.TPM), extra, f.start); err != nil {
				g.log.Warn("count tokens", "scope", s.id, "err", err)
			}
		}
	}
}

// errAnswerTimeout ends a request whose answer stopped coming.
var errAnswerTimeout = errors.New("gateway: the answer stopped coming")

// clientGone reports a client that left before its answer ended.
func (f *flight) clientGone() bool { return f.client != nil && f.client.Err() != nil }

// proxyError answers when no provider answered.
func (g *Gateway) proxyError(w http.ResponseWriter, r *http.Request, err error) {
	f := flightOf(r.Context())
	if f == nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	if p := f.attempt.provider; p != nil {
		f.ev.Provider = p.Name
	}
	if cut := (*answerCut)(nil); errors.As(err, &cut) {
		g.cutOff(w, r, f, cut)
		return
	}
	var e *apiError
	switch {
	case errors.Is(r.Context().Err(), context.Canceled) && errors.Is(context.Cause(r.Context()), context.Canceled):
		e = &apiError{status: 499, reason: "client_closed"} // nobody is listening
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err) || errors.Is(context.Cause(r.Context()), errAnswerTimeout):
		e = errUpstream(http.StatusGatewayTimeout, "upstream_timeout", "the provider did not answer in time")
	default:
		e = errUpstream(http.StatusBadGateway, "upstream_unavailable", "no provider could be reached")
	}
	if e.status != 499 {
		e.write(w, f.anthropic)
	}
	cost := 0.0
	if e.reason != "upstream_unavailable" && f.attempt.provider != nil && f.ev.Route != routeModels {
		// The provider had the request when it timed out or the client
		// left: it may bill the prompt, so the budget pays it too.
		f.ev.PromptTokens = f.in.promptTokens()
		cost = f.price.Cost(f.ev.PromptTokens, 0)
		f.ev.CostUSD = cost
	}
	g.release(f, cost)
	f.ev.Status, f.ev.Decision, f.ev.Reason = e.status, event.Error, e.reason
	f.ev.Latency = time.Since(f.start)
	g.record(f)
}

// cutOff answers a JSON answer that broke off before any of it was
// sent: a 502, or a 504 when it stopped coming, in the provider's shape,
// and not the empty reply of a dropped connection (nothing is sent to a
// client that left). The request is settled from what came, as any
// answer that broke off is.
func (g *Gateway) cutOff(w http.ResponseWriter, r *http.Request, f *flight, cut *answerCut) {
	if !f.clientGone() {
		e := errUpstream(http.StatusBadGateway, "answer_interrupted", "the provider's answer broke off")
		if errors.Is(context.Cause(r.Context()), errAnswerTimeout) || isTimeout(cut.err) {
			e = errUpstream(http.StatusGatewayTimeout, "upstream_timeout", "the provider did not answer in time")
		}
		e.write(w, f.anthropic)
		f.cut = e
	}
	g.settle(f, usage{}, false, cut.read)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// deny answers a request Ward refused and records it.
func (g *Gateway) deny(w http.ResponseWriter, f *flight, e *apiError) {
	e.write(w, f.anthropic)
	f.ev.Status, f.ev.Decision, f.ev.Reason = e.status, event.Deny, e.reason
	f.ev.Latency = time.Since(f.start)
	g.record(f)
}
