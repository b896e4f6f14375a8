package deps

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// jsWant is what a test expects of one package, found by its ID.
type jsWant struct {
	id                           string
	name, version                string
	line                         int
	direct, dev, optional, local bool
	dependsOn                    []string
}

type jsParser func(path string, data []byte) ([]Package, error)

// jsParseFile parses a fixture under testdata.
func jsParseFile(t testing.TB, parse jsParser, name string) []Package {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := parse(path, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return pkgs
}

// jsCheckGraph checks what holds for every parse: npm packages, unique
// IDs, and DependsOn naming only packages of the result.
func jsCheckGraph(t testing.TB, pkgs []Package) {
	t.Helper()
	ids := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		if p.Ecosystem != NPM {
			t.Errorf("%s: ecosystem %q, want %q", p.Key(), p.Ecosystem, NPM)
		}
		if ids[p.Key()] {
			t.Errorf("ID %q appears twice", p.Key())
		}
		ids[p.Key()] = true
	}
	for _, p := range pkgs {
		for _, d := range p.DependsOn {
			if !ids[d] {
				t.Errorf("%s depends on %q, which is not in the result", p.Key(), d)
			}
		}
	}
}

// jsCheck compares the packages found with the wanted ones.
func jsCheck(t *testing.T, pkgs []Package, count int, want []jsWant) {
	t.Helper()
	jsCheckGraph(t, pkgs)
	if len(pkgs) != count {
		t.Errorf("got %d packages, want %d", len(pkgs), count)
	}
	byID := make(map[string]Package, len(pkgs))
	for _, p := range pkgs {
		byID[p.Key()] = p
	}
	for _, w := range want {
		p, ok := byID[w.id]
		if !ok {
			t.Errorf("no package with ID %q", w.id)
			continue
		}
		got := fmt.Sprintf("%s %s line %d direct=%v dev=%v optional=%v local=%v",
			p.Name, p.Version, p.Line, p.Direct, p.Dev, p.Optional, p.Local)
		wantS := fmt.Sprintf("%s %s line %d direct=%v dev=%v optional=%v local=%v",
			w.name, w.version, w.line, w.direct, w.dev, w.optional, w.local)
		if got != wantS {
			t.Errorf("%s:\n got  %s\n want %s", w.id, got, wantS)
		}
		if !slices.Equal(p.DependsOn, w.dependsOn) {
			t.Errorf("%s: DependsOn = %q, want %q", w.id, p.DependsOn, w.dependsOn)
		}
	}
}

func TestParseNpmLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		count int
		want  []jsWant
	}{
		{
			file:  "npm/v3.json",
			count: 13,
			want: []jsWant{
				{id: "node_modules/express", name: "express", version: "4.18.2", line: 45, direct: true,
					dependsOn: []string{"node_modules/debug", "node_modules/express/node_modules/ms"}},
				{id: "node_modules/express/node_modules/ms", name: "ms", version: "2.1.3", line: 57},
				{id: "node_modules/debug", name: "debug", version: "2.6.9", line: 37,
					dependsOn: []string{"node_modules/ms"}},
				{id: "node_modules/ms", name: "ms", version: "2.0.0", line: 116},
				{id: "node_modules/jest", name: "jest", version: "29.7.0", line: 75, direct: true, dev: true,
					dependsOn: []string{"node_modules/@types/node", "node_modules/jest-cli"}},
				{id: "node_modules/@types/node", name: "@types/node", version: "20.11.5", line: 28, dev: true,
					dependsOn: []string{"node_modules/undici-types"}},
				{id: "node_modules/fsevents", name: "fsevents", version: "2.3.3", line: 62, direct: true, optional: true},
				// devOptional: installed unless both dev and optional are left out
				{id: "node_modules/undici-types", name: "undici-types", version: "5.26.5", line: 129, optional: true},
				// an npm: alias is reported under the real package's name
				{id: "node_modules/legacy-uuid", name: "uuid", version: "3.4.0", line: 102, direct: true},
				{id: "node_modules/tiny-lru", name: "tiny-lru", version: "11.0.1", line: 121, direct: true, local: true},
				{id: "node_modules/local-utils", name: "local-utils", version: "0.3.0", line: 112, direct: true, local: true,
					dependsOn: []string{"../local-utils"}},
				{id: "../local-utils", name: "local-utils", version: "0.3.0", line: 24, local: true},
			},
		},
		{
			// packages and the legacy dependencies tree: packages wins
			file:  "npm/v2-workspaces.json",
			count: 7,
			want: []jsWant{
				{id: "packages/api", name: "@acme/api", version: "1.2.0", line: 43, local: true,
					dependsOn: []string{"node_modules/@acme/shared", "packages/api/node_modules/lodash"}},
				{id: "node_modules/@acme/api", name: "@acme/api", version: "1.2.0", line: 17, local: true,
					dependsOn: []string{"packages/api"}},
				{id: "node_modules/@acme/shared", name: "@acme/shared", version: "1.0.3", line: 21, direct: true, local: true,
					dependsOn: []string{"packages/shared"}},
				{id: "packages/api/node_modules/lodash", name: "lodash", version: "3.10.1", line: 51, direct: true},
				{id: "node_modules/lodash", name: "lodash", version: "4.17.21", line: 25, direct: true},
				{id: "node_modules/typescript", name: "typescript", version: "5.3.3", line: 30, direct: true, dev: true},
			},
		},
		{
			file:  "npm/v1.json",
			count: 10,
			want: []jsWant{
				{id: "node_modules/@babel/code-frame", name: "@babel/code-frame", version: "7.12.13", line: 7,
					direct: true, dev: true, dependsOn: []string{"node_modules/@babel/highlight"}},
				// required by another entry, so not counted as direct
				{id: "node_modules/@babel/highlight", name: "@babel/highlight", version: "7.13.10", line: 16, dev: true,
					dependsOn: []string{"node_modules/chalk"}},
				{id: "node_modules/chalk", name: "chalk", version: "2.4.2", line: 25,
					dependsOn: []string{"node_modules/chalk/node_modules/supports-color"}},
				{id: "node_modules/chalk/node_modules/supports-color", name: "supports-color", version: "5.5.0", line: 33,
					dependsOn: []string{"node_modules/has-flag"}},
				{id: "node_modules/left-pad", name: "left-pad", version: "github:stevemao/left-pad#490b06f2de86d27151d21e29cb1dd5b1d69fae6f",
					line: 48, direct: true, local: true},
				{id: "node_modules/my-theme", name: "my-theme", version: "file:vendor/my-theme", line: 52, direct: true, local: true},
				{id: "node_modules/old-request", name: "request", version: "2.88.2", line: 55, direct: true,
					dependsOn: []string{"node_modules/chalk"}},
				// "resolved": false, as some old files have it
				{id: "node_modules/fsevents", name: "fsevents", version: "1.2.13", line: 63, direct: true, optional: true,
					dependsOn: []string{"node_modules/fsevents/node_modules/nan"}},
				{id: "node_modules/fsevents/node_modules/nan", name: "nan", version: "2.14.0", line: 72, optional: true},
			},
		},
		{
			file:  "npm/npm-shrinkwrap.json",
			count: 1,
			want:  []jsWant{{id: "node_modules/minimist", name: "minimist", version: "1.2.8", line: 17, direct: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			jsCheck(t, jsParseFile(t, parseNpmLock, tt.file), tt.count, tt.want)
		})
	}
}

