package version

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// gen builds a random version string for one ecosystem.
type gen func(r *rand.Rand) string

func pick(r *rand.Rand, xs ...string) string { return xs[r.IntN(len(xs))] }

// join picks between lo and hi parts with part and joins them with seps.
func join(r *rand.Rand, lo, hi int, part func() string, seps ...string) string {
	var b strings.Builder
	n := lo + r.IntN(hi-lo+1)
	for i := range n {
		if i > 0 {
			b.WriteString(pick(r, seps...))
		}
		b.WriteString(part())
	}
	return b.String()
}

func maybe(r *rand.Rand, s string) string {
	if r.IntN(2) == 0 {
		return ""
	}
	return s
}

var num = []string{"0", "1", "2", "10", "00", "01"}

func genSemver(r *rand.Rand) string {
	ids := func() string { return pick(r, "0", "1", "2", "10", "a", "alpha", "beta", "rc", "RC", "a-b", "x1") }
	s := maybe(r, "v") + join(r, 1, 3, func() string { return pick(r, "0", "1", "2", "10") }, ".")
	if r.IntN(2) == 0 {
		s += "-" + join(r, 1, 3, ids, ".")
	}
	if r.IntN(3) == 0 {
		s += "+" + join(r, 1, 2, ids, ".")
	}
	return s
}

func genPEP440(r *rand.Rand) string {
	s := maybe(r, "1!") + join(r, 1, 3, func() string { return pick(r, num...) }, ".")
	if r.IntN(2) == 0 {
		s += pick(r, "", ".", "-") + pick(r, "a", "b", "rc", "alpha", "c", "pre", "preview", "B") + maybe(r, pick(r, "0", "1", "2", "10"))
	}
	if r.IntN(3) == 0 {
		s += pick(r, ".post1", "-1", ".r2", "post", ".post0", "-2")
	}
	if r.IntN(3) == 0 {
		s += pick(r, ".dev", ".dev1", "dev2", "-dev0")
	}
	if r.IntN(3) == 0 {
		s += "+" + join(r, 1, 3, func() string { return pick(r, "a", "1", "01", "abc", "B", "2") }, ".", "-", "_")
	}
	return s
}

func genMaven(r *rand.Rand) string {
	token := func() string {
		return pick(r, "0", "1", "2", "10", "01", "alpha", "a", "b", "beta", "m", "milestone", "rc", "cr",
			"snapshot", "ga", "final", "release", "sp", "foo", "bar", "x", "A", "")
	}
	if r.IntN(4) == 0 { // raw strings reach the odd corners
		return join(r, 1, 8, func() string { return pick(r, "0", "1", "a", "b", "sp", ".", "-", "ga") }, "")
	}
	return join(r, 1, 6, token, ".", "-", "")
}

func genGem(r *rand.Rand) string {
	seg := func() string { return pick(r, "0", "1", "2", "10", "a", "b", "pre", "rc1", "A", "0a") }
	s := pick(r, num...) + maybe(r, "."+join(r, 1, 4, seg, "."))
	if r.IntN(3) == 0 {
		s += "-" + join(r, 1, 2, func() string { return pick(r, "1", "a", "rc1", "b-2") }, ".")
	}
	return s
}

func genComposer(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return pick(r, "dev-main", "dev-master", "master", "dev-feature", "trunk")
	case 1:
		return pick(r, "1", "2") + pick(r, ".x", ".0.x", ".*", "") + pick(r, "-dev", ".dev")
	case 2:
		return "2010" + pick(r, "", ".", "-") + pick(r, "01", "02") + maybe(r, pick(r, ".", "-")+pick(r, "1", "03", "123"))
	}
	s := maybe(r, "v") + join(r, 1, 4, func() string { return pick(r, num...) }, ".")
	if r.IntN(2) == 0 {
		s += pick(r, "-", ".", "_", "") + pick(r, "alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p", "stable") +
			maybe(r, pick(r, "1", "2", ".1", "1.2", "-3"))
	}
	if r.IntN(4) == 0 {
		s += pick(r, "-dev", ".dev", "dev")
	}
	return s
}

func genNuGet(r *rand.Rand) string {
	s := join(r, 1, 4, func() string { return pick(r, num...) }, ".")
	if r.IntN(2) == 0 {
		s += "-" + join(r, 1, 3, func() string { return pick(r, "1", "01", "2", "alpha", "Alpha", "BETA", "beta", "rc", "a-b") }, ".")
	}
	if r.IntN(4) == 0 {
		s += "+" + pick(r, "1", "meta", "x.y")
	}
	return s
}

func genPVP(r *rand.Rand) string {
	return join(r, 1, 5, func() string { return pick(r, num...) }, ".")
}

func genDebian(r *rand.Rand) string {
	up := join(r, 1, 6, func() string { return pick(r, "0", "1", "2", "10", "a", "b", "rc", "~", "~~", "+", ".", "dfsg") }, "")
	if !isDigit(up[0]) {
		up = "1" + up
	}
	s := maybe(r, pick(r, "0:", "1:", "2:")) + up
	if r.IntN(2) == 0 {
		s += "-" + join(r, 1, 3, func() string { return pick(r, "0", "1", "2", "ubuntu", "~", "+", ".", "deb") }, "")
	}
	return s
}

