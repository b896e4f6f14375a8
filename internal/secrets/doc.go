// Package secrets finds credentials in bytes.
//
// Rules are data (TOML in the gitleaks shape, with Ward's extensions), read by
// a small generic engine: one keyword pass for all rules at once with an
// Aho-Corasick automaton, then each rule's regular expression only in a
// window around its keyword hits, then entropy, checksum and allowlist
// filters. Encoded values (base64, hex, percent) are decoded to a bounded
// depth and scanned too.
//
// The engine never prints, logs or returns a secret except inside a Match,
// whose consumers decide how to redact it. It knows nothing of files, git or
// the command line: callers hand it bytes and a path.
package secrets
