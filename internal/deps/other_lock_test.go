package deps

import (
	"fmt"
	"strings"
	"testing"
)

const cratesIO = "registry+https://github.com/rust-lang/crates.io-index"

func TestParseCargoLock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			file: "v1.lock",
			want: []expectPkg{
				{"autocfg", "1.1.0", 3, ""},
				{"itoa", "1.0.5", 8, ""},
				{"num-traits", "0.2.15", 13, "d"},
				{"ryu", "1.0.12", 21, ""},
				{"serde", "1.0.152", 26, ""},
				{"serde_json", "1.0.91", 31, "d"},
				{"stats-cli", "0.1.0", 41, "l"},
			},
			edges: map[string][]string{
				"stats-cli@0.1.0":   {"num-traits@0.2.15", "serde_json@1.0.91"},
				"serde_json@1.0.91": {"itoa@1.0.5", "ryu@1.0.12", "serde@1.0.152"},
				"num-traits@0.2.15": {"autocfg@1.1.0"},
			},
		},
		{
			file: "v2.lock",
			want: []expectPkg{
				{"cfg-if", "1.0.0", 3, ""},
				{"dice", "0.3.0", 9, "l"},
				{"getrandom", "0.2.8", 16, ""},
				{"libc", "0.2.139", 27, ""},
				{"ppv-lite86", "0.2.17", 33, ""},
				{"rand", "0.8.5", 39, "d"},
				{"rand_chacha", "0.3.1", 50, ""},
				{"rand_core", "0.6.4", 60, ""},
				{"wasi", "0.11.0+wasi-snapshot-preview1", 69, ""},
			},
			edges: map[string][]string{
				"getrandom@0.2.8": {"cfg-if@1.0.0", "libc@0.2.139", "wasi@0.11.0+wasi-snapshot-preview1"},
				"dice@0.3.0":      {"rand@0.8.5"},
			},
		},
		{
			file: "v3.lock",
			want: []expectPkg{
				{"proc-macro2", "1.0.86", 5, "d"},
				{"quote", "1.0.37", 14, "d"},
				{"serde", "1.0.210", 23, "d"},
				{"serde_derive", "1.0.210", 32, ""},
				{"syn", "1.0.109", 43, "d"},
				{"syn", "2.0.79", 54, "d"},
				{"tracing-ext", "0.2.0", 65, "dl"},
				{"unicode-ident", "1.0.13", 70, ""},
				{"warp-core", "0.1.0", 76, "dl"},
				{"warp-macros", "0.1.0", 85, "dl"},
				{"warp-server", "0.1.0", 94, "l"},
			},
			edges: map[string][]string{
				"serde_derive@1.0.210": {"proc-macro2@1.0.86", "quote@1.0.37", "syn@2.0.79"},
				"warp-core@0.1.0":      {"serde@1.0.210", "syn@1.0.109", "warp-macros@0.1.0"},
				"warp-server@0.1.0":    {"serde@1.0.210", "tracing-ext@0.2.0", "warp-core@0.1.0"},
			},
		},
		{
			file: "v4.lock",
			want: []expectPkg{
				{"acme-telemetry", "2.3.1", 5, "d"},
				{"anyhow", "1.0.89", 14, "d"},
				{"bytes", "1.7.2", 20, "dl"},
				{"bytes", "1.7.2", 25, "d"},
				{"edge-proto", "0.5.0", 31, "dl"},
				{"gateway", "0.5.0", 38, "l"},
			},
			edges: map[string][]string{
				// The same name and version from two sources: the second ID
				// carries its source.
				"gateway@0.5.0":    {"acme-telemetry@2.3.1", "anyhow@1.0.89", "bytes@1.7.2 (" + cratesIO + ")", "edge-proto@0.5.0"},
				"edge-proto@0.5.0": {"bytes@1.7.2"},
			},
		},
	}
	runLockCases(t, parseCargoLock, Crates, "cargo", "Cargo.lock", tests)
}

