package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// pgBatch is the most rows one INSERT … unnest carries; larger batches
// take several statements in one transaction.
const pgBatch = 5000

// pgUniqueViolation is PostgreSQL's SQLSTATE for a duplicate key.
const pgUniqueViolation = "23505"

// pgStore is Store over a PostgreSQL pool. Its tables live in the first
// schema of the connection's search_path.
type pgStore struct {
	pool *pgxpool.Pool
}

// openPostgres connects to the database at url and migrates it.
func openPostgres(ctx context.Context, url string) (Store, error) {
	cfg, err := pgxpool.ParseConfig(url) // its errors hide the password
	if err != nil {
		return nil, fmt.Errorf("store: postgres URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to postgres: %w", err)
	}
	s := &pgStore{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the pool.
func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// migrate applies the pending migrations in one transaction, holding an
// advisory lock (per schema) so that replicas starting together take
// turns.
func (s *pgStore) migrate(ctx context.Context) error {
	ms, err := migrations(dialectPostgres)
	if err != nil {
		return err
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return migratePostgres(ctx, tx, ms) })
	if err != nil {
		return fmt.Errorf("store: migrate postgres: %w", err)
	}
	return nil
}

// migratePostgres applies what of ms tx's schema lacks.
func migratePostgres(ctx context.Context, tx pgx.Tx, ms []migration) error {
	const lock = "SELECT pg_advisory_xact_lock(hashtext('ward.migrate:' || COALESCE(current_schema(), '')))"
	if _, err := tx.Exec(ctx, lock); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`
	if _, err := tx.Exec(ctx, create); err != nil {
		return err
	}
	applied, err := pgVersions(ctx, tx)
	if err != nil {
		return err
	}
	todo, err := pending(ms, applied)
	if err != nil {
		return err
	}
	for _, m := range todo {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
			return fmt.Errorf("record %s: %w", m.Name, err)
		}
	}
	return nil
}

// pgVersions are the applied migration versions.
func pgVersions(ctx context.Context, tx pgx.Tx) (map[int]bool, error) {
	rows, err := tx.Query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	vs, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return nil, err
	}
	applied := make(map[int]bool, len(vs))
	for _, v := range vs {
		applied[int(v)] = true
	}
	return applied, nil
}

// CreateKey stores k.
func (s *pgStore) CreateKey(ctx context.Context, k *authn.Key) error {
	if err := checkKey(k); err != nil {
		return err
	}
	if err := pgInsertKey(ctx, s.pool, k); err != nil {
		return fmt.Errorf("store: create key %s: %w", k.ID, err)
	}
	return nil
}

// pgExecer is a pool or a transaction.
type pgExecer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// pgInsertKey inserts k (ErrExists when its id, hash or predecessor is
// taken). updated_at is the database's (trigger keys_stamp).
func pgInsertKey(ctx context.Context, db pgExecer, k *authn.Key) error {
	limits, err := encodeLimits(k.Limits)
	if err != nil {
		return err
	}
	var revoked *time.Time
	if k.RevokedAt != nil {
		t := dbTime(*k.RevokedAt)
		revoked = &t
	}
	_, err = db.Exec(ctx, "INSERT INTO keys ("+keyCols+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)",
		k.ID, k.Name, k.Owner, k.Team, k.Hash, dbTime(k.CreatedAt), dbTime(k.ExpiresAt), revoked, limits,
		lineageOf(k), nullText(k.RotatedFrom))
	if isPgConflict(err) {
		err = ErrExists
	}
	return err
}

// isPgConflict reports a violated primary key or unique constraint.
func isPgConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == pgUniqueViolation
}

// scanPgKey reads the keyCols of one row, and then into extra the
// columns the query adds after them.
func scanPgKey(r pgx.Row, extra ...any) (authn.Key, error) {
	var (
		k       authn.Key
		revoked *time.Time
		limits  []byte
		from    *string
	)
	dest := append([]any{&k.ID, &k.Name, &k.Owner, &k.Team, &k.Hash, &k.CreatedAt, &k.ExpiresAt, &revoked, &limits,
		&k.Lineage, &from}, extra...)
	if err := r.Scan(dest...); err != nil {
		return k, err
	}
	k.CreatedAt, k.ExpiresAt = k.CreatedAt.UTC(), k.ExpiresAt.UTC()
	if revoked != nil {
		t := revoked.UTC()
		k.RevokedAt = &t
	}
	if from != nil {
		k.RotatedFrom = *from
	}
	var err error
	k.Limits, err = decodeLimits(limits)
	return k, err
}

// onePgKey is the key row r holds, ErrNotFound when none.
func onePgKey(r pgx.Row) (*authn.Key, error) {
	k, err := scanPgKey(r)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// KeyByHash finds the key whose SHA-256 is hash.
func (s *pgStore) KeyByHash(ctx context.Context, hash []byte) (*authn.Key, error) {
	k, err := onePgKey(s.pool.QueryRow(ctx, "SELECT "+keyCols+" FROM keys WHERE hash = $1", hash))
	if err != nil {
		return nil, fmt.Errorf("store: key by hash %s: %w", hashName(hash), err)
	}
	return k, nil
}

// KeyByID finds the key with id.
func (s *pgStore) KeyByID(ctx context.Context, id string) (*authn.Key, error) {
	k, err := onePgKey(s.pool.QueryRow(ctx, "SELECT "+keyCols+" FROM keys WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: key %s: %w", id, err)
	}
	return k, nil
}

// ListKeys lists every key, oldest first.
func (s *pgStore) ListKeys(ctx context.Context) ([]authn.Key, error) {
	ks, err := s.queryKeys(ctx, "SELECT "+keyCols+" FROM keys ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("store: list keys: %w", err)
	}
	return ks, nil
}

// KeysChangedSince lists the keys stamped after t, in the order they
// changed, and the latest stamp among them (t when none).
func (s *pgStore) KeysChangedSince(ctx context.Context, t time.Time) ([]authn.Key, time.Time, error) {
	rows, err := s.pool.Query(ctx, "SELECT "+keyCols+", updated_at FROM keys WHERE updated_at > $1 ORDER BY updated_at, id", dbTime(t))
	latest := t
	var ks []authn.Key
	if err == nil {
		ks, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (authn.Key, error) {
			var stamp time.Time
			k, err := scanPgKey(r, &stamp)
			latest = laterOf(latest, stamp)
			return k, err
		})
	}
	if err != nil {
		return nil, t, fmt.Errorf("store: keys changed since %s: %w", t.UTC().Format(time.RFC3339Nano), err)
	}
	if ks == nil {
		ks = []authn.Key{}
	}
	return ks, latest.UTC(), nil
}

// queryKeys runs a query of keyCols.
func (s *pgStore) queryKeys(ctx context.Context, query string, args ...any) ([]authn.Key, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	ks, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (authn.Key, error) { return scanPgKey(r) })
	if ks == nil && err == nil {
		ks = []authn.Key{}
	}
	return ks, err
}

// RevokeKey marks key id revoked at t; a key already revoked keeps its
// first revocation time.
func (s *pgStore) RevokeKey(ctx context.Context, id string, t time.Time) error {
	tag, err := s.pool.Exec(ctx, "UPDATE keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1", id, dbTime(t))
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: revoke key %s: %w", id, err)
	}
	return nil
}

// RotateKey stores next as the successor of key id and revokes id at t,
// in one transaction that holds id's row, so that two rotations of one
// key take turns and the second finds the first's successor.
func (s *pgStore) RotateKey(ctx context.Context, id string, next *authn.Key, t time.Time) error {
	if err := checkKey(next); err != nil {
		return err
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return pgRotate(ctx, tx, id, next, t) })
	if err != nil {
		return fmt.Errorf("store: rotate key %s: %w", id, err)
	}
	return nil
}

func pgRotate(ctx context.Context, tx pgx.Tx, id string, next *authn.Key, t time.Time) error {
	var (
		lineage   string
		revoked   *time.Time
		expires   time.Time
		successor string
	)
	err := tx.QueryRow(ctx, "SELECT lineage, revoked_at, expires_at FROM keys WHERE id = $1 FOR UPDATE", id).
		Scan(&lineage, &revoked, &expires)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	err = tx.QueryRow(ctx, "SELECT id FROM keys WHERE rotated_from = $1", id).Scan(&successor)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if err := checkRotation(successor, revoked != nil, expires, t); err != nil {
		return err
	}
	successorOf(next, id, lineage)
	if err := pgInsertKey(ctx, tx, next); err != nil {
		return fmt.Errorf("create %s: %w", next.ID, err)
	}
	_, err = tx.Exec(ctx, "UPDATE keys SET revoked_at = $2 WHERE id = $1", id, dbTime(t))
	return err
}

// inBatches runs insert over runs of at most pgBatch of n rows, all in
// one transaction. (A batch that fits one statement skips it: a single
// statement is its own transaction.)
func (s *pgStore) inBatches(ctx context.Context, n int, insert func(pgx.Tx, int, int) error) error {
	cs := chunks(n, pgBatch)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, c := range cs {
			if err := insert(tx, c[0], c[1]); err != nil {
				return err
			}
		}
		return nil
	})
}

const pgInsertUsage = `INSERT INTO usage (time, key_id, team, model, prompt_tokens, completion_tokens, cost_usd)
SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::float8[])`

// RecordUsage appends us to the ledger in one transaction.
func (s *pgStore) RecordUsage(ctx context.Context, us []Usage) error {
	if len(us) == 0 {
		return nil
	}
	var err error
	if len(us) <= pgBatch {
		_, err = s.pool.Exec(ctx, pgInsertUsage, usageArrays(us)...)
	} else {
		err = s.inBatches(ctx, len(us), func(tx pgx.Tx, i, j int) error {
			_, err := tx.Exec(ctx, pgInsertUsage, usageArrays(us[i:j])...)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("store: record usage (%d rows): %w", len(us), err)
	}
	return nil
}

// usageArrays are the column arrays of pgInsertUsage.
func usageArrays(us []Usage) []any {
	n := len(us)
	ts, keys, teams, models := make([]time.Time, n), make([]string, n), make([]string, n), make([]string, n)
	prompt, completion, cost := make([]int64, n), make([]int64, n), make([]float64, n)
	for i, u := range us {
		ts[i], keys[i], teams[i], models[i] = dbTime(u.Time), u.KeyID, u.Team, u.Model
		prompt[i], completion[i], cost[i] = int64(u.PromptTokens), int64(u.CompletionTokens), u.CostUSD
	}
	return []any{ts, keys, teams, models, prompt, completion, cost}
}

// SpentSince sums the cost of the requests at or after t of key id and
// of the keys of its lineage.
func (s *pgStore) SpentSince(ctx context.Context, keyID string, t time.Time) (float64, error) {
	var sum float64
	err := s.pool.QueryRow(ctx, `SELECT COALESCE(SUM(cost_usd), 0)::float8 FROM usage
		WHERE key_id = ANY(ARRAY(SELECT id FROM keys WHERE lineage = $1) || $1::text) AND time >= $2`,
		keyID, dbTime(t)).Scan(&sum)
	if err != nil {
		return 0, fmt.Errorf("store: spent since for %s: %w", keyID, err)
	}
	return sum, nil
}

// TeamSpentSince sums the cost of team's requests at or after t.
func (s *pgStore) TeamSpentSince(ctx context.Context, team string, t time.Time) (float64, error) {
	var sum float64
	err := s.pool.QueryRow(ctx, "SELECT COALESCE(SUM(cost_usd), 0)::float8 FROM usage WHERE team = $1 AND time >= $2",
		team, dbTime(t)).Scan(&sum)
	if err != nil {
		return 0, fmt.Errorf("store: spent since for team %q: %w", team, err)
	}
	return sum, nil
}

// SpentByModelSince sums the cost of the requests at or after t per
// model, for the models that start with prefix.
func (s *pgStore) SpentByModelSince(ctx context.Context, prefix string, t time.Time) (map[string]float64, error) {
	rows, err := s.pool.Query(ctx,
		"SELECT model, SUM(cost_usd)::float8 FROM usage WHERE time >= $1 AND starts_with(model, $2) GROUP BY model",
		dbTime(t), prefix)
	if err != nil {
		return nil, fmt.Errorf("store: spent since by model %q*: %w", prefix, err)
	}
	out := map[string]float64{}
	var model string
	var sum float64
	_, err = pgx.ForEachRow(rows, []any{&model, &sum}, func() error {
		out[model] = sum
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: spent since by model %q*: %w", prefix, err)
	}
	return out, nil
}

const pgInsertEvents = `INSERT INTO events (time, request_id, key_id, subject, team, route, model, provider,
	status, decision, reason, prompt_tokens, completion_tokens, cost_usd, latency_ns, data)
SELECT t, rid, kid, sub, team, route, model, prov, st, dec, rsn, pt, ct, cost, lat, d::jsonb
FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
	$9::int[], $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::float8[], $15::bigint[], $16::text[])
	AS u(t, rid, kid, sub, team, route, model, prov, st, dec, rsn, pt, ct, cost, lat, d)`

// WriteEvents appends es in one transaction.
func (s *pgStore) WriteEvents(ctx context.Context, es []event.Event) error {
	if len(es) == 0 {
		return nil
	}
	err := s.writeEvents(ctx, es)
	if err != nil {
		return fmt.Errorf("store: write events (%d): %w", len(es), err)
	}
	return nil
}

func (s *pgStore) writeEvents(ctx context.Context, es []event.Event) error {
	if len(es) <= pgBatch {
		args, err := eventArrays(es)
		if err != nil {
			return err
		}
		_, err = s.pool.Exec(ctx, pgInsertEvents, args...)
		return err
	}
	return s.inBatches(ctx, len(es), func(tx pgx.Tx, i, j int) error {
		args, err := eventArrays(es[i:j])
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, pgInsertEvents, args...)
		return err
	})
}

// eventColumns are the column arrays of pgInsertEvents.
type eventColumns struct {
	ts                                                      []time.Time
	rid, kid, sub, team, route, model, prov, dec, rsn, data []string
	status                                                  []int32
	prompt, completion, latency                             []int64
	cost                                                    []float64
}

// eventArrays are the arguments of pgInsertEvents for es.
func eventArrays(es []event.Event) ([]any, error) {
	n := len(es)
	str := func() []string { return make([]string, n) }
	c := eventColumns{
		ts: make([]time.Time, n), rid: str(), kid: str(), sub: str(), team: str(), route: str(), model: str(),
		prov: str(), dec: str(), rsn: str(), data: str(), status: make([]int32, n),
		prompt: make([]int64, n), completion: make([]int64, n), latency: make([]int64, n), cost: make([]float64, n),
	}
	for i, e := range es {
		e, data, err := storedEvent(e)
		if err != nil {
			return nil, err
		}
		c.ts[i], c.rid[i], c.kid[i], c.sub[i], c.team[i] = dbTime(e.Time), e.RequestID, e.KeyID, e.Subject, e.Team
		c.route[i], c.model[i], c.prov[i], c.status[i] = e.Route, e.Model, e.Provider, int32(e.Status)
		c.dec[i], c.rsn[i], c.prompt[i], c.completion[i] = e.Decision, e.Reason, int64(e.PromptTokens), int64(e.CompletionTokens)
		c.cost[i], c.latency[i], c.data[i] = e.CostUSD, int64(e.Latency), data
	}
	return []any{c.ts, c.rid, c.kid, c.sub, c.team, c.route, c.model, c.prov,
		c.status, c.dec, c.rsn, c.prompt, c.completion, c.cost, c.latency, c.data}, nil
}

// RecentEvents returns up to limit events at or after since, newest
// first (see eventLimit for the bounds of limit).
func (s *pgStore) RecentEvents(ctx context.Context, since time.Time, limit int) ([]event.Event, error) {
	rows, err := s.pool.Query(ctx, "SELECT data FROM events WHERE time >= $1 ORDER BY time DESC, id DESC LIMIT $2",
		dbTime(since), eventLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recent events: %w", err)
	}
	es, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (event.Event, error) {
		var data []byte
		if err := r.Scan(&data); err != nil {
			return event.Event{}, err
		}
		return decodeEvent(data)
	})
	if err != nil {
		return nil, fmt.Errorf("store: recent events: %w", err)
	}
	if es == nil {
		es = []event.Event{}
	}
	return es, nil
}

// DeleteEventsBefore deletes up to limit of the oldest events before t,
// in one statement. Rows another replica's prune holds are skipped, not
// waited for.
func (s *pgStore) DeleteEventsBefore(ctx context.Context, t time.Time, limit int) (int, error) {
	if err := checkDeleteLimit(limit); err != nil {
		return 0, err
	}
	tag, err := s.pool.Exec(ctx, `DELETE FROM events WHERE id IN (
		SELECT id FROM events WHERE time < $1 ORDER BY time LIMIT $2 FOR UPDATE SKIP LOCKED)`, dbTime(t), limit)
	if err != nil {
		return 0, fmt.Errorf("store: delete events before %s: %w", t.UTC().Format(time.RFC3339), err)
	}
	return int(tag.RowsAffected()), nil
}
