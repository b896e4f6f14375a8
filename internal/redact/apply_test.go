package redact

import (
	"strings"
	"testing"
)

func TestApplyActions(t *testing.T) {
	card := luhnComplete("4" + strings.Repeat("1", 14))
	text := "mail bob@example.com card " + card + " ssn 123-45-6789"
	ms := Detect(text, nil, 0.5)
	p := Policy{TypeEmail: Mask, TypeCard: Mask, TypeSSN: Block}
	out, blocked := Apply(text, ms, p, nil)
	want := "mail [EMAIL] card [CARD ****" + card[12:] + "] ssn 123-45-6789"
	if out != want {
		t.Fatalf("Apply = %q, want %q", out, want)
	}
	if len(blocked) != 1 || blocked[0].Type != TypeSSN {
		t.Fatalf("blocked = %+v", blocked)
	}
}

func TestPseudonymiseRestore(t *testing.T) {
	text := "from a@example.com to b@example.com cc a@example.com"
	v := NewVault()
	out, _ := Apply(text, Detect(text, nil, 0), Policy{TypeEmail: Pseudonymise}, v)
	want := "from <EMAIL_1> to <EMAIL_2> cc <EMAIL_1>"
	if out != want {
		t.Fatalf("Apply = %q, want %q", out, want)
	}
	answer := "I wrote to <EMAIL_2> and <EMAIL_1>; <EMAIL_9> and <EMAIL_1 stay."
	got := v.Restore(answer)
	if got != "I wrote to b@example.com and a@example.com; <EMAIL_9> and <EMAIL_1 stay." {
		t.Fatalf("Restore = %q", got)
	}
	if v.Restore(out) != text {
		t.Fatalf("Restore(Apply(x)) != x")
	}
}

func TestPlaceholderNoCollision(t *testing.T) {
	text := "literal <EMAIL_1> and <EMAIL_2> then c@example.com"
	v := NewVault()
	out, _ := Apply(text, Detect(text, nil, 0), Policy{TypeEmail: Pseudonymise}, v)
	if !strings.HasSuffix(out, "then <EMAIL_3>") {
		t.Fatalf("Apply = %q, want the minted placeholder to skip reserved ones", out)
	}
	if got := v.Restore(out); got != text {
		t.Fatalf("Restore = %q, want %q", got, text)
	}
}

func TestZeroVaultAndParse(t *testing.T) {
	var v Vault
	if ph := v.Pseudonym(TypeIPv4, "8.8.8.8"); ph != "<IPV4_1>" {
		t.Fatalf("Pseudonym = %q", ph)
	}
	if s, ok := v.Value("<IPV4_1>"); !ok || s != "8.8.8.8" {
		t.Fatalf("Value = %q %v", s, ok)
	}
	for _, s := range []string{"block", "mask", "pseudonymise", "allow"} {
		a, ok := ParseAction(s)
		if !ok || a.String() != s {
			t.Fatalf("ParseAction(%q) = %v %v", s, a, ok)
		}
	}
	if _, ok := ParseAction("explode"); ok {
		t.Fatal("ParseAction accepted junk")
	}
}

func TestPlaceholderLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"<EMAIL_1>", 9}, {"<UK_NINO_12>x", 12}, {"<EMAIL_>", 0}, {"<EMAIL1>", 0},
		{"<email_1>", 0}, {"<_1>", 0}, {"<EMAIL_1", 0}, {"<A_1a>", 0},
	}
	for _, tc := range tests {
		if got := PlaceholderLen(tc.in); got != tc.want {
			t.Errorf("PlaceholderLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
