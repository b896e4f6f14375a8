package guard

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Category names a family of injection or jailbreak technique.
type Category string

// Signature categories.
const (
	InstructionOverride    Category = "instruction_override"
	RoleSwitch             Category = "role_switch"
	SystemPromptExtraction Category = "system_prompt_extraction"
	RefusalSuppression     Category = "refusal_suppression"
	DeveloperMode          Category = "developer_mode"
	PayloadSplitting       Category = "payload_splitting"
	Exfiltration           Category = "exfiltration"
	DelimiterInjection     Category = "delimiter_injection"
)

// Span is a half-open byte range [Start, End) in a view's text.
type Span struct{ Start, End int }

// Hit is one signature match.
type Hit struct {
	Category Category
	Rule     string // identifier of the pattern that matched
	Span     Span   // byte range in the view's text
	View     int    // index into Views.Views
	Kind     ViewKind
	Weight   float64 // in (0,1]: how strongly the match alone suggests an attack
}

// Limits on signature matching.
const (
	// defaultAfter bounds how far past its key a match may end, for rules
	// that set no bound of their own.
	defaultAfter = 160
	// maxHitsPerRule bounds the matches of one rule in one view.
	maxHitsPerRule = 4
)

// Signatures runs the keyword prefilter and, near each key it found, the
// patterns that need that key, over every view. Hits are ordered by view,
// then start.
func Signatures(v Views) []Hit {
	compileRules()
	var hits []Hit
	sc := scanners.Get().(*scanner)
	for i, view := range v.Views {
		hits = sc.scanView(hits, i, view)
	}
	scanners.Put(sc)
	return dedupe(hits)
}

// scanners pools scanners, whose position slices are worth reusing.
var scanners = sync.Pool{New: func() any {
	return &scanner{pos: make([][]int, len(rules)), need: make([][]int, len(rules))}
}}

// scanner holds per-rule key and needed-word positions, reused across
// views.
type scanner struct {
	pos  [][]int
	need [][]int
}

// scanView appends the hits in one view.
func (sc *scanner) scanView(hits []Hit, idx int, view View) []Hit {
	text := lowerASCII(view.Text)
	for r := range sc.pos {
		sc.pos[r] = sc.pos[r][:0]
		sc.need[r] = sc.need[r][:0]
	}
	prefilter(text, sc.add)
	for r, positions := range sc.pos {
		if positions = sc.withNeed(r, positions); len(positions) == 0 {
			continue
		}
		if rules[r].before == 0 {
			hits = matchAnchored(hits, &rules[r], text, positions, idx, view.Kind)
		} else {
			hits = matchWindows(hits, &rules[r], text, positions, idx, view.Kind)
		}
	}
	return hits
}

// add records key position p for every rule that has key as a key or as
// a needed word.
func (sc *scanner) add(key string, p int) {
	if !maybeWord(key) {
		return
	}
	w, ok := wordIndex[key]
	if !ok {
		return
	}
	for _, r := range w.keys {
		sc.pos[r] = appendOnce(sc.pos[r], p)
	}
	for _, r := range w.needs {
		sc.need[r] = appendOnce(sc.need[r], p)
	}
}

// maybeWord is a quick test, by first two bytes and length, that rejects
// most words that are neither keys nor needed words without a map lookup.
func maybeWord(w string) bool {
	return len(w) < 32 && wordShapes[shapeIndex(w)]&(1<<len(w)) != 0
}

// shapeIndex folds the first two bytes of a word into a table index.
func shapeIndex(w string) int {
	i := int(w[0]) << 8
	if len(w) > 1 {
		i |= int(w[1])
	}
	return i
}

// appendOnce appends p unless it is already last.
func appendOnce(ps []int, p int) []int {
	if n := len(ps); n > 0 && ps[n-1] == p {
		return ps
	}
	return append(ps, p)
}

// withNeed keeps the key positions of rule r that have one of its needed
// words within the rule's reach, filtering in place.
func (sc *scanner) withNeed(r int, positions []int) []int {
	if !rules[r].needs {
		return positions
	}
	need := sc.need[r]
	out := positions[:0]
	j := 0
	for _, p := range positions {
		lo, hi := p-rules[r].before, p+rules[r].after
		for j < len(need) && need[j] < lo {
			j++
		}
		if j < len(need) && need[j] <= hi {
			out = append(out, p)
		}
	}
	return out
}

