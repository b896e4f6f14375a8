package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// ErrExists reports a key whose id or hash is already stored.
var ErrExists = errors.New("already exists")

// hashLen is the length of a key hash (SHA-256).
const hashLen = 32

// Bounds of RecentEvents: a limit <= 0 means DefaultEventLimit, and a
// limit above MaxEventLimit is lowered to it.
const (
	DefaultEventLimit = 100
	MaxEventLimit     = 10000
)

// dbTime is t as the store keeps it: UTC, to the microsecond (PostgreSQL's
// precision, applied to SQLite too so that both dialects agree).
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// laterOf is the later of a and b.
func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// ErrNotRotatable reports a key that rotation refuses: revoked or
// expired, or already rotated (then the error is a *RotatedError that
// names the successor).
var ErrNotRotatable = errors.New("revoked or expired, so it cannot be rotated")

// RotatedError reports a key that was already rotated; it is
// ErrNotRotatable.
type RotatedError struct {
	// Successor is the id of the key that replaced it.
	Successor string
}

func (e *RotatedError) Error() string {
	return "already rotated: its successor is " + e.Successor
}

// Is makes a RotatedError match ErrNotRotatable.
func (e *RotatedError) Is(target error) bool { return target == ErrNotRotatable }

// checkRotation decides whether a key may be rotated at t: not once it
// has a successor (successor != ""), nor when it is revoked or expired.
func checkRotation(successor string, revoked bool, expires, t time.Time) error {
	switch {
	case successor != "":
		return &RotatedError{Successor: successor}
	case revoked || !t.Before(expires):
		return ErrNotRotatable
	}
	return nil
}

// successorOf stamps next as the successor of the key id of lineage.
func successorOf(next *authn.Key, id, lineage string) {
	if lineage == "" {
		lineage = id
	}
	next.Lineage, next.RotatedFrom = lineage, id
}

// lineageOf is the lineage stored for k: its own id when unset.
func lineageOf(k *authn.Key) string {
	if k.Lineage == "" {
		return k.ID
	}
	return k.Lineage
}

// nullText is s for a nullable TEXT column: nil (NULL) when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// checkKey rejects a key record that cannot be stored.
func checkKey(k *authn.Key) error {
	switch {
	case k == nil:
		return errors.New("store: create key: nil key")
	case k.ID == "":
		return errors.New("store: create key: empty id")
	case len(k.Hash) != hashLen:
		return fmt.Errorf("store: create key %s: hash is %d bytes, want %d", k.ID, len(k.Hash), hashLen)
	}
	return nil
}

// encodeLimits is the stored form of a key's limits.
func encodeLimits(l authn.Limits) (string, error) {
	b, err := json.Marshal(l)
	if err != nil {
		return "", fmt.Errorf("encode limits: %w", err)
	}
	return string(b), nil
}

// decodeLimits reads the stored form of a key's limits.
func decodeLimits(b []byte) (authn.Limits, error) {
	var l authn.Limits
	if len(b) == 0 {
		return l, nil
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("decode limits: %w", err)
	}
	return l, nil
}

// storedEvent is e as stored: its time in UTC, and its JSON form.
func storedEvent(e event.Event) (event.Event, string, error) {
	e.Time = e.Time.UTC()
	b, err := json.Marshal(e)
	if err != nil {
		return e, "", fmt.Errorf("encode event %s: %w", e.RequestID, err)
	}
	return e, string(b), nil
}

// decodeEvent reads an event from its JSON form.
func decodeEvent(b []byte) (event.Event, error) {
	var e event.Event
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("decode event: %w", err)
	}
	e.Time = e.Time.UTC()
	return e, nil
}

// eventLimit bounds a RecentEvents limit.
func eventLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultEventLimit
	case limit > MaxEventLimit:
		return MaxEventLimit
	}
	return limit
}

// hashName names a looked-up hash in errors by the public id it would
// have, never by the hash itself.
func hashName(hash []byte) string {
	if len(hash) < 8 {
		return "(malformed hash)"
	}
	return authn.KeyID(hash)
}

// chunks splits n items into runs of at most size: [start, end) pairs.
func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}
