package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// migrationFS holds the schema of each dialect as numbered SQL files,
// migrations/<dialect>/NNNN_name.sql, applied in order and recorded in
// schema_migrations.
//
//go:embed migrations
var migrationFS embed.FS

// Dialects, as named under migrations/.
const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// migration is one numbered SQL file.
type migration struct {
	Version int
	Name    string
	SQL     string
}

// migrations lists a dialect's migrations in order.
func migrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read %s migrations: %w", dialect, err)
	}
	var out []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		m, err := readMigration(dir, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, checkSequence(dialect, out)
}

// readMigration reads dir/name, whose name starts with its version.
func readMigration(dir, name string) (migration, error) {
	num, _, ok := strings.Cut(name, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil || v <= 0 {
		return migration{}, fmt.Errorf("store: migration %s/%s: name must be NNNN_name.sql", dir, name)
	}
	b, err := migrationFS.ReadFile(path.Join(dir, name))
	if err != nil {
		return migration{}, fmt.Errorf("store: read migration %s/%s: %w", dir, name, err)
	}
	return migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(b)}, nil
}

// checkSequence requires versions 1, 2, 3… with no gap or repeat.
func checkSequence(dialect string, ms []migration) error {
	for i, m := range ms {
		if m.Version != i+1 {
			return fmt.Errorf("store: %s migration %s: version %d, want %d", dialect, m.Name, m.Version, i+1)
		}
	}
	return nil
}

// pending is what of ms is not yet applied, given the applied versions;
// it refuses a database migrated by a newer Ward.
func pending(ms []migration, applied map[int]bool) ([]migration, error) {
	var out []migration
	for _, m := range ms {
		if !applied[m.Version] {
			out = append(out, m)
		}
	}
	for v := range applied {
		if v > len(ms) {
			return nil, fmt.Errorf("store: database schema version %d is newer than this ward's (%d)", v, len(ms))
		}
	}
	return out, nil
}
