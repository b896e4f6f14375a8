package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// postgresEnv names the PostgreSQL server the tests may use; without it
// the PostgreSQL half of the suite is skipped.
const postgresEnv = "WARD_TEST_POSTGRES_URL"

// backend makes fresh, empty databases for the contract suite.
type backend struct {
	name string
	// url returns the URL of a new empty database, removed at cleanup.
	url func(t testing.TB) string
}

// sqliteBackend makes databases in temporary files.
func sqliteBackend() backend {
	return backend{name: "sqlite", url: func(t testing.TB) string {
		return "sqlite://" + filepath.Join(t.TempDir(), "ward.db")
	}}
}

// postgresBackend makes a schema ward_test_<random> per database on the
// server named by WARD_TEST_POSTGRES_URL, or skips.
func postgresBackend(t testing.TB) backend {
	base := testPostgresURL(t)
	return backend{name: "postgres", url: func(t testing.TB) string { return newTestSchema(t, base) }}
}

// testPostgresURL is WARD_TEST_POSTGRES_URL, or skips the test.
func testPostgresURL(t testing.TB) string {
	if !testPostgresURLOK() {
		t.Skipf("%s not set", postgresEnv)
	}
	return strings.TrimSpace(os.Getenv(postgresEnv))
}

// testPostgresURLOK reports whether WARD_TEST_POSTGRES_URL is set.
func testPostgresURLOK() bool { return strings.TrimSpace(os.Getenv(postgresEnv)) != "" }

// newTestSchema creates a schema of its own on the server at base, drops
// it at cleanup, and returns base with search_path set to it.
func newTestSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "ward_test_" + hex.EncodeToString(b)
	execPostgres(t, base, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { execPostgres(t, base, "DROP SCHEMA IF EXISTS "+schema+" CASCADE") })
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// execPostgres runs one statement on its own connection.
func execPostgres(t testing.TB, url, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// openTest opens url and closes it at cleanup.
func openTest(t testing.TB, url string) Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// contractCase is one behaviour every Store must have.
type contractCase struct {
	name string
	run  func(t *testing.T, b backend)
}

// contractCases is the shared suite.
func contractCases() []contractCase {
	return []contractCase{
		{"key round trip", testKeyRoundTrip},
		{"key not found", testKeyNotFound},
		{"key conflicts", testKeyConflicts},
		{"list keys", testListKeys},
		{"revoke key", testRevokeKey},
		{"keys changed since", testKeysChangedSince},
		{"change stamped in the past", testChangeStampedInPast},
		{"rotate key", testRotateKey},
		{"rotate refused", testRotateRefused},
		{"concurrent rotations", testConcurrentRotations},
		{"spent since counts the lineage", testSpentSinceLineage},
		{"upgrade keeps keys", testUpgradeKeepsKeys},
		{"spent since period boundaries", testSpentSince},
		{"spent since by team and model", testScopeSpentSince},
		{"team and model budgets survive a restart", testBudgetsSurviveRestart},
		{"prune events", testPruneEvents},
		{"pruner", testPruner},
		{"upgrade from version 1", testUpgradeFromV1},
		{"usage and events in large batches", testLargeBatches},
		{"events round trip", testEventsRoundTrip},
		{"recent events limit and since", testRecentEventsWindow},
		{"concurrent writers", testConcurrentWriters},
		{"concurrent open", testConcurrentOpen},
		{"reopen keeps data", testReopen},
		{"event writer", testEventWriterStore},
	}
}

// runContract runs the suite against b, in parallel.
func runContract(t *testing.T, b backend) {
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, b)
		})
	}
}

func TestSQLiteContract(t *testing.T) {
	t.Parallel()
	runContract(t, sqliteBackend())
}

func TestPostgresContract(t *testing.T) {
	t.Parallel()
	runContract(t, postgresBackend(t))
}

// base is a fixed instant the tests build times from.
var base = time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)

// testKey makes a key record (its secret is discarded) named name.
func testKey(t testing.TB, name string, created time.Time) *authn.Key {
	t.Helper()
	_, k, err := authn.NewKey(name, 24*time.Hour, created)
	if err != nil {
		t.Fatalf("NewKey: %v", err)
	}
	return k
}

// mustCreate stores k.
func mustCreate(t testing.TB, s Store, k *authn.Key) {
	t.Helper()
	if err := s.CreateKey(context.Background(), k); err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
}

