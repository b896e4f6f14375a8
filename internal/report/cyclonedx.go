package report

import (
	"cmp"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
)

// CycloneDX 1.6 JSON: one component per distinct package across the
// report's lockfiles, the dependency graph where the lockfiles record one,
// and the active (unsuppressed) vulnerability findings.

// cdxTargetRef is the bom-ref of the scanned project, the metadata component.
const cdxTargetRef = "ward:target"

// osvURL is where an OSV advisory is published.
const osvURL = "https://osv.dev/vulnerability/"

// CycloneDX writes a CycloneDX 1.6 JSON SBOM. The output depends only on
// the report: the same lockfiles and findings give the same bytes, the
// metadata timestamp (r.StartedAt) aside, and the serial number is a
// UUIDv5 of the content.
func CycloneDX(w io.Writer, r *Report) error {
	inv := newSBOMInventory(r)
	bom := &cdx.BOM{
		JSONSchema:  "http://cyclonedx.org/schema/bom-1.6.schema.json",
		BOMFormat:   cdx.BOMFormat,
		SpecVersion: cdx.SpecVersion1_6,
		Version:     1,
		Metadata: &cdx.Metadata{
			Tools:     &cdx.ToolsChoice{Components: &[]cdx.Component{cdxTool(r.Tool)}},
			Component: &cdx.Component{Type: cdx.ComponentTypeApplication, BOMRef: cdxTargetRef, Name: sbomTargetName(r)},
		},
		Components:      nilIfEmpty(inv.cdxComponents()),
		Dependencies:    nilIfEmpty(inv.cdxDependencies()),
		Vulnerabilities: nilIfEmpty(inv.cdxVulnerabilities()),
	}
	content, err := json.Marshal(bom)
	if err != nil {
		return fmt.Errorf("write cyclonedx: %w", err)
	}
	bom.SerialNumber = "urn:uuid:" + contentUUID(content)
	if !r.StartedAt.IsZero() {
		bom.Metadata.Timestamp = r.StartedAt.UTC().Format(time.RFC3339)
	}
	if err := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON).SetPretty(true).Encode(bom); err != nil {
		return fmt.Errorf("write cyclonedx: %w", err)
	}
	return nil
}

// nilIfEmpty returns a pointer to s, or nil when s is empty, for the
// omitempty slices of cyclonedx-go.
func nilIfEmpty[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}

func cdxTool(t Tool) cdx.Component {
	name := t.Name
	if name == "" {
		name = "ward"
	}
	return cdx.Component{
		Type: cdx.ComponentTypeApplication, Name: name, Version: t.Version,
		ExternalReferences: &[]cdx.ExternalReference{{URL: infoURI, Type: cdx.ERTypeWebsite}},
	}
}

// sbomTargetName names the scanned project in an SBOM.
func sbomTargetName(r *Report) string {
	if r.Summary.Target == "" {
		return "."
	}
	return r.Summary.Target
}

