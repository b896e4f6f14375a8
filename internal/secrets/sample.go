package secrets

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Samples in rule files are templates, so that the repository holds no
// secret-shaped literal: "{{name:args}}" is replaced by a random value.
//
//	{{alnum:N}} {{lower:N}} {{upper:N}} {{digits:N}} {{hex:N}} {{HEX:N}}
//	{{b64:N}} {{b64url:N}} {{alnumlower:N}} {{alnumupper:N}} {{base32:N}}
//	{{set:CHARS:N}}    N characters drawn from CHARS
//	{{uuid}}           a random version-4 UUID
//	{{jwt}}            a signed-looking JSON Web Token
//	{{crc32:PREFIX}}   a GitHub/npm-style token with a valid checksum
//	{{crc32bad:PREFIX}} the same shape with a wrong checksum
//	{{pem:TYPE}}       a PEM block "-----BEGIN TYPE-----" with a random body
//	{{pemjson:TYPE}}   the same block JSON-escaped on one line (\n)
//	{{lit:TEXT}}       TEXT as is (to split a literal the scanner would see)

var charsets = map[string]string{
	"alnum":      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	"lower":      "abcdefghijklmnopqrstuvwxyz",
	"upper":      "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"digits":     "0123456789",
	"hex":        "0123456789abcdef",
	"HEX":        "0123456789ABCDEF",
	"b64":        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
	"b64url":     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
	"alnumlower": "abcdefghijklmnopqrstuvwxyz0123456789",
	"alnumupper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	"base32":     "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
}

// Expand fills a sample template with values drawn from rng.
func Expand(tmpl string, rng *rand.Rand) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			b.WriteString(tmpl)
			return b.String(), nil
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			return "", fmt.Errorf("template %q: unclosed {{", tmpl)
		}
		b.WriteString(tmpl[:i])
		v, err := generate(tmpl[i+2:i+j], rng)
		if err != nil {
			return "", fmt.Errorf("template %q: %w", tmpl, err)
		}
		b.WriteString(v)
		tmpl = tmpl[i+j+2:]
	}
}

func generate(spec string, rng *rand.Rand) (string, error) {
	name, arg, _ := strings.Cut(spec, ":")
	if cs, ok := charsets[name]; ok {
		n, err := strconv.Atoi(arg)
		if err != nil || n <= 0 || n > 4096 {
			return "", fmt.Errorf("{{%s}}: want a length from 1 to 4096", spec)
		}
		return randomString(rng, cs, n), nil
	}
	switch name {
	case "set":
		i := strings.LastIndexByte(arg, ':')
		if i <= 0 {
			return "", fmt.Errorf("{{%s}}: want set:CHARS:N", spec)
		}
		n, err := strconv.Atoi(arg[i+1:])
		if err != nil || n <= 0 || n > 4096 {
			return "", fmt.Errorf("{{%s}}: want a length from 1 to 4096", spec)
		}
		return randomString(rng, arg[:i], n), nil
	case "uuid":
		h := randomString(rng, charsets["hex"], 32)
		return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:], nil
	case "jwt":
		return randomJWT(rng), nil
	case "crc32":
		return crc32Base62Token(arg, randomString(rng, charsets["alnum"], 30)), nil
	case "crc32bad":
		t := crc32Base62Token(arg, randomString(rng, charsets["alnum"], 30))
		last := t[len(t)-1]
		return t[:len(t)-1] + string(base62Alphabet[(strings.IndexByte(base62Alphabet, last)+1)%62]), nil
	case "pem", "pemjson":
		if arg == "" {
			return "", fmt.Errorf("{{%s}}: want a PEM type", spec)
		}
		nl := "\n"
		if name == "pemjson" {
			nl = `\n`
		}
		return randomPEM(rng, arg, nl), nil
	case "lit":
		return arg, nil
	}
	return "", fmt.Errorf("unknown generator {{%s}}", spec)
}

func randomString(rng *rand.Rand, charset string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = charset[rng.IntN(len(charset))]
	}
	return string(b)
}

func randomJWT(rng *rand.Rand) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload := enc.EncodeToString(fmt.Appendf(nil, `{"sub":"%d","name":"%s","iat":%d}`,
		rng.IntN(1e9), randomString(rng, charsets["lower"], 8), 1700000000+rng.IntN(1e7)))
	return header + "." + payload + "." + randomString(rng, charsets["b64url"], 43)
}

func randomPEM(rng *rand.Rand, typ, nl string) string {
	var b strings.Builder
	b.WriteString("-----BEGIN " + typ + "-----" + nl)
	for range 6 {
		b.WriteString(randomString(rng, charsets["b64"], 64) + nl)
	}
	b.WriteString(randomString(rng, charsets["b64"], 40) + "=" + nl)
	b.WriteString("-----END " + typ + "-----")
	return b.String()
}
