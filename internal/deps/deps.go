// Package deps reads lockfiles and manifests into the packages a project
// actually installs: one file per format, each a pure function from the
// file's bytes to its packages, with the line where each is declared.
//
// It imports only the standard library, the YAML/TOML decoders and finding
// (for errors); matching against advisories lives in vulndb.
package deps

import (
	"fmt"
	"strconv"

	"github.com/wardsec/ward/internal/finding"
)

// Ecosystem is an OSV ecosystem name, spelled as OSV spells it.
type Ecosystem string

// Ecosystems Ward reads lockfiles for.
const (
	NPM       Ecosystem = "npm"
	PyPI      Ecosystem = "PyPI"
	Go        Ecosystem = "Go"
	Crates    Ecosystem = "crates.io"
	RubyGems  Ecosystem = "RubyGems"
	Packagist Ecosystem = "Packagist"
	Maven     Ecosystem = "Maven"
	NuGet     Ecosystem = "NuGet"
	Pub       Ecosystem = "Pub"
	Hex       Ecosystem = "Hex"
)

// Package is one installed (or declared) package.
type Package struct {
	Ecosystem Ecosystem
	// Name as the ecosystem spells it in the lockfile (Maven: group:artifact).
	Name    string
	Version string
	// Line is the 1-based line where the package is declared; 0 if unknown.
	Line int
	// Direct is true when the project itself depends on the package.
	Direct bool
	// Dev and Optional record the dependency's scope.
	Dev      bool
	Optional bool
	// Local marks workspace members and file:, link:, path and git
	// packages: they are listed in SBOMs but never matched against public
	// advisories.
	Local bool
	// Unpinned marks a requirement that names a range rather than one
	// version (requirements.txt "flask>=2"); Version is then empty or the
	// lower bound and the package is not matched.
	Unpinned bool
	// ID identifies the package within its lockfile for DependsOn; when a
	// parser leaves it empty it is Name@Version.
	ID string
	// DependsOn lists the IDs of the packages this one depends on, where
	// the lockfile records a graph.
	DependsOn []string
}

// Key returns the package's ID, or Name@Version when the parser set none.
func (p *Package) Key() string {
	if p.ID != "" {
		return p.ID
	}
	return p.Name + "@" + p.Version
}

// Lockfile is what one parsed file holds.
type Lockfile struct {
	Path     string
	Format   string
	Packages []Package
	// Partial is set for a go.mod older than Go 1.17, which lists only
	// direct requirements; go.sum beside it then fills in the rest.
	Partial bool
	// Includes lists the files a requirements file pulls in with -r,
	// slash-separated and relative to the scan root (resolved against the
	// including file's folder; ones that would leave the root are dropped).
	Includes []string
}

// maxFileSize bounds a lockfile Ward will parse.
const maxFileSize = 256 << 20

// maxDepth bounds nesting in JSON and YAML lockfiles.
const maxDepth = 128

// Error is a problem in one lockfile, with the line when it is known.
type Error = finding.SourceError

// errorf returns an *Error for path at line.
func errorf(path string, line int, format string, args ...any) error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// excerptLen is how much of an input an error message quotes.
const excerptLen = 12

// excerpt quotes input for an error message, cut short: lockfiles and
// SBOMs can hold credentials (a token in a URL, a password on a stray
// line), and errors end up in logs and reports. Short tokens are quoted
// whole; longer ones show their first characters and their length.
func excerpt(s string) string {
	r := []rune(s)
	if len(r) <= excerptLen {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(r[:excerptLen/2])) + fmt.Sprintf("…(%d chars)", len(r))
}
