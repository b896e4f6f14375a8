package cvss

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// scoreCase is a vector and the base score a source gives for it.
type scoreCase struct {
	name   string
	vector string
	want   float64
}

// checkScores runs Score on each case in a parallel subtest named after it,
// failing the subtest on an error or a score other than the wanted one.
func checkScores(t *testing.T, cases []scoreCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Score(tt.vector)
			if err != nil {
				t.Fatalf("Score(%q) error: %v", tt.vector, err)
			}
			if got != tt.want {
				t.Errorf("Score(%q) = %v, want %v", tt.vector, got, tt.want)
			}
		})
	}
}

// Non-base metrics are validated but never change the score. Each want is
// the base score the source gives for the same base metrics.
func TestScoreIgnoresNonBaseMetrics(t *testing.T) {
	t.Parallel()
	tests := []scoreCase{
		{
			// FIRST v4.0 examples, CVE-2020-3549: Base 7.7 (Base+Threat 5.2).
			name:   "v4 threat",
			vector: "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
			want:   7.7,
		},
		{
			// FIRST v4.0 examples, CVE-2023-3089: Base 8.3 (Base+Environmental 8.1).
			name:   "v4 environmental",
			vector: "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L",
			want:   8.3,
		},
		{
			// FIRST v4.0 examples, CVE-2023-20048: Base 6.4 (BTE 2.4).
			name:   "v4 threat, environmental and supplemental",
			vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H/E:U/MAV:A/R:U/V:C",
			want:   6.4,
		},
		{
			// FIRST v4.0 examples, CVE-2020-10627: Base 8.6 (Base+Environmental 9.7 with MSI:S).
			name:   "v4 modified safety",
			vector: "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P",
			want:   8.6,
		},
		{
			// FIRST v4.0 examples, CVE-2014-0160: v3.1 Base 7.5 (Base+Temporal 7.0).
			name:   "v3.1 temporal",
			vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:F/RL:O/RC:C",
			want:   7.5,
		},
		{
			// FIRST v3.1 examples, CVE-2014-0160: v3.1 Base 7.5.
			name:   "v3.1 every environmental metric not defined",
			vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X",
			want:   7.5,
		},
		{
			// FIRST v3.1 examples, CVE-2014-0160: v2.0 Base 5.0.
			name:   "v2 temporal and environmental",
			vector: "AV:N/AC:L/Au:N/C:P/I:N/A:N/E:F/RL:OF/RC:C/CDP:LM/TD:H/CR:H/IR:M/AR:L",
			want:   5.0,
		},
	}
	checkScores(t, tests)
}

// Accepted variations of the vector syntax give the score of the canonical
// form (CVE-2021-44228, NVD: 10.0; CVE-2012-1516, FIRST v3.1 examples: v2
// 9.0; CVE-2022-41741, FIRST v4.0 examples: 7.3).
func TestScoreSyntaxVariations(t *testing.T) {
	t.Parallel()
	tests := []scoreCase{
		{"v2 in parentheses", "(AV:N/AC:L/Au:S/C:C/I:C/A:C)", 9.0},
		{"v2 surrounding space", "  AV:N/AC:L/Au:S/C:C/I:C/A:C\n", 9.0},
		{"v2 any order", "A:C/I:C/C:C/Au:S/AC:L/AV:N", 9.0},
		{"v3.1 any order", "CVSS:3.1/S:C/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N", 10.0},
		{"v3.1 surrounding space", "\tCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H ", 10.0},
		{"v4 any order", "CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:L/AT:P/AC:L/AV:L", 7.3},
	}
	checkScores(t, tests)
}

// Impacts of None score 0 in every version (v2 and v3 equations: impact 0
// gives a base score of 0; v4.0 specification: no impact on either system
// scores 0.0).
func TestScoreNoImpact(t *testing.T) {
	t.Parallel()
	for _, vector := range []string{
		"AV:N/AC:L/Au:N/C:N/I:N/A:N",
		"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
	} {
		got, err := Score(vector)
		if err != nil {
			t.Fatalf("Score(%q) error: %v", vector, err)
		}
		if got != 0 {
			t.Errorf("Score(%q) = %v, want 0", vector, got)
		}
	}
}

