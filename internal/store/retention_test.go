package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wardsec/ward/internal/event"
)

// requestIDs are the request ids of the stored events at or after since,
// sorted.
func requestIDs(t *testing.T, s Store, since time.Time) []string {
	t.Helper()
	es, err := s.RecentEvents(context.Background(), since, MaxEventLimit)
	if err != nil {
		t.Fatalf("RecentEvents: %v", err)
	}
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.RequestID
	}
	slices.Sort(ids)
	return ids
}

// testPruneEvents: pruning deletes the events older than the cutoff, in
// batches, keeps the rest and leaves the ledger alone.
func testPruneEvents(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	cutoff := base.Add(time.Hour)
	old := 2*PruneBatch + 5 // three batches
	var es []event.Event
	for i := range old {
		es = append(es, sampleEvent(i, cutoff.Add(-time.Duration(old-i)*time.Millisecond)))
	}
	var keep []string
	for i := range 10 {
		e := sampleEvent(old+i, cutoff.Add(time.Duration(i)*time.Minute)) // the first exactly at the cutoff
		es, keep = append(es, e), append(keep, e.RequestID)
	}
	if err := s.WriteEvents(ctx, es); err != nil {
		t.Fatalf("WriteEvents: %v", err)
	}
	if err := s.RecordUsage(ctx, []Usage{{Time: base, KeyID: "wk_old", CostUSD: 3}}); err != nil {
		t.Fatalf("RecordUsage: %v", err)
	}
	if _, err := s.DeleteEventsBefore(ctx, cutoff, 0); err == nil {
		t.Error("DeleteEventsBefore with limit 0: no error")
	}
	if n, err := s.DeleteEventsBefore(ctx, cutoff, 3); n != 3 || err != nil {
		t.Fatalf("DeleteEventsBefore(limit 3) = %d, %v; want 3", n, err)
	}
	if got := requestIDs(t, s, time.Time{}); len(got) != len(es)-3 || got[0] != "req-003" {
		t.Fatalf("after deleting 3: %d events from %v, want %d from req-003 (the oldest go first)", len(got), got[:1], len(es)-3)
	}
	if n, err := PruneEvents(ctx, s, cutoff); n != int64(old-3) || err != nil {
		t.Fatalf("PruneEvents = %d, %v; want %d", n, err, old-3)
	}
	if got := requestIDs(t, s, time.Time{}); !slices.Equal(got, keep) {
		t.Errorf("kept %v, want %v", got, keep)
	}
	if n, err := PruneEvents(ctx, s, cutoff); n != 0 || err != nil {
		t.Errorf("PruneEvents again = %d, %v; want 0", n, err)
	}
	if got, err := s.SpentSince(ctx, "wk_old", time.Time{}); got != 3 || err != nil {
		t.Errorf("the ledger lost its old row: SpentSince = %v, %v", got, err)
	}
}

