package cvss

import "testing"

// Known CVSS v2 base scores. Every pair comes from an authoritative source,
// never from this package:
//
//   - "FIRST v3.1 examples": Common Vulnerability Scoring System v3.1
//     Examples, Revision 2 (https://www.first.org/cvss/examples), which lists
//     the CVSS v2.0 base metrics and base score of each example.
//   - "NVD": the CVE record published by NVD (cvssMetricV2, source
//     nvd@nist.gov), as mirrored in github.com/fkie-cad/nvd-json-data-feeds.
var v2Known = []scoreCase{
	{"CVE-2013-0375 FIRST v3.1 examples", "AV:N/AC:L/Au:S/C:P/I:P/A:N", 5.5},
	{"CVE-2014-3566 FIRST v3.1 examples", "AV:N/AC:M/Au:N/C:P/I:N/A:N", 4.3},
	{"CVE-2012-1516 FIRST v3.1 examples", "AV:N/AC:L/Au:S/C:C/I:C/A:C", 9.0},
	{"CVE-2009-0783 FIRST v3.1 examples", "AV:L/AC:L/Au:N/C:P/I:P/A:P", 4.6},
	{"CVE-2012-0384 FIRST v3.1 examples", "AV:N/AC:M/Au:S/C:C/I:C/A:C", 8.5},
	{"CVE-2015-1098 FIRST v3.1 examples", "AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8},
	{"CVE-2014-0160 FIRST v3.1 examples", "AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0},
	{"CVE-2008-1447 FIRST v3.1 examples", "AV:N/AC:L/Au:N/C:N/I:P/A:N", 5.0},
	{"CVE-2014-2005 FIRST v3.1 examples", "AV:L/AC:M/Au:N/C:C/I:C/A:C", 6.9},
	{"CVE-2013-6014 FIRST v3.1 examples", "AV:A/AC:L/Au:N/C:N/I:C/A:N", 6.1},
	{"CVE-2019-7551 FIRST v3.1 examples", "AV:N/AC:M/Au:S/C:P/I:P/A:P", 6.0},
	{"CVE-2009-0658 FIRST v3.1 examples", "AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3},
	{"CVE-2011-1265 FIRST v3.1 examples", "AV:A/AC:L/Au:N/C:C/I:C/A:C", 8.3},
	{"CVE-2014-2019 FIRST v3.1 examples", "AV:L/AC:L/Au:N/C:N/I:C/A:N", 4.9},
	{"CVE-2014-0224 FIRST v3.1 examples", "AV:N/AC:M/Au:N/C:P/I:P/A:N", 5.8},
	{"CVE-2012-5376 FIRST v3.1 examples", "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0},
	{"CVE-2017-5942 FIRST v3.1 examples", "AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3},
	{"CVE-2016-5558 FIRST v3.1 examples", "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5},
	{"CVE-2016-5729 FIRST v3.1 examples", "AV:L/AC:L/Au:S/C:C/I:C/A:C", 6.8},
	{"CVE-2015-2890 FIRST v3.1 examples", "AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2},
	{"CVE-2019-0884 FIRST v3.1 examples", "AV:N/AC:H/Au:N/C:C/I:C/A:C", 7.6},
	{"CVE-2017-0004 NVD", "AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8},
	{"CVE-2017-0016 NVD", "AV:N/AC:M/Au:N/C:N/I:N/A:C", 7.1},
	{"CVE-2017-0051 NVD", "AV:A/AC:M/Au:N/C:N/I:N/A:P", 2.9},
	{"CVE-2017-0075 NVD", "AV:A/AC:M/Au:S/C:C/I:C/A:C", 7.4},
	{"CVE-2017-0096 NVD", "AV:A/AC:M/Au:S/C:P/I:N/A:N", 2.3},
	{"CVE-2017-0066 NVD", "AV:N/AC:H/Au:N/C:P/I:P/A:N", 4.0},
	{"CVE-2018-3721 NVD", "AV:N/AC:L/Au:S/C:N/I:P/A:N", 4.0},
	{"CVE-2018-3728 NVD", "AV:N/AC:L/Au:S/C:P/I:P/A:P", 6.5},
	{"CVE-2017-16138 NVD", "AV:N/AC:L/Au:N/C:N/I:N/A:P", 5.0},
	{"CVE-2017-0183 NVD", "AV:N/AC:M/Au:S/C:N/I:N/A:C", 6.3},
	{"CVE-2017-0178 NVD", "AV:A/AC:M/Au:S/C:N/I:N/A:C", 5.2},
	{"CVE-2017-0188 NVD", "AV:L/AC:L/Au:N/C:P/I:N/A:N", 2.1},
	{"CVE-2017-0195 NVD", "AV:N/AC:M/Au:S/C:N/I:P/A:N", 3.5},
	{"CVE-2017-0785 NVD", "AV:A/AC:L/Au:N/C:P/I:N/A:N", 3.3},
	{"CVE-2017-5638 NVD", "AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0},
	{"CVE-2016-5195 NVD", "AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2},
}

func TestScoreV2Known(t *testing.T) {
	t.Parallel()
	checkScores(t, v2Known)
}
