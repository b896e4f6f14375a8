package secrets

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// File is the on-disk shape of a rule file: gitleaks' TOML format, with
// Ward's extensions (severity, checksum, window, filter, tp, fp).
type File struct {
	Title      string      `toml:"title"`
	Extend     Extend      `toml:"extend"`
	Rules      []RuleSpec  `toml:"rules"`
	Allowlist  *Allowlist  `toml:"allowlist"`
	Allowlists []Allowlist `toml:"allowlists"`

	idLines map[string]int // line of each rule's id, for errors
}

// Extend says which rules a user file builds on, as gitleaks' [extend].
type Extend struct {
	UseDefault    bool     `toml:"useDefault"`
	Path          string   `toml:"path"`
	DisabledRules []string `toml:"disabledRules"`
}

// RuleSpec is one rule as written in a file.
type RuleSpec struct {
	ID          string      `toml:"id"`
	Description string      `toml:"description"`
	Regex       string      `toml:"regex"`
	SecretGroup int         `toml:"secretGroup"`
	Entropy     float64     `toml:"entropy"`
	Keywords    []string    `toml:"keywords"`
	Path        string      `toml:"path"`
	Tags        []string    `toml:"tags"`
	Allowlist   *Allowlist  `toml:"allowlist"`
	Allowlists  []Allowlist `toml:"allowlists"`
	SkipReport  bool        `toml:"skipReport"`

	// Ward extensions.
	Severity string `toml:"severity"` // info, low, medium, high, critical; default high
	Checksum string `toml:"checksum"` // name of a checksum validator, see checksums
	Filter   string `toml:"filter"`   // name of a value filter, see filters
	// Prefilter names a cheap test of the text after a keyword hit that
	// must pass before the regex runs (see prefilters).
	Prefilter string `toml:"prefilter"`
	// Reach bounds, in bytes, how far a match extends around its keyword
	// when the regex itself has no bound (the generic rule).
	Reach      int      `toml:"reach"`
	Window     int      `toml:"window"`     // bytes scanned after a keyword hit, across lines; default: the line
	TP         []string `toml:"tp"`         // true-positive sample templates, see Expand
	SamplePath string   `toml:"samplePath"` // path the samples are scanned as; default sample.txt
	FP         []string `toml:"fp"`         // false-positive sample templates
}

