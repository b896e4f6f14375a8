package deps

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// lockFuzz runs parse on data and checks what holds for any input: no
// panic, an *Error naming the file and a line inside it and no packages on
// failure, and otherwise named packages of ecosystem eco at lines inside
// the file, with unique keys and a closed dependency graph.
func lockFuzz(t *testing.T, parse parseFunc, eco Ecosystem, data []byte) {
	t.Helper()
	lines := bytes.Count(data, []byte{'\n'}) + 1
	pkgs, err := parse("fuzz.lock", data)
	if err != nil {
		var e *Error
		switch {
		case pkgs != nil:
			t.Fatalf("got %d packages with error %v", len(pkgs), err)
		case !errors.As(err, &e):
			t.Fatalf("error %v is a %T, want an *Error", err, err)
		case e.Path != "fuzz.lock" || e.Line < 0 || e.Line > lines:
			t.Fatalf("error %v names %s:%d, outside the %d-line input", err, e.Path, e.Line, lines)
		}
		return
	}
	keys := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		switch {
		case p.Ecosystem != eco:
			t.Fatalf("%s: ecosystem %q, want %q", p.Name, p.Ecosystem, eco)
		case p.Name == "":
			t.Fatalf("package without a name at line %d", p.Line)
		case p.Line < 0 || p.Line > lines:
			t.Fatalf("%s at line %d, outside the %d-line input", p.Name, p.Line, lines)
		case keys[p.Key()]:
			t.Fatalf("duplicate key %q", p.Key())
		}
		keys[p.Key()] = true
	}
	for _, p := range pkgs {
		for _, d := range p.DependsOn {
			if !keys[d] {
				t.Fatalf("%s depends on %q, which is not in the result", p.Key(), d)
			}
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

func FuzzParseRequirements(f *testing.F) {
	addFixtures(f, "requirements")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parseRequirements, PyPI, data) })
}

func FuzzParsePipfileLock(f *testing.F) {
	addFixtures(f, "pipfile")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parsePipfileLock, PyPI, data) })
}

func FuzzParsePoetryLock(f *testing.F) {
	addFixtures(f, "poetry")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parsePoetryLock, PyPI, data) })
}

func FuzzParseUvLock(f *testing.F) {
	addFixtures(f, "uv")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parseUvLock, PyPI, data) })
}

func FuzzParsePylock(f *testing.F) {
	addFixtures(f, "pylock")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parsePylock, PyPI, data) })
}
