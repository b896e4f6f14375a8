package deps

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// miscWant is the part of a Package the Go, JVM, NuGet, Pub and Hex
// parser tests compare.
type miscWant struct {
	name, version string
	line          int
	direct, dev   bool
	optional      bool
	local         bool
	unpinned      bool
}

// miscRead reads a fixture under testdata.
func miscRead(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", rel))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// miscCheck compares packages with want, in order.
func miscCheck(tb testing.TB, got []Package, eco Ecosystem, want []miscWant) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Errorf("got %d packages, want %d:", len(got), len(want))
		for _, p := range got {
			tb.Logf("  %s@%s line %d", p.Name, p.Version, p.Line)
		}
		return
	}
	for i, w := range want {
		p := got[i]
		g := miscWant{p.Name, p.Version, p.Line, p.Direct, p.Dev, p.Optional, p.Local, p.Unpinned}
		if g != w {
			tb.Errorf("package %d:\n got %+v\nwant %+v", i, g, w)
		}
		if p.Ecosystem != eco {
			tb.Errorf("package %d (%s): got ecosystem %q, want %q", i, p.Name, p.Ecosystem, eco)
		}
	}
}

// miscCheckError asserts a parse failed with an *Error at wantLine.
func miscCheckError(tb testing.TB, got []Package, err error, wantLine int) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got %d packages and no error, want an error at line %d", len(got), wantLine)
	}
	if got != nil {
		tb.Errorf("got %d packages with the error, want none", len(got))
	}
	var e *Error
	if !errors.As(err, &e) {
		tb.Fatalf("got error %T %v, want *Error", err, err)
	}
	if e.Line != wantLine {
		tb.Errorf("got error at line %d (%v), want line %d", e.Line, err, wantLine)
	}
}

// miscDepsOf returns the DependsOn of the package with the given ID.
func miscDepsOf(tb testing.TB, pkgs []Package, id string) []string {
	tb.Helper()
	for _, p := range pkgs {
		if p.Key() == id {
			return p.DependsOn
		}
	}
	tb.Fatalf("no package with ID %q", id)
	return nil
}

func TestParseNuGetLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "version 1, one target",
			file: "nuget/single-target.json",
			want: []miscWant{
				{name: "Microsoft.Extensions.Logging", version: "8.0.0", line: 5, direct: true},
				{name: "Newtonsoft.Json", version: "13.0.3", line: 17, direct: true},
				{name: "Microsoft.Extensions.DependencyInjection", version: "8.0.0", line: 23},
				{name: "Microsoft.Extensions.DependencyInjection.Abstractions", version: "8.0.0", line: 31},
				{name: "Microsoft.Extensions.Logging.Abstractions", version: "8.0.0", line: 36},
				{name: "Microsoft.Extensions.Options", version: "8.0.0", line: 44},
				{name: "Microsoft.Extensions.Primitives", version: "8.0.0", line: 53},
				{name: "acme.orders.domain", line: 58, local: true},
			},
		},
		{
			name: "version 2, several targets and runtimes",
			file: "nuget/multi-target.json",
			want: []miscWant{
				{name: "Serilog", version: "3.1.1", line: 5, direct: true},
				{name: "System.Text.Json", version: "8.0.4", line: 11},
				{name: "System.Text.Encodings.Web", version: "8.0.0", line: 20},
				{name: "Shared.Contracts", line: 25, local: true},
				// Transitive for net8.0, Direct for net8.0/linux-x64.
				{name: "Polly", version: "7.2.4", line: 51, direct: true},
				{name: "runtime.linux-x64.Microsoft.DotNet.ILCompiler", version: "8.0.6", line: 64},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseNuGetLock(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parseNuGetLock() error = %v", err)
			}
			miscCheck(t, got, NuGet, tt.want)
		})
	}
}

