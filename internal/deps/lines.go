package deps

import (
	"bytes"
	"sort"
)

// lineIndex maps byte offsets in a file to 1-based line numbers, for
// parsers whose decoder reports offsets (encoding/json) rather than lines.
type lineIndex []int // offsets of each '\n'

func newLineIndex(data []byte) lineIndex {
	idx := make(lineIndex, 0, bytes.Count(data, []byte{'\n'}))
	for i, b := range data {
		if b == '\n' {
			idx = append(idx, i)
		}
	}
	return idx
}

// line returns the 1-based line holding byte offset off.
func (li lineIndex) line(off int64) int {
	return sort.Search(len(li), func(i int) bool { return int64(li[i]) >= off }) + 1
}
