package budget

import (
	"context"
	"strings"
	"time"
)

// SeedFunc gives the spend a counter should start from for key in the
// period that began at since (the zero time for total). Counters forget
// on restart (memory) or may lose keys (Redis flushed, or restored from
// an old snapshot), while the ledger remembers every settled request; so
// a counter calls its SeedFunc the first time it meets a key (memory: the
// first time in this process; Redis: whenever the key's counter for the
// period is absent) and starts from the answer. A failing SeedFunc fails
// the call that needed it (the gateway then fails open or closed) and is
// asked again next time.
type SeedFunc func(ctx context.Context, key string, since time.Time) (float64, error)

// Ledger is the part of store.Ledger that LedgerSeed needs.
type Ledger interface {
	SpentSince(ctx context.Context, keyID string, t time.Time) (float64, error)
}

// PrincipalPrefix starts the counter keys that LedgerSeed looks up in the
// ledger: the gateway names a principal's budget "p:"+keyID.
const PrincipalPrefix = "p:"

// LedgerSeed seeds counters from l: a key PrincipalPrefix+id starts from
// l.SpentSince(id, since); any other key (team and model scopes, which
// the ledger does not sum) starts from zero. A nil l seeds nothing.
func LedgerSeed(l Ledger) SeedFunc {
	if l == nil {
		return nil
	}
	return func(ctx context.Context, key string, since time.Time) (float64, error) {
		id, ok := strings.CutPrefix(key, PrincipalPrefix)
		if !ok {
			return 0, nil
		}
		return l.SpentSince(ctx, id, since)
	}
}