func TestScoreErrors(t *testing.T) {
	t.Parallel()
	const v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	tests := []struct {
		name    string
		vector  string
		wantMsg string
	}{
		{"empty", "", "cvss: empty vector"},
		{"blank", " \t\n", "cvss: empty vector"},
		{"too long", v31 + strings.Repeat("/E:X", 120), "cvss: vector too long (524 bytes, limit 512)"},
		{"prefix only", "CVSS:3.1/", "cvss: no metrics"},
		{"unsupported version", "CVSS:3.2/AV:N", "cvss: unsupported version prefix CVSS:3.2"},
		{"v2 prefix is not a v2 vector", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "cvss: unsupported version prefix CVSS:2.0"},
		{"prefix without slash", "CVSS:3.1", "cvss: no metrics"},
		{"lower-case prefix", "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `cvss: unknown metric cvss`},
		{"missing base metric", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "cvss: metric A missing"},
		{"missing v4 base metric", "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "cvss: metric AT missing"},
		{"missing v2 base metric", "AV:N/AC:L/C:P/I:P/A:P", "cvss: metric Au missing"},
		{"unknown value", "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: unknown value X for AC"},
		{"v4 value in v3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H", "cvss: unknown value P for UI"},
		{"safety in a base metric", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "cvss: unknown value S for SI"},
		{"lower-case value", "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: unknown value n for AV"},
		{"empty value", "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `cvss: unknown value "" for AV`},
		{"value with colon", "CVSS:3.1/AV:N:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: unknown value N:N for AV"},
		{"repeated metric", "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: metric AV repeated"},
		{"repeated optional metric", v31 + "/E:X/E:X", "cvss: metric E repeated"},
		{"unknown metric", v31 + "/XX:Y", "cvss: unknown metric XX"},
		{"v3 metric in v2", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: unknown metric PR"},
		{"v3 vector as v4", "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: unknown value U for S"},
		{"v2 metric in v3", "CVSS:3.1/AV:N/AC:L/Au:N/C:P/I:P/A:P", "cvss: unknown metric Au"},
		{"doubled slash", "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: empty component (doubled or trailing '/')"},
		{"trailing slash", v31 + "/", "cvss: empty component (doubled or trailing '/')"},
		{"no colon", "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss: malformed component AVN (want NAME:VALUE)"},
		{"unbalanced parenthesis", "(AV:N/AC:L/Au:N/C:P/I:P/A:P", `cvss: unknown metric (AV`},
		{"control character", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\x00", `cvss: unknown value "H\x00" for A`},
		{"non-ASCII", "CVSS:3.1/AV:Ñ/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `cvss: unknown value "Ñ" for AV`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Score(tt.vector)
			if err == nil {
				t.Fatalf("Score(%q) = %v, want error %q", tt.vector, got, tt.wantMsg)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Score(%q) error %v does not match ErrInvalid", tt.vector, err)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("Score(%q) error = %q, want %q", tt.vector, err.Error(), tt.wantMsg)
			}
			if got != 0 {
				t.Errorf("Score(%q) = %v with an error, want 0", tt.vector, got)
			}
		})
	}
}

func TestScoreLengthLimit(t *testing.T) {
	t.Parallel()
	// A valid vector padded with space up to the limit is still accepted;
	// one byte more is refused before parsing.
	const v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"
	atLimit := v + strings.Repeat(" ", MaxVectorLen-len(v))
	if got, err := Score(atLimit); err != nil || got != 10.0 {
		t.Errorf("Score(%d bytes) = %v, %v; want 10, nil", len(atLimit), got, err)
	}
	if _, err := Score(atLimit + " "); !errors.Is(err, ErrInvalid) {
		t.Errorf("Score(%d bytes) error = %v, want ErrInvalid", len(atLimit)+1, err)
	}
}

func TestLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		score float64
		want  string
	}{
		{0, "none"},
		{-1, "none"},
		{math.NaN(), "none"},
		{0.1, "low"},
		{3.9, "low"},
		{3.95, "low"},
		{4.0, "medium"},
		{6.9, "medium"},
		{7.0, "high"},
		{8.9, "high"},
		{9.0, "critical"},
		{10.0, "critical"},
		{11, "critical"},
		{math.Inf(1), "critical"},
	}
	for _, tt := range tests {
		if got := Level(tt.score); got != tt.want {
			t.Errorf("Level(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
}

// Levels of known vectors: NVD rates Log4Shell CRITICAL, the FIRST v3.1
// examples rate POODLE (3.1) LOW, and a v2 score of 9.3 (CVE-2009-0658,
// FIRST v3.1 examples) is "critical" on the v3 scale Level applies.
func TestLevelOfScores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vector string
		want   string
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "critical"},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "low"},
		{"AV:N/AC:M/Au:N/C:C/I:C/A:C", "critical"},
		{"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "medium"},
	}
	for _, tt := range tests {
		s, err := Score(tt.vector)
		if err != nil {
			t.Fatalf("Score(%q) error: %v", tt.vector, err)
		}
		if got := Level(s); got != tt.want {
			t.Errorf("Level(Score(%q) = %v) = %q, want %q", tt.vector, s, got, tt.want)
		}
	}
}
