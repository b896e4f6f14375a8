package secrets

import (
	"bytes"
	"slices"
	"sync"
)

// Detector runs a compiled rule set over bytes. It is safe for concurrent
// use; build it once and share it.
type Detector struct {
	rules       []*Rule
	matcher     *matcher
	kwRules     [][]int32 // keyword index -> rule indexes
	anywhere    []int32   // rules without keywords: regex over the whole input
	pathRules   []int32   // rules with a path pattern and no regex
	pathLimited []int32   // rules with both: their keywords count only on matching paths
	global      []allowlist
	depth       int
	ids         map[string]bool // every rule id in the files, disabled ones too
	scratch     sync.Pool
}

// Target says what is being scanned, for path rules and allowlists.
type Target struct {
	Path   string // slash-separated, relative to the scan root
	Commit string // commit SHA when scanning history
	// Redacting keeps values whose built-in checksum fails (a GitHub or
	// npm token shape): a scan drops them as not real tokens, but text
	// being redacted masks anything shaped like a credential.
	Redacting bool
}

// Match is one secret found by one rule. Offsets are into the scanned
// bytes; lines and columns are 1-based, columns count bytes.
type Match struct {
	Rule      *Rule
	Start     int
	End       int
	Line      int
	Column    int
	EndLine   int
	EndColumn int
	Secret    string
	Text      string // the whole regex match
	TextStart int    // offsets of Text in the scanned bytes
	TextEnd   int
	Entropy   float64 // Shannon entropy of Secret, bits per byte
	Decoded   string  // the encodings peeled to find it, outermost first ("base64")
}

const (
	// lineReach bounds how far a default window extends from a keyword hit
	// on very long lines (minified files).
	lineReach = 1024
	// maxWindow bounds a rule's own cross-line window.
	maxWindow = 64 << 10
	// maxMerged bounds a window grown by merging the windows of nearby
	// keyword hits; past it windows overlap, so a keyword-dense line costs
	// its length, not its hits times a window.
	maxMerged = 64 << 10
)

// maxAnchoredFactor bounds, in passes over the data, the bytes a rule's
// anchored windows may span before they are merged and searched once
// unanchored: a flood of a generic rule's keyword ("password=" again and
// again) would otherwise run its regex over up to a line's reach from
// every hit.
const maxAnchoredFactor = 8

// anchoredBytes is the bytes the anchored windows of wins span.
func anchoredBytes(wins []window) int {
	n := 0
	for _, w := range wins {
		if w.anchored {
			n += w.end - w.start
		}
	}
	return n
}

// mergeWindows returns wins sorted, with overlapping windows merged (up
// to maxMerged bytes each, past which they overlap) and searched
// unanchored: every match an anchored window held lies in one of them.
func mergeWindows(wins []window) []window {
	wins = slices.Clone(wins)
	slices.SortFunc(wins, func(a, b window) int { return a.start - b.start })
	out := wins[:0]
	for _, w := range wins {
		w.anchored = false
		if n := len(out); n > 0 && w.start <= out[n-1].end && max(out[n-1].end, w.end)-out[n-1].start <= maxMerged {
			out[n-1].end = max(out[n-1].end, w.end)
			continue
		}
		out = append(out, w)
	}
	return out
}

// lineIndex answers where the line around an offset starts and ends,
// remembering the last answers: keyword hits come in increasing order, so
// a keyword flood on one long line costs one pass over it instead of a
// search of lineReach bytes per hit.
type lineIndex struct {
	// startAt, start: the line holding offset startAt-1 starts at start
	// (the byte after a newline, or 0).
	startAt, start int
	// endFrom, end: the first newline at or after endFrom is at end
	// (len(data) when there is none); valid when endSet.
	endFrom, end int
	endSet       bool
}

// lineStart returns the offset after the last newline before p, or 0.
func (l *lineIndex) lineStart(data []byte, p int) int {
	if p < l.startAt {
		if l.start <= p {
			return l.start // no newline in [l.start, l.startAt)
		}
		return bytes.LastIndexByte(data[:p], '\n') + 1 // a keyword holding a newline (user rules)
	}
	if i := bytes.LastIndexByte(data[l.startAt:p], '\n'); i >= 0 {
		l.start = l.startAt + i + 1
	}
	l.startAt = p
	return l.start
}

