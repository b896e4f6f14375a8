package reach

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree writes files (slash-separated paths) under a new folder.
func tree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func goMod(module string, lines ...string) string {
	return "module " + module + "\n\ngo 1.22\n\n" + strings.Join(lines, "\n") + "\n"
}

func goFileOf(pkg string, imports ...string) string {
	s := "package " + pkg + "\n\n"
	for _, imp := range imports {
		s += "import _ \"" + imp + "\"\n"
	}
	return s
}

// cacheFiles is a module cache with example.com/v (packages bad and good)
// and example.com/fork, a copy of it.
var cacheFiles = map[string]string{
	"cache/example.com/v@v1.0.0/go.mod":                    goMod("example.com/v"),
	"cache/example.com/v@v1.0.0/bad/bad.go":                goFileOf("bad"),
	"cache/example.com/v@v1.0.0/good/good.go":              goFileOf("good", "fmt"),
	"cache/example.com/fork@v1.0.1/bad/bad.go":             goFileOf("bad"),
	"cache/example.com/fork@v1.0.1/good/good.go":           goFileOf("good"),
	"cache/example.com/uses@v1.0.0/uses.go":                goFileOf("uses", "example.com/v/bad"),
	"cache/cache/download/example.com/tidy/@v/v1.0.0.mod":  goMod("example.com/tidy", "require example.com/other v1.0.0"),
	"cache/cache/download/example.com/other/@v/v1.0.0.mod": goMod("example.com/other"),
	"cache/cache/download/example.com/old/@v/v1.0.0.mod":   "module example.com/old\n\ngo 1.16\n",
}

