package version

import (
	"errors"
	"testing"
)

// fuzzOrder parses each input with parse and checks, for those that
// parse, that nothing panics, Compare(x, x) == 0, String() parses back to
// an equal version, and Compare is antisymmetric and transitive across
// the inputs. eco, when set, also checks the package-level Compare.
func fuzzOrder(t *testing.T, eco string, parse func(string) (Version, error), inputs ...string) {
	var vs []Version
	var ss []string
	for _, s := range inputs {
		v, err := parse(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("parse(%q): %v does not wrap ErrInvalid", s, err)
			}
			continue
		}
		if c := v.Compare(v); c != 0 {
			t.Fatalf("Compare(%q, itself) = %d", s, c)
		}
		w, err := parse(v.String())
		if err != nil || w.Compare(v) != 0 || v.Compare(w) != 0 {
			t.Fatalf("String() of %q = %q does not parse back to an equal version (%v)", s, v.String(), err)
		}
		vs, ss = append(vs, v), append(ss, s)
	}
	if msg := totalOrderViolation(vs); msg != "" {
		t.Fatal(msg)
	}
	if eco == "" {
		return
	}
	for i := range vs {
		for j := range vs {
			if got, ok := Compare(eco, ss[i], ss[j]); !ok || got != vs[i].Compare(vs[j]) {
				t.Fatalf("Compare(%q, %q, %q) = %d, %v; parsed Compare = %d", eco, ss[i], ss[j], got, ok, vs[i].Compare(vs[j]))
			}
		}
	}
}

func parserFor(eco string) func(string) (Version, error) {
	return func(s string) (Version, error) { return Parse(eco, s) }
}

func fuzzEcosystem(f *testing.F, eco string) {
	f.Fuzz(func(t *testing.T, a, b, c string) {
		fuzzOrder(t, eco, parserFor(eco), a, b, c)
	})
}

func FuzzParseSemver(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b, c string) {
		fuzzOrder(t, "", ParseSemver, a, b, c)
		fuzzOrder(t, "npm", parserFor("npm"), a, b, c)
	})
}

func FuzzParsePub(f *testing.F)       { fuzzEcosystem(f, "Pub") }
func FuzzParsePyPI(f *testing.F)      { fuzzEcosystem(f, "PyPI") }
func FuzzParseMaven(f *testing.F)     { fuzzEcosystem(f, "Maven") }
func FuzzParseRubyGems(f *testing.F)  { fuzzEcosystem(f, "RubyGems") }
func FuzzParsePackagist(f *testing.F) { fuzzEcosystem(f, "Packagist") }
func FuzzParseNuGet(f *testing.F)     { fuzzEcosystem(f, "NuGet") }
func FuzzParseHackage(f *testing.F)   { fuzzEcosystem(f, "Hackage") }
func FuzzParseDebian(f *testing.F)    { fuzzEcosystem(f, "Debian") }
func FuzzParseRPM(f *testing.F)       { fuzzEcosystem(f, "Red Hat") }
func FuzzParseGeneric(f *testing.F)   { fuzzEcosystem(f, "CRAN") }
