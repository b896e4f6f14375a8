package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const sampleLog = "\x1eward-commit abc123\x1fAda\x1fada@example.org\x1f2026-01-02T03:04:05Z\x1fadd config\n" +
	"\n" +
	"diff --git a/conf/app.env b/conf/app.env\n" +
	"new file mode 100644\n" +
	"index 0000000..1111111\n" +
	"--- /dev/null\n" +
	"+++ b/conf/app.env\n" +
	"@@ -0,0 +1,2 @@\n" +
	"+A=1\n" +
	"+++B=2\n" +
	"@@ -10,0 +12 @@\n" +
	"+C=3\n" +
	"diff --git a/gone.txt b/gone.txt\n" +
	"deleted file mode 100644\n" +
	"--- a/gone.txt\n" +
	"+++ /dev/null\n" +
	"@@ -1 +0,0 @@\n" +
	"-bye\n" +
	"\x1eward-commit def456\x1fBob\x1fbob@example.org\x1f2026-01-03T00:00:00Z\x1fquoted path\n" +
	"diff --git \"a/caf\\303\\251.txt\" \"b/caf\\303\\251.txt\"\n" +
	"+++ \"b/caf\\303\\251.txt\"\n" +
	"@@ -1 +1 @@\n" +
	"-old\n" +
	"+new\n" +
	"\\ No newline at end of file\n"

func TestDiffParser(t *testing.T) {
	t.Parallel()
	var got []Chunk
	p := &diffParser{maxFile: 1 << 20, emit: func(c Chunk) { got = append(got, c) }}
	if err := p.parse(strings.NewReader(sampleLog)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d chunks, want 2: %+v", len(got), got)
	}
	c := got[0]
	if c.Path != "conf/app.env" || string(c.Data) != "A=1\n++B=2\nC=3\n" {
		t.Errorf("chunk 0 = %q %q", c.Path, c.Data)
	}
	if want := []int{1, 2, 12}; len(c.Lines) != 3 || c.Lines[0] != want[0] || c.Lines[2] != want[2] {
		t.Errorf("lines = %v, want %v", c.Lines, want)
	}
	if c.Commit == nil || c.Commit.SHA != "abc123" || c.Commit.Author != "Ada" || c.Commit.Message != "add config" {
		t.Errorf("commit = %+v", c.Commit)
	}
	if got[1].Path != "café.txt" || got[1].Commit.SHA != "def456" {
		t.Errorf("chunk 1 = %q %+v", got[1].Path, got[1].Commit)
	}
	if p.stats.Commits != 2 {
		t.Errorf("commits = %d", p.stats.Commits)
	}
}

// TestDiffParserContext: context lines (from -U3 in --log-opts or
// interHunkContext) still count toward line numbers.
func TestDiffParserContext(t *testing.T) {
	t.Parallel()
	log := "diff --git a/f b/f\n+++ b/f\n@@ -4,6 +4,7 @@\n ctx4\n ctx5\n-old6\n+new6\n+new7\n ctx8\n@@ -20 +21 @@\n-x\n+line21\n"
	var got []Chunk
	p := &diffParser{maxFile: 1 << 20, emit: func(c Chunk) { got = append(got, c) }}
	if err := p.parse(strings.NewReader(log)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || string(got[0].Data) != "new6\nnew7\nline21\n" {
		t.Fatalf("got %+v", got)
	}
	if l := got[0].Lines; l[0] != 6 || l[1] != 7 || l[2] != 21 {
		t.Errorf("lines = %v, want [6 7 21]", l)
	}
}

func TestWithExcluded(t *testing.T) {
	t.Parallel()
	got := withExcluded([]string{"--all", "--", ".", ":(exclude)docs"}, "^v1")
	if strings.Join(got, " ") != "--all ^v1 -- . :(exclude)docs" {
		t.Errorf("got %q", got)
	}
	if got := withExcluded([]string{"main"}, "^v1"); strings.Join(got, " ") != "main ^v1" {
		t.Errorf("got %q", got)
	}
}

func FuzzDiffParser(f *testing.F) {
	f.Add(sampleLog)
	f.Add("@@ -1 +99999999999999999999 @@\n+x\n")
	f.Add("+++ \"b/\\777\"\n@@ -0,0 +1 @@\n+a\n")
	f.Fuzz(func(t *testing.T, log string) {
		p := &diffParser{maxFile: 1 << 16, emit: func(c Chunk) {
			if len(c.Lines) != bytes.Count(c.Data, []byte("\n")) {
				t.Fatalf("lines %d for %d data lines", len(c.Lines), bytes.Count(c.Data, []byte("\n")))
			}
		}}
		if err := p.parse(strings.NewReader(log)); err != nil {
			t.Fatal(err)
		}
	})
}

func gitRepo(tb testing.TB) string {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	dir := tb.TempDir()
	run := func(args ...string) {
		tb.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", "main")
	// Settings that change diff output must not change what Ward reads.
	run("config", "diff.noprefix", "true")
	run("config", "diff.mnemonicPrefix", "true")
	run("config", "diff.interHunkContext", "5")
	writeTree(tb, dir, map[string]string{"a.txt": "one\ntwo\n"})
	run("add", ".")
	run("commit", "-q", "-m", "first")
	writeTree(tb, dir, map[string]string{"a.txt": "one\ntwo\nthree\n", "b/c.txt": "new file\n"})
	run("add", ".")
	run("commit", "-q", "-m", "second")
	writeTree(tb, dir, map[string]string{"staged.txt": "staged line\n"})
	run("add", "staged.txt")
	return dir
}

func TestHistoryAndStaged(t *testing.T) {
	t.Parallel()
	dir := gitRepo(t)
	var mu sync.Mutex
	seen := map[string]string{}
	h := func(c Chunk) {
		mu.Lock()
		defer mu.Unlock()
		msg := ""
		if c.Commit != nil {
			msg = c.Commit.Message
		}
		seen[c.Path+"@"+msg] = string(c.Data)
		if c.Path == "a.txt" && msg == "second" && (len(c.Lines) != 1 || c.Lines[0] != 3) {
			t.Errorf("a.txt lines = %v, want [3]", c.Lines)
		}
	}
	stats, err := History(context.Background(), dir, GitOptions{}, h)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Commits != 2 || seen["a.txt@first"] != "one\ntwo\n" || seen["a.txt@second"] != "three\n" || seen["b/c.txt@second"] != "new file\n" {
		t.Errorf("history: commits=%d seen=%v", stats.Commits, seen)
	}
	clear(seen)
	if _, err := History(context.Background(), dir, GitOptions{Exclude: []string{"b/"}}, h); err != nil {
		t.Fatal(err)
	}
	if _, ok := seen["b/c.txt@second"]; ok || seen["a.txt@second"] != "three\n" {
		t.Errorf("history with exclude: %v", seen)
	}
	clear(seen)
	if _, err := Staged(context.Background(), dir, GitOptions{}, h); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen["staged.txt@"] != "staged line\n" {
		t.Errorf("staged: %v", seen)
	}
}

func TestHistoryNotRepository(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	_, err := History(context.Background(), dir, GitOptions{}, func(Chunk) {})
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("err = %v, want ErrNotRepository", err)
	}
}
