package suppress

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// CheckTarget is a misconfiguration finding as inline suppressions see
// it: the ids it answers to (the check's own and its KICS, Checkov and
// Trivy equivalents), the line reported, and the span of the resource's
// block (1-based, inclusive).
type CheckTarget struct {
	IDs        []string
	Line       int
	Start, End int
}

var (
	checkovSkip = regexp.MustCompile(`checkov:skip=([A-Za-z0-9_]+)(?::(.*))?`)
	trivyIgnore = regexp.MustCompile(`trivy:ignore:([A-Za-z0-9_-]+)`)
	kicsDisable = regexp.MustCompile(`kics-scan\s+disable=([A-Za-z0-9,-]+)`)
)

// Check looks for an inline suppression of a misconfiguration finding in
// its file's lines, in the forms of Ward and of the tools users migrate
// from:
//
//	# ward:ignore ID[,ID] reason   on or above the line, or on or above the block
//	# kics-scan ignore-line        above the line
//	# kics-scan ignore-block       above the block
//	# kics-scan ignore             anywhere in the file's leading comments
//	# kics-scan disable=UUID,...   in the file's leading comments
//	#checkov:skip=CKV_ID:reason    anywhere in the block
//	#trivy:ignore:AVD-ID           above the line or the block
//
// It returns the reason given, or the form that matched.
func Check(lines []string, t CheckTarget) (string, bool) {
	at := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	for _, n := range []int{t.Line, t.Line - 1, t.Start, t.Start - 1} {
		for _, id := range t.IDs {
			if r, ok := wardIgnore(at(n), id); ok {
				return r, true
			}
		}
	}
	for _, n := range []int{t.Line - 1, t.Start - 1} {
		if m := trivyIgnore.FindStringSubmatch(at(n)); m != nil && hasID(t.IDs, m[1]) {
			return "trivy:ignore:" + m[1], true
		}
	}
	if strings.Contains(at(t.Line-1), "kics-scan ignore-line") {
		return "kics-scan ignore-line", true
	}
	if strings.Contains(at(t.Start-1), "kics-scan ignore-block") {
		return "kics-scan ignore-block", true
	}
	for n := t.Start; n <= t.End && n <= len(lines); n++ {
		if m := checkovSkip.FindStringSubmatch(at(n)); m != nil && hasID(t.IDs, m[1]) {
			return cmp.Or(strings.TrimSpace(m[2]), "checkov:skip="+m[1]), true
		}
	}
	return kicsFile(lines, t.IDs)
}

// kicsFile reads KICS's file-wide forms in the leading comment lines.
func kicsFile(lines []string, ids []string) (string, bool) {
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") {
			return "", false
		}
		if strings.HasSuffix(t, "kics-scan ignore") {
			return "kics-scan ignore", true
		}
		if m := kicsDisable.FindStringSubmatch(t); m != nil {
			for _, id := range strings.Split(m[1], ",") {
				if hasID(ids, id) {
					return "kics-scan disable=" + id, true
				}
			}
		}
	}
	return "", false
}

func hasID(ids []string, id string) bool {
	return slices.ContainsFunc(ids, func(s string) bool { return strings.EqualFold(s, id) })
}
