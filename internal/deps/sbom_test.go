package deps_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/report"
)

// sbomPkg is the part of a Package the SBOM tests compare, with
// DependsOn resolved from IDs to "name@version".
type sbomPkg struct {
	Eco                   deps.Ecosystem
	Name, Version         string
	Line                  int
	Direct, Dev, Optional bool
	DependsOn             []string
}

func sbomView(pkgs []deps.Package) []sbomPkg {
	byID := map[string]string{}
	for _, p := range pkgs {
		byID[p.Key()] = p.Name + "@" + p.Version
	}
	out := make([]sbomPkg, 0, len(pkgs))
	for _, p := range pkgs {
		v := sbomPkg{Eco: p.Ecosystem, Name: p.Name, Version: p.Version, Line: p.Line, Direct: p.Direct, Dev: p.Dev, Optional: p.Optional}
		for _, d := range p.DependsOn {
			v.DependsOn = append(v.DependsOn, byID[d])
		}
		slices.Sort(v.DependsOn)
		out = append(out, v)
	}
	return out
}

func TestParseSBOMFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []sbomPkg
	}{
		{"cyclonedx-1.6.json", []sbomPkg{
			{Eco: deps.NPM, Name: "@angular/core", Version: "17.3.1", Line: 16, Direct: true, DependsOn: []string{"tslib@2.6.2"}},
			{Eco: deps.NPM, Name: "tslib", Version: "2.6.2", Line: 24},
			{Eco: deps.NPM, Name: "jest", Version: "29.7.0", Line: 30, Direct: true, Dev: true, DependsOn: []string{"fsevents@2.3.3"}},
			{Eco: deps.NPM, Name: "fsevents", Version: "2.3.3", Line: 38, Optional: true},
			{Eco: deps.PyPI, Name: "requests", Version: "2.31.0", Line: 51},
			{Eco: deps.Maven, Name: "org.apache.logging.log4j:log4j-core", Version: "2.17.1", Line: 74, Direct: true},
		}},
		{"cyclonedx-1.2.json", []sbomPkg{
			{Eco: deps.Crates, Name: "serde", Version: "1.0.197", Line: 6},
			{Eco: deps.RubyGems, Name: "rack", Version: "3.0.9", Line: 12},
		}},
		{"spdx-2.3.json", []sbomPkg{
			{Eco: deps.Go, Name: "github.com/gin-gonic/gin", Version: "v1.9.1", Line: 17, Direct: true, DependsOn: []string{"Newtonsoft.Json@13.0.3"}},
			{Eco: deps.Go, Name: "stdlib", Version: "1.22.1", Line: 30, Direct: true},
			{Eco: deps.Go, Name: "github.com/stretchr/testify", Version: "v1.9.0", Line: 48, Direct: true, Dev: true},
			{Eco: deps.NuGet, Name: "Newtonsoft.Json", Version: "13.0.3", Line: 65},
		}},
		{"spdx-2.2.json", []sbomPkg{
			{Eco: deps.Packagist, Name: "guzzlehttp/guzzle", Version: "7.8.1", Line: 10},
			{Eco: deps.Hex, Name: "phoenix", Version: "1.7.11", Line: 19},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			pkgs, err := deps.ParseSBOMForTest(tt.file, deps.ReadFixtureForTest(t, "sbom", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkSBOMPkgs(t, sbomView(pkgs), tt.want)
		})
	}
}

// checkSBOMPkgs checks got against want, in order.
func checkSBOMPkgs(t *testing.T, got, want []sbomPkg) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d packages, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range got {
		if !sbomPkgEqual(got[i], want[i]) {
			t.Errorf("package %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func sbomPkgEqual(a, b sbomPkg) bool {
	return a.Eco == b.Eco && a.Name == b.Name && a.Version == b.Version && a.Line == b.Line &&
		a.Direct == b.Direct && a.Dev == b.Dev && a.Optional == b.Optional && slices.Equal(a.DependsOn, b.DependsOn)
}

func TestParseSBOMIDs(t *testing.T) {
	t.Parallel()
	pkgs, err := deps.ParseSBOMForTest("bom.json", deps.ReadFixtureForTest(t, "sbom", "cyclonedx-1.6.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range pkgs {
		got[p.Name] = p.Key()
	}
	// bom-refs become IDs; a component without one gets name@version.
	for name, want := range map[string]string{"@angular/core": "pkg:npm/%40angular/core@17.3.1", "tslib": "tslib", "requests": "requests"} {
		if got[name] != want {
			t.Errorf("ID of %s = %q, want %q", name, got[name], want)
		}
	}
	pkgs, err = deps.ParseSBOMForTest("bom.json", deps.ReadFixtureForTest(t, "sbom", "cyclonedx-1.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	if pkgs[0].Key() != "serde@1.0.197" {
		t.Errorf("ID = %q, want serde@1.0.197", pkgs[0].Key())
	}
}

func TestParseSBOMErrors(t *testing.T) {
	t.Parallel()
	deep := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":` + strings.Repeat(`[`, 200) + strings.Repeat(`]`, 200) + `}`
	var nested strings.Builder
	nested.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[`)
	for range 70 {
		nested.WriteString(`{"components":[`)
	}
	nested.WriteString(strings.Repeat(`]}`, 70) + `]}`)
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"bad purl", string(deps.ReadFixtureForTest(t, "sbom", "bad-purl.cdx.json")), 7, "invalid URL escape"},
		{"not an SBOM", string(deps.ReadFixtureForTest(t, "sbom", "not-an-sbom.json")), 0, "neither CycloneDX"},
		{"syntax", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [,]\n}", 3, "invalid character"},
		{"empty", "", 1, "unexpected end"},
		{"top-level array", `[{"bomFormat":"CycloneDX"}]`, 1, "not a JSON object"},
		{"too deep", deep, 1, "nesting deeper"},
		{"components nest too deep", nested.String(), 1, "nesting deeper"},
		{"bomFormat", "{\n\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}", 2, `bomFormat is "SPDX"`},
		{"spec 1.1", `{"bomFormat":"CycloneDX","specVersion":"1.1"}`, 1, "unsupported specVersion"},
		{"spec missing", `{"bomFormat":"CycloneDX"}`, 0, "unsupported specVersion"},
		{"spdx 3", "{\"packages\":[],\n\n\"spdxVersion\":\"SPDX-3.0\"}", 3, "unsupported spdxVersion"},
		{"components not an array", "{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":\"1.6\",\n\"components\":{}}", 3, "want an array"},
		{"component not an object", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[\n\"x\"]}", 2, "want an object"},
		{"purl not a string", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[\n{\"purl\":\n7}]}", 3, "cannot unmarshal"},
		{"relationship type", "{\"spdxVersion\":\"SPDX-2.3\",\"relationships\":[\n{},\n{\"spdxElementId\":1}]}", 3, "cannot unmarshal"},
		{"spdx bad purl", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[\n{\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"npm/x\"}]}]}", 2, "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pkgs, err := deps.ParseSBOMForTest("bom.json", []byte(tt.data))
			var e *deps.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %d packages; want a *deps.Error", err, len(pkgs))
			}
			if e.Path != "bom.json" || e.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v (line %d), want line %d and %q", err, e.Line, tt.line, tt.msg)
			}
		})
	}
}

// TestParseSBOMFormatReaders checks that each format reader refuses the
// other format rather than reading nothing.
func TestParseSBOMFormatReaders(t *testing.T) {
	t.Parallel()
	spdx, cdx := deps.ReadFixtureForTest(t, "sbom", "spdx-2.3.json"), deps.ReadFixtureForTest(t, "sbom", "cyclonedx-1.6.json")
	if _, err := deps.ParseCycloneDXSBOMForTest("x.json", spdx); err == nil {
		t.Error("the CycloneDX reader accepted an SPDX document")
	}
	if _, err := deps.ParseSPDXSBOMForTest("x.json", cdx); err == nil {
		t.Error("the SPDX reader accepted a CycloneDX BOM")
	}
	if pkgs, err := deps.ParseSPDXSBOMForTest("x.json", spdx); err != nil || len(pkgs) != 4 {
		t.Errorf("ParseSPDXSBOM = %d packages, %v; want 4", len(pkgs), err)
	}
}

// roundTripReport is a scan result with what SBOMs must carry: a graph
// (npm), a lockfile without one (go.mod), the same package in two
// lockfiles, dev, optional and local packages, and names purls normalise.
func roundTripReport() *report.Report {
	npm := deps.Lockfile{Path: "package-lock.json", Format: "package-lock.json", Packages: []deps.Package{
		{Ecosystem: deps.NPM, Name: "my-lib", Version: "file:../my-lib", Local: true, Direct: true, ID: "../my-lib"},
		{Ecosystem: deps.NPM, Name: "express", Version: "4.19.2", Line: 10, Direct: true, ID: "node_modules/express",
			DependsOn: []string{"node_modules/body-parser", "../my-lib", "node_modules/missing"}},
		{Ecosystem: deps.NPM, Name: "body-parser", Version: "1.20.2", Line: 20, ID: "node_modules/body-parser", DependsOn: []string{"node_modules/qs"}},
		{Ecosystem: deps.NPM, Name: "qs", Version: "6.11.0", Line: 30, ID: "node_modules/qs"},
		{Ecosystem: deps.NPM, Name: "@types/node", Version: "20.11.30", Line: 40, Direct: true, Dev: true, ID: "node_modules/@types/node"},
		{Ecosystem: deps.NPM, Name: "fsevents", Version: "2.3.3", Line: 50, Optional: true, ID: "node_modules/fsevents"},
	}}
	web := deps.Lockfile{Path: "web/package-lock.json", Format: "package-lock.json", Packages: []deps.Package{
		{Ecosystem: deps.NPM, Name: "express", Version: "4.19.2", Line: 5},
		{Ecosystem: deps.NPM, Name: "lodash", Version: "4.17.21", Line: 9, Dev: true},
	}}
	gomod := deps.Lockfile{Path: "go.mod", Format: "go.mod", Packages: []deps.Package{
		{Ecosystem: deps.Go, Name: "stdlib", Version: "1.22.3", Line: 3, Direct: true},
		{Ecosystem: deps.Go, Name: "github.com/BurntSushi/toml", Version: "v1.6.0", Line: 6, Direct: true},
		{Ecosystem: deps.Go, Name: "golang.org/x/text", Version: "v0.14.0+incompatible", Line: 7},
	}}
	other := deps.Lockfile{Path: "svc/requirements.txt", Format: "requirements.txt", Packages: []deps.Package{
		{Ecosystem: deps.PyPI, Name: "Flask_Login", Version: "0.6.3", Line: 1, Direct: true},
		{Ecosystem: deps.Maven, Name: "org.slf4j:slf4j-api", Version: "2.0.9", Line: 2, Direct: true},
		{Ecosystem: deps.NuGet, Name: "Serilog", Version: "3.1.1", Line: 3},
	}}
	return &report.Report{
		Tool:      report.Tool{Name: "ward", Version: "1.0.0"},
		Summary:   report.Summary{Target: "shop"},
		Lockfiles: []deps.Lockfile{npm, web, gomod, other},
		StartedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
	}
}

// roundTripWant is what reading back an SBOM of roundTripReport must give,
// sorted by name: local packages are left out (they have no purl), names
// come back as their purls normalise them, and each package once.
func roundTripWant(spdx bool) []sbomPkg {
	want := []sbomPkg{
		{Eco: deps.NPM, Name: "@types/node", Version: "20.11.30", Direct: true, Dev: true},
		{Eco: deps.NPM, Name: "body-parser", Version: "1.20.2", DependsOn: []string{"qs@6.11.0"}},
		{Eco: deps.NPM, Name: "express", Version: "4.19.2", Direct: true, DependsOn: []string{"body-parser@1.20.2"}},
		{Eco: deps.PyPI, Name: "flask-login", Version: "0.6.3", Direct: true},
		{Eco: deps.NPM, Name: "fsevents", Version: "2.3.3", Optional: !spdx},
		{Eco: deps.Go, Name: "github.com/BurntSushi/toml", Version: "v1.6.0", Direct: true},
		{Eco: deps.Go, Name: "golang.org/x/text", Version: "v0.14.0+incompatible"},
		{Eco: deps.NPM, Name: "lodash", Version: "4.17.21", Dev: !spdx},
		{Eco: deps.Maven, Name: "org.slf4j:slf4j-api", Version: "2.0.9", Direct: true},
		{Eco: deps.NPM, Name: "qs", Version: "6.11.0"},
		{Eco: deps.NuGet, Name: "Serilog", Version: "3.1.1"},
		{Eco: deps.Go, Name: "stdlib", Version: "1.22.3", Direct: true},
	}
	slices.SortFunc(want, func(a, b sbomPkg) int { return strings.Compare(a.Name, b.Name) })
	return want
}

func TestSBOMRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		write  report.Writer
		spdx   bool
		marker string // what the line of each package must hold
	}{
		{"cyclonedx", report.CycloneDX, false, "{"},
		{"spdx", report.SPDX, true, "{"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := tt.write(&buf, roundTripReport()); err != nil {
				t.Fatal(err)
			}
			pkgs, err := deps.ParseSBOMForTest("sbom.json", buf.Bytes())
			if err != nil {
				t.Fatalf("reading back: %v\n%s", err, buf.Bytes())
			}
			lines := strings.Split(buf.String(), "\n")
			for _, p := range pkgs {
				if p.Line < 1 || !strings.Contains(lines[p.Line-1], tt.marker) || !strings.Contains(strings.Join(lines[p.Line-1:min(p.Line+20, len(lines))], "\n"), deps.PURL(p)) {
					t.Errorf("%s: line %d does not open the entry of %s", p.Name, p.Line, deps.PURL(p))
				}
			}
			got := sbomView(pkgs)
			for i := range got {
				got[i].Line = 0
			}
			slices.SortFunc(got, func(a, b sbomPkg) int { return strings.Compare(a.Name, b.Name) })
			checkSBOMPkgs(t, got, roundTripWant(tt.spdx))
		})
	}
}
