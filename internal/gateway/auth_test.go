package gateway

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // the store's driver, for statements behind its back

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/store"
	"github.com/wardsec/ward/internal/testenv"
)

// skewDB is a store's database and a way to write to it behind the
// store's back, as a writer with a slow clock (or an older Ward) would.
type skewDB struct {
	name, url string
	exec      func(t testing.TB, query string)
}

// skewDBs are a SQLite database, and a PostgreSQL schema when
// WARD_TEST_POSTGRES_URL is set.
func skewDBs(t *testing.T) []skewDB {
	path := filepath.Join(t.TempDir(), "ward.db")
	dbs := []skewDB{{name: "sqlite", url: path, exec: func(t testing.TB, query string) {
		t.Helper()
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		query = strings.ReplaceAll(query, "now() - interval '5 seconds'",
			"CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER) - 5000000")
		if _, err := db.Exec(query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}}}
	if base := strings.TrimSpace(os.Getenv("WARD_TEST_POSTGRES_URL")); base != "" {
		url := pgTestSchema(t, base)
		dbs = append(dbs, skewDB{name: "postgres", url: url, exec: func(t testing.TB, query string) {
			t.Helper()
			pgExec(t, url, query)
		}})
	}
	return dbs
}

// pgTestSchema creates a schema of its own, dropped at cleanup, and
// returns base with search_path set to it.
func pgTestSchema(t *testing.T, base string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "ward_gw_test_" + hex.EncodeToString(b)
	pgExec(t, base, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { pgExec(t, base, "DROP SCHEMA IF EXISTS "+schema+" CASCADE") })
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

func pgExec(t testing.TB, url, query string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// TestRevocationStampedInPast: a revocation written with a clock 5 s
// slow (the replicas' clocks run ahead of the writer's) still reaches
// two replicas' caches within a refresh or two.
func TestRevocationStampedInPast(t *testing.T) {
	for _, db := range skewDBs(t) {
		t.Run(db.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st, err := store.Open(ctx, db.url)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			secret, _, err := IssueKey(ctx, st, "cached", time.Hour, &authn.Key{})
			if err != nil {
				t.Fatal(err)
			}
			var caches []*KeyCache
			for range 2 {
				c, err := NewKeyCache(ctx, st, 20*time.Millisecond, nil)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.Lookup(ctx, secret, time.Now()); err != nil {
					t.Fatalf("before revocation: %v", err)
				}
				caches = append(caches, c)
			}
			time.Sleep(50 * time.Millisecond) // a few refreshes: the caches' marks are the key's stamp
			db.exec(t, "UPDATE keys SET revoked_at = now() - interval '5 seconds', updated_at = now() - interval '5 seconds'")
			for i, c := range caches {
				deadline := time.Now().Add(time.Second)
				for _, err := c.Lookup(ctx, secret, time.Now()); err == nil; _, err = c.Lookup(ctx, secret, time.Now()) {
					if time.Now().After(deadline) {
						t.Fatalf("replica %d still accepts the key a second after a revocation stamped 5 s in the past", i)
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
		})
	}
}

// refusingJWT refuses every token with err.
type refusingJWT struct{ err error }

func (v refusingJWT) Verify(context.Context, string, time.Time) (*authn.Principal, error) {
	return nil, v.err
}

// TestJWTRefusalLogged: why a workload identity was refused reaches the
// log, while the client is told only that its token is invalid and the
// token itself is logged nowhere.
func TestJWTRefusalLogged(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	var logged testenv.Buffer
	h.gw.log = slog.New(slog.NewJSONHandler(&logged, nil))
	h.gw.jwt = refusingJWT{authn.ErrAudience}
	head := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256"}`)) // built here, not a literal
	token := head + "." + strings.Repeat("a", 20) + "." + strings.Repeat("b", 20)
	resp, body := h.post(t, routeChat, token, chatBody)
	if resp.StatusCode != 401 || strings.Contains(body, "audience") {
		t.Errorf("refused token: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(logged.String(), "token audience not accepted") || strings.Contains(logged.String(), token[:30]) {
		t.Errorf("log %q: want the reason and never the token", logged.String())
	}
	key, _ := h.issue(t, authn.Limits{})
	if resp, body := h.post(t, routeChat, key, chatBody); resp.StatusCode != 200 {
		t.Fatalf("keyed request: %d %s", resp.StatusCode, body)
	}
	deadline := time.Now().Add(2 * time.Second) // the line is written after the answer
	for !strings.Contains(logged.String(), `"name":"test"`) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(logged.String(), `"name":"test"`) {
		t.Errorf("the request's log line does not name its key: %q", logged.String())
	}
}
