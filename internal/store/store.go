// Package store keeps the gateway's durable state behind small
// interfaces: keys, the usage ledger and events. SQLite (a file, pure Go)
// is the default; PostgreSQL serves several replicas. Both are chosen by
// URL (Open): "sqlite:///path/ward.db" or a plain path, "postgres://…".
//
// Times are stored in UTC to the microsecond and come back in UTC.
// Errors start with "store: " and the operation, and name keys by id,
// never by key or hash.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// ErrNotFound reports a key that does not exist.
var ErrNotFound = errors.New("not found")

// Usage is one settled request in the ledger.
type Usage struct {
	Time             time.Time
	KeyID            string // or "jwt:<subject>" for a workload identity
	Team             string
	Model            string
	PromptTokens     int
	CompletionTokens int
	CostUSD          float64
}

// Keys stores Ward keys (hashes and limits, never the keys).
type Keys interface {
	// CreateKey stores k (ErrExists when its id or hash is taken).
	CreateKey(ctx context.Context, k *authn.Key) error
	// KeyByHash finds a key by the SHA-256 of the presented key.
	KeyByHash(ctx context.Context, hash []byte) (*authn.Key, error)
	KeyByID(ctx context.Context, id string) (*authn.Key, error)
	ListKeys(ctx context.Context) ([]authn.Key, error)
	// RevokeKey marks a key revoked at t (ErrNotFound when there is none);
	// a key already revoked keeps its first revocation time.
	RevokeKey(ctx context.Context, id string, t time.Time) error
	// RotateKey stores next as the successor of key id and revokes id at
	// t, in one transaction: next gets id's lineage and RotatedFrom id
	// (RotateKey sets both on next). It refuses a key that has a
	// successor already (a *RotatedError naming it) or is revoked or
	// expired at t (ErrNotRotatable); ErrNotFound when there is no key id.
	RotateKey(ctx context.Context, id string, next *authn.Key, t time.Time) error
	// KeysChangedSince lists the keys whose change stamp is after t, in
	// the order they changed, and the latest stamp among them (t when
	// there are none), for caches that must see a revocation within a
	// second. The database stamps every write of a key itself, by its own
	// clock and never below the latest stamp already written, whatever
	// the writer's clock says; so a poller never uses its own clock: it
	// passes the latest stamp it saw, less a few seconds for writes that
	// commit in another order than they were stamped (ChangeLookback).
	KeysChangedSince(ctx context.Context, t time.Time) ([]authn.Key, time.Time, error)
}

// ChangeLookback is how far before the latest change stamp it saw a
// poller of KeysChangedSince asks from: a write is stamped when its
// statement runs and seen when its transaction commits, and one that
// commits this much later than a write stamped after it is still found.
const ChangeLookback = 5 * time.Second

// Ledger records what each request cost, and sums it by budget scope
// (key, team, model) so that budgets survive a restart.
type Ledger interface {
	// RecordUsage appends u in one transaction.
	RecordUsage(ctx context.Context, u []Usage) error
	// SpentSince sums the cost of a key's requests since t (inclusive),
	// with those of every key of its lineage (the keys rotated from it,
	// whose Lineage is keyID): counters name a key's budget by its
	// lineage. A "jwt:<subject>" has only its own requests.
	SpentSince(ctx context.Context, keyID string, t time.Time) (float64, error)
	// TeamSpentSince sums the cost of a team's requests since t
	// (inclusive), whichever key made them.
	TeamSpentSince(ctx context.Context, team string, t time.Time) (float64, error)
	// SpentByModelSince sums the cost of the requests since t (inclusive)
	// per model, for the models whose name starts with prefix (every
	// model when prefix is empty); models with no request since t are absent.
	SpentByModelSince(ctx context.Context, prefix string, t time.Time) (map[string]float64, error)
}

// Events stores gateway events.
type Events interface {
	// WriteEvents appends es in one transaction; it must not keep es
	// after it returns (EventWriter reuses the slice).
	WriteEvents(ctx context.Context, es []event.Event) error
	// RecentEvents returns up to limit events since t (inclusive), newest
	// first; limit <= 0 means DefaultEventLimit, at most MaxEventLimit.
	RecentEvents(ctx context.Context, since time.Time, limit int) ([]event.Event, error)
	// DeleteEventsBefore deletes up to limit of the oldest events older
	// than t (exclusive), in one short transaction, and says how many it
	// deleted; limit must be positive. PruneEvents deletes them all.
	DeleteEventsBefore(ctx context.Context, t time.Time, limit int) (int, error)
}

// Store is all three, over one database.
type Store interface {
	Keys
	Ledger
	Events
	Close() error
}
