package iac

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseCompose(t *testing.T) {
	t.Parallel()
	path := "docker-compose.yml"
	got, err := ParseCompose(path, readFixture(t, "compose", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		checkLinesResolve(t, r.Config, r.Lines)
	}
	checkResources(t, got, Compose, path, []wantResource{
		{
			typ: "service", name: "web", line: 15, endLine: 24,
			values: map[string]any{
				"/image":                    "registry.example.com/shop/web:1.4.2",
				"/restart":                  "unless-stopped",
				"/logging/driver":           "json-file",
				"/logging/options/max-size": "10m",
				"/environment/LOG_LEVEL":    "info",
				"/ports/0":                  "8080:8080",
				"/ports/1/target":           8443.0,
				"/volumes/0":                "./static:/srv/static:ro",
				"/privileged":               true,
				"/<<":                       "<absent>",
			},
			lines: map[string]int{
				"":                       15,
				"/image":                 17,
				"/restart":               8,
				"/logging/driver":        3,
				"/environment/LOG_LEVEL": 11,
				"/ports/1/target":        20,
				"/privileged":            24,
			},
		},
		{
			typ: "service", name: "worker", line: 25, endLine: 31,
			values: map[string]any{
				"/image":          "registry.example.com/shop/worker:latest",
				"/environment":    []any{"QUEUE=orders", "DEBUG"},
				"/restart":        "unless-stopped",
				"/user":           "root",
				"/logging/driver": "json-file",
			},
			lines: map[string]int{"/environment": 28, "/environment/1": 30, "/user": 31, "/restart": 8},
		},
		{
			typ: "service", name: "cache", line: 32, endLine: 34,
			values: map[string]any{"/network_mode": "host", "/restart": "<absent>"},
			lines:  map[string]int{"/network_mode": 34},
		},
	})
}

func TestParseComposeShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want string // names, or the error's line
	}{
		{"no services", "volumes:\n  data: {}\n", "[]"},
		{"empty services", "services:\n", "[]"},
		{"empty service", "services:\n  idle:\n  web:\n    image: nginx\n", "[idle web]"},
		{"slash in name", "services:\n  a/b:\n    image: x\n", "[a/b]"},
		{"services list", string(readFixture(t, "compose", "services-list.yml")), "error at line 1"},
		{"service scalar", "services:\n  web: nginx\n", "error at line 2"},
		{"not a mapping", "- web\n", "error at line 1"},
		{"malformed", string(readFixture(t, "compose", "malformed.yml")), "error at line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := ParseCompose("compose.yaml", []byte(tt.src))
			var got string
			var e *Error
			switch {
			case errors.As(err, &e):
				got = fmt.Sprintf("error at line %d", e.Line)
			case err != nil:
				t.Fatalf("got %v, want *Error or resources", err)
			default:
				names := []string{}
				for _, r := range rs {
					names = append(names, r.Name)
				}
				got = fmt.Sprint(names)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseComposeSlashLines(t *testing.T) {
	t.Parallel()
	rs, err := ParseCompose("compose.yaml", []byte("services:\n  a/b:\n    image: x\n    user: root\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rs[0].Lines["/user"], 4; got != want {
		t.Errorf("line of /user: got %d, want %d", got, want)
	}
}

func TestParseComposeBomb(t *testing.T) {
	t.Parallel()
	src := "x-bomb:\n" + indent(billionLaughs(9), "  ") + "services:\n  web:\n    command: *l8\n"
	_, err := ParseCompose("compose.yaml", []byte(src))
	if !errors.Is(err, errYAMLAliases) {
		t.Fatalf("got %v, want alias expansion error", err)
	}
}

func FuzzParseCompose(f *testing.F) {
	for _, file := range []string{"docker-compose.yml", "malformed.yml", "services-list.yml"} {
		f.Add(readFixture(f, "compose", file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseCompose("fuzz.yaml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v, want *Error", err, err)
			}
			return
		}
		for _, r := range rs {
			if r.Config == nil || r.EndLine < r.Line {
				t.Fatalf("service %s: config %v, span %d-%d", r.Name, r.Config == nil, r.Line, r.EndLine)
			}
			checkLinesResolve(t, r.Config, r.Lines)
		}
	})
}

func BenchmarkParseCompose(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("x-base: &base\n  restart: always\n  environment: {MODE: production}\nservices:\n")
	for i := range 1000 {
		fmt.Fprintf(&sb, "  svc-%d:\n    <<: *base\n    image: registry.example.com/svc:%d\n    ports: [\"%d:80\"]\n    environment:\n      - ID=%d\n", i, i, 10000+i, i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCompose("compose.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
