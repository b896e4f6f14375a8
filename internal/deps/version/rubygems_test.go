package version

import "testing"

func TestRubyGemsOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "RubyGems", []string{
		"0.1",
		"0.9.9",
		"1.0.A", // strings compare bytewise: upper case first
		"1.0.RC1",
		"1.0.a",
		"1.0.a1",
		"1.0.a.2",
		"1.0.b",
		"1.0.beta",
		"1.0.0-rc1", // "-" reads ".pre.": 1.0.0.pre.rc1
		"1.0.pre",
		"1.0.pre.1",
		"1.0.rc1",
		"1.0.rc2",
		"1.0.rc10",
		"1.0",
		"1.0.1",
		"1.1.rc",
		"1.1",
		"1.10",
		"2",
		"18446744073709551616",
	})
}

func TestRubyGemsEqual(t *testing.T) {
	t.Parallel()
	checkEqual(t, "RubyGems", [][]string{
		{"1", "1.0", "1.0.0", "01", "1.00", " 1.0 "},
		{"1.a", "1.0.a", "1.0.0.a", "1.0.a.0", "1.a.0.0"},
		{"1.0.rc1", "1.0.rc.1", "1.0.0.rc.1.0"},
		{"1.0.0-rc1", "1.0.0.pre.rc1", "1.pre.rc.1"},
	})
}

func TestRubyGemsInvalid(t *testing.T) {
	t.Parallel()
	checkInvalid(t, "RubyGems", []string{
		"a", "1a", "v1.0", "1.", ".1", "1..2", "1-", "1.0-", "1.0-a.",
		"1.0 beta", "1.0_1", "1.0+1", "-1",
	})
}
