package version

import "testing"

func TestSemverOrder(t *testing.T) {
	t.Parallel()
	list := []string{
		"0.0.0-0",
		"0.0.0-alpha",
		"0",
		"0.0.1",
		"0.1.0-rc.1",
		"0.1.0",
		"1.0.0-0",
		"1.0.0-1",
		"1.0.0-2",
		"1.0.0-10",
		"1.0.0-RC",
		"1.0.0-a",
		"1.0.0-a.1",
		"1.0.0-a.2",
		"1.0.0-a.10",
		"1.0.0-a.b",
		"1.0.0-a-b",
		"1.0.0-alpha",
		"1.0.0-alpha.beta",
		"1.0.0-beta",
		"1.0.0-beta.2",
		"1.0.0-beta.11",
		"1.0.0-rc.1",
		"1.0.0-rc.1.1",
		"1.0.0",
		"1.0.1",
		"1.1.0",
		"1.10.0",
		"2.0.0",
		"10.0.0",
		"18446744073709551616.0.0",
		"18446744073709551617.0.0",
	}
	for _, eco := range []string{"npm", "crates.io", "Hex", "SwiftURL"} {
		checkIncreasing(t, eco, list)
	}
}

func TestSemverEqual(t *testing.T) {
	t.Parallel()
	groups := [][]string{
		{"1.0.0", "v1.0.0", "V1.0.0", "1.0.0+build.1", "1.0.0+other", "1", "1.0", "v1", "01.0.0", "1.00.000"},
		{"0", "0.0", "0.0.0", "v0.0.0+x"},
		{"1.0.0-rc.1", "1.0.0-rc.1+b.2", "1.0-rc.1"},
	}
	checkEqual(t, "npm", groups)
	for _, g := range groups {
		for _, s := range g {
			a, b := must(ParseSemver(s)), must(ParseSemver(g[0]))
			if got := a.Compare(b); got != 0 {
				t.Errorf("ParseSemver: %q vs %q = %d, want 0", s, g[0], got)
			}
		}
	}
}

func TestSemverInvalid(t *testing.T) {
	t.Parallel()
	invalid := []string{
		"a", "v", "1.", "1.0.", "1..0", ".1", "-1.0.0", "1.0.0.0",
		"1.0.0-", "1.0.0-a..b", "1.0.0-a.", "1.0.0-a_b", "1.0.0-é",
		"1.0.0+", "1.0.0+a..b", "1.0.0+b+c", "1.0.0 beta", "1.0.0beta",
		"1.x", "^1.0.0", "=1.0.0",
	}
	checkInvalid(t, "npm", invalid)
	for _, s := range invalid {
		if _, err := ParseSemver(s); err == nil {
			t.Errorf("ParseSemver(%q) succeeded, want an error", s)
		}
	}
}

func TestGoVersions(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Go", []string{
		"v0.0.0-20210101000000-abcdef123456",
		"v0.0.0-20210202000000-0123456789ab",
		"v0.0.0",
		"v1.2.3",
		"v1.2.4-0.20210101000000-abcdef123456",
		"v1.2.4-0.20220101000000-abcdef123456",
		"v1.2.4-pre",
		"v1.2.4",
		"1.20.0",
		"1.21.0-rc.1",
		"1.21.0",
		"v2.0.0-20210101000000-abcdef123456+incompatible",
		"v2.0.0+incompatible",
	})
	checkEqual(t, "Go", [][]string{
		{"v2.0.0+incompatible", "v2.0.0", "2.0.0"},
		{"0", "v0.0.0"},
	})
}

func TestPubOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Pub", []string{
		"0",
		"1.0.0-beta",
		"1.0.0-beta+1",
		"1.0.0-beta+2",
		"1.0.0-dev",
		"1.0.0",
		"1.0.0+1",
		"1.0.0+2",
		"1.0.0+10",
		"1.0.0+a",
		"1.0.0+a.1",
		"1.0.0+b",
		"1.0.1",
	})
	checkEqual(t, "Pub", [][]string{{"1.0.0+1", "1.0.0+01"}, {"1.0.0", "1.0", "v1.0.0"}})
	// Other SemVer ecosystems ignore the build.
	if c, _ := Compare("npm", "1.0.0+1", "1.0.0+2"); c != 0 {
		t.Errorf("npm: 1.0.0+1 vs 1.0.0+2 = %d, want 0", c)
	}
}
