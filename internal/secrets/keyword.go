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
	// Trie.
	type node struct {
		next [256]int32
		out  []int32
	}
	nodes := []*node{{}}
	for i := range nodes[0].next {
		nodes[0].next[i] = -1
	}
	newNode := func() int32 {
		n := &node{}
		for i := range n.next {
			n.next[i] = -1
		}
		nodes = append(nodes, n)
		return int32(len(nodes) - 1)
	}
	for ki, k := range keywords {
		s := int32(0)
		for i := 0; i < len(k); i++ {
			c := m.class[lowerASCII(k[i])]
			if nodes[s].next[c] < 0 {
				nodes[s].next[c] = newNode()
			}
			s = nodes[s].next[c]
		}
		nodes[s].out = append(nodes[s].out, int32(ki))
	}
	// Breadth-first fail links, filling the DFA transitions as we go.
	fail := make([]int32, len(nodes))
	queue := []int32{}
	for c := 0; c < m.nclass; c++ {
		if t := nodes[0].next[c]; t >= 0 {
			queue = append(queue, t)
		} else {
			nodes[0].next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		nodes[s].out = append(nodes[s].out, nodes[fail[s]].out...)
		for c := 0; c < m.nclass; c++ {
			t := nodes[s].next[c]
			if t < 0 {
				nodes[s].next[c] = nodes[fail[s]].next[c]
				continue
			}
			fail[t] = nodes[fail[s]].next[c]
			if s == 0 {
				fail[t] = 0
			}
			queue = append(queue, t)
		}
	}
	m.delta = make([]uint32, len(nodes)*m.nclass)
	m.outputs = make([][]int32, len(nodes))
	for s, n := range nodes {
		m.outputs[s] = n.out
		for c := 0; c < m.nclass; c++ {
			t := n.next[c]
			v := uint32(int(t) * m.nclass)
			if len(nodes[t].out) > 0 {
				v |= matchBit
			}
			m.delta[s*m.nclass+c] = v
		}
	}
	return m
}

// scan calls hit with the keyword index and the offset just past its end
// for every keyword occurrence in data.
func (m *matcher) scan(data []byte, hit func(kw int32, end int)) {
	delta, class, nclass := m.delta, &m.class, uint32(m.nclass)
	var s uint32
	for i, b := range data {
		s = delta[s&^matchBit+uint32(class[b])]
		if s&matchBit != 0 {
			for _, kw := range m.outputs[(s&^matchBit)/nclass] {
				hit(kw, i+1)
			}
		}
	}
}
