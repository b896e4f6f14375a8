package version

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// mustParse parses s in eco or fails the test.
func mustParse(tb testing.TB, eco, s string) Version {
	tb.Helper()
	v, err := Parse(eco, s)
	if err != nil {
		tb.Fatalf("Parse(%q, %q): %v", eco, s, err)
	}
	return v
}

// checkIncreasing checks that every version of list is strictly below every
// later one, both ways round, and that Compare agrees.
func checkIncreasing(t *testing.T, eco string, list []string) {
	t.Helper()
	vs := make([]Version, len(list))
	for i, s := range list {
		vs[i] = mustParse(t, eco, s)
	}
	for i := range vs {
		for j := range vs {
			got := vs[i].Compare(vs[j])
			want := cmpInt(i, j)
			if got != want {
				t.Errorf("%s: Compare(%q, %q) = %d, want %d", eco, list[i], list[j], got, want)
			}
			if c, ok := Compare(eco, list[i], list[j]); !ok || c != want {
				t.Errorf("%s: Compare(eco, %q, %q) = %d, %v, want %d, true", eco, list[i], list[j], c, ok, want)
			}
		}
	}
}

// checkEqual checks that all spellings in each group compare equal.
func checkEqual(t *testing.T, eco string, groups [][]string) {
	t.Helper()
	for _, g := range groups {
		for _, a := range g {
			for _, b := range g {
				if got := mustParse(t, eco, a).Compare(mustParse(t, eco, b)); got != 0 {
					t.Errorf("%s: Compare(%q, %q) = %d, want 0", eco, a, b, got)
				}
			}
		}
	}
}

