package vulndb

import (
	"encoding/json"
	"slices"
	"strings"
)

// Advisory is the part of an OSV record Ward keeps: enough to match
// versions and to report, without the long details text.
type Advisory struct {
	ID         string      `json:"id"`
	Modified   string      `json:"modified,omitempty"`
	Published  string      `json:"published,omitempty"`
	Withdrawn  string      `json:"withdrawn,omitempty"`
	Aliases    []string    `json:"aliases,omitempty"`
	Summary    string      `json:"summary,omitempty"`
	Details    string      `json:"details,omitempty"`
	Severity   []Severity  `json:"severity,omitempty"`
	Affected   []Affected  `json:"affected,omitempty"`
	References []Reference `json:"references,omitempty"`
	// DatabaseSpecific carries the source database's own rating
	// ("severity": "HIGH"), used when there is no CVSS vector.
	DatabaseSpecific *specific `json:"database_specific,omitempty"`
}

// Severity is one OSV severity entry: a type (CVSS_V2, CVSS_V3, CVSS_V4,
// Ubuntu) and a vector or score.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// Affected names a package and the versions an advisory affects.
type Affected struct {
	Package           Pkg        `json:"package"`
	Severity          []Severity `json:"severity,omitempty"`
	Ranges            []Range    `json:"ranges,omitempty"`
	Versions          []string   `json:"versions,omitempty"`
	EcosystemSpecific *specific  `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  *specific  `json:"database_specific,omitempty"`
}

// Pkg is an OSV package identifier.
type Pkg struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl,omitempty"`
}

// Range is an OSV range: SEMVER, ECOSYSTEM or GIT, with its events.
type Range struct {
	Type   string  `json:"type"`
	Repo   string  `json:"repo,omitempty"`
	Events []Event `json:"events"`
}

// Event is one range event; exactly one field is set.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Reference is a link with its OSV type (ADVISORY, FIX, WEB, ...).
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// specific keeps what Ward reads of database_specific and
// ecosystem_specific objects: a severity word, a CVSS vector (RustSec's
// "cvss"), bare CVSS scores (rubysec's "cvss_v3", "cvss_v2"), RustSec's
// informational kind ("unmaintained", "unsound") and the Go database's
// vulnerable packages ("imports", paths only: symbols are not kept).
type specific struct {
	Severity      string     `json:"severity,omitempty"`
	CVSS          string     `json:"cvss,omitempty"`
	CVSSv3        float64    `json:"cvss_v3,omitempty"`
	CVSSv2        float64    `json:"cvss_v2,omitempty"`
	Informational string     `json:"informational,omitempty"`
	Imports       []goImport `json:"imports,omitempty"`
}

// goImport is one entry of the Go database's ecosystem_specific.imports:
// a package of the module that holds the vulnerable code.
type goImport struct {
	Path string `json:"path"`
}

// UnmarshalJSON takes each field only when it has the expected type, so
// odd shapes (objects, nulls) in these free-form objects are ignored.
func (s *specific) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil // not an object: nothing Ward uses
	}
	json.Unmarshal(raw["severity"], &s.Severity)
	json.Unmarshal(raw["cvss"], &s.CVSS)
	json.Unmarshal(raw["cvss_v3"], &s.CVSSv3)
	json.Unmarshal(raw["cvss_v2"], &s.CVSSv2)
	json.Unmarshal(raw["informational"], &s.Informational)
	s.Imports = importPaths(raw["imports"])
	return nil
}

// maxImports bounds the package paths kept per affected entry.
const maxImports = 1000

// importPaths reads an "imports" list of objects with a "path". A list
// Ward cannot read whole (not a list, an entry without a string path,
// more than maxImports entries) gives nil: the whole module then counts
// as affected, which is the safe reading.
func importPaths(b json.RawMessage) []goImport {
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil || len(raw) > maxImports {
		return nil
	}
	out := make([]goImport, 0, len(raw))
	for _, r := range raw {
		var imp goImport
		if json.Unmarshal(r, &imp) != nil || imp.Path == "" {
			return nil
		}
		out = append(out, goImport{Path: imp.Path})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Imports returns the packages of module name (ecosystem eco) that the
// advisory says hold the vulnerable code: the Go database's
// ecosystem_specific.imports paths, in order, without repeats. It returns
// nil when any affected entry of the module lists none, since the whole
// module is then affected.
func (a *Advisory) Imports(eco, name string) []string {
	norm := NormalizeName(eco, name)
	var out []string
	for i := range a.Affected {
		af := &a.Affected[i]
		if baseEcosystem(af.Package.Ecosystem) != eco || NormalizeName(eco, af.Package.Name) != norm {
			continue
		}
		if af.EcosystemSpecific == nil || len(af.EcosystemSpecific.Imports) == 0 {
			return nil
		}
		for _, imp := range af.EcosystemSpecific.Imports {
			if !slices.Contains(out, imp.Path) {
				out = append(out, imp.Path)
			}
		}
	}
	return out
}

// maxDetails bounds the details text kept per advisory.
const maxDetails = 2000

// trim drops what Ward never reads and the affected entries of other
// ecosystems, so the index stays small.
func (a *Advisory) trim(eco string) {
	if len(a.Details) > maxDetails {
		a.Details = a.Details[:maxDetails] + "…"
	}
	kept := a.Affected[:0]
	for _, af := range a.Affected {
		if baseEcosystem(af.Package.Ecosystem) == eco {
			af.Package.PURL = ""
			kept = append(kept, af)
		}
	}
	a.Affected = kept
}

// baseEcosystem strips a ":suffix" ("Debian:11", "Maven:https://...").
func baseEcosystem(eco string) string {
	if i := strings.IndexByte(eco, ':'); i >= 0 {
		return eco[:i]
	}
	return eco
}
