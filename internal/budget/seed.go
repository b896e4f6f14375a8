package budget

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"
)

// SeedFunc gives the spend a counter should start from for key in the
// period that began at since (the zero time for total). Counters forget
// on restart (memory) or may lose keys (Redis flushed, or restored from
// an old snapshot), while the ledger remembers every settled request; so
// a counter calls its SeedFunc the first time it meets a key (memory: the
// first time in this process; Redis: whenever the key's counter for the
// period is absent, so a counter Redis kept is never seeded twice) and
// starts from the answer. A failing SeedFunc fails the call that needed
// it (the gateway then fails open or closed) and is asked again next
// time.
type SeedFunc func(ctx context.Context, key string, since time.Time) (float64, error)

// Ledger is the part of store.Ledger that LedgerSeed needs.
type Ledger interface {
	SpentSince(ctx context.Context, keyID string, t time.Time) (float64, error)
	TeamSpentSince(ctx context.Context, team string, t time.Time) (float64, error)
	SpentByModelSince(ctx context.Context, prefix string, t time.Time) (map[string]float64, error)
}

// Prefixes of the counter keys LedgerSeed looks up in the ledger: the
// gateway names a principal's budget "p:"+id (a key id, or jwt:<subject>),
// a team's "t:"+team and a model glob's "m:"+glob.
const (
	PrincipalPrefix = "p:"
	TeamPrefix      = "t:"
	ModelPrefix     = "m:"
)

// LedgerSeed seeds counters from l: PrincipalPrefix+id starts from
// l.SpentSince(id, since), TeamPrefix+team from l.TeamSpentSince(team,
// since), and ModelPrefix+glob from the spend since since of every model
// the glob matches (path.Match, as the gateway matches them). Any other
// key starts from zero. A nil l seeds nothing.
func LedgerSeed(l Ledger) SeedFunc {
	if l == nil {
		return nil
	}
	return func(ctx context.Context, key string, since time.Time) (float64, error) {
		if id, ok := strings.CutPrefix(key, PrincipalPrefix); ok {
			return l.SpentSince(ctx, id, since)
		}
		if team, ok := strings.CutPrefix(key, TeamPrefix); ok {
			return l.TeamSpentSince(ctx, team, since)
		}
		if glob, ok := strings.CutPrefix(key, ModelPrefix); ok {
			return modelSpend(ctx, l, glob, since)
		}
		return 0, nil
	}
}

// modelSpend sums what the models glob matches spent since since. The
// ledger sums per model those that start with the glob's literal prefix;
// the glob picks among them.
func modelSpend(ctx context.Context, l Ledger, glob string, since time.Time) (float64, error) {
	if _, err := path.Match(glob, ""); err != nil {
		return 0, fmt.Errorf("model glob %q: %w", glob, err)
	}
	byModel, err := l.SpentByModelSince(ctx, literalPrefix(glob), since)
	if err != nil {
		return 0, err
	}
	var nanos int64 // exact, whatever the map's order
	for model, usd := range byModel {
		if ok, _ := path.Match(glob, model); ok {
			nanos += toNanos(usd)
		}
	}
	return toUSD(nanos), nil
}

// literalPrefix is what every name a path.Match glob matches starts
// with: the glob up to its first special character.
func literalPrefix(glob string) string {
	if i := strings.IndexAny(glob, `*?[\`); i >= 0 {
		return glob[:i]
	}
	return glob
}
