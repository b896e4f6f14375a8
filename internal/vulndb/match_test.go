package vulndb

import (
	"slices"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

func adv(eco, name string, afs ...Affected) *Advisory {
	for i := range afs {
		afs[i].Package = Pkg{Ecosystem: eco, Name: name}
	}
	return &Advisory{ID: "TEST-1", Affected: afs}
}

func eco(events ...Event) Range { return Range{Type: "ECOSYSTEM", Events: events} }

func TestAffects(t *testing.T) {
	t.Parallel()
	gitFirst := Affected{Ranges: []Range{
		{Type: "GIT", Repo: "https://github.com/x/y", Events: []Event{{Introduced: "0"}, {Fixed: "abc123"}}},
		eco(Event{Introduced: "1.0.0"}, Event{Fixed: "1.4.2"}),
	}}
	tests := []struct {
		name      string
		a         *Advisory
		eco, pkg  string
		versions  map[string]bool
		wantFixed []string
	}{
		{
			name: "introduced and fixed", eco: "npm", pkg: "lodash",
			a:         adv("npm", "lodash", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"})}),
			versions:  map[string]bool{"4.17.20": true, "0.0.1": true, "4.17.21": false, "5.0.0": false, "4.17.21-beta.1": true},
			wantFixed: []string{"4.17.21"},
		},
		{
			name: "several branches", eco: "npm", pkg: "next",
			a: adv("npm", "next",
				Affected{Ranges: semverRange(Event{Introduced: "12.3.5"}, Event{Fixed: "12.3.6"})},
				Affected{Ranges: semverRange(Event{Introduced: "13.5.9"}, Event{Fixed: "13.5.10"})}),
			versions:  map[string]bool{"12.3.5": true, "12.3.4": false, "13.5.9": true, "13.0.0": false, "13.5.10": false},
			wantFixed: []string{"13.5.10", "12.3.6"}, // for 13.5.9: its own branch first
		},
		{
			name: "last_affected is inclusive", eco: "PyPI", pkg: "Django",
			a:        adv("PyPI", "django", Affected{Ranges: []Range{eco(Event{Introduced: "2.0"}, Event{LastAffected: "2.2.4"})}}),
			versions: map[string]bool{"2.2.4": true, "2.2.5": false, "1.11": false, "2.0.0": true},
		},
		{
			name: "limit bounds the range", eco: "npm", pkg: "x",
			a:        adv("npm", "x", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Limit: "2.0.0"})}),
			versions: map[string]bool{"1.9.9": true, "2.0.0": false, "3.0.0": false},
		},
		{
			name: "versions list only", eco: "PyPI", pkg: "tornado",
			a:        adv("PyPI", "tornado", Affected{Versions: []string{"2.1", "2.2"}}),
			versions: map[string]bool{"2.2": true, "2.2.0": true, "2.3": false},
		},
		{
			name: "GIT range listed before the ECOSYSTEM range", eco: "crates.io", pkg: "y",
			a:         adv("crates.io", "y", gitFirst),
			versions:  map[string]bool{"1.2.0": true, "1.4.2": false, "0.9.0": false},
			wantFixed: []string{"1.4.2"},
		},
		{
			name: "Go versions with v and pseudo-versions", eco: "Go", pkg: "golang.org/x/net",
			a:        adv("Go", "golang.org/x/net", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Fixed: "0.7.0"})}),
			versions: map[string]bool{"v0.6.0": true, "v0.7.0": false, "v0.0.0-20220722155237-a158d28d115b": true, "v0.8.0": false},
		},
		{
			name: "PyPI names are normalised", eco: "PyPI", pkg: "Pillow",
			a:        adv("PyPI", "pillow", Affected{Ranges: []Range{eco(Event{Introduced: "0"}, Event{Fixed: "9.0.1"})}}),
			versions: map[string]bool{"9.0.0": true, "9.0.1": false, "8.4.0.post1": true},
		},
		{
			name: "other package names do not match", eco: "npm", pkg: "lodash.merge",
			a:        adv("npm", "lodash", Affected{Ranges: semverRange(Event{Introduced: "0"})}),
			versions: map[string]bool{"1.0.0": false},
		},
		{
			name: "ecosystem suffixes", eco: "Maven", pkg: "org.apache.logging.log4j:log4j-core",
			a: &Advisory{ID: "M", Affected: []Affected{{
				Package: Pkg{Ecosystem: "Maven:https://repo.maven.apache.org/maven2/", Name: "org.apache.logging.log4j:log4j-core"},
				Ranges:  []Range{eco(Event{Introduced: "2.0-beta9"}, Event{Fixed: "2.15.0"})},
			}}},
			versions: map[string]bool{"2.14.1": true, "2.15.0": false, "2.0": true, "1.2.17": false},
		},
		{
			name: "near-SemVer fixed versions are read as pre-releases", eco: "npm", pkg: "jquery",
			a:        adv("npm", "jquery", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Fixed: "1.9.0b1"})}),
			versions: map[string]bool{"3.4.1": false, "1.8.3": true, "1.9.0": false},
		},
		{
			name: "an inverted range affects nothing", eco: "PyPI", pkg: "django",
			a:        adv("PyPI", "Django", Affected{Ranges: []Range{eco(Event{Introduced: "1.7"}, Event{LastAffected: "1.7b1"})}}),
			versions: map[string]bool{"4.2.16": false, "1.7": false, "1.6": false},
		},
		{
			name: "a range with an unreadable event is not guessed at", eco: "npm", pkg: "q",
			a:        adv("npm", "q", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Fixed: "next-release"})}),
			versions: map[string]bool{"1.0.0": false},
		},
		{
			name: "unparsable versions match nothing by range", eco: "npm", pkg: "z",
			a:        adv("npm", "z", Affected{Ranges: semverRange(Event{Introduced: "0"}, Event{Fixed: "1.0.0"})}),
			versions: map[string]bool{"not a version": false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for v, want := range tt.versions {
				got, fixed := tt.a.Affects(tt.eco, tt.pkg, v)
				if got != want {
					t.Errorf("Affects(%s %s) = %v, want %v", tt.pkg, v, got, want)
				}
				if got && tt.wantFixed != nil && v == firstKey(tt.versions) && !slices.Equal(fixed, tt.wantFixed) {
					t.Errorf("fixed for %s = %v, want %v", v, fixed, tt.wantFixed)
				}
			}
		})
	}
}

