package deps

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Helpers the lockfile parser tests, benchmarks and fuzz targets share.

// parseFunc is the signature of every lockfile parser.
type parseFunc func(path string, data []byte) ([]Package, error)

// expectPkg is the part of a Package the lockfile table tests compare.
type expectPkg struct {
	name, version string
	line          int
	// flags spells Direct, Dev, Optional, Local and Unpinned as the letters
	// "d", "v", "o", "l" and "u", in that order ("" for none).
	flags string
}

func (e expectPkg) String() string {
	return fmt.Sprintf("%s@%s line %d [%s]", e.name, e.version, e.line, e.flags)
}

func expectOf(p Package) expectPkg {
	var f strings.Builder
	for _, b := range []struct {
		set bool
		c   byte
	}{{p.Direct, 'd'}, {p.Dev, 'v'}, {p.Optional, 'o'}, {p.Local, 'l'}, {p.Unpinned, 'u'}} {
		if b.set {
			f.WriteByte(b.c)
		}
	}
	return expectPkg{name: p.Name, version: p.Version, line: p.Line, flags: f.String()}
}

// readFixture reads the file under testdata that elem names.
func readFixture(t testing.TB, elem ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mustParse runs parse on data as path and stops the test on an error.
func mustParse(t testing.TB, parse parseFunc, path string, data []byte) []Package {
	t.Helper()
	pkgs, err := parse(path, data)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return pkgs
}

// checkPackages checks got against want, in order, and that every package
// has the ecosystem eco.
func checkPackages(t testing.TB, got []Package, eco Ecosystem, want []expectPkg) {
	t.Helper()
	for _, p := range got {
		if p.Ecosystem != eco {
			t.Errorf("%s: ecosystem %q, want %q", p.Name, p.Ecosystem, eco)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d packages, want %d", len(got), len(want))
	}
	for i := range max(len(got), len(want)) {
		var g, w expectPkg
		if i < len(got) {
			g = expectOf(got[i])
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("package %d:\n got %v\nwant %v", i, g, w)
		}
	}
}

// checkParseError runs parse on in as path and checks that it fails with
// an *Error for path at line wantLine, and returns no packages.
func checkParseError(t testing.TB, parse parseFunc, path, in string, wantLine int) {
	t.Helper()
	got, err := parse(path, []byte(in))
	if err == nil {
		t.Fatalf("got %d packages and no error, want an error at line %d", len(got), wantLine)
	}
	if got != nil {
		t.Errorf("got %d packages with the error, want none", len(got))
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v (%T), want an *Error", err, err)
	}
	if e.Path != path || e.Line != wantLine {
		t.Errorf("got error at %s:%d (%v), want %s:%d", e.Path, e.Line, err, path, wantLine)
	}
}

// dependsOn returns the DependsOn of the package whose ID is id.
func dependsOn(t testing.TB, pkgs []Package, id string) []string {
	t.Helper()
	for _, p := range pkgs {
		if p.Key() == id {
			return p.DependsOn
		}
	}
	t.Fatalf("no package with ID %q", id)
	return nil
}

// checkEdges checks the DependsOn of each package edges names by ID.
func checkEdges(t testing.TB, pkgs []Package, edges map[string][]string) {
	t.Helper()
	for id, want := range edges {
		if got := dependsOn(t, pkgs, id); !slices.Equal(got, want) {
			t.Errorf("%s depends on %q, want %q", id, got, want)
		}
	}
}

// checkGraph checks that every DependsOn entry names a package of pkgs and
// that IDs are unique.
func checkGraph(t testing.TB, pkgs []Package) {
	t.Helper()
	ids := map[string]bool{}
	for _, p := range pkgs {
		if ids[p.Key()] {
			t.Errorf("duplicate ID %q", p.Key())
		}
		ids[p.Key()] = true
	}
	for _, p := range pkgs {
		for _, d := range p.DependsOn {
			if !ids[d] {
				t.Errorf("%s depends on %q, which is not in the result", p.Key(), d)
			}
		}
	}
}

// lockCase is one case of a lockfile parser's table test.
type lockCase struct {
	name  string              // the subtest's; file when empty
	file  string              // the lockfile, under the runner's testdata folder; or
	in    string              // the lockfile's text, when file is empty
	path  string              // the name the parser gets, when not the runner's
	want  []expectPkg         // every package, in order
	edges map[string][]string // the DependsOn of some packages, by ID
}

// runLockCases runs each case as a parallel subtest: parse reads the
// case's lockfile (a file under testdata/dir, or its text), named path
// (when the case names none; the file's name when path is "" too), and
// must return the wanted packages, of ecosystem eco, with unique IDs, a
// closed graph and the case's edges.
func runLockCases(t *testing.T, parse parseFunc, eco Ecosystem, dir, path string, tests []lockCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(cmp.Or(tt.name, tt.file), func(t *testing.T) {
			t.Parallel()
			data := []byte(tt.in)
			if tt.file != "" {
				data = readFixture(t, dir, tt.file)
			}
			got := mustParse(t, parse, cmp.Or(tt.path, path, tt.file), data)
			checkPackages(t, got, eco, tt.want)
			checkGraph(t, got)
			checkEdges(t, got, tt.edges)
		})
	}
}

// benchParse measures parse reading data as path.
func benchParse(b *testing.B, parse parseFunc, path string, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(path, data); err != nil {
			b.Fatal(err)
		}
	}
}

