package cvss

import "testing"

// Known CVSS v4.0 base (CVSS-B) scores from the FIRST Common Vulnerability
// Scoring System v4.0 Examples document, version 1.7.1
// (https://www.first.org/cvss/v4.0/examples). The score is the one printed
// next to the vector in each example's table. Where the document contradicts
// itself the table value is used, as it is the one the FIRST calculator
// linked from the vector gives: the headings of CVE-2023-48228 (9.4),
// CVE-2016-5729 (9.3), CVE-2015-2890 (8.7), CVE-2018-3652 (8.6) and
// CVE-2026-31431 (10.0) disagree with their tables (9.3, 8.4, 7.1, 7.0 and
// 8.5). The "log4j immutable containers" base vector
// AV:N/AC:H/AT:P/.../SC:N/SI:N/SA:N printed as 8.2 is left out: 8.2 is the
// score of that vector with E:P (the regreSSHion example), not its base score.
var v4Known = []scoreCase{
	{"CVE-2022-41741", "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3},
	{"CVE-2020-3549", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7},
	{"CVE-2023-3089", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 8.3},
	{"CVE-2021-44714", "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4.6},
	{"CVE-2022-21830", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1},
	{"CVE-2022-22186", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 6.9},
	{"CVE-2023-21989", "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 5.9},
	{"CVE-2020-3947", "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4},
	{"CVE-2023-48228", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 9.3},
	{"CVE-2023-30560 with supplemental", "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/S:P/V:D", 8.3},
	{"CVE-2026-48172 E:A", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A", 10.0},
	{"CVE-2014-0160 E:A", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 8.7},
	{"CVE-2021-44228 E:A", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.3},
	{"CVE-2014-6271 E:A", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.3},
	{"CVE-2013-6014", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 6.4},
	{"CVE-2016-5729 with supplemental", "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/R:I", 8.4},
	{"CVE-2015-2890 with supplemental", "CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/R:I", 7.1},
	{"CVE-2018-3652", "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.0},
	{"CVE-2023-30545", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 7.1},
	{"CVE-2021-23846", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.2},
	{"CVE-2023-22394", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L", 8.7},
	{"CVE-2022-24682", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1},
	{"CVE-2022-24682 variation", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:L/SI:L/SA:N", 5.1},
	{"CVE-2020-0926", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1},
	{"CVE-2024-55228", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N", 8.5},
	{"CVE-2023-5602", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1},
	{"CVE-2022-20759", "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7},
	{"CVE-2021-34724", "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", 8.3},
	{"CVE-2023-28311", "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5},
	{"CVE-2022-22965 E:A", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.2},
	{"CVE-2022-20826", "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 5.4},
	{"CVE-2022-21500", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.7},
	{"CVE-2021-32570", "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 6.9},
	{"CVE-2022-26134", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3},
	{"CVE-2023-20245", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:L/SA:N", 6.9},
	{"CVE-2023-20245 variation", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:L/SI:N/SA:H", 7.8},
	{"CVE-2024-1233", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:L/SI:L/SA:L", 6.9},
	{"CVE-2023-28728 with supplemental", "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P", 8.5},
	{"CVE-2022-47379 with supplemental", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:P/AU:Y/V:C/RE:L", 9.4},
	{"CVE-2020-10627 with supplemental", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P", 8.6},
	{"CVE-2020-28196 with supplemental", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/V:C", 8.7},
	{"CVE-2023-20048", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H", 6.4},
	{"CVE-2024-23897", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0},
	{"CVE-2026-31431", "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5},
}

func TestScoreV4Known(t *testing.T) {
	t.Parallel()
	checkScores(t, v4Known)
}

// The MacroVector table must hold exactly the 270 MacroVectors the
// specification defines (3*2*3*3*3*2 combinations, less the 54 with EQ3=2
// and EQ6=0, which no vector can reach), each with a score in (0, 10].
func TestMacroVectorTable(t *testing.T) {
	t.Parallel()
	if got, want := len(macroVectorScores), 270; got != want {
		t.Fatalf("len(macroVectorScores) = %d, want %d", got, want)
	}
	var present int
	for a := range 3 {
		for b := range 2 {
			for c := range 3 {
				for d := range 3 {
					for e := range 3 {
						for f := range 2 {
							s, ok := macroScore(macroVector{a, b, c, d, e, f})
							if want := !(c == 2 && f == 0); ok != want {
								t.Errorf("macroScore(%d%d%d%d%d%d) present = %v, want %v", a, b, c, d, e, f, ok, want)
							}
							if ok {
								present++
								if s <= 0 || s > 100 {
									t.Errorf("macroScore(%d%d%d%d%d%d) = %d tenths, want 1..100", a, b, c, d, e, f, s)
								}
							}
						}
					}
				}
			}
		}
	}
	if present != 270 {
		t.Errorf("present MacroVectors = %d, want 270", present)
	}
	if _, ok := macroScore(macroVector{3, 0, 0, 0, 0, 0}); ok {
		t.Error("macroScore accepts EQ1=3, want out of range")
	}
}
