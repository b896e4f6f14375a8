package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/finding"
)

// GitOptions configures a history or staged scan.
type GitOptions struct {
	// Since limits history to commits not reachable from this revision.
	Since string
	// LogOpts are extra `git log` arguments; when set they replace the
	// default "--all" selection.
	LogOpts []string
	// MaxFileSize bounds the added text of one file in one commit.
	MaxFileSize int64
	// Exclude holds gitignore-style patterns of paths to skip.
	Exclude []string
	// Workers analyze commits in parallel; 0 means GOMAXPROCS.
	Workers int
}

// ErrNotRepository is returned for a path that is not inside a git work tree.
var ErrNotRepository = errors.New("not a git repository")

const commitMark = "\x1eward-commit "

// History reads the lines added by every commit, as `git log -p` shows
// them, and hands each commit's added lines per file to h.
func History(ctx context.Context, root string, opts GitOptions, h Handler) (Stats, error) {
	if err := checkRepo(ctx, root); err != nil {
		return Stats{}, err
	}
	args := append(gitArgs(root, "log"), "-p", "--full-history", "--format="+commitMark+"%H%x1f%an%x1f%ae%x1f%aI%x1f%s")
	revs := opts.LogOpts
	if len(revs) == 0 {
		revs = []string{"--all"}
	}
	if opts.Since != "" {
		revs = withExcluded(revs, "^"+opts.Since)
	}
	return runDiff(ctx, append(args, revs...), opts, h)
}

// Staged reads the lines that `git diff --cached` adds.
func Staged(ctx context.Context, root string, opts GitOptions, h Handler) (Stats, error) {
	if err := checkRepo(ctx, root); err != nil {
		return Stats{}, err
	}
	args := append(gitArgs(root, "diff"), "--cached", "--diff-filter=ACMRT")
	return runDiff(ctx, args, opts, h)
}

// gitArgs starts a git command whose diff output Ward can parse whatever
// the user's git configuration says: no context lines, a/ and b/ prefixes,
// no colour, no external diff or text conversion, no signatures.
func gitArgs(root, command string) []string {
	return []string{"-C", root,
		"-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "diff.relative=false",
		"-c", "log.showSignature=false", "-c", "core.quotePath=true",
		command, "-U0", "--inter-hunk-context=0", "--src-prefix=a/", "--dst-prefix=b/",
		"--no-color", "--no-ext-diff", "--no-textconv"}
}

// withExcluded adds a negative revision before any "--" pathspec marker,
// so --since still applies when --log-opts name paths.
func withExcluded(revs []string, rev string) []string {
	out := make([]string, 0, len(revs)+1)
	for i, r := range revs {
		if r == "--" {
			out = append(out, rev)
			return append(out, revs[i:]...)
		}
		out = append(out, r)
	}
	return append(out, rev)
}

func checkRepo(ctx context.Context, root string) error {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--is-inside-work-tree").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("git is not installed: %w", err)
		}
		return fmt.Errorf("%s: %w", root, ErrNotRepository)
	}
	return nil
}

// runDiff starts git and parses its output as a stream; workers analyze
// chunks while git is still writing.
func runDiff(ctx context.Context, args []string, opts GitOptions, h Handler) (Stats, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return Stats{}, err
	}
	if err := cmd.Start(); err != nil {
		return Stats{}, fmt.Errorf("start git: %w", err)
	}
	chunks := make(chan Chunk, 64)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range chunks {
				h(c)
			}
		}()
	}
	var exclude ignoreStack
	if len(opts.Exclude) > 0 {
		exclude = ignoreStack{parseIgnore("", []byte(joinLines(opts.Exclude)))}
	}
	p := &diffParser{maxFile: opts.MaxFileSize, emit: func(c Chunk) {
		if exclude != nil && excluded(exclude, c.Path) {
			return
		}
		chunks <- c
	}}
	perr := p.parse(out)
	close(chunks)
	wg.Wait()
	if perr != nil {
		cancel()
		_ = cmd.Wait()
		return p.stats, fmt.Errorf("read git output: %w", perr)
	}
	if err := cmd.Wait(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = msg[:500]
		}
		return p.stats, fmt.Errorf("git %s: %v: %s", args[2], err, msg)
	}
	return p.stats, nil
}

// diffParser reads `git log -p -U0` or `git diff -U0` output.
type diffParser struct {
	maxFile int64
	emit    func(Chunk)
	stats   Stats

	commit *finding.Commit
	path   string
	inHunk bool
	next   int // file line number of the next added line
	data   []byte
	lines  []int
	tooBig bool
}

