package cvss

import "math"

// Indexes into v2Metrics.
const (
	v2AV = iota
	v2AC
	v2Au
	v2C
	v2I
	v2A
	v2Count = 14
)

// v2Metrics lists the CVSS v2 metrics: the six base metrics (mandatory),
// then the temporal and environmental ones (optional, validated, ignored).
var v2Metrics = []metric{
	{name: "AV", values: []string{"L", "A", "N"}, mandatory: true},
	{name: "AC", values: []string{"H", "M", "L"}, mandatory: true},
	{name: "Au", values: []string{"M", "S", "N"}, mandatory: true},
	{name: "C", values: []string{"N", "P", "C"}, mandatory: true},
	{name: "I", values: []string{"N", "P", "C"}, mandatory: true},
	{name: "A", values: []string{"N", "P", "C"}, mandatory: true},
	{name: "E", values: []string{"U", "POC", "F", "H", "ND"}},
	{name: "RL", values: []string{"OF", "TF", "W", "U", "ND"}},
	{name: "RC", values: []string{"UC", "UR", "C", "ND"}},
	{name: "CDP", values: []string{"N", "L", "LM", "MH", "H", "ND"}},
	{name: "TD", values: []string{"N", "L", "M", "H", "ND"}},
	{name: "CR", values: []string{"L", "M", "H", "ND"}},
	{name: "IR", values: []string{"L", "M", "H", "ND"}},
	{name: "AR", values: []string{"L", "M", "H", "ND"}},
}

// CVSS v2 guide, section 3.2.1: metric weights, in the order of the values
// in v2Metrics.
var (
	v2AccessVector     = [...]float64{0.395, 0.646, 1.0}
	v2AccessComplexity = [...]float64{0.35, 0.61, 0.71}
	v2Authentication   = [...]float64{0.45, 0.56, 0.704}
	v2Impact           = [...]float64{0.0, 0.275, 0.660}
)

// scoreV2 computes the CVSS v2 base score of body (a vector without prefix).
func scoreV2(body string) (float64, error) {
	var m [v2Count]int8
	if err := parseMetrics(body, v2Metrics, m[:]); err != nil {
		return 0, err
	}
	return baseV2(m[:]), nil
}

// baseV2 is the base equation of the CVSS v2 guide:
//
//	Impact = 10.41 * (1 - (1-C)*(1-I)*(1-A))
//	Exploitability = 20 * AV * AC * Au
//	f = 0 if Impact == 0, 1.176 otherwise
//	Base = round1(((0.6*Impact) + (0.4*Exploitability) - 1.5) * f)
func baseV2(m []int8) float64 {
	c, i, a := v2Impact[m[v2C]], v2Impact[m[v2I]], v2Impact[m[v2A]]
	impact := 10.41 * (1 - (1-c)*(1-i)*(1-a))
	exploitability := 20 * v2AccessVector[m[v2AV]] * v2AccessComplexity[m[v2AC]] * v2Authentication[m[v2Au]]
	if impact == 0 {
		return 0
	}
	base := ((0.6 * impact) + (0.4 * exploitability) - 1.5) * 1.176
	return clamp(math.Round(base*10) / 10)
}

// clamp bounds a score to [0, 10].
func clamp(x float64) float64 {
	return math.Max(0, math.Min(10, x))
}
