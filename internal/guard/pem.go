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
// with pemStandIn (its header lines, which are text, stay). A block whose body decodes to text (a place to hide
// instructions) is left for the detectors, as are the credential
// detectors' own views: they read the original text.
const pemStandIn = " (pem block) "

// maxPEMBlock bounds the body elidePEM decodes to test it.
const maxPEMBlock = 64 << 10

// elidePEM returns s with its binary PEM blocks replaced by pemStandIn
// and their header lines (which are text, and stay in view).
func elidePEM(s string) string {
	if !strings.Contains(s, "-----BEGIN ") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		start, end, headers, ok := nextPEMBlock(rest)
		if !ok {
			break
		}
		b.WriteString(rest[:start])
		b.WriteString(pemStandIn)
		b.WriteString(headers)
		rest = rest[end:]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(rest)
	return b.String()
}

// nextPEMBlock finds the first binary PEM block in s: "-----BEGIN L-----",
// a base64 body (optionally after RFC 1421/4880 header lines), and
// "-----END L-----". headers holds the header lines. Each BEGIN is paired
// with the first END after it, and the search for that END is shared by
// the BEGINs before it, so the scan is linear.
func nextPEMBlock(s string) (start, end int, headers string, ok bool) {
	nextEnd := -1 // index in s of the first "-----END " at or after off
	for off := 0; ; {
		i := strings.Index(s[off:], "-----BEGIN ")
		if i < 0 {
			return 0, 0, "", false
		}
		start = off + i
		off = start + len("-----BEGIN ")
		if nextEnd < off {
			j := strings.Index(s[off:], "-----END ")
			if j < 0 {
				return 0, 0, "", false
			}
			nextEnd = off + j
		}
		if nextEnd-start > maxPEMBlock {
			continue
		}
		label, _, found := strings.Cut(s[off:nextEnd], "-----")
		if !found || label == "" || len(label) > 64 || strings.ContainsAny(label, "\n-") {
			continue
		}
		closing := "-----END " + label + "-----"
		if !strings.HasPrefix(s[nextEnd:], closing) {
			continue
		}
		if h, binary := binaryBase64(s[off+len(label)+len("-----") : nextEnd]); binary {
			return start, nextEnd + len(closing), h, true
		}
	}
}

// pemHeaders are the header names PEM (RFC 1421) and OpenPGP armour (RFC
// 4880) use; any other "Name: value" line makes a body text, not armour.
var pemHeaders = map[string]bool{"proc-type": true, "dek-info": true, "comment": true, "version": true,
	"hash": true, "charset": true, "messageid": true}

// binaryBase64 reports whether body, less its header lines and
// whitespace, is base64 that decodes to mostly non-text bytes. It returns
// the header lines, one per line.
func binaryBase64(body string) (headers string, binary bool) {
	var enc, hb strings.Builder
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if name, _, ok := strings.Cut(line, ": "); ok {
			if !pemHeaders[strings.ToLower(name)] || enc.Len() > 0 {
				return "", false
			}
			hb.WriteString(line)
			hb.WriteString("\n")
			continue
		}
		for _, c := range []byte(line) {
			if !isBase64Byte(c) {
				return "", false
			}
		}
		enc.WriteString(line)
	}
	// Padding is dropped and a ragged end cut, so that a damaged or
	// hand-trimmed block is still recognised.
	b64 := strings.TrimRight(enc.String(), "=")
	raw, err := base64.RawStdEncoding.DecodeString(b64[:len(b64)-len(b64)%4])
	if err != nil || len(raw) < 16 {
		return "", false
	}
	return hb.String(), !mostlyText(raw)
}

// mostlyText reports bytes at least 80% printable ASCII or line breaks
// and tabs: under that, decoded base64 is binary.
func mostlyText(raw []byte) bool {
	text := 0
	for _, c := range raw {
		if c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) {
			text++
		}
	}
	return text*10 >= len(raw)*8
}

func isBase64Byte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}
