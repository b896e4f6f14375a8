package cvss

// Indexes into v4Metrics. The base metrics come first, in the order of the
// specification; the values of each base metric are listed from the most to
// the least severe, so that a value's index is also its severity level.
const (
	v4AV = iota
	v4AC
	v4AT
	v4PR
	v4UI
	v4VC
	v4VI
	v4VA
	v4SC
	v4SI
	v4SA
	v4Count = 32
)

// v4Metrics lists the CVSS v4.0 metrics: the eleven base metrics
// (mandatory), then the threat, environmental and supplemental ones
// (optional, validated, ignored: Score returns the CVSS-B score).
var v4Metrics = []metric{
	{name: "AV", values: []string{"N", "A", "L", "P"}, mandatory: true},
	{name: "AC", values: []string{"L", "H"}, mandatory: true},
	{name: "AT", values: []string{"N", "P"}, mandatory: true},
	{name: "PR", values: []string{"N", "L", "H"}, mandatory: true},
	{name: "UI", values: []string{"N", "P", "A"}, mandatory: true},
	{name: "VC", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "VI", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "VA", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "SC", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "SI", values: []string{"H", "L", "N"}, mandatory: true},
	{name: "SA", values: []string{"H", "L", "N"}, mandatory: true},
	// Threat.
	{name: "E", values: []string{"X", "A", "P", "U"}},
	// Environmental.
	{name: "CR", values: []string{"X", "H", "M", "L"}},
	{name: "IR", values: []string{"X", "H", "M", "L"}},
	{name: "AR", values: []string{"X", "H", "M", "L"}},
	{name: "MAV", values: []string{"X", "N", "A", "L", "P"}},
	{name: "MAC", values: []string{"X", "L", "H"}},
	{name: "MAT", values: []string{"X", "N", "P"}},
	{name: "MPR", values: []string{"X", "N", "L", "H"}},
	{name: "MUI", values: []string{"X", "N", "P", "A"}},
	{name: "MVC", values: []string{"X", "H", "L", "N"}},
	{name: "MVI", values: []string{"X", "H", "L", "N"}},
	{name: "MVA", values: []string{"X", "H", "L", "N"}},
	{name: "MSC", values: []string{"X", "H", "L", "N"}},
	{name: "MSI", values: []string{"X", "S", "H", "L", "N"}},
	{name: "MSA", values: []string{"X", "S", "H", "L", "N"}},
	// Supplemental.
	{name: "S", values: []string{"X", "N", "P"}},
	{name: "AU", values: []string{"X", "N", "Y"}},
	{name: "R", values: []string{"X", "A", "U", "I"}},
	{name: "V", values: []string{"X", "D", "C"}},
	{name: "RE", values: []string{"X", "L", "M", "H"}},
	{name: "U", values: []string{"X", "Clear", "Green", "Amber", "Red"}},
}

// scoreV4 computes the CVSS v4.0 base (CVSS-B) score of body (a vector
// without its "CVSS:4.0/" prefix).
func scoreV4(body string) (float64, error) {
	var m [v4Count]int8
	if err := parseMetrics(body, v4Metrics, m[:]); err != nil {
		return 0, err
	}
	return float64(scoreV4Tenths(baseLevels(m[:]))) / 10, nil
}

// levels holds the effective value of each metric that takes part in CVSS
// v4.0 scoring, as its severity level in tenths: the reference calculator's
// "severity distance" unit (AV: N=0 A=1 L=2 P=3; PR: N=0 L=1 H=2; UI: N=0
// P=1 A=2; AC: L=0 H=1; AT: N=0 P=1; VC, VI, VA: H=0 L=1 N=2; SC: H=1 L=2
// N=3; SI, SA: S=0 H=1 L=2 N=3; CR, IR, AR: H=0 M=1 L=2). Exploit Maturity
// is not stored: it only selects EQ5 and never adds to a distance.
type levels struct {
	av, pr, ui, ac, at int
	vc, vi, va         int
	sc, si, sa         int
	cr, ir, ar         int
	eq5                int // 0 for E:A (the CVSS-B default), 1 for P, 2 for U
}

