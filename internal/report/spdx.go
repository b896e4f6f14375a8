package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// SPDX 2.3 JSON: a package for the scanned project, which the document
// describes, and one per distinct package across the report's lockfiles,
// with DEPENDS_ON (DEV_DEPENDENCY_OF for direct development dependencies)
// relationships from the dependency graph. Licences are not analysed, so
// every licence field is NOASSERTION.

const (
	spdxNoAssertion  = "NOASSERTION"
	spdxDocumentID   = "SPDXRef-DOCUMENT"
	spdxRootID       = "SPDXRef-Root"
	spdxNamespaceURL = "https://wardsec.dev/spdxdocs/"
)

type spdxDocument struct {
	SPDXVersion       string             `json:"spdxVersion"`
	DataLicense       string             `json:"dataLicense"`
	SPDXID            string             `json:"SPDXID"`
	Name              string             `json:"name"`
	DocumentNamespace string             `json:"documentNamespace"`
	CreationInfo      spdxCreationInfo   `json:"creationInfo"`
	Packages          []spdxPackage      `json:"packages"`
	Relationships     []spdxRelationship `json:"relationships"`
}

type spdxCreationInfo struct {
	Created  string   `json:"created"`
	Creators []string `json:"creators"`
}

type spdxPackage struct {
	SPDXID                string            `json:"SPDXID"`
	Name                  string            `json:"name"`
	VersionInfo           string            `json:"versionInfo,omitempty"`
	DownloadLocation      string            `json:"downloadLocation"`
	FilesAnalyzed         bool              `json:"filesAnalyzed"`
	LicenseConcluded      string            `json:"licenseConcluded"`
	LicenseDeclared       string            `json:"licenseDeclared"`
	PrimaryPackagePurpose string            `json:"primaryPackagePurpose,omitempty"`
	ExternalRefs          []spdxExternalRef `json:"externalRefs,omitempty"`
	Comment               string            `json:"comment,omitempty"`
}

type spdxExternalRef struct {
	ReferenceCategory string `json:"referenceCategory"`
	ReferenceType     string `json:"referenceType"`
	ReferenceLocator  string `json:"referenceLocator"`
}

type spdxRelationship struct {
	SPDXElementID      string `json:"spdxElementId"`
	RelationshipType   string `json:"relationshipType"`
	RelatedSPDXElement string `json:"relatedSpdxElement"`
}

// SPDX writes an SPDX 2.3 JSON document. Like CycloneDX it is
// deterministic: the document namespace is derived from the content, and
// only the creation time (r.StartedAt) varies between runs.
func SPDX(w io.Writer, r *Report) error {
	inv := newSBOMInventory(r)
	ids := spdxIDs(inv)
	doc := spdxDocument{
		SPDXVersion: "SPDX-2.3",
		DataLicense: "CC0-1.0",
		SPDXID:      spdxDocumentID,
		Name:        sbomTargetName(r),
		CreationInfo: spdxCreationInfo{
			Creators: []string{"Tool: " + spdxTool(r.Tool)},
		},
		Packages:      spdxPackages(r, inv, ids),
		Relationships: spdxRelationships(inv, ids),
	}
	content, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("write spdx: %w", err)
	}
	doc.DocumentNamespace = spdxNamespace(doc.Name, content)
	doc.CreationInfo.Created = r.StartedAt.UTC().Format(time.RFC3339)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write spdx: %w", err)
	}
	return nil
}

// spdxNamespace is the document's unique URI: the project's name and a
// UUID derived from the content.
func spdxNamespace(name string, content []byte) string {
	seg := strings.Trim(spdxSanitize(name), ".-")
	if seg == "" {
		seg = "sbom"
	}
	return spdxNamespaceURL + seg + "-" + contentUUID(content)
}

// spdxTool is the creator tool, "ward-1.2.3".
func spdxTool(t Tool) string {
	name := cmp.Or(t.Name, "ward")
	if t.Version == "" {
		return name
	}
	return name + "-" + t.Version
}

