package secrets

import (
	"strconv"
	"testing"
)

func FuzzParseRules(f *testing.F) {
	f.Add(testRules)
	f.Add("[extend]\nuseDefault = true\n[[rules]]\nid='a'\nregex='''(?i)x{1,3}'''\nkeywords=['x']")
	f.Add("[[rules]]\nid='a'\nregex='''a'''\n[[rules.allowlists]]\nregexes=['''[''']")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("fuzz.toml", []byte(src))
		if err != nil {
			return
		}
		d, err := compile([]namedFile{{"fuzz.toml", file}}, Options{DecodeDepth: 1})
		if err != nil {
			return
		}
		d.Scan(Target{Path: "a"}, []byte(src))
	})
}

func FuzzDecode(f *testing.F) {
	f.Add("dG9rZW49dGtuX2FiY2RlZmdoaWprbG1ub3BxcnN0")
	f.Add("746f6b656e3d746b6e5f6162636465666768696a6b6c6d6e6f707172737430")
	f.Add("a%3Db%26token%3Dtkn_abcdefghijklmnopqrst%20x")
	f.Add("%%%%%41%4")
	f.Fuzz(func(t *testing.T, s string) {
		for _, seg := range encodedSegments([]byte(s)) {
			if seg.start < 0 || seg.end > len(s) || seg.start >= seg.end {
				t.Fatalf("segment %d..%d outside input of %d", seg.start, seg.end, len(s))
			}
		}
	})
}

func FuzzScan(f *testing.F) {
	d, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("password = " + strconv.Quote("hunter"+"2hunter2!") + "\n")
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nabc\n")
	f.Add("key=\\\"x\\\"")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range d.Scan(Target{Path: "f.txt"}, []byte(s)) {
			if m.Line < 1 || m.Column < 1 || m.EndLine < m.Line {
				t.Fatalf("bad location %+v", m)
			}
		}
	})
}

func FuzzExpand(f *testing.F) {
	f.Add("a {{alnum:5}} {{set:ab:3}} {{crc32:ghp_}} {{pem:X}}")
	f.Add("{{")
	f.Add("{{set::1}}")
	f.Fuzz(func(t *testing.T, tmpl string) {
		_, _ = Expand(tmpl, sampleRNG("fuzz", 0, 0))
	})
}
