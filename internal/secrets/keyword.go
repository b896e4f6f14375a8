package secrets

// matcher is an Aho-Corasick automaton compiled to a dense DFA over byte
// classes, matching ASCII case-insensitively. Each transition entry holds the
// next state's row offset; the top bit marks states that end a keyword, so
// the inner loop is one load and one test per byte.
type matcher struct {
	class    [256]uint8
	nclass   int
	delta    []uint32  // row offset of the next state, with matchBit
	outputs  [][]int32 // per state: keyword indexes ending here (fail chain included)
	keywords []string
	maxLen   int // longest keyword
}

const matchBit = 1 << 31

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newMatcher builds the automaton for lowercase keywords.
func newMatcher(keywords []string) *matcher {
	m := &matcher{keywords: keywords}
	for _, k := range keywords {
		m.maxLen = max(m.maxLen, len(k))
	}
	// Byte classes: every byte that occurs in a keyword gets its own class
	// (upper and lower case share one); all others share class 0.
	var seen [256]bool
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			seen[lowerASCII(k[i])] = true
		}
	}
	m.nclass = 1
	for b := 0; b < 256; b++ {
		if seen[b] {
			m.class[b] = uint8(m.nclass)
			m.nclass++
		}
	}
	for b := 'A'; b <= 'Z'; b++ {
		m.class[b] = m.class[b+'a'-'A']
	}
	// Trie, with one transition slot per byte class.
	nc := m.nclass
	next := make([]int32, nc) // node 0, the root
	var outs [][]int32
	outs = append(outs, nil)
	for i := range next {
		next[i] = -1
	}
	newNode := func() int32 {
		for range nc {
			next = append(next, -1)
		}
		outs = append(outs, nil)
		return int32(len(outs) - 1)
	}
	for ki, k := range keywords {
		s := int32(0)
		for i := 0; i < len(k); i++ {
			c := int32(m.class[lowerASCII(k[i])])
			if next[s*int32(nc)+c] < 0 {
				t := newNode()
				next[s*int32(nc)+c] = t
			}
			s = next[s*int32(nc)+c]
		}
		outs[s] = append(outs[s], int32(ki))
	}
	// Breadth-first fail links, turning the trie into a DFA in place.
	fail := make([]int32, len(outs))
	queue := []int32{}
	for c := 0; c < nc; c++ {
		if t := next[c]; t >= 0 {
			queue = append(queue, t)
		} else {
			next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs[s] = append(outs[s], outs[fail[s]]...)
		for c := 0; c < nc; c++ {
			t := next[int(s)*nc+c]
			if t < 0 {
				next[int(s)*nc+c] = next[int(fail[s])*nc+c]
				continue
			}
			fail[t] = next[int(fail[s])*nc+c]
			if s == 0 {
				fail[t] = 0
			}
			queue = append(queue, t)
		}
	}
	m.delta = make([]uint32, len(next))
	m.outputs = outs
	for i, t := range next {
		v := uint32(int(t) * nc)
		if len(outs[t]) > 0 {
			v |= matchBit
		}
		m.delta[i] = v
	}
	return m
}

// splitAt is the input size from which scan runs two interleaved streams.
const splitAt = 4 << 10

// scan calls hit with the keyword index and the offset just past its end
// for every keyword occurrence in data, in increasing order of offset.
//
// A DFA walk is one long chain of dependent loads, so large inputs are cut
// in two halves walked in the same loop: two independent chains keep the
// CPU busy. The second half starts maxLen-1 bytes early so no keyword that
// spans the cut is missed; its hits wait until the first half's are out.
//
// later is scratch space reused between calls; it may be nil.
func (m *matcher) scan(data []byte, later *[]int, hit func(kw int32, end int)) {
	if len(data) < splitAt || m.maxLen == 0 {
		m.scanRange(data, 0, hit)
		return
	}
	mid := len(data) / 2
	off := mid - (m.maxLen - 1)
	a, b := data[:mid], data[off:]
	delta, class := m.delta, &m.class
	if later == nil {
		later = new([]int)
	}
	pending := (*later)[:0] // pairs: keyword, end
	var sa, sb uint32
	for i := range a {
		sa = delta[sa&^matchBit+uint32(class[a[i]])]
		sb = delta[sb&^matchBit+uint32(class[b[i]])]
		if (sa|sb)&matchBit == 0 {
			continue
		}
		if sa&matchBit != 0 {
			m.emit(sa, i+1, hit)
		}
		if sb&matchBit != 0 && off+i+1 > mid {
			for _, kw := range m.outputs[(sb&^matchBit)/uint32(m.nclass)] {
				pending = append(pending, int(kw), off+i+1)
			}
		}
	}
	for k := 0; k < len(pending); k += 2 {
		hit(int32(pending[k]), pending[k+1])
	}
	*later = pending
	m.resume(b, len(a), sb, off, hit)
}

// scanRange walks data from the root state; offsets are shifted by base.
func (m *matcher) scanRange(data []byte, base int, hit func(kw int32, end int)) {
	m.resume(data, 0, 0, base, hit)
}

// resume walks data[from:] starting in state s.
func (m *matcher) resume(data []byte, from int, s uint32, base int, hit func(kw int32, end int)) {
	delta, class := m.delta, &m.class
	for i := from; i < len(data); i++ {
		s = delta[s&^matchBit+uint32(class[data[i]])]
		if s&matchBit != 0 {
			m.emit(s, base+i+1, hit)
		}
	}
}

func (m *matcher) emit(s uint32, end int, hit func(kw int32, end int)) {
	for _, kw := range m.outputs[(s&^matchBit)/uint32(m.nclass)] {
		hit(kw, end)
	}
}
