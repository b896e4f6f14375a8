package deps

import (
	"testing"
)

func TestParseGoMod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "toolchain, indirect requires and replaces",
			file: "gomod/toolchain.mod",
			want: []miscWant{
				{name: "stdlib", version: "1.22.3", line: 5, direct: true},
				{name: "github.com/go-chi/chi/v5", version: "v5.0.12", line: 10, direct: true},
				{name: "github.com/jackc/pgx/v5", version: "v5.5.4", line: 11, direct: true},
				{name: "golang.org/x/crypto", version: "v0.21.0", line: 12, direct: true},
				// The replace names v1.50.0, not the required v1.62.1.
				{name: "google.golang.org/grpc", version: "v1.62.1", line: 13, direct: true},
				{name: "github.com/jackc/pgpassfile", version: "v1.0.0", line: 17},
				{name: "github.com/jackc/pgservicefile", version: "v0.0.0-20221227161230-091c0ba34f0a", line: 18},
				{name: "github.com/acme-forks/ledger", version: "v0.4.1-0.20240301101500-5f1e2d3c4b5a", line: 19},
				{name: "golang.org/x/net", version: "v0.23.0", line: 20},
				{name: "golang.org/x/sys", version: "v0.18.0", line: 21},
				{name: "golang.org/x/text", version: "v0.14.0", line: 22},
				{name: "github.com/docker/docker", version: "v24.0.7+incompatible", line: 23},
				{name: "github.com/acme/internal-tools", version: "v1.3.0", line: 26, direct: true, local: true},
			},
		},
		{
			name: "go directive, quoted paths, directory replace",
			file: "gomod/godirective.mod",
			want: []miscWant{
				{name: "stdlib", version: "1.21.4", line: 4, direct: true},
				{name: "github.com/gin-gonic/gin", version: "v1.9.1", line: 7, direct: true, local: true},
				{name: "github.com/stretchr/testify", version: "v1.9.0", line: 8, direct: true},
				{name: "gopkg.in/yaml.v3", version: "v3.0.1", line: 9},
				{name: "github.com/sirupsen/logrus", version: "v1.9.3", line: 12, direct: true},
			},
		},
		{
			name: "pre-1.17 module",
			file: "gomod/legacy.mod",
			want: []miscWant{
				{name: "stdlib", version: "1.16", line: 3, direct: true},
				{name: "github.com/aws/aws-sdk-go", version: "v1.44.0", line: 6, direct: true},
				{name: "github.com/pkg/errors", version: "v0.9.1", line: 7, direct: true},
				{name: "github.com/urfave/cli/v2", version: "v2.3.0", line: 8, direct: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseGoMod(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parseGoMod() error = %v", err)
			}
			miscCheck(t, got, Go, tt.want)
		})
	}
}

func TestParseGoModOddCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want []miscWant
	}{
		{
			name: "no go directive means no stdlib",
			data: "module m\n\nrequire golang.org/x/sync v0.6.0\n",
			want: []miscWant{{name: "golang.org/x/sync", version: "v0.6.0", line: 3, direct: true}},
		},
		{
			name: "toolchain default falls back to go",
			data: "module m\n\ngo 1.23\n\ntoolchain default\n",
			want: []miscWant{{name: "stdlib", version: "1.23", line: 3, direct: true}},
		},
		{
			name: "custom toolchain suffix",
			data: "module m\ngo 1.22.1\ntoolchain go1.22.5-corp\n",
			want: []miscWant{{name: "stdlib", version: "1.22.5", line: 3, direct: true}},
		},
		{
			name: "release candidate go version",
			data: "module m\ngo 1.21rc2\n",
			want: []miscWant{{name: "stdlib", version: "1.21rc2", line: 2, direct: true}},
		},
		{
			name: "non-canonical version kept as written",
			data: "module m\nrequire github.com/a/b v1.2\n",
			want: []miscWant{{name: "github.com/a/b", version: "v1.2", line: 2, direct: true}},
		},
		{
			name: "repeated require is reported once",
			data: "module m\nrequire github.com/a/b v1.2.0\nrequire github.com/a/b v1.2.0\n",
			want: []miscWant{{name: "github.com/a/b", version: "v1.2.0", line: 2, direct: true}},
		},
		{
			name: "unknown future directive is skipped",
			data: "module m\ngo 1.30\nfrobnicate all\nrequire github.com/a/b v1.0.0\n",
			want: []miscWant{
				{name: "stdlib", version: "1.30", line: 2, direct: true},
				{name: "github.com/a/b", version: "v1.0.0", line: 4, direct: true},
			},
		},
		{
			name: "windows path replace",
			data: "module m\nrequire example.com/x v1.0.0\nreplace example.com/x v1.0.0 => C:\\src\\x\n",
			want: []miscWant{{name: "example.com/x", version: "v1.0.0", line: 2, direct: true, local: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseGoMod("go.mod", []byte(tt.data))
			if err != nil {
				t.Fatalf("parseGoMod() error = %v", err)
			}
			miscCheck(t, got, Go, tt.want)
		})
	}
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
	if got := goModIsComplete(miscRead(t, "gomod/legacy.mod")); got {
		t.Errorf("goModIsComplete(legacy.mod) = true, want false")
	}
}

func TestParseGoSum(t *testing.T) {
	t.Parallel()
	got, err := parseGoSum("go.sum", miscRead(t, "gomod/legacy.sum"))
	if err != nil {
		t.Fatalf("parseGoSum() error = %v", err)
	}
	miscCheck(t, got, Go, []miscWant{
		{name: "github.com/aws/aws-sdk-go", version: "v1.44.0", line: 1},
		{name: "github.com/cpuguy83/go-md2man/v2", version: "v2.0.0", line: 4},
		{name: "github.com/jmespath/go-jmespath", version: "v0.4.0", line: 6},
		{name: "github.com/pkg/errors", version: "v0.9.1", line: 11},
		{name: "github.com/russross/blackfriday/v2", version: "v2.0.1", line: 13},
		{name: "github.com/urfave/cli/v2", version: "v2.3.0", line: 15},
		{name: "golang.org/x/net", version: "v0.0.0-20220127200216-cd36cc0744dd", line: 17},
	})
}

func TestParseGoSumKeepsHighestVersion(t *testing.T) {
	t.Parallel()
	data := "example.com/a v1.10.0 h1:x=\r\n\r\nexample.com/a v1.9.0 h1:y=\r\nexample.com/a v1.10.1-rc.1 h1:z=\r\n"
	got, err := parseGoSum("go.sum", []byte(data))
	if err != nil {
		t.Fatalf("parseGoSum() error = %v", err)
	}
	miscCheck(t, got, Go, []miscWant{{name: "example.com/a", version: "v1.10.1-rc.1", line: 4}})
}

func TestParseGoModErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parse    func(string, []byte) ([]Package, error)
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
			got, err := tt.parse("go.mod", []byte(tt.data))
			miscCheckError(t, got, err, tt.wantLine)
		})
	}
}