// contentUUID returns a name-based (version 5) UUID for content, so that
// the same content always gets the same identifier.
func contentUUID(content []byte) string {
	// RFC 9562's namespace for URL names.
	nsURL := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	digest := sha256.Sum256(content)
	h := sha1.New() // UUIDv5 is defined over SHA-1; nothing here needs collision resistance
	h.Write(nsURL[:])
	h.Write([]byte("https://wardsec.dev/sbom/" + hex.EncodeToString(digest[:])))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func (inv *sbomInventory) cdxComponents() []cdx.Component {
	out := make([]cdx.Component, 0, len(inv.pkgs))
	for _, sp := range inv.pkgs {
		group, name := cdxGroupName(sp.pkg)
		c := cdx.Component{
			Type: cdx.ComponentTypeLibrary, BOMRef: sp.ref, Group: group, Name: name,
			Version: sp.pkg.Version, PackageURL: sp.purl, Scope: cdx.ScopeRequired,
		}
		if !sp.required {
			c.Scope = cdx.ScopeOptional
		}
		c.Properties = nilIfEmpty(sp.cdxProperties())
		out = append(out, c)
	}
	return out
}

// cdxGroupName splits a name into CycloneDX group and name where the
// ecosystem has a group: Maven's group id, an npm scope, a Composer vendor.
func cdxGroupName(p deps.Package) (group, name string) {
	switch p.Ecosystem {
	case deps.Maven:
		if g, a, ok := strings.Cut(p.Name, ":"); ok {
			return g, a
		}
	case deps.NPM:
		if strings.HasPrefix(p.Name, "@") {
			if s, n, ok := strings.Cut(p.Name, "/"); ok {
				return s, n
			}
		}
	case deps.Packagist:
		if v, n, ok := strings.Cut(p.Name, "/"); ok {
			return v, n
		}
	}
	return "", p.Name
}

func (sp *sbomPackage) cdxProperties() []cdx.Property {
	var props []cdx.Property
	flag := func(name string, on bool) {
		if on {
			props = append(props, cdx.Property{Name: name, Value: "true"})
		}
	}
	flag("ward:dev", sp.dev)
	flag("ward:local", sp.pkg.Local)
	flag("ward:unpinned", sp.pkg.Unpinned)
	if sp.purl == "" { // the purl's type says it otherwise
		props = append(props, cdx.Property{Name: "ward:ecosystem", Value: string(sp.pkg.Ecosystem)})
	}
	for _, loc := range sp.locations {
		props = append(props, cdx.Property{Name: "ward:lockfile", Value: loc})
	}
	return props
}

// cdxDependencies lists the target's direct dependencies, then every
// component whose lockfile records a graph (an empty dependsOn then means
// none); components of lockfiles without a graph have unknown dependencies
// and are left out, as the specification asks.
func (inv *sbomInventory) cdxDependencies() []cdx.Dependency {
	var out []cdx.Dependency
	if direct := inv.direct(); len(direct) > 0 {
		out = append(out, cdx.Dependency{Ref: cdxTargetRef, Dependencies: &direct})
	}
	for _, sp := range inv.pkgs {
		if !sp.graphKnown {
			continue
		}
		on := slices.Clone(sp.dependsOn)
		if on == nil {
			on = []string{}
		}
		out = append(out, cdx.Dependency{Ref: sp.ref, Dependencies: &on})
	}
	return out
}

// cdxVulnerabilities lists each active vulnerability finding once per
// advisory and component, sorted.
func (inv *sbomInventory) cdxVulnerabilities() []cdx.Vulnerability {
	type key struct{ id, ref string }
	seen := map[key]bool{}
	var out []cdx.Vulnerability
	for i := range inv.vulns {
		f := inv.vulns[i].f
		k := key{f.Vuln.ID, inv.vulns[i].ref}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, cdxVulnerability(f, k.ref))
	}
	slices.SortFunc(out, func(a, b cdx.Vulnerability) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare((*a.Affects)[0].Ref, (*b.Affects)[0].Ref))
	})
	return out
}

func cdxVulnerability(f *finding.Finding, ref string) cdx.Vulnerability {
	v := f.Vuln
	out := cdx.Vulnerability{
		ID:          v.ID,
		Source:      &cdx.Source{Name: "OSV", URL: osvURL + url.PathEscape(v.ID)},
		Ratings:     &[]cdx.VulnerabilityRating{cdxRating(f)},
		Description: v.Summary,
		Affects: &[]cdx.Affects{{Ref: ref, Range: &[]cdx.AffectedVersions{{
			Version: v.Package.Version, Status: cdx.VulnerabilityStatusAffected,
		}}}},
	}
	if out.ID == "" {
		out.ID = f.RuleID
	}
	if len(v.Fixed) > 0 {
		out.Recommendation = "Upgrade to " + v.Fixed[0]
	}
	if t, err := time.Parse(time.RFC3339, v.Modified); err == nil {
		out.Updated = t.UTC().Format(time.RFC3339)
	}
	out.References = nilIfEmpty(cdxAliases(v.Aliases))
	out.Advisories = nilIfEmpty(cdxAdvisories(v.References))
	return out
}