// testPruner: a started pruner prunes at once, reports it, and stops.
func testPruner(t *testing.T, b backend) {
	s, ctx := openTest(t, b.url(t)), context.Background()
	now := time.Now()
	es := []event.Event{sampleEvent(0, now.Add(-3*time.Hour)), sampleEvent(1, now.Add(-2*time.Hour)), sampleEvent(2, now)}
	if err := s.WriteEvents(ctx, es); err != nil {
		t.Fatalf("WriteEvents: %v", err)
	}
	type round struct {
		n   int64
		err error
	}
	rounds := make(chan round, 10)
	p := StartPruner(s, time.Hour, time.Hour, func(n int64, err error) { rounds <- round{n, err} })
	select {
	case r := <-rounds:
		if r.n != 2 || r.err != nil {
			t.Errorf("first round: %d deleted, %v; want 2", r.n, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the pruner did not report its first round")
	}
	p.Stop()
	p.Stop() // idempotent
	if got := requestIDs(t, s, time.Time{}); !slices.Equal(got, []string{"req-002"}) {
		t.Errorf("kept %v, want [req-002]", got)
	}
}

// testUpgradeFromV1: a database made by the first schema keeps its
// ledger, gains the scope indexes and answers the new sums.
func testUpgradeFromV1(t *testing.T, b backend) {
	url, ctx := b.url(t), context.Background()
	createV1(t, b.name, url)
	s := openTest(t, url)
	checkMigrations(t, s)
	if got, err := s.TeamSpentSince(ctx, "ml", base); got != 2.5 || err != nil {
		t.Errorf("TeamSpentSince on an upgraded database = %v, %v; want 2.5", got, err)
	}
	if got, err := s.SpentByModelSince(ctx, "gpt", base); got["gpt-4o"] != 2.5 || len(got) != 1 || err != nil {
		t.Errorf("SpentByModelSince on an upgraded database = %v, %v", got, err)
	}
}

// createV1 makes the database at url with the first migration only and
// one ledger row, as the Ward before scope seeding left it.
func createV1(t *testing.T, dialect, url string) {
	t.Helper()
	const row = "INSERT INTO usage (time, key_id, team, model, cost_usd) VALUES (%s, 'wk_a', 'ml', 'gpt-4o', 2.5)"
	createOld(t, dialect, url, 1,
		oldRow{fmt.Sprintf(row, "?"), []any{micros(base)}},
		oldRow{fmt.Sprintf(row, "$1"), []any{base}})
}

// oldRow is a statement and its arguments, in one dialect.
type oldRow struct {
	query string
	args  []any
}

// createOld makes the database at url with the first n migrations and
// one row (lite in SQLite, pg in PostgreSQL), as an older Ward left it.
func createOld(t *testing.T, dialect, url string, n int, lite, pg oldRow) {
	t.Helper()
	ctx := context.Background()
	ms, err := migrations(dialect)
	if err != nil {
		t.Fatal(err)
	}
	switch dialect {
	case dialectSQLite:
		db, err := sql.Open("sqlite", strings.TrimPrefix(url, "sqlite://"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		tx, err := db.BeginTx(ctx, nil)
		if err == nil {
			err = errors.Join(migrateSQLite(ctx, tx, ms[:n]), execErr(tx.ExecContext(ctx, lite.query, lite.args...)), tx.Commit())
		}
		if err != nil {
			t.Fatalf("create a version %d database: %v", n, err)
		}
	case dialectPostgres:
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if err := migratePostgres(ctx, tx, ms[:n]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, pg.query, pg.args...)
			return err
		})
		if err != nil {
			t.Fatalf("create a version %d database: %v", n, err)
		}
	}
}

// execErr keeps the error of an ExecContext.
func execErr(_ sql.Result, err error) error { return err }

// fakeDeleter deletes from a count of old events, failing when told.
type fakeDeleter struct {
	sink
	left  int
	fail  error
	calls int
}

func (f *fakeDeleter) DeleteEventsBefore(_ context.Context, _ time.Time, limit int) (int, error) {
	f.calls++
	if f.fail != nil && f.calls == 2 {
		return 0, f.fail
	}
	n := min(f.left, limit)
	f.left -= n
	return n, nil
}

func TestPruneEventsBatches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name              string
		left              int
		fail              error
		wantN, wantCalls  int
		wantErr, wantLeft bool
	}{
		{name: "nothing", left: 0, wantN: 0, wantCalls: 1},
		{name: "exactly one batch", left: PruneBatch, wantN: PruneBatch, wantCalls: 2},
		{name: "several", left: 2*PruneBatch + 1, wantN: 2*PruneBatch + 1, wantCalls: 3},
		{name: "second batch fails", left: 3 * PruneBatch, fail: errors.New("disk full"), wantN: PruneBatch, wantCalls: 2, wantErr: true, wantLeft: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeDeleter{left: tc.left, fail: tc.fail}
			n, err := PruneEvents(ctx, f, base)
			if n != int64(tc.wantN) || f.calls != tc.wantCalls || (err != nil) != tc.wantErr || (f.left > 0) != tc.wantLeft {
				t.Errorf("deleted %d in %d calls (%v), %d left; want %d in %d calls, error %v", n, f.calls, err, f.left, tc.wantN, tc.wantCalls, tc.wantErr)
			}
		})
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := PruneEvents(cancelled, &fakeDeleter{left: 1}, base); !errors.Is(err, context.Canceled) {
		t.Errorf("PruneEvents with a cancelled context: %v", err)
	}
}

// TestSQLiteScopeSumsUseTheirIndexes: the team and model sums read only
// their covering indexes, never the table.
func TestSQLiteScopeSumsUseTheirIndexes(t *testing.T) {
	t.Parallel()
	s := openTest(t, sqliteBackend().url(t)).(*sqliteStore)
	for query, index := range map[string]string{
		"SELECT COALESCE(SUM(cost_usd), 0.0) FROM usage WHERE team = 'ml' AND time >= 0":                        "usage_team_time",
		"SELECT model, SUM(cost_usd) FROM usage WHERE time >= 0 AND substr(model, 1, 3) = 'gpt' GROUP BY model": "usage_time_model",
		"DELETE FROM events WHERE id IN (SELECT id FROM events WHERE time < 0 ORDER BY time LIMIT 10)":          "events_time",
		"SELECT COALESCE(SUM(cost_usd), 0.0) FROM usage WHERE key_id = 'wk_a' AND time >= 0":                    "usage_key_time",
	} {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN " + query)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "INDEX "+index) {
			t.Errorf("%s\nplan: %s\nwant it to use %s", query, p, index)
		}
	}
}
