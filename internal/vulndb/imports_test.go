package vulndb

import (
	"slices"
	"testing"
)

// goRec is a Go record for module with the given ecosystem_specific.
func goRec(id, module string, specific any) map[string]any {
	r := rec(id, "Go", module, semverRange(Event{Introduced: "0"}))
	if specific != nil {
		r["affected"].([]any)[0].(map[string]any)["ecosystem_specific"] = specific
	}
	return r
}

// TestImports stores the Go database's imports paths in the index and
// reads them back; what cannot be read whole means the whole module.
func TestImports(t *testing.T) {
	t.Parallel()
	imports := func(paths ...any) map[string]any {
		var list []any
		for _, p := range paths {
			list = append(list, p)
		}
		return map[string]any{"imports": list}
	}
	obj := func(path string) any { return map[string]any{"path": path, "symbols": []string{"F", "G"}} }
	twoEntries := goRec("GO-2", "golang.org/x/net", imports(obj("golang.org/x/net/html")))
	twoEntries["affected"] = append(twoEntries["affected"].([]any), map[string]any{
		"package": map[string]any{"ecosystem": "Go", "name": "golang.org/x/net"},
		"ranges":  semverRange(Event{Introduced: "0.20.0"}),
	})
	dir := buildDB(t, "Go",
		goRec("GO-1", "golang.org/x/crypto", imports(obj("golang.org/x/crypto/openpgp"), obj("golang.org/x/crypto/openpgp/armor"), obj("golang.org/x/crypto/openpgp"))),
		twoEntries,
		goRec("GO-3", "golang.org/x/text", nil),
		goRec("GO-4", "golang.org/x/sys", imports(obj("golang.org/x/sys/unix"), "golang.org/x/sys/windows")),
		goRec("GO-5", "golang.org/x/term", map[string]any{"imports": "golang.org/x/term"}),
		goRec("GO-6", "golang.org/x/tools", imports()),
	)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		module string
		want   []string
	}{
		{"golang.org/x/crypto", []string{"golang.org/x/crypto/openpgp", "golang.org/x/crypto/openpgp/armor"}},
		{"golang.org/x/net", nil},   // a second entry for the module names no package
		{"golang.org/x/text", nil},  // no ecosystem_specific
		{"golang.org/x/sys", nil},   // an entry that is not an object with a path
		{"golang.org/x/term", nil},  // not a list
		{"golang.org/x/tools", nil}, // an empty list
	}
	for _, tt := range tests {
		advs, err := db.Advisories("Go", []string{tt.module})
		if err != nil || len(advs[tt.module]) != 1 {
			t.Fatalf("%s: advisories %v, %v", tt.module, advs, err)
		}
		if got := advs[tt.module][0].Imports("Go", tt.module); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Imports = %q, want %q", tt.module, got, tt.want)
		}
		if got := advs[tt.module][0].Imports("Go", "golang.org/x/other"); got != nil {
			t.Errorf("%s: Imports of another module = %q, want nil", tt.module, got)
		}
	}
}
