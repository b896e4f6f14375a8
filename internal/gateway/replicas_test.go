package gateway

import (
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/budget"
	"github.com/wardsec/ward/internal/ratelimit"
	"github.com/wardsec/ward/internal/testenv"
)

// TestReplicasShareRedis runs three gateways over one store and one
// Redis, as three replicas behind a load balancer: together they enforce
// one requests-per-minute limit within 1%, and one budget exactly.
func TestReplicasShareRedis(t *testing.T) {
	_, prefix := testenv.Redis(t)
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	in, _ := parseRequest([]byte(chatBody))
	worst := testPrice.Cost(in.promptTokens(), 100)
	rpmKey, _ := h.issue(t, authn.Limits{RPM: 300})
	budgetKey, _ := h.issue(t, authn.Limits{BudgetUSD: worst * 1.5, BudgetPeriod: authn.PeriodDay})

	var urls []string
	for range 3 {
		c := testenv.RedisClient(t)
		lim := ratelimit.NewRedis(c, ratelimit.RedisOptions{Prefix: prefix})
		gw := New(Options{
			Providers: h.gw.Providers, Keys: h.gw.keys, Limiter: lim, Concurrency: lim,
			Budget: budget.NewRedis(c, budget.RedisOptions{Prefix: prefix}), DefaultPrice: &testPrice,
		})
		srv := httptest.NewServer(gw.Handler())
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	count := func(key string, n int) (ok int64) {
		var wg sync.WaitGroup
		var allowed atomic.Int64
		for i := range n {
			wg.Go(func() {
				hr := &harness{srv: &httptest.Server{URL: urls[i%3]}}
				if resp, _ := hr.post(t, routeChat, key, chatBody); resp.StatusCode == 200 {
					allowed.Add(1)
				}
			})
		}
		wg.Wait()
		return allowed.Load()
	}
	start := time.Now()
	got := count(rpmKey, 600)
	// The limit refills one request every 200ms of the run (the clock is
	// real), so a slow run under load may rightly allow a few more.
	refill := int64(time.Since(start) / (200 * time.Millisecond))
	if got < 297 || got > 303+refill {
		t.Errorf("3 replicas allowed %d of 600 requests against a limit of 300/min (+%d refilled during the run), want 300 ±1%%", got, refill)
	}
	if got := count(budgetKey, 200); got != 1 {
		t.Errorf("3 replicas answered %d requests against a budget for one", got)
	}
}

// TestCountersUnreachable: with Redis down, budgets refuse (fail closed,
// the default) and rate limits let requests through (fail open), as
// configured.
func TestCountersUnreachable(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { dead.Close() })
	lim := ratelimit.NewRedis(dead, ratelimit.RedisOptions{})
	for _, tt := range []struct {
		name           string
		limits         authn.Limits
		rateOpen, open bool
		status         int
	}{
		{"budget fails closed", authn.Limits{BudgetUSD: 10}, true, false, 503},
		{"budget configured open", authn.Limits{BudgetUSD: 10}, true, true, 200},
		{"rate limit fails open", authn.Limits{RPM: 10}, true, false, 200},
		{"rate limit configured closed", authn.Limits{RPM: 10}, false, false, 503},
	} {
		t.Run(tt.name, func(t *testing.T) {
			gw := New(Options{
				Providers: h.gw.Providers, Keys: h.gw.keys, Limiter: lim, Concurrency: lim,
				Budget: budget.NewRedis(dead, budget.RedisOptions{}), DefaultPrice: &testPrice,
				RateLimitFailOpen: tt.rateOpen, BudgetFailOpen: tt.open,
			})
			srv := httptest.NewServer(gw.Handler())
			defer srv.Close()
			key, _ := h.issue(t, tt.limits)
			hr := &harness{srv: srv}
			defer leakCheck(t, srv, up.Server)()
			if resp, body := hr.post(t, routeChat, key, chatBody); resp.StatusCode != tt.status {
				t.Errorf("got %d %s, want %d", resp.StatusCode, body, tt.status)
			}
		})
	}
}
