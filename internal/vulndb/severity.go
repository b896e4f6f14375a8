package vulndb

import (
	"strings"

	"github.com/wardsec/ward/internal/cvss"
	"github.com/wardsec/ward/internal/finding"
)

// Rating is how severe an advisory is for one package.
type Rating struct {
	Severity finding.Severity
	// Vector is the CVSS vector the score came from; "" when the rating
	// is the source database's own word.
	Vector string
	Score  float64
}

// cvssRank prefers the newest CVSS version present.
var cvssRank = map[string]int{"CVSS_V4": 3, "CVSS_V3": 2, "CVSS_V2": 1}

// Rate rates the advisory for the affected entry that names the package,
// taking the first of: the entry's CVSS vectors, the advisory's (newest
// CVSS version first), a vector or bare score in database_specific
// (RustSec, rubysec), the database's severity word (GHSA's "MODERATE"),
// Info for RustSec's informational notices. Unknown when nobody rated it
// (Go's database rates nothing).
func (a *Advisory) Rate(eco, name string) Rating {
	norm := NormalizeName(eco, name)
	var specs []*specific
	for i := range a.Affected {
		af := &a.Affected[i]
		if baseEcosystem(af.Package.Ecosystem) != eco || NormalizeName(eco, af.Package.Name) != norm {
			continue
		}
		if r, ok := rateVectors(af.Severity); ok {
			return r
		}
		specs = append(specs, af.DatabaseSpecific, af.EcosystemSpecific)
	}
	if r, ok := rateVectors(a.Severity); ok {
		return r
	}
	specs = append(specs, a.DatabaseSpecific)
	return rateSpecific(specs)
}

// rateSpecific rates from database_specific-style objects (nil ones are
// skipped), scores before words.
func rateSpecific(specs []*specific) Rating {
	for _, s := range specs {
		if s == nil {
			continue
		}
		if score, err := cvss.Score(s.CVSS); s.CVSS != "" && err == nil {
			return Rating{Severity: scoreSeverity(score), Vector: s.CVSS, Score: score}
		}
		if score := max(s.CVSSv3, s.CVSSv2); score > 0 && score <= 10 {
			return Rating{Severity: scoreSeverity(score), Score: score}
		}
	}
	for _, s := range specs {
		if s == nil {
			continue
		}
		if sev := severityWord(s.Severity); sev != finding.Unknown {
			return Rating{Severity: sev}
		}
		if s.Informational != "" {
			return Rating{Severity: finding.Info}
		}
	}
	return Rating{}
}

func rateVectors(sevs []Severity) (Rating, bool) {
	best, rank := Rating{}, 0
	for _, s := range sevs {
		r := cvssRank[s.Type]
		if r <= rank {
			continue
		}
		score, err := cvss.Score(s.Score)
		if err != nil {
			continue
		}
		best, rank = Rating{Severity: scoreSeverity(score), Vector: s.Score, Score: score}, r
	}
	return best, rank > 0
}

// scoreSeverity maps a CVSS base score to a severity (the v3 scale).
func scoreSeverity(score float64) finding.Severity {
	switch {
	case score >= 9:
		return finding.Critical
	case score >= 7:
		return finding.High
	case score >= 4:
		return finding.Medium
	case score > 0:
		return finding.Low
	}
	return finding.Info
}

// severityWord maps a database's severity word to a severity.
func severityWord(w string) finding.Severity {
	switch strings.ToLower(strings.TrimSpace(w)) {
	case "critical":
		return finding.Critical
	case "high", "important":
		return finding.High
	case "moderate", "medium":
		return finding.Medium
	case "low", "minor":
		return finding.Low
	case "none", "informational", "info":
		return finding.Info
	}
	return finding.Unknown
}
