package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// childEnv, when set, makes TestSQLiteOpenAcrossProcesses a child that
// opens the database it names and writes to it.
const childEnv = "WARD_STORE_TEST_CHILD_DB"

func TestSQLiteOpenAcrossProcesses(t *testing.T) {
	if path := os.Getenv(childEnv); path != "" {
		childWrite(t, path)
		return
	}
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ward.db")
	const children = 4
	var wg sync.WaitGroup
	outs := make([][]byte, children)
	errs := make([]error, children)
	for i := range children {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSQLiteOpenAcrossProcesses$", "-test.count=1")
			cmd.Env = append(os.Environ(), childEnv+"="+path)
			outs[i], errs[i] = cmd.CombinedOutput()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("child %d: %v\n%s", i, err, outs[i])
		}
	}
	s := openTest(t, path)
	got, err := s.SpentSince(context.Background(), "wk_child", base)
	if err != nil || got != children*10 {
		t.Errorf("SpentSince after %d children = %v, %v; want %d", children, got, err, children*10)
	}
	checkMigrations(t, s)
}

// childWrite opens path and records ten usage rows, one at a time.
func childWrite(t *testing.T, path string) {
	s := openTest(t, path)
	for i := range 10 {
		u := []Usage{{Time: base.Add(time.Duration(i) * time.Second), KeyID: "wk_child", CostUSD: 1}}
		if err := s.RecordUsage(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSQLiteUsesWALAndPrivateFiles(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ward.db")
	s := openTest(t, path)
	if err := s.RecordUsage(context.Background(), []Usage{{Time: base, KeyID: "wk_x"}}); err != nil {
		t.Fatal(err)
	}
	var mode string
	var timeout int
	db := s.(*sqliteStore).db
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || !strings.EqualFold(mode, "wal") {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if err := db.QueryRow("PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout < 1000 {
		t.Errorf("busy_timeout = %d, %v; want a few seconds", timeout, err)
	}
	for _, f := range []string{path, path + "-wal"} {
		checkMode(t, f, 0o600)
	}
}

func TestSQLiteDSN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, file, dsn string
	}{
		{"/a/ward.db", "/a/ward.db", "/a/ward.db?" + sqliteParams},
		{"ward.db?_pragma=cache_size(-2000)", "ward.db", "ward.db?" + sqliteParams + "&_pragma=cache_size(-2000)"},
		{":memory:", ":memory:", ":memory:?" + sqliteParams},
	}
	for _, tt := range tests {
		file, dsn, err := sqliteDSN(tt.path)
		if err != nil || file != tt.file || dsn != tt.dsn {
			t.Errorf("sqliteDSN(%q) = %q, %q, %v; want %q, %q", tt.path, file, dsn, err, tt.file, tt.dsn)
		}
	}
	for _, bad := range []string{"", "?x=1", "file:ward.db"} {
		if _, _, err := sqliteDSN(bad); err == nil {
			t.Errorf("sqliteDSN(%q) succeeded", bad)
		}
	}
}

func TestInsertSQL(t *testing.T) {
	t.Parallel()
	got := insertSQL("t", []string{"a", "b"}, 2)
	if want := "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"; got != want {
		t.Errorf("insertSQL = %q, want %q", got, want)
	}
	if n := strings.Count(insertSQL("events", eventCols, sqliteBatch), "?"); n != sqliteBatch*len(eventCols) || n > 32766 {
		t.Errorf("a full events INSERT has %d parameters", n)
	}
}
