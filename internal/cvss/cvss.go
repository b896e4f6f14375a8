package cvss

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxVectorLen is the longest vector string, in bytes, that Score accepts.
// The longest valid vector (v4.0 with every metric spelled out) is under 200
// bytes; anything longer is refused before it is parsed.
const MaxVectorLen = 512

// ErrInvalid is matched, with errors.Is, by every error Score returns. The
// error text says what is wrong, for example "cvss: metric AV missing" or
// "cvss: unknown value X for AC".
var ErrInvalid = errors.New("cvss: invalid vector")

// vectorError is the concrete error type behind ErrInvalid.
type vectorError struct{ msg string }

func (e *vectorError) Error() string { return "cvss: " + e.msg }

// Is reports whether target is ErrInvalid.
func (e *vectorError) Is(target error) bool { return target == ErrInvalid }

func invalid(format string, args ...any) error {
	return &vectorError{msg: fmt.Sprintf(format, args...)}
}

// Version prefixes of the vector strings Score understands.
const (
	prefix30 = "CVSS:3.0/"
	prefix31 = "CVSS:3.1/"
	prefix40 = "CVSS:4.0/"
)

// Score parses a CVSS v2, v3.0, v3.1 or v4.0 vector and returns its base
// score, rounded to one decimal as the specification of that version rounds.
//
// The version is read from the prefix: "CVSS:3.0/", "CVSS:3.1/" or
// "CVSS:4.0/"; a vector without a "CVSS:" prefix is read as v2, optionally
// wrapped in parentheses as NVD used to print it ("(AV:N/AC:L/Au:N/C:P/I:P/A:P)").
// Surrounding white space is ignored; metric names and values are
// case-sensitive, as in the specifications. Metrics may come in any order,
// but each may appear only once and every base metric must be present.
//
// Non-base metrics (v2 temporal and environmental, v3 temporal and
// environmental, v4 threat, environmental and supplemental) are validated
// and otherwise ignored; see the package documentation. The result is
// always within [0, 10]. Errors match ErrInvalid.
func Score(vector string) (float64, error) {
	if len(vector) > MaxVectorLen {
		return 0, invalid("vector too long (%d bytes, limit %d)", len(vector), MaxVectorLen)
	}
	s := strings.TrimSpace(vector)
	if s == "" {
		return 0, invalid("empty vector")
	}
	switch {
	case strings.HasPrefix(s, prefix31):
		return scoreV3(s[len(prefix31):], roundup31)
	case strings.HasPrefix(s, prefix30):
		return scoreV3(s[len(prefix30):], roundup30)
	case strings.HasPrefix(s, prefix40):
		return scoreV4(s[len(prefix40):])
	case strings.HasPrefix(s, "CVSS:"):
		p := versionPrefix(s)
		if p+"/" == prefix30 || p+"/" == prefix31 || p+"/" == prefix40 {
			return 0, invalid("no metrics")
		}
		return 0, invalid("unsupported version prefix %s", show(p))
	default:
		return scoreV2(unwrapParens(s))
	}
}

// versionPrefix returns the "CVSS:x.y" part of s, for error messages.
func versionPrefix(s string) string {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}

// unwrapParens removes one pair of parentheses around a v2 vector.
func unwrapParens(s string) string {
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// Level maps a score to its qualitative severity rating, as defined by the
// CVSS v3.x and v4.0 specifications: "none" (0.0), "low" (0.1-3.9),
// "medium" (4.0-6.9), "high" (7.0-8.9) or "critical" (9.0-10.0).
//
// CVSS v2 defines no "critical" rating (NVD rated v2 scores 7.0-10.0
// "high"); Level applies the v3/v4 scale to every score anyway, so a v2 score
// of 9.3 is reported as "critical". Scores between the one-decimal steps fall
// in the band below the next boundary (3.95 is "low"), scores at or below 0
// and NaN are "none", and scores above 10 are "critical".
func Level(score float64) string {
	switch {
	case math.IsNaN(score) || score <= 0:
		return "none"
	case score < 4.0:
		return "low"
	case score < 7.0:
		return "medium"
	case score < 9.0:
		return "high"
	default:
		return "critical"
	}
}

// metric describes one metric of a vector string: its abbreviation, the
// values the specification allows for it and whether it is mandatory.
type metric struct {
	name      string
	values    []string
	mandatory bool
}

// parseMetrics splits body ("AV:N/AC:L/...") into its components and stores,
// for each metric of defs, the index of its value in out (-1 when absent).
// It rejects empty or malformed components, unknown metrics and values,
// repeated metrics and missing mandatory metrics. It does not allocate unless
// it returns an error.
func parseMetrics(body string, defs []metric, out []int8) error {
	for i := range out {
		out[i] = -1
	}
	if body == "" {
		return invalid("no metrics")
	}
	for rest := body; ; {
		comp, tail, more := strings.Cut(rest, "/")
		if err := parseComponent(comp, defs, out); err != nil {
			return err
		}
		if !more {
			break
		}
		rest = tail
	}
	for i, d := range defs {
		if d.mandatory && out[i] < 0 {
			return invalid("metric %s missing", d.name)
		}
	}
	return nil
}

// parseComponent records one "NAME:VALUE" component in out.
func parseComponent(comp string, defs []metric, out []int8) error {
	if comp == "" {
		return invalid("empty component (doubled or trailing '/')")
	}
	name, value, ok := strings.Cut(comp, ":")
	if !ok {
		return invalid("malformed component %s (want NAME:VALUE)", show(comp))
	}
	i := metricIndex(defs, name)
	if i < 0 {
		return invalid("unknown metric %s", show(name))
	}
	if out[i] >= 0 {
		return invalid("metric %s repeated", name)
	}
	v := valueIndex(defs[i].values, value)
	if v < 0 {
		return invalid("unknown value %s for %s", show(value), name)
	}
	out[i] = int8(v)
	return nil
}

// show returns s as is when it is plain printable ASCII without spaces, and
// quoted otherwise, so that error messages stay readable and safe to print.
func show(s string) string {
	if s == "" {
		return `""`
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' || s[i] == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}

func metricIndex(defs []metric, name string) int {
	for i := range defs {
		if defs[i].name == name {
			return i
		}
	}
	return -1
}

func valueIndex(values []string, value string) int {
	for i, v := range values {
		if v == value {
			return i
		}
	}
	return -1
}
