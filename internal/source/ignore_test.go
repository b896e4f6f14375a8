package source

import "testing"

func TestIgnoreStack(t *testing.T) {
	t.Parallel()
	root := parseIgnore("", []byte("# comment\n*.log\n!keep.log\nbuild/\n/top.txt\ndocs/**/*.md\n\\#hash\nspace\\ \n"))
	sub := parseIgnore("pkg", []byte("gen_*.go\n!important.log\n"))
	stack := ignoreStack{root, sub}
	tests := []struct {
		path string
		dir  bool
		want bool
	}{
		{"a.log", false, true},
		{"x/y/a.log", false, true},
		{"keep.log", false, false},
		{"build", true, true},
		{"build", false, false}, // dir-only pattern, a file of that name
		{"src/build", true, true},
		{"top.txt", false, true},
		{"sub/top.txt", false, false},
		{"docs/a/b/c.md", false, true},
		{"docs/c.md", false, true},
		{"#hash", false, true},
		{"pkg/gen_x.go", false, true},
		{"gen_x.go", false, false},
		{"pkg/important.log", false, false},
		{"pkg/other.log", false, true},
		{"main.go", false, false},
	}
	for _, tt := range tests {
		if got := stack.ignored(tt.path, tt.dir); got != tt.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", tt.path, tt.dir, got, tt.want)
		}
	}
}

func TestCompileGlob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"testdata/**", "testdata/a/b.txt", true},
		{"testdata/**", "src/testdata/a.txt", false},
		{"*.pem", "a/b/c.pem", true},
		{"internal/*/rules/*.toml", "internal/secrets/rules/x.toml", true},
		{"docs", "docs/readme.md", true},
		{"a?c.txt", "abc.txt", true},
		{"[ab].txt", "c.txt", false},
	}
	for _, tt := range tests {
		re, err := CompileGlob(tt.glob)
		if err != nil {
			t.Fatal(err)
		}
		if got := re.MatchString(tt.path); got != tt.want {
			t.Errorf("CompileGlob(%q).Match(%q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
}

func FuzzIgnore(f *testing.F) {
	for _, s := range []string{"*.log\n!a.log", "**/x/**", "[a-", "\\", "a/**/b/", "[!ab]c"} {
		f.Add(s, "a/b/c.log")
	}
	f.Fuzz(func(t *testing.T, patterns, path string) {
		st := ignoreStack{parseIgnore("", []byte(patterns))}
		st.ignored(path, false)
		st.ignored(path, true)
		_, _ = CompileGlob(patterns)
	})
}