func genRPM(r *rand.Rand) string {
	part := func() string {
		return join(r, 1, 6, func() string { return pick(r, "0", "1", "2", "10", "a", "b", "el", "~", "^", ".", "_", "+") }, "")
	}
	s := maybe(r, pick(r, "0:", "1:")) + part()
	if r.IntN(2) == 0 {
		s += "-" + part()
	}
	return s
}

func genGeneric(r *rand.Rand) string {
	return join(r, 1, 6, func() string { return pick(r, "0", "1", "2", "10", "a", "B", "rc", ".", "-", "é") }, "")
}

var generators = []struct {
	eco string
	gen gen
}{
	{"npm", genSemver},
	{"Pub", genSemver},
	{"PyPI", genPEP440},
	{"Maven", genMaven},
	{"RubyGems", genGem},
	{"Packagist", genComposer},
	{"NuGet", genNuGet},
	{"Hackage", genPVP},
	{"Debian", genDebian},
	{"Red Hat", genRPM},
	{"CRAN", genGeneric},
}

// TestTotalOrder checks that each comparator is a total order over random
// versions: reflexive, antisymmetric, transitive over every triple, and
// consistent for equal versions.
func TestTotalOrder(t *testing.T) {
	t.Parallel()
	for _, g := range generators {
		t.Run(g.eco, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, uint64(len(g.eco))))
			var vs []Version
			for tries := 0; len(vs) < 160 && tries < 5000; tries++ {
				if v, err := Parse(g.eco, g.gen(r)); err == nil {
					vs = append(vs, v)
				}
			}
			if len(vs) < 160 {
				t.Fatalf("only %d generated versions parse", len(vs))
			}
			checkTotalOrder(t, vs)
		})
	}
}

func checkTotalOrder(t *testing.T, vs []Version) {
	t.Helper()
	if msg := totalOrderViolation(vs); msg != "" {
		t.Fatal(msg)
	}
}

// totalOrderViolation describes the first way Compare over vs fails to be
// a total order, or returns "".
func totalOrderViolation(vs []Version) string {
	n := len(vs)
	c := make([][]int, n)
	for i := range vs {
		c[i] = make([]int, n)
		for j := range vs {
			c[i][j] = vs[i].Compare(vs[j])
		}
	}
	for i := range n {
		if c[i][i] != 0 {
			return fmt.Sprintf("Compare(%q, itself) = %d", vs[i], c[i][i])
		}
		for j := range n {
			if c[i][j] != -c[j][i] || c[i][j] < -1 || c[i][j] > 1 {
				return fmt.Sprintf("Compare(%q, %q) = %d but reversed %d", vs[i], vs[j], c[i][j], c[j][i])
			}
		}
	}
	for i := range n {
		for j := range n {
			if c[i][j] > 0 {
				continue
			}
			for k := range n {
				if c[j][k] > 0 {
					continue
				}
				// i <= j <= k, so i <= k, strictly if either step is.
				if c[i][k] > 0 || (min(c[i][j], c[j][k]) < 0 && c[i][k] == 0) {
					return fmt.Sprintf("not transitive: %q vs %q = %d, %q vs %q = %d, %q vs %q = %d",
						vs[i], vs[j], c[i][j], vs[j], vs[k], c[j][k], vs[i], vs[k], c[i][k])
				}
			}
		}
	}
	return ""
}

// rps is rock, paper, scissors: antisymmetric but not transitive.
type rps int

func (x rps) Compare(o Version) int {
	y := o.(rps)
	switch {
	case x == y:
		return 0
	case (x+1)%3 == y:
		return -1
	}
	return 1
}

func (x rps) String() string { return [...]string{"rock", "paper", "scissors"}[x] }

func TestTotalOrderViolationFindsCycles(t *testing.T) {
	t.Parallel()
	if msg := totalOrderViolation([]Version{rps(0), rps(1), rps(2)}); !strings.Contains(msg, "not transitive") {
		t.Errorf("totalOrderViolation(rock, paper, scissors) = %q, want a transitivity failure", msg)
	}
	if msg := totalOrderViolation([]Version{rps(0), rps(1)}); msg != "" {
		t.Errorf("totalOrderViolation(rock, paper) = %q, want none", msg)
	}
}

// TestRawStringsTotalOrder feeds short strings over a small alphabet to
// each parser, so that odd but accepted spellings meet each other.
func TestRawStringsTotalOrder(t *testing.T) {
	t.Parallel()
	const alphabet = "0123.-+~^_:!abpvrcRCdeAlsx"
	for _, g := range generators {
		t.Run(g.eco, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(2, uint64(len(g.eco))))
			var vs []Version
			for tries := 0; len(vs) < 150 && tries < 200000; tries++ {
				b := make([]byte, 1+r.IntN(8))
				for i := range b {
					b[i] = alphabet[r.IntN(len(alphabet))]
				}
				if v, err := Parse(g.eco, string(b)); err == nil {
					vs = append(vs, v)
				}
			}
			if len(vs) < 20 {
				t.Fatalf("only %d raw strings parse", len(vs))
			}
			checkTotalOrder(t, vs)
		})
	}
}
