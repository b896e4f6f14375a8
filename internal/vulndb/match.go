package vulndb

import (
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/deps/version"
)

// Affects reports whether the advisory affects version ver of package
// name in ecosystem eco, and the versions that fix it: first the fixes of
// the ranges that contain ver, then the others, each group in version
// order. It follows the OSV schema: the versions list, SEMVER and
// ECOSYSTEM ranges (introduced, fixed, last_affected, limit). GIT ranges
// are skipped without stopping the others.
func (a *Advisory) Affects(eco, name, ver string) (bool, []string) {
	norm := NormalizeName(eco, name)
	v, verr := version.Parse(eco, ver)
	var hit bool
	var own, other []string
	for i := range a.Affected {
		af := &a.Affected[i]
		if baseEcosystem(af.Package.Ecosystem) != eco || NormalizeName(eco, af.Package.Name) != norm {
			continue
		}
		if listed(eco, af.Versions, ver) {
			hit = true
		}
		for _, r := range af.Ranges {
			in, fixes := rangeAffects(eco, r, ver, v, verr)
			if in {
				hit = true
				own = append(own, fixes...)
			} else {
				other = append(other, fixes...)
			}
		}
	}
	if !hit {
		return false, nil
	}
	return true, append(SortVersions(eco, own), SortVersions(eco, other)...)
}

// listed reports whether ver is in an affected versions list.
func listed(eco string, versions []string, ver string) bool {
	for _, x := range versions {
		if x == ver {
			return true
		}
		if c, ok := version.Compare(eco, x, ver); ok && c == 0 {
			return true
		}
	}
	return false
}

// parser returns how a range's versions parse.
func parser(eco, typ string) func(string) (version.Version, error) {
	if typ == "SEMVER" {
		return parseSemverLoose
	}
	return func(s string) (version.Version, error) { return version.Parse(eco, s) }
}

// parseSemverLoose parses a SemVer version, reading the near-misses some
// databases publish in SEMVER ranges ("1.9.0b1", "1.0.0.beta.3") as the
// pre-releases they mean.
func parseSemverLoose(s string) (version.Version, error) {
	v, err := version.ParseSemver(s)
	if err == nil {
		return v, nil
	}
	if c, ok := coerceSemver(s); ok {
		if v, cerr := version.ParseSemver(c); cerr == nil {
			return v, nil
		}
	}
	return nil, err
}

// coerceSemver turns "1.9.0b1" into "1.9.0-b1" and "1.0.0.beta.3" into
// "1.0.0-beta.3": at most three numeric parts, then a pre-release.
func coerceSemver(s string) (string, bool) {
	i, parts := 0, 0
	for parts < 3 {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			break
		}
		parts++
		i = j
		if parts < 3 && i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	rest := strings.TrimLeft(s[i:], ".-")
	if rest == "*" || rest == "x" || rest == "X" {
		return s[:i] + "-0", parts == 3 // "1.3.0-*": any pre-release of 1.3.0, so from its lowest
	}
	if parts == 0 || rest == "" || rest == s[i:] && strings.HasPrefix(s[i:], "+") {
		return "", false
	}
	return s[:i] + "-" + rest, true
}

// rangeAffects evaluates one range for ver (parsed as v for ECOSYSTEM
// ranges), returning whether it affects ver and the range's fixed
// versions.
func rangeAffects(eco string, r Range, ver string, v version.Version, verr error) (bool, []string) {
	if r.Type != "SEMVER" && r.Type != "ECOSYSTEM" {
		return false, nil
	}
	var fixes []string
	for _, e := range r.Events {
		if e.Fixed != "" {
			fixes = append(fixes, e.Fixed)
		}
	}
	parse := parser(eco, r.Type)
	if r.Type == "SEMVER" {
		v, verr = parseSemverLoose(ver)
	}
	if verr != nil {
		return false, fixes
	}
	return inRange(r.Events, v, parse), fixes
}

// event is a parsed range event.
type event struct {
	kind byte // 'i', 'f', 'l', 'L' (limit)
	v    version.Version
	zero bool // introduced "0"
}

// inRange applies the OSV algorithm: events in version order, introduced
// opens, fixed closes at the version, last_affected closes after it;
// limits bound the whole range from above.
func inRange(events []Event, v version.Version, parse func(string) (version.Version, error)) bool {
	evs := make([]event, 0, len(events))
	var limits []version.Version
	for _, e := range events {
		ev, ok := parseEvent(e, parse)
		switch {
		case !ok:
			return false // a range Ward cannot read is not guessed at
		case ev.kind == 0:
			continue // an empty event or "limit: *"
		case ev.kind == 'L':
			limits = append(limits, ev.v)
		default:
			evs = append(evs, ev)
		}
	}
	slices.SortStableFunc(evs, compareEvents)
	if len(evs) > 0 && evs[0].kind != 'i' {
		// A fix before anything was introduced: the source's data is
		// inverted (VICTIMS' "introduced 1.7, last_affected 1.7b1"), and
		// reading it literally would flag every later version.
		return false
	}
	affected := false
	for _, e := range evs {
		switch {
		case e.kind == 'i' && (e.zero || v.Compare(e.v) >= 0):
			affected = true
		case e.kind == 'f' && v.Compare(e.v) >= 0:
			affected = false
		case e.kind == 'l' && v.Compare(e.v) > 0:
			affected = false
		}
	}
	if !affected || len(limits) == 0 {
		return affected
	}
	for _, l := range limits {
		if v.Compare(l) < 0 {
			return true
		}
	}
	return false
}

func parseEvent(e Event, parse func(string) (version.Version, error)) (event, bool) {
	var ev event
	var s string
	switch {
	case e.Introduced != "":
		ev.kind, s = 'i', e.Introduced
		if s == "0" {
			ev.zero = true
			return ev, true
		}
	case e.Fixed != "":
		ev.kind, s = 'f', e.Fixed
	case e.LastAffected != "":
		ev.kind, s = 'l', e.LastAffected
	case e.Limit != "":
		ev.kind, s = 'L', e.Limit
		if s == "*" {
			ev.kind = 0 // no limit
			return ev, true
		}
	default:
		return ev, true // empty: nothing to apply
	}
	v, err := parse(s)
	if err != nil {
		return ev, false
	}
	ev.v = v
	return ev, true
}

// compareEvents orders events by version, "introduced: 0" first; at
// equal versions introduced comes before last_affected and fixed, so that
// "introduced X, fixed X" is empty and "introduced X, last_affected X"
// holds X, whatever order the record lists them in.
func compareEvents(a, b event) int {
	switch {
	case a.zero && b.zero:
		return 0
	case a.zero:
		return -1
	case b.zero:
		return 1
	}
	if c := a.v.Compare(b.v); c != 0 {
		return c
	}
	return eventRank[a.kind] - eventRank[b.kind]
}

var eventRank = map[byte]int{'i': 0, 'l': 1, 'f': 2}

// Newer reports whether version a is above b in eco's order.
func Newer(eco, a, b string) bool {
	c, ok := version.Compare(eco, a, b)
	return ok && c > 0
}

// SortVersions sorts and deduplicates version strings in eco's order.
func SortVersions(eco string, vs []string) []string {
	vs = slices.Compact(slices.Clone(vs))
	slices.SortStableFunc(vs, func(a, b string) int {
		c, ok := version.Compare(eco, a, b)
		if !ok {
			return 0
		}
		return c
	})
	return slices.Compact(vs)
}