// maxSeed bounds the fixture prefix a fuzz seed takes: the fuzzer
// minimises every new input it keeps, and minimising a many-kilobyte
// lockfile takes it longer than a whole fuzzing run.
const maxSeed = 1 << 9

// addFixtures seeds f with the start of every file in testdata/dir, cut at
// a line end.
func addFixtures(f *testing.F, dir string) {
	f.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", dir))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata", dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > maxSeed {
			data = data[:bytes.LastIndexByte(data[:maxSeed], '\n')+1]
		}
		f.Add(data)
	}
}

// fuzzParser fuzzes parse, failing on any input that breaks
// parsePromises for ecosystem eco.
func fuzzParser(f *testing.F, parse parseFunc, eco Ecosystem) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, broken := parsePromises(parse, "fuzz.lock", data, eco); broken != "" {
			t.Fatal(broken)
		}
	})
}

// parsePromises runs parse on data as path and says which promise every
// parser makes the result breaks, or "" (with the packages) when it
// breaks none: no panic; on failure an *Error for path at a line inside
// data and no packages; otherwise named packages of ecosystem eco (of an
// ecosystem purls know when eco is "") at lines inside data, with unique
// keys and DependsOn naming packages of the result.
func parsePromises(parse parseFunc, path string, data []byte, eco Ecosystem) ([]Package, string) {
	lines := bytes.Count(data, []byte{'\n'}) + 1
	pkgs, err := parse(path, data)
	if err != nil {
		var e *Error
		switch {
		case pkgs != nil:
			return nil, fmt.Sprintf("got %d packages with error %v", len(pkgs), err)
		case !errors.As(err, &e):
			return nil, fmt.Sprintf("error %v is a %T, want an *Error", err, err)
		case e.Path != path || e.Line < 0 || e.Line > lines:
			return nil, fmt.Sprintf("error %v names %s:%d, outside the %d-line input %s", err, e.Path, e.Line, lines, path)
		}
		return nil, ""
	}
	keys := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		_, known := purlTypes[p.Ecosystem]
		switch {
		case eco != "" && p.Ecosystem != eco:
			return nil, fmt.Sprintf("%s: ecosystem %q, want %q", p.Name, p.Ecosystem, eco)
		case eco == "" && !known:
			return nil, fmt.Sprintf("%s: unknown ecosystem %q", p.Name, p.Ecosystem)
		case p.Name == "":
			return nil, fmt.Sprintf("package without a name at line %d", p.Line)
		case p.Line < 0 || p.Line > lines:
			return nil, fmt.Sprintf("%s at line %d, outside the %d-line input", p.Name, p.Line, lines)
		case keys[p.Key()]:
			return nil, fmt.Sprintf("duplicate key %q", p.Key())
		}
		keys[p.Key()] = true
	}
	for _, p := range pkgs {
		for _, d := range p.DependsOn {
			if !keys[d] {
				return nil, fmt.Sprintf("%s depends on %q, which is not in the result", p.Key(), d)
			}
		}
	}
	return pkgs, ""
}
