package secrets

import "testing"

func TestRelaxedPattern(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`a{0,300}b`:           `a{0,}b`,
		`a{2,10}`:             `a{2,10}`,
		`\{0,300}`:            `\{0,300}`,
		`[{0,300}]x{1,100}`:   `[{0,300}]x{1,}`,
		`(?i:k)[^\]{]{3,127}`: `(?i:k)[^\]{]{3,}`,
		`[]{]{0,99}`:          `[]{]{0,}`,
	}
	for in, want := range tests {
		if got := relaxedPattern(in); got != want {
			t.Errorf("relaxedPattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegexWidth(t *testing.T) {
	t.Parallel()
	tests := map[string]int{
		`\bSK[0-9a-f]{32}\b`: 34,
		`a|bcd`:              3,
		`x+`:                 unbounded,
		`^abc`:               unbounded,
		`(?i:k)é`:            5, // k folds to the Kelvin sign, 3 bytes
		`(a{2}){3}`:          6,
	}
	for in, want := range tests {
		if got := regexWidth(in); got != want {
			t.Errorf("regexWidth(%q) = %d, want %d", in, got, want)
		}
	}
}
