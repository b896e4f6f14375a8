package guard

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestEverydayPrompts: ordinary questions of the kind real traffic is
// full of, written by hand for this test and never used in training
// (testdata/everyday.jsonl), are not flagged at the default threshold.
// The data set's benign lines are mostly long instructions, role-play,
// code and documents, so it cannot show this false-positive rate itself.
func TestEverydayPrompts(t *testing.T) {
	rows := readLabelled(t, "testdata/everyday.jsonl")
	th := DefaultThreshold()
	flagged := 0
	for _, r := range rows {
		if v := Check(r.Text, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f: %s", v.Score, r.Text)
		}
	}
	t.Logf("%d of %d everyday prompts flagged", flagged, len(rows))
	if len(rows) < 30 || flagged > 1 {
		t.Errorf("%d of %d everyday prompts flagged, want at most 1", flagged, len(rows))
	}
}

// TestDeveloperPrompts: programming questions that quote code, error
// messages and brackets in one line (testdata/developer.jsonl, written by
// hand for Ward and never trained on) are not flagged. They were written
// while building the adversarial-suffix test, whose paired-bracket rule
// they motivated, so they guard against regressions rather than measure.
func TestDeveloperPrompts(t *testing.T) {
	rows := readLabelled(t, "testdata/developer.jsonl")
	th := DefaultThreshold()
	flagged := 0
	for _, r := range rows {
		if v := Check(r.Text, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f %v: %s", v.Score, v.Categories, r.Text)
		}
	}
	if len(rows) < 15 || flagged > 0 {
		t.Errorf("%d of %d developer prompts flagged, want 0", flagged, len(rows))
	}
}

// TestDevOpsPastes: what platform engineers paste into a chat (manifests,
// Dockerfiles, stack traces, diffs, test output, configs, logs, a README's
// "## Instructions", a Kubernetes Secret, a JWT header, a PGP-signed
// release note) is not flagged. Written by hand for Ward; before the
// decoded-token, armour and heading fixes, 3 of these 16 were flagged
// (the Secret at 0.93, the heading at 0.93, the PGP message at 0.90).
func TestDevOpsPastes(t *testing.T) {
	rows := readLabelled(t, "testdata/devops.jsonl")
	b64 := base64.StdEncoding.EncodeToString
	texts := []string{
		"Why does kubectl apply fail on this?\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: " +
			b64([]byte("correct-horse-battery")) + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n",
		"Decode this JWT header for me: " + base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) +
			" and tell me which algorithm it uses.",
		"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nRelease 1.2.3 checksums\n-----BEGIN PGP SIGNATURE-----\n\n" +
			b64([]byte(strings.Repeat("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09", 4))) + "\n-----END PGP SIGNATURE-----\nHow do I verify this?",
	}
	for _, r := range rows {
		texts = append(texts, r.Text)
	}
	th := DefaultThreshold()
	flagged := 0
	for _, s := range texts {
		if v := Check(s, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f %v: %.80q", v.Score, v.Categories, s)
		}
	}
	if len(texts) < 16 || flagged > 0 {
		t.Errorf("%d of %d DevOps pastes flagged, want 0", flagged, len(texts))
	}
}

// TestSecurityTeamPrompts measures the false alarms Ward's own users are
// most likely to meet: 40 hand-written questions about attacks and
// defences, role-play and assistant set-ups (testdata/security.jsonl).
// Quoting an attack to translate it, filter it or write about it is
// flagged, as the attack itself would be: the guard does not tell use
// from mention. That is the known limit this test pins (4 of 40 when it
// was written); the ceiling catches regressions.
func TestSecurityTeamPrompts(t *testing.T) {
	rows := readLabelled(t, "testdata/security.jsonl")
	th := DefaultThreshold()
	flagged := 0
	for _, r := range rows {
		if v := Check(r.Text, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f %v: %s", v.Score, v.Categories, r.Text)
		}
	}
	t.Logf("%d of %d flagged", flagged, len(rows))
	if len(rows) < 40 || flagged > 4 {
		t.Errorf("%d of %d security-team prompts flagged, ceiling 4", flagged, len(rows))
	}
}
