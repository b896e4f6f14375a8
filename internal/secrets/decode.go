package secrets

import (
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

// encodedSegments finds runs that decode to printable text.
func encodedSegments(data []byte) []segment {
	var segs []segment
	pct := false
	for i := 0; i < len(data); {
		if !b64Class[data[i]] {
			if data[i] == '%' {
				pct = true
			}
			i++
			continue
		}
		j := i
		allHex := true
		for j < len(data) && b64Class[data[j]] {
			allHex = allHex && hexClass[data[j]]
			j++
		}
		for pad := 0; pad < 2 && j < len(data) && data[j] == '='; pad++ {
			j++
		}
		if j-i >= minBase64Run {
			if s, ok := decodeRun(data[i:j], allHex); ok {
				s.start, s.end = i, j
				segs = append(segs, s)
			}
		}
		i = j
	}
	if pct {
		segs = append(segs, percentSegments(data)...)
	}
	return segs
}

func decodeRun(run []byte, allHex bool) (segment, bool) {
	if len(run) > maxDecoded {
		return segment{}, false
	}
	if allHex && len(run) >= minHexRun && len(run)%2 == 0 {
		b := make([]byte, len(run)/2)
		if _, err := hex.Decode(b, run); err == nil && printable(b) {
			return segment{kind: "hex", decoded: b}, true
		}
	}
	s := string(run)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && printable(b) {
			return segment{kind: "base64", decoded: b}, true
		}
	}
	return segment{}, false
}

// percentSegments finds whitespace-delimited tokens holding %XX escapes.
func percentSegments(data []byte) []segment {
	var segs []segment
	for i := 0; i < len(data); {
		if isSpace(data[i]) {
			i++
			continue
		}
		j := i
		escapes := 0
		for j < len(data) && !isSpace(data[j]) {
			if data[j] == '%' && j+2 < len(data) && hexClass[data[j+1]] && hexClass[data[j+2]] {
				escapes++
			}
			j++
		}
		if escapes >= 2 && j-i <= maxDecoded {
			if b, err := url.QueryUnescape(string(data[i:j])); err == nil && printable([]byte(b)) {
				segs = append(segs, segment{start: i, end: j, kind: "percent", decoded: []byte(b)})
			}
		}
		i = j
	}
	return segs
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
