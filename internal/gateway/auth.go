package gateway

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/store"
)

// JWTVerifier checks a workload identity's token (authn.OIDC does).
type JWTVerifier interface {
	Verify(ctx context.Context, raw string, now time.Time) (*authn.Principal, error)
}

// credential reads the caller's token from the headers the SDKs send:
// Authorization: Bearer (OpenAI), x-api-key (Anthropic), api-key (Azure).
func credential(h http.Header) string {
	if a := h.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		return strings.TrimSpace(a[7:])
	}
	if k := h.Get("X-Api-Key"); k != "" {
		return k
	}
	return h.Get("Api-Key")
}

// KeyCache resolves Ward keys from the store, keeping them in memory and
// refreshing what changed every Refresh (revocations included), so a key
// revoked on any replica stops working everywhere within about that
// long. A key not yet cached is looked up once; unknown hashes are
// remembered for Refresh to keep guessing off the database.
//
// Refreshes ask for the keys the database stamped after the latest stamp
// the cache has seen, less store.ChangeLookback: the replica's own clock
// plays no part, so no skew between writers, database and replicas can
// hide a change.
type KeyCache struct {
	keys    store.Keys
	refresh time.Duration
	log     *slog.Logger

	mu      sync.RWMutex
	byHash  map[string]*authn.Key
	missing map[string]time.Time
	// mark is the latest change stamp seen, by the database's clock.
	mark time.Time
}

// NewKeyCache loads every key and starts refreshing until ctx ends.
func NewKeyCache(ctx context.Context, keys store.Keys, refresh time.Duration, log *slog.Logger) (*KeyCache, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &KeyCache{keys: keys, refresh: refresh, log: log, byHash: map[string]*authn.Key{}, missing: map[string]time.Time{}}
	all, mark, err := keys.KeysChangedSince(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	c.mark = mark
	for i := range all {
		c.byHash[string(all[i].Hash)] = &all[i]
	}
	go c.loop(ctx)
	return c, nil
}

func (c *KeyCache) loop(ctx context.Context) {
	t := time.NewTicker(c.refresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.update(ctx)
		}
	}
}

// update reads the keys changed since the latest change seen.
func (c *KeyCache) update(ctx context.Context) {
	c.mu.RLock()
	mark := c.mark
	c.mu.RUnlock()
	changed, latest, err := c.keys.KeysChangedSince(ctx, mark.Add(-store.ChangeLookback))
	if err != nil {
		c.log.Warn("refresh keys", "err", err)
		return
	}
	now := time.Now()
	c.mu.Lock()
	for i := range changed {
		k := changed[i]
		c.byHash[string(k.Hash)] = &k
		delete(c.missing, string(k.Hash))
	}
	if latest.After(c.mark) {
		c.mark = latest
	}
	for h, t := range c.missing {
		if now.Sub(t) > c.refresh {
			delete(c.missing, h)
		}
	}
	c.mu.Unlock()
}

// Errors of Lookup.
var (
	errUnknownKey = errors.New("unknown key")
	errExpiredKey = errors.New("expired or revoked key")
)

// Lookup finds the active key with the given secret.
func (c *KeyCache) Lookup(ctx context.Context, secret string, now time.Time) (*authn.Key, error) {
	if authn.CheckShape(secret) != nil {
		return nil, errUnknownKey
	}
	h := authn.HashKey(secret)
	c.mu.RLock()
	k, ok := c.byHash[string(h)]
	_, known404 := c.missing[string(h)]
	c.mu.RUnlock()
	if !ok && !known404 {
		var err error
		if k, err = c.keys.KeyByHash(ctx, h); err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				return nil, err
			}
			c.mu.Lock()
			c.missing[string(h)] = now
			c.mu.Unlock()
			return nil, errUnknownKey
		}
		c.mu.Lock()
		c.byHash[string(h)] = k
		c.mu.Unlock()
	}
	if k == nil || !k.Matches(h) {
		return nil, errUnknownKey
	}
	if !k.Active(now) {
		return nil, errExpiredKey
	}
	return k, nil
}

// authenticate resolves the caller of r; anthropic is a request to
// Anthropic's route, whose SDKs send the key as x-api-key.
func (g *Gateway) authenticate(r *http.Request, now time.Time, anthropic bool) (*authn.Principal, *apiError) {
	token := credential(r.Header)
	switch {
	case token == "" && anthropic:
		return nil, errUnauthorized("missing API key: send a Ward key as x-api-key: ward_… (or Authorization: Bearer ward_…)")
	case token == "":
		return nil, errUnauthorized("missing API key: send a Ward key as Authorization: Bearer ward_…")
	case strings.HasPrefix(token, authn.KeyPrefix) && g.keys != nil:
		k, err := g.keys.Lookup(r.Context(), token, now)
		switch {
		case errors.Is(err, errExpiredKey):
			return nil, errUnauthorized("the API key has expired or was revoked")
		case err != nil && !errors.Is(err, errUnknownKey):
			g.log.Error("key lookup", "err", err)
			return nil, errUpstream(http.StatusServiceUnavailable, "store_unavailable", "keys cannot be checked right now")
		case err != nil:
			return nil, errUnauthorized("invalid API key")
		}
		return authn.PrincipalFromKey(k), nil
	case g.jwt != nil && strings.Count(token, ".") == 2:
		p, err := g.jwt.Verify(r.Context(), token, now)
		if err != nil {
			// Why, for the operator (the errors name the check that
			// failed, never the token); the client is told no more.
			g.log.Info("workload identity refused", "err", err)
			return nil, errUnauthorized("invalid workload identity token")
		}
		return p, nil
	}
	return nil, errUnauthorized("invalid API key")
}