// cdxRating rates a finding by its CVSS vector and score when it has them,
// else by its severity alone.
func cdxRating(f *finding.Finding) cdx.VulnerabilityRating {
	r := cdx.VulnerabilityRating{
		Source:   &cdx.Source{Name: "OSV"},
		Severity: cdxSeverity(f.Severity),
		Method:   cdxMethod(f.Vuln.CVSS),
		Vector:   f.Vuln.CVSS,
	}
	if s := f.Vuln.Score; s > 0 {
		r.Score = &s
	}
	return r
}

func cdxSeverity(s finding.Severity) cdx.Severity {
	switch s {
	case finding.Critical:
		return cdx.SeverityCritical
	case finding.High:
		return cdx.SeverityHigh
	case finding.Medium:
		return cdx.SeverityMedium
	case finding.Low:
		return cdx.SeverityLow
	case finding.Info:
		return cdx.SeverityInfo
	}
	return cdx.SeverityUnknown
}

// cdxMethod names the scoring method of a CVSS vector.
func cdxMethod(vector string) cdx.ScoringMethod {
	switch {
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		return cdx.ScoringMethodCVSSv4
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		return cdx.ScoringMethodCVSSv31
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		return cdx.ScoringMethodCVSSv3
	case strings.HasPrefix(vector, "AV:"):
		return cdx.ScoringMethodCVSSv2
	}
	return cdx.ScoringMethodOther
}

// cdxAliases lists an advisory's aliases with the database each is from.
func cdxAliases(aliases []string) []cdx.VulnerabilityReference {
	sorted := slices.Clone(aliases)
	slices.Sort(sorted)
	var out []cdx.VulnerabilityReference
	for _, a := range slices.Compact(sorted) {
		src := &cdx.Source{Name: "OSV", URL: osvURL + url.PathEscape(a)}
		switch {
		case strings.HasPrefix(a, "CVE-"):
			src = &cdx.Source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + url.PathEscape(a)}
		case strings.HasPrefix(a, "GHSA-"):
			src = &cdx.Source{Name: "GitHub", URL: "https://github.com/advisories/" + url.PathEscape(a)}
		}
		if a != "" {
			out = append(out, cdx.VulnerabilityReference{ID: a, Source: src})
		}
	}
	return out
}

func cdxAdvisories(refs []string) []cdx.Advisory {
	var out []cdx.Advisory
	seen := map[string]bool{}
	for _, u := range refs {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, cdx.Advisory{URL: u})
		}
	}
	return out
}

// sbomInventory is what both SBOM writers list: the distinct packages of a
// report's lockfiles, sorted by reference, their graph, and the active
// vulnerability findings with the package each affects.
type sbomInventory struct {
	pkgs  []*sbomPackage
	byRef map[string]*sbomPackage
	vulns []sbomVuln
}

// sbomPackage is one distinct package, merged over every lockfile that
// lists it.
type sbomPackage struct {
	// ref is the purl, or for packages without one (local packages, names
	// no purl can express) a "ward:" reference.
	ref  string
	purl string
	pkg  deps.Package // the first occurrence
	// locations are "path:line" (or "path") of each occurrence, sorted.
	locations []string
	// required is true when some occurrence is neither dev nor optional;
	// dev when every occurrence is dev; direct when some occurrence is.
	required, dev, direct bool
	// graphKnown is true when some occurrence's lockfile records a graph;
	// dependsOn then lists the refs it depends on, sorted.
	graphKnown bool
	dependsOn  []string
}

type sbomVuln struct {
	f   *finding.Finding
	ref string
}

