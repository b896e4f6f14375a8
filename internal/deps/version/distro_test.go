package version

import "testing"

func TestHackageOrder(t *testing.T) {
	t.Parallel()
	list := []string{"0", "0.1", "1", "1.0", "1.0.0", "1.0.1", "1.2", "1.10", "2", "18446744073709551616"}
	checkIncreasing(t, "Hackage", list)
	checkIncreasing(t, "GHC", list)
	checkEqual(t, "Hackage", [][]string{{"1.02", "1.2"}})
	checkInvalid(t, "Hackage", []string{"1.", ".1", "1..2", "1.0-tag", "v1", "1.a", "1 0"})
}

func TestDebianOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Debian", []string{
		"0.9",
		"1.0~rc1",
		"1.0",
		"1.0-1",
		"1.0-1ubuntu1",
		"1.0-2",
		"1.0+dfsg-1",
		"1.0.1",
		"1.1~~",
		"1.1~~a",
		"1.1~",
		"1.1",
		"1.1a",
		"1.1.0",
		"1:0.1",
		"2:0.0.1~beta",
	})
	checkEqual(t, "Debian:12", [][]string{
		{"0:1.0", "1.0", "1.0-0", "1.00", "0:1.0-0"},
		{"1:2.0-1", "01:2.0-01"},
	})
	checkInvalid(t, "Debian", []string{
		"a:1.0", ":1.0", "1.0-", "-1", "1.0_1", "1.0 1", "1:", "1.0-1_2",
	})
}

func TestRPMOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Red Hat", []string{
		"0.9",
		"1.0~rc1",
		"1.0",
		"1.0^git1",
		"1.0a",
		"1.0.1",
		"1.0.1-1",
		"1.0.1-2.el8",
		"1.0.1-10",
		"1.2",
		"1:0.1",
	})
	checkEqual(t, "Rocky Linux:9", [][]string{
		{"1.0", "1_0", "1..0", "0:1.0", "1.00"},
		{"0:1.0-1", "1.0-1", "1.0-01"},
	})
	checkInvalid(t, "AlmaLinux", []string{"x:1", "1.0-", ":1", "2:"})
}

func TestGenericOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "CRAN", []string{
		"0.1",
		"1.0alpha",
		"1.0beta",
		"1.0rc1",
		"1.0",
		"1.0-1",
		"1.0.2",
		"1.1",
		"2",
	})
	checkEqual(t, "CRAN", [][]string{
		{"1", "1.0", "1-0", "1_0_0", "01"},
		{"1.0rc1", "1.0RC1", "1.0-rc-1"},
	})
	checkInvalid(t, "CRAN", []string{"...", "-", "+~"})
	// A letter run sorts before a number at the same place.
	checkIncreasing(t, "CRAN", []string{"v2", "1"})
}