// maxGitLine bounds one line of git output.
const maxGitLine = 64 << 20

func (p *diffParser) parse(r io.Reader) error {
	br := bufio.NewReaderSize(r, 256<<10)
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A very long line: gather it whole, up to a bound.
			long := append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) && len(long) < maxGitLine {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			for errors.Is(err, bufio.ErrBufferFull) { // drop the rest
				_, err = br.ReadSlice('\n')
			}
			line = long
		}
		if len(line) > 0 {
			p.line(bytes.TrimSuffix(line, []byte("\n")))
		}
		if err == io.EOF {
			p.flush()
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (p *diffParser) line(l []byte) {
	switch {
	case p.inHunk && len(l) > 0 && l[0] == '+':
		p.added(l[1:])
	case p.inHunk && len(l) > 0 && l[0] == ' ':
		p.next++ // a context line (with -U set by --log-opts)
	case p.inHunk && len(l) > 0 && (l[0] == '-' || l[0] == '\\'):
		// removed, or "\ No newline at end of file"
	case bytes.HasPrefix(l, []byte(commitMark)):
		p.flush()
		p.newCommit(string(l[len(commitMark):]))
	case bytes.HasPrefix(l, []byte("diff --git ")):
		p.flush()
		p.path, p.inHunk = "", false
	case bytes.HasPrefix(l, []byte("+++ ")):
		p.path = diffPath(string(l[4:]))
	case bytes.HasPrefix(l, []byte("@@ ")):
		p.inHunk = p.path != ""
		p.next = hunkStart(l)
	}
}

func (p *diffParser) newCommit(header string) {
	f := strings.SplitN(header, "\x1f", 5)
	for len(f) < 5 {
		f = append(f, "")
	}
	p.commit = &finding.Commit{SHA: f[0], Author: f[1], Email: f[2], Date: f[3], Message: f[4]}
	p.stats.Commits++
}

func (p *diffParser) added(text []byte) {
	if p.tooBig {
		return
	}
	if int64(len(p.data)+len(text)) > p.maxFile {
		p.tooBig = true
		return
	}
	p.data = append(p.data, text...)
	p.data = append(p.data, '\n')
	p.lines = append(p.lines, p.next)
	p.next++
}

// flush emits the added lines gathered for the current file.
func (p *diffParser) flush() {
	defer func() { p.data, p.lines, p.tooBig, p.inHunk = nil, nil, false, false }()
	if p.path == "" {
		return
	}
	if p.tooBig {
		where := p.path
		if p.commit != nil {
			where += "@" + p.commit.SHA[:min(12, len(p.commit.SHA))]
		}
		p.stats.Skipped = append(p.stats.Skipped, Skipped{Path: where, Reason: "added text larger than --max-file-size"})
		return
	}
	if len(p.data) == 0 {
		return
	}
	if isBinary(p.data) {
		p.stats.Binary++
		return
	}
	p.stats.Files++
	p.stats.Bytes += int64(len(p.data))
	p.emit(Chunk{Path: p.path, Data: p.data, Lines: p.lines, Commit: p.commit})
}

// diffPath reads the path from a "+++ b/path" header; /dev/null (a
// deletion) gives "".
func diffPath(s string) string {
	s = strings.TrimSuffix(s, "\t")
	if s == "/dev/null" {
		return ""
	}
	if strings.HasPrefix(s, `"`) {
		if u, err := unquoteC(s); err == nil {
			s = u
		}
	}
	return strings.TrimPrefix(s, "b/")
}

// unquoteC undoes git's C-style path quoting ("a\303\251.txt").
func unquoteC(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", errors.New("not quoted")
	}
	s = s[1 : len(s)-1]
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case '"', '\\':
			b = append(b, c)
		default:
			if c >= '0' && c <= '7' && i+2 < len(s) {
				if v, err := strconv.ParseUint(s[i:i+3], 8, 8); err == nil {
					b = append(b, byte(v))
					i += 2
					continue
				}
			}
			b = append(b, '\\', c)
		}
	}
	return string(b), nil
}

// hunkStart reads c from "@@ -a,b +c,d @@".
func hunkStart(l []byte) int {
	i := bytes.Index(l, []byte(" +"))
	if i < 0 {
		return 1
	}
	n := 0
	for _, c := range l[i+2:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
		if n > 1<<30 {
			return 1
		}
	}
	return max(n, 1)
}

// excluded reports whether a path or any of its parent folders matches.
func excluded(st ignoreStack, path string) bool {
	for p := path; p != "." && p != ""; p = pathDir(p) {
		if st.ignored(p, p != path) {
			return true
		}
	}
	return false
}

func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
