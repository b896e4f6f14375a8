package redact

import (
	"strings"
	"unicode/utf8"
)

// StreamRedactor redacts (and, with Options.Restore, restores) text that
// arrives in chunks, such as a streamed model answer. It holds back the
// last Window bytes (Options.Window) as the detectors read them (invisible
// characters count for nothing, up to 4 windows of bytes in all), which
// is as far as any detection can reach, so a
// value or placeholder split across chunks is still caught; it releases
// everything before that. With an Extra detector (credentials), it also
// holds back a PEM block ("-----BEGIN …") until its END line, up to
// MaxBlockHold bytes, and a run of token characters (letters, digits and
// "+/=_.-") that reaches back past the window until it ends, up to
// MaxTokenHold bytes, so a private key or a token (a JWT, a long API key)
// longer than the window is still caught whole. The concatenation of its output equals
// Redact(whole text, same options). Not safe for concurrent use.
type StreamRedactor struct {
	o       Options
	buf     []byte // released context (buf[:done]) then pending bytes
	done    int
	off     int // stream offset of buf[0]
	run     int // index in buf where the run of token characters at its end starts (len(buf): none)
	blocked []Match
	acted   []Match
}

// NewStreamRedactor starts a stream with the given options.
func NewStreamRedactor(o Options) *StreamRedactor { return &StreamRedactor{o: o} }

// Write adds a chunk and returns the text that can be released now
// (possibly none).
func (s *StreamRedactor) Write(chunk []byte) []byte {
	s.trackRun(chunk)
	s.buf = append(s.buf, chunk...)
	limit := viewStart(s.buf, s.o.window())
	if s.o.Extra != nil {
		limit = min(limit, s.openRun())
	}
	if limit <= s.done {
		return nil // nothing to release: no need to copy or detect
	}
	text := string(s.buf)
	cut := wholeRune(text, limit, s.done)
	if s.o.Extra != nil {
		cut = min(cut, openBlock(text, s.done))
	}
	if cut <= s.done {
		return nil // nothing to release (say, an open key block): no need to detect
	}
	ms := s.o.Detect(text)
	cut = safeCut(text, ms, cut, s.done)
	if cut <= s.done {
		return nil
	}
	out := s.release(text, ms, cut)
	s.keep(cut)
	return out
}

// viewBack bounds, in windows, how far back viewStart looks.
const viewBack = 4

// viewStart returns where the last w bytes of buf as the detectors read
// them (view.go) start: an invisible character counts for nothing, a
// folded one for one byte, so a value padded with zero-width characters
// is held whole. It looks back at most viewBack*w bytes; for text the
// view leaves alone it is len(buf)-w, moved back to a character start.
func viewStart(buf []byte, w int) int {
	floor := max(0, len(buf)-viewBack*w)
	n, i := 0, len(buf)
	for i > floor && n < w {
		if c := buf[i-1]; c < utf8.RuneSelf {
			i--
			if !hiddenASCII[c] {
				n++
			}
			continue
		}
		r, size := utf8.DecodeLastRune(buf[:i])
		i -= size
		n += viewLen(r, size)
	}
	return i
}

// MaxTokenHold bounds how long a run of token characters is held back:
// past it, the stream goes on as if the run were ordinary text (a token
// detector needs the run's ends, so one longer than this is text, not a
// token, in Redact too).
const MaxTokenHold = 8 << 10

// tokenChar marks the bytes tokens are made of: base64 and base64url
// alphabets, '.' (JWT) and '-'.
var tokenChar = func() (t [256]bool) {
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_.-" {
		t[c] = true
	}
	return t
}()

// trackRun updates s.run for chunk, which is about to be appended: a
// chunk of token characters only continues the run (or starts one at its
// first byte). It looks at each byte once.
func (s *StreamRedactor) trackRun(chunk []byte) {
	for i := len(chunk) - 1; i >= 0; i-- {
		if !tokenChar[chunk[i]] {
			s.run = len(s.buf) + i + 1
			return
		}
	}
}

