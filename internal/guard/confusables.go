package guard

import (
	"strings"
	"unicode/utf8"
)

// confusables maps common lookalikes of ASCII letters and digits, written
// for this package from the Cyrillic and Greek alphabets and a few Latin
// extensions. Fullwidth forms and mathematical alphanumerics are mostly
// folded by NFKC already; foldRune handles any that remain by arithmetic.
var confusables = map[rune]byte{
	// Cyrillic lower case.
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i',
	'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'һ': 'h', 'ь': 'b', 'п': 'n',
	'г': 'r', 'ᴦ': 'r',
	// Cyrillic upper case.
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ԛ': 'Q',
	'Ԝ': 'W', 'Ӏ': 'I', 'Һ': 'H',
	// Greek lower case.
	'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o',
	'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'ς': 's',
	// Greek upper case.
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	// Latin lookalikes and small capitals.
	'ı': 'i', 'ȷ': 'j', 'ɡ': 'g', 'ɑ': 'a', 'ɩ': 'i', 'ʀ': 'r', 'ʏ': 'y', 'ᴀ': 'a',
	'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ɢ': 'g', 'ʜ': 'h', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l',
	'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v',
	'ᴡ': 'w', 'ᴢ': 'z', 'ǀ': 'l',
}

// foldConfusables replaces lookalike characters in s with ASCII, counting
// each replacement in sig.
func foldConfusables(s string, sig *Signals) string {
	var out strings.Builder
	start := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if c, ok := foldRune(r); ok {
			sig.Confusables++
			if out.Len() == 0 {
				out.Grow(len(s))
			}
			out.WriteString(s[start:i])
			out.WriteByte(c)
			start = i + size
		}
		i += size
	}
	if start == 0 {
		return s
	}
	out.WriteString(s[start:])
	return out.String()
}

// foldRune maps one lookalike rune to ASCII.
func foldRune(r rune) (byte, bool) {
	if c, ok := confusables[r]; ok {
		return c, true
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		return byte(r - 0xFF01 + '!'), true
	case r >= 0x1D400 && r <= 0x1D6A3: // mathematical alphanumeric letters, 13 styles of A–Z a–z
		i := (r - 0x1D400) % 52
		if i < 26 {
			return byte('A' + i), true
		}
		return byte('a' + i - 26), true
	case r >= 0x1D7CE && r <= 0x1D7FF: // mathematical digits, 5 styles
		return byte('0' + (r-0x1D7CE)%10), true
	case r >= 0x24B6 && r <= 0x24CF: // circled capitals
		return byte('A' + r - 0x24B6), true
	case r >= 0x24D0 && r <= 0x24E9: // circled small letters
		return byte('a' + r - 0x24D0), true
	}
	return 0, false
}
