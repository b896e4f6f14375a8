package deps

import (
	"bytes"
	"errors"
	"testing"
)

// Test hooks for sbom_test.go, which is an external test package because
// its round trips import report (which imports deps).
var (
	ParseSBOMForTest          = parseSBOM
	ParseCycloneDXSBOMForTest = parseCycloneDXSBOM
	ParseSPDXSBOMForTest      = parseSPDXSBOM
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
		for name, parse := range map[string]func(string, []byte) ([]Package, error){
			"sbom": parseSBOM, "cyclonedx": parseCycloneDXSBOM, "spdx": parseSPDXSBOM,
		} {
			sbomFuzzCheck(t, name, parse, data)
		}
	})
}

func sbomFuzzCheck(t *testing.T, name string, parse func(string, []byte) ([]Package, error), data []byte) {
	t.Helper()
	pkgs, err := parse("fuzz.json", data)
	lines := bytes.Count(data, []byte{'\n'}) + 1
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %T %v is not an *Error", name, err, err)
		}
		if e.Line < 0 || e.Line > lines {
			t.Fatalf("%s: error line %d outside 0..%d: %v", name, e.Line, lines, err)
		}
		if pkgs != nil {
			t.Fatalf("%s: got %d packages with an error", name, len(pkgs))
		}
		return
	}
	ids := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		if ids[p.Key()] {
			t.Fatalf("%s: key %q is not unique", name, p.Key())
		}
		ids[p.Key()] = true
	}
	for _, p := range pkgs {
		if _, ok := purlTypes[p.Ecosystem]; !ok || p.Name == "" {
			t.Fatalf("%s: package %+v has an unknown ecosystem or no name", name, p)
		}
		if p.Line < 1 || p.Line > lines {
			t.Fatalf("%s: package %q: line %d outside 1..%d", name, p.Name, p.Line, lines)
		}
		for _, d := range p.DependsOn {
			if !ids[d] || d == p.Key() {
				t.Fatalf("%s: package %q depends on %q, which is itself or not in the result", name, p.Name, d)
			}
		}
	}
}
