package deps

import (
	"errors"
	"testing"
)

func TestPURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pkg  Package
		want string
	}{
		{"npm", Package{Ecosystem: NPM, Name: "left-pad", Version: "1.3.0"}, "pkg:npm/left-pad@1.3.0"},
		{"npm scope", Package{Ecosystem: NPM, Name: "@babel/core", Version: "7.24.0"}, "pkg:npm/%40babel/core@7.24.0"},
		{"npm file version", Package{Ecosystem: NPM, Name: "app", Version: "file:../app", Local: true}, "pkg:npm/app@file:..%2Fapp"},
		{"npm no version", Package{Ecosystem: NPM, Name: "x"}, "pkg:npm/x"},
		{"pypi normalised", Package{Ecosystem: PyPI, Name: "Django_Rest.Framework", Version: "3.15.1"}, "pkg:pypi/django-rest.framework@3.15.1"},
		{"pypi local version", Package{Ecosystem: PyPI, Name: "torch", Version: "2.3.0+cu121"}, "pkg:pypi/torch@2.3.0%2Bcu121"},
		{"go module", Package{Ecosystem: Go, Name: "github.com/BurntSushi/toml", Version: "v1.6.0"}, "pkg:golang/github.com/BurntSushi/toml@v1.6.0"},
		{"go pseudo", Package{Ecosystem: Go, Name: "golang.org/x/mod", Version: "v0.0.0-20240101000000-abcdefabcdef"}, "pkg:golang/golang.org/x/mod@v0.0.0-20240101000000-abcdefabcdef"},
		{"go incompatible", Package{Ecosystem: Go, Name: "github.com/a/b", Version: "v2.0.0+incompatible"}, "pkg:golang/github.com/a/b@v2.0.0%2Bincompatible"},
		{"go stdlib", Package{Ecosystem: Go, Name: "stdlib", Version: "1.22.3"}, "pkg:golang/stdlib@1.22.3"},
		{"cargo", Package{Ecosystem: Crates, Name: "serde_json", Version: "1.0.120"}, "pkg:cargo/serde_json@1.0.120"},
		{"gem", Package{Ecosystem: RubyGems, Name: "Rails", Version: "7.1.3"}, "pkg:gem/Rails@7.1.3"},
		{"composer lowercased", Package{Ecosystem: Packagist, Name: "Laravel/Framework", Version: "v11.0.0"}, "pkg:composer/laravel/framework@v11.0.0"},
		{"composer without vendor", Package{Ecosystem: Packagist, Name: "framework"}, ""},
		{"maven", Package{Ecosystem: Maven, Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1"}, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		{"maven without group", Package{Ecosystem: Maven, Name: "log4j-core", Version: "2.14.1"}, ""},
		{"nuget keeps case", Package{Ecosystem: NuGet, Name: "Newtonsoft.Json", Version: "13.0.1"}, "pkg:nuget/Newtonsoft.Json@13.0.1"},
		{"pub", Package{Ecosystem: Pub, Name: "http", Version: "1.2.1"}, "pkg:pub/http@1.2.1"},
		{"hex lowercased", Package{Ecosystem: Hex, Name: "Phoenix", Version: "1.7.12"}, "pkg:hex/phoenix@1.7.12"},
		{"space and slash", Package{Ecosystem: Crates, Name: "a b/c", Version: "1 0"}, "pkg:cargo/a%20b%2Fc@1%200"},
		{"unknown ecosystem", Package{Ecosystem: "Alpine", Name: "musl", Version: "1.2.4"}, ""},
		{"empty name", Package{Ecosystem: NPM, Version: "1.0.0"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := PURL(tt.pkg); got != tt.want {
				t.Errorf("PURL(%+v) = %q, want %q", tt.pkg, got, tt.want)
			}
		})
	}
}

func TestParsePURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Package
	}{
		{"pkg:npm/%40babel/core@7.24.0", Package{Ecosystem: NPM, Name: "@babel/core", Version: "7.24.0"}},
		{"pkg:npm/@babel/core", Package{Ecosystem: NPM, Name: "@babel/core"}},
		{"pkg:npm/babel/core@1", Package{Ecosystem: NPM, Name: "@babel/core", Version: "1"}},
		{"PKG:NPM/left-pad@1.3.0?vcs_url=git%3A%2F%2Fexample.org#lib/index.js", Package{Ecosystem: NPM, Name: "left-pad", Version: "1.3.0"}},
		{"pkg:/npm/left-pad@1.3.0", Package{Ecosystem: NPM, Name: "left-pad", Version: "1.3.0"}},
		{"pkg:pypi/Django_Allauth@0.61.1", Package{Ecosystem: PyPI, Name: "django-allauth", Version: "0.61.1"}},
		{"pkg:pypi/torch@2.3.0%2Bcu121", Package{Ecosystem: PyPI, Name: "torch", Version: "2.3.0+cu121"}},
		{"pkg:golang/github.com/BurntSushi/toml@v1.6.0#internal", Package{Ecosystem: Go, Name: "github.com/BurntSushi/toml", Version: "v1.6.0"}},
		{"pkg:golang/stdlib@1.22.3", Package{Ecosystem: Go, Name: "stdlib", Version: "1.22.3"}},
		{"pkg:cargo/rand@0.8.5", Package{Ecosystem: Crates, Name: "rand", Version: "0.8.5"}},
		{"pkg:gem/jruby-launcher@1.1.2?platform=java", Package{Ecosystem: RubyGems, Name: "jruby-launcher", Version: "1.1.2"}},
		{"pkg:composer/Laravel/Laravel@5.5.0", Package{Ecosystem: Packagist, Name: "laravel/laravel", Version: "5.5.0"}},
		{"pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&type=zip", Package{Ecosystem: Maven, Name: "org.apache.xmlgraphics:batik-anim", Version: "1.9.1"}},
		{"pkg:maven/mygroup/myartifact@1.0.0%20Final", Package{Ecosystem: Maven, Name: "mygroup:myartifact", Version: "1.0.0 Final"}},
		{"pkg:nuget/EnterpriseLibrary.Common@6.0.1304", Package{Ecosystem: NuGet, Name: "EnterpriseLibrary.Common", Version: "6.0.1304"}},
		{"pkg:pub/Flutter-Test@0.0.0", Package{Ecosystem: Pub, Name: "flutter_test", Version: "0.0.0"}},
		{"pkg:hex/phoenix_html@2.13.3#priv/static/phoenix_html.js", Package{Ecosystem: Hex, Name: "phoenix_html", Version: "2.13.3"}},
		{"pkg:hex/acme/foo@2.3.", Package{Ecosystem: Hex, Name: "acme/foo", Version: "2.3."}},
		{"pkg:cargo/a%2Fb@1", Package{Ecosystem: Crates, Name: "a/b", Version: "1"}},
		{"pkg:maven/g/a:b@1", Package{Ecosystem: Maven, Name: "g:a:b", Version: "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePURL(tt.in)
			if err != nil {
				t.Fatalf("ParsePURL(%q): %v", tt.in, err)
			}
			if !samePURL(got, tt.want) {
				t.Errorf("ParsePURL(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParsePURLErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in          string
		unsupported bool
	}{
		{"", false},
		{"npm/left-pad@1", false},
		{"http://example.org/x", false},
		{"pkg:npm", false},
		{"pkg:npm/", false},
		{"pkg:npm/@1.0.0", false},
		{"pkg:1npm/x@1", false},
		{"pkg:npm/left%zzpad@1", false},
		{"pkg:npm/left-pad@1%", false},
		{"pkg:npm/left-pad@1?a=%g0", false},
		{"pkg:npm/left-pad@1?novalue", false},
		{"pkg:npm/a%2Fb/c@1", false},
		{"pkg:npm/%40s/a%2Fb@1", false},
		{"pkg:maven/log4j-core@2.14.1", false},
		{"pkg:maven/a%3Ab/c@1", false},
		{"pkg:composer/framework@1", false},
		{"pkg:pypi/ns/django@1", false},
		{"pkg:deb/debian/curl@7.50.3-1", true},
		{"pkg:docker/library/alpine@3.19", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePURL(tt.in)
			if err == nil {
				t.Fatalf("ParsePURL(%q) = %+v, want an error", tt.in, got)
			}
			if errors.Is(err, ErrUnsupportedPURLType) != tt.unsupported {
				t.Errorf("ParsePURL(%q) = %v, want unsupported %v", tt.in, err, tt.unsupported)
			}
		})
	}
}

// samePURL reports whether a and b agree on what a purl carries:
// ecosystem, name and version.
func samePURL(a, b Package) bool {
	return a.Ecosystem == b.Ecosystem && a.Name == b.Name && a.Version == b.Version
}

// TestPURLRoundTrip checks that every ecosystem's purl reads back as the
// package it was built from, once names are normalised.
func TestPURLRoundTrip(t *testing.T) {
	t.Parallel()
	pkgs := []Package{
		{Ecosystem: NPM, Name: "@types/node", Version: "20.11.0"},
		{Ecosystem: NPM, Name: "lodash", Version: "4.17.21"},
		{Ecosystem: PyPI, Name: "requests", Version: "2.31.0"},
		{Ecosystem: Go, Name: "github.com/Azure/azure-sdk-for-go/sdk/azcore", Version: "v1.11.1"},
		{Ecosystem: Go, Name: "stdlib", Version: "1.22.3"},
		{Ecosystem: Crates, Name: "tokio", Version: "1.37.0"},
		{Ecosystem: RubyGems, Name: "nokogiri", Version: "1.16.5-x86_64-linux"},
		{Ecosystem: Packagist, Name: "symfony/http-kernel", Version: "v6.4.7"},
		{Ecosystem: Maven, Name: "com.fasterxml.jackson.core:jackson-databind", Version: "2.17.0"},
		{Ecosystem: NuGet, Name: "Serilog", Version: "3.1.1"},
		{Ecosystem: Pub, Name: "path_provider", Version: "2.1.3"},
		{Ecosystem: Hex, Name: "plug", Version: "1.15.3"},
		{Ecosystem: NPM, Name: "odd", Version: "1.0.0 beta+x/y?z#w@v%"},
	}
	for _, p := range pkgs {
		s := PURL(p)
		got, err := ParsePURL(s)
		if err != nil {
			t.Errorf("ParsePURL(PURL(%+v) = %q): %v", p, s, err)
			continue
		}
		if !samePURL(got, p) {
			t.Errorf("ParsePURL(%q) = %+v, want %+v", s, got, p)
		}
	}
}

// FuzzParsePURL checks that ParsePURL never panics and that what it reads
// writes back to a purl that reads as the same package.
func FuzzParsePURL(f *testing.F) {
	for _, s := range []string{
		"pkg:npm/%40babel/core@7.24.0", "pkg:golang/github.com/a/b@v1.0.0#x", "pkg:maven/g/a@1?type=pom",
		"pkg:pypi/Foo_Bar@1.0", "pkg:hex/acme/foo@2.3.", "pkg:composer/A/B@1", "pkg:pub/a-b@1", "pkg:deb/x@1",
		"pkg:cargo/a%2Fb@1%2B2", "pkg:npm/a/b/c@1", "pkg:///nuget/X@1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePURL(s)
		if err != nil {
			return
		}
		if p.Name == "" {
			t.Fatalf("ParsePURL(%q) = %+v with an empty name", s, p)
		}
		again := PURL(p)
		if again == "" {
			t.Fatalf("PURL(ParsePURL(%q) = %+v) = \"\"", s, p)
		}
		q, err := ParsePURL(again)
		if err != nil {
			t.Fatalf("ParsePURL(%q) (from %q): %v", again, s, err)
		}
		if !samePURL(q, p) {
			t.Fatalf("ParsePURL(%q) = %+v, want %+v (from %q)", again, q, p, s)
		}
	})
}
