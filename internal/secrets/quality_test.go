package secrets

import (
	"bufio"
	"cmp"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

// The quality corpus is written blind from providers' published token
// formats, not from the rule files, so that it measures the rules honestly.
// Each line of testdata/corpus/{positives,negatives}.txt (and of the held-out
// corpus in testdata/holdout, see holdout_test.go) is
//
//	provider<TAB>filename<TAB>template
//
// where the template uses the sample generators (see Expand) and \n, \t and
// \\ stand for a newline, a tab and a backslash.

const (
	corpusRounds    = 3    // expansions of each line
	corpusMinRecall = 0.95 // positives found / positives
	corpusMaxFPRate = 0.03 // negatives flagged / negatives
	corpusMinProv   = 60   // distinct providers among the positives
	corpusMinLines  = 250  // lines in each file
)

// corpusSpec names a corpus directory under testdata and the figures it must
// reach.
type corpusSpec struct {
	dir       string  // directory under testdata holding positives.txt and negatives.txt
	minLines  int     // lines in each file
	minProv   int     // distinct providers among the positives
	minRecall float64 // positives found / positives
	maxFPRate float64 // negatives flagged / negatives
}

type corpusCase struct {
	provider string
	path     string
	tmpl     string
	line     int
}

type span struct{ start, end int }

func loadCorpus(t *testing.T, dir, name string) []corpusCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			t.Fatalf("%s:%d: want provider<TAB>filename<TAB>template", name, n)
		}
		cs = append(cs, corpusCase{provider: parts[0], path: parts[1], tmpl: parts[2], line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cs
}

// unescapeCorpus turns \n, \t and \\ into a newline, a tab and a backslash;
// any other backslash is kept as is (JSON-escaped quotes stay escaped).
func unescapeCorpus(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// expandTracked expands a corpus template with Ward's generators, one
// placeholder at a time (parsed exactly as Expand parses them), and returns
// the text with the spans of every generated value. {{lit:...}} is literal
// text and yields no span.
func expandTracked(tmpl string, rng *rand.Rand) (string, []span, error) {
	var b strings.Builder
	var spans []span
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			b.WriteString(unescapeCorpus(tmpl))
			return b.String(), spans, nil
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			return "", nil, fmt.Errorf("unclosed {{ in %q", tmpl)
		}
		b.WriteString(unescapeCorpus(tmpl[:i]))
		spec := tmpl[i+2 : i+j]
		v, err := Expand("{{"+spec+"}}", rng)
		if err != nil {
			return "", nil, err
		}
		if !strings.HasPrefix(spec, "lit:") {
			spans = append(spans, span{b.Len(), b.Len() + len(v)})
		}
		b.WriteString(v)
		tmpl = tmpl[i+j+2:]
	}
}

// corpusRNG seeds the expansions of one line from the corpus directory, the
// file, the line and the round, so that every run sees the same samples.
func corpusRNG(dir, file string, line, round int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s/%d/%d", dir, file, line, round)
	return rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
}

// covers reports whether m lies on one of the generated values. A match
// without a span (a rule on the path alone) covers the whole file.
func covers(m Match, spans []span) bool {
	if m.End <= m.Start {
		return true
	}
	for _, s := range spans {
		if m.Start < s.end && s.start < m.End {
			return true
		}
	}
	return false
}

func ruleList(ms []Match) string {
	if len(ms) == 0 {
		return "none"
	}
	var ids []string
	for _, m := range ms {
		if !slices.Contains(ids, m.Rule.ID) {
			ids = append(ids, m.Rule.ID)
		}
	}
	return strings.Join(ids, ",")
}

type provStat struct {
	name        string
	found, seen int
}

func TestQuality(t *testing.T) {
	evalCorpus(t, corpusSpec{
		dir:       "corpus",
		minLines:  corpusMinLines,
		minProv:   corpusMinProv,
		minRecall: corpusMinRecall,
		maxFPRate: corpusMaxFPRate,
	})
}

