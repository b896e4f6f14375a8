package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"net/url"
)

// Encoded values are peeled to a bounded depth: a run of base64, hex or
// percent-encoded text that decodes to mostly printable text is scanned
// again, and what is found there is reported at the encoded run.

const (
	minBase64Run = 24
	minHexRun    = 32
	maxDecoded   = 64 << 10
)

var b64Class, hexClass [256]bool

func init() {
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_" {
		b64Class[c] = true
	}
	for _, c := range "0123456789abcdefABCDEF" {
		hexClass[c] = true
	}
}

type segment struct {
	start, end int
	kind       string
	decoded    []byte
}

func (d *Detector) scanDecoded(t Target, data []byte, depth int) []Match {
	var out []Match
	for _, seg := range encodedSegments(data) {
		for _, m := range d.scan(t, seg.decoded, depth-1) {
			m.Start, m.End = seg.start, seg.end
			m.TextStart, m.TextEnd = seg.start, seg.end
			if m.Decoded == "" {
				m.Decoded = seg.kind
			} else {
				m.Decoded = seg.kind + "," + m.Decoded
			}
			out = append(out, m)
		}
	}
	return out
}

// b64Mask is all ones for bytes of the base64 alphabets, zero otherwise,
// so run lengths are counted without a branch per byte.
var b64Mask [256]uint32

func init() {
	for c, ok := range b64Class {
		if ok {
			b64Mask[c] = ^uint32(0)
		}
	}
}

// encodedSegments finds runs that decode to printable text.
func encodedSegments(data []byte) []segment {
	var segs []segment
	mask := &b64Mask
	run := uint32(0)
	for i := 0; i < len(data); i++ {
		run = (run + 1) & mask[data[i]]
		if run != minBase64Run {
			continue
		}
		start, end := i+1-minBase64Run, i+1
		for end < len(data) && b64Class[data[end]] {
			end++
		}
		for pad := 0; pad < 2 && end < len(data) && data[end] == '='; pad++ {
			end++
		}
		if s, ok := decodeRun(data[start:end]); ok {
			s.start, s.end = start, end
			segs = append(segs, s)
		}
		i, run = end-1, 0
	}
	return append(segs, percentSegments(data)...)
}

// decodeRun decodes a candidate run as hex or base64. Runs that cannot be
// either (no digit, or one letter case only) are passed over cheaply.
func decodeRun(run []byte) (segment, bool) {
	if len(run) > maxDecoded {
		return segment{}, false
	}
	var upper, lower, digit, hexOnly = false, false, false, true
	for _, c := range run {
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		case '0' <= c && c <= '9', c == '+', c == '/':
			digit = true
		}
		hexOnly = hexOnly && hexClass[c]
	}
	if hexOnly && digit && len(run) >= minHexRun && len(run)%2 == 0 {
		b := make([]byte, len(run)/2)
		if _, err := hex.Decode(b, run); err == nil && printable(b) {
			return segment{kind: "hex", decoded: b}, true
		}
	}
	if !(upper && lower && digit) {
		return segment{}, false
	}
	if b, ok := decodeBase64(run); ok {
		return segment{kind: "base64", decoded: b}, true
	}
	return segment{}, false
}

// decodeBase64 picks the alphabet and padding from the run itself and
// decodes a short prefix first, so random identifiers cost no allocation.
func decodeBase64(run []byte) ([]byte, bool) {
	enc := base64.StdEncoding
	if bytes.ContainsAny(run, "-_") {
		enc = base64.URLEncoding
	}
	if bytes.IndexByte(run, '=') < 0 && len(run)%4 != 0 {
		enc = enc.WithPadding(base64.NoPadding)
	}
	var head [12]byte
	if n, err := enc.WithPadding(base64.NoPadding).Decode(head[:], run[:16]); err != nil || !printable(head[:n]) {
		return nil, false
	}
	b := make([]byte, enc.DecodedLen(len(run)))
	n, err := enc.Decode(b, run)
	if err != nil || !printable(b[:n]) {
		return nil, false
	}
	return b[:n], true
}

// percentSegments finds tokens holding at least two %XX escapes.
func percentSegments(data []byte) []segment {
	var segs []segment
	done := 0 // tokens before this offset were already judged
	for i := 0; ; {
		k := bytes.IndexByte(data[i:], '%')
		if k < 0 {
			return segs
		}
		p := i + k
		i = p + 1
		if p < done || p+2 >= len(data) || !hexClass[data[p+1]] || !hexClass[data[p+2]] {
			continue
		}
		start, end := p, p
		for start > 0 && !isSpace(data[start-1]) {
			start--
		}
		for end < len(data) && !isSpace(data[end]) {
			end++
		}
		done, i = end, end
		if end-start > maxDecoded || bytes.Count(data[start:end], []byte("%")) < 2 {
			continue
		}
		if b, err := url.QueryUnescape(string(data[start:end])); err == nil && printable([]byte(b)) {
			segs = append(segs, segment{start: start, end: end, kind: "percent", decoded: []byte(b)})
		}
	}
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '"' || b == '\''
}

// printable reports whether b is text worth scanning: at least 95% of its
// bytes printable ASCII or whitespace, and long enough to hold a secret.
func printable(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	bad := 0
	for _, c := range b {
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c >= 0x7f {
			bad++
		}
	}
	return bad*20 <= len(b)
}