func TestParseYarnLock(t *testing.T) {
	t.Parallel()
	const (
		resolvePatch = "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
		utilsGit     = "utils@https://github.com/acme/utils.git#commit=b793fcf0fd9442c96fb3cc1151dbeff47d16b86e"
		tinyPortal   = "tiny-lib@portal:../tiny-lib::locator=monorepo%40workspace%3A."
	)
	tests := []struct {
		file  string
		count int
		want  []jsWant
	}{
		{
			file:  "yarn/v1.lock",
			count: 11,
			want: []jsWant{
				{id: "@babel/code-frame@7.22.13", name: "@babel/code-frame", version: "7.22.13", line: 5,
					dependsOn: []string{"@babel/highlight@7.22.20", "chalk@2.4.2"}},
				{id: "chokidar@3.5.3", name: "chokidar", version: "3.5.3", line: 28, dependsOn: []string{"fsevents@2.3.3"}},
				// found through its second, quoted descriptor
				{id: "js-tokens@4.0.0", name: "js-tokens", version: "4.0.0", line: 40},
				{id: "@babel/highlight@7.22.20", name: "@babel/highlight", version: "7.22.20", line: 13,
					dependsOn: []string{"chalk@2.4.2", "js-tokens@4.0.0"}},
				{id: "left-pad@1.3.0", name: "left-pad", version: "1.3.0", line: 45, local: true},
				{id: "my-config@0.1.0", name: "my-config", version: "0.1.0", line: 49, local: true},
				{id: "string-width@4.2.3", name: "string-width", version: "4.2.3", line: 52},
				{id: "ws@8.14.2", name: "ws", version: "8.14.2", line: 62, local: true},
			},
		},
		{
			file:  "yarn/berry.lock",
			count: 13,
			want: []jsWant{
				{id: "monorepo@workspace:.", name: "monorepo", version: "0.0.0-use.local", line: 43, local: true,
					dependsOn: []string{"@acme/web@workspace:packages/web", "resolve@npm:1.22.8", tinyPortal,
						"typescript@npm:5.2.2", utilsGit}},
				{id: "@acme/web@workspace:packages/web", name: "@acme/web", version: "0.0.0-use.local", line: 8,
					direct: true, local: true,
					dependsOn: []string{"lodash@npm:4.17.21", "react@npm:18.2.0", "string-width@npm:4.2.3"}},
				{id: "react@npm:18.2.0", name: "react", version: "18.2.0", line: 55, direct: true,
					dependsOn: []string{"loose-envify@npm:1.4.0"}},
				{id: "loose-envify@npm:1.4.0", name: "loose-envify", version: "1.4.0", line: 32,
					dependsOn: []string{"js-tokens@npm:4.0.0"}},
				{id: "string-width@npm:4.2.3", name: "string-width", version: "4.2.3", line: 82, direct: true},
				{id: resolvePatch, name: "resolve", version: "1.22.8", line: 73},
				{id: tinyPortal, name: "tiny-lib", version: "0.0.0-use.local", line: 89, direct: true, local: true},
				{id: utilsGit, name: "utils", version: "2.0.1", line: 115, direct: true, local: true},
			},
		},
		{
			file:  "yarn/berry-v8.lock",
			count: 5,
			want: []jsWant{
				{id: "app@workspace:.", name: "app", version: "0.0.0-use.local", line: 15, local: true,
					dependsOn: []string{"fsevents@npm:2.3.3", "strip-ansi@npm:6.0.1"}},
				{id: "strip-ansi@npm:6.0.1", name: "strip-ansi", version: "6.0.1", line: 46, direct: true,
					dependsOn: []string{"ansi-regex@npm:5.0.1"}},
				{id: "fsevents@patch:fsevents@npm%3A2.3.3#optional!builtin<compat/fsevents>::version=2.3.3&hash=df0bf1",
					name: "fsevents", version: "2.3.3", line: 37},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			jsCheck(t, jsParseFile(t, parseYarnLock, tt.file), tt.count, tt.want)
		})
	}
}