// lineEnd returns the offset of the first newline at or after p, or
// len(data).
func (l *lineIndex) lineEnd(data []byte, p int) int {
	if l.endSet && p >= l.endFrom && p <= l.end {
		return l.end
	}
	l.endFrom, l.end, l.endSet = p, len(data), true
	if i := bytes.IndexByte(data[p:], '\n'); i >= 0 {
		l.end = p + i
	}
	return l.end
}

// window is a region a rule's regex searches; an anchored window is
// matched only at its start.
type window struct {
	start, end int
	anchored   bool
}

type scratch struct {
	lines   lineIndex
	windows [][]window
	touched []int32
	later   []int
	path    []int8 // per rule: 0 not judged yet, 1 on the target's path, 2 off it
}

func (d *Detector) getScratch() *scratch {
	if s, ok := d.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{windows: make([][]window, len(d.rules)), path: make([]int8, len(d.rules))}
}

// onPath reports whether rule ri applies to path, judging a rule's path
// pattern only the first time one of its keywords is hit in a file.
func (d *Detector) onPath(sc *scratch, ri int32, path string) bool {
	r := d.rules[ri]
	if r.path == nil {
		return true
	}
	if sc.path[ri] == 0 {
		sc.path[ri] = 2
		if r.path.MatchString(path) {
			sc.path[ri] = 1
		}
	}
	return sc.path[ri] == 1
}

func (d *Detector) putScratch(s *scratch) {
	for _, ri := range d.pathLimited {
		s.path[ri] = 0
	}
	for _, r := range s.touched {
		s.windows[r] = s.windows[r][:0]
	}
	s.touched = s.touched[:0]
	d.scratch.Put(s)
}

// Known reports whether a rule id exists in the files the Detector was
// built from, enabled or not.
func (d *Detector) Known(id string) bool { return d.ids[id] }

// Rules returns the compiled rules in file order.
func (d *Detector) Rules() []*Rule { return d.rules }

// Scan finds secrets in data.
func (d *Detector) Scan(t Target, data []byte) []Match {
	if d.pathExcluded(t) {
		return nil
	}
	ms := d.scan(t, data, d.depth)
	locate(data, ms)
	for _, ri := range d.pathRules {
		r := d.rules[ri]
		if r.path.MatchString(t.Path) {
			ms = append(ms, Match{Rule: r, Line: 1, Column: 1, EndLine: 1, EndColumn: 1})
		}
	}
	return ms
}

func (d *Detector) pathExcluded(t Target) bool {
	for i := range d.global {
		a := &d.global[i]
		if len(a.paths) > 0 && len(a.regexes) == 0 && len(a.stopwords) == 0 && anyMatch(a.paths, t.Path) {
			return true
		}
		if len(a.commits) > 0 && t.Commit != "" && a.commits[t.Commit] && len(a.paths) == 0 && len(a.regexes) == 0 {
			return true
		}
	}
	return false
}

func (d *Detector) scan(t Target, data []byte, depth int) []Match {
	sc := d.getScratch()
	defer d.putScratch(sc)
	sc.lines = lineIndex{}
	d.matcher.scan(data, &sc.later, func(kw int32, end int) {
		start := end - len(d.matcher.keywords[kw])
		for _, ri := range d.kwRules[kw] {
			if d.onPath(sc, ri, t.Path) {
				d.addWindow(sc, ri, data, start, end)
			}
		}
	})
	var ms []Match
	for _, ri := range d.anywhere {
		ms = d.evalWindow(ms, t, d.rules[ri], data, window{start: 0, end: len(data)})
	}
	slices.Sort(sc.touched)
	for _, ri := range sc.touched {
		wins := sc.windows[ri]
		if anchoredBytes(wins) > maxAnchoredFactor*len(data)+maxMerged {
			wins = mergeWindows(wins)
		}
		for _, w := range wins {
			ms = d.evalWindow(ms, t, d.rules[ri], data, w)
		}
	}
	ms = dropShadowed(ms)
	if depth > 0 {
		ms = appendNew(ms, d.scanDecoded(t, data, depth))
	}
	return ms
}

// appendNew adds decoded matches that do not repeat a secret the same
// rule already found in the plain text.
func appendNew(ms, decoded []Match) []Match {
	if len(decoded) == 0 {
		return ms
	}
	seen := make(map[[2]string]bool, len(ms))
	for _, m := range ms {
		seen[[2]string{m.Rule.ID, m.Secret}] = true
	}
	for _, m := range decoded {
		if k := [2]string{m.Rule.ID, m.Secret}; !seen[k] {
			seen[k] = true
			ms = append(ms, m)
		}
	}
	return ms
}

