package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func testRotateKey(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	root := testKey(t, "ci", base)
	mustCreate(t, s, root)
	at := base.Add(time.Hour)
	next := testKey(t, "ci", at)
	if err := s.RotateKey(ctx, root.ID, next, at); err != nil {
		t.Fatalf("RotateKey: %v", err)
	}
	got, err := s.KeyByID(ctx, next.ID)
	if err != nil {
		t.Fatalf("KeyByID(successor): %v", err)
	}
	if got.Lineage != root.ID || got.RotatedFrom != root.ID || next.Lineage != root.ID {
		t.Errorf("successor lineage %q, rotated from %q; want both %q", got.Lineage, got.RotatedFrom, root.ID)
	}
	old, _ := s.KeyByID(ctx, root.ID)
	if old == nil || old.RevokedAt == nil || !old.RevokedAt.Equal(at) {
		t.Errorf("rotated key = %+v, want revoked at %v", old, at)
	}
	third := testKey(t, "ci", at)
	if err := s.RotateKey(ctx, next.ID, third, at); err != nil {
		t.Fatalf("RotateKey(successor): %v", err)
	}
	if got, _ := s.KeyByID(ctx, third.ID); got == nil || got.Lineage != root.ID || got.RotatedFrom != next.ID {
		t.Errorf("third key = %+v, want lineage %s, rotated from %s", got, root.ID, next.ID)
	}
}

func testRotateRefused(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	at := base.Add(time.Hour)
	rotated, revoked, expired := testKey(t, "rotated", base), testKey(t, "revoked", base), testKey(t, "expired", base)
	mustCreate(t, s, rotated)
	mustCreate(t, s, revoked)
	mustCreate(t, s, expired)
	successor := testKey(t, "rotated", at)
	if err := s.RotateKey(ctx, rotated.ID, successor, at); err != nil {
		t.Fatalf("RotateKey: %v", err)
	}
	if err := s.RevokeKey(ctx, revoked.ID, at); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}
	for _, tc := range []struct {
		name, id string
		at       time.Time
		want     error
		text     string
	}{
		{"already rotated", rotated.ID, at, ErrNotRotatable, "already rotated: its successor is " + successor.ID},
		{"revoked", revoked.ID, at, ErrNotRotatable, "revoked or expired"},
		{"expired", expired.ID, expired.ExpiresAt, ErrNotRotatable, "revoked or expired"},
		{"missing", "wk_0000000000000000", at, ErrNotFound, "not found"},
	} {
		next := testKey(t, tc.name, at)
		err := s.RotateKey(ctx, tc.id, next, tc.at)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) || !strings.Contains(err.Error(), tc.id) {
			t.Errorf("%s: RotateKey = %v, want %v saying %q", tc.name, err, tc.want, tc.text)
		}
		if _, err := s.KeyByID(ctx, next.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: the refused successor was stored (%v)", tc.name, err)
		}
	}
	var re *RotatedError
	if err := s.RotateKey(ctx, rotated.ID, testKey(t, "again", at), at); !errors.As(err, &re) || re.Successor != successor.ID {
		t.Errorf("RotateKey of a rotated key = %v, want a *RotatedError naming %s", err, successor.ID)
	}
	if k, _ := s.KeyByID(ctx, successor.ID); k == nil || !k.Active(at) {
		t.Errorf("successor after refused rotations = %+v, want it active", k)
	}
}

// testSpentSinceLineage: a key's spend counts its predecessors', so that
// a budget seeded from the ledger after a rotation is not refilled.
func testSpentSinceLineage(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	root, other := testKey(t, "root", base), testKey(t, "other", base)
	mustCreate(t, s, root)
	mustCreate(t, s, other)
	next := testKey(t, "next", base)
	if err := s.RotateKey(ctx, root.ID, next, base.Add(time.Minute)); err != nil {
		t.Fatalf("RotateKey: %v", err)
	}
	err := s.RecordUsage(ctx, []Usage{
		{Time: base, KeyID: root.ID, CostUSD: 1},
		{Time: base.Add(time.Hour), KeyID: next.ID, CostUSD: 2},
		{Time: base, KeyID: other.ID, CostUSD: 4},
	})
	if err != nil {
		t.Fatalf("RecordUsage: %v", err)
	}
	for _, tc := range []struct {
		id   string
		want float64
	}{{root.ID, 3}, {other.ID, 4}, {"jwt:ci", 0}} {
		if got, err := s.SpentSince(ctx, tc.id, base); got != tc.want || err != nil {
			t.Errorf("SpentSince(%s) = %v, %v; want %v", tc.id, got, err, tc.want)
		}
	}
}

// testUpgradeKeepsKeys: keys stored before lineage existed are each
// their own lineage, and can be rotated.
func testUpgradeKeepsKeys(t *testing.T, b backend) {
	url, ctx := b.url(t), context.Background()
	k := testKey(t, "old", base)
	createV3WithKey(t, b.name, url, k.ID, k.Hash, k.ExpiresAt)
	s := openTest(t, url)
	got, err := s.KeyByID(ctx, k.ID)
	if err != nil || got.Lineage != k.ID || got.RotatedFrom != "" {
		t.Fatalf("key of an upgraded database = %+v, %v; want its own lineage", got, err)
	}
	if err := s.RotateKey(ctx, k.ID, testKey(t, "new", base), base.Add(time.Minute)); err != nil {
		t.Errorf("RotateKey on an upgraded database: %v", err)
	}
}

// createV3WithKey makes the database at url with the first three
// migrations and one key, as the Ward before key lineage left it.
func createV3WithKey(t *testing.T, dialect, url, id string, hash []byte, expires time.Time) {
	t.Helper()
	const row = "INSERT INTO keys (id, name, hash, created_at, expires_at, updated_at) VALUES (%s)"
	createOld(t, dialect, url, 3,
		oldRow{strings.Replace(row, "%s", "?, 'old', ?, ?, ?, 0", 1), []any{id, hash, micros(base), micros(expires)}},
		oldRow{strings.Replace(row, "%s", "$1, 'old', $2, $3, $4, now()", 1), []any{id, hash, base, expires}})
}

// testConcurrentRotations: of several rotations of one key at once,
// exactly one succeeds; the others are told its successor.
func testConcurrentRotations(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	k := testKey(t, "hot", base)
	mustCreate(t, s, k)
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = s.RotateKey(ctx, k.ID, testKey(t, "hot", base), base.Add(time.Minute)) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		var re *RotatedError
		switch {
		case err == nil:
			ok++
		case !errors.As(err, &re):
			t.Errorf("concurrent RotateKey = %v, want success or a *RotatedError", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d of %d concurrent rotations succeeded, want 1", ok, n)
	}
}
