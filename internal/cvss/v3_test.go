package cvss

import "testing"

// Known CVSS v3.0 base scores, all from NVD: the CVE record's cvssMetricV30
// entry with source nvd@nist.gov, as mirrored in
// github.com/fkie-cad/nvd-json-data-feeds; and one from the FIRST CVSS v4.0
// Examples document, which gives a v3.0 vector for CVE-2023-28728. Some
// vectors repeat: distinct CVEs that NVD scored alike.
var v30Known = []scoreCase{
	{"CVE-2017-0002 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8},
	{"CVE-2017-0003 NVD", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2017-0004 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
	{"CVE-2017-0008 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N", 4.3},
	{"CVE-2017-0016 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", 5.9},
	{"CVE-2017-0045 NVD", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", 5.5},
	{"CVE-2017-0051 NVD", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:N/I:N/A:H", 5.4},
	{"CVE-2017-0055 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
	{"CVE-2017-0064 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", 6.5},
	{"CVE-2017-0066 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2},
	{"CVE-2017-0075 NVD", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:H/I:H/A:H", 7.6},
	{"CVE-2017-0077 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2017-0096 NVD", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:L/I:N/A:N", 2.6},
	{"CVE-2017-0104 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1},
	{"CVE-2017-0167 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5},
	{"CVE-2017-0183 NVD", "CVSS:3.0/AV:N/AC:H/PR:H/UI:N/S:C/C:N/I:N/A:H", 5.8},
	{"CVE-2017-0188 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 3.3},
	{"CVE-2017-0195 NVD", "CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4},
	{"CVE-2017-0202 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5},
	{"CVE-2017-0211 NVD", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", 5.5},
	{"CVE-2017-0215 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 5.3},
	{"CVE-2017-0785 NVD", "CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 6.5},
	{"CVE-2017-16042 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
	{"CVE-2018-3728 NVD", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8},
	{"CVE-2017-0006 NVD", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2017-0057 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N", 4.3},
	{"CVE-2017-0107 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
	{"CVE-2017-0163 NVD", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:H/I:H/A:H", 7.6},
	{"CVE-2017-0165 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2017-0176 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1},
	{"CVE-2017-0184 NVD", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:N/I:N/A:H", 5.4},
	{"CVE-2017-0194 NVD", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", 5.5},
	{"CVE-2017-0205 NVD", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5},
	{"CVE-2017-0218 NVD", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 5.3},
	{"CVE-2017-1000048 NVD", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
	{"CVE-2023-28728 FIRST v4.0 examples", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
}

// Known CVSS v3.1 base scores, from:
//
//   - "FIRST v3.1 examples": Common Vulnerability Scoring System v3.1
//     Examples, Revision 2 (https://www.first.org/cvss/examples);
//   - "FIRST v4.0 examples": Common Vulnerability Scoring System v4.0
//     Examples, version 1.7.1 (https://www.first.org/cvss/v4.0/examples),
//     which gives the v3.1 base score next to each v4.0 one;
//   - "NVD": the CVE record's cvssMetricV31 entry with source nvd@nist.gov,
//     as mirrored in github.com/fkie-cad/nvd-json-data-feeds.
var v31Known = []scoreCase{
	{"CVE-2021-44228 Log4Shell NVD", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0},
	{"CVE-2013-0375 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4},
	{"CVE-2014-3566 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1},
	{"CVE-2012-1516 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9},
	{"CVE-2009-0783 FIRST v3.1 examples", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2},
	{"CVE-2012-0384 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2},
	{"CVE-2015-1098 FIRST v3.1 examples", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2014-0160 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5},
	{"CVE-2014-6271 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
	{"CVE-2008-1447 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8},
	{"CVE-2014-2005 FIRST v3.1 examples", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8},
	{"CVE-2010-0467 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8},
	{"CVE-2012-1342 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8},
	{"CVE-2013-6014 FIRST v3.1 examples", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3},
	{"CVE-2019-7551 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9.0},
	{"CVE-2011-1265 FIRST v3.1 examples", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8},
	{"CVE-2014-2019 FIRST v3.1 examples", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6},
	{"CVE-2015-0970 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8},
	{"CVE-2014-0224 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4},
	{"CVE-2014-0224 embedded FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N", 5.3},
	{"CVE-2012-5376 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6},
	{"CVE-2016-0128 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8},
	{"CVE-2016-2118 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5},
	{"CVE-2017-5942 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
	{"CVE-2016-5558 FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 8.6},
	{"CVE-2016-5729 FIRST v3.1 examples", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2},
	{"CVE-2015-2890 FIRST v3.1 examples", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0},
	{"CVE-2018-3652 FIRST v3.1 examples", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6},
	{"CVE-2019-0884 Edge FIRST v3.1 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2},
	{"CVE-2022-41741 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0},
	{"CVE-2021-44714 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.3},
	{"CVE-2022-22186 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:L/A:N", 7.2},
	{"CVE-2023-21989 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:N/A:N", 6.0},
	{"CVE-2020-3947 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.3},
	{"CVE-2023-48228 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 7.5},
	{"CVE-2023-30545 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5},
	{"CVE-2021-23846 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9},
	{"CVE-2023-22394 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
	{"CVE-2020-0926 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4},
	{"CVE-2023-5602 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:N", 4.3},
	{"CVE-2022-20759 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8},
	{"CVE-2021-34724 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:N", 6.0},
	{"CVE-2022-20826 FIRST v4.0 examples", "CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.4},
	{"CVE-2021-32570 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N", 4.9},
	{"CVE-2024-1233 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", 7.3},
	{"CVE-2020-10627 FIRST v4.0 examples", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", 8.1},
	{"CVE-2023-20048 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:H", 9.9},
	{"CVE-2026-31431 FIRST v4.0 examples", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8},
	{"CVE-2024-6387 FIRST v4.0 examples", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1},
	{"CVE-2017-0022 NVD", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", 6.5},
	{"CVE-2016-5195 NVD", "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0},
	{"CVE-2018-3721 NVD", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N", 6.5},
}

func TestScoreV30Known(t *testing.T) {
	t.Parallel()
	checkScores(t, v30Known)
}

func TestScoreV31Known(t *testing.T) {
	t.Parallel()
	checkScores(t, v31Known)
}

// The two Roundup definitions on the examples of the v3.1 specification
// (its Roundup definition and Appendix A): Roundup(4.02) = 4.1, Roundup(4.00) = 4.0,
// and the floating-point artefact the v3.1 definition exists to absorb.
func TestRoundup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		in             float64
		want30, want31 float64
	}{
		{"spec example Roundup(4.00) = 4.0", 4.0, 4.0, 4.0},
		{"float noise above an exact decimal", 4.000000000000001, 4.1, 4.0},
		{"zero", 0, 0, 0},
		{"ten", 10, 10, 10},
		{"spec example Roundup(4.02) = 4.1", 4.02, 4.1, 4.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := roundup30(tt.in); got != tt.want30 {
				t.Errorf("roundup30(%v) = %v, want %v", tt.in, got, tt.want30)
			}
			if got := roundup31(tt.in); got != tt.want31 {
				t.Errorf("roundup31(%v) = %v, want %v", tt.in, got, tt.want31)
			}
		})
	}
}
