package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// sqliteParams configure every SQLite connection: wait up to 10 s
// (sqliteBusyTimeout) for a lock held by another connection or process,
// write-ahead logging so that readers never wait for the writer, and
// BEGIN IMMEDIATE so that a write transaction takes the lock up front
// (no deadlock on upgrade).
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"

// sqliteBatch is the most rows one INSERT carries (17 columns × 500 rows
// stays far below SQLite's 32766 parameters).
const sqliteBatch = 500

// sqliteConns bounds the connections to one SQLite file.
const sqliteConns = 16

// keyCols are the columns of a key, in the order scanSQLiteKey and scanPgKey read them.
const keyCols = "id, name, owner, team, hash, created_at, expires_at, revoked_at, limits, lineage, rotated_from"

// sqliteStore is Store over a SQLite database.
type sqliteStore struct {
	db *sql.DB
	// writer is held by this process's write transaction: they take
	// turns here rather than spin on SQLite's busy handler.
	writer chan struct{}
	byHash *sql.Stmt
	spent  *sql.Stmt // by key
	team   *sql.Stmt // by team
	models *sql.Stmt // by model
	// events inserts eventChunk events: a batch's full chunks reuse it
	// instead of parsing a new multi-row INSERT each flush.
	events *sql.Stmt
}

// eventChunk is how many events one prepared INSERT carries.
const eventChunk = 100

// openSQLite opens (creating it 0600 if missing) the SQLite database at
// path, ":memory:" for one in memory.
func openSQLite(ctx context.Context, path string) (Store, error) {
	file, dsn, err := sqliteDSN(path)
	if err != nil {
		return nil, err
	}
	memory := file == ":memory:"
	if !memory {
		if err := createPrivate(file); err != nil {
			return nil, err
		}
		if err := ensureWAL(ctx, file); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", file, err)
	}
	if memory {
		db.SetMaxOpenConns(1) // each connection would have its own database
	} else {
		db.SetMaxOpenConns(sqliteConns) // readers in parallel (WAL), one writer
		db.SetMaxIdleConns(sqliteConns) // reopening a connection re-runs the pragmas
	}
	s := &sqliteStore{db: db, writer: make(chan struct{}, 1)}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w (sqlite %s)", err, file)
	}
	return s, nil
}

// sqliteBusyTimeout is how long an Open waits for another process's lock.
const sqliteBusyTimeout = 10 * time.Second

// ensureWAL switches the database file to write-ahead logging (a lasting
// setting). The switch needs an exclusive lock, and SQLite answers
// SQLITE_BUSY at once, without busy_timeout, when another process holds
// the file (two Opens of a new database): so it retries, with backoff,
// for up to sqliteBusyTimeout. Afterwards the journal_mode pragma of
// every connection is a no-op.
func ensureWAL(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("store: open sqlite %s: %w", file, err)
	}
	defer db.Close()
	deadline := time.Now().Add(sqliteBusyTimeout)
	for delay := time.Millisecond; ; delay = min(2*delay, 100*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("store: sqlite %s: journal mode is %s, want wal", file, mode)
		case !isSQLiteBusy(err) || time.Now().After(deadline):
			return fmt.Errorf("store: sqlite %s: set WAL mode: %w", file, err)
		}
		if err := sleep(ctx, delay); err != nil {
			return fmt.Errorf("store: sqlite %s: set WAL mode: %w", file, err)
		}
	}
}

// isSQLiteBusy reports SQLITE_BUSY, extended or not.
func isSQLiteBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sqliteDSN is the modernc DSN of path (which may carry its own
// "?query"), and the file it names.
func sqliteDSN(path string) (file, dsn string, err error) {
	file, query, _ := strings.Cut(path, "?")
	if file == "" {
		return "", "", errors.New("store: sqlite URL without a path")
	}
	if strings.HasPrefix(file, "file:") {
		return "", "", errors.New("store: sqlite file: URIs are not supported, give a path")
	}
	dsn = file + "?" + sqliteParams
	if query != "" {
		dsn += "&" + query
	}
	return file, dsn, nil
}

// init migrates the schema and prepares the hot statements.
func (s *sqliteStore) init(ctx context.Context) error {
	if err := s.migrate(ctx); err != nil {
		return err
	}
	var err error
	if s.byHash, err = s.db.PrepareContext(ctx, "SELECT "+keyCols+" FROM keys WHERE hash = ?"); err != nil {
		return fmt.Errorf("store: prepare key by hash: %w", err)
	}
	for _, q := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&s.spent, `SELECT COALESCE(SUM(cost_usd), 0.0) FROM usage
			WHERE key_id IN (SELECT id FROM keys WHERE lineage = ?1 UNION SELECT ?1) AND time >= ?2`},
		{&s.team, "SELECT COALESCE(SUM(cost_usd), 0.0) FROM usage WHERE team = ? AND time >= ?"},
		{&s.models, "SELECT model, SUM(cost_usd) FROM usage WHERE time >= ? AND substr(model, 1, ?) = ? GROUP BY model"},
		{&s.events, insertSQL("events", eventCols, eventChunk)},
	} {
		if *q.stmt, err = s.db.PrepareContext(ctx, q.sql); err != nil {
			return fmt.Errorf("store: prepare %q: %w", q.sql, err)
		}
	}
	return nil
}