func TestParseGemfileLock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			file: "Gemfile.lock",
			want: []expectPkg{
				{"devise-passkeys", "0.4.0", 6, "dl"},
				{"billing", "0.1.0", 13, "dl"},
				{"actionpack", "7.1.4", 20, ""},
				{"bcrypt", "3.1.20", 23, ""},
				{"concurrent-ruby", "1.3.4", 24, ""},
				{"devise", "4.9.4", 25, ""},
				{"i18n", "1.14.6", 28, ""},
				{"mini_portile2", "2.8.7", 30, ""},
				{"money", "6.19.0", 31, ""},
				{"nio4r", "2.7.3", 33, ""},
				// Three platform variants of nokogiri 1.16.7 are one package.
				{"nokogiri", "1.16.7", 34, "d"},
				{"pg", "1.5.8", 41, "d"},
				{"puma", "6.4.3", 42, "d"},
				{"racc", "1.8.1", 44, ""},
				{"rack", "3.1.7", 45, ""},
				{"rack-test", "2.1.0", 46, ""},
				{"rails", "7.1.4", 48, "d"},
				{"railties", "7.1.4", 51, ""},
				{"rspec-rails", "7.0.1", 53, "d"},
				{"webauthn", "3.1.0", 56, ""},
			},
			edges: map[string][]string{
				"nokogiri@1.16.7":       {"mini_portile2@2.8.7", "racc@1.8.1"},
				"devise-passkeys@0.4.0": {"devise@4.9.4", "webauthn@3.1.0"},
				"billing@0.1.0":         {"money@6.19.0", "rails@7.1.4"},
				"rails@7.1.4":           {"actionpack@7.1.4", "railties@7.1.4"},
			},
		},
		{
			file: "gems.locked",
			want: []expectPkg{
				{"tiny_cache", "0.2.0", 4, "dl"},
				{"connection_pool", "2.4.1", 10, ""},
				{"jruby-openssl", "0.15.0", 11, "d"},
				{"minitest", "5.25.1", 12, "d"},
				{"rake", "13.2.1", 13, "d"},
			},
			edges: map[string][]string{
				"tiny_cache@0.2.0": {"connection_pool@2.4.1"},
			},
		},
	}
	runLockCases(t, parseGemfileLock, RubyGems, "gemfile", "", tests)
}

func TestParseComposerLock(t *testing.T) {
	t.Parallel()
	got := mustParse(t, parseComposerLock, "composer.lock", readFixture(t, "composer", "composer.lock"))
	checkPackages(t, got, Packagist, []expectPkg{
		{"acme/shared-kernel", "dev-main", 9, "l"},
		{"guzzlehttp/guzzle", "7.9.2", 34, ""},
		{"guzzlehttp/promises", "2.0.3", 68, ""},
		{"guzzlehttp/psr7", "2.7.0", 98, ""},
		{"monolog/monolog", "3.7.0", 129, ""},
		{"psr/http-client", "1.0.3", 160, ""},
		{"psr/http-message", "2.0", 191, ""},
		{"psr/log", "3.0.2", 221, ""},
		{"symfony/console", "v7.1.5", 251, ""},
		{"symfony/polyfill-mbstring", "v1.31.0", 282, ""},
		{"myclabs/deep-copy", "1.12.0", 314, "v"},
		{"phpunit/phpunit", "11.3.6", 344, "v"},
		{"acme/coding-standard", "1.4.0", 376, "vl"},
	})
	checkGraph(t, got)
	checkEdges(t, got, map[string][]string{
		// Platform requirements (php, ext-json) name no package.
		"guzzlehttp/guzzle@7.9.2":     {"guzzlehttp/promises@2.0.3", "guzzlehttp/psr7@2.7.0", "psr/http-client@1.0.3"},
		"phpunit/phpunit@11.3.6":      {"myclabs/deep-copy@1.12.0"},
		"acme/shared-kernel@dev-main": {"psr/log@3.0.2"},
	})
}

func TestOtherLockMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		parse parseFunc
		path  string
		in    string
		line  int
	}{
		{"cargo syntax", parseCargoLock, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\ndependencies = [\n \"b\"\n \"c\",\n]\n", 8},
		{"cargo missing name", parseCargoLock, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1\"\n\n[[package]]\nversion = \"2\"\n", 7},
		{"cargo too deep", parseCargoLock, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"a\"\ndependencies = " + strings.Repeat("[", 1000), 5},
		{"gemfile spec without version", parseGemfileLock, "Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.1.7)\n    rake 13.2.1\n", 5},
		{"gemfile empty version", parseGemfileLock, "Gemfile.lock", "GEM\n  specs:\n    rack ()\n", 3},
		{"gemfile text outside a section", parseGemfileLock, "Gemfile.lock", "GEM\n  specs:\n    rack (3.1.7)\n\nrack is great\n", 5},
		{"gemfile dependency before spec", parseGemfileLock, "Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n      rack (>= 2)\n", 4},
		{"gemfile spec outside specs", parseGemfileLock, "Gemfile.lock", "GIT\n  remote: https://example.com/x.git\n    x (1.0)\n", 3},
		{"gemfile odd indentation", parseGemfileLock, "Gemfile.lock", "GEM\n  specs:\n    rack (3.1.7)\n        rack-test (2.1.0)\n", 4},
		{"composer syntax", parseComposerLock, "composer.lock", "{\n    \"packages\": [\n        {\"name\": \"a/b\", \"version\": \"1.0\"},\n        {\"name\": \"c/d\" \"version\": \"2.0\"}\n    ]\n}\n", 4},
		{"composer packages not an array", parseComposerLock, "composer.lock", "{\n    \"packages\": {\n    }\n}\n", 2},
		{"composer missing name", parseComposerLock, "composer.lock", "{\n    \"packages\": [\n        {\n            \"version\": \"1.0\"\n        }\n    ]\n}\n", 3},
		{"composer version wrong type", parseComposerLock, "composer.lock", "{\n    \"packages-dev\": [\n        {\n            \"name\": \"a/b\",\n            \"version\": 1\n        }\n    ]\n}\n", 5},
		{"composer too deep", parseComposerLock, "composer.lock", "{\n  \"packages\": [\n" + strings.Repeat("[", 300), 3},
		{"composer empty file", parseComposerLock, "composer.lock", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkParseError(t, tt.parse, tt.path, tt.in, tt.line)
		})
	}
}

func TestOtherLockOddButValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		parse parseFunc
		eco   Ecosystem
		in    string
		want  []expectPkg
	}{
		{"cargo empty", parseCargoLock, Crates, "version = 4\n", nil},
		{
			"cargo unknown and odd dependencies", parseCargoLock, Crates,
			"[[package]]\nname = \"a\"\nversion = \"1.0.0\"\ndependencies = [\"gone\", 3, \"b 9.9.9\"]\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\nsource = \"" + cratesIO + "\"\n",
			[]expectPkg{{"a", "1.0.0", 1, "l"}, {"b", "1.0.0", 6, ""}},
		},
		{
			"cargo multi-line string holding a header", parseCargoLock, Crates,
			"x = \"\"\"\n[[package]]\n\"\"\"\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n",
			[]expectPkg{{"a", "1.0.0", 5, "l"}},
		},
		{"gemfile empty", parseGemfileLock, RubyGems, "", nil},
		{
			"gemfile CRLF, plugin source and unknown sections", parseGemfileLock, RubyGems,
			"PLUGIN SOURCE\r\n  remote: https://example.com/plugins.git\r\n  specs:\r\n    bootboot (0.2.2)\r\n\r\nGEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rack (3.1.7)\r\n\r\nFUTURE SECTION\r\n  whatever: 1\r\n\r\nDEPENDENCIES\r\n  rack (>= 3)\r\n  bundler\r\n",
			[]expectPkg{{"rack", "3.1.7", 9, "d"}},
		},
		{"composer null dev packages", parseComposerLock, Packagist, `{"packages": [{"name": "a/b", "version": "1.0.0", "dist": null}], "packages-dev": null}`, []expectPkg{{"a/b", "1.0.0", 1, ""}}},
		{"composer empty", parseComposerLock, Packagist, `{"packages": [], "packages-dev": []}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkPackages(t, mustParse(t, tt.parse, "lockfile", []byte(tt.in)), tt.eco, tt.want)
		})
	}
}

func BenchmarkParseCargoLock(b *testing.B) {
	var s strings.Builder
	s.WriteString("version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"crate-0\",\n]\n\n")
	for i := range 4000 {
		fmt.Fprintf(&s, "[[package]]\nname = \"crate-%d\"\nversion = \"1.%d.0\"\nsource = \"%s\"\nchecksum = \"%064x\"\n", i, i%50, cratesIO, i)
		fmt.Fprintf(&s, "dependencies = [\n \"crate-%d\",\n \"crate-%d\",\n]\n\n", (i+1)%4000, (i+7)%4000)
	}
	benchParse(b, parseCargoLock, "Cargo.lock", []byte(s.String()))
}

func BenchmarkParseGemfileLock(b *testing.B) {
	var s strings.Builder
	s.WriteString("GEM\n  remote: https://rubygems.org/\n  specs:\n")
	for i := range 4000 {
		fmt.Fprintf(&s, "    gem-%d (1.%d.0)\n      gem-%d (>= 1.0)\n      gem-%d (~> 1.2)\n", i, i%50, (i+1)%4000, (i+7)%4000)
	}
	s.WriteString("\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  gem-0\n\nBUNDLED WITH\n   2.5.21\n")
	benchParse(b, parseGemfileLock, "Gemfile.lock", []byte(s.String()))
}

func BenchmarkParseComposerLock(b *testing.B) {
	var s strings.Builder
	s.WriteString("{\n    \"content-hash\": \"0\",\n    \"packages\": [\n")
	for i := range 4000 {
		if i > 0 {
			s.WriteString(",\n")
		}
		fmt.Fprintf(&s, "        {\n            \"name\": \"vendor/pkg-%d\",\n            \"version\": \"v1.%d.0\",\n", i, i%50)
		fmt.Fprintf(&s, "            \"source\": {\"type\": \"git\", \"url\": \"https://github.com/vendor/pkg-%d.git\", \"reference\": \"%040x\"},\n", i, i)
		fmt.Fprintf(&s, "            \"require\": {\"php\": \">=8.1\", \"vendor/pkg-%d\": \"^1.0\"},\n            \"type\": \"library\",\n            \"license\": [\"MIT\"]\n        }", (i+1)%4000)
	}
	s.WriteString("\n    ],\n    \"packages-dev\": []\n}\n")
	benchParse(b, parseComposerLock, "composer.lock", []byte(s.String()))
}