// spdxSanitize replaces every character an SPDX identifier may not hold
// (anything but letters, digits, "." and "-") with "-".
func spdxSanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, s)
}

// spdxIDs assigns each package an SPDX identifier built from its
// ecosystem, name and version. When sanitising makes two collide, the
// later one (in ref order) gets a suffix from the hash of its ref.
func spdxIDs(inv *sbomInventory) map[string]string {
	ids := make(map[string]string, len(inv.pkgs))
	used := map[string]bool{spdxDocumentID: true, spdxRootID: true}
	for _, sp := range inv.pkgs {
		p := sp.pkg
		id := "SPDXRef-Package-" + spdxSanitize(string(p.Ecosystem)+"-"+p.Name+"-"+p.Version)
		if used[id] {
			sum := sha256.Sum256([]byte(sp.ref))
			id += "-" + hex.EncodeToString(sum[:6])
		}
		for n, base := 2, id; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		used[id] = true
		ids[sp.ref] = id
	}
	return ids
}

func spdxPackages(r *Report, inv *sbomInventory, ids map[string]string) []spdxPackage {
	out := make([]spdxPackage, 0, len(inv.pkgs)+1)
	out = append(out, spdxPackage{
		SPDXID: spdxRootID, Name: sbomTargetName(r), DownloadLocation: spdxNoAssertion,
		LicenseConcluded: spdxNoAssertion, LicenseDeclared: spdxNoAssertion, PrimaryPackagePurpose: "APPLICATION",
	})
	for _, sp := range inv.pkgs {
		p := spdxPackage{
			SPDXID: ids[sp.ref], Name: sp.pkg.Name, VersionInfo: sp.pkg.Version, DownloadLocation: spdxNoAssertion,
			LicenseConcluded: spdxNoAssertion, LicenseDeclared: spdxNoAssertion, PrimaryPackagePurpose: "LIBRARY",
			Comment: spdxComment(sp),
		}
		if sp.purl != "" {
			p.ExternalRefs = []spdxExternalRef{{ReferenceCategory: "PACKAGE-MANAGER", ReferenceType: "purl", ReferenceLocator: sp.purl}}
		}
		out = append(out, p)
	}
	return out
}

// spdxComment says where a package was found and how it is used.
func spdxComment(sp *sbomPackage) string {
	var parts []string
	if len(sp.locations) > 0 {
		parts = append(parts, "Declared in "+strings.Join(sp.locations, ", ")+".")
	}
	if sp.dev {
		parts = append(parts, "Development dependency.")
	}
	if sp.pkg.Local {
		parts = append(parts, "Local package (workspace, path or VCS source).")
	}
	if sp.pkg.Unpinned {
		parts = append(parts, "Version range, not a pinned version.")
	}
	return strings.Join(parts, " ")
}

// spdxRelationships lists DESCRIBES for the root, then the root's direct
// dependencies and the graph, sorted.
func spdxRelationships(inv *sbomInventory, ids map[string]string) []spdxRelationship {
	var rels []spdxRelationship
	for _, sp := range inv.pkgs {
		if sp.direct {
			if sp.dev {
				rels = append(rels, spdxRelationship{ids[sp.ref], "DEV_DEPENDENCY_OF", spdxRootID})
			} else {
				rels = append(rels, spdxRelationship{spdxRootID, "DEPENDS_ON", ids[sp.ref]})
			}
		}
		for _, to := range sp.dependsOn {
			rels = append(rels, spdxRelationship{ids[sp.ref], "DEPENDS_ON", ids[to]})
		}
	}
	slices.SortFunc(rels, func(a, b spdxRelationship) int {
		return cmp.Or(cmp.Compare(a.SPDXElementID, b.SPDXElementID),
			cmp.Compare(a.RelationshipType, b.RelationshipType), cmp.Compare(a.RelatedSPDXElement, b.RelatedSPDXElement))
	})
	return append([]spdxRelationship{{spdxDocumentID, "DESCRIBES", spdxRootID}}, slices.Compact(rels)...)
}