// lowerASCII returns text with ASCII letters lower-cased, keeping byte
// offsets, and text itself when it has no upper-case ASCII letter.
func lowerASCII(text string) string {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 'A' && c <= 'Z' {
			b := []byte(text)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return text
}

// matchAnchored tries a rule whose matches start at its key at each key
// position. Each try reads up to the rule's after bytes, so a text dense
// with one rule's key ("![x](http://" over and over) would cost keys ×
// after; past maxAnchoredTries tries, the remaining positions are matched
// in one pass over their merged windows instead (matchMerged).
func matchAnchored(hits []Hit, r *rule, text string, positions []int, idx int, kind ViewKind) []Hit {
	n, last, tries := 0, -1, 0
	for i, p := range positions {
		if p < last || !r.keyFits(text, p) || (r.pre != nil && !r.pre(text, p)) {
			continue
		}
		if tries++; tries > maxAnchoredTries {
			return matchMerged(hits, r, text, positions[i:], idx, kind, n)
		}
		end := snapEnd(text, min(len(text), p+r.after))
		loc := r.anchored.FindStringIndex(text[p:end])
		if loc == nil {
			continue
		}
		hits = append(hits, r.hit(p+loc[0], p+loc[1], idx, kind))
		last = p + loc[1]
		if n++; n == maxHitsPerRule {
			break
		}
	}
	return hits
}

// maxAnchoredTries is how many key positions of one rule matchAnchored
// tries one by one in a view. Ordinary text stays far below it.
const maxAnchoredTries = 64

// matchMerged finds an anchored rule's matches that start at the key
// positions that pass its tests, n of them already found, by running the
// unanchored pattern over runs of nearby positions, each run's windows
// read at once: time linear in the text's length. Runs span at most
// mergedSpan bytes of positions, so that regexp picks its backtracker,
// several times faster than its NFA on long inputs. Since the rule's
// matches start at a key, a match counts only if it starts at one of the
// run's positions.
func matchMerged(hits []Hit, r *rule, text string, positions []int, idx int, kind ViewKind, n int) []Hit {
	ok := positions[:0:0]
	for _, p := range positions {
		if r.keyFits(text, p) {
			ok = append(ok, p)
		}
	}
	for i := 0; i < len(ok); {
		j := i + 1
		for j < len(ok) && ok[j]-ok[i] < mergedSpan {
			j++
		}
		run := ok[i:j]
		start, end := run[0], snapEnd(text, min(len(text), run[len(run)-1]+r.after))
		for _, m := range r.re.FindAllStringIndex(text[start:end], -1) {
			if _, found := slices.BinarySearch(run, start+m[0]); !found {
				continue
			}
			hits = append(hits, r.hit(start+m[0], start+m[1], idx, kind))
			if n++; n == maxHitsPerRule {
				return hits
			}
		}
		i = j
	}
	return hits
}

// mergedSpan bounds the key positions matchMerged reads in one run.
const mergedSpan = 2048

// keyFits reports whether the key at p can start a match: at the start of
// its line if the rule asks, and passing its keyTest.
func (r *rule) keyFits(text string, p int) bool {
	return (!r.lineStart || atLineStart(text, p)) && (r.keyTest == nil || r.keyTest(text, p))
}

// matchWindows runs a rule over merged windows around its key positions.
func matchWindows(hits []Hit, r *rule, text string, positions []int, idx int, kind ViewKind) []Hit {
	n := 0
	for _, w := range windows(text, positions, r.before, r.after) {
		for _, m := range r.re.FindAllStringIndex(text[w.Start:w.End], maxHitsPerRule-n) {
			hits = append(hits, r.hit(w.Start+m[0], w.Start+m[1], idx, kind))
			n++
		}
		if n >= maxHitsPerRule {
			break
		}
	}
	return hits
}

// atLineStart reports whether only blanks precede p on its line.
func atLineStart(text string, p int) bool {
	for i := p - 1; i >= 0; i-- {
		switch text[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// windows turns key positions into merged, sorted byte ranges from before
// bytes ahead of each key to after bytes past it, widened to word
// boundaries and rune starts.
func windows(text string, positions []int, before, after int) []Span {
	var out []Span
	for _, p := range positions {
		w := Span{Start: snapStart(text, max(0, p-before)), End: snapEnd(text, min(len(text), p+after))}
		if n := len(out); n > 0 && w.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, w.End)
			continue
		}
		out = append(out, w)
	}
	return out
}

// snapStart moves i back to the start of its word, at most 64 bytes, and
// to a rune start.
func snapStart(text string, i int) int {
	for limit := 64; i > 0 && limit > 0; limit-- {
		if isBlank(text[i-1]) {
			return i
		}
		i--
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// snapEnd moves i forward to the end of its word, at most 64 bytes, and to
// a rune start.
func snapEnd(text string, i int) int {
	for limit := 64; i < len(text) && limit > 0; limit-- {
		if isBlank(text[i]) {
			return i
		}
		i++
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// isBlank reports whether c is a space, tab or line break.
func isBlank(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// dedupe sorts hits by view and start and drops exact repeats of rule and
// span.
func dedupe(hits []Hit) []Hit {
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.View != b.View {
			return a.View < b.View
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Rule < b.Rule
	})
	out := hits[:0]
	for i, h := range hits {
		if i > 0 && h.View == hits[i-1].View && h.Rule == hits[i-1].Rule && h.Span == hits[i-1].Span {
			continue
		}
		out = append(out, h)
	}
	return out
}

// prefilter calls add for every key in the lower-cased text: each maximal
// run of ASCII letters, and each punctuation marker.
func prefilter(text string, add func(key string, p int)) {
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 'a' && c <= 'z' {
			j := i + 1
			for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
				j++
			}
			add(text[i:j], i)
			i = j
			continue
		}
		if !markerStart[c] {
			i++
			continue
		}
		i = markers(text, i, add)
	}
}

// markerStart marks the bytes that can start a punctuation marker.
var markerStart = func() (t [256]bool) {
	for _, c := range []byte("<[!]#=-%*") {
		t[c] = true
	}
	return t
}()

// markers calls add for the punctuation markers at i: chat-template
// tokens, role tags and brackets, header and rule lines, markdown images
// and links. It returns where scanning resumes.
func markers(text string, i int, add func(key string, p int)) int {
	rest := text[i:]
	switch text[i] {
	case '<':
		switch {
		case hasPrefixAny(rest, "<|"):
			add("<|", i)
		case hasPrefixAny(rest, "</"):
			add("</", i)
		case hasPrefixAny(rest, "<<"):
			add("<<", i)
		case hasPrefixAny(rest, "<sys", "<inst", "<admin"):
			add("<tag", i)
		}
	case '[':
		switch {
		case hasPrefixAny(rest, "[inst", "[/inst"):
			add("[inst", i)
		case roleBracket(rest):
			add("[role", i)
		}
	case '!':
		if hasPrefixAny(rest, "![") {
			add("![", i)
		}
	case ']':
		if hasPrefixAny(rest, "](") {
			add("](", i)
		}
	case '=':
		if quoteFollows(text, i+1) {
			add("=q", i)
		}
		return repeatMarker(text, i, add)
	case '#', '-', '%', '*':
		return repeatMarker(text, i, add)
	}
	return i + 1
}

// repeatMarker reports runs of a repeated marker byte ("##", "===", "---")
// and returns the end of the run.
func repeatMarker(text string, i int, add func(key string, p int)) int {
	c, j := text[i], i+1
	for j < len(text) && text[j] == c {
		j++
	}
	if c == '#' && j-i >= 2 {
		add("##", i)
	}
	if j-i >= 3 {
		add(string([]byte{c, c, c}), i)
	}
	return j
}

// quoteFollows reports whether a quote opens at i after optional spaces.
func quoteFollows(text string, i int) bool {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i < len(text) && (text[i] == '"' || text[i] == '\'' || hasPrefixAny(text[i:], "“"))
}

// roleBracket reports whether s starts with a bracketed role name such as
// "[system", "[ /sys" or "[admin".
func roleBracket(s string) bool {
	i := 1
	for i < len(s) && i < 4 && (s[i] == ' ' || s[i] == '/') {
		i++
	}
	return hasPrefixAny(s[i:], "system", "sys", "admin", "developer")
}

// hasPrefixAny reports whether s starts with any of the prefixes.
func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// rule is one compiled signature pattern.
type rule struct {
	id        string
	cat       Category
	weight    float64
	before    int
	after     int
	lineStart bool
	needs     bool                          // the rule has needed words
	pre       func(text string, p int) bool // a cheap test at key position p of what the pattern requires, if any
	keyTest   func(text string, p int) bool // a test of key position p that the pattern does not make, if any
	re        *regexp.Regexp                // for windows
	anchored  *regexp.Regexp                // the same, anchored at the key, when before is 0
}

// hit builds a Hit of rule r.
func (r *rule) hit(start, end, idx int, kind ViewKind) Hit {
	return Hit{Category: r.cat, Rule: r.id, View: idx, Kind: kind, Weight: r.weight, Span: Span{Start: start, End: end}}
}

// categoryOrder fixes the order of Categories.
var categoryOrder = [...]Category{
	InstructionOverride, RoleSwitch, SystemPromptExtraction, RefusalSuppression,
	DeveloperMode, PayloadSplitting, Exfiltration, DelimiterInjection,
}

// Categories lists the signature categories in a fixed order.
func Categories() []Category { return append([]Category(nil), categoryOrder[:]...) }

// rules holds every compiled rule; wordIndex maps a word to the rules
// that have it as a key or as a needed word.
var (
	rules      []rule
	wordIndex  = map[string]wordRules{}
	wordShapes [1 << 16]uint32 // per first two bytes, a bit per length of known words
)

// wordRules lists the rules that have a word as a key or as a needed word.
type wordRules struct{ keys, needs []int }

// indexWord records that rule r has w as a key, or as a needed word.
func indexWord(w string, r int, need bool) {
	e := wordIndex[w]
	if need {
		e.needs = append(e.needs, r)
	} else {
		e.keys = append(e.keys, r)
	}
	wordIndex[w] = e
	if len(w) < 32 {
		wordShapes[shapeIndex(w)] |= 1 << len(w)
	}
}

// compileRules compiles the rules and builds the word index on first use,
// so that commands that never judge a prompt do not pay for it.
var compileRules = sync.OnceFunc(func() {
	for _, spec := range signatureSpecs {
		for _, p := range spec.patterns {
			r := rule{id: p.id, cat: spec.cat, weight: p.weight, before: p.before, after: p.after,
				lineStart: p.lineStart, re: regexp.MustCompile(p.re)}
			if r.after == 0 {
				r.after = defaultAfter
			}
			if p.before == 0 {
				r.anchored = regexp.MustCompile(`^(?:` + p.re + `)`)
			}
			for _, k := range strings.Fields(p.keys) {
				indexWord(k, len(rules), false)
			}
			for _, k := range strings.Fields(p.need) {
				indexWord(k, len(rules), true)
				r.needs = true
			}
			r.pre, r.keyTest = preChecks[p.id], keyTests[p.id]
			rules = append(rules, r)
		}
	}
})

// preChecks are cheap byte tests that spare regular-expression calls for
// rules keyed on common markdown punctuation. Each only tests what the
// pattern requires anyway, so matchMerged, which reads many keys at once,
// skips them.
var preChecks = map[string]func(text string, p int) bool{
	"md_image_query":     func(text string, p int) bool { return urlHas(text, p, "?&") },
	"md_url_placeholder": func(text string, p int) bool { return urlHas(text, p, "{[<$%") },
}

// keyTests are tests of a key's surroundings that the pattern does not
// make: a key that fails one is not a match, however the pattern reads.
var keyTests = map[string]func(text string, p int) bool{
	"rule_marker": func(text string, p int) bool { return !armourLine(text, p) },
}

// armourLine reports whether text at p is a PEM or PGP armour line
// ("-----begin certificate-----", "-----end pgp signature-----"): a
// format's marker, not a fake prompt boundary. Only the labels those
// formats use count, so "-----end of document-----" is still a boundary.
func armourLine(text string, p int) bool {
	rest := text[p:min(len(text), p+80)] // a marker and the longest label
	for _, w := range []string{"-----begin ", "-----end "} {
		if after, ok := strings.CutPrefix(rest, w); ok {
			label, _, closed := strings.Cut(after, "-----")
			return closed && armourLabels[label]
		}
	}
	return false
}

// armourLabels are the PEM and OpenPGP armour labels, lower case.
var armourLabels = map[string]bool{
	"certificate": true, "trusted certificate": true, "certificate request": true, "new certificate request": true,
	"x509 crl": true, "pkcs7": true, "cms": true, "public key": true, "private key": true, "encrypted private key": true,
	"rsa public key": true, "rsa private key": true, "ec private key": true, "ec parameters": true, "dsa private key": true,
	"dh parameters": true, "openssh private key": true, "ssh2 public key": true,
	"pgp message": true, "pgp signed message": true, "pgp signature": true, "pgp public key block": true, "pgp private key block": true,
}

// urlHas reports whether the markdown link target after position p holds
// one of the bytes in set before its closing parenthesis or white space.
func urlHas(text string, p int, set string) bool {
	i := strings.Index(text[p:min(len(text), p+128)], "](")
	if i < 0 {
		return false
	}
	for j := p + i + 2; j < len(text) && j < p+i+2+urlScanLimit; j++ {
		c := text[j]
		if c == ')' || c == ' ' || c == '\n' {
			return false
		}
		if strings.IndexByte(set, c) >= 0 {
			return true
		}
	}
	return false
}

// urlScanLimit bounds the bytes of a link target that urlHas looks at.
const urlScanLimit = 320