func newSBOMInventory(r *Report) *sbomInventory {
	inv := &sbomInventory{byRef: map[string]*sbomPackage{}}
	for i := range r.Lockfiles {
		inv.addLockfile(&r.Lockfiles[i])
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Scanner == finding.ScannerVuln && f.Suppressed == nil && f.Vuln != nil {
			inv.vulns = append(inv.vulns, sbomVuln{f: f, ref: inv.addVulnPackage(f)})
		}
	}
	for _, sp := range inv.byRef {
		inv.pkgs = append(inv.pkgs, sp)
		slices.Sort(sp.locations)
		sp.locations = slices.Compact(sp.locations)
		slices.Sort(sp.dependsOn)
		sp.dependsOn = slices.Compact(sp.dependsOn)
	}
	slices.SortFunc(inv.pkgs, func(a, b *sbomPackage) int { return cmp.Compare(a.ref, b.ref) })
	return inv
}

// sbomRef returns the reference and purl of p.
func sbomRef(p deps.Package) (ref, purl string) {
	if !p.Local {
		purl = deps.PURL(p)
	}
	if purl != "" {
		return purl, purl
	}
	kind := "package"
	if p.Local {
		kind = "local"
	}
	return "ward:" + kind + "/" + string(p.Ecosystem) + "/" + p.Name + "@" + p.Version, ""
}

func (inv *sbomInventory) addLockfile(lf *deps.Lockfile) {
	graph := false
	refs := make(map[string]string, len(lf.Packages))
	for i := range lf.Packages {
		p := &lf.Packages[i]
		graph = graph || len(p.DependsOn) > 0
		ref := inv.add(*p, sbomLocation(lf.Path, p.Line))
		if _, ok := refs[p.Key()]; !ok {
			refs[p.Key()] = ref
		}
	}
	if !graph {
		return
	}
	for i := range lf.Packages {
		p := &lf.Packages[i]
		sp := inv.byRef[refs[p.Key()]]
		sp.graphKnown = true
		for _, id := range p.DependsOn {
			if to, ok := refs[id]; ok && to != sp.ref {
				sp.dependsOn = append(sp.dependsOn, to)
			}
		}
	}
}

func sbomLocation(path string, line int) string {
	if line > 0 {
		return path + ":" + strconv.Itoa(line)
	}
	return path
}

// add merges one occurrence of p into the inventory and returns its ref.
func (inv *sbomInventory) add(p deps.Package, location string) string {
	ref, purl := sbomRef(p)
	inv.addAs(ref, purl, p, location)
	return ref
}

func (inv *sbomInventory) addAs(ref, purl string, p deps.Package, location string) {
	sp, ok := inv.byRef[ref]
	if !ok {
		sp = &sbomPackage{ref: ref, purl: purl, pkg: p, dev: true}
		inv.byRef[ref] = sp
	}
	if location != "" {
		sp.locations = append(sp.locations, location)
	}
	sp.required = sp.required || !p.Dev && !p.Optional
	sp.dev = sp.dev && p.Dev
	sp.direct = sp.direct || p.Direct
}

// addVulnPackage returns the ref of the package a vulnerability finding
// affects, adding the package when no lockfile in the report lists it.
func (inv *sbomInventory) addVulnPackage(f *finding.Finding) string {
	vp := f.Vuln.Package
	p := deps.Package{
		Ecosystem: deps.Ecosystem(vp.Ecosystem), Name: vp.Name, Version: vp.Version,
		Line: f.Location.StartLine, Direct: vp.Direct, Dev: vp.Dev,
	}
	ref, purl := sbomRef(p)
	if purl == "" && vp.PURL != "" {
		ref, purl = vp.PURL, vp.PURL
	}
	if _, ok := inv.byRef[ref]; !ok {
		loc := ""
		if f.Location.Path != "" {
			loc = sbomLocation(f.Location.Path, f.Location.StartLine)
		}
		inv.addAs(ref, purl, p, loc)
	}
	return ref
}

// direct returns the refs of the target's direct dependencies, sorted.
func (inv *sbomInventory) direct() []string {
	var out []string
	for _, sp := range inv.pkgs {
		if sp.direct {
			out = append(out, sp.ref)
		}
	}
	return out
}