// sameKey compares keys as stored (times to the microsecond, in UTC).
func sameKey(t testing.TB, got, want *authn.Key) {
	t.Helper()
	g, w := *got, *want
	if !g.CreatedAt.Equal(dbTime(w.CreatedAt)) || !g.ExpiresAt.Equal(dbTime(w.ExpiresAt)) {
		t.Errorf("key %s times = %v, %v; want %v, %v", w.ID, g.CreatedAt, g.ExpiresAt, dbTime(w.CreatedAt), dbTime(w.ExpiresAt))
	}
	if g.CreatedAt.Location() != time.UTC {
		t.Errorf("key %s created in %v, want UTC", w.ID, g.CreatedAt.Location())
	}
	if (g.RevokedAt == nil) != (w.RevokedAt == nil) || g.RevokedAt != nil && !g.RevokedAt.Equal(dbTime(*w.RevokedAt)) {
		t.Errorf("key %s revoked at %v, want %v", w.ID, g.RevokedAt, w.RevokedAt)
	}
	g.CreatedAt, g.ExpiresAt, g.RevokedAt = time.Time{}, time.Time{}, nil
	w.CreatedAt, w.ExpiresAt, w.RevokedAt = time.Time{}, time.Time{}, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("key = %+v\nwant %+v", g, w)
	}
}

func testKeyRoundTrip(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	k := testKey(t, "ci", base.In(time.FixedZone("CET", 3600)).Add(123456789*time.Nanosecond))
	k.Owner, k.Team = "alice@example.com", "platform"
	k.Limits = authn.Limits{Models: []string{"gpt-4o", "claude-*"}, RPM: 60, TPM: 100000, Concurrency: 4,
		BudgetUSD: 12.5, BudgetPeriod: authn.PeriodMonth, MaxBodyBytes: 1 << 20, MaxTokens: 4096}
	mustCreate(t, s, k)
	got, err := s.KeyByHash(ctx, k.Hash)
	if err != nil {
		t.Fatalf("KeyByHash: %v", err)
	}
	sameKey(t, got, k)
	got, err = s.KeyByID(ctx, k.ID)
	if err != nil {
		t.Fatalf("KeyByID: %v", err)
	}
	sameKey(t, got, k)
	if !got.Matches(k.Hash) {
		t.Error("stored hash does not match")
	}
}

func testKeyNotFound(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	k := testKey(t, "absent", base)
	_, err := s.KeyByHash(ctx, k.Hash)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("KeyByHash of a missing key = %v, want ErrNotFound", err)
	}
	if want := "store: key by hash " + k.ID + ": not found"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if strings.Contains(err.Error(), hex.EncodeToString(k.Hash)) {
		t.Errorf("error %q shows the hash", err)
	}
	if _, err := s.KeyByID(ctx, k.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("KeyByID of a missing key = %v, want ErrNotFound", err)
	}
	if _, err := s.KeyByHash(ctx, []byte{1, 2}); !errors.Is(err, ErrNotFound) {
		t.Errorf("KeyByHash of a short hash = %v, want ErrNotFound", err)
	}
}

func testKeyConflicts(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	k := testKey(t, "first", base)
	mustCreate(t, s, k)
	sameID := *testKey(t, "same id", base)
	sameID.ID = k.ID
	sameHash := *testKey(t, "same hash", base)
	sameHash.Hash = k.Hash
	for _, dup := range []*authn.Key{k, &sameID, &sameHash} {
		err := s.CreateKey(ctx, dup)
		if !errors.Is(err, ErrExists) {
			t.Errorf("CreateKey(%s) = %v, want ErrExists", dup.Name, err)
		}
	}
	bad := testKey(t, "bad", base)
	bad.Hash = bad.Hash[:4]
	if err := s.CreateKey(ctx, bad); err == nil || errors.Is(err, ErrExists) {
		t.Errorf("CreateKey with a short hash = %v, want a validation error", err)
	}
	if err := s.CreateKey(ctx, nil); err == nil {
		t.Error("CreateKey(nil) succeeded")
	}
}

