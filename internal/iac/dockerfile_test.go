package iac

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func daFixture(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, parts...)...))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// daDig walks a Config by keys and indexes, failing on a missing step.
func daDig(tb testing.TB, v any, path ...any) any {
	tb.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				tb.Fatalf("daDig %v: %T is not a map at %q", path, v, k)
			}
			v, ok = m[k]
			if !ok {
				tb.Fatalf("daDig %v: no key %q", path, k)
			}
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				tb.Fatalf("daDig %v: no index %d in %T", path, k, v)
			}
			v = l[k]
		}
	}
	return v
}

func TestParseDockerfileMultiStage(t *testing.T) {
	t.Parallel()
	path := "build/Dockerfile"
	got, err := ParseDockerfile(path, daFixture(t, "dockerfile", "multistage.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d stages, want 3", len(got))
	}
	stages := []struct {
		name          string
		line, endLine int
	}{{"build", 5, 19}, {"test", 21, 22}, {"2", 24, 32}}
	for i, want := range stages {
		r := got[i]
		if r.Kind != Dockerfile || r.Type != "stage" || r.Name != want.name || r.Path != path {
			t.Errorf("stage %d: got %s/%s/%s/%s, want dockerfile/stage/%s/%s", i, r.Kind, r.Type, r.Name, r.Path, want.name, path)
		}
		if r.Line != want.line || r.EndLine != want.endLine {
			t.Errorf("stage %s: got lines %d-%d, want %d-%d", r.Name, r.Line, r.EndLine, want.line, want.endLine)
		}
	}

	build := got[0].Config
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"from image expands global ARG", daDig(t, build, "from", "image"), "golang"},
		{"from tag expands global ARG", daDig(t, build, "from", "tag"), "1.23-alpine"},
		{"from ref as written", daDig(t, build, "from", "ref"), "golang:${GO_VERSION}-alpine"},
		{"from platform", daDig(t, build, "from", "platform"), "$BUILDPLATFORM"},
		{"global arg default", daDig(t, build, "global_args", "GO_VERSION"), "1.23"},
		{"global arg without default", daDig(t, build, "global_args", "ALPINE_DIGEST"), nil},
		{"stage arg", daDig(t, build, "args", "TARGETARCH"), nil},
		{"env continuation and quotes", daDig(t, build, "env", "GOFLAGS"), "-trimpath -mod=readonly"},
		{"run cmd", daDig(t, build, "instructions", 3, "cmd"), "run"},
		{"run value", daDig(t, build, "instructions", 3, "value", 0), "go mod download"},
		{"mount flags", daDig(t, build, "instructions", 3, "flags", "mount", 1), "type=secret,id=netrc,target=/root/.netrc"},
		{"parsed mount", daDig(t, build, "instructions", 3, "mounts", 1, "type"), "secret"},
		{"run line", daDig(t, build, "instructions", 3, "line"), float64(10)},
		{"run end line", daDig(t, build, "instructions", 3, "end_line"), float64(12)},
		{"chomped heredoc", daDig(t, build, "instructions", 4, "heredocs", 0, "content"), "built by ci\n"},
		{"heredoc chomp", daDig(t, build, "instructions", 4, "heredocs", 0, "chomp"), true},
		{"heredoc script", daDig(t, build, "instructions", 5, "heredocs", 0, "content"), "set -eu\ncurl -fsSL https://get.example.dev/install.sh | sh\n"},
		{"heredoc name", daDig(t, build, "instructions", 5, "heredocs", 0, "name"), "EOT"},
		{"no user", build["user"], nil},
		{"stage ref", daDig(t, got[1].Config, "from", "stage_ref"), true},
		{"exec form", daDig(t, got[1].Config, "instructions", 0, "json"), true},
		{"exec form value", daDig(t, got[1].Config, "instructions", 0, "value"), []any{"go", "test", "./..."}},
		{"digest", daDig(t, got[2].Config, "from", "digest"), "sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5"},
		{"tag before digest", daDig(t, got[2].Config, "from", "tag"), "3.20"},
		{"user", got[2].Config["user"], "app"},
		{"legacy env", daDig(t, got[2].Config, "env", "APP_ENV"), "production"},
		{"expose", got[2].Config["expose"], []any{"8080", "9090/udp"}},
		{"label value", daDig(t, got[2].Config, "instructions", 0, "value", 0), "org.opencontainers.image.source=https://example.dev/app"},
		{"copy --from", daDig(t, got[2].Config, "instructions", 1, "flags", "from"), "build"},
		{"healthcheck type", daDig(t, got[2].Config, "healthcheck", "type"), "CMD"},
		{"healthcheck flags", daDig(t, got[2].Config, "healthcheck", "flags", "interval"), "30s"},
		{"healthcheck command", daDig(t, got[2].Config, "healthcheck", "value", 0), "wget"},
		{"onbuild", daDig(t, got[2].Config, "instructions", 6, "onbuild", "cmd"), "run"},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	if v := daDig(t, build, "from", "stage_ref"); v != false {
		t.Errorf("stage build: got stage_ref %#v for an image, want false", v)
	}

	lines := []struct {
		stage int
		ptr   string
		want  int
	}{
		{0, "/from", 5},
		{0, "/instructions/0", 6},
		{0, "/instructions/3", 10},
		{0, "/instructions/5", 16},
		{0, "/env/GOFLAGS", 8},
		{0, "/global_args/GO_VERSION", 2},
		{1, "/from/image", 21},
		{2, "/user", 29},
		{2, "/expose/1", 27},
		{2, "/healthcheck", 30},
		{2, "/env/APP_ENV", 28},
	}
	for _, tt := range lines {
		if got := got[tt.stage].Lines[tt.ptr]; got != tt.want {
			t.Errorf("stage %d line of %s: got %d, want %d", tt.stage, tt.ptr, got, tt.want)
		}
	}
}

func TestParseDockerfileVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		stage    int
		path     []any
		want     any
		wantLine int
	}{
		{"latest.Dockerfile", 0, []any{"from", "tag"}, "latest", 1},
		{"latest.Dockerfile", 0, []any{"user"}, "root", 1},
		{"escape.Dockerfile", 0, []any{"instructions", 0, "value", 0}, "powershell -Command     Write-Host hello", 2},
		{"escape.Dockerfile", 0, []any{"from", "image"}, "mcr.microsoft.com/windows/servercore", 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDockerfile(tt.file, daFixture(t, "dockerfile", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if v := daDig(t, got[tt.stage].Config, tt.path...); !reflect.DeepEqual(v, tt.want) {
				t.Errorf("%v: got %#v, want %#v", tt.path, v, tt.want)
			}
			if got[tt.stage].Line != tt.wantLine {
				t.Errorf("line: got %d, want %d", got[tt.stage].Line, tt.wantLine)
			}
		})
	}
}

func TestParseDockerfileUnresolvedImage(t *testing.T) {
	t.Parallel()
	got, err := ParseDockerfile("Dockerfile", []byte("ARG BASE\nARG V=\"2\"\nFROM ${BASE}\nARG V\nFROM ${REG:-docker.io}/nginx:1.27\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := daDig(t, got[0].Config, "from", "tag"); v != (Unknown{}) {
		t.Errorf("unresolved tag: got %#v, want Unknown", v)
	}
	if v := daDig(t, got[1].Config, "from", "image"); v != "docker.io/nginx" {
		t.Errorf("default expansion: got %#v, want docker.io/nginx", v)
	}
	win, err := ParseDockerfile("Dockerfile", []byte("FROM scratch\nENV PATH=C:\\tools;C:\\bin MSG=\"say \\\"hi\\\"\" A=b\\ c\n"))
	if err != nil {
		t.Fatal(err)
	}
	// As in docker build, the default escape character removes the
	// backslashes of C:\tools; "# escape=`" keeps them.
	wantEnv := map[string]any{"PATH": "C:tools;C:bin", "MSG": `say "hi"`, "A": "b c"}
	if v := win[0].Config["env"]; !reflect.DeepEqual(v, wantEnv) {
		t.Errorf("env escapes: got %#v, want %#v", v, wantEnv)
	}
	tick, err := ParseDockerfile("Dockerfile", []byte("# escape=`\nFROM scratch\nENV PATH=C:\\tools;C:\\bin A=\"b `\"c`\"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	wantEnv = map[string]any{"PATH": `C:\tools;C:\bin`, "A": `b "c"`}
	if v := tick[0].Config["env"]; !reflect.DeepEqual(v, wantEnv) {
		t.Errorf("env with escape=`: got %#v, want %#v", v, wantEnv)
	}
	quoted, err := ParseDockerfile("Dockerfile", []byte("FROM \"alpine:3.20\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := daDig(t, quoted[0].Config, "from", "tag"); v != "3.20" {
		t.Errorf("quoted FROM: got tag %#v, want 3.20", v)
	}
	if v := daDig(t, got[0].Config, "args", "V"); v != "2" {
		t.Errorf("inherited ARG default: got %#v, want 2", v)
	}
}

func TestParseDockerfileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		line     int
		column   int
		wantText string
	}{
		{"bad-instruction.Dockerfile", 3, 1, `unknown instruction "FORM"`},
		{"bad-heredoc.Dockerfile", 2, 1, "unterminated heredoc"},
		{"bad-env.Dockerfile", 3, 3, "ENV must have two arguments"},
		{"bad-before-from.Dockerfile", 1, 1, "RUN before the first FROM"},
		{"bad-empty.Dockerfile", 1, 0, "file with no instructions"},
		{"bad-escape.Dockerfile", 2, 1, "invalid escape token"},
		{"bad-json.Dockerfile", 3, 5, "arrays must be comprised of strings only"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDockerfile(tt.file, daFixture(t, "dockerfile", tt.file))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want *Error", err)
			}
			if se.Path != tt.file || se.Line != tt.line || se.Column != tt.column {
				t.Errorf("got %s:%d:%d, want %s:%d:%d", se.Path, se.Line, se.Column, tt.file, tt.line, tt.column)
			}
			if !strings.Contains(se.Err.Error(), tt.wantText) {
				t.Errorf("got %q, want it to contain %q", se.Err, tt.wantText)
			}
		})
	}
}