func TestParsePnpmLock(t *testing.T) {
	t.Parallel()
	const isOdd = "is-odd@https://codeload.github.com/jonschlinkert/is-odd/tar.gz/4c1baef5ea40820f867488e4ac8eba5e696a3339"
	tests := []struct {
		file  string
		count int
		want  []jsWant
	}{
		{
			file:  "pnpm/v5.yaml",
			count: 11,
			want: []jsWant{
				{id: "/react-dom/18.2.0_react@18.2.0", name: "react-dom", version: "18.2.0", line: 61, direct: true,
					dependsOn: []string{"/loose-envify/1.4.0", "/react/18.2.0", "/scheduler/0.23.0"}},
				{id: "/@testing-library/react/13.4.0_biqbaboplfbrettd7655fr4n2y", name: "@testing-library/react",
					version: "13.4.0", line: 32, direct: true, dev: true,
					dependsOn: []string{"/@babel/runtime/7.23.2", "/react-dom/18.2.0_react@18.2.0", "/react/18.2.0"}},
				{id: "/@babel/runtime/7.23.2", name: "@babel/runtime", version: "7.23.2", line: 25, dev: true,
					dependsOn: []string{"/regenerator-runtime/0.14.0"}},
				// no dev flag: used by both, so not dev
				{id: "/loose-envify/1.4.0", name: "loose-envify", version: "1.4.0", line: 55,
					dependsOn: []string{"/js-tokens/4.0.0"}},
				{id: "/fsevents/2.3.2", name: "fsevents", version: "2.3.2", line: 44, direct: true, optional: true},
				{id: "github.com/stevemao/left-pad/d362a6ac77f47dac24dc90a22cd7e5ac60e37f7c", name: "left-pad",
					version: "1.3.0", line: 85, direct: true, local: true},
				{id: "link:../ui-kit", name: "ui-kit", version: "link:../ui-kit", line: 15, direct: true, local: true},
			},
		},
		{
			file:  "pnpm/v6.yaml",
			count: 13,
			want: []jsWant{
				{id: "/styled-components@6.1.0(react-dom@18.2.0)(react@18.2.0)", name: "styled-components",
					version: "6.1.0", line: 102, direct: true,
					dependsOn: []string{"/react-dom@18.2.0(react@18.2.0)", "/react@18.2.0"}},
				{id: "/follow-redirects@1.15.3", name: "follow-redirects", version: "1.15.3", line: 54},
				// npm:lodash@^4.17.21 installed as lodash-es5
				{id: "/lodash@4.17.21", name: "lodash", version: "4.17.21", line: 68, direct: true},
				{id: "/typescript@5.2.2", name: "typescript", version: "5.2.2", line: 113, direct: true, dev: true},
				{id: "/vitest@0.34.6", name: "vitest", version: "0.34.6", line: 119, direct: true, dev: true},
				{id: "file:vendor/fonts", name: "local-fonts", version: "0.2.0", line: 125, direct: true, local: true},
				{id: "link:packages/ui", name: "@acme/ui", version: "link:../ui", line: 17, direct: true, local: true,
					dependsOn: []string{"/react-dom@18.2.0(react@18.2.0)", "/react@18.2.0", "/vitest@0.34.6"}},
			},
		},
		{
			file:  "pnpm/v9.yaml",
			count: 14,
			want: []jsWant{
				// one package per peer variant, each with its own dependencies
				{id: "@tanstack/react-query@5.8.4(react@17.0.2)", name: "@tanstack/react-query", version: "5.8.4",
					line: 99, direct: true, dependsOn: []string{"@tanstack/query-core@5.8.3", "react@17.0.2"}},
				{id: "@tanstack/react-query@5.8.4(react@18.2.0)", name: "@tanstack/react-query", version: "5.8.4",
					line: 104, direct: true, dependsOn: []string{"@tanstack/query-core@5.8.3", "react@18.2.0"}},
				// 9.0 has no dev flags: scope comes from the importers
				{id: "eslint@8.53.0", name: "eslint", version: "8.53.0", line: 109, direct: true, dev: true,
					dependsOn: []string{"ms@2.1.3", "object-assign@4.1.1"}},
				{id: "ms@2.1.3", name: "ms", version: "2.1.3", line: 129, direct: true},
				{id: "object-assign@4.1.1", name: "object-assign", version: "4.1.1", line: 131},
				{id: "fsevents@2.3.3", name: "fsevents", version: "2.3.3", line: 114, direct: true, optional: true},
				{id: isOdd, name: "is-odd", version: "3.0.1", line: 119, direct: true, local: true,
					dependsOn: []string{"is-number@6.0.0"}},
				{id: "is-number@6.0.0", name: "is-number", version: "6.0.0", line: 117},
				{id: "link:packages/legacy", name: "@acme/legacy", version: "link:packages/legacy", line: 11,
					direct: true, local: true,
					dependsOn: []string{"@tanstack/react-query@5.8.4(react@17.0.2)", "react@17.0.2"}},
			},
		},
		{
			// pnpm 11+: an env document for pnpm itself, then the project's
			file:  "pnpm/v9-env.yaml",
			count: 2,
			want: []jsWant{
				{id: "is-number@7.0.0", name: "is-number", version: "7.0.0", line: 47, direct: true},
				{id: "pnpm@12.1.0", name: "pnpm", version: "12.1.0", line: 22, direct: true, dev: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			jsCheck(t, jsParseFile(t, parsePnpmLock, tt.file), tt.count, tt.want)
		})
	}
}

func TestParseBunLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		count int
		want  []jsWant
	}{
		{
			file:  "bun/bun.lock",
			count: 18,
			want: []jsWant{
				{id: "@acme/shared", name: "@acme/shared", version: "0.4.0", line: 34, direct: true, local: true,
					dependsOn: []string{"@acme/shared/chalk", "local-theme"}},
				// the copy nested under the workspace member wins there
				{id: "@acme/shared/chalk", name: "chalk", version: "4.1.2", line: 36, direct: true,
					dependsOn: []string{"ansi-styles", "supports-color"}},
				{id: "chalk", name: "chalk", version: "5.3.0", line: 46, direct: true},
				{id: "old-chalk", name: "chalk", version: "4.1.2", line: 60, direct: true,
					dependsOn: []string{"ansi-styles", "supports-color"}},
				{id: "@types/bun", name: "@types/bun", version: "1.1.6", line: 38, direct: true, dev: true,
					dependsOn: []string{"bun-types"}},
				{id: "bun-types", name: "bun-types", version: "1.1.6", line: 44, dev: true,
					dependsOn: []string{"@types/node"}},
				{id: "fsevents", name: "fsevents", version: "2.3.3", line: 52, direct: true, optional: true},
				{id: "color-name", name: "color-name", version: "1.1.4", line: 50},
				{id: "local-theme", name: "local-theme", version: "file:vendor/theme", line: 58, direct: true, local: true,
					dependsOn: []string{"color-name"}},
				{id: "tiny-invariant", name: "tiny-invariant", version: "github:alexreardon/tiny-invariant#4c350b7",
					line: 64, direct: true, local: true},
				// a devDependency the root also lists as a peer: not dev
				{id: "typescript", name: "typescript", version: "5.4.5", line: 66, direct: true},
			},
		},
		{
			file:  "bun/comments.lock",
			count: 1,
			want:  []jsWant{{id: "zod", name: "zod", version: "3.23.8", line: 13, direct: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			jsCheck(t, jsParseFile(t, parseBunLock, tt.file), tt.count, tt.want)
		})
	}
}

