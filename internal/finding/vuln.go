package finding

// Vuln is what a vulnerability finding (Scanner "vuln") adds: the advisory
// and the package it affects. RuleID is the OSV id.
type Vuln struct {
	ID string `json:"id"`
	// Aliases are the vulnerability's other names: CVE and GHSA ids and
	// the ids of the advisories Merged into this finding.
	Aliases []string `json:"aliases,omitempty"`
	// Merged lists the ids of other databases' advisories about the same
	// vulnerability (sharing an id or alias), reported as this one.
	Merged   []string `json:"merged,omitempty"`
	Summary  string   `json:"summary,omitempty"`
	Modified string   `json:"modified,omitempty"`
	// Package is the affected package as the lockfile names it.
	Package VulnPackage `json:"package"`
	// Fixed lists the versions that fix it, lowest first, for the
	// package's own branch first when there are several.
	Fixed []string `json:"fixed_versions,omitempty"`
	// CVSS is the vector the severity came from ("" when the severity is
	// the ecosystem's own rating) and Score its base score.
	CVSS       string   `json:"cvss,omitempty"`
	Score      float64  `json:"score,omitempty"`
	References []string `json:"references,omitempty"`
	// Upgrade is the lowest version of the package that fixes the most of
	// its known vulnerabilities ("" when no version fixes any).
	Upgrade string `json:"upgrade,omitempty"`
	// UpgradeFixes is how many of the package's vulnerabilities Upgrade
	// fixes, and Vulns how many it has.
	UpgradeFixes int `json:"upgrade_fixes,omitempty"`
	Vulns        int `json:"package_vulnerabilities,omitempty"`
}

// VulnPackage names a package in a lockfile.
type VulnPackage struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Version   string `json:"version"`
	PURL      string `json:"purl,omitempty"`
	Direct    bool   `json:"direct"`
	Dev       bool   `json:"dev,omitempty"`
}
