package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardsec/ward/internal/deps"
)

func spdxDecode(t *testing.T, data []byte) *spdxDocument {
	t.Helper()
	var doc spdxDocument
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode SPDX: %v\n%s", err, data)
	}
	return &doc
}

func TestSPDXDocument(t *testing.T) {
	t.Parallel()
	doc := spdxDecode(t, render(t, SPDX, sbomReport()))
	if doc.SPDXVersion != "SPDX-2.3" || doc.DataLicense != "CC0-1.0" || doc.SPDXID != "SPDXRef-DOCUMENT" || doc.Name != "shop" {
		t.Errorf("header = %q %q %q %q", doc.SPDXVersion, doc.DataLicense, doc.SPDXID, doc.Name)
	}
	ns := regexp.MustCompile(`^https://wardsec\.dev/spdxdocs/shop-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !ns.MatchString(doc.DocumentNamespace) {
		t.Errorf("documentNamespace = %q", doc.DocumentNamespace)
	}
	if ci := doc.CreationInfo; ci.Created != "2026-03-01T11:30:00Z" || !slices.Equal(ci.Creators, []string{"Tool: ward-1.2.3"}) {
		t.Errorf("creationInfo = %+v", ci)
	}
}

func TestSPDXPackages(t *testing.T) {
	t.Parallel()
	doc := spdxDecode(t, render(t, SPDX, sbomReport()))
	id := regexp.MustCompile(`^SPDXRef-[A-Za-z0-9.-]+$`)
	seen := map[string]bool{}
	byName := map[string]spdxPackage{}
	for _, p := range doc.Packages {
		if !id.MatchString(p.SPDXID) || seen[p.SPDXID] {
			t.Errorf("SPDXID %q is malformed or not unique", p.SPDXID)
		}
		seen[p.SPDXID] = true
		byName[p.Name] = p
		if p.DownloadLocation != "NOASSERTION" || p.FilesAnalyzed || p.LicenseConcluded != "NOASSERTION" || p.LicenseDeclared != "NOASSERTION" {
			t.Errorf("%s: %+v, want NOASSERTION and filesAnalyzed false", p.Name, p)
		}
	}
	if len(doc.Packages) != 11 || doc.Packages[0].SPDXID != spdxRootID || doc.Packages[0].PrimaryPackagePurpose != "APPLICATION" {
		t.Errorf("got %d packages, the first %+v; want the root and 10", len(doc.Packages), doc.Packages[0])
	}
	tests := []struct {
		name, id, version, purl, comment string
	}{
		{"express", "SPDXRef-Package-npm-express-4.18.2", "4.18.2", "pkg:npm/express@4.18.2",
			"Declared in package-lock.json:10, web/package-lock.json:5."},
		{"@types/node", "SPDXRef-Package-npm--types-node-20.11.30", "20.11.30", "pkg:npm/%40types/node@20.11.30",
			"Declared in package-lock.json:40. Development dependency."},
		{"org.apache.logging.log4j:log4j-core", "SPDXRef-Package-Maven-org.apache.logging.log4j-log4j-core-2.14.1", "2.14.1",
			"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "Declared in pom.xml:12."},
		{"my-lib", "SPDXRef-Package-npm-my-lib-file-..-my-lib", "file:../my-lib", "",
			"Declared in package-lock.json. Local package (workspace, path or VCS source)."},
	}
	for _, tt := range tests {
		p := byName[tt.name]
		var purl string
		for _, ref := range p.ExternalRefs {
			if ref.ReferenceCategory == "PACKAGE-MANAGER" && ref.ReferenceType == "purl" {
				purl = ref.ReferenceLocator
			}
		}
		if p.SPDXID != tt.id || p.VersionInfo != tt.version || purl != tt.purl || p.Comment != tt.comment || p.PrimaryPackagePurpose != "LIBRARY" {
			t.Errorf("%s = %+v\nwant id %q version %q purl %q comment %q", tt.name, p, tt.id, tt.version, tt.purl, tt.comment)
		}
	}
}

func TestSPDXRelationships(t *testing.T) {
	t.Parallel()
	doc := spdxDecode(t, render(t, SPDX, sbomReport()))
	ids := map[string]bool{spdxDocumentID: true}
	for _, p := range doc.Packages {
		ids[p.SPDXID] = true
	}
	var got []string
	for _, r := range doc.Relationships {
		if !ids[r.SPDXElementID] || !ids[r.RelatedSPDXElement] {
			t.Errorf("relationship %+v names an unknown element", r)
		}
		got = append(got, r.SPDXElementID+" "+r.RelationshipType+" "+r.RelatedSPDXElement)
	}
	want := []string{
		"SPDXRef-DOCUMENT DESCRIBES SPDXRef-Root",
		"SPDXRef-Package-npm--types-node-20.11.30 DEV_DEPENDENCY_OF SPDXRef-Root",
		"SPDXRef-Package-npm-body-parser-1.20.1 DEPENDS_ON SPDXRef-Package-npm-qs-6.11.0",
		"SPDXRef-Package-npm-express-4.18.2 DEPENDS_ON SPDXRef-Package-npm-body-parser-1.20.1",
		"SPDXRef-Package-npm-express-4.18.2 DEPENDS_ON SPDXRef-Package-npm-my-lib-file-..-my-lib",
		"SPDXRef-Root DEPENDS_ON SPDXRef-Package-Go-github.com-BurntSushi-toml-v1.6.0",
		"SPDXRef-Root DEPENDS_ON SPDXRef-Package-Go-stdlib-1.22.3",
		"SPDXRef-Root DEPENDS_ON SPDXRef-Package-Maven-org.apache.logging.log4j-log4j-core-2.14.1",
		"SPDXRef-Root DEPENDS_ON SPDXRef-Package-npm-express-4.18.2",
		"SPDXRef-Root DEPENDS_ON SPDXRef-Package-npm-my-lib-file-..-my-lib",
	}
	if !slices.Equal(got, want) {
		t.Errorf("relationships =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSPDXIDsCollide checks that names which sanitise to the same SPDX
// identifier still get distinct ones, whatever order they come in.
func TestSPDXIDsCollide(t *testing.T) {
	t.Parallel()
	pkgs := []deps.Package{
		{Ecosystem: deps.NPM, Name: "a_b", Version: "1.0.0"},
		{Ecosystem: deps.NPM, Name: "a+b", Version: "1.0.0"},
		{Ecosystem: deps.NPM, Name: "a-b", Version: "1.0.0"},
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}} {
		r := &Report{Lockfiles: []deps.Lockfile{{Path: "package-lock.json"}}}
		for _, i := range order {
			r.Lockfiles[0].Packages = append(r.Lockfiles[0].Packages, pkgs[i])
		}
		inv := newSBOMInventory(r)
		ids := spdxIDs(inv)
		seen := map[string]bool{}
		for ref, id := range ids {
			if seen[id] || !strings.HasPrefix(id, "SPDXRef-Package-npm-a-b-1.0.0") {
				t.Errorf("%s: id %q is a duplicate or malformed", ref, id)
			}
			seen[id] = true
		}
		if len(seen) != 3 {
			t.Errorf("got %d ids, want 3: %v", len(seen), ids)
		}
	}
}

func TestSPDXDeterministic(t *testing.T) {
	t.Parallel()
	checkDeterministic(t, sbomDeterminism{
		writer:    SPDX,
		later:     24 * time.Hour,
		timeKey:   `"created"`,
		timeName:  "the creation time",
		change:    func(r *Report) { r.Lockfiles[0].Packages[1].Version = "4.19.2" },
		docID:     func(doc []byte) string { return spdxDecode(t, doc).DocumentNamespace },
		docIDName: "the document namespace",
	})
}

// officialSPDXSchema compiles the SPDX 2.3 JSON schema (spdx-spec's
// schemas/spdx-schema.json) that the sbom-utility module ships, found
// through the Go module cache.
func officialSPDXSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := os.Getenv("WARD_SPDX_SCHEMA")
	if path == "" {
		dir := moduleDir(t, "SPDX", "github.com/CycloneDX/sbom-utility@v0.16.0")
		path = filepath.Join(dir, "resources", "schema", "spdx", "2.3", "spdx-schema.json")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	return compileSchema(t, c, path)
}

func TestSPDXValidatesAgainstOfficialSchema(t *testing.T) {
	sch := officialSPDXSchema(t)
	checkValidates(t, sch, "SPDX", SPDX, sbomSchemaReports())
	checkRefuses(t, sch, render(t, SPDX, sbomReport()), `"DEPENDS_ON"`, `"LIKES"`, `an SPDX document with relationship type "LIKES"`)
}