// baseLevels returns the levels of a parsed vector for its CVSS-B score:
// base metrics as given, Exploit Maturity Attacked and every security
// requirement High (their "not defined" defaults), no modified metrics.
func baseLevels(m []int8) levels {
	return levels{
		av: int(m[v4AV]), pr: int(m[v4PR]), ui: int(m[v4UI]),
		ac: int(m[v4AC]), at: int(m[v4AT]),
		vc: int(m[v4VC]), vi: int(m[v4VI]), va: int(m[v4VA]),
		// Subsequent-system levels start at 1: 0 is Safety, which only the
		// modified metrics MSI and MSA can express.
		sc: int(m[v4SC]) + 1, si: int(m[v4SI]) + 1, sa: int(m[v4SA]) + 1,
	}
}

// macroVector holds the six equivalence classes EQ1..EQ6 of a vector.
type macroVector [6]int

// classify computes the MacroVector of l: the equivalence classes EQ1..EQ6
// as the v4.0 specification defines them.
func classify(l levels) macroVector {
	var eq macroVector
	switch {
	case l.av == 0 && l.pr == 0 && l.ui == 0:
		eq[0] = 0
	case (l.av == 0 || l.pr == 0 || l.ui == 0) && l.av != 3:
		eq[0] = 1
	default:
		eq[0] = 2
	}
	if l.ac != 0 || l.at != 0 {
		eq[1] = 1
	}
	switch {
	case l.vc == 0 && l.vi == 0:
		eq[2] = 0
	case l.vc == 0 || l.vi == 0 || l.va == 0:
		eq[2] = 1
	default:
		eq[2] = 2
	}
	switch {
	case l.si == 0 || l.sa == 0:
		eq[3] = 0
	case l.sc == 1 || l.si == 1 || l.sa == 1:
		eq[3] = 1
	default:
		eq[3] = 2
	}
	eq[4] = l.eq5
	if !((l.cr == 0 && l.vc == 0) || (l.ir == 0 && l.vi == 0) || (l.ar == 0 && l.va == 0)) {
		eq[5] = 1
	}
	return eq
}

// noImpact reports whether every vulnerable- and subsequent-system impact
// is None, in which case the score is 0 whatever the MacroVector.
func noImpact(l levels) bool {
	return l.vc == 2 && l.vi == 2 && l.va == 2 && l.sc == 3 && l.si == 3 && l.sa == 3
}

// scoreV4Tenths scores l and returns the result in tenths (0..100).
//
// It follows the specification's interpolation: for each EQ
// with a lower MacroVector, the available score difference to that lower
// MacroVector is scaled by the vector's severity distance from the
// highest-severity vector of its MacroVector over the MacroVector's depth;
// the mean of these proportional distances is subtracted from the
// MacroVector score. Every quantity is a whole number of tenths, so the mean
// is computed as an exact fraction and rounded half up once, at the end.
func scoreV4Tenths(l levels) int64 {
	if noImpact(l) {
		return 0
	}
	eq := classify(l)
	value, ok := macroScore(eq)
	if !ok {
		return 0 // unreachable: every MacroVector of a valid vector is in the table
	}
	d := severityDistances(l, eq)
	low1, ok1 := lowerScore(eq, 0)
	low2, ok2 := lowerScore(eq, 1)
	low36, ok36 := lowerEQ3EQ6(eq)
	low4, ok4 := lowerScore(eq, 3)
	_, ok5 := lowerScore(eq, 4)
	steps := [...]struct {
		lower       int64
		ok          bool
		dist, depth int
	}{
		{low1, ok1, d.eq1, maxDepth.eq1[eq[0]]},
		{low2, ok2, d.eq2, maxDepth.eq2[eq[1]]},
		{low36, ok36, d.eq3eq6, maxDepth.eq3eq6[eq[2]][eq[5]]},
		{low4, ok4, d.eq4, maxDepth.eq4[eq[3]]},
		{0, ok5, 0, 1}, // EQ5 counts in the mean with a distance of 0
	}
	var num, n int64
	for _, s := range steps {
		if !s.ok || s.depth <= 0 {
			continue
		}
		n++
		num += (value - s.lower) * int64(s.dist) * (depthLCM / int64(s.depth))
	}
	if n == 0 {
		return clampTenths(value, 1)
	}
	den := depthLCM * n
	return clampTenths(value*den-num, den)
}