// TestParseJSLockOdd covers valid files with unusual content: none of
// them is an error.
func TestParseJSLockOdd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		parse jsParser
		input string
		want  []string // name@version of each package, in order
	}{
		{"npm wrong field types", parseNpmLock,
			`{"packages": {"node_modules/a": {"version": 1, "dev": "yes", "dependencies": ["b"]}}}`, []string{"a@"}},
		{"npm escaped key", parseNpmLock,
			`{"packages": {"node_modules/caf\u00e9": {"version": "1.0.0"}}}`, []string{"café@1.0.0"}},
		{"npm empty", parseNpmLock, `{}`, nil},
		{"npm nested link target", parseNpmLock,
			`{"packages": {"node_modules/a": {"link": true, "resolved": "libs/a"}, "libs/a": {"version": "2.0.0"}}}`,
			[]string{"a@2.0.0", "a@2.0.0"}},
		{"yarn empty", parseYarnLock, "# yarn lockfile v1\n\n", nil},
		{"yarn crlf", parseYarnLock, "a@^1:\r\n  version \"1.0.1\"\r\n", []string{"a@1.0.1"}},
		{"yarn entry without version", parseYarnLock, "a@^1:\n  resolved \"x\"\nb@^2:\n  version \"2.0.0\"\n",
			[]string{"b@2.0.0"}},
		{"yarn repeated package", parseYarnLock, "a@^1:\n  version \"1.0.0\"\na@~1.0:\n  version \"1.0.0\"\n",
			[]string{"a@1.0.0"}},
		{"pnpm empty", parsePnpmLock, "", nil},
		{"pnpm version only", parsePnpmLock, "lockfileVersion: 5.4\n", nil},
		{"pnpm other registry", parsePnpmLock,
			"lockfileVersion: 5.3\npackages:\n  registry.example.com/left-pad/1.3.0:\n    resolution: {integrity: sha512-x}\n",
			[]string{"left-pad@1.3.0"}},
		{"pnpm 5.4-inlineSpecifiers", parsePnpmLock,
			"lockfileVersion: 5.4-inlineSpecifiers\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n" +
				"        version: 1.0.0_b@2.0.0\npackages:\n  /a/1.0.0_b@2.0.0:\n    dependencies:\n      b: 2.0.0\n" +
				"  /b/2.0.0:\n    resolution: {integrity: sha512-x}\n",
			[]string{"a@1.0.0", "b@2.0.0"}},
		{"pnpm anchors", parsePnpmLock,
			"lockfileVersion: '9.0'\npackages:\n  a@1.0.0: &m {resolution: {integrity: sha512-x}}\n  b@2.0.0: *m\n",
			[]string{"a@1.0.0", "b@2.0.0"}},
		{"bun empty", parseBunLock, `{"lockfileVersion": 1, "workspaces": {}, "packages": {},}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pkgs, err := tt.parse("lockfile", []byte(tt.input))
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			jsCheckGraph(t, pkgs)
			var got []string
			for _, p := range pkgs {
				got = append(got, p.Name+"@"+p.Version)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseJSLockErrors(t *testing.T) {
	t.Parallel()
	deep := `{"dependencies": ` + strings.Repeat(`{"a": {"dependencies": `, 70) + "{}" +
		strings.Repeat("}}", 70) + "}"
	tests := []struct {
		name     string
		parse    jsParser
		input    string
		wantLine int
		wantText string
	}{
		{"npm empty file", parseNpmLock, "", 1, "unexpected end of file"},
		{"npm not an object", parseNpmLock, "[1, 2]\n", 1, "want '{'"},
		{"npm missing comma", parseNpmLock,
			"{\n  \"packages\": {\n    \"node_modules/a\": {\"version\": \"1.0.0\"}\n    \"node_modules/b\": {}\n  }\n}\n",
			4, "want ',' or '}'"},
		{"npm trailing comma", parseNpmLock, "{\n  \"packages\": {},\n}\n", 3, "want a string"},
		{"npm truncated", parseNpmLock, "{\n  \"packages\": {\n    \"node_modules/a\": {\n", 4, "unexpected end of file"},
		{"npm unterminated string", parseNpmLock, "{\n  \"packages\": {\n    \"node_modules/a: {}\n", 3,
			"control character"},
		{"npm bad literal", parseNpmLock, "{\n  \"lockfileVersion\": 3x\n}\n", 2, "want a value"},
		{"npm bad escape", parseNpmLock, "{\n\n  \"a\\q\": 1\n}\n", 3, "invalid escape"},
		{"npm data after object", parseNpmLock, "{}\n{}\n", 2, "unexpected data"},
		{"npm too deep", parseNpmLock, deep, 1, "nested deeper"},
		{"yarn header without colon", parseYarnLock, "# yarn lockfile v1\n\nlodash@^4.17.21\n  version \"4.17.21\"\n",
			3, "does not end in ':'"},
		{"yarn field before entry", parseYarnLock, "\n  version \"1.0.0\"\n", 2, "outside any entry"},
		{"yarn unterminated header quote", parseYarnLock, "a@^1:\n  version \"1.0.0\"\n\n\"b@^2:\n", 4, "unterminated"},
		{"yarn unterminated value quote", parseYarnLock, "\"a@npm:^1\":\n  version: 1.0.0\n  resolution: \"a@npm:1.0.0\n",
			3, "unterminated"},
		{"yarn empty header", parseYarnLock, "a@^1:\n  version \"1\"\n\"\":\n", 3, "names no package"},
		{"pnpm bad yaml", parsePnpmLock,
			"lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x\n", 4, "invalid YAML"},
		{"pnpm bad indentation", parsePnpmLock, "lockfileVersion: 5.4\npackages:\n  /a/1.0.0:\n    dev: true\n   dev: false\n", 3, "did not find expected key"},
		{"pnpm packages not a mapping", parsePnpmLock, "lockfileVersion: '9.0'\n\npackages:\n  - a@1.0.0\n", 4,
			"not a mapping"},
		{"pnpm importer not a mapping", parsePnpmLock, "importers:\n  .: [a]\n", 2, "not a mapping"},
		{"pnpm not a mapping", parsePnpmLock, "- lockfileVersion\n", 1, "want a mapping"},
		{"bun unterminated comment", parseBunLock, "{\n  \"lockfileVersion\": 1,\n  /* packages\n}\n", 3,
			"unterminated comment"},
		{"bun missing comma", parseBunLock, "{\n  \"packages\": {\n    \"a\": [\"a@1.0.0\"]\n    \"b\": [\"b@1.0.0\"],\n  },\n}\n",
			4, "want ',' or '}'"},
		{"bun entry not an array", parseBunLock, "{\n  \"packages\": {\n\n    \"a\": \"a@1.0.0\",\n  },\n}\n", 4,
			"want an array"},
		{"bun entry without identifier", parseBunLock, "{\n  \"packages\": {\n    \"a\": [1, {}],\n  },\n}\n", 3,
			"name@version"},
		{"bun double trailing comma", parseBunLock, "{\n  \"packages\": {},,\n}\n", 2, "want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pkgs, err := tt.parse("lockfile", []byte(tt.input))
			if err == nil {
				t.Fatalf("got %d packages and no error, want an error", len(pkgs))
			}
			if pkgs != nil {
				t.Errorf("got %d packages with the error, want none", len(pkgs))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v, want *Error", err, err)
			}
			if e.Path != "lockfile" || e.Line != tt.wantLine || !strings.Contains(e.Error(), tt.wantText) {
				t.Errorf("got %q (line %d), want line %d and %q", err, e.Line, tt.wantLine, tt.wantText)
			}
		})
	}
}

func TestJSHelpers(t *testing.T) {
	t.Parallel()
	t.Run("jsSplitName", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string][2]string{
			"lodash@^4.17.21":            {"lodash", "^4.17.21"},
			"@babel/core@npm:7.0.0":      {"@babel/core", "npm:7.0.0"},
			"alias@npm:real@1.0.0":       {"alias", "npm:real@1.0.0"},
			"@scope/pkg":                 {"@scope/pkg", ""},
			"@":                          {"@", ""},
			"left-pad@github:a/b#v1.3.0": {"left-pad", "github:a/b#v1.3.0"},
		} {
			name, spec := jsSplitName(in)
			if got := [2]string{name, spec}; got != want {
				t.Errorf("jsSplitName(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("pnpmKeyNameVersion", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string][2]string{
			"/lodash/4.17.21":                          {"lodash", "4.17.21"},
			"/@babel/core/7.20.0_supports-color@5.5.0": {"@babel/core", "7.20.0"},
			"/react-dom@18.2.0(react@18.2.0)":          {"react-dom", "18.2.0"},
			"@scope/x@1.0.0(a@1(b@2))":                 {"@scope/x", "1.0.0"},
			"chart.js@4.4.0":                           {"chart.js", "4.4.0"},
			"registry.example.com/foo/1.0.0":           {"foo", "1.0.0"},
			"foo@file:packages/foo":                    {"foo", "file:packages/foo"},
		} {
			name, version := pnpmKeyNameVersion(in)
			if got := [2]string{name, version}; got != want {
				t.Errorf("pnpmKeyNameVersion(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("npmParentDir", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{
			"node_modules/a/node_modules/b":    "node_modules/a",
			"node_modules/@s/a":                "",
			"packages/a/node_modules/b":        "packages/a",
			"packages/a":                       "packages",
			"packages":                         "",
			"node_modules/a/node_modules/@s/b": "node_modules/a",
		} {
			if got := npmParentDir(in); got != want {
				t.Errorf("npmParentDir(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("bunParent", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{
			"react":          "",
			"@s/a":           "",
			"a/b":            "a",
			"a/@s/b":         "a",
			"@s/a/@t/b":      "@s/a",
			"@ws/app/@s/a/b": "@ws/app/@s/a",
		} {
			if got := bunParent(in); got != want {
				t.Errorf("bunParent(%q) = %q, want %q", in, got, want)
			}
		}
	})
}

// jsBigNpmLock writes a lockfileVersion 3 file with n packages, a tenth
// of them nested, each with three dependencies.
func jsBigNpmLock(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"name\": \"big\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n")
	b.WriteString("  \"packages\": {\n    \"\": {\n      \"name\": \"big\",\n      \"dependencies\": {\n")
	for i := range 50 {
		fmt.Fprintf(&b, "        \"pkg-%d\": \"^1.0.0\",\n", i)
	}
	b.WriteString("        \"pkg-50\": \"^1.0.0\"\n      }\n    }")
	for i := range n {
		key := fmt.Sprintf("node_modules/pkg-%d", i)
		if i%10 == 9 {
			key = fmt.Sprintf("node_modules/pkg-%d/node_modules/pkg-%d", i-1, i)
		}
		fmt.Fprintf(&b, ",\n    %q: {\n      \"version\": \"1.%d.0\",\n", key, i)
		fmt.Fprintf(&b, "      \"resolved\": \"https://registry.npmjs.org/pkg-%d/-/pkg-%d-1.%d.0.tgz\",\n", i, i, i)
		fmt.Fprintf(&b, "      \"integrity\": \"sha512-%086dAA==\",\n      \"dev\": %v,\n", i, i%3 == 0)
		fmt.Fprintf(&b, "      \"dependencies\": {\n        \"pkg-%d\": \"^1.0.0\",\n        \"pkg-%d\": \"^1.0.0\",\n"+
			"        \"pkg-%d\": \"^1.0.0\"\n      },\n", (i*7+1)%n, (i*13+5)%n, (i+1)%n)
		b.WriteString("      \"engines\": {\n        \"node\": \">=14\"\n      }\n    }")
	}
	b.WriteString("\n  }\n}\n")
	return []byte(b.String())
}

func TestJSBigNpmLock(t *testing.T) {
	t.Parallel()
	pkgs, err := parseNpmLock("package-lock.json", jsBigNpmLock(4000))
	if err != nil {
		t.Fatal(err)
	}
	jsCheckGraph(t, pkgs)
	if len(pkgs) != 4000 {
		t.Fatalf("got %d packages, want 4000", len(pkgs))
	}
	// pkg-8 depends on pkg-57 (top level), pkg-9 (nested under pkg-8, so
	// found there) and pkg-109 (nested under pkg-108, out of its reach)
	want := []string{"node_modules/pkg-57", "node_modules/pkg-8/node_modules/pkg-9"}
	if got := pkgs[8].DependsOn; !slices.Equal(got, want) {
		t.Errorf("pkg-8 DependsOn = %q, want %q", got, want)
	}
}

// jsBigPnpmLock writes a lockfileVersion 9.0 file with n packages, each
// with two dependencies.
func jsBigPnpmLock(n int) []byte {
	var b strings.Builder
	b.WriteString("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n")
	for i := range 50 {
		fmt.Fprintf(&b, "      pkg-%d:\n        specifier: ^1.0.0\n        version: 1.%d.0\n", i, i)
	}
	b.WriteString("\npackages:\n\n")
	for i := range n {
		fmt.Fprintf(&b, "  pkg-%d@1.%d.0:\n    resolution: {integrity: sha512-%086dAA==}\n    engines: {node: '>=14'}\n\n",
			i, i, i)
	}
	b.WriteString("snapshots:\n\n")
	for i := range n {
		a, c := (i*7+1)%n, (i+1)%n
		fmt.Fprintf(&b, "  pkg-%d@1.%d.0:\n    dependencies:\n      pkg-%d: 1.%d.0\n      pkg-%d: 1.%d.0\n\n", i, i, a, a, c, c)
	}
	return []byte(b.String())
}

func TestJSBigPnpmLock(t *testing.T) {
	t.Parallel()
	data := jsBigPnpmLock(4000)
	if _, ok := pnpmFast(data); !ok {
		t.Error("the fast reader declines the benchmark's file")
	}
	pkgs, err := parsePnpmLock("pnpm-lock.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	jsCheckGraph(t, pkgs)
	if len(pkgs) != 4000 || !pkgs[0].Direct || pkgs[3999].Direct {
		t.Errorf("got %d packages, first direct %v, last direct %v; want 4000, true, false",
			len(pkgs), pkgs[0].Direct, pkgs[len(pkgs)-1].Direct)
	}
}

func BenchmarkParsePnpmLock(b *testing.B) {
	data := jsBigPnpmLock(4000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parsePnpmLock("pnpm-lock.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseNpmLock(b *testing.B) {
	data := jsBigNpmLock(4000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseNpmLock("package-lock.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// pnpmCompareReaders describes how the fast reader's nodes differ from
// yaml.v3's for data, or returns "" when they agree or the fast reader
// declines the file.
func pnpmCompareReaders(data []byte) string {
	fast, ok := pnpmFast(data)
	if !ok {
		return ""
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for i := 0; ; i++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			if i != len(fast) {
				return fmt.Sprintf("fast reader found %d documents, yaml.v3 %d", len(fast), i)
			}
			return ""
		}
		if err != nil {
			return fmt.Sprintf("fast reader accepted what yaml.v3 rejects: %v", err)
		}
		if i >= len(fast) {
			return fmt.Sprintf("yaml.v3 found more than the fast reader's %d documents", len(fast))
		}
		if len(doc.Content) == 0 {
			return fmt.Sprintf("document %d: yaml.v3 found no content", i)
		}
		want, err := pnpmFromYAML("x", doc.Content[0], 0)
		if err != nil {
			return fmt.Sprintf("fast reader accepted what is too deep for yaml.v3's: %v", err)
		}
		if diff := pnpmSameNodes(fast[i], want, fmt.Sprint("doc", i)); diff != "" {
			return diff
		}
	}
}

// pnpmSameNodes compares two node trees.
func pnpmSameNodes(got, want *pnpmNode, at string) string {
	switch {
	case got.kind != want.kind:
		return fmt.Sprintf("%s: kind %v, yaml.v3 %v", at, got.kind, want.kind)
	case got.value != want.value && got.kind == yaml.ScalarNode:
		return fmt.Sprintf("%s: value %q, yaml.v3 %q", at, got.value, want.value)
	case got.null != want.null:
		return fmt.Sprintf("%s: null %v, yaml.v3 %v", at, got.null, want.null)
	case got.line != want.line:
		return fmt.Sprintf("%s: line %d, yaml.v3 %d", at, got.line, want.line)
	case len(got.content) != len(want.content):
		return fmt.Sprintf("%s: %d children, yaml.v3 %d", at, len(got.content), len(want.content))
	}
	for i := range got.content {
		if diff := pnpmSameNodes(got.content[i], want.content[i], fmt.Sprintf("%s/%d", at, i)); diff != "" {
			return diff
		}
	}
	return ""
}

func TestPnpmFastReader(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/pnpm/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := pnpmFast(data); !ok {
			t.Errorf("%s: the fast reader declines a file pnpm could have written", name)
		}
		if diff := pnpmCompareReaders(data); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
	// Where the fast reader takes these, it must read what yaml.v3 reads.
	for _, in := range []string{
		"a:  b  \n", "a :\n  b: c\n", "'a''b': 'c''d'\n", "a: {k: 'x, y', l: \"z\"}\n", "a: [x, 'y', \"z\"]\n",
		"a: -1\nb: '-'\n", "a: {}\nb: []\n", "a: b:c\n", "a: https://x.y/z#frag\n", "a: ~\nb: null\nc: nul\n",
		"a:\r\n  b: 1\r\n", "é: ü\n", "a: b\n---\nc: d\n", "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
		"a: {k: v,}\n", "a: {k}\n", "a: [x, ]\n", "a: 'x' y\n", "'a'x: 1\n", "a: {k: {n: 1}}\n", "a: b #c\n",
		"a: 1\na: 2\n", "? a\n", "a: !t x\n", "a:\n\n\n  b: 1\n",
	} {
		if diff := pnpmCompareReaders([]byte(in)); diff != "" {
			t.Errorf("%q: %s", in, diff)
		}
	}
	for _, in := range []string{
		"a: 1 # comment\n", "a:\n\t- b\n", "a: &x 1\n", "a:\n  - b\n", "a: |\n  text\n",
		"a: \"esc\\n\"\n", "---\n", "--- a\n", "a:\n   b: 1\n  c: 2\n", "a: b\n  c\n", "\ufeffa: 1\n",
		"a: b\u2028c\n", "a: b\rc: d\n",
	} {
		if _, ok := pnpmFast([]byte(in)); ok {
			t.Errorf("pnpmFast(%q) accepted YAML outside its subset", in)
		}
	}
}

// The fuzz targets live here rather than in fuzz_js_test.go: Go reads a
// "_js" file-name suffix as GOOS=js and would build that file only there.

func FuzzParseNpmLock(f *testing.F)  { jsFuzz(f, parseNpmLock, "npm", nil) }
func FuzzParseYarnLock(f *testing.F) { jsFuzz(f, parseYarnLock, "yarn", nil) }
func FuzzParseBunLock(f *testing.F)  { jsFuzz(f, parseBunLock, "bun", nil) }

// FuzzParsePnpmLock also checks that wherever the fast reader accepts a
// file, yaml.v3 reads the same nodes from it.
func FuzzParsePnpmLock(f *testing.F) {
	jsFuzz(f, parsePnpmLock, "pnpm", func(t *testing.T, data []byte) {
		if diff := pnpmCompareReaders(data); diff != "" {
			t.Fatal(diff)
		}
	})
}

// jsFuzz seeds a target with the format's fixtures (besides the corpus in
// testdata/fuzz) and checks that a parse either fails with an *Error for
// the file, at a line inside it, or returns a consistent graph.
func jsFuzz(f *testing.F, parse jsParser, dir string, also func(*testing.T, []byte)) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if also != nil {
			also(t, data)
		}
		pkgs, err := parse("fuzz.lock", data)
		lines := jsMaxLines(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Path != "fuzz.lock" {
				t.Fatalf("got %T %v, want an *Error for fuzz.lock", err, err)
			}
			if e.Line < 0 || e.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %v", e.Line, lines, err)
			}
			if pkgs != nil {
				t.Fatalf("got %d packages with an error", len(pkgs))
			}
			return
		}
		jsCheckGraph(t, pkgs)
		for _, p := range pkgs {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("%s at line %d of a %d-line file", p.Key(), p.Line, lines)
			}
		}
	})
}

// jsMaxLines bounds the lines of data as YAML counts them: it also breaks
// lines at a lone '\r', at U+0085, U+2028 and U+2029, and reads a file
// with a UTF-16 byte order mark as UTF-16.
func jsMaxLines(data []byte) int {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return len(data)
	}
	n := 1
	for _, r := range string(data) {
		switch r {
		case '\n', '\r', 0x85, 0x2028, 0x2029:
			n++
		}
	}
	return n
}
