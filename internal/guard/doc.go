// Package guard detects prompt injection and jailbreak attempts in text
// handed to a language model.
//
// Detection runs in layers over bounded views of a message. Normalize turns
// a message into views: the text after NFKC, confusable folding and removal
// of invisible characters, plus decoded views (Unicode tag characters, base64,
// hex, ROT13, leetspeak, spaced-out letters) so that obfuscation does not hide
// an attack. Signatures then runs a keyword prefilter and, only where a
// keyword fired, small category pattern sets over each view. Everything is a
// pure function of its input, runs in time linear in the input (Go's RE2
// regular expressions, bounded decoding depth and output) and never panics.
package guard