func testListKeys(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	ks, err := s.ListKeys(ctx)
	if err != nil || ks == nil || len(ks) != 0 {
		t.Fatalf("ListKeys of an empty store = %v, %v; want [], nil", ks, err)
	}
	var want []*authn.Key
	for i := range 3 {
		k := testKey(t, fmt.Sprintf("k%d", i), base.Add(time.Duration(2-i)*time.Hour))
		mustCreate(t, s, k)
		want = append([]*authn.Key{k}, want...) // oldest first
	}
	ks, err = s.ListKeys(ctx)
	if err != nil || len(ks) != len(want) {
		t.Fatalf("ListKeys = %d keys, %v; want %d", len(ks), err, len(want))
	}
	for i := range ks {
		sameKey(t, &ks[i], want[i])
	}
}

func testRevokeKey(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	k := testKey(t, "to revoke", base)
	mustCreate(t, s, k)
	at := base.Add(90 * time.Minute).In(time.FixedZone("EST", -5*3600))
	if err := s.RevokeKey(ctx, k.ID, at); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}
	if err := s.RevokeKey(ctx, k.ID, at.Add(time.Hour)); err != nil {
		t.Fatalf("RevokeKey again: %v", err)
	}
	got, err := s.KeyByHash(ctx, k.Hash)
	if err != nil {
		t.Fatalf("KeyByHash: %v", err)
	}
	if got.RevokedAt == nil || !got.RevokedAt.Equal(at) || got.RevokedAt.Location() != time.UTC {
		t.Errorf("RevokedAt = %v, want the first revocation %v in UTC", got.RevokedAt, at.UTC())
	}
	if got.Active(base.Add(time.Minute)) {
		t.Error("revoked key is active")
	}
	err = s.RevokeKey(ctx, "wk_0000000000000000", at)
	if !errors.Is(err, ErrNotFound) || err.Error() != "store: revoke key wk_0000000000000000: not found" {
		t.Errorf("RevokeKey of a missing key = %v", err)
	}
}

func testKeysChangedSince(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	now := time.Now()
	old := testKey(t, "old", now.Add(-time.Hour))
	mustCreate(t, s, old)
	mark := assertIDs(t, s, time.Time{}, old.ID)
	fresh := testKey(t, "fresh", now)
	mustCreate(t, s, fresh)
	if err := s.RevokeKey(ctx, old.ID, now.Add(-time.Hour)); err != nil { // a revocation dated in the past
		t.Fatalf("RevokeKey: %v", err)
	}
	mark2 := assertIDs(t, s, mark, fresh.ID, old.ID)
	if !mark2.After(mark) {
		t.Errorf("latest stamp went from %v to %v, want later", mark, mark2)
	}
	future := testKey(t, "future", now.Add(time.Hour)) // a writer's clock ahead of the database's
	mustCreate(t, s, future)
	mark3 := assertIDs(t, s, mark2, future.ID)
	if mark3.After(time.Now().Add(time.Minute)) {
		t.Errorf("a key created an hour ahead is stamped %v: the writer's clock, not the database's", mark3)
	}
	if got := assertIDs(t, s, mark3); !got.Equal(mark3) {
		t.Errorf("KeysChangedSince with nothing new = stamp %v, want its argument %v", got, mark3)
	}
}

// testChangeStampedInPast: a write that says it happened in the past (a
// slow clock, a hand-written UPDATE) is stamped by the database after
// every earlier write, so a poller from the latest stamp it saw finds it.
func testChangeStampedInPast(t *testing.T, b backend) {
	url := b.url(t)
	s := openTest(t, url)
	k := testKey(t, "cached", base)
	mustCreate(t, s, k)
	mark := assertIDs(t, s, time.Time{}, k.ID)
	past := time.Now().Add(-time.Hour)
	execRaw(t, b, url, "UPDATE keys SET revoked_at = $1, updated_at = $1", past)
	ks, _, err := s.KeysChangedSince(context.Background(), mark.Add(-ChangeLookback))
	if err != nil {
		t.Fatalf("KeysChangedSince: %v", err)
	}
	if len(ks) != 1 || ks[0].RevokedAt == nil {
		t.Fatalf("after a revocation stamped an hour in the past: %+v, want the revoked key", ks)
	}
	// A write that claims a stamp ahead does not push the stamps ahead.
	mark = assertIDs(t, s, mark, k.ID)
	execRaw(t, b, url, "UPDATE keys SET name = 'ahead', updated_at = $1", time.Now().Add(time.Hour))
	mark2 := assertIDs(t, s, mark, k.ID)
	if mark2.After(time.Now().Add(time.Minute)) {
		t.Errorf("a write claiming an hour ahead is stamped %v", mark2)
	}
}

