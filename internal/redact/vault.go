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
	byValue map[string]string // type "\x00" value -> placeholder
	byPH    map[string]string // placeholder -> value
	next    map[string]int
	taken   map[string]bool // placeholder-shaped text seen in input
}

// NewVault returns an empty vault.
func NewVault() *Vault { return &Vault{} }

func (v *Vault) init() {
	if v.byValue == nil {
		v.byValue = map[string]string{}
		v.byPH = map[string]string{}
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
func (v *Vault) Pseudonym(typ, value string) string {
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
	v.byPH[ph] = value
	return ph
}

// Value returns the original value behind a placeholder.
func (v *Vault) Value(placeholder string) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	s, ok := v.byPH[placeholder]
	return s, ok
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
	v.restoreTo(&b, s)
	return b.String()
}

// restoreTo writes s to b with placeholders restored.
func (v *Vault) restoreTo(b *strings.Builder, s string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for len(s) > 0 {
		j := strings.IndexByte(s, '<')
		if j < 0 || len(v.byPH) == 0 {
			break
		}
		b.WriteString(s[:j])
		s = s[j:]
		n := PlaceholderLen(s)
		if val, ok := v.byPH[s[:max(n, 0)]]; ok && n > 0 {
			b.WriteString(val)
			s = s[n:]
			continue
		}
		b.WriteByte('<')
		s = s[1:]
	}
	b.WriteString(s)
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
