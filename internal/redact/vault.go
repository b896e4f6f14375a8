package redact

import (
	"strings"
	"sync"
)

// MaxPlaceholder bounds a placeholder's length, "<UK_NINO_123456>" and the
// like; longer '<'-runs are not placeholders.
const MaxPlaceholder = 40

// Vault keeps one request's pseudonyms: each distinct value of a type gets
// its own placeholder, "<EMAIL_1>", "<EMAIL_2>", and Restore maps them
// back. The zero Vault is ready to use; it is safe for concurrent use.
type Vault struct {
	mu      sync.Mutex
	byValue map[string]string    // type "\x00" value -> placeholder
	byPH    map[string]pseudonym // placeholder -> what it stands for
	next    map[string]int
	taken   map[string]bool // placeholder-shaped text seen in input
}

// pseudonym is what a placeholder stands for: a value of a type (found
// by a rule, for credentials).
type pseudonym struct{ typ, rule, value string }

// NewVault returns an empty vault.
func NewVault() *Vault { return &Vault{} }

func (v *Vault) init() {
	if v.byValue == nil {
		v.byValue = map[string]string{}
		v.byPH = map[string]pseudonym{}
		v.next = map[string]int{}
		v.taken = map[string]bool{}
	}
}

// Reserve records every placeholder-shaped token in text, so the vault
// never hands out a placeholder the text already contains.
func (v *Vault) Reserve(text string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '<')
		if j < 0 {
			return
		}
		i += j
		if n := PlaceholderLen(text[i:]); n > 0 {
			v.init()
			v.taken[text[i:i+n]] = true
			i += n
			continue
		}
		i++
	}
}

// Pseudonym returns the placeholder for value, minting one on first use.
func (v *Vault) Pseudonym(typ, value string) string { return v.mint(Match{Type: typ}, value) }

// mint returns the placeholder for value, matched as m, minting one on
// first use.
func (v *Vault) mint(m Match, value string) string {
	typ := m.Type
	v.mu.Lock()
	defer v.mu.Unlock()
	v.init()
	key := typ + "\x00" + value
	if ph, ok := v.byValue[key]; ok {
		return ph
	}
	n := v.next[typ] + 1
	for v.taken[placeholder(typ, n)] {
		n++
	}
	v.next[typ] = n
	ph := placeholder(typ, n)
	v.byValue[key] = ph
	v.byPH[ph] = pseudonym{typ: typ, rule: m.Rule, value: value}
	return ph
}

// Restored returns what stands for placeholder in an answer under p, the
// answer's policy (ok false for a placeholder the vault did not mint):
// its value, unless p masks its type (then its mask) or blocks it (then
// the placeholder itself), so that a value put back is held to what p
// says of that type, as if the answer had carried it. m is the
// placeholder's match (Type and Rule; no offsets) when p masks or blocks
// it, else the zero Match.
func (v *Vault) Restored(placeholder string, p Policy) (text string, m Match, ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	ps, ok := v.byPH[placeholder]
	if !ok {
		return placeholder, Match{}, false
	}
	text, m = ps.answer(placeholder, p)
	return text, m, true
}

// answer is what stands for the pseudonym ps, written ph, in an answer
// under p (see Restored).
func (ps pseudonym) answer(ph string, p Policy) (string, Match) {
	m := Match{Type: ps.typ, Rule: ps.rule, Confidence: 1}
	switch p[ps.typ] {
	case Mask:
		return replacement(ps.value, m, Mask, nil), m
	case Block:
		return ph, m
	}
	return ps.value, Match{}
}

// Len is the number of pseudonyms minted.
func (v *Vault) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.byPH)
}

// Restore replaces the vault's placeholders in s with their values; other
// text, including placeholder-shaped text the vault did not mint, is left
// alone. It makes one pass, so restored values are never re-read.
func (v *Vault) Restore(s string) string {
	if v == nil || !strings.Contains(s, "<") || v.Len() == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	v.restoreTo(&b, s, nil, 0)
	return b.String()
}

// restoreTo writes s to b with placeholders restored under p (see
// Restored), and returns those p masks or blocks, as matches offset by
// off.
func (v *Vault) restoreTo(b *strings.Builder, s string, p Policy, off int) (acted []Match) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for len(s) > 0 {
		j := strings.IndexByte(s, '<')
		if j < 0 || len(v.byPH) == 0 {
			break
		}
		b.WriteString(s[:j])
		s, off = s[j:], off+j
		n := PlaceholderLen(s)
		if ps, ok := v.byPH[s[:max(n, 0)]]; ok && n > 0 {
			text, m := ps.answer(s[:n], p)
			b.WriteString(text)
			if m.Type != "" {
				m.Start, m.End = off, off+n
				acted = append(acted, m)
			}
			s, off = s[n:], off+n
			continue
		}
		b.WriteByte('<')
		s, off = s[1:], off+1
	}
	b.WriteString(s)
	return acted
}

// PlaceholderLen returns the length of the placeholder "<NAME_N>" at the
// start of s (NAME in [A-Z0-9_], starting with a letter; N decimal), or 0.
func PlaceholderLen(s string) int {
	if len(s) < 5 || s[0] != '<' || !isUpper(s[1]) {
		return 0
	}
	under, k := -1, 1
	for ; k < len(s) && k < MaxPlaceholder; k++ {
		c := s[k]
		if c == '>' {
			break
		}
		if c == '_' {
			under = k
		} else if !isUpper(c) && !isDigit(c) {
			return 0
		}
	}
	if k >= len(s) || s[k] != '>' || under < 0 || under+1 >= k {
		return 0
	}
	for _, c := range []byte(s[under+1 : k]) {
		if !isDigit(c) {
			return 0
		}
	}
	return k + 1
}
