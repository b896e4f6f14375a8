package deps

import (
	"fmt"
	"slices"
	"testing"
)

// Test hooks for sbom_test.go, which is an external test package because
// its round trips import report (which imports deps).
var (
	ParseSBOMForTest          = parseSBOM
	ParseCycloneDXSBOMForTest = parseCycloneDXSBOM
	ParseSPDXSBOMForTest      = parseSPDXSBOM
	ReadFixtureForTest        = readFixture
)

// FuzzParseSBOM feeds the same bytes to the sniffing reader and to both
// format readers, and checks what every parser promises: no panic, an
// *Error with a line inside the file and no packages, or packages of a
// known ecosystem with names, lines inside the file, unique IDs and
// DependsOn naming packages of the same result.
func FuzzParseSBOM(f *testing.F) {
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","bom-ref":"a","purl":"pkg:npm/a@1","components":[{"purl":"pkg:pypi/b@2"}]}],"dependencies":[{"ref":"a","dependsOn":["a"]}]}`))
	f.Add([]byte(`{"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"SPDXRef-a","externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:cargo/a@1"}]}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, parse := range map[string]parseFunc{
			"sbom": parseSBOM, "cyclonedx": parseCycloneDXSBOM, "spdx": parseSPDXSBOM,
		} {
			if broken := sbomPromises(parse, data); broken != "" {
				t.Fatalf("%s: %s", name, broken)
			}
		}
	})
}

// sbomPromises checks parsePromises, and what SBOM readers promise
// besides: every package has a line, and none depends on itself.
func sbomPromises(parse parseFunc, data []byte) string {
	pkgs, broken := parsePromises(parse, "fuzz.json", data, "")
	if broken != "" {
		return broken
	}
	for _, p := range pkgs {
		if p.Line < 1 {
			return fmt.Sprintf("package %q: line %d, want 1 or more", p.Name, p.Line)
		}
		if slices.Contains(p.DependsOn, p.Key()) {
			return fmt.Sprintf("package %q depends on itself", p.Name)
		}
	}
	return ""
}