// Close closes the database.
func (s *sqliteStore) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close sqlite: %w", err)
	}
	return nil
}

// write runs fn in a write transaction, one at a time in this process.
func (s *sqliteStore) write(ctx context.Context, fn func(*sql.Tx) error) error {
	select {
	case s.writer <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.writer }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// migrate applies the pending migrations in one transaction.
func (s *sqliteStore) migrate(ctx context.Context) error {
	ms, err := migrations(dialectSQLite)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *sql.Tx) error { return migrateSQLite(ctx, tx, ms) })
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// migrateSQLite applies what of ms tx's database lacks.
func migrateSQLite(ctx context.Context, tx *sql.Tx, ms []migration) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`
	if _, err := tx.ExecContext(ctx, create); err != nil {
		return err
	}
	applied, err := sqliteVersions(ctx, tx)
	if err != nil {
		return err
	}
	todo, err := pending(ms, applied)
	if err != nil {
		return err
	}
	for _, m := range todo {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.Version, m.Name, time.Now().UTC().UnixMicro())
		if err != nil {
			return fmt.Errorf("record %s: %w", m.Name, err)
		}
	}
	return nil
}

// sqliteVersions are the applied migration versions.
func sqliteVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// micros is t as SQLite stores it.
func micros(t time.Time) int64 { return dbTime(t).UnixMicro() }

// fromMicros reads a stored time.
func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// CreateKey stores k.
func (s *sqliteStore) CreateKey(ctx context.Context, k *authn.Key) error {
	if err := checkKey(k); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) error { return sqliteInsertKey(ctx, tx, k) })
	if err != nil {
		return fmt.Errorf("store: create key %s: %w", k.ID, err)
	}
	return nil
}

// sqliteInsertKey inserts k (ErrExists when its id, hash or predecessor
// is taken). updated_at is the database's (trigger keys_stamp_insert).
func sqliteInsertKey(ctx context.Context, tx *sql.Tx, k *authn.Key) error {
	limits, err := encodeLimits(k.Limits)
	if err != nil {
		return err
	}
	var revoked any
	if k.RevokedAt != nil {
		revoked = micros(*k.RevokedAt)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO keys ("+keyCols+", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
		k.ID, k.Name, k.Owner, k.Team, k.Hash, micros(k.CreatedAt), micros(k.ExpiresAt), revoked, limits,
		lineageOf(k), nullText(k.RotatedFrom))
	if isSQLiteConflict(err) {
		err = ErrExists
	}
	return err
}

// isSQLiteConflict reports a violated primary key or unique constraint.
func isSQLiteConflict(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanSQLiteKey reads the keyCols of one row, and then into extra the
// columns the query adds after them.
func scanSQLiteKey(r scanner, extra ...any) (authn.Key, error) {
	var (
		k                authn.Key
		created, expires int64
		revoked          sql.NullInt64
		limits           []byte
		from             sql.NullString
	)
	dest := append([]any{&k.ID, &k.Name, &k.Owner, &k.Team, &k.Hash, &created, &expires, &revoked, &limits,
		&k.Lineage, &from}, extra...)
	if err := r.Scan(dest...); err != nil {
		return k, err
	}
	k.CreatedAt, k.ExpiresAt = fromMicros(created), fromMicros(expires)
	if revoked.Valid {
		t := fromMicros(revoked.Int64)
		k.RevokedAt = &t
	}
	k.RotatedFrom = from.String
	var err error
	k.Limits, err = decodeLimits(limits)
	return k, err
}

// oneKey is the key row r holds, ErrNotFound when none.
func oneKey(r *sql.Row) (*authn.Key, error) {
	k, err := scanSQLiteKey(r)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// KeyByHash finds the key whose SHA-256 is hash.
func (s *sqliteStore) KeyByHash(ctx context.Context, hash []byte) (*authn.Key, error) {
	k, err := oneKey(s.byHash.QueryRowContext(ctx, hash))
	if err != nil {
		return nil, fmt.Errorf("store: key by hash %s: %w", hashName(hash), err)
	}
	return k, nil
}

// KeyByID finds the key with id.
func (s *sqliteStore) KeyByID(ctx context.Context, id string) (*authn.Key, error) {
	k, err := oneKey(s.db.QueryRowContext(ctx, "SELECT "+keyCols+" FROM keys WHERE id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("store: key %s: %w", id, err)
	}
	return k, nil
}

// ListKeys lists every key, oldest first.
func (s *sqliteStore) ListKeys(ctx context.Context) ([]authn.Key, error) {
	ks, err := s.queryKeys(ctx, "SELECT "+keyCols+" FROM keys ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("store: list keys: %w", err)
	}
	return ks, nil
}

// KeysChangedSince lists the keys stamped after t, in the order they
// changed, and the latest stamp among them (t when none).
func (s *sqliteStore) KeysChangedSince(ctx context.Context, t time.Time) ([]authn.Key, time.Time, error) {
	ks, latest, err := s.changedSince(ctx, t)
	if err != nil {
		return nil, t, fmt.Errorf("store: keys changed since %s: %w", t.UTC().Format(time.RFC3339Nano), err)
	}
	return ks, latest, nil
}

func (s *sqliteStore) changedSince(ctx context.Context, t time.Time) ([]authn.Key, time.Time, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+keyCols+", updated_at FROM keys WHERE updated_at > ? ORDER BY updated_at, id", micros(t))
	if err != nil {
		return nil, t, err
	}
	defer rows.Close()
	ks, latest := []authn.Key{}, t
	for rows.Next() {
		var stamp int64
		k, err := scanSQLiteKey(rows, &stamp)
		if err != nil {
			return nil, t, err
		}
		ks, latest = append(ks, k), laterOf(latest, fromMicros(stamp))
	}
	return ks, latest.UTC(), rows.Err()
}

// queryKeys runs a query of keyCols.
func (s *sqliteStore) queryKeys(ctx context.Context, query string, args ...any) ([]authn.Key, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ks := []authn.Key{}
	for rows.Next() {
		k, err := scanSQLiteKey(rows)
		if err != nil {
			return nil, err
		}
		ks = append(ks, k)
	}
	return ks, rows.Err()
}

// RevokeKey marks key id revoked at t; a key already revoked keeps its
// first revocation time.
func (s *sqliteStore) RevokeKey(ctx context.Context, id string, t time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			"UPDATE keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", micros(t), id)
		if err != nil {
			return err
		}
		return mustAffect(res)
	})
	if err != nil {
		return fmt.Errorf("store: revoke key %s: %w", id, err)
	}
	return nil
}

// RotateKey stores next as the successor of key id and revokes id at t,
// in one write transaction (writers take turns, so a second rotation of
// one key finds the first's successor).
func (s *sqliteStore) RotateKey(ctx context.Context, id string, next *authn.Key, t time.Time) error {
	if err := checkKey(next); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) error { return sqliteRotate(ctx, tx, id, next, t) })
	if err != nil {
		return fmt.Errorf("store: rotate key %s: %w", id, err)
	}
	return nil
}

func sqliteRotate(ctx context.Context, tx *sql.Tx, id string, next *authn.Key, t time.Time) error {
	var (
		lineage   string
		revoked   sql.NullInt64
		expires   int64
		successor string
	)
	err := tx.QueryRowContext(ctx, "SELECT lineage, revoked_at, expires_at FROM keys WHERE id = ?", id).
		Scan(&lineage, &revoked, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, "SELECT id FROM keys WHERE rotated_from = ?", id).Scan(&successor)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := checkRotation(successor, revoked.Valid, fromMicros(expires), t); err != nil {
		return err
	}
	successorOf(next, id, lineage)
	if err := sqliteInsertKey(ctx, tx, next); err != nil {
		return fmt.Errorf("create %s: %w", next.ID, err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE keys SET revoked_at = ? WHERE id = ?", micros(t), id)
	return err
}

// mustAffect is ErrNotFound when res changed no row.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// usageCols are the columns RecordUsage writes.
var usageCols = []string{"time", "key_id", "team", "model", "prompt_tokens", "completion_tokens", "cost_usd"}

// RecordUsage appends us to the ledger in one transaction.
func (s *sqliteStore) RecordUsage(ctx context.Context, us []Usage) error {
	if len(us) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, c := range chunks(len(us), sqliteBatch) {
			if err := insertUsage(ctx, tx, us[c[0]:c[1]]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record usage (%d rows): %w", len(us), err)
	}
	return nil
}

// insertUsage writes us with one INSERT.
func insertUsage(ctx context.Context, tx *sql.Tx, us []Usage) error {
	args := make([]any, 0, len(us)*len(usageCols))
	for _, u := range us {
		args = append(args, micros(u.Time), u.KeyID, u.Team, u.Model, u.PromptTokens, u.CompletionTokens, u.CostUSD)
	}
	_, err := tx.ExecContext(ctx, insertSQL("usage", usageCols, len(us)), args...)
	return err
}

// insertSQL is a multi-row INSERT of rows rows into table.
func insertSQL(table string, cols []string, rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	var b strings.Builder
	b.Grow(32 + len(table) + 16*len(cols) + rows*(len(row)+2))
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// SpentSince sums the cost of the requests at or after t of key id and
// of the keys of its lineage.
func (s *sqliteStore) SpentSince(ctx context.Context, keyID string, t time.Time) (float64, error) {
	var sum float64
	if err := s.spent.QueryRowContext(ctx, keyID, micros(t)).Scan(&sum); err != nil {
		return 0, fmt.Errorf("store: spent since for %s: %w", keyID, err)
	}
	return sum, nil
}

// TeamSpentSince sums the cost of team's requests at or after t.
func (s *sqliteStore) TeamSpentSince(ctx context.Context, team string, t time.Time) (float64, error) {
	var sum float64
	if err := s.team.QueryRowContext(ctx, team, micros(t)).Scan(&sum); err != nil {
		return 0, fmt.Errorf("store: spent since for team %q: %w", team, err)
	}
	return sum, nil
}

// SpentByModelSince sums the cost of the requests at or after t per
// model, for the models that start with prefix.
func (s *sqliteStore) SpentByModelSince(ctx context.Context, prefix string, t time.Time) (map[string]float64, error) {
	rows, err := s.models.QueryContext(ctx, micros(t), utf8.RuneCountInString(prefix), prefix)
	if err != nil {
		return nil, fmt.Errorf("store: spent since by model %q*: %w", prefix, err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var model string
		var sum float64
		if err := rows.Scan(&model, &sum); err != nil {
			return nil, fmt.Errorf("store: spent since by model %q*: %w", prefix, err)
		}
		out[model] = sum
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: spent since by model %q*: %w", prefix, err)
	}
	return out, nil
}

// eventCols are the columns WriteEvents writes.
var eventCols = []string{"time", "request_id", "key_id", "subject", "team", "route", "model", "provider",
	"status", "decision", "reason", "prompt_tokens", "completion_tokens", "cost_usd", "latency_ns", "data"}

// WriteEvents appends es in one transaction.
func (s *sqliteStore) WriteEvents(ctx context.Context, es []event.Event) error {
	if len(es) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, c := range chunks(len(es), eventChunk) {
			if err := s.insertEvents(ctx, tx, es[c[0]:c[1]]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: write events (%d): %w", len(es), err)
	}
	return nil
}

// insertEvents writes es with one INSERT.
func (s *sqliteStore) insertEvents(ctx context.Context, tx *sql.Tx, es []event.Event) error {
	args := make([]any, 0, len(es)*len(eventCols))
	for _, e := range es {
		e, data, err := storedEvent(e)
		if err != nil {
			return err
		}
		args = append(args, micros(e.Time), e.RequestID, e.KeyID, e.Subject, e.Team, e.Route, e.Model, e.Provider,
			e.Status, e.Decision, e.Reason, e.PromptTokens, e.CompletionTokens, e.CostUSD, int64(e.Latency), data)
	}
	var err error
	if len(es) == eventChunk {
		_, err = tx.StmtContext(ctx, s.events).ExecContext(ctx, args...)
	} else {
		_, err = tx.ExecContext(ctx, insertSQL("events", eventCols, len(es)), args...)
	}
	return err
}

// RecentEvents returns up to limit events at or after since, newest
// first (see eventLimit for the bounds of limit).
func (s *sqliteStore) RecentEvents(ctx context.Context, since time.Time, limit int) ([]event.Event, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT data FROM events WHERE time >= ? ORDER BY time DESC, id DESC LIMIT ?", micros(since), eventLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recent events: %w", err)
	}
	es, err := scanEvents(rows)
	if err != nil {
		return nil, fmt.Errorf("store: recent events: %w", err)
	}
	return es, nil
}

// scanEvents decodes the data column of rows, and closes them.
func scanEvents(rows *sql.Rows) ([]event.Event, error) {
	defer rows.Close()
	es := []event.Event{}
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		e, err := decodeEvent(data)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// DeleteEventsBefore deletes up to limit of the oldest events before t,
// in one transaction.
func (s *sqliteStore) DeleteEventsBefore(ctx context.Context, t time.Time, limit int) (int, error) {
	if err := checkDeleteLimit(limit); err != nil {
		return 0, err
	}
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			"DELETE FROM events WHERE id IN (SELECT id FROM events WHERE time < ? ORDER BY time LIMIT ?)", micros(t), limit)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: delete events before %s: %w", t.UTC().Format(time.RFC3339), err)
	}
	return int(n), nil
}
