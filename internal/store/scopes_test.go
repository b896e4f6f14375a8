package store

import (
	"context"
	"maps"
	"path"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/budget"
	"github.com/wardsec/ward/internal/testenv"
)

// testScopeSpentSince: the ledger sums by team and by model, within the
// period, inclusive of its start.
func testScopeSpentSince(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	day := base
	rows := []Usage{
		{Time: day.Add(-time.Microsecond), KeyID: "wk_a", Team: "ml", Model: "gpt-4o", CostUSD: 1},
		{Time: day, KeyID: "wk_a", Team: "ml", Model: "gpt-4o", CostUSD: 2},
		{Time: day.Add(time.Hour), KeyID: "wk_b", Team: "ml", Model: "gpt-4o-mini", CostUSD: 4},
		{Time: day.Add(2 * time.Hour), KeyID: "wk_c", Team: "web", Model: "gpt-4o", CostUSD: 8},
		{Time: day.Add(3 * time.Hour), KeyID: "jwt:ci", Team: "", Model: "claude-3-5-sonnet", CostUSD: 16},
		{Time: day.Add(4 * time.Hour), KeyID: "wk_d", Team: "ml", Model: "modèle-é", CostUSD: 32},
	}
	if err := s.RecordUsage(ctx, rows); err != nil {
		t.Fatalf("RecordUsage: %v", err)
	}
	for _, tt := range []struct {
		team  string
		since time.Time
		want  float64
	}{
		{"ml", time.Time{}, 39}, {"ml", day, 38}, {"ml", day.Add(time.Microsecond), 36},
		{"web", day, 8}, {"", day, 16}, {"nobody", time.Time{}, 0},
	} {
		if got, err := s.TeamSpentSince(ctx, tt.team, tt.since); err != nil || got != tt.want {
			t.Errorf("TeamSpentSince(%q, %v) = %v, %v; want %v", tt.team, tt.since, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		prefix string
		since  time.Time
		want   map[string]float64
	}{
		{"gpt-4o", time.Time{}, map[string]float64{"gpt-4o": 11, "gpt-4o-mini": 4}},
		{"gpt-4o", day, map[string]float64{"gpt-4o": 10, "gpt-4o-mini": 4}},
		{"gpt-4o-", day, map[string]float64{"gpt-4o-mini": 4}},
		{"", day.Add(90 * time.Minute), map[string]float64{"gpt-4o": 8, "claude-3-5-sonnet": 16, "modèle-é": 32}},
		{"modèle", day, map[string]float64{"modèle-é": 32}},
		{"GPT", day, map[string]float64{}}, // case matters, as for the gateway's globs
		{"gpt-4o", day.Add(5 * time.Hour), map[string]float64{}},
	} {
		got, err := s.SpentByModelSince(ctx, tt.prefix, tt.since)
		if err != nil || !maps.Equal(got, tt.want) {
			t.Errorf("SpentByModelSince(%q, %v) = %v, %v; want %v", tt.prefix, tt.since, got, err, tt.want)
		}
	}
}

// budgetCase is a gateway's shared budgets: a team's by month and a model
// glob's by day.
var (
	teamBudget  = map[string]float64{"ml": 10}
	modelBudget = map[string]float64{"gpt-4o*": 3}
)

// spend does what the gateway does with a request of cost usd by key
// (of team) for model at time at: reserve usd in every budget scope the
// request counts against, refuse it if one has not enough left (giving
// back what the others took), else record it in the ledger l (unless l
// is nil). The reservation stands for the cost: the request cost usd.
func spend(t *testing.T, c budget.Counter, l Ledger, key, team, model string, usd float64, at time.Time) bool {
	t.Helper()
	ctx := context.Background()
	type scope struct {
		id, period string
		limit      float64
	}
	scopes := []scope{{budget.PrincipalPrefix + key, budget.PeriodMonth, 0}}
	if limit, ok := teamBudget[team]; ok {
		scopes = append(scopes, scope{budget.TeamPrefix + team, budget.PeriodMonth, limit})
	}
	for glob, limit := range modelBudget {
		if ok, _ := path.Match(glob, model); ok {
			scopes = append(scopes, scope{budget.ModelPrefix + glob, budget.PeriodDay, limit})
		}
	}
	for i, s := range scopes {
		ok, _, err := c.Reserve(ctx, s.id, usd, s.limit, s.period, at)
		if err != nil {
			t.Fatalf("reserve in %s: %v", s.id, err)
		}
		if !ok {
			for _, r := range scopes[:i] {
				if err := c.Settle(ctx, r.id, usd, 0, r.period, at); err != nil {
					t.Fatalf("give back %s: %v", r.id, err)
				}
			}
			return false
		}
	}
	if l == nil {
		return true
	}
	if err := l.RecordUsage(ctx, []Usage{{Time: at, KeyID: key, Team: team, Model: model, CostUSD: usd}}); err != nil {
		t.Fatalf("RecordUsage: %v", err)
	}
	return true
}

// testBudgetsSurviveRestart: after a restart (a new store handle and new
// counters), a team's monthly budget and a model glob's daily budget
// start from what the ledger says they spent, so a request that would
// overspend either is refused.
func testBudgetsSurviveRestart(t *testing.T, b backend) {
	url := b.url(t)
	now := time.Date(2025, time.April, 10, 12, 0, 0, 0, time.UTC)
	before := openTest(t, url)
	c := budget.NewMemory(budget.LedgerSeed(before))
	for _, r := range []struct {
		key, team, model string
		usd              float64
		at               time.Time
	}{
		{"wk_a", "ml", "claude-3", 9, time.Date(2025, time.March, 31, 23, 59, 59, 0, time.UTC)}, // last month
		{"wk_c", "web", "gpt-4o", 1.9, now.Add(-16 * time.Hour)},                                // yesterday
		{"wk_a", "ml", "gpt-4o-mini", 1, now.Add(-12*time.Hour - time.Microsecond)},
		{"wk_a", "ml", "gpt-4o", 2, now.Add(-time.Hour)},
		{"wk_b", "ml", "gpt-4o-mini", 0.5, now.Add(-time.Hour)},
		{"wk_c", "web", "gpt-4o", 0.4, now.Add(-time.Hour)},
		{"wk_d", "ml", "claude-3", 4, now.Add(-time.Hour)},
	} {
		if !spend(t, c, before, r.key, r.team, r.model, r.usd, r.at) {
			t.Fatalf("before the restart: %+v refused", r)
		}
	}
	// Team ml has spent 7.5 of 10 this month; gpt-4o* 2.9 of 3 today.
	// Each restart below leaves the ledger as it is, so that the next
	// starts from the same spend.
	after := openTest(t, url)
	restart := func(t *testing.T, c budget.Counter) {
		for _, r := range []struct {
			key, team, model string
			usd              float64
			want             bool
		}{
			{"wk_e", "ml", "gpt-4o", 0.2, false},      // gpt-4o* would reach 3.1
			{"wk_e", "ml", "claude-3", 3, false},      // ml would reach 10.5
			{"wk_e", "ml", "claude-3", 2.5, true},     // ml reaches 10
			{"wk_e", "web", "gpt-4o-mini", 0.1, true}, // gpt-4o* reaches 3
			{"wk_f", "web", "gpt-4o", 0.01, false},
			{"wk_f", "ml", "o1", 0.01, false},
		} {
			if got := spend(t, c, nil, r.key, r.team, r.model, r.usd, now); got != r.want {
				t.Errorf("after the restart: %s of %s on %s for %v admitted=%v, want %v", r.key, r.team, r.model, r.usd, got, r.want)
			}
		}
	}
	t.Run("memory", func(t *testing.T) { restart(t, budget.NewMemory(budget.LedgerSeed(after))) })
	t.Run("redis", func(t *testing.T) {
		rc, prefix := testenv.Redis(t)
		restart(t, budget.NewRedis(rc, budget.RedisOptions{Prefix: prefix, Seed: budget.LedgerSeed(after)}))
	})
}
