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

// TestRestoreHeldToPolicy: restoring under an answer policy puts back
// the values of the types it allows, the mask of those it masks (a
// credential's naming its rule) and leaves the placeholders of those it
// blocks, reporting both, whole or streamed a byte at a time. Before,
// every value was put back, whatever the policy said of its type.
func TestRestoreHeldToPolicy(t *testing.T) {
	t.Parallel()
	card := luhnComplete("4" + strings.Repeat("1", 14))
	token := "tok" + strings.Repeat("9", 20)
	text := "card " + card + " mail a@example.com ssn 123-45-6789"
	v := NewVault()
	in, _ := Apply(text, Detect(text, nil, 0.5), Policy{TypeCard: Pseudonymise, TypeEmail: Pseudonymise, TypeSSN: Pseudonymise}, v)
	v.mint(Match{Type: TypeSecret, Rule: "some-token"}, token)
	if in != "card <CARD_1> mail <EMAIL_1> ssn <SSN_1>" {
		t.Fatalf("Apply = %q", in)
	}
	answer := "Yes: <SSN_1>, <CARD_1>, <EMAIL_1>, <SECRET_1>."
	o := Options{Policy: Policy{TypeCard: Mask, TypeSSN: Block, TypeSecret: Mask}, Vault: v, Restore: true, Types: []string{}}
	want := "Yes: <SSN_1>, [CARD ****" + card[12:] + "], a@example.com, [SECRET:some-token]."
	got, blocked := Redact(answer, o)
	if got != want || len(blocked) != 1 || blocked[0].Type != TypeSSN || answer[blocked[0].Start:blocked[0].End] != "<SSN_1>" {
		t.Errorf("Redact = %q, blocked %+v; want %q", got, blocked, want)
	}
	s := NewStreamRedactor(o)
	var out []byte
	for i := range len(answer) {
		out = append(out, s.Write([]byte(answer[i:i+1]))...)
	}
	out = append(out, s.Flush()...)
	var types []string
	for _, m := range s.Matches() {
		types = append(types, m.Type+" "+answer[m.Start:m.End])
	}
	if string(out) != want || strings.Join(types, ", ") != "SSN <SSN_1>, CARD <CARD_1>, SECRET <SECRET_1>" || len(s.Blocked()) != 1 {
		t.Errorf("streamed %q, matches %q, blocked %+v", out, types, s.Blocked())
	}
	if ph, m, ok := v.Restored("<CARD_1>", o.Policy); !ok || m.Type != TypeCard || ph != "[CARD ****"+card[12:]+"]" {
		t.Errorf("Restored = %q %+v %v", ph, m, ok)
	}
	if got := v.Restore(answer); !strings.Contains(got, card) || !strings.Contains(got, token) {
		t.Errorf("Restore, no policy, = %q", got)
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
	if s, _, ok := v.Restored("<IPV4_1>", nil); !ok || s != "8.8.8.8" {
		t.Fatalf("Restored = %q %v", s, ok)
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