// addWindow records the region around a keyword hit that rule ri must
// search, merging it with the rule's previous window when they touch.
func (d *Detector) addWindow(sc *scratch, ri int32, data []byte, start, end int) {
	r := d.rules[ri]
	floor := 0 // no match starts before this offset
	if r.pre != nil {
		anchors, n := r.pre(data, start, end)
		if n == 0 {
			return
		}
		if isGeneric(r) {
			d.addAnchored(sc, ri, data, end, anchors[:n])
			return
		}
		floor = max(0, slices.Min(anchors[:n])-1) // -1: context for \b and [^\w]
	}
	// How far a match can reach from the keyword: its regex's width when
	// bounded, else the rest of the line (within lineReach).
	back, ahead := lineReach, lineReach
	if r.width != unbounded && r.Window == 0 {
		// One byte more on each side lets \b see the real neighbour; no
		// match can use it, being wider than width then.
		back, ahead = end-start+r.width+1, r.width+1-(end-start)
	}
	lo := max(floor, start-back)
	ws := max(lo, sc.lines.lineStart(data, start))
	var we int
	if r.Window > 0 {
		we = min(len(data), end+min(r.Window, maxWindow))
	} else {
		we = min(len(data), end+max(ahead, 0), sc.lines.lineEnd(data, end))
	}
	ws = min(ws, start) // a keyword can itself hold a newline only in user rules
	win := sc.windows[ri]
	if n := len(win); n > 0 && ws <= win[n-1].end {
		if max(win[n-1].end, we)-win[n-1].start <= maxMerged {
			win[n-1].end = max(win[n-1].end, we)
			return
		}
		// Too long to merge: overlap instead. Each window still holds all
		// of its hit's possible matches; repeats are dropped later.
	}
	if len(win) == 0 {
		sc.touched = append(sc.touched, ri)
	}
	sc.windows[ri] = append(win, window{start: ws, end: we})
}

// addAnchored records windows for a generic rule, whose regex begins at the
// identifier: it is matched only at each anchor the prefilter gave, to the
// end of the line or the rule's reach.
func (d *Detector) addAnchored(sc *scratch, ri int32, data []byte, end int, anchors []int) {
	r := d.rules[ri]
	reach := lineReach
	if r.width != unbounded {
		reach = r.width
	}
	if r.Window > 0 {
		reach = min(r.Window, maxWindow)
	}
	for _, a := range anchors {
		we := min(len(data), max(a, end)+reach+1)
		if r.Window == 0 {
			we = min(we, sc.lines.lineEnd(data, a))
		}
		d.addRange(sc, ri, a, we, true)
	}
}

// addRange appends a window unless it repeats the previous one.
func (d *Detector) addRange(sc *scratch, ri int32, ws, we int, anchored bool) {
	win := sc.windows[ri]
	if k := len(win); k > 0 && win[k-1].start == ws && win[k-1].anchored == anchored {
		return
	}
	if len(win) == 0 {
		sc.touched = append(sc.touched, ri)
	}
	sc.windows[ri] = append(win, window{start: ws, end: we, anchored: anchored})
}

func (d *Detector) evalWindow(ms []Match, t Target, r *Rule, data []byte, w window) []Match {
	if r.re == nil {
		return ms
	}
	if r.path != nil && !r.path.MatchString(t.Path) {
		return ms
	}
	chunk := data[w.start:w.end]
	locs := [][]int(nil)
	if w.anchored {
		if loc := r.anchored.FindSubmatchIndex(chunk); loc != nil {
			locs = [][]int{loc}
		}
	} else {
		locs = r.re.FindAllSubmatchIndex(chunk, -1)
	}
	for _, loc := range locs {
		s, e := secretSpan(r, loc)
		if s < 0 {
			continue
		}
		m := Match{
			Rule:      r,
			Start:     w.start + s,
			End:       w.start + e,
			Secret:    string(chunk[s:e]),
			Text:      string(chunk[loc[0]:loc[1]]),
			TextStart: w.start + loc[0],
			TextEnd:   w.start + loc[1],
		}
		if d.keep(t, r, data, w.start, chunk, loc, &m) {
			ms = append(ms, m)
		}
	}
	return ms
}

