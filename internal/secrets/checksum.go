package secrets

import (
	"hash/crc32"
	"strings"
)

// checksums are the validators a rule can name with `checksum = "..."`.
// Each takes the secret and reports whether its built-in checksum holds, so
// random strings of the right shape are not reported.
var checksums = map[string]func(string) bool{
	// GitHub's 2021 token format (ghp_, gho_, ghu_, ghs_, ghr_) and npm's
	// (npm_): 30 random base62 characters, then the CRC32 of those 30
	// characters in base62, six characters wide.
	"crc32-base62": crc32Base62Valid,
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func base62(n uint32, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = base62Alphabet[n%62]
		n /= 62
	}
	return string(b)
}

func crc32Base62Valid(token string) bool {
	body := token
	if i := strings.LastIndexByte(token, '_'); i >= 0 {
		body = token[i+1:]
	}
	if len(body) < 7 {
		return false
	}
	random, sum := body[:len(body)-6], body[len(body)-6:]
	return base62(crc32.ChecksumIEEE([]byte(random)), 6) == sum
}

// crc32Base62Token builds a valid token from a prefix and 30 random
// characters; the sample generator uses it.
func crc32Base62Token(prefix, random string) string {
	return prefix + random + base62(crc32.ChecksumIEEE([]byte(random)), 6)
}
