// Package source turns what the user points Ward at into chunks of bytes
// for the analyzers: a file tree (walked in parallel, .gitignore and
// .wardignore aware, bounded in file size, binary files skipped), standard
// input, the lines staged in git, or the lines added by every commit of a
// git history (read from `git log -p` as a stream).
//
// It never interprets content and never follows a symbolic link.
package source

import "github.com/wardsec/ward/internal/finding"

// Chunk is one piece of text to analyze.
type Chunk struct {
	// Path is slash-separated and relative to the scan root.
	Path string
	// Data is the text. For history and staged changes it holds only the
	// added lines, joined by newlines.
	Data []byte
	// Lines maps the 1-based line numbers of Data to the file's own line
	// numbers; nil means they are the same.
	Lines []int
	// Commit is set for chunks from git history.
	Commit *finding.Commit
}

// FileLine returns the file's line number for line n of Data.
func (c *Chunk) FileLine(n int) int {
	if c.Lines == nil || n < 1 || n > len(c.Lines) {
		return n
	}
	return c.Lines[n-1]
}

// Skipped is a file left out of the scan, with the reason.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Stats counts what a source produced.
type Stats struct {
	Files   int       `json:"files"`
	Bytes   int64     `json:"bytes"`
	Commits int       `json:"commits,omitempty"`
	Binary  int       `json:"binary_skipped"`
	Ignored int       `json:"ignored"`
	Skipped []Skipped `json:"skipped,omitempty"`
}