func TestParseNuGetLockGraph(t *testing.T) {
	t.Parallel()
	got, err := parseNuGetLock("packages.lock.json", miscRead(t, "nuget/single-target.json"))
	if err != nil {
		t.Fatalf("parseNuGetLock() error = %v", err)
	}
	tests := []struct {
		id   string
		want []string
	}{
		{"Microsoft.Extensions.Logging@8.0.0", []string{
			// System.Diagnostics.DiagnosticSource is not in the target: dropped.
			"Microsoft.Extensions.DependencyInjection@8.0.0",
			"Microsoft.Extensions.Logging.Abstractions@8.0.0",
			"Microsoft.Extensions.Options@8.0.0",
		}},
		{"Microsoft.Extensions.Options@8.0.0", []string{
			"Microsoft.Extensions.DependencyInjection.Abstractions@8.0.0",
			"Microsoft.Extensions.Primitives@8.0.0",
		}},
		{"acme.orders.domain@", []string{"Newtonsoft.Json@13.0.3"}},
		{"Newtonsoft.Json@13.0.3", nil},
	}
	for _, tt := range tests {
		if deps := miscDepsOf(t, got, tt.id); !slices.Equal(deps, tt.want) {
			t.Errorf("DependsOn(%s) = %v, want %v", tt.id, deps, tt.want)
		}
	}
	multi, err := parseNuGetLock("packages.lock.json", miscRead(t, "nuget/multi-target.json"))
	if err != nil {
		t.Fatalf("parseNuGetLock() error = %v", err)
	}
	// Edges found in net6.0 survive the merge with net8.0, which has none.
	if deps, want := miscDepsOf(t, multi, "System.Text.Json@8.0.4"), []string{"System.Text.Encodings.Web@8.0.0"}; !slices.Equal(deps, want) {
		t.Errorf("DependsOn(System.Text.Json) = %v, want %v", deps, want)
	}
	if deps, want := miscDepsOf(t, multi, "Shared.Contracts@"), []string{"System.Text.Json@8.0.4"}; !slices.Equal(deps, want) {
		t.Errorf("DependsOn(Shared.Contracts) = %v, want %v", deps, want)
	}
}

func TestParsePubspecLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "flutter app with sdk, path, git and mirror packages",
			file: "pubspec/flutter-app.lock",
			want: []miscWant{
				{name: "async", version: "2.11.0", line: 4},
				{name: "characters", version: "1.3.0", line: 12},
				{name: "collection", version: "1.18.0", line: 20, direct: true},
				{name: "design_system", version: "0.3.0", line: 28, direct: true, local: true},
				{name: "flutter", version: "0.0.0", line: 35, direct: true, local: true},
				{name: "flutter_lints", version: "3.0.1", line: 40, direct: true, dev: true},
				{name: "flutter_test", version: "0.0.0", line: 48, direct: true, dev: true, local: true},
				{name: "http", version: "1.2.0", line: 53, direct: true},
				{name: "markdown_widget", version: "2.3.2+6", line: 61, direct: true, local: true},
				{name: "sky_engine", version: "0.0.99", line: 70, local: true},
				{name: "url_launcher", version: "6.2.4", line: 75, direct: true},
			},
		},
		{
			name: "dart 2 lock without sha256",
			file: "pubspec/dart2-cli.lock",
			want: []miscWant{
				{name: "args", version: "2.3.1", line: 4, direct: true},
				{name: "path", version: "1.8.2", line: 11},
				{name: "test", version: "1.21.4", line: 18, direct: true, dev: true},
			},
		},
		{
			name: "no packages",
			file: "pubspec/no-packages.lock",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePubspecLock(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parsePubspecLock() error = %v", err)
			}
			miscCheck(t, got, Pub, tt.want)
		})
	}
}

func TestParsePubspecLockOddCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want []miscWant
	}{
		{"empty file", "", nil},
		{"comments only", "# Generated by pub\n", nil},
		{"null packages", "packages:\nsdks:\n  dart: \">=3.0.0 <4.0.0\"\n", nil},
		{
			name: "anchors and aliases",
			data: "packages:\n  meta: &m\n    dependency: transitive\n    source: hosted\n    version: \"1.11.0\"\n  meta_copy: *m\n",
			want: []miscWant{
				{name: "meta", version: "1.11.0", line: 2},
				{name: "meta_copy", version: "1.11.0", line: 6},
			},
		},
		{
			name: "unquoted version and unknown source",
			data: "packages:\n  foo:\n    dependency: \"direct main\"\n    source: future_source\n    version: 2.0\n",
			want: []miscWant{{name: "foo", version: "2.0", line: 2, direct: true, local: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePubspecLock("pubspec.lock", []byte(tt.data))
			if err != nil {
				t.Fatalf("parsePubspecLock() error = %v", err)
			}
			miscCheck(t, got, Pub, tt.want)
		})
	}
}

func TestParseMixLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "current format with git, renamed and private packages",
			file: "mixlock/phoenix-app.lock",
			want: []miscWant{
				{name: "bandit", version: "1.2.0", line: 2},
				{name: "billing_sdk", version: "0.9.2", line: 3, local: true},
				{name: "castore", version: "1.0.5", line: 4},
				{name: "heroicons", version: "88ab3a0d790e6a47404cba02800a6b25d2afae50", line: 5, local: true},
				{name: "hpax", version: "0.1.2", line: 6},
				{name: "jason", version: "1.4.1", line: 7},
				// Key json_old, Hex package poison.
				{name: "poison", version: "3.1.0", line: 8},
				{name: "mime", version: "2.0.5", line: 9},
				{name: "plug", version: "1.15.3", line: 10},
				{name: "plug_crypto", version: "2.0.0", line: 11},
				{name: "telemetry", version: "1.2.1", line: 12},
				{name: "thousand_island", version: "1.3.2", line: 13},
				{name: "websock", version: "0.5.3", line: 14},
			},
		},
		{
			name: "old format with => keys, path and quoted atom",
			file: "mixlock/legacy.lock",
			want: []miscWant{
				{name: "cowboy", version: "1.0.4", line: 2},
				{name: "cowlib", version: "1.0.2", line: 3},
				{name: "ranch", version: "1.2.1", line: 4},
				{name: "shared", line: 5, local: true},
				{name: "oauth", version: "bd19896e31125f99ff45bb5850b1c0e74b996743", line: 6, local: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseMixLock(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parseMixLock() error = %v", err)
			}
			miscCheck(t, got, Hex, tt.want)
		})
	}
}

func TestParseMixLockGraph(t *testing.T) {
	t.Parallel()
	got, err := parseMixLock("mix.lock", miscRead(t, "mixlock/phoenix-app.lock"))
	if err != nil {
		t.Fatalf("parseMixLock() error = %v", err)
	}
	tests := []struct {
		id   string
		want []string
	}{
		{"bandit", []string{"hpax", "plug", "telemetry", "thousand_island", "websock"}},
		{"plug", []string{"mime", "plug_crypto", "telemetry"}},
		{"billing_sdk", []string{"jason"}},
		{"jason", nil}, // decimal is optional and not locked
		{"json_old", nil},
	}
	for _, tt := range tests {
		if deps := miscDepsOf(t, got, tt.id); !slices.Equal(deps, tt.want) {
			t.Errorf("DependsOn(%s) = %v, want %v", tt.id, deps, tt.want)
		}
	}
}

func TestParseMixLockOddCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want []miscWant
	}{
		{"empty file", "", nil},
		{"empty map", "%{}\n", nil},
		{
			name: "escapes, comments and keyword keys",
			data: "%{\n  # a comment with \"quotes\"\n  \"a\\u0062c\": {:hex, :\"abc\", \"1.0.0\", \"x\", [:mix], [], \"hexpm\", \"y\"},\n  defg: {:hex, :defg, \"0.1.0-rc.1\", \"x\\\"\\n\", [:mix], [{:abc, \">= 0.0.0\", [hex: :abc, repo: \"hexpm\", optional: false, extra: %{n: -1, f: 1.5e3, ok?: true}]}], \"hexpm\", \"y\"}\n}\n",
			want: []miscWant{
				{name: "abc", version: "1.0.0", line: 3},
				{name: "defg", version: "0.1.0-rc.1", line: 4},
			},
		},
		{
			name: "three-element hex tuple from early mix",
			data: "%{\"poison\": {:hex, :poison, \"1.5.2\"}}",
			want: []miscWant{{name: "poison", version: "1.5.2", line: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseMixLock("mix.lock", []byte(tt.data))
			if err != nil {
				t.Fatalf("parseMixLock() error = %v", err)
			}
			miscCheck(t, got, Hex, tt.want)
		})
	}
}

func TestParseMiscLockErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parse    func(string, []byte) ([]Package, error)
		data     string
		wantLine int
	}{
		{"nuget syntax error", parseNuGetLock, "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {,\n", 4},
		{"nuget truncated", parseNuGetLock, "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n", 5},
		{"nuget entry not an object", parseNuGetLock, "{\n\"dependencies\": {\n\"net8.0\": {\n\"A\": \"1.0.0\"\n}}}\n", 4},
		{"nuget wrong field type", parseNuGetLock, "{\"dependencies\": {\"net8.0\": {\n\"A\": {\n\"type\": \"Direct\",\n\"resolved\": 1\n}}}}\n", 4},
		{"nuget empty package name", parseNuGetLock, "{\"dependencies\": {\"net8.0\": {\n\n\"\": {\"type\": \"Direct\", \"resolved\": \"1.0.0\"}}}}\n", 3},
		{"nuget top-level array", parseNuGetLock, "[\n]\n", 1},
		{"nuget trailing data", parseNuGetLock, "{}\n{}\n", 2},
		{"nuget too deep", parseNuGetLock, "{\"x\": " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}", 1},
		{"pubspec bad yaml", parsePubspecLock, "packages:\n  a:\n    version: \"1.0\n", 3},
		{"pubspec packages is a list", parsePubspecLock, "# lock\npackages:\n  - a\n", 3},
		{"pubspec entry is a scalar", parsePubspecLock, "packages:\n  a: 1.0.0\n", 2},
		{"pubspec top-level list", parsePubspecLock, "- a\n", 1},
		{"mix unterminated string", parseMixLock, "%{\n  \"a\": {:hex, :a, \"1.0.0\n}\n", 4},
		{"mix missing comma", parseMixLock, "%{\n  \"a\": {:hex, :a, \"1.0.0\"}\n  \"b\": {:hex, :b, \"1.0.0\"}\n}\n", 3},
		{"mix missing =>", parseMixLock, "%{\n\"a\" {:hex, :a, \"1.0.0\"}}\n", 2},
		{"mix hex tuple without version", parseMixLock, "%{\n  \"a\": {:hex, :a},\n}\n", 2},
		{"mix value not a tuple", parseMixLock, "%{\n  \"a\": \"1.0.0\",\n}\n", 2},
		{"mix not a map", parseMixLock, "\n[a: 1]\n", 2},
		{"mix trailing data", parseMixLock, "%{}\n%{}\n", 2},
		{"mix unknown character", parseMixLock, "%{\n  \"a\": {:hex, :a, \"1.0\", ~s(x)}\n}\n", 2},
		{"mix too deep", parseMixLock, "%{\"a\": " + strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2) + "}", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.parse("lockfile", []byte(tt.data))
			miscCheckError(t, got, err, tt.wantLine)
		})
	}
}

func BenchmarkParseNuGetLock(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{\n  \"version\": 2,\n  \"dependencies\": {\n    \"net8.0\": {\n")
	for i := range 4000 {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, "      \"Acme.Package%d\": {\n        \"type\": \"Transitive\",\n        \"resolved\": \"1.%d.0\",\n        \"contentHash\": \"AAAA\",\n        \"dependencies\": {\n          \"Acme.Package%d\": \"1.0.0\"\n        }\n      }", i, i, (i+1)%4000)
	}
	sb.WriteString("\n    }\n  }\n}\n")
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseNuGetLock("packages.lock.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMixLock(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("%{\n")
	for i := range 4000 {
		fmt.Fprintf(&sb, "  \"pkg_%d\": {:hex, :pkg_%d, \"1.%d.0\", \"0123456789abcdef\", [:mix], [{:pkg_%d, \"~> 1.0\", [hex: :pkg_%d, repo: \"hexpm\", optional: false]}], \"hexpm\", \"fedcba9876543210\"},\n", i, i, i, (i+1)%4000, (i+1)%4000)
	}
	sb.WriteString("}\n")
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseMixLock("mix.lock", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePubspecLock(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("packages:\n")
	for i := range 4000 {
		fmt.Fprintf(&sb, "  pkg_%d:\n    dependency: transitive\n    description:\n      name: pkg_%d\n      url: \"https://pub.dev\"\n    source: hosted\n    version: \"1.%d.0\"\n", i, i, i)
	}
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parsePubspecLock("pubspec.lock", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseGoMod(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("module example.com/big\n\ngo 1.22\n\nrequire (\n")
	for i := range 4000 {
		fmt.Fprintf(&sb, "\texample.com/mod%d v1.%d.0 // indirect\n", i, i)
	}
	sb.WriteString(")\n")
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseGoMod("go.mod", data); err != nil {
			b.Fatal(err)
		}
	}
}
