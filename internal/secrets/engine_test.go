package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testRules is a small rule file for engine tests; the token values are
// built at run time so this file holds no secret-shaped literal.
const testRules = `
[[rules]]
id = "test-token"
description = "test token"
regex = '''\b(tkn_[a-z0-9]{20})\b'''
keywords = ["tkn_"]
tp = ["x"]
fp = ["y"]

[[rules]]
id = "test-block"
description = "multi-line block"
regex = '''BEGIN TEST\n([a-z\n]{10,200})\nEND TEST'''
keywords = ["begin test"]
window = 4096
`

func compileString(tb testing.TB, src string, opts Options) *Detector {
	tb.Helper()
	f, err := Parse("test.toml", []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	d, err := compile([]namedFile{{"test.toml", f}}, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func token(rng *rand.Rand) string { return "tkn_" + randomString(rng, charsets["alnumlower"], 20) }

func TestScanLocations(t *testing.T) {
	t.Parallel()
	d := compileString(t, testRules, Options{})
	rng := rand.New(rand.NewPCG(1, 2))
	tok := token(rng)
	// The same secret three times: twice on line 2, once on line 4.
	data := "first line\nA=" + tok + " B=" + tok + "\n\n  C=" + tok + "\n"
	ms := d.Scan(Target{Path: "x.env"}, []byte(data))
	if len(ms) != 3 {
		t.Fatalf("got %d matches, want 3", len(ms))
	}
	want := [][2]int{{2, 3}, {2, 3 + len(tok) + 3}, {4, 5}}
	for i, m := range ms {
		if m.Line != want[i][0] || m.Column != want[i][1] {
			t.Errorf("match %d at %d:%d, want %d:%d", i, m.Line, m.Column, want[i][0], want[i][1])
		}
		if m.Secret != tok || data[m.Start:m.End] != tok {
			t.Errorf("match %d secret span wrong", i)
		}
		if m.EndColumn != m.Column+len(tok) {
			t.Errorf("match %d end column %d", i, m.EndColumn)
		}
	}
}

func TestScanMultilineWindow(t *testing.T) {
	t.Parallel()
	d := compileString(t, testRules, Options{})
	data := "x\nBEGIN TEST\nabcdefghij\nklmnopqrst\nEND TEST\n"
	ms := d.Scan(Target{}, []byte(data))
	if len(ms) != 1 || ms[0].Line != 3 || ms[0].EndLine != 4 {
		t.Fatalf("got %+v", ms)
	}
}

func TestScanDecoded(t *testing.T) {
	t.Parallel()
	d := compileString(t, testRules, Options{DecodeDepth: 2})
	rng := rand.New(rand.NewPCG(3, 4))
	tok := token(rng)
	inner := "config: token=" + tok + " end"
	b64 := base64.StdEncoding.EncodeToString([]byte(inner))
	tests := map[string]struct {
		data    string
		decoded string
	}{
		"base64":        {"value: " + b64 + "\n", "base64"},
		"hex":           {"value: " + hex.EncodeToString([]byte(inner)) + "\n", "hex"},
		"percent":       {"q=" + url.QueryEscape(inner) + "\n", "percent"},
		"base64 of b64": {"v=" + base64.StdEncoding.EncodeToString([]byte("x: "+b64+" y")) + "\n", "base64,base64"},
	}
	for name, tt := range tests {
		ms := d.Scan(Target{}, []byte(tt.data))
		if len(ms) != 1 || ms[0].Decoded != tt.decoded || ms[0].Secret != tok || ms[0].Line != 1 {
			t.Errorf("%s: got %+v", name, ms)
		}
	}
	off := compileString(t, testRules, Options{DecodeDepth: 0})
	if ms := off.Scan(Target{}, []byte(tests["base64"].data)); len(ms) != 0 {
		t.Errorf("decode depth 0 still decoded: %+v", ms)
	}
}

func TestMatcherAgreesWithNaiveSearch(t *testing.T) {
	t.Parallel()
	kws := []string{"he", "she", "his", "hers", "tkn_", "a", "aaa", "xoxb-"}
	m := newMatcher(kws)
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 200 {
		size := 200
		if round%4 == 0 {
			size = splitAt + rng.IntN(3*splitAt) // the two-stream path
		}
		text := randomString(rng, "hesiTKN_aAxob-r ", size)
		got := map[[2]int]bool{}
		last := 0
		m.scan([]byte(text), nil, func(kw int32, end int) {
			if end < last {
				t.Fatalf("hit at %d after one at %d", end, last)
			}
			last = end
			got[[2]int{int(kw), end}] = true
		})
		lower := strings.ToLower(text)
		n := 0
		for ki, k := range kws {
			for i := 0; i+len(k) <= len(lower); i++ {
				if lower[i:i+len(k)] == k {
					n++
					if !got[[2]int{ki, i + len(k)}] {
						t.Fatalf("missed %q at %d in %q", k, i, text)
					}
				}
			}
		}
		if n != len(got) {
			t.Fatalf("matcher found %d hits, naive %d", len(got), n)
		}
	}
}

func TestAllowlists(t *testing.T) {
	t.Parallel()
	src := testRules[:strings.Index(testRules, "[[rules]]\nid = \"test-block\"")] + `
[[rules.allowlists]]
stopwords = ["zzzz"]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''fixture''']
[[allowlists]]
paths = ['''^testdata/''']
`
	d := compileString(t, src, Options{})
	rng := rand.New(rand.NewPCG(7, 8))
	tok := token(rng)
	cases := []struct {
		path, data string
		want       int
	}{
		{"a.txt", "t=" + tok, 1},
		{"testdata/a.txt", "t=" + tok, 0},
		{"a.txt", "t=" + tok + " # fixture", 0},
		{"a.txt", "t=tkn_zzzz" + tok[8:], 0},
	}
	for _, c := range cases {
		if got := len(d.Scan(Target{Path: c.path}, []byte(c.data))); got != c.want {
			t.Errorf("%s %q: %d matches, want %d", c.path, c.data, got, c.want)
		}
	}
}

// TestGitleaksConfig reads a user file in gitleaks' format that extends
// the built-in rules and disables one of them.
func TestGitleaksConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "gitleaks.toml")
	src := `title = "custom"
[extend]
useDefault = true
disabledRules = ["generic-credential"]

[[rules]]
id = "internal-token"
description = "Our internal token"
regex = '''corp_[A-Z0-9]{16}'''
keywords = ["corp_"]

[allowlist]
paths = ['''ignored/''']
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := New(Options{ConfigPath: path})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range d.Rules() {
		ids = append(ids, r.ID)
	}
	joined := "," + strings.Join(ids, ",") + ","
	if !strings.Contains(joined, ",internal-token,") || strings.Contains(joined, ",generic-credential,") {
		t.Errorf("rules = %v", ids)
	}
	value := "corp_" + strings.ToUpper(randomString(rand.New(rand.NewPCG(9, 9)), charsets["alnumupper"], 16))
	if ms := d.Scan(Target{Path: "a.txt"}, []byte("k="+value)); !hasRule(ms, "internal-token") {
		t.Errorf("custom rule did not fire: %v", ruleIDs(ms))
	}
	if ms := d.Scan(Target{Path: "ignored/a.txt"}, []byte("k="+value)); len(ms) != 0 {
		t.Errorf("global allowlist path not applied: %v", ruleIDs(ms))
	}
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"syntax":    "[[rules]\nid = 1",
		"unknown":   "[[rules]]\nid = \"x\"\nregexx = \"a\"",
		"regex":     "[[rules]]\nid = \"x\"\nregex = '''(['''\nkeywords=[\"a\"]",
		"group":     "[[rules]]\nid = \"x\"\nregex = '''a'''\nsecretGroup = 3",
		"severity":  "[[rules]]\nid = \"x\"\nregex = '''a'''\nseverity = \"dire\"",
		"checksum":  "[[rules]]\nid = \"x\"\nregex = '''a'''\nchecksum = \"luhn9\"",
		"condition": "[[rules]]\nid = \"x\"\nregex = '''a'''\n[[rules.allowlists]]\ncondition = \"XOR\"",
	}
	for name, src := range cases {
		f, err := Parse("bad.toml", []byte(src))
		if err == nil {
			_, err = compile([]namedFile{{"bad.toml", f}}, Options{})
		}
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), "bad.toml") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	f, _ := Parse("bad.toml", []byte("[[rules]]\nid = \"ok\"\nregex = 'a'\n\n[[rules]]\nid = \"broken\"\nregex = '(['\n"))
	if _, err := compile([]namedFile{{"bad.toml", f}}, Options{}); err == nil || !strings.Contains(err.Error(), "bad.toml:6: rule broken") {
		t.Errorf("regex error line: %v", err)
	}
	_, err := Parse("bad.toml", []byte("a = 1\n[[rules]\n"))
	if ce, ok := err.(*ConfigError); !ok || ce.Line < 2 {
		t.Errorf("syntax error line: %v", err)
	}
}

func TestChecksum(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(10, 11))
	for range 50 {
		good, _ := Expand("{{crc32:ghp_}}", rng)
		bad, _ := Expand("{{crc32bad:ghp_}}", rng)
		if !crc32Base62Valid(good) || crc32Base62Valid(bad) {
			t.Fatalf("checksum: good=%v bad=%v", crc32Base62Valid(good), crc32Base62Valid(bad))
		}
	}
}

func TestScanHugeLineAndInvalidUTF8(t *testing.T) {
	t.Parallel()
	d := defaultDetector(t)
	data := bytes.Repeat([]byte("key=\xff\xfe"), 1<<16)
	data = append(data, bytes.Repeat([]byte("a"), 1<<20)...)
	d.Scan(Target{Path: "x"}, data) // must not panic or hang
}

// TestDenseLineIsLinear: doubling a keyword-dense line must not much more
// than double the time (it was quadratic once).
func TestDenseLineIsLinear(t *testing.T) {
	d := defaultDetector(t)
	measure := func(n int) time.Duration {
		in := denseLine(n)
		start := time.Now()
		d.Scan(Target{Path: "bundle.min.js"}, in)
		return time.Since(start)
	}
	measure(1000) // warm up
	small, large := measure(5000), measure(20000)
	if large > 10*small+200*time.Millisecond {
		t.Errorf("20,000 hits took %v, 5,000 took %v: worse than linear", large, small)
	}
}
