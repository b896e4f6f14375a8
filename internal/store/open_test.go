package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, scheme, path string
		wantErr           bool
	}{
		{"sqlite:///var/lib/ward/ward.db", "sqlite", "/var/lib/ward/ward.db", false},
		{"sqlite://rel.db", "sqlite", "rel.db", false},
		{"SQLite://rel.db", "sqlite", "rel.db", false},
		{"/abs/ward.db", "sqlite", "/abs/ward.db", false},
		{"ward.db", "sqlite", "ward.db", false},
		{":memory:", "sqlite", ":memory:", false},
		{"postgres://h/db", "postgres", "h/db", false},
		{"postgresql://h/db", "postgresql", "h/db", false},
		{"mysql://h/db", "mysql", "h/db", false},
		{"sqlite://", "", "", true},
		{"", "", "", true},
	}
	for _, tt := range tests {
		scheme, path, err := splitURL(tt.url)
		if (err != nil) != tt.wantErr || scheme != tt.scheme || path != tt.path {
			t.Errorf("splitURL(%q) = %q, %q, %v; want %q, %q, error %v", tt.url, scheme, path, err, tt.scheme, tt.path, tt.wantErr)
		}
	}
}

func TestOpenUnknownScheme(t *testing.T) {
	t.Parallel()
	secret := strings.Repeat("s3", 6) // built at run time
	_, err := Open(context.Background(), "mysql://root:"+secret+"@db/ward")
	if err == nil || !strings.Contains(err.Error(), `"mysql"`) || strings.Contains(err.Error(), secret) {
		t.Errorf("Open(mysql://…) = %v; want an error naming the scheme only", err)
	}
}

func TestOpenPostgresErrorHidesPassword(t *testing.T) {
	t.Parallel()
	secret := strings.Repeat("pw", 6)
	ctx, cancel := context.WithTimeout(context.Background(), 10e9)
	defer cancel()
	for _, url := range []string{
		"postgres://ward:" + secret + "@127.0.0.1:1/ward?sslmode=disable&connect_timeout=2", // nothing listens
		"postgres://ward:" + secret + "@127.0.0.1:notaport/ward",                            // malformed
	} {
		_, err := Open(ctx, url)
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("Open(postgres with a password) = %v; want an error without the password", err)
		}
	}
}

func TestOpenMemory(t *testing.T) {
	t.Parallel()
	s := openTest(t, ":memory:")
	k := testKey(t, "mem", base)
	mustCreate(t, s, k)
	if _, err := s.KeyByHash(context.Background(), k.Hash); err != nil {
		t.Errorf("KeyByHash in memory: %v", err)
	}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, url := range []string{"sqlite://rel.db", "plain.db", "sqlite://" + filepath.Join(t.TempDir(), "abs.db")} {
		openTest(t, url)
		file := strings.TrimPrefix(url, "sqlite://")
		checkMode(t, file, 0o600)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "missing", "ward.db")
	_, err := Open(context.Background(), p)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), p) {
		t.Errorf("Open in a missing folder = %v; want a not-exist error naming the path", err)
	}
}

func TestOpenRejectsFileURI(t *testing.T) {
	t.Parallel()
	if _, err := Open(context.Background(), "sqlite://file:ward.db"); err == nil {
		t.Error("Open(sqlite://file:…) succeeded")
	}
}

// checkMode checks the permission bits of path.
func checkMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat %s: %v", path, err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s mode = %v, want %v", path, got, want)
	}
}

func TestDefaultPath(t *testing.T) {
	data := t.TempDir()
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		xdg, want string
	}{
		{data, filepath.Join(data, "ward", "ward.db")},
		{"", filepath.Join(home, ".local", "share", "ward", "ward.db")},
		{"relative/data", filepath.Join(home, ".local", "share", "ward", "ward.db")}, // XDG wants absolute
	}
	for _, tt := range tests {
		t.Setenv("XDG_DATA_HOME", tt.xdg)
		got, err := DefaultPath()
		if err != nil || got != tt.want {
			t.Fatalf("DefaultPath() with XDG_DATA_HOME=%q = %q, %v; want %q", tt.xdg, got, err, tt.want)
		}
		checkMode(t, filepath.Dir(got), 0o700)
		checkMode(t, got, 0o600)
	}
	again, err := DefaultPath() // existing folder and file are fine
	if err != nil || again != tests[len(tests)-1].want {
		t.Errorf("DefaultPath() again = %q, %v", again, err)
	}
}
