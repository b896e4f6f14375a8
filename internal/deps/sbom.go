package deps

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// SBOMs as inputs: CycloneDX (1.2 and later) and SPDX (2.2, 2.3) JSON
// documents list packages by purl. A package becomes a Package when its
// purl is of a type Ward has an ecosystem for; other entries (files,
// containers, operating-system packages, entries without a purl) are
// skipped. Where the document records a dependency graph, IDs, DependsOn
// and Direct come from it.

// parseSBOM reads a CycloneDX or SPDX JSON SBOM, telling them apart by
// their top-level "bomFormat" and "spdxVersion" members.
func parseSBOM(path string, data []byte) ([]Package, error) {
	if err := sbomCheck(path, data); err != nil {
		return nil, err
	}
	var head struct {
		BOMFormat   json.RawMessage `json:"bomFormat"`
		SPDXVersion json.RawMessage `json:"spdxVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, errorf(path, 1, "read SBOM: top level is not a JSON object")
	}
	switch {
	case head.BOMFormat != nil:
		return readCycloneDXSBOM(path, data)
	case head.SPDXVersion != nil:
		return readSPDXSBOM(path, data)
	}
	return nil, errorf(path, 0, "read SBOM: neither CycloneDX (no bomFormat) nor SPDX (no spdxVersion) JSON")
}

// parseCycloneDXSBOM reads a CycloneDX JSON BOM: its components, nested
// ones included, and the dependency graph. A component's scope "excluded"
// (or Ward's own "ward:dev" property) marks it Dev, "optional" Optional.
func parseCycloneDXSBOM(path string, data []byte) ([]Package, error) {
	if err := sbomCheck(path, data); err != nil {
		return nil, err
	}
	return readCycloneDXSBOM(path, data)
}

// readCycloneDXSBOM is parseCycloneDXSBOM after sbomCheck.
func readCycloneDXSBOM(path string, data []byte) ([]Package, error) {
	d := newSBOMDecoder(path, data, "CycloneDX")
	var (
		format, spec         string
		formatLine, specLine int
		meta                 struct {
			Component *struct {
				BOMRef string `json:"bom-ref"`
			} `json:"component"`
		}
		graph []sbomEdges
		c     sbomCollector
	)
	err := d.topObject(func(key string) error {
		switch key {
		case "bomFormat":
			formatLine = d.lines.line(d.next())
			return d.value(&format)
		case "specVersion":
			specLine = d.lines.line(d.next())
			return d.value(&spec)
		case "metadata":
			return d.value(&meta)
		case "components":
			return d.cdxComponents(&c, 1)
		case "dependencies":
			return d.array(func() error {
				var e sbomEdges
				err := d.value(&e)
				graph = append(graph, e)
				return err
			})
		}
		return d.skip()
	})
	if err != nil {
		return nil, err
	}
	if format != "CycloneDX" {
		return nil, errorf(path, formatLine, "read CycloneDX SBOM: bomFormat is %s, want \"CycloneDX\"", excerpt(format))
	}
	if err := cdxCheckSpec(spec); err != nil {
		return nil, errorf(path, specLine, "read CycloneDX SBOM: %v", err)
	}
	var roots []string
	if meta.Component != nil && meta.Component.BOMRef != "" {
		roots = []string{meta.Component.BOMRef}
	}
	return c.finish(graph, roots, nil), nil
}

// cdxCheckSpec accepts specVersion "1.2" and later: CycloneDX had no JSON
// format before 1.2.
func cdxCheckSpec(spec string) error {
	minor, ok := strings.CutPrefix(spec, "1.")
	n, err := strconv.Atoi(minor)
	if !ok || err != nil || n < 2 {
		return fmt.Errorf("unsupported specVersion %s (want 1.2 or later)", excerpt(spec))
	}
	return nil
}

// cdxComponent is what Ward reads of a CycloneDX component.
type cdxComponent struct {
	typ, ref, purl, version, scope string
	props                          []struct{ Name, Value string }
}

// cdxComponentTypes are the component types that can be packages.
var cdxComponentTypes = map[string]bool{"": true, "library": true, "framework": true, "application": true}

// cdxComponents reads an array of components, recursing into nested ones
// down to maxDepth levels.
func (d *sbomDecoder) cdxComponents(c *sbomCollector, depth int) error {
	if depth > maxDepth {
		return d.errorf(d.next(), "components nest deeper than %d levels", maxDepth)
	}
	return d.array(func() error {
		var comp cdxComponent
		off, err := d.object(func(key string) error {
			switch key {
			case "type":
				return d.value(&comp.typ)
			case "bom-ref":
				return d.value(&comp.ref)
			case "purl":
				return d.value(&comp.purl)
			case "version":
				return d.value(&comp.version)
			case "scope":
				return d.value(&comp.scope)
			case "properties":
				return d.value(&comp.props)
			case "components":
				return d.cdxComponents(c, depth+1)
			}
			return d.skip()
		})
		if err != nil {
			return err
		}
		return d.cdxAdd(c, &comp, d.lines.line(off))
	})
}

// cdxAdd turns a component into a package, if it is one.
func (d *sbomDecoder) cdxAdd(c *sbomCollector, comp *cdxComponent, line int) error {
	if comp.purl == "" || !cdxComponentTypes[comp.typ] {
		return nil
	}
	p, err := ParsePURL(comp.purl)
	if errors.Is(err, ErrUnsupportedPURLType) {
		return nil
	}
	if err != nil {
		return errorf(d.path, line, "read CycloneDX component: %v", err)
	}
	if p.Version == "" {
		p.Version = comp.version
	}
	p.Line = line
	p.Dev = comp.scope == "excluded"
	p.Optional = comp.scope == "optional"
	for _, prop := range comp.props {
		on := prop.Value == "true"
		switch prop.Name {
		case "ward:dev":
			p.Dev = p.Dev || on
		case "ward:local":
			p.Local = p.Local || on
		case "ward:unpinned":
			p.Unpinned = p.Unpinned || on
		}
	}
	if p.Dev {
		p.Optional = false // Ward writes dev-only packages with scope "optional"
	}
	c.add(p, comp.ref)
	return nil
}

// parseSPDXSBOM reads an SPDX 2.2 or 2.3 JSON document: the packages with
// a purl external reference, and the dependency relationships between
// them. Packages the described root depends on are Direct; those that are
// only a development or test dependency of it are Dev too.
func parseSPDXSBOM(path string, data []byte) ([]Package, error) {
	if err := sbomCheck(path, data); err != nil {
		return nil, err
	}
	return readSPDXSBOM(path, data)
}

// readSPDXSBOM is parseSPDXSBOM after sbomCheck.
func readSPDXSBOM(path string, data []byte) ([]Package, error) {
	d := newSBOMDecoder(path, data, "SPDX")
	var (
		version     string
		versionLine int
		describes   []string
		rels        []spdxRelationship
		c           sbomCollector
	)
	err := d.topObject(func(key string) error {
		switch key {
		case "spdxVersion":
			versionLine = d.lines.line(d.next())
			return d.value(&version)
		case "documentDescribes":
			return d.value(&describes)
		case "packages":
			return d.spdxPackages(&c)
		case "relationships":
			return d.array(func() error {
				var r spdxRelationship
				err := d.value(&r)
				rels = append(rels, r)
				return err
			})
		}
		return d.skip()
	})
	if err != nil {
		return nil, err
	}
	if version != "SPDX-2.2" && version != "SPDX-2.3" {
		return nil, errorf(path, versionLine, "read SPDX SBOM: unsupported spdxVersion %s (want SPDX-2.2 or SPDX-2.3)", excerpt(version))
	}
	graph, devOf := spdxGraph(rels)
	for _, r := range rels {
		if r.Element == "SPDXRef-DOCUMENT" && r.Type == "DESCRIBES" {
			describes = append(describes, r.Related)
		}
	}
	return c.finish(graph, describes, devOf), nil
}

// spdxRelationship is one entry of an SPDX document's relationships.
type spdxRelationship struct {
	Element string `json:"spdxElementId"`
	Type    string `json:"relationshipType"`
	Related string `json:"relatedSpdxElement"`
}

// spdxDependencyOf are the "A X_OF B" relationships that mean B depends
// on A; the value says whether the dependency is for development only.
var spdxDependencyOf = map[string]bool{
	"DEPENDENCY_OF": false, "RUNTIME_DEPENDENCY_OF": false, "OPTIONAL_DEPENDENCY_OF": false,
	"PROVIDED_DEPENDENCY_OF": false, "BUILD_DEPENDENCY_OF": true, "DEV_DEPENDENCY_OF": true,
	"TEST_DEPENDENCY_OF": true,
}

// spdxGraph turns relationships into dependency edges, and the set of
// "dependent dependency" pairs that are for development only.
func spdxGraph(rels []spdxRelationship) ([]sbomEdges, map[[2]string]bool) {
	var graph []sbomEdges
	devOf := map[[2]string]bool{}
	for _, r := range rels {
		if r.Type == "DEPENDS_ON" {
			graph = append(graph, sbomEdges{Ref: r.Element, DependsOn: []string{r.Related}})
			continue
		}
		dev, ok := spdxDependencyOf[r.Type]
		if !ok {
			continue
		}
		graph = append(graph, sbomEdges{Ref: r.Related, DependsOn: []string{r.Element}})
		if dev {
			devOf[[2]string{r.Related, r.Element}] = true
		}
	}
	return graph, devOf
}

// spdxPackage is what Ward reads of an SPDX package.
type spdxPackage struct {
	id, version string
	refs        []struct {
		Type    string `json:"referenceType"`
		Locator string `json:"referenceLocator"`
	}
}

func (d *sbomDecoder) spdxPackages(c *sbomCollector) error {
	return d.array(func() error {
		var sp spdxPackage
		off, err := d.object(func(key string) error {
			switch key {
			case "SPDXID":
				return d.value(&sp.id)
			case "versionInfo":
				return d.value(&sp.version)
			case "externalRefs":
				return d.value(&sp.refs)
			}
			return d.skip()
		})
		if err != nil {
			return err
		}
		return d.spdxAdd(c, &sp, d.lines.line(off))
	})
}

// spdxAdd adds the package named by the first purl reference of a type
// Ward supports.
func (d *sbomDecoder) spdxAdd(c *sbomCollector, sp *spdxPackage, line int) error {
	for _, ref := range sp.refs {
		if !strings.EqualFold(ref.Type, "purl") {
			continue
		}
		p, err := ParsePURL(ref.Locator)
		if errors.Is(err, ErrUnsupportedPURLType) {
			continue
		}
		if err != nil {
			return errorf(d.path, line, "read SPDX package: %v", err)
		}
		if p.Version == "" {
			p.Version = sp.version
		}
		p.Line = line
		c.add(p, sp.id)
		return nil
	}
	return nil
}

// sbomEdges is a CycloneDX dependency entry: ref depends on DependsOn.
type sbomEdges struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

// sbomCollector gathers an SBOM's packages, one per ecosystem, name and
// version, and resolves the document's references to their IDs.
type sbomCollector struct {
	pkgs  []Package
	index map[[3]string]int // ecosystem, name, version -> pkgs index
	ids   sbomIDs
	refs  map[string]int // document reference -> pkgs index
}

// add records p, which the document calls ref ("" if it has no
// reference). A package seen before keeps its first entry, and ref then
// names that entry.
func (c *sbomCollector) add(p Package, ref string) {
	if c.index == nil {
		c.index, c.refs = map[[3]string]int{}, map[string]int{}
		c.ids = sbomIDs{used: map[string]bool{}, next: map[string]int{}}
	}
	k := [3]string{string(p.Ecosystem), p.Name, p.Version}
	i, ok := c.index[k]
	if !ok {
		i = len(c.pkgs)
		c.index[k] = i
		p.ID = c.ids.distinct(cmp.Or(ref, p.Name+"@"+p.Version))
		c.pkgs = append(c.pkgs, p)
	}
	if _, taken := c.refs[ref]; ref != "" && !taken {
		c.refs[ref] = i
	}
}

// sbomIDs gives out package IDs, each once.
type sbomIDs struct {
	used map[string]bool
	next map[string]int // want -> the next "#n" suffix to try
}

// distinct returns want, or want with a "#n" suffix when an earlier
// package already has that ID, and marks the result used.
func (ids *sbomIDs) distinct(want string) string {
	id := want
	for used := ids.used[id]; used; used = ids.used[id] {
		n := max(ids.next[want], 2)
		ids.next[want] = n + 1
		id = want + "#" + strconv.Itoa(n)
	}
	ids.used[id] = true
	return id
}

// finish applies the dependency graph, marks the packages the roots
// depend on Direct (and Dev when every such edge is in devOf), and returns
// the packages in document order.
func (c *sbomCollector) finish(graph []sbomEdges, roots []string, devOf map[[2]string]bool) []Package {
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r] = true
	}
	rootDev := map[int]bool{} // pkgs index -> only a dev dependency of roots so far
	edges := map[[2]int]bool{}
	for _, e := range graph {
		from, fromPkg := c.refs[e.Ref]
		for _, to := range e.DependsOn {
			j, ok := c.refs[to]
			switch {
			case !ok:
			case isRoot[e.Ref]:
				c.pkgs[j].Direct = true
				dev, seen := rootDev[j]
				rootDev[j] = devOf[[2]string{e.Ref, to}] && (dev || !seen)
			case fromPkg && from != j && !edges[[2]int{from, j}]:
				edges[[2]int{from, j}] = true
				c.pkgs[from].DependsOn = append(c.pkgs[from].DependsOn, c.pkgs[j].ID)
			}
		}
	}
	for j, dev := range rootDev {
		c.pkgs[j].Dev = c.pkgs[j].Dev || dev
	}
	slices.SortStableFunc(c.pkgs, func(a, b Package) int { return a.Line - b.Line })
	return c.pkgs
}

// sbomCheck bounds an SBOM's size and nesting and checks its syntax
// before it is walked, so that a syntax error is reported at its own line.
func sbomCheck(path string, data []byte) error {
	if len(data) > maxFileSize {
		return errorf(path, 0, "read SBOM: larger than %d bytes", maxFileSize)
	}
	if off := jsonTooDeep(data); off >= 0 {
		return errorf(path, newLineIndex(data).line(int64(off)), "read SBOM: nesting deeper than %d levels", maxDepth)
	}
	if json.Valid(data) {
		return nil
	}
	var syn *json.SyntaxError
	if err := json.Unmarshal(data, new(json.RawMessage)); errors.As(err, &syn) {
		return errorf(path, newLineIndex(data).line(syn.Offset), "read SBOM: %v", err)
	}
	return errorf(path, 0, "read SBOM: invalid JSON")
}

// sbomDecoder walks a JSON document token by token, so that each package
// keeps the line its object starts on.
type sbomDecoder struct {
	path, format string
	data         []byte
	dec          *json.Decoder
	lines        lineIndex
}

func newSBOMDecoder(path string, data []byte, format string) *sbomDecoder {
	return &sbomDecoder{
		path: path, format: format, data: data,
		dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineIndex(data),
	}
}

// errorf returns an *Error at the line of offset off.
func (d *sbomDecoder) errorf(off int64, format string, args ...any) error {
	return errorf(d.path, d.lines.line(off), "read %s SBOM: %s", d.format, fmt.Sprintf(format, args...))
}

// fail turns a decoding error into an *Error at the line where the value
// that failed starts. (sbomCheck has reported syntax errors already; the
// decoder's own offsets are relative to its buffer.)
func (d *sbomDecoder) fail(start int64, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of JSON input")
	}
	return errorf(d.path, d.lines.line(start), "read %s SBOM: %v", d.format, err)
}

// next returns the offset of the next value or key, past the separators
// the decoder has not consumed yet.
func (d *sbomDecoder) next() int64 {
	return jsonNext(d.data, d.dec.InputOffset())
}

// value decodes the next value into v.
func (d *sbomDecoder) value(v any) error {
	start := d.next()
	if err := d.dec.Decode(v); err != nil {
		return d.fail(start, err)
	}
	return nil
}

// skip consumes the next value.
func (d *sbomDecoder) skip() error {
	var raw json.RawMessage
	return d.value(&raw)
}

// topObject reads the whole document, which must be one object, calling
// member for each key with the decoder before its value.
func (d *sbomDecoder) topObject(member func(key string) error) error {
	if _, err := d.object(member); err != nil {
		return err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return d.errorf(d.next(), "data after the top-level object")
	}
	return nil
}

// object reads an object, calling member for each key with the decoder
// before its value, and returns the offset of its "{". A null counts as an
// empty object.
func (d *sbomDecoder) object(member func(key string) error) (int64, error) {
	start := d.next()
	tok, err := d.dec.Token()
	if err != nil {
		return start, d.fail(start, err)
	}
	if tok == nil {
		return start, nil
	}
	if tok != json.Delim('{') {
		return start, d.errorf(start, "want an object")
	}
	for d.dec.More() {
		at := d.next()
		tok, err := d.dec.Token()
		if err != nil {
			return start, d.fail(at, err)
		}
		key, _ := tok.(string)
		if err := member(key); err != nil {
			return start, err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return start, d.fail(d.next(), err)
	}
	return start, nil
}

// array reads an array, calling elem with the decoder before each
// element. A null counts as an empty array.
func (d *sbomDecoder) array(elem func() error) error {
	start := d.next()
	tok, err := d.dec.Token()
	if err != nil {
		return d.fail(start, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return d.errorf(start, "want an array")
	}
	for d.dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return d.fail(d.next(), err)
	}
	return nil
}
