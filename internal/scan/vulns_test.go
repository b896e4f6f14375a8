package scan

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/vulndb"
)

func TestFirstLine(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"An issue in Gevent before version 23.9.0 allows a remote attacker to escalate privileges. More text.", "An issue in Gevent before version 23.9.0 allows a remote attacker to escalate privileges"},
		{"First line\nsecond line", "First line"},
		{"Ends with a period.", "Ends with a period"},
	} {
		if got := firstLine(tt.in); got != tt.want {
			t.Errorf("firstLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistinctVersions(t *testing.T) {
	t.Parallel()
	pkgs := []deps.Package{
		{Ecosystem: deps.NPM, Name: "lodash", Version: "4.17.11", Line: 25, Dev: true},
		{Ecosystem: deps.NPM, Name: "lodash", Version: "4.17.11", Line: 9, Direct: true},
		{Ecosystem: deps.NPM, Name: "lodash", Version: "4.17.10", Line: 70, Dev: true},
		{Ecosystem: deps.NPM, Name: "app", Version: "1.0.0", Local: true},
		{Ecosystem: deps.PyPI, Name: "flask", Unpinned: true},
	}
	got := distinctVersions(pkgs)
	if len(got) != 2 {
		t.Fatalf("got %d packages, want 2: %+v", len(got), got)
	}
	if p := got[0]; p.Line != 9 || !p.Direct || p.Dev {
		t.Errorf("merged lodash 4.17.11 = %+v, want line 9, direct, not dev", p)
	}
	if p := got[1]; p.Version != "4.17.10" || !p.Dev {
		t.Errorf("second = %+v, want lodash 4.17.10, dev", p)
	}
}

func TestGoSumFallback(t *testing.T) {
	t.Parallel()
	mod := func(partial bool) deps.Lockfile {
		return deps.Lockfile{Path: "svc/go.mod", Format: "go.mod", Partial: partial,
			Packages: []deps.Package{{Ecosystem: deps.Go, Name: "golang.org/x/net", Version: "v0.1.0"}}}
	}
	sum := deps.Lockfile{Path: "svc/go.sum", Format: "go.sum", Packages: []deps.Package{
		{Ecosystem: deps.Go, Name: "golang.org/x/net", Version: "v0.1.0"},
		{Ecosystem: deps.Go, Name: "golang.org/x/text", Version: "v0.3.0"},
	}}
	if got := goSumFallback([]deps.Lockfile{mod(false), sum}); len(got) != 1 {
		t.Errorf("beside a complete go.mod, go.sum should be dropped: %+v", got)
	}
	got := goSumFallback([]deps.Lockfile{mod(true), sum})
	if len(got) != 2 || len(got[1].Packages) != 1 || got[1].Packages[0].Name != "golang.org/x/text" {
		t.Errorf("beside a pre-1.17 go.mod, go.sum should add only what go.mod lacks: %+v", got)
	}
	if got := goSumFallback([]deps.Lockfile{sum}); len(got) != 1 || len(got[0].Packages) != 2 {
		t.Errorf("a go.sum alone should stand: %+v", got)
	}
}

func TestGroupAdvisories(t *testing.T) {
	t.Parallel()
	mk := func(id string, aliases ...string) *vulndb.Advisory {
		return &vulndb.Advisory{ID: id, Aliases: aliases}
	}
	hits := []*vulndb.Advisory{
		mk("RETIRE-jquery-1", "CVE-2019-11358"),
		mk("GHSA-6c3j-c64m-qhgq", "CVE-2019-11358"),
		mk("GHSA-gxr4-xjj5-5px2", "CVE-2020-11022"),
		mk("NSWG-ECO-1", "GHSA-gxr4-xjj5-5px2"),
	}
	groups := groupAdvisories("npm", hits, [][]string{{"3.4.0"}, {"3.4.0"}, {"3.5.0"}, nil})
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2", len(groups))
	}
	if g := groups[0]; g.primary.ID != "GHSA-6c3j-c64m-qhgq" || !slices.Equal(g.merged(), []string{"RETIRE-jquery-1"}) ||
		!slices.Contains(g.aliases(), "CVE-2019-11358") || !slices.Equal(g.fixed, []string{"3.4.0"}) {
		t.Errorf("first group = %s merged %v aliases %v fixed %v", g.primary.ID, g.merged(), g.aliases(), g.fixed)
	}
	if g := groups[1]; g.primary.ID != "GHSA-gxr4-xjj5-5px2" || !slices.Equal(g.merged(), []string{"NSWG-ECO-1"}) {
		t.Errorf("second group = %s merged %v", g.primary.ID, g.merged())
	}
}

func TestGroupImports(t *testing.T) {
	t.Parallel()
	mod := "golang.org/x/crypto"
	mk := func(id string, imports ...string) *vulndb.Advisory {
		af := vulndb.Affected{Package: vulndb.Pkg{Ecosystem: "Go", Name: mod}}
		if len(imports) > 0 {
			var list []map[string]string
			for _, p := range imports {
				list = append(list, map[string]string{"path": p})
			}
			b, _ := json.Marshal(map[string]any{"ecosystem_specific": map[string]any{"imports": list}})
			if err := json.Unmarshal(b, &af); err != nil {
				t.Fatal(err)
			}
		}
		return &vulndb.Advisory{ID: id, Affected: []vulndb.Affected{af}}
	}
	tests := []struct {
		name    string
		members []*vulndb.Advisory
		want    []string
	}{
		{"Go database names packages", []*vulndb.Advisory{mk("GO-1", mod+"/ssh")}, []string{mod + "/ssh"}},
		{"GHSA alias defers to the Go record", []*vulndb.Advisory{mk("GO-1", mod+"/ssh"), mk("GHSA-x")}, []string{mod + "/ssh"}},
		{"Go record naming none: whole module", []*vulndb.Advisory{mk("GO-1"), mk("TEST-2", mod+"/ssh")}, nil},
		{"no record names packages", []*vulndb.Advisory{mk("GHSA-x")}, nil},
		{"union of the Go records", []*vulndb.Advisory{mk("GO-1", mod+"/ssh"), mk("GO-2", mod+"/ssh", mod+"/acme")}, []string{mod + "/ssh", mod + "/acme"}},
	}
	for _, tt := range tests {
		g := vulnGroup{primary: tt.members[0], members: tt.members}
		if got := g.imports("Go", mod); !slices.Equal(got, tt.want) {
			t.Errorf("%s: imports = %q, want %q", tt.name, got, tt.want)
		}
	}
}
