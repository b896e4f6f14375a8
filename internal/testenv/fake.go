package testenv

import "math/rand/v2"

// Character sets of fake credentials.
const (
	Alnum  = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	Digits = "0123456789"
)

// RandChars returns n characters of set drawn with r.
func RandChars(r *rand.Rand, set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[r.IntN(len(set))]
	}
	return string(b)
}

// FakeCredentials make credential-shaped strings that a few of Ward's
// secret rules find, at run time: tests never hold them as literals, so
// the repository passes its own scan.
var FakeCredentials = []func(r *rand.Rand) string{
	func(r *rand.Rand) string { return "AKIA" + RandChars(r, Base32, 16) },
	func(r *rand.Rand) string { return "ghp_" + RandChars(r, Alnum, 36) },
	func(r *rand.Rand) string { return "sk_" + "live_" + RandChars(r, Alnum, 24) },
	func(r *rand.Rand) string {
		return "xoxb-" + RandChars(r, Digits, 12) + "-" + RandChars(r, Digits, 12) + "-" + RandChars(r, Alnum, 24)
	},
	func(r *rand.Rand) string { return "glpat-" + RandChars(r, Alnum, 20) },
	func(r *rand.Rand) string { return "sk-ant-api03-" + RandChars(r, Alnum+"-_", 93) + "AA" },
}
