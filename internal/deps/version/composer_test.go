package version

import "testing"

func TestPackagistOrder(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "Packagist", []string{
		"dev-develop", // named branches first, by name
		"dev-main",
		"dev-master",
		"0",
		"0.1.0",
		"1.0.0-dev",
		"1.0.0-alpha-dev",
		"1.0.0-alpha",
		"1.0.0-alpha1",
		"1.0.0-alpha2",
		"1.0.0-beta1-dev",
		"1.0.0-beta1",
		"1.0.0-beta1.1",
		"1.0.0-beta2",
		"1.0.0-beta10",
		"1.0.0-RC1",
		"1.0.0-RC2",
		"1.0.0",
		"1.0.0-patch1",
		"1.0.0-p2",
		"1.0.0.1-dev",
		"1.0.0.1",
		"1.0.1",
		"1.1.x-dev", // 1.1.9999999.9999999-dev
		"1.2.0",
		"2.x-dev",
		"12345.0",
	})
	checkIncreasing(t, "Packagist", []string{
		"2010-01-02-beta",
		"2010.01.02",
		"2010.01.02.5",
		"2010.01.03",
		"123456",   // a "date" too: 1234 and 56 without separator
		"20100102", // one number
	})
}

func TestPackagistEqual(t *testing.T) {
	t.Parallel()
	checkEqual(t, "Packagist", [][]string{
		{"1.0.0", "v1.0.0", "1.0", "1", "1.0.0.0", "1.0.0+build", "1.0.0@stable", "1.0.0-stable", "V1", "1.0.0-stable2"},
		{"1.0.0-beta2", "1.0.0-b2", "1.0.0beta2", "1.0.0.beta.2", "1.0.0-BETA2", "1.0.0_beta2", "1.0.0-beta.2@beta"},
		{"1.0.0-RC1", "1.0.0-rc1", "1.0.0.rc.1", "1.0rc1"},
		{"1.0.0-p1", "1.0.0-pl1", "1.0.0-patch1", "1.0.0-PATCH.1"},
		{"1.0.0-alpha", "1.0.0-a", "1.0.0a"},
		{"1.0.0-dev", "1.0-dev", "1.0.0.0-DEV", "1.0.dev"},
		{"dev-master", "master", "DEV-master"},
		{"1.x-dev", "1.x.x.x-dev", "v1.*-dev", "1.X-dev"},
		{"2010-01-02", "2010.01.02", "2010:01:02", "v2010-01-02"},
	})
}

func TestPackagistInvalid(t *testing.T) {
	t.Parallel()
	checkInvalid(t, "Packagist", []string{
		"foo", "1.0.0-foo", "1.0.0.0.0", "1.0.0-beta-foo", "x.1",
		"feature-dev", "1.x", "1.0 beta", "1.0.0-dev-dev",
		"12345678901234567890123456789012", // too long for a date
	})
}