// openRun returns where the run of token characters at the end of the
// pending text starts, when it is not yet released and at most
// MaxTokenHold bytes long; else len(s.buf).
func (s *StreamRedactor) openRun() int {
	if s.run < s.done || len(s.buf)-s.run > MaxTokenHold {
		return len(s.buf)
	}
	return s.run
}

// Flush releases everything still held; the stream can then be reused.
func (s *StreamRedactor) Flush() []byte {
	text := string(s.buf)
	ms := s.o.Detect(text)
	out := s.release(text, ms, len(text))
	s.off += len(s.buf)
	s.buf, s.done, s.run = s.buf[:0], 0, 0
	return out
}

// Blocked returns the matches blocked so far, with offsets into the
// whole stream.
func (s *StreamRedactor) Blocked() []Match { return s.blocked }

// Matches returns every match released so far whose action is not
// Allow (blocked, masked or pseudonymised), placeholders restore masked
// or left blocked among them (see Options.Restore), with offsets into
// the whole stream.
func (s *StreamRedactor) Matches() []Match { return s.acted }

// release rewrites text[s.done:cut].
func (s *StreamRedactor) release(text string, ms []Match, cut int) []byte {
	out, blocked, restored := rewrite(text, ms, s.o.Policy, s.o.Vault, s.o.Restore, s.done, cut, s.off)
	s.blocked = append(s.blocked, blocked...)
	s.acted = append(s.acted, restored...)
	for _, m := range ms {
		if m.Start >= s.done && m.End <= cut && s.o.Policy[m.Type] != Allow {
			m.Start, m.End = m.Start+s.off, m.End+s.off
			s.acted = append(s.acted, m)
		}
	}
	if out == "" {
		return nil
	}
	return []byte(out)
}

// keep drops released bytes, keeping Window bytes of them as left context
// for the detectors.
func (s *StreamRedactor) keep(cut int) {
	drop := max(0, cut-s.o.window())
	n := copy(s.buf, s.buf[drop:])
	s.buf = s.buf[:n]
	s.off += drop
	s.done = cut - drop
	s.run = max(0, s.run-drop)
}

// MaxBlockHold bounds how long an unfinished PEM block is held back: past
// it, the stream goes on as if the block were ordinary text.
const MaxBlockHold = 16 << 10

// openBlock returns where the last PEM private-key block that starts at
// or after from begins, if its closing line ("-----END <label>-----") has
// not arrived yet and it is shorter than MaxBlockHold; else len(text).
// Only private keys are held: a certificate or a mention of a BEGIN line
// in prose streams on.
func openBlock(text string, from int) int {
	i := strings.LastIndex(text[from:], "-----BEGIN ")
	if i < 0 {
		return len(text)
	}
	i += from
	if len(text)-i > MaxBlockHold {
		return len(text)
	}
	label, _, ok := strings.Cut(text[i+len("-----BEGIN "):], "-----")
	if ok && (!strings.HasSuffix(label, "PRIVATE KEY") || strings.Contains(text[i:], "-----END "+label+"-----")) {
		return len(text)
	}
	return i
}

// wholeRune moves cut back to the start of the character it falls in, by
// at most three bytes (so invalid UTF-8 cannot hold the stream back),
// and never below floor.
func wholeRune(text string, cut, floor int) int {
	for k := 0; k < utf8.UTFMax-1 && cut > floor && cut < len(text) && !utf8.RuneStart(text[cut]); k++ {
		cut--
	}
	return cut
}

// safeCut moves cut back until no match and no placeholder straddles it.
func safeCut(text string, ms []Match, cut, floor int) int {
	for moved := true; moved && cut > floor; {
		moved = false
		for _, m := range ms {
			if m.Start < cut && m.End > cut {
				cut, moved = m.Start, true
			}
		}
		for p := max(floor, cut-MaxPlaceholder); p < cut; p++ {
			if text[p] == '<' {
				if n := PlaceholderLen(text[p:]); n > 0 && p+n > cut {
					cut, moved = p, true
					break
				}
			}
		}
	}
	return cut
}