// secretSpan picks the secret out of a match: the rule's secretGroup, or
// else the first non-empty unnamed group, or else the whole match.
func secretSpan(r *Rule, loc []int) (int, int) {
	for _, g := range r.groups {
		if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
			return loc[2*g], loc[2*g+1]
		}
	}
	if len(r.groups) == 0 && loc[1] > loc[0] {
		return loc[0], loc[1]
	}
	return -1, -1
}

// keep applies entropy, checksum, filter and allowlists.
func (d *Detector) keep(t Target, r *Rule, data []byte, base int, chunk []byte, loc []int, m *Match) bool {
	m.Entropy = entropy(m.Secret)
	if r.Entropy > 0 && m.Entropy < r.Entropy {
		return false
	}
	if r.checksum != nil && !t.Redacting && !r.checksum(m.Secret) {
		return false
	}
	if r.filter != nil && !r.filter(&filterInput{rule: r, data: data, base: base, chunk: chunk, loc: loc, secret: m.Secret, path: t.Path}) {
		return false
	}
	if len(r.allow) == 0 && len(d.global) == 0 {
		return true
	}
	c := &candidate{path: t.Path, commit: t.Commit, secret: m.Secret, match: m.Text, data: data, start: m.Start, end: m.End}
	for i := range r.allow {
		if r.allow[i].allows(c) {
			return false
		}
	}
	for i := range d.global {
		if d.global[i].allows(c) {
			return false
		}
	}
	return true
}

// maxLineTarget bounds the text an allowlist with regexTarget = "line"
// sees on each side of a match, so minified files stay linear.
const maxLineTarget = 4 << 10

// lineAround returns the line holding data[start:end], cut to
// maxLineTarget bytes on each side.
func lineAround(data []byte, start, end int) string {
	lo := max(0, start-maxLineTarget)
	ls := lo
	if i := bytes.LastIndexByte(data[lo:start], '\n'); i >= 0 {
		ls = lo + i + 1
	}
	hi := min(len(data), end+maxLineTarget)
	le := hi
	if i := bytes.IndexByte(data[end:hi], '\n'); i >= 0 {
		le = end + i
	}
	return string(data[ls:le])
}

// dropShadowed removes generic matches that overlap a specific rule's
// match, and exact duplicates. It sorts ms by start.
func dropShadowed(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	slices.SortStableFunc(ms, func(a, b Match) int { return a.Start - b.Start })
	// reach[i] is the furthest end among specific matches in ms[:i+1].
	reach := make([]int, len(ms))
	far := -1
	for i, m := range ms {
		if !isGeneric(m.Rule) {
			far = max(far, m.End)
		}
		reach[i] = far
	}
	out := ms[:0]
	for i, m := range ms {
		if isGeneric(m.Rule) && shadowed(ms, reach, i) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Rule == m.Rule && out[n-1].Start == m.Start && out[n-1].End == m.End {
			continue
		}
		out = append(out, m)
	}
	return out
}

func isGeneric(r *Rule) bool { return r.spec.Filter == "generic" }

// shadowed reports whether a specific match overlaps generic match ms[i]:
// one that starts before ms[i] ends and ends after it starts.
func shadowed(ms []Match, reach []int, i int) bool {
	m := ms[i]
	// The last match starting before m.End.
	j, _ := slices.BinarySearchFunc(ms, m.End, func(a Match, end int) int { return a.Start - end })
	return j > 0 && reach[j-1] > m.Start
}

// locate fills Line, Column, EndLine and EndColumn from byte offsets.
func locate(data []byte, ms []Match) {
	if len(ms) == 0 {
		return
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return ms[a].Start - ms[b].Start })
	line, pos, lineStart := 1, 0, 0
	advance := func(to int) (int, int) {
		for pos < to {
			i := bytes.IndexByte(data[pos:to], '\n')
			if i < 0 {
				pos = to
				break
			}
			line++
			pos += i + 1
			lineStart = pos
		}
		return line, to - lineStart + 1
	}
	for _, i := range order {
		m := &ms[i]
		m.Line, m.Column = advance(m.Start)
		// The end may lie on a later line (private keys); count on a copy.
		l, p, s := line, pos, lineStart
		m.EndLine, m.EndColumn = advance(m.End)
		line, pos, lineStart = l, p, s
	}
}
