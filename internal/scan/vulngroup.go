package scan

import (
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/vulndb"
)

// vulnGroup is one vulnerability as several databases report it:
// advisories of a package that share an id or an alias (GHSA-x and
// RETIRE-jquery-1 both about CVE-2019-11358) make one finding.
type vulnGroup struct {
	primary *vulndb.Advisory
	members []*vulndb.Advisory // primary first
	fixed   []string
}

// groupAdvisories joins advisories that name each other or a common
// alias; fixed[i] are the fixes of hits[i] for the package's version.
func groupAdvisories(eco string, hits []*vulndb.Advisory, fixed [][]string) []vulnGroup {
	parent := make([]int, len(hits))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	for i, a := range hits {
		for _, id := range append([]string{a.ID}, a.Aliases...) {
			if j, ok := owner[id]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[id] = i
			}
		}
	}
	byRoot := map[int]*vulnGroup{}
	var order []int
	for i, a := range hits {
		r := find(i)
		g := byRoot[r]
		if g == nil {
			g = &vulnGroup{}
			byRoot[r] = g
			order = append(order, r)
		}
		g.members = append(g.members, a)
		g.fixed = append(g.fixed, fixed[i]...)
	}
	out := make([]vulnGroup, 0, len(order))
	for _, r := range order {
		g := byRoot[r]
		slices.SortStableFunc(g.members, func(a, b *vulndb.Advisory) int { return idRank(a.ID) - idRank(b.ID) })
		g.primary = g.members[0]
		g.fixed = vulndb.SortVersions(eco, g.fixed)
		out = append(out, *g)
	}
	return out
}

// idRank prefers the reviewed, widely used ids as a group's name: GitHub's,
// then the ecosystems' own databases, then CVE, then converted feeds.
func idRank(id string) int {
	for i, p := range []string{"GHSA-", "GO-", "RUSTSEC-", "PYSEC-", "CVE-"} {
		if strings.HasPrefix(id, p) {
			return i
		}
	}
	return 9
}

// aliases lists every other name of the group: the members' aliases and
// the other members' ids.
func (g *vulnGroup) aliases() []string {
	var out []string
	for _, a := range g.members {
		for _, id := range append([]string{a.ID}, a.Aliases...) {
			if id != g.primary.ID && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// merged lists the ids of the other advisories in the group.
func (g *vulnGroup) merged() []string {
	var out []string
	for _, a := range g.members[1:] {
		out = append(out, a.ID)
	}
	return out
}

// rate is the highest rating any member gives the package.
func (g *vulnGroup) rate(eco, name string) vulndb.Rating {
	var best vulndb.Rating
	for _, a := range g.members {
		if r := a.Rate(eco, name); r.Severity > best.Severity || (r.Severity == best.Severity && best.Vector == "" && r.Vector != "") {
			best = r
		}
	}
	return best
}

// affects reports whether any member affects version ver.
func (g *vulnGroup) affects(eco, name, ver string) bool {
	for _, a := range g.members {
		if ok, _ := a.Affects(eco, name, ver); ok {
			return true
		}
	}
	return false
}

// imports lists the packages of module name that the group's advisories
// name as holding the vulnerable code (the Go database's
// ecosystem_specific.imports); nil when the whole module is affected.
// Other databases' advisories about the same vulnerability (its GHSA
// alias) name no packages and defer to the Go database's; one of the Go
// database's own (GO-…) that names none affects the whole module.
func (g *vulnGroup) imports(eco, name string) []string {
	var out []string
	for _, a := range g.members {
		pkgs := a.Imports(eco, name)
		if pkgs == nil && strings.HasPrefix(a.ID, "GO-") {
			return nil
		}
		for _, p := range pkgs {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}
