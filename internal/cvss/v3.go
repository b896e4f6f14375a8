package cvss

import "math"

// Indexes into v3Metrics.
const (
	v3AV = iota
	v3AC
	v3PR
	v3UI
	v3S
	v3C
	v3I
	v3A
	v3Count = 22
)

// Values of the Scope metric, as indexes into its values.
const (
	scopeUnchanged = 0
	scopeChanged   = 1
)

// v3Metrics lists the CVSS v3.0/v3.1 metrics (both versions share them): the
// eight base metrics (mandatory), then the temporal and environmental ones
// (optional, validated, ignored).
var v3Metrics = []metric{
	{name: "AV", values: []string{"N", "A", "L", "P"}, mandatory: true},
	{name: "AC", values: []string{"L", "H"}, mandatory: true},
	{name: "PR", values: []string{"N", "L", "H"}, mandatory: true},
	{name: "UI", values: []string{"N", "R"}, mandatory: true},
	{name: "S", values: []string{"U", "C"}, mandatory: true},
	{name: "C", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "I", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "A", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "E", values: []string{"X", "H", "F", "P", "U"}},
	{name: "RL", values: []string{"X", "U", "W", "T", "O"}},
	{name: "RC", values: []string{"X", "C", "R", "U"}},
	{name: "CR", values: []string{"X", "H", "M", "L"}},
	{name: "IR", values: []string{"X", "H", "M", "L"}},
	{name: "AR", values: []string{"X", "H", "M", "L"}},
	{name: "MAV", values: []string{"X", "N", "A", "L", "P"}},
	{name: "MAC", values: []string{"X", "L", "H"}},
	{name: "MPR", values: []string{"X", "N", "L", "H"}},
	{name: "MUI", values: []string{"X", "N", "R"}},
	{name: "MS", values: []string{"X", "U", "C"}},
	{name: "MC", values: []string{"X", "H", "L", "N"}},
	{name: "MI", values: []string{"X", "H", "L", "N"}},
	{name: "MA", values: []string{"X", "H", "L", "N"}},
}

// CVSS v3.0/v3.1 specification, section 7.4: metric weights, in the order of
// the values in v3Metrics.
var (
	v3AttackVector     = [...]float64{0.85, 0.62, 0.55, 0.2}
	v3AttackComplexity = [...]float64{0.77, 0.44}
	v3PrivUnchanged    = [...]float64{0.85, 0.62, 0.27}
	v3PrivChanged      = [...]float64{0.85, 0.68, 0.5}
	v3UserInteraction  = [...]float64{0.85, 0.62}
	v3Impact           = [...]float64{0.56, 0.22, 0}
)

// scoreV3 computes the CVSS v3 base score of body (a vector without its
// "CVSS:3.x/" prefix), rounding up with the given version's Roundup.
func scoreV3(body string, roundup func(float64) float64) (float64, error) {
	var m [v3Count]int8
	if err := parseMetrics(body, v3Metrics, m[:]); err != nil {
		return 0, err
	}
	return baseV3(m[:], roundup), nil
}

// baseV3 is the base equation of the CVSS v3.0 and v3.1 specifications
// (section 7.1), with the operations in the order of FIRST's reference
// calculators so that the floating-point results match theirs.
func baseV3(m []int8, roundup func(float64) float64) float64 {
	changed := m[v3S] == scopeChanged
	c, i, a := v3Impact[m[v3C]], v3Impact[m[v3I]], v3Impact[m[v3A]]
	iss := 1 - ((1 - c) * (1 - i) * (1 - a))
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	if impact <= 0 {
		return 0
	}
	pr := v3PrivUnchanged[m[v3PR]]
	if changed {
		pr = v3PrivChanged[m[v3PR]]
	}
	exploitability := 8.22 * v3AttackVector[m[v3AV]] * v3AttackComplexity[m[v3AC]] * pr * v3UserInteraction[m[v3UI]]
	if changed {
		return clamp(roundup(math.Min((exploitability+impact)*1.08, 10)))
	}
	return clamp(roundup(math.Min(exploitability+impact, 10)))
}

// roundup30 is the Roundup function of CVSS v3.0: the smallest number, to one
// decimal place, that is equal to or higher than its input.
func roundup30(x float64) float64 {
	return math.Ceil(x*10) / 10
}

// roundup31 is the Roundup function of CVSS v3.1 (specification, Appendix A),
// which works on an integer to avoid floating-point artefacts such as
// Roundup(4.000000000000001) = 4.1.
func roundup31(x float64) float64 {
	n := int64(math.Round(x * 100000))
	if n%10000 == 0 {
		return float64(n) / 100000
	}
	return float64(n/10000+1) / 10
}
