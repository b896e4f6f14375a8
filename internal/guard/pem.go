package guard

import (
	"encoding/base64"
	"strings"
)

// PEM blocks (keys, certificates, CSRs) are armoured binary: no
// instruction can be read from their bodies, yet their dashes look like
// fake prompt boundaries and their base64 like machine-made tokens. So
// that pasting a certificate into a question is not taken for an attack,
// the normalized view replaces each block whose body decodes to binary
// with pemStandIn. A block whose body decodes to text (a place to hide
// instructions) is left for the detectors, as are the credential
// detectors' own views: they read the original text.
const pemStandIn = " (pem block) "

// maxPEMBlock bounds the body elidePEM decodes to test it.
const maxPEMBlock = 64 << 10

// elidePEM returns s with its binary PEM blocks replaced by pemStandIn.
func elidePEM(s string) string {
	if !strings.Contains(s, "-----BEGIN ") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		start, end, ok := nextPEMBlock(rest)
		if !ok {
			break
		}
		b.WriteString(rest[:start])
		b.WriteString(pemStandIn)
		rest = rest[end:]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(rest)
	return b.String()
}

// nextPEMBlock finds the first binary PEM block in s: "-----BEGIN L-----",
// a base64 body (optionally after "Name: value" header lines), and
// "-----END L-----".
func nextPEMBlock(s string) (start, end int, ok bool) {
	for off := 0; ; {
		i := strings.Index(s[off:], "-----BEGIN ")
		if i < 0 {
			return 0, 0, false
		}
		start = off + i
		off = start + len("-----BEGIN ")
		label, after, found := strings.Cut(s[off:], "-----")
		if !found || label == "" || len(label) > 64 || strings.ContainsAny(label, "\n-") {
			continue
		}
		bodyStart := off + len(label) + len("-----")
		closing := "-----END " + label + "-----"
		j := strings.Index(after, closing)
		if j < 0 || j > maxPEMBlock {
			continue
		}
		if binaryBase64(after[:j]) {
			return start, bodyStart + j + len(closing), true
		}
		off = bodyStart
	}
}

// binaryBase64 reports whether body, less any "Name: value" header
// lines and whitespace, is base64 that decodes to mostly non-text bytes.
func binaryBase64(body string) bool {
	var enc strings.Builder
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if strings.Contains(line, ": ") {
			continue // Proc-Type, DEK-Info and similar headers
		}
		for _, c := range []byte(line) {
			if !isBase64Byte(c) {
				return false
			}
		}
		enc.WriteString(line)
	}
	// Padding is dropped and a ragged end cut, so that a damaged or
	// hand-trimmed block is still recognised.
	b64 := strings.TrimRight(enc.String(), "=")
	raw, err := base64.RawStdEncoding.DecodeString(b64[:len(b64)-len(b64)%4])
	if err != nil || len(raw) < 16 {
		return false
	}
	text := 0
	for _, c := range raw {
		if c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) {
			text++
		}
	}
	return text*10 < len(raw)*8 // under 80% printable: binary
}

func isBase64Byte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}
