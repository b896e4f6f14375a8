package deps

import (
	"bytes"
	"errors"
	"testing"
)

// miscFuzz runs parse on data and checks what every parser promises: no
// panic, an *Error with a line inside the file or packages with names,
// lines inside the file and DependsOn naming packages of the same result.
func miscFuzz(t *testing.T, parse func(string, []byte) ([]Package, error), eco Ecosystem, data []byte) {
	t.Helper()
	pkgs, err := parse("fuzz.lock", data)
	lines := bytes.Count(data, []byte{'\n'}) + 1
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T %v is not an *Error", err, err)
		}
		if e.Line < 0 || e.Line > lines {
			t.Fatalf("error line %d outside 0..%d: %v", e.Line, lines, err)
		}
		if pkgs != nil {
			t.Fatalf("got %d packages with an error", len(pkgs))
		}
		return
	}
	ids := make(map[string]bool, len(pkgs))
	for i := range pkgs {
		if pkgs[i].ID != "" && ids[pkgs[i].ID] {
			t.Fatalf("ID %q is not unique", pkgs[i].ID)
		}
		ids[pkgs[i].Key()] = true
	}
	for _, p := range pkgs {
		if p.Ecosystem != eco {
			t.Fatalf("package %q: ecosystem %q, want %q", p.Name, p.Ecosystem, eco)
		}
		if p.Name == "" {
			t.Fatalf("package with an empty name: %+v", p)
		}
		if p.Line < 0 || p.Line > lines {
			t.Fatalf("package %q: line %d outside 0..%d", p.Name, p.Line, lines)
		}
		for _, d := range p.DependsOn {
			if !ids[d] {
				t.Fatalf("package %q depends on %q, which is not in the result", p.Name, d)
			}
		}
	}
}

func FuzzParseGoMod(f *testing.F) {
	f.Add([]byte("module m\ngo 1.21\nrequire example.com/a v1.0.0\n"))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parseGoMod, Go, data) })
}

func FuzzParseGoSum(f *testing.F) {
	f.Add([]byte("example.com/a v1.0.0 h1:x=\nexample.com/a v1.0.0/go.mod h1:y=\n"))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parseGoSum, Go, data) })
}

func FuzzParsePom(f *testing.F) {
	f.Add([]byte("<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>"))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parsePom, Maven, data) })
}

func FuzzParseGradleLock(f *testing.F) {
	f.Add([]byte("org.a:b:1.0=compileClasspath\nempty=\n"))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parseGradleLock, Maven, data) })
}

func FuzzParseNuGetLock(f *testing.F) {
	f.Add([]byte(`{"version":1,"dependencies":{"net8.0":{"A":{"type":"Direct","resolved":"1.0.0","dependencies":{"B":"2.0.0"}},"B":{"type":"Transitive","resolved":"2.0.0"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parseNuGetLock, NuGet, data) })
}

func FuzzParsePubspecLock(f *testing.F) {
	f.Add([]byte("packages:\n  a:\n    dependency: \"direct main\"\n    source: hosted\n    version: \"1.0.0\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parsePubspecLock, Pub, data) })
}

func FuzzParseMixLock(f *testing.F) {
	f.Add([]byte(`%{"a": {:hex, :a, "1.0.0", "x", [:mix], [{:b, "~> 1.0", [hex: :b, repo: "hexpm", optional: false]}], "hexpm", "y"}, "b": {:git, "u", "r", []}}`))
	f.Fuzz(func(t *testing.T, data []byte) { miscFuzz(t, parseMixLock, Hex, data) })
}