func TestParseDockerfileArgBomb(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "ARG A%d=1\n", i)
	}
	for range 1000 {
		b.WriteString("FROM scratch\n")
	}
	_, err := ParseDockerfile("Dockerfile", []byte(b.String()))
	var se *Error
	if !errors.As(err, &se) || se.Line != 2051 {
		t.Errorf("got %v, want *Error at line 2051", err)
	}
}

func FuzzParseDockerfile(f *testing.F) {
	for _, name := range []string{"multistage.Dockerfile", "escape.Dockerfile", "bad-heredoc.Dockerfile"} {
		f.Add(daFixture(f, "dockerfile", name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseDockerfile("Dockerfile", data)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not *Error", err)
			}
			return
		}
		for _, r := range rs {
			if r.Line < 1 || r.EndLine < r.Line {
				t.Fatalf("stage %s: bad span %d-%d", r.Name, r.Line, r.EndLine)
			}
			if _, err := json.Marshal(r.Config); err != nil {
				t.Fatalf("stage %s: config is not JSON: %v", r.Name, err)
			}
		}
	})
}

func BenchmarkParseDockerfile(b *testing.B) {
	data := daFixture(b, "dockerfile", "multistage.Dockerfile")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseDockerfile("Dockerfile", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseDockerfileLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		data     string
		wantLine int
		wantText string
	}{
		{"empty file", "", 1, "file with no instructions"},
		{"line over the scanner limit", "FROM alpine:3.20\nRUN echo " + strings.Repeat("x", 70_000) + "\n", 2, "max allowed size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDockerfile("Dockerfile", []byte(tt.data))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want *Error", err)
			}
			if se.Line != tt.wantLine || !strings.Contains(se.Err.Error(), tt.wantText) {
				t.Errorf("got line %d %q, want line %d containing %q", se.Line, se.Err, tt.wantLine, tt.wantText)
			}
		})
	}
}