// Allowlist suppresses matches, as gitleaks' [rules.allowlist].
type Allowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`   // OR (default) or AND
	RegexTarget string   `toml:"regexTarget"` // secret (default), match or line
	Regexes     []string `toml:"regexes"`
	Paths       []string `toml:"paths"`
	Stopwords   []string `toml:"stopwords"`
	Commits     []string `toml:"commits"`
}

// Rule is a compiled rule.
type Rule struct {
	ID          string
	Description string
	Severity    finding.Severity
	Tags        []string
	Keywords    []string
	SecretGroup int
	Entropy     float64
	Window      int
	SkipReport  bool
	// width is the most bytes a match can span, or unbounded; a keyword
	// hit's window is cut to it.
	width int

	re       *lazyRegexp
	anchored *lazyRegexp // re matched only at the start of its input, for prefilter anchors
	groups   []int       // capture groups that may hold the secret, in order
	path     *regexp.Regexp
	allow    []allowlist
	checksum func(string) bool
	filter   valueFilter
	pre      prefilter
	spec     RuleSpec
}

// Spec returns the rule as it was written, samples included.
func (r *Rule) Spec() RuleSpec { return r.spec }

type allowlist struct {
	and       bool
	target    string
	regexes   []*regexp.Regexp
	paths     []*regexp.Regexp
	stopwords []string
	commits   map[string]bool
}

func compileRule(s RuleSpec) (*Rule, error) {
	if s.ID == "" {
		return nil, fmt.Errorf("rule has no id")
	}
	if s.Regex == "" && s.Path == "" {
		return nil, fmt.Errorf("rule %s: neither regex nor path", s.ID)
	}
	r := &Rule{
		ID: s.ID, Description: s.Description, Tags: s.Tags, SecretGroup: s.SecretGroup,
		Entropy: s.Entropy, Window: s.Window, SkipReport: s.SkipReport, spec: s,
		Severity: finding.High,
	}
	if s.Severity != "" {
		sev, err := finding.ParseSeverity(s.Severity)
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", s.ID, err)
		}
		r.Severity = sev
	}
	for _, k := range s.Keywords {
		if k = strings.ToLower(k); k != "" {
			r.Keywords = append(r.Keywords, k)
		}
	}
	var err error
	if s.Regex != "" {
		if r.re, err = parseLazy(relaxedPattern(s.Regex)); err != nil {
			return nil, fmt.Errorf("rule %s: regex: %w", s.ID, err)
		}
		if s.SecretGroup > r.re.NumSubexp() {
			return nil, fmt.Errorf("rule %s: secretGroup %d but the regex has %d groups", s.ID, s.SecretGroup, r.re.NumSubexp())
		}
		r.groups = secretGroups(r.re, s.SecretGroup)
		r.width = regexWidth(s.Regex)
		if s.Reach > 0 && (r.width == unbounded || s.Reach < r.width) {
			r.width = s.Reach
		}
	}
	if s.Path != "" {
		if r.path, err = regexp.Compile(s.Path); err != nil {
			return nil, fmt.Errorf("rule %s: path: %w", s.ID, err)
		}
	}
	if s.Checksum != "" {
		if r.checksum = checksums[s.Checksum]; r.checksum == nil {
			return nil, fmt.Errorf("rule %s: unknown checksum %q", s.ID, s.Checksum)
		}
	}
	if s.Filter != "" {
		if r.filter = filters[s.Filter]; r.filter == nil {
			return nil, fmt.Errorf("rule %s: unknown filter %q", s.ID, s.Filter)
		}
	}
	if s.Prefilter != "" {
		if r.pre = prefilters[s.Prefilter]; r.pre == nil {
			return nil, fmt.Errorf("rule %s: unknown prefilter %q", s.ID, s.Prefilter)
		}
		if r.re == nil {
			return nil, fmt.Errorf("rule %s: a prefilter needs a regex", s.ID)
		}
		if s.Filter == "generic" {
			if r.anchored, err = parseLazy(`^(?:` + relaxedPattern(s.Regex) + `)`); err != nil {
				return nil, fmt.Errorf("rule %s: regex: %w", s.ID, err)
			}
		}
	}
	lists := s.Allowlists
	if s.Allowlist != nil {
		lists = append([]Allowlist{*s.Allowlist}, lists...)
	}
	if r.allow, err = compileAllowlists(lists); err != nil {
		return nil, fmt.Errorf("rule %s: %w", s.ID, err)
	}
	return r, nil
}

func compileAllowlists(lists []Allowlist) ([]allowlist, error) {
	var out []allowlist
	for i, a := range lists {
		c := allowlist{target: strings.ToLower(a.RegexTarget), commits: map[string]bool{}}
		switch strings.ToUpper(a.Condition) {
		case "", "OR":
		case "AND":
			c.and = true
		default:
			return nil, fmt.Errorf("allowlist %d: condition %q (want OR or AND)", i+1, a.Condition)
		}
		switch c.target {
		case "", "secret", "match", "line":
		default:
			return nil, fmt.Errorf("allowlist %d: regexTarget %q (want secret, match or line)", i+1, a.RegexTarget)
		}
		for _, p := range a.Regexes {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("allowlist %d: regex: %w", i+1, err)
			}
			c.regexes = append(c.regexes, re)
		}
		for _, p := range a.Paths {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("allowlist %d: path: %w", i+1, err)
			}
			c.paths = append(c.paths, re)
		}
		for _, w := range a.Stopwords {
			c.stopwords = append(c.stopwords, strings.ToLower(w))
		}
		for _, sha := range a.Commits {
			c.commits[sha] = true
		}
		out = append(out, c)
	}
	return out, nil
}

// candidate is what an allowlist judges. Its line is cut from data only
// when an allowlist asks for it.
type candidate struct {
	path, commit, secret, match string
	data                        []byte
	start, end                  int
	line                        *string
}

func (c *candidate) lineText() string {
	if c.line == nil {
		l := lineAround(c.data, c.start, c.end)
		c.line = &l
	}
	return *c.line
}

// allows reports whether the allowlist suppresses the candidate.
func (a *allowlist) allows(c *candidate) bool {
	var checks, hits int
	check := func(ok bool) {
		checks++
		if ok {
			hits++
		}
	}
	if len(a.commits) > 0 {
		check(c.commit != "" && a.commits[c.commit])
	}
	if len(a.paths) > 0 {
		check(anyMatch(a.paths, c.path))
	}
	if len(a.regexes) > 0 {
		target := c.secret
		switch a.target {
		case "match":
			target = c.match
		case "line":
			target = c.lineText()
		}
		check(anyMatch(a.regexes, target))
	}
	if len(a.stopwords) > 0 {
		check(containsStopword(a.stopwords, c.secret))
	}
	if checks == 0 {
		return false
	}
	if a.and {
		return hits == checks
	}
	return hits > 0
}

func anyMatch(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func containsStopword(words []string, s string) bool {
	ls := strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(ls, w) {
			return true
		}
	}
	return false
}

// secretGroups lists the groups that may hold the secret: the chosen one
// first, then every unnamed group (named groups hold context such as the
// variable name).
func secretGroups(re *lazyRegexp, chosen int) []int {
	var gs []int
	if chosen > 0 {
		gs = append(gs, chosen)
	}
	for i, name := range re.SubexpNames() {
		if i > 0 && i != chosen && name == "" {
			gs = append(gs, i)
		}
	}
	return gs
}
