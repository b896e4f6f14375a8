package source

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func writeTree(tb testing.TB, root string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func walkPaths(tb testing.TB, root string, opts WalkOptions) ([]string, Stats) {
	tb.Helper()
	var mu sync.Mutex
	var got []string
	stats, err := Walk(context.Background(), root, opts, func(c Chunk) {
		mu.Lock()
		got = append(got, c.Path)
		mu.Unlock()
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(got)
	return got, stats
}

func TestWalk(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a.txt":               "hello",
		".gitignore":          "*.log\nvendor/\n",
		"debug.log":           "x",
		"vendor/x.go":         "package x",
		"src/main.go":         "package main",
		"src/.gitignore":      "gen.go\n",
		"src/gen.go":          "package main",
		".wardignore":         "fixtures/\n",
		"fixtures/f.txt":      "ignored by wardignore",
		"bin/blob":            "abc\x00def",
		"big.txt":             strings.Repeat("x", 2048),
		".git/config":         "[core]",
		"deep/a/b/c/d/e.yaml": "k: v",
	})
	if err := os.Symlink("/etc", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	got, stats := walkPaths(t, root, WalkOptions{MaxFileSize: 1024})
	want := []string{".gitignore", ".wardignore", "a.txt", "deep/a/b/c/d/e.yaml", "src/.gitignore", "src/main.go"}
	if !slices.Equal(got, want) {
		t.Errorf("walked %v\nwant %v", got, want)
	}
	if stats.Binary != 1 {
		t.Errorf("binary skipped = %d, want 1", stats.Binary)
	}
	if len(stats.Skipped) != 1 || stats.Skipped[0].Path != "big.txt" {
		t.Errorf("skipped = %+v, want big.txt for size", stats.Skipped)
	}

	got, _ = walkPaths(t, root, WalkOptions{MaxFileSize: 1024, NoIgnore: true, Exclude: []string{"deep/"}})
	if !slices.Contains(got, "debug.log") || slices.Contains(got, "fixtures/f.txt") || slices.Contains(got, "deep/a/b/c/d/e.yaml") {
		t.Errorf("NoIgnore+Exclude walked %v", got)
	}
}

func TestWalkSingleFile(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{"one.env": "A=1"})
	got, _ := walkPaths(t, filepath.Join(root, "one.env"), WalkOptions{})
	if !slices.Equal(got, []string{"one.env"}) {
		t.Errorf("got %v", got)
	}
}

func TestWalkUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	root := t.TempDir()
	writeTree(t, root, map[string]string{"secret.txt": "x"})
	os.Chmod(filepath.Join(root, "secret.txt"), 0)
	_, stats := walkPaths(t, root, WalkOptions{})
	if len(stats.Skipped) != 1 {
		t.Errorf("skipped = %+v", stats.Skipped)
	}
}
