package version

import "testing"

func TestMavenOrderQualifiers(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Maven", []string{
		"1.0-alpha",
		"1.0-alpha-1-SNAPSHOT",
		"1.0-alpha-1",
		"1.0-alpha-2",
		"1.0-alpha-10",
		"1.0-beta-1",
		"1.0-milestone-1",
		"1.0-rc-1",
		"1.0-rc-2",
		"1.0-SNAPSHOT",
		"1.0",
		"1.0-sp-1",
		"1.0-sp-2",
		"1.0-aardvark",
		"1.0-zebra",
		"1.0-α", // unknown qualifiers compare lexically, non-ASCII last
		"1.0-1",
		"1.0-2",
		"1.0.1",
		"1.1",
		"1.10",
		"2",
	})
}

func TestMavenOrderSeparators(t *testing.T) {
	t.Parallel()
	// The POM reference's examples and the issues that fixed them.
	checkIncreasing(t, "Maven", []string{
		"1-snapshot",
		"1-0.alpha", // MNG-6964: below 1, not equal to it
		"1-0.beta",
		"1",
		"1-sp",
		"1-sp-1",
		"1-sp.1",
		"1-foo",
		"1-foo2",
		"1-foo10",
		"1-ga-1",
		"1-1",
		"1.0.0.1",
		"1.1",
	})
	checkIncreasing(t, "Maven", []string{
		"6.1.0rc3", // MNG-5568
		"6.1.0",
		"6.1H.5-beta",
	})
	checkIncreasing(t, "Maven", []string{
		"1.K",
		"1.7",
		"5",
		"5.aardvark",
		"5.b", // a lone "b" is beta only before a digit
		"5.zebra",
		"5.α",
	})
	checkIncreasing(t, "Maven", []string{
		"20190126.230843", // MNG-6572: numbers of any length
		"1234567890.12345",
		"123456789012345.1H.5-beta",
		"12345678901234567890.1H.5-beta",
	})
	checkIncreasing(t, "Maven", []string{
		"1.0.0.RC1", // MNG-7644: 1.0.0.X1 < 1.0.0-X2
		"1.0.0-RC2",
		"1.0.0",
	})
}

func TestMavenEqual(t *testing.T) {
	t.Parallel()
	checkEqual(t, "Maven", [][]string{
		{"1", "1.0", "1.0.0", "1-0", "1.0-0", "1.ga", "1-ga", "1-final", "1.FINAL", "1-release", "1GA", "01", "1."},
		{"1a", "1-a", "1.0-a", "1.0.0-a", "1.0a", "1.0.0a", "1.a", "1A"},
		{"1x", "1-x", "1.0-x", "1.0.0-x", "1.x", "1X"},
		{"1a1", "1-alpha-1", "1alpha1", "1.0-ALPHA1"},
		{"1b2", "1-beta-2", "1Beta2"},
		{"1m3", "1-milestone-3", "1MileStone3"},
		{"1cr", "1rc", "1-RC", "1Cr"},
		{"2-rc", "2.0.rc", "2.0.0.rc", "2.0.0-RC"},
		{"1.0-SNAPSHOT", "1-snapshot", "1.0.0-snapshot"},
		{"1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
		{"0", "00000000000000000000", "0.0", "0-0"},
		{"1.0.0.RC1", "1.0.0-RC1"},
	})
}

func TestMavenAcceptsEverything(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"-", ".", "--", "a", "1-", "-1", "1..2", "😀", "1.0 beta", "1.0_final"} {
		if _, err := Parse("Maven", s); err != nil {
			t.Errorf("Parse(Maven, %q): %v, want a version", s, err)
		}
	}
}

func TestMavenNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string // numbers, qualifiers (q and rank, or the text), "[" a nested list; +/- the sign of zeros and lists
	}{
		{"1", "1"},
		{"1.0.0", "1"},
		{"1-1", "1 [+ 1"},
		{"1-ga-1", "1 [+ [+ 1"},
		{"1.0.0.RC1", "1 [- q3 [+ 1"},
		{"1-SNAPSHOT", "1 [- q4"},
		{"1.0-0-0", "1"},
		{"0-1", "[+ 1"},
		{"1-0.alpha", "1 [- [- q0"},
		{"1.foo.2", "1 foo 2"},
		{"1.0.alpha.1", "1 0- q0 1"},
		{"1.0.1", "1 0+ 1"},
		{"1.ga.1", "1 q5 1"},
	}
	for _, tt := range tests {
		v := mustParse(t, "Maven", tt.in).(*maven)
		if got := mavenItemsString(v.items); got != tt.want {
			t.Errorf("items(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMavenConsistentWhereMavenIsNot pins the cases where maven-artifact
// contradicts itself and this package picks the order that agrees with
// each version's comparison against the common prefix.
func TestMavenConsistentWhereMavenIsNot(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Maven", []string{"1-0.alpha", "1", "1-sp"})
	checkIncreasing(t, "Maven", []string{"1.0.alpha.1", "1", "1.sp.1"})
	checkIncreasing(t, "Maven", []string{"1-alpha", "1.ga.1"})
	checkIncreasing(t, "Maven", []string{"1.0.alpha.1", "1-1", "1.0.1"})
}

func mavenItemsString(items []mavenItem) string {
	s := ""
	sign := func(neg bool) string {
		if neg {
			return "-"
		}
		return "+"
	}
	for i, it := range items {
		if i > 0 {
			s += " "
		}
		switch {
		case it.kind == mavenList:
			s += "[" + sign(it.neg)
		case it.kind == mavenNum && it.text == "":
			s += "0" + sign(it.neg)
		case it.kind == mavenNum:
			s += it.text
		case it.rank == rankUnknown:
			s += it.text
		default:
			s += "q" + string(rune('0'+it.rank))
		}
	}
	return s
}
