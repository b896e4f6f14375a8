package redact

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Action says what to do with a detected value.
type Action int

const (
	// Allow leaves the value in place (the zero Action; also what a type
	// missing from a Policy gets).
	Allow Action = iota
	// Block leaves the text alone and reports the match, so the caller can
	// reject the request.
	Block
	// Mask replaces the value with "[TYPE]"; cards keep their last four
	// digits.
	Mask
	// Pseudonymise replaces the value with a placeholder such as
	// "<EMAIL_1>" that a Vault maps back to the value.
	Pseudonymise
)

// String names the action as policies spell it.
func (a Action) String() string {
	switch a {
	case Block:
		return "block"
	case Mask:
		return "mask"
	case Pseudonymise:
		return "pseudonymise"
	}
	return "allow"
}

// ParseAction reads "allow", "block", "mask" or "pseudonymise"
// ("pseudonymize" and "replace" are accepted too).
func ParseAction(s string) (Action, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "allow", "":
		return Allow, true
	case "block":
		return Block, true
	case "mask", "redact":
		return Mask, true
	case "pseudonymise", "pseudonymize", "replace":
		return Pseudonymise, true
	}
	return Allow, false
}

// Policy maps a type to its action.
type Policy map[string]Action

// MaskAll is a policy that masks every type, credentials (TypeSecret)
// included.
func MaskAll() Policy {
	p := Policy{TypeSecret: Mask}
	for _, t := range AllTypes {
		p[t] = Mask
	}
	return p
}

// Apply rewrites text according to p: ms must be sorted and
// non-overlapping (as Detect returns them). Blocked matches are returned
// and their text left in place. Pseudonymised values go into v, which
// first reserves every placeholder-shaped token already in text so none
// is reused; with a nil v, Pseudonymise masks instead.
func Apply(text string, ms []Match, p Policy, v *Vault) (out string, blocked []Match) {
	if v != nil {
		v.Reserve(text)
	}
	out, blocked, _ = rewrite(text, ms, p, v, false, 0, len(text), 0)
	return out, blocked
}

// Options configure Redact and StreamRedactor.
type Options struct {
	Types         []string // nil: all types
	MinConfidence float64
	Policy        Policy
	Vault         *Vault // holds pseudonyms; nil masks instead
	// Restore puts the Vault's values back wherever its placeholders
	// appear outside detected values (the answer direction), held to
	// Policy as detected values are: a value of a type it masks is put
	// back masked, one of a type it blocks is left as its placeholder and
	// reported blocked.
	Restore bool
	// Extra adds a detector's matches (such as credentials, as
	// TypeSecret) to the built-in ones; Types still filters them.
	Extra Detector
	// Window is how many bytes a StreamRedactor holds back (default and
	// minimum: the package's Window). Raise it when Extra finds values
	// longer than Window.
	Window int
}

// Detect returns the matches Redact would act on: Detect's, with Extra's
// merged in.
func (o *Options) Detect(text string) []Match {
	return detect(text, o.Types, o.MinConfidence, o.Extra)
}

func (o *Options) window() int { return max(Window, o.Window) }

// Redact detects and rewrites text in one go; it is what a
// StreamRedactor produces for the same text and options. Unlike Apply it
// does not reserve placeholders found in text (a stream cannot see ahead):
// call o.Vault.Reserve on request text first. It returns the blocked
// matches (placeholders restore left, see Options.Restore, among them).
func Redact(text string, o Options) (string, []Match) {
	ms := o.Detect(text)
	out, blocked, _ := rewrite(text, ms, o.Policy, o.Vault, o.Restore, 0, len(text), 0)
	return out, blocked
}

// rewrite handles text[from:to] and the matches inside it; off is added
// to reported offsets. It returns the blocked matches and, with restore,
// the placeholders it put back masked or left blocked (see Restored),
// which are not in ms.
func rewrite(text string, ms []Match, p Policy, v *Vault, restore bool, from, to, off int) (out string, blocked, restored []Match) {
	var b strings.Builder
	last := from
	segment := func(end int) {
		if restore && v != nil {
			restored = append(restored, v.restoreTo(&b, text[last:end], p, last+off)...)
			return
		}
		b.WriteString(text[last:end])
	}
	for _, m := range ms {
		if m.Start < from || m.End > to {
			continue
		}
		act := p[m.Type]
		if act == Block {
			bm := m
			bm.Start += off
			bm.End += off
			blocked = append(blocked, bm)
		}
		if act != Mask && act != Pseudonymise {
			continue
		}
		if b.Len() == 0 {
			b.Grow(to - from + 16)
		}
		segment(m.Start)
		b.WriteString(replacement(text[m.Start:m.End], m, act, v))
		last = m.End
	}
	if last == from && !restore {
		return text[from:to], blocked, nil
	}
	segment(to)
	for _, m := range restored {
		if p[m.Type] == Block {
			blocked = append(blocked, m)
		}
	}
	return b.String(), blocked, restored
}

// replacement is the text that stands in for value, matched as m.
func replacement(value string, m Match, act Action, v *Vault) string {
	switch {
	case act == Pseudonymise && v != nil:
		return v.mint(m, value)
	case m.Type == TypeCard:
		return "[CARD ****" + lastDigits(value, 4) + "]"
	case m.Rule != "":
		return "[" + m.Type + ":" + m.Rule + "]"
	}
	return "[" + m.Type + "]"
}

// lastDigits returns the last n digits of s, fullwidth ones as ASCII.
func lastDigits(s string, n int) string {
	var d []byte
	for k := len(s); k > 0 && len(d) < n; {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		k -= size
		if r >= 0xFF10 && r <= 0xFF19 {
			r -= 0xFEE0
		}
		if r >= '0' && r <= '9' {
			d = append(d, byte(r))
		}
	}
	for i, j := 0, len(d)-1; i < j; i, j = i+1, j-1 {
		d[i], d[j] = d[j], d[i]
	}
	return string(d)
}

// placeholder spells the n-th pseudonym of a type.
func placeholder(typ string, n int) string {
	return "<" + typ + "_" + strconv.Itoa(n) + ">"
}
