package finding

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":                 "",
		"abc":              "…(3 chars)",
		"abcdefgh":         "ab…(8 chars)",
		"abcdefghijklmnop": "abcd…(16 chars)",
		"ééééééééé":        "éé…(9 chars)",
	}
	for in, want := range tests {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("x", 40)
	if got := RedactIn("key="+long+" and "+long, long); strings.Contains(got, long) {
		t.Errorf("RedactIn left the secret: %q", got)
	}
}

func TestSeverity(t *testing.T) {
	t.Parallel()
	for _, s := range []Severity{Info, Low, Medium, High, Critical} {
		got, err := ParseSeverity(strings.ToUpper(s.String()))
		if err != nil || got != s {
			t.Errorf("round trip %v: %v %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("dire"); err == nil {
		t.Error("ParseSeverity(dire) accepted")
	}
	if Fingerprint("r", "p", "s") == Fingerprint("r", "p", "t") || len(Fingerprint("r", "p", "s")) != 32 {
		t.Error("fingerprints collide or have the wrong length")
	}
}
