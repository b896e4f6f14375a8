package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// SARIF 2.1.0, as GitHub code scanning and other platforms read it.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	infoURI      = "https://github.com/wardsec/ward"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation carries the scan's warnings (no database, a lockfile
// that could not be read), so that code scanning shows them too.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	Properties          map[string]any      `json:"properties,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      *sarifText     `json:"fullDescription,omitempty"`
	HelpURI              string         `json:"helpUri,omitempty"`
	Help                 *sarifText     `json:"help,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags,omitempty"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// securitySeverity maps severities to the CVSS-like score GitHub sorts by.
var securitySeverity = map[finding.Severity]string{
	finding.Critical: "9.5", finding.High: "8.0", finding.Medium: "5.5", finding.Low: "3.0", finding.Info: "1.0", finding.Unknown: "0.0",
}

func sarifLevel(s finding.Severity) string {
	switch {
	case s == finding.Unknown:
		return "warning" // only unrated vulnerabilities are unknown, and they fail the scan
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "note"
	}
}

// SARIF writes one SARIF 2.1.0 run with one result per finding.
func SARIF(w io.Writer, r *Report) error {
	rules, index := r.sarifRules()
	results := make([]sarifResult, 0, len(r.Findings))
	for i := range r.Findings {
		results = append(results, r.sarifResult(&r.Findings[i], index))
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: infoURI, Rules: rules,
			}},
			Invocations: r.sarifInvocations(),
			Results:     results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func (r *Report) sarifInvocations() []sarifInvocation {
	if len(r.Summary.Warnings) == 0 && r.Gate == nil {
		return nil
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	if r.Gate != nil {
		inv.Properties = map[string]any{"gate": r.Gate}
	}
	for _, w := range r.Summary.Warnings {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{w}})
	}
	return []sarifInvocation{inv}
}

// sarifRules lists the rules that produced findings, plus any in r.Rules.
func (r *Report) sarifRules() ([]sarifRule, map[string]int) {
	byID := map[string]Rule{}
	for _, ru := range r.Rules {
		byID[ru.ID] = ru
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.RuleID]; !ok {
			byID[f.RuleID] = ruleOf(&f)
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(ids))
	for i, id := range ids {
		ru := byID[id]
		index[id] = i
		desc := ru.Description
		if desc == "" {
			desc = id
		}
		tags := append([]string{"security"}, ru.Tags...)
		sr := sarifRule{
			ID: id, Name: id, ShortDescription: sarifText{desc}, HelpURI: ru.HelpURI,
			DefaultConfiguration: sarifConfig{Level: sarifLevel(ru.Severity)},
			Properties:           sarifRuleProps{Tags: tags, SecuritySeverity: ruleScore(ru)},
		}
		if ru.Help != "" {
			sr.Help = &sarifText{ru.Help}
		}
		rules = append(rules, sr)
	}
	return rules, index
}

// ruleOf describes the rule of a finding that r.Rules does not list.
func ruleOf(f *finding.Finding) Rule {
	ru := Rule{ID: f.RuleID, Description: f.Title, Severity: f.Severity, Tags: f.Tags}
	if m := f.Misconfig; m != nil {
		ru.Tags = append(slices.Clone(ru.Tags), "misconfiguration", m.Kind)
		ru.Help = strings.TrimSpace(m.Description + "\n\nRemediation: " + m.Remediation)
		if len(m.References) > 0 {
			ru.HelpURI = m.References[0]
		}
	}
	if v := f.Vuln; v != nil {
		ru.HelpURI = "https://osv.dev/vulnerability/" + url.PathEscape(v.ID)
		ru.Score = v.Score
		ru.Tags = append(slices.Clone(ru.Tags), "vulnerability", v.Package.Ecosystem)
	}
	return ru
}

// ruleScore is the security-severity of a rule: its CVSS score when it
// has one.
func ruleScore(ru Rule) string {
	if ru.Score > 0 {
		return strconv.FormatFloat(ru.Score, 'f', 1, 64)
	}
	if ru.Severity == finding.Unknown && slices.Contains(ru.Tags, "vulnerability") {
		return securitySeverity[finding.Medium] // unrated is not harmless
	}
	return securitySeverity[ru.Severity]
}

func (r *Report) sarifResult(f *finding.Finding, index map[string]int) sarifResult {
	msg := f.Title
	if f.Secret() != "" {
		msg += ": " + r.secretText(f)
	}
	if m := f.Misconfig; m != nil {
		msg = m.Message
	}
	if v := f.Vuln; v != nil {
		msg = fmt.Sprintf("%s %s is affected by %s: %s", v.Package.Name, v.Package.Version, v.ID, f.Title)
		if len(v.Fixed) > 0 {
			msg += " (fixed in " + v.Fixed[0] + ")"
		}
	}
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: index[f.RuleID],
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{msg},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifactLocation{URI: uriPath(f.Location.Path), URIBaseID: "%SRCROOT%"},
			Region:           sarifRegionOf(f.Location),
		}}},
		PartialFingerprints: map[string]string{"ward/v1": f.Fingerprint},
	}
	if s := f.Suppressed; s != nil {
		kind := "external"
		if s.Kind == "inline" {
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Justification: s.Reason}}
	}
	props := map[string]any{"severity": f.Severity.String()}
	if f.Commit != nil {
		props["commit"] = f.Commit.SHA
		props["author"] = f.Commit.Author
		props["email"] = f.Commit.Email
		props["date"] = f.Commit.Date
	}
	if f.Verified != "" {
		props["verification"] = f.Verified
	}
	if m := f.Misconfig; m != nil {
		props["resource"] = m.Resource
		props["resource_type"] = m.ResourceType
		if m.CalledFrom != "" {
			props["called_from"] = m.CalledFrom
		}
	}
	if v := f.Vuln; v != nil {
		props["package"] = v.Package
		props["fixed_versions"] = v.Fixed
		props["aliases"] = v.Aliases
		if v.CVSS != "" {
			props["cvss"] = v.CVSS
		}
	}
	res.Properties = props
	return res
}

func sarifRegionOf(l finding.Location) *sarifRegion {
	if l.StartLine < 1 {
		return nil
	}
	reg := &sarifRegion{StartLine: l.StartLine, StartColumn: l.StartColumn}
	if l.EndLine >= l.StartLine {
		reg.EndLine = l.EndLine
		if l.EndColumn > 0 && (l.EndLine > l.StartLine || l.EndColumn > l.StartColumn) {
			reg.EndColumn = l.EndColumn
		}
	}
	if reg.StartColumn < 1 {
		reg.StartColumn = 0
	}
	return reg
}

// uriPath percent-encodes each segment of a slash-separated path, so that
// "my file#1.ini" stays one relative URI reference.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
