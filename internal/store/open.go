package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Open opens the database named by url and brings its schema up to date:
//
//   - "sqlite:///abs/path.db", "sqlite://rel.db", a plain path or
//     ":memory:" open SQLite (modernc.org/sqlite, WAL mode);
//   - "postgres://…" or "postgresql://…" open a PostgreSQL pool (pgx;
//     its URL parameters apply, e.g. search_path, pool_max_conns,
//     default_query_exec_mode=exec behind a transaction pooler). The
//     tables live in the first schema of search_path.
//
// Several processes may Open the same database at once: migrations run
// in one transaction under a lock. Errors name the scheme but never the
// rest of the URL, which may hold a password.
func Open(ctx context.Context, url string) (Store, error) {
	scheme, rest, err := splitURL(url)
	if err != nil {
		return nil, err
	}
	switch scheme {
	case "sqlite":
		return openSQLite(ctx, rest)
	case "postgres", "postgresql":
		return openPostgres(ctx, url)
	}
	return nil, fmt.Errorf("store: unsupported database URL scheme %q (want sqlite://, postgres:// or a file path)", scheme)
}

// splitURL returns the scheme of a database URL ("sqlite" for a plain
// path) and, for SQLite, the path.
func splitURL(url string) (scheme, path string, err error) {
	if url == "" {
		return "", "", errors.New("store: empty database URL")
	}
	i := strings.Index(url, "://")
	if i < 0 {
		return "sqlite", url, nil
	}
	scheme = strings.ToLower(url[:i])
	path = url[i+len("://"):]
	if scheme == "sqlite" && path == "" {
		return "", "", errors.New("store: sqlite URL without a path")
	}
	return scheme, path, nil
}

// DefaultPath is where Ward keeps its SQLite database when none is
// configured: $XDG_DATA_HOME/ward/ward.db, or ~/.local/share/ward/ward.db
// when XDG_DATA_HOME is unset or relative. It creates the folder (0700)
// and an empty file (0600) if they are missing.
func DefaultPath() (string, error) {
	base, err := dataHome()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "ward")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("store: create data folder: %w", err)
	}
	p := filepath.Join(dir, "ward.db")
	if err := createPrivate(p); err != nil {
		return "", err
	}
	return p, nil
}

// dataHome is the XDG data folder.
func dataHome() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store: find data folder: %w", err)
	}
	return filepath.Join(home, ".local", "share"), nil
}

// createPrivate creates path readable by its owner only, unless it
// exists (then it is left as it is).
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: create database file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: create database file: %w", err)
	}
	return nil
}