// checkInvalid checks that Parse rejects each string with a *ParseError
// wrapping ErrInvalid.
func checkInvalid(t *testing.T, eco string, list []string) {
	t.Helper()
	for _, s := range list {
		v, err := Parse(eco, s)
		if err == nil {
			t.Errorf("%s: Parse(%q) = %v, want an error", eco, s, v)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrInvalid) || pe.Ecosystem != eco {
			t.Errorf("%s: Parse(%q) error %#v, want a *ParseError for %s wrapping ErrInvalid", eco, s, err, eco)
		}
		if _, ok := Compare(eco, s, "1"); ok {
			t.Errorf("%s: Compare(%q, \"1\") ok, want not ok", eco, s)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := Parse("PyPI", "1.0-foo")
	got := err.Error()
	want := `parse PyPI version "1.0-foo": unexpected "-" (not a PEP 440 version)`
	if got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	_, err = ParseSemver("1.0.0-a..b")
	if got, want := err.Error(), `parse SemVer version "1.0.0-a..b": prerelease: empty identifier`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestParseTrimsAndBoundsLength(t *testing.T) {
	t.Parallel()
	v := mustParse(t, "npm", "  1.2.3\t")
	if got, want := v.String(), "1.2.3"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	long := "1." + strings.Repeat("1", maxLen)
	for _, eco := range []string{"npm", "PyPI", "Maven", "unknown"} {
		if _, err := Parse(eco, long); err == nil {
			t.Errorf("%s: Parse of a %d-byte version succeeded, want an error", eco, len(long))
		}
		if _, err := Parse(eco, "   "); err == nil {
			t.Errorf("%s: Parse of blanks succeeded, want an error", eco)
		}
	}
	if _, err := ParseSemver(long); err == nil {
		t.Error("ParseSemver of a long version succeeded, want an error")
	}
}

func TestEcosystemNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		eco  string
		want order
	}{
		{"npm", orderSemver},
		{"crates.io", orderSemver},
		{"Go", orderSemver},
		{"Hex", orderSemver},
		{"SwiftURL", orderSemver},
		{"Bitnami", orderSemver},
		{"Pub", orderPub},
		{"PyPI", orderPEP440},
		{"pypi", orderPEP440},
		{"Maven", orderMaven},
		{"Maven:https://repo.example", orderMaven},
		{"RubyGems", orderGem},
		{"Packagist", orderComposer},
		{"NuGet", orderNuGet},
		{"Hackage", orderPVP},
		{"GHC", orderPVP},
		{"Debian", orderDpkg},
		{"Debian:12", orderDpkg},
		{"Ubuntu:22.04:LTS", orderDpkg},
		{"Red Hat", orderRPM},
		{"Rocky Linux:9", orderRPM},
		{"openSUSE", orderRPM},
		{"CRAN", orderGeneric},
		{"", orderGeneric},
		{"K8s", orderGeneric},
	}
	for _, tt := range tests {
		if got := ecosystemOrder(tt.eco); got != tt.want {
			t.Errorf("ecosystemOrder(%q) = %d, want %d", tt.eco, got, tt.want)
		}
	}
	// The order really is the ecosystem's: PEP 440 reads -1 as a post
	// release, the generic order as a plain number.
	if got := mustParse(t, "pypi", "1.0-1").Compare(mustParse(t, "pypi", "1.0.post1")); got != 0 {
		t.Errorf("pypi: 1.0-1 vs 1.0.post1 = %d, want 0", got)
	}
}

func TestCrossOrderCompare(t *testing.T) {
	t.Parallel()
	vs := []Version{
		mustParse(t, "npm", "1.0.0"),
		mustParse(t, "Pub", "1.0.0"),
		mustParse(t, "PyPI", "1.0.0"),
		mustParse(t, "Maven", "1.0.0"),
		mustParse(t, "RubyGems", "1.0.0"),
		mustParse(t, "Packagist", "1.0.0"),
		mustParse(t, "NuGet", "1.0.0"),
		mustParse(t, "Hackage", "1.0.0"),
		mustParse(t, "Debian", "1.0.0"),
		mustParse(t, "Red Hat", "1.0.0"),
		mustParse(t, "CRAN", "1.0.0"),
		foreign("1.0.0"),
	}
	for i := range vs {
		for j := range vs {
			if i == len(vs)-1 {
				continue // a foreign Version orders itself
			}
			if got, want := vs[i].Compare(vs[j]), cmpInt(i, j); got != want {
				t.Errorf("%T vs %T = %d, want %d", vs[i], vs[j], got, want)
			}
		}
	}
	// SemVer ranges and npm versions share one order.
	if got := mustParse(t, "npm", "1.0.0").Compare(must(ParseSemver("v1.0.0"))); got != 0 {
		t.Errorf("npm 1.0.0 vs SemVer v1.0.0 = %d, want 0", got)
	}
}

type foreign string

func (f foreign) Compare(Version) int { return 0 }
func (f foreign) String() string      { return string(f) }

func must(v Version, err error) Version {
	if err != nil {
		panic(fmt.Sprintf("must: %v", err))
	}
	return v
}

func TestCompareStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		eco, a, b string
		want      int
		wantOK    bool
	}{
		{"npm", "1.2.3", "1.10.0", -1, true},
		{"npm", "1.2.3", "x", 0, false},
		{"npm", "", "1", 0, false},
		{"PyPI", "1.0rc1", "1.0", -1, true},
		{"PyPI", "1.0", "not a version", 0, false},
		{"Maven", "1.0-SNAPSHOT", "1.0", -1, true},
		{"Pub", "1.0.0+2", "1.0.0+1", 1, true},
		{"Debian", "1:0.9", "1.0", 1, true},
		{"whatever", "2.0", "10.0", -1, true},
	}
	for _, tt := range tests {
		got, ok := Compare(tt.eco, tt.a, tt.b)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Compare(%q, %q, %q) = %d, %v, want %d, %v", tt.eco, tt.a, tt.b, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestCmpNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "0", 0},
		{"000", "", 0},
		{"9", "10", -1},
		{"010", "9", 1},
		{"18446744073709551616", "18446744073709551615", 1},
		{"123456789012345678901234567890", "123456789012345678901234567890", 0},
	}
	for _, tt := range tests {
		if got := cmpNum(tt.a, tt.b); got != tt.want {
			t.Errorf("cmpNum(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
