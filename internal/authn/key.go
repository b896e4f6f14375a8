// Package authn identifies gateway callers: Ward keys (random, shown
// once, stored as a hash, compared in constant time) and workload
// identities (JWTs from an OIDC issuer), both resolved to a Principal that
// carries the caller's limits.
package authn

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"time"
)

// KeyPrefix starts every Ward key, so that secret scanners (Ward's own
// among them) recognise one.
const KeyPrefix = "ward_"

// keyChars is the base62 alphabet of a key's random part; 43 characters
// of it carry 256 bits.
const (
	keyChars   = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	keyLen     = 43
	DefaultTTL = 30 * 24 * time.Hour
)

// Budget periods.
const (
	PeriodDay   = "day"
	PeriodMonth = "month"
	PeriodTotal = "total"
)

// Limits are what a caller may do; zero means unlimited (or, for
// Models and Routes, anything).
type Limits struct {
	Models       []string `json:"models,omitempty"`
	Routes       []string `json:"routes,omitempty"`
	RPM          int      `json:"rpm,omitempty"`
	TPM          int      `json:"tpm,omitempty"`
	Concurrency  int      `json:"concurrency,omitempty"`
	BudgetUSD    float64  `json:"budget_usd,omitempty"`
	BudgetPeriod string   `json:"budget_period,omitempty"` // day, month, total
	MaxBodyBytes int64    `json:"max_body_bytes,omitempty"`
	MaxTokens    int      `json:"max_tokens,omitempty"`
	// Guard names the gateway's guard policy for this caller (empty: the
	// team's, the route's or the default policy).
	Guard string `json:"guard,omitempty"`
}

// Key is a stored Ward key: everything but the key itself.
type Key struct {
	// ID is public ("wk_" and 16 hex digits of the key's hash): logs,
	// events and the admin API name keys by it.
	ID    string `json:"id"`
	Name  string `json:"name"`
	Owner string `json:"owner,omitempty"`
	Team  string `json:"team,omitempty"`
	// Hash is SHA-256 of the key.
	Hash      []byte     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	// Lineage is the id of the first key of a chain of rotations: the
	// key's own id unless it was issued by rotating another. Rate limits
	// and budgets count by it, so rotating a key never refills them.
	Lineage string `json:"lineage,omitempty"`
	// RotatedFrom is the id of the key this one replaced ("" unless it
	// was issued by rotating).
	RotatedFrom string `json:"rotated_from,omitempty"`
	Limits
}

// Active reports whether the key may be used at now.
func (k *Key) Active(now time.Time) bool {
	return k.RevokedAt == nil && now.Before(k.ExpiresAt)
}

// NewKey returns a new random key and its record (hash and id set,
// created now, expiring after ttl, DefaultTTL when ttl is 0, its own
// lineage).
func NewKey(name string, ttl time.Duration, now time.Time) (string, *Key, error) {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	secret, err := randomKey()
	if err != nil {
		return "", nil, err
	}
	h := HashKey(secret)
	id := KeyID(h)
	return secret, &Key{
		ID: id, Name: name, Hash: h, CreatedAt: now.UTC(), ExpiresAt: now.Add(ttl).UTC(), Lineage: id,
	}, nil
}

func randomKey() (string, error) {
	var b strings.Builder
	b.WriteString(KeyPrefix)
	max := big.NewInt(int64(len(keyChars)))
	for range keyLen {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b.WriteByte(keyChars[n.Int64()])
	}
	return b.String(), nil
}

// HashKey is the stored form of a key.
func HashKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// KeyID is the public id of a key with hash h.
func KeyID(h []byte) string { return "wk_" + hex.EncodeToString(h[:8]) }

// ErrMalformedKey reports a string that cannot be a Ward key.
var ErrMalformedKey = errors.New("malformed key")

// CheckShape rejects what cannot be a Ward key before any lookup.
func CheckShape(key string) error {
	if len(key) != len(KeyPrefix)+keyLen || !strings.HasPrefix(key, KeyPrefix) {
		return ErrMalformedKey
	}
	for i := len(KeyPrefix); i < len(key); i++ {
		if !strings.ContainsRune(keyChars, rune(key[i])) {
			return ErrMalformedKey
		}
	}
	return nil
}

// Matches compares a presented key's hash with a stored one in constant
// time.
func (k *Key) Matches(hash []byte) bool {
	return subtle.ConstantTimeCompare(k.Hash, hash) == 1
}