// firstKey is the affected version the fixed lists above are written for.
func firstKey(m map[string]bool) string {
	for _, k := range []string{"4.17.20", "13.5.9", "1.2.0"} {
		if _, ok := m[k]; ok {
			return k
		}
	}
	return ""
}

func TestRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    Advisory
		want finding.Severity
		vec  bool
	}{
		{"cvss v3", Advisory{Severity: []Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}}}, finding.Critical, true},
		{"newest version wins", Advisory{Severity: []Severity{
			{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"},
			{Type: "CVSS_V4", Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"},
		}}, finding.Info, true},
		{"database word", Advisory{DatabaseSpecific: &specific{Severity: "MODERATE"}}, finding.Medium, false},
		{"bad vector falls back", Advisory{Severity: []Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/garbage"}}, DatabaseSpecific: &specific{Severity: "high"}}, finding.High, false},
		{"rubysec bare score", Advisory{DatabaseSpecific: &specific{CVSSv3: 7.5}}, finding.High, false},
		{"RustSec vector in the affected entry", Advisory{Affected: []Affected{{Package: Pkg{Ecosystem: "npm", Name: "x"},
			DatabaseSpecific: &specific{CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}}}}, finding.High, true},
		{"RustSec informational", Advisory{Affected: []Affected{{Package: Pkg{Ecosystem: "npm", Name: "x"},
			DatabaseSpecific: &specific{Informational: "unmaintained"}}}}, finding.Info, false},
		{"nobody rated it", Advisory{}, finding.Unknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.a.Rate("npm", "x")
			if r.Severity != tt.want || (r.Vector != "") != tt.vec {
				t.Errorf("Rate = %+v, want %v (vector %v)", r, tt.want, tt.vec)
			}
		})
	}
}

func TestNormalizeName(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ eco, in, want string }{
		{"PyPI", "Flask_SQLAlchemy", "flask-sqlalchemy"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"PyPI", "a-_.b", "a-b"},
		{"Packagist", "Symfony/HTTP-Kernel", "symfony/http-kernel"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"npm", "@Scope/Pkg", "@Scope/Pkg"},
	} {
		if got := NormalizeName(tt.eco, tt.in); got != tt.want {
			t.Errorf("NormalizeName(%s, %q) = %q, want %q", tt.eco, tt.in, got, tt.want)
		}
	}
}

func TestCoerceSemver(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"1.9.0b1", "1.9.0-b1", true},
		{"1.0.0.beta.3", "1.0.0-beta.3", true},
		{"2.0.0-rc.1", "2.0.0-rc.1", true},
		{"1.3.0-*", "1.3.0-0", true},
		{"1.2", "", false},
		{"beta", "", false},
		{"", "", false},
	} {
		got, ok := coerceSemver(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("coerceSemver(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
