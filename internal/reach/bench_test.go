package reach

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLoad walks a module whose 200 dependency packages (10 files
// each, with a license header) form a chain through one cached module.
func BenchmarkLoad(b *testing.B) {
	const pkgs, files = 200, 10
	header := "// Copyright 2026 The Authors. All rights reserved.\n" + strings.Repeat("// License text.\n", 20) + "\n"
	tr := map[string]string{
		"app/go.mod":  goMod("example.com/app", "require example.com/dep v1.0.0"),
		"app/main.go": goFileOf("main", "example.com/dep/p0"),
	}
	for p := range pkgs {
		for f := range files {
			imps := []string{"fmt", "strings"}
			if f == 0 && p+1 < pkgs {
				imps = append(imps, fmt.Sprintf("example.com/dep/p%d", p+1))
			}
			tr[fmt.Sprintf("cache/example.com/dep@v1.0.0/p%d/f%d.go", p, f)] = header + goFileOf(fmt.Sprintf("p%d", p), imps...) + "\nfunc F() {}\n"
		}
	}
	dir := tree(b, tr)
	b.ReportAllocs()
	for b.Loop() {
		g := NewLoader(Options{ModCache: filepath.Join(dir, "cache")}).Load(filepath.Join(dir, "app"))
		if g.Packages != pkgs {
			b.Fatalf("%d packages, want %d (%s)", g.Packages, pkgs, g.Why())
		}
	}
}