// clampTenths rounds num/den half up to a whole number of tenths and bounds
// it to 0..100.
func clampTenths(num, den int64) int64 {
	if num <= 0 {
		return 0
	}
	if num >= 100*den {
		return 100
	}
	return (2*num + den) / (2 * den)
}

// lowerScore returns the score, in tenths, of the MacroVector one step less
// severe than eq in class i, and whether it exists.
func lowerScore(eq macroVector, i int) (int64, bool) {
	eq[i]++
	return macroScore(eq)
}

// lowerEQ3EQ6 returns the score of the next lower MacroVector along the
// joint EQ3/EQ6 dimension: 00 has two lower neighbours (01 and 10), of which
// the higher score is taken; 01 and 11 step EQ3, 10 steps EQ6, and 21 is the
// lowest.
func lowerEQ3EQ6(eq macroVector) (int64, bool) {
	switch {
	case eq[2] == 0 && eq[5] == 0:
		left, okLeft := lowerScore(eq, 5)
		right, okRight := lowerScore(eq, 2)
		if okLeft && (!okRight || left > right) {
			return left, true
		}
		return right, okRight
	case eq[2] == 1 && eq[5] == 0:
		return lowerScore(eq, 5)
	case eq[2] <= 1:
		return lowerScore(eq, 2)
	default:
		return 0, false
	}
}

// distances holds the severity distance, in tenths, of a vector from the
// highest-severity vector of its MacroVector, summed per EQ.
type distances struct {
	eq1, eq2, eq3eq6, eq4 int
}

// severityDistances finds the first highest-severity vector of eq's
// MacroVector (in the reference calculator's order) from which l is reached
// by lowering severities only, and returns l's distances from it. Should no
// candidate qualify, the distances from the last one are used, as the
// reference calculator does.
func severityDistances(l levels, eq macroVector) distances {
	var d distances
	for _, m1 := range maxEQ1[eq[0]] {
		for _, m2 := range maxEQ2[eq[1]] {
			for _, m3 := range maxEQ3EQ6[eq[2]][eq[5]] {
				for _, m4 := range maxEQ4[eq[3]] {
					var ok bool
					d, ok = distancesFrom(l, m1, m2, m3, m4)
					if ok {
						return d
					}
				}
			}
		}
	}
	return d
}

// distancesFrom returns l's distances from the candidate maximal vector made
// of the parts m1..m4, and whether every individual metric distance is
// non-negative.
func distancesFrom(l levels, m1 [3]int, m2 [2]int, m3 [6]int, m4 [3]int) (distances, bool) {
	parts := [...]int{
		l.av - m1[0], l.pr - m1[1], l.ui - m1[2],
		l.ac - m2[0], l.at - m2[1],
		l.vc - m3[0], l.vi - m3[1], l.va - m3[2], l.cr - m3[3], l.ir - m3[4], l.ar - m3[5],
		l.sc - m4[0], l.si - m4[1], l.sa - m4[2],
	}
	ok := true
	for _, p := range parts {
		if p < 0 {
			ok = false
		}
	}
	return distances{
		eq1:    parts[0] + parts[1] + parts[2],
		eq2:    parts[3] + parts[4],
		eq3eq6: parts[5] + parts[6] + parts[7] + parts[8] + parts[9] + parts[10],
		eq4:    parts[11] + parts[12] + parts[13],
	}, ok
}
