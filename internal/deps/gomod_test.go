package deps

import (
	"testing"
)

func TestParseGoMod(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "toolchain, indirect requires and replaces",
			file: "gomod/toolchain.mod",
			want: []expectPkg{
				{"stdlib", "1.22.3", 5, "d"},
				{"github.com/go-chi/chi/v5", "v5.0.12", 10, "d"},
				{"github.com/jackc/pgx/v5", "v5.5.4", 11, "d"},
				{"golang.org/x/crypto", "v0.21.0", 12, "d"},
				// The replace names v1.50.0, not the required v1.62.1.
				{"google.golang.org/grpc", "v1.62.1", 13, "d"},
				{"github.com/jackc/pgpassfile", "v1.0.0", 17, ""},
				{"github.com/jackc/pgservicefile", "v0.0.0-20221227161230-091c0ba34f0a", 18, ""},
				{"github.com/acme-forks/ledger", "v0.4.1-0.20240301101500-5f1e2d3c4b5a", 19, ""},
				{"golang.org/x/net", "v0.23.0", 20, ""},
				{"golang.org/x/sys", "v0.18.0", 21, ""},
				{"golang.org/x/text", "v0.14.0", 22, ""},
				{"github.com/docker/docker", "v24.0.7+incompatible", 23, ""},
				{"github.com/acme/internal-tools", "v1.3.0", 26, "dl"},
			},
		},
		{
			name: "go directive, quoted paths, directory replace",
			file: "gomod/godirective.mod",
			want: []expectPkg{
				{"stdlib", "1.21.4", 4, "d"},
				{"github.com/gin-gonic/gin", "v1.9.1", 7, "dl"},
				{"github.com/stretchr/testify", "v1.9.0", 8, "d"},
				{"gopkg.in/yaml.v3", "v3.0.1", 9, ""},
				{"github.com/sirupsen/logrus", "v1.9.3", 12, "d"},
			},
		},
		{
			name: "pre-1.17 module",
			file: "gomod/legacy.mod",
			want: []expectPkg{
				{"stdlib", "1.16", 3, "d"},
				{"github.com/aws/aws-sdk-go", "v1.44.0", 6, "d"},
				{"github.com/pkg/errors", "v0.9.1", 7, "d"},
				{"github.com/urfave/cli/v2", "v2.3.0", 8, "d"},
			},
		},
	}
	runLockCases(t, parseGoMod, Go, "", "", tests)
}

func TestParseGoModOddCases(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "no go directive means no stdlib",
			in:   "module m\n\nrequire golang.org/x/sync v0.6.0\n",
			want: []expectPkg{{"golang.org/x/sync", "v0.6.0", 3, "d"}},
		},
		{
			name: "toolchain default falls back to go",
			in:   "module m\n\ngo 1.23\n\ntoolchain default\n",
			want: []expectPkg{{"stdlib", "1.23", 3, "d"}},
		},
		{
			name: "custom toolchain suffix",
			in:   "module m\ngo 1.22.1\ntoolchain go1.22.5-corp\n",
			want: []expectPkg{{"stdlib", "1.22.5", 3, "d"}},
		},
		{
			name: "release candidate go version",
			in:   "module m\ngo 1.21rc2\n",
			want: []expectPkg{{"stdlib", "1.21rc2", 2, "d"}},
		},
		{
			name: "non-canonical version kept as written",
			in:   "module m\nrequire github.com/a/b v1.2\n",
			want: []expectPkg{{"github.com/a/b", "v1.2", 2, "d"}},
		},
		{
			name: "repeated require is reported once",
			in:   "module m\nrequire github.com/a/b v1.2.0\nrequire github.com/a/b v1.2.0\n",
			want: []expectPkg{{"github.com/a/b", "v1.2.0", 2, "d"}},
		},
		{
			name: "unknown future directive is skipped",
			in:   "module m\ngo 1.30\nfrobnicate all\nrequire github.com/a/b v1.0.0\n",
			want: []expectPkg{
				{"stdlib", "1.30", 2, "d"},
				{"github.com/a/b", "v1.0.0", 4, "d"},
			},
		},
		{
			name: "windows path replace",
			in:   "module m\nrequire example.com/x v1.0.0\nreplace example.com/x v1.0.0 => C:\\src\\x\n",
			want: []expectPkg{{"example.com/x", "v1.0.0", 2, "dl"}},
		},
	}
	runLockCases(t, parseGoMod, Go, "", "go.mod", tests)
}

func TestGoModIsComplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"go 1.17", "module m\ngo 1.17\n", true},
		{"go 1.22.3", "module m\ngo 1.22.3\n", true},
		{"go 1.16", "module m\ngo 1.16\n", false},
		{"go 1.9", "module m\ngo 1.9\n", false},
		{"no go directive", "module m\n", false},
		{"unparseable", "module m\nrequire (\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := goModIsComplete([]byte(tt.data)); got != tt.want {
				t.Errorf("goModIsComplete() = %v, want %v", got, tt.want)
			}
		})
	}
	if got := goModIsComplete(readFixture(t, "gomod/legacy.mod")); got {
		t.Errorf("goModIsComplete(legacy.mod) = true, want false")
	}
}

func TestParseGoSum(t *testing.T) {
	t.Parallel()
	got := mustParse(t, parseGoSum, "go.sum", readFixture(t, "gomod/legacy.sum"))
	checkPackages(t, got, Go, []expectPkg{
		{"github.com/aws/aws-sdk-go", "v1.44.0", 1, ""},
		{"github.com/cpuguy83/go-md2man/v2", "v2.0.0", 4, ""},
		{"github.com/jmespath/go-jmespath", "v0.4.0", 6, ""},
		{"github.com/pkg/errors", "v0.9.1", 11, ""},
		{"github.com/russross/blackfriday/v2", "v2.0.1", 13, ""},
		{"github.com/urfave/cli/v2", "v2.3.0", 15, ""},
		{"golang.org/x/net", "v0.0.0-20220127200216-cd36cc0744dd", 17, ""},
	})
}

func TestParseGoSumKeepsHighestVersion(t *testing.T) {
	t.Parallel()
	data := "example.com/a v1.10.0 h1:x=\r\n\r\nexample.com/a v1.9.0 h1:y=\r\nexample.com/a v1.10.1-rc.1 h1:z=\r\n"
	got := mustParse(t, parseGoSum, "go.sum", []byte(data))
	checkPackages(t, got, Go, []expectPkg{{"example.com/a", "v1.10.1-rc.1", 4, ""}})
}

func TestParseGoModErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parse    parseFunc
		data     string
		wantLine int
	}{
		{"require without version", parseGoMod, "module m\n\nrequire github.com/a/b\n", 3},
		{"unclosed block", parseGoMod, "module m\nrequire (\n\tgithub.com/a/b v1.0.0\n", 4},
		{"bad quoting", parseGoMod, "module m\nrequire \"github.com/a/b v1.0.0\n", 2},
		{"major version mismatch", parseGoMod, "module m\ngo 1.21\nrequire github.com/a/b/v2 v1.0.0\n", 3},
		{"replace module without version", parseGoMod, "module m\nreplace (\n\tgithub.com/a/b => github.com/c/b\n)\n", 3},
		{"replace without arrow", parseGoMod, "module m\n\nreplace github.com/a/b v1.0.0 github.com/c/b v1.0.1\n", 3},
		{"empty module path", parseGoMod, "module m\nrequire (\n\t\"\" v1.0.0\n)\n", 3},
		{"go.sum short line", parseGoSum, "github.com/a/b v1.0.0 h1:x=\ngithub.com/a/b v1.0.0\n", 2},
		{"go.sum bad version", parseGoSum, "github.com/a/b 1.0.0 h1:x=\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkParseError(t, tt.parse, "go.mod", tt.data, tt.wantLine)
		})
	}
}