// execRaw runs one statement on b's database at url behind the store's
// back, with at ($1) in the dialect's time form.
func execRaw(t testing.TB, b backend, url, query string, at time.Time) {
	t.Helper()
	var arg any = dbTime(at)
	var args []any
	if b.name == "sqlite" {
		arg = micros(at)
	}
	if strings.Contains(query, "$1") {
		args = append(args, arg)
	}
	if b.name == "postgres" {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatalf("connect: %v", err)
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return
	}
	db, err := sql.Open("sqlite", strings.TrimPrefix(url, "sqlite://"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec(strings.ReplaceAll(query, "$1", "?1"), args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// assertIDs checks the ids KeysChangedSince(since) returns, in order,
// and returns the latest stamp.
func assertIDs(t *testing.T, s Store, since time.Time, want ...string) time.Time {
	t.Helper()
	ks, latest, err := s.KeysChangedSince(context.Background(), since)
	if err != nil {
		t.Fatalf("KeysChangedSince: %v", err)
	}
	got := []string{}
	for _, k := range ks {
		got = append(got, k.ID)
	}
	if want == nil {
		want = []string{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KeysChangedSince(%v) = %v, want %v", since, got, want)
	}
	return latest
}

func testSpentSince(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	day, month := base, base.AddDate(0, 1, 0) // 1 March and 1 April, UTC
	rows := []Usage{
		{Time: day.Add(-time.Microsecond), KeyID: "wk_a", CostUSD: 1},
		{Time: day, KeyID: "wk_a", CostUSD: 2, Team: "t", Model: "m", PromptTokens: 10, CompletionTokens: 5},
		{Time: day.Add(12 * time.Hour).In(time.FixedZone("JST", 9*3600)), KeyID: "wk_a", CostUSD: 4},
		{Time: month, KeyID: "wk_a", CostUSD: 8},
		{Time: day, KeyID: "wk_b", CostUSD: 16},
		{Time: day, KeyID: "jwt:ci-runner", CostUSD: 32},
	}
	if err := s.RecordUsage(ctx, rows); err != nil {
		t.Fatalf("RecordUsage: %v", err)
	}
	if err := s.RecordUsage(ctx, nil); err != nil {
		t.Fatalf("RecordUsage(nil): %v", err)
	}
	tests := []struct {
		key   string
		since time.Time
		want  float64
	}{
		{"wk_a", time.Time{}, 15},
		{"wk_a", day.Add(-time.Microsecond), 15},
		{"wk_a", day, 14},
		{"wk_a", day.In(time.FixedZone("PST", -8*3600)), 14},
		{"wk_a", day.Add(time.Microsecond), 12},
		{"wk_a", day.AddDate(0, 0, 1), 8},
		{"wk_a", month, 8},
		{"wk_a", month.Add(time.Nanosecond), 8}, // same microsecond
		{"wk_a", month.Add(time.Microsecond), 0},
		{"wk_b", day, 16},
		{"jwt:ci-runner", day, 32},
		{"wk_none", time.Time{}, 0},
	}
	for _, tt := range tests {
		got, err := s.SpentSince(ctx, tt.key, tt.since)
		if err != nil || got != tt.want {
			t.Errorf("SpentSince(%s, %v) = %v, %v; want %v", tt.key, tt.since, got, err, tt.want)
		}
	}
}

func testLargeBatches(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	n := max(sqliteBatch, pgBatch) + 7 // more than one INSERT in either dialect
	us := make([]Usage, n)
	es := make([]event.Event, n)
	for i := range n {
		at := base.Add(time.Duration(i) * time.Millisecond)
		us[i] = Usage{Time: at, KeyID: "wk_big", CostUSD: 0.5}
		es[i] = event.Event{Time: at, RequestID: fmt.Sprint(i), Route: "/v1/chat/completions", Status: 200, Decision: event.Allow}
	}
	if err := s.RecordUsage(ctx, us); err != nil {
		t.Fatalf("RecordUsage(%d): %v", n, err)
	}
	if err := s.WriteEvents(ctx, es); err != nil {
		t.Fatalf("WriteEvents(%d): %v", n, err)
	}
	if got, err := s.SpentSince(ctx, "wk_big", base); err != nil || got != float64(n)/2 {
		t.Errorf("SpentSince = %v, %v; want %v", got, err, float64(n)/2)
	}
	got, err := s.RecentEvents(ctx, base, MaxEventLimit)
	if err != nil || len(got) != n || got[0].RequestID != fmt.Sprint(n-1) {
		t.Fatalf("RecentEvents = %d events, %v; want %d, newest first", len(got), err, n)
	}
}

// sampleEvent is an event with every field set, at time at.
func sampleEvent(i int, at time.Time) event.Event {
	return event.Event{
		Time: at, RequestID: fmt.Sprintf("req-%03d", i), KeyID: "wk_0123456789abcdef", Subject: "repo:acme/app",
		Team: "platform", Route: "/v1/messages", Model: "claude-sonnet", Provider: "anthropic", Stream: i%2 == 0,
		Status: 429, Decision: event.Deny, Reason: "rate_limited", PromptTokens: 100 + i, CompletionTokens: 7,
		CostUSD: 0.00125, Latency: 1500*time.Millisecond + time.Duration(i), TTFT: 250 * time.Millisecond,
		ClientIP: "203.0.113.9", Verdicts: []event.Verdict{{Detector: "pii", Action: "redact", Score: 0.75, Category: "email"}},
	}
}

// sameEvents compares events, their times by instant.
func sameEvents(t *testing.T, got, want []event.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.Time.Equal(w.Time) || g.Time.Location() != time.UTC {
			t.Errorf("event %d time = %v, want %v in UTC", i, g.Time, w.Time)
		}
		g.Time, w.Time = time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("event %d = %+v\nwant %+v", i, g, w)
		}
	}
}

func testEventsRoundTrip(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	zone := time.FixedZone("IST", 5*3600+1800)
	var es []event.Event
	for i := range 5 {
		es = append(es, sampleEvent(i, base.Add(time.Duration(i)*time.Second+time.Duration(i)).In(zone)))
	}
	es = append(es, event.Event{Time: es[4].Time, RequestID: "same-time", Route: "/v1/models", Decision: event.Error})
	if err := s.WriteEvents(ctx, es); err != nil {
		t.Fatalf("WriteEvents: %v", err)
	}
	if err := s.WriteEvents(ctx, nil); err != nil {
		t.Fatalf("WriteEvents(nil): %v", err)
	}
	got, err := s.RecentEvents(ctx, base, 10)
	if err != nil {
		t.Fatalf("RecentEvents: %v", err)
	}
	want := make([]event.Event, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- { // newest first; at one time, last written first
		want = append(want, es[i])
	}
	sameEvents(t, got, want)
}

func testRecentEventsWindow(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	var es []event.Event
	for i := range 10 {
		es = append(es, sampleEvent(i, base.Add(time.Duration(i)*time.Minute)))
	}
	if err := s.WriteEvents(ctx, es); err != nil {
		t.Fatalf("WriteEvents: %v", err)
	}
	tests := []struct {
		since time.Time
		limit int
		want  []string
	}{
		{base, 3, []string{"req-009", "req-008", "req-007"}},
		{base.Add(8 * time.Minute), 100, []string{"req-009", "req-008"}},
		{base.Add(8*time.Minute + time.Nanosecond), 100, []string{"req-009", "req-008"}}, // same microsecond
		{base.Add(8*time.Minute + time.Microsecond), 100, []string{"req-009"}},
		{base.Add(time.Hour), 100, []string{}},
		{base.Add(7 * time.Minute), 0, []string{"req-009", "req-008", "req-007"}}, // default limit
	}
	for _, tt := range tests {
		got, err := s.RecentEvents(ctx, tt.since, tt.limit)
		if err != nil {
			t.Fatalf("RecentEvents: %v", err)
		}
		ids := []string{}
		for _, e := range got {
			ids = append(ids, e.RequestID)
		}
		if !reflect.DeepEqual(ids, tt.want) {
			t.Errorf("RecentEvents(%v, %d) = %v, want %v", tt.since, tt.limit, ids, tt.want)
		}
	}
}

func testConcurrentWriters(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	const workers, rounds, rows = 8, 10, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*4)
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				errs <- writeRound(ctx, s, t, w, r, rows)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkTotals(t, s, workers*rounds, workers*rounds*rows)
}

// writeRound is one worker's round: a key, usage, events and reads.
func writeRound(ctx context.Context, s Store, t testing.TB, w, r, rows int) error {
	k := testKey(t, fmt.Sprintf("w%d-r%d", w, r), base)
	if err := s.CreateKey(ctx, k); err != nil {
		return err
	}
	us := make([]Usage, rows)
	es := make([]event.Event, rows)
	for i := range rows {
		us[i] = Usage{Time: base, KeyID: "wk_shared", CostUSD: 0.25}
		es[i] = sampleEvent(i, base.Add(time.Duration(w*1000+r)*time.Millisecond))
	}
	if err := s.RecordUsage(ctx, us); err != nil {
		return err
	}
	if err := s.WriteEvents(ctx, es); err != nil {
		return err
	}
	if _, err := s.KeyByHash(ctx, k.Hash); err != nil {
		return err
	}
	_, err := s.SpentSince(ctx, "wk_shared", base)
	return err
}

// checkTotals checks what the concurrent writers left.
func checkTotals(t *testing.T, s Store, keys, rows int) {
	t.Helper()
	ctx := context.Background()
	ks, err := s.ListKeys(ctx)
	if err != nil || len(ks) != keys {
		t.Errorf("ListKeys = %d keys, %v; want %d", len(ks), err, keys)
	}
	if got, err := s.SpentSince(ctx, "wk_shared", base); err != nil || got != float64(rows)/4 {
		t.Errorf("SpentSince = %v, %v; want %v", got, err, float64(rows)/4)
	}
	if es, err := s.RecentEvents(ctx, base, MaxEventLimit); err != nil || len(es) != rows {
		t.Errorf("RecentEvents = %d, %v; want %d", len(es), err, rows)
	}
}

func testConcurrentOpen(t *testing.T, b backend) {
	url := b.url(t)
	const n = 6
	stores := make([]Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(context.Background(), url) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	k := testKey(t, "shared", base)
	mustCreate(t, stores[0], k)
	if _, err := stores[n-1].KeyByHash(context.Background(), k.Hash); err != nil {
		t.Errorf("a key written through one Open is not seen through another: %v", err)
	}
	checkMigrations(t, stores[0])
}

// checkMigrations checks that every migration is recorded exactly once.
func checkMigrations(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	const q = "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations"
	var rows, distinct int
	var err error
	switch s := s.(type) {
	case *sqliteStore:
		err = s.db.QueryRowContext(ctx, q).Scan(&rows, &distinct)
		checkCount(t, rows, distinct, dialectSQLite)
	case *pgStore:
		err = s.pool.QueryRow(ctx, q).Scan(&rows, &distinct)
		checkCount(t, rows, distinct, dialectPostgres)
	default:
		t.Fatalf("unknown store %T", s)
	}
	if err != nil {
		t.Fatalf("count migrations: %v", err)
	}
}

// checkCount compares recorded migrations with the embedded ones.
func checkCount(t *testing.T, rows, distinct int, dialect string) {
	t.Helper()
	ms, err := migrations(dialect)
	if err != nil {
		t.Fatal(err)
	}
	if rows != len(ms) || distinct != len(ms) {
		t.Errorf("schema_migrations has %d rows (%d versions), want %d", rows, distinct, len(ms))
	}
}

func testReopen(t *testing.T, b backend) {
	url := b.url(t)
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	k := testKey(t, "kept", base)
	mustCreate(t, s, k)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = openTest(t, url)
	if _, err := s.KeyByID(context.Background(), k.ID); err != nil {
		t.Errorf("KeyByID after reopening: %v", err)
	}
	checkMigrations(t, s)
}

func testEventWriterStore(t *testing.T, b backend) {
	s := openTest(t, b.url(t))
	w := NewEventWriter(s, 2000, time.Hour, nil)
	const n = 1234
	for i := range n {
		if !w.Write(sampleEvent(i, base.Add(time.Duration(i)*time.Millisecond))) {
			t.Fatalf("Write %d refused", i)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	es, err := s.RecentEvents(ctx, base, MaxEventLimit)
	if err != nil || len(es) != n || w.Dropped() != 0 || w.Failed() != 0 {
		t.Errorf("after Close: %d events stored (%v), %d dropped, %d failed; want %d, 0, 0",
			len(es), err, w.Dropped(), w.Failed(), n)
	}
}