// evalCorpus scans every line of spec.dir's positives and negatives
// corpusRounds times with the default rules, logs recall (overall and per
// provider, with the misses redacted), the false-positive rate and the flagged
// negatives with their rule ids, and fails the test when a figure falls short
// of spec.
func evalCorpus(t *testing.T, spec corpusSpec) {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	pos := loadCorpus(t, spec.dir, "positives.txt")
	neg := loadCorpus(t, spec.dir, "negatives.txt")

	// Positives.
	stats := map[string]*provStat{}
	var posTotal, posFound int
	var misses []string
	for _, c := range pos {
		st := stats[c.provider]
		if st == nil {
			st = &provStat{name: c.provider}
			stats[c.provider] = st
		}
		missed, firstSecret, other := 0, "", ""
		for r := range corpusRounds {
			text, spans, err := expandTracked(c.tmpl, corpusRNG(spec.dir, "positives.txt", c.line, r))
			if err != nil {
				t.Fatalf("%s/positives.txt:%d: %v", spec.dir, c.line, err)
			}
			if len(spans) == 0 {
				t.Fatalf("%s/positives.txt:%d: template generates no value", spec.dir, c.line)
			}
			ms := d.Scan(Target{Path: c.path}, []byte(text+"\n"))
			posTotal++
			st.seen++
			if slices.ContainsFunc(ms, func(m Match) bool { return covers(m, spans) }) {
				posFound++
				st.found++
				continue
			}
			if missed == 0 {
				firstSecret = text[spans[0].start:spans[len(spans)-1].end]
				other = ruleList(ms)
			}
			missed++
		}
		if missed > 0 {
			misses = append(misses, fmt.Sprintf("%-16s %-48s line %3d  missed %d/%d  value %s  (other matches: %s)",
				c.provider, c.path, c.line, missed, corpusRounds, finding.Redact(firstSecret), other))
		}
	}

	// Negatives.
	var negTotal, negFlagged int
	var flagged []string
	flaggedByCat := map[string]int{}
	for _, c := range neg {
		hits := 0
		var first []Match
		for r := range corpusRounds {
			text, _, err := expandTracked(c.tmpl, corpusRNG(spec.dir, "negatives.txt", c.line, r))
			if err != nil {
				t.Fatalf("%s/negatives.txt:%d: %v", spec.dir, c.line, err)
			}
			ms := d.Scan(Target{Path: c.path}, []byte(text+"\n"))
			negTotal++
			if len(ms) > 0 {
				negFlagged++
				flaggedByCat[c.provider]++
				if hits == 0 {
					first = ms
				}
				hits++
			}
		}
		if hits > 0 {
			var what []string
			for _, m := range first {
				what = append(what, fmt.Sprintf("%s=%s", m.Rule.ID, finding.Redact(m.Secret)))
			}
			flagged = append(flagged, fmt.Sprintf("%-14s %-48s line %3d  flagged %d/%d  %s",
				c.provider, c.path, c.line, hits, corpusRounds, strings.Join(what, " ")))
		}
	}

	recall := float64(posFound) / float64(posTotal)
	fpRate := float64(negFlagged) / float64(negTotal)

	t.Logf("%s positives: %d lines, %d providers, %d samples, %d detected, recall %.4f",
		spec.dir, len(pos), len(stats), posTotal, posFound, recall)
	t.Logf("%s negatives: %d lines, %d samples, %d flagged, false-positive rate %.4f",
		spec.dir, len(neg), negTotal, negFlagged, fpRate)

	provs := make([]*provStat, 0, len(stats))
	for _, st := range stats {
		provs = append(provs, st)
	}
	slices.SortFunc(provs, func(a, b *provStat) int {
		ra, rb := float64(a.found)/float64(a.seen), float64(b.found)/float64(b.seen)
		if c := cmp.Compare(ra, rb); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	var perfect []string
	t.Logf("recall per provider (below 100%% first):")
	for _, st := range provs {
		if st.found == st.seen {
			perfect = append(perfect, fmt.Sprintf("%s %d/%d", st.name, st.found, st.seen))
			continue
		}
		t.Logf("  %-20s %3d/%-3d %.3f", st.name, st.found, st.seen, float64(st.found)/float64(st.seen))
	}
	t.Logf("  at 100%%: %s", strings.Join(perfect, ", "))

	t.Logf("missed positives (%d lines):", len(misses))
	for _, m := range misses {
		t.Logf("  %s", m)
	}

	cats := make([]string, 0, len(flaggedByCat))
	for c := range flaggedByCat {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	var byCat []string
	for _, c := range cats {
		byCat = append(byCat, fmt.Sprintf("%s %d", c, flaggedByCat[c]))
	}
	t.Logf("flagged negatives (%d lines; samples by category: %s):", len(flagged), strings.Join(byCat, ", "))
	for _, f := range flagged {
		t.Logf("  %s", f)
	}

	if len(pos) < spec.minLines || len(neg) < spec.minLines {
		t.Errorf("%s corpus too small: %d positive and %d negative lines, want >= %d each", spec.dir, len(pos), len(neg), spec.minLines)
	}
	if len(stats) < spec.minProv {
		t.Errorf("%s positives cover %d providers, want >= %d", spec.dir, len(stats), spec.minProv)
	}
	if recall < spec.minRecall {
		t.Errorf("%s recall %.4f, want >= %.2f", spec.dir, recall, spec.minRecall)
	}
	if fpRate > spec.maxFPRate {
		t.Errorf("%s false-positive rate %.4f, want <= %.2f", spec.dir, fpRate, spec.maxFPRate)
	}
}
