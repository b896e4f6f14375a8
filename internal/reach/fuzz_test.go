package reach

import (
	"slices"
	"testing"
)

// FuzzParseHead parses arbitrary Go source whole and cut short: no panic,
// and whenever the head alone is taken as enough, it gives the imports
// and build-constraint verdict of the whole file.
func FuzzParseHead(f *testing.F) {
	f.Add("package x\n\nimport (\n\t\"a\"\n\t\"b\"\n)\n\nfunc F() {}\n", uint16(20))
	f.Add("//go:build ignore\n\npackage x\n\nimport \"a\"\nimport \"b\"\n", uint16(40))
	f.Add("package x; import \"a\"; import \"b\"; var v = 1", uint16(24))
	f.Fuzz(func(t *testing.T, src string, cut uint16) {
		whole, _ := parseHead("x.go", []byte(src), true)
		if int(cut) >= len(src) {
			return
		}
		head, ok := parseHead("x.go", []byte(src[:cut]), false)
		if ok && (!slices.Equal(head.imports, whole.imports) || head.ignored != whole.ignored) {
			t.Fatalf("head %q: imports %q ignored %v; whole file: %q %v", src[:cut], head.imports, head.ignored, whole.imports, whole.ignored)
		}
	})
}