func with(base map[string]string, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

func TestCheck(t *testing.T) {
	t.Parallel()
	bad := []string{"example.com/v/bad"}
	tests := []struct {
		name  string
		files map[string]string
		mod   string
		pkgs  []string
		want  Verdict
		why   string // part of the detail, for Unknown
	}{
		{
			name: "imported directly",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require example.com/v v1.0.0"),
				"app/main.go": goFileOf("main", "example.com/v/bad"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "imported through a dependency",
			files: map[string]string{
				"app/go.mod":        goMod("example.com/app", "require (\n\texample.com/uses v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/cmd/x/main.go": goFileOf("main", "example.com/uses"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "not imported",
			files: map[string]string{
				"app/go.mod":        goMod("example.com/app", "require example.com/v v1.0.0"),
				"app/main.go":       goFileOf("main", "example.com/v/good", "os"),
				"app/gen.go":        "//go:build ignore\n\n" + goFileOf("main", "example.com/v/bad"),
				"app/old.go":        "// +build ignore\n\n" + goFileOf("main", "example.com/v/bad"),
				"app/testdata/x.go": goFileOf("x", "example.com/v/bad"),
				"app/_tools/x.go":   goFileOf("x", "example.com/v/bad"),
				"app/.hidden/x.go":  goFileOf("x", "example.com/v/bad"),
				"app/nested/go.mod": goMod("example.com/app/nested", "require example.com/v v1.0.0"),
				"app/nested/x.go":   goFileOf("x", "example.com/v/bad"),
				"app/gone/x.go":     goFileOf("x", "example.com/notrequired/pkg"),
			},
			mod: "example.com/v", pkgs: bad, want: NotImported,
		},
		{
			name: "imported by a test or under a build tag",
			files: map[string]string{
				"app/go.mod":       goMod("example.com/app", "require example.com/v v1.0.0"),
				"app/main.go":      goFileOf("main"),
				"app/x_windows.go": "//go:build windows && !linux\n\n" + goFileOf("main"),
				"app/main_test.go": "//go:build !ignore\n\n" + goFileOf("main", "example.com/v/bad"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "module replaced by another module",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require example.com/v v1.0.0", "replace example.com/v => example.com/fork v1.0.1"),
				"app/main.go": goFileOf("main", "example.com/v/bad"),
			},
			mod: "example.com/fork", pkgs: []string{"example.com/fork/bad"}, want: Imported,
		},
		{
			name: "module replaced by a folder",
			files: map[string]string{
				"app/go.mod":     goMod("example.com/app", "require (\n\texample.com/lib v0.0.0\n\texample.com/v v1.0.0\n)", "replace example.com/lib => ../lib"),
				"app/main.go":    goFileOf("main", "example.com/lib/sub"),
				"lib/sub/sub.go": goFileOf("sub", "example.com/v/bad"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "module path without a dot",
			files: map[string]string{
				"app/go.mod":       goMod("app", "require (\n\tmylib v0.0.0\n\texample.com/v v1.0.0\n)", "replace mylib => ./mylib"),
				"app/main.go":      goFileOf("main", "mylib/x", "app/internal/y"),
				"app/mylib/x/x.go": goFileOf("x", "example.com/v/bad"),
				"app/mylib/go.mod": goMod("mylib"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "vendored",
			files: map[string]string{
				"app/go.mod":                          goMod("example.com/app", "require (\n\texample.com/gone v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/main.go":                         goFileOf("main", "example.com/gone/x"),
				"app/vendor/modules.txt":              "# example.com/gone v1.0.0\n",
				"app/vendor/example.com/gone/x/x.go":  goFileOf("x", "example.com/v/bad"),
				"app/vendor/example.com/v/bad/bad.go": goFileOf("bad"),
			},
			mod: "example.com/v", pkgs: bad, want: Imported,
		},
		{
			name: "missing module whose go.mod cannot lead to it",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require (\n\texample.com/tidy v1.0.0\n\texample.com/other v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/main.go": goFileOf("main", "example.com/tidy", "example.com/v/good"),
			},
			mod: "example.com/v", pkgs: bad, want: NotImported,
		},
		{
			name: "missing module that may lead to it",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require (\n\texample.com/tidy v1.0.0\n\texample.com/other v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/main.go": goFileOf("main", "example.com/tidy"),
			},
			mod: "example.com/other", pkgs: []string{"example.com/other/p"}, want: Unknown, why: "example.com/tidy not in the module cache",
		},
		{
			name: "missing module before Go 1.17",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require (\n\texample.com/old v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/main.go": goFileOf("main", "example.com/old"),
			},
			mod: "example.com/v", pkgs: bad, want: Unknown, why: "predates Go 1.17",
		},
		{
			name: "missing module without a go.mod",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app", "require (\n\texample.com/nowhere v1.0.0\n\texample.com/v v1.0.0\n)"),
				"app/main.go": goFileOf("main", "example.com/nowhere/x"),
			},
			mod: "example.com/v", pkgs: bad, want: Unknown, why: "not on disk",
		},
		{
			name: "go.mod before Go 1.17",
			files: map[string]string{
				"app/go.mod":  "module example.com/app\n\ngo 1.16\n\nrequire example.com/v v1.0.0\n",
				"app/main.go": goFileOf("main"),
			},
			mod: "example.com/v", pkgs: bad, want: Unknown, why: "before 1.17",
		},
		{
			name: "workspace",
			files: map[string]string{
				"go.work":     "go 1.22\n\nuse ./app\n",
				"app/go.mod":  goMod("example.com/app", "require example.com/v v1.0.0"),
				"app/main.go": goFileOf("main", "example.com/elsewhere/x"),
			},
			mod: "example.com/v", pkgs: bad, want: Unknown, why: "go.work",
		},
		{
			name: "standard library",
			files: map[string]string{
				"app/go.mod":  goMod("example.com/app"),
				"app/main.go": goFileOf("main", "net/http"),
			},
			mod: "stdlib", pkgs: []string{"net/http"}, want: Unknown, why: "not a package of stdlib",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := tree(t, with(cacheFiles, tt.files))
			g := NewLoader(Options{ModCache: filepath.Join(dir, "cache")}).Load(filepath.Join(dir, "app"))
			got, detail := g.Check(tt.mod, tt.pkgs)
			if got != tt.want || !strings.Contains(detail, tt.why) {
				t.Errorf("Check = %v, %q; want %v (%q)", got, detail, tt.want, tt.why)
			}
		})
	}
}

func TestBounds(t *testing.T) {
	t.Parallel()
	dir := tree(t, with(cacheFiles, map[string]string{
		"app/go.mod":  goMod("example.com/app", "require example.com/v v1.0.0"),
		"app/main.go": goFileOf("main", "example.com/v/good"),
		"app/b.go":    goFileOf("main"),
	}))
	for _, o := range []Options{{MaxFiles: 1}, {MaxFiles: 2}, {MaxBytes: 10}} {
		o.ModCache = filepath.Join(dir, "cache")
		g := NewLoader(o).Load(filepath.Join(dir, "app"))
		if got, why := g.Check("example.com/v", []string{"example.com/v/bad"}); got != Unknown || !strings.Contains(why, "stopped") {
			t.Errorf("%+v: Check = %v, %q; want Unknown, stopped", o, got, why)
		}
	}
	g := NewLoader(Options{ModCache: filepath.Join(dir, "cache"), MaxFiles: 3}).Load(filepath.Join(dir, "app"))
	if got, why := g.Check("example.com/v", []string{"example.com/v/bad"}); got != NotImported {
		t.Errorf("3 files allowed, 3 read: Check = %v, %q; want NotImported", got, why)
	}
}

// TestLoadOnce: a go.mod is walked once per Loader, and folders read for
// one module are not read again for another.
func TestLoadOnce(t *testing.T) {
	t.Parallel()
	dir := tree(t, with(cacheFiles, map[string]string{
		"a/go.mod":  goMod("example.com/a", "require example.com/v v1.0.0"),
		"a/main.go": goFileOf("main", "example.com/v/good"),
		"b/go.mod":  goMod("example.com/b", "require example.com/v v1.0.0"),
		"b/main.go": goFileOf("main", "example.com/v/good"),
	}))
	l := NewLoader(Options{ModCache: filepath.Join(dir, "cache")})
	a := l.Load(filepath.Join(dir, "a"))
	if again := l.Load(filepath.Join(dir, "a", ".")); again != a {
		t.Error("the same go.mod was walked twice")
	}
	if err := os.RemoveAll(filepath.Join(dir, "cache", "example.com", "v@v1.0.0", "good")); err != nil {
		t.Fatal(err)
	}
	b := l.Load(filepath.Join(dir, "b"))
	if b.Packages != 1 || b.Why() != "" {
		t.Errorf("b: %d packages, why %q; want example.com/v/good from the first walk", b.Packages, b.Why())
	}
}

func TestIgnored(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"//go:build ignore", true},
		{"//go:build linux", false},
		{"//go:build !linux", false},
		{"//go:build linux && !linux", false}, // as go mod tidy reads it
		{"//go:build !ignore && ignore", true},
		{"//go:build ignore || linux", false},
		{"//go:build !ignore", false},
		{"//go:build ignore && linux", true},
		{"// +build ignore", true},
		{"// +build linux darwin", false},
		{"//go:build linux\n// +build ignore", false}, // //go:build wins
		{"// Package x.\n//go:build ignore", true},
	}
	for _, tt := range tests {
		src := tt.header + "\n\npackage x\n\nimport \"example.com/y\"\n"
		gf, ok := parseHead("x.go", []byte(src), true)
		if !ok || gf.ignored != tt.want || len(gf.imports) != 1 {
			t.Errorf("%q: ignored = %v (ok %v, imports %v), want %v", tt.header, gf.ignored, ok, gf.imports, tt.want)
		}
	}
}

// TestReadGoFileLongHead reads files whose imports end past the first
// read: a long generated comment line, and imports across the boundary.
func TestReadGoFileLongHead(t *testing.T) {
	t.Parallel()
	long := "// Code generated by " + strings.Repeat("x", 40<<10) + "\n\npackage x\n\nimport \"example.com/a\"\n\nfunc F() {}\n"
	var across strings.Builder
	across.WriteString("package x\n\nimport (\n")
	for i := 0; across.Len() < headSize+200; i++ {
		across.WriteString("\t_ \"example.com/pkg" + strings.Repeat("z", 40) + "\"\n")
	}
	across.WriteString("\t_ \"example.com/last\"\n)\n\nfunc F() {}\n")
	dir := tree(t, map[string]string{"long.go": long, "across.go": across.String()})
	for name, last := range map[string]string{"long.go": "example.com/a", "across.go": "example.com/last"} {
		gf, _, err := readGoFile(filepath.Join(dir, name), nil)
		if err != nil || len(gf.imports) == 0 || gf.imports[len(gf.imports)-1] != last {
			t.Errorf("%s: imports end %v, err %v; want last %s", name, gf.imports[max(0, len(gf.imports)-1):], err, last)
		}
	}
}
