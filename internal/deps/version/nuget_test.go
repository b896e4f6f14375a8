package version

import "testing"

func TestNuGetOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "NuGet", []string{
		"0.9",
		"1.0.0-1",
		"1.0.0-2",
		"1.0.0-10",
		"1.0.0-alpha",
		"1.0.0-Alpha.1",
		"1.0.0-alpha.2",
		"1.0.0-BETA",
		"1.0.0-beta.2",
		"1.0.0-rc.1",
		"1.0.0",
		"1.0.0.1-beta",
		"1.0.0.1",
		"1.0.1",
		"1.1",
		"1.10",
		"2.0.0.0",
	})
}

func TestNuGetEqual(t *testing.T) {
	t.Parallel()
	checkEqual(t, "NuGet", [][]string{
		{"1.0", "1.0.0", "1.0.0.0", "1", "1.0.0+build", "1.0.0.0+x.y", "01.0"},
		{"1.0.0-ALPHA", "1.0.0-alpha", "1.0.0-Alpha+meta"},
		{"1.0.0-rc.1", "1.0-RC.1", "1.0.0.0-rc.01"},
	})
}

func TestNuGetInvalid(t *testing.T) {
	t.Parallel()
	checkInvalid(t, "NuGet", []string{
		"1.0.0.0.0", "v1.0", "1.0.0-", "1.0.0-a..b", "1.0.0+", "a.b",
		"1..0", "1.0.0.", "1.0-beta_1", "1.0 beta",
	})
}
