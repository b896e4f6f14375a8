// Package guard detects prompt injection and jailbreak attempts in text
// handed to a language model, and leaks in what the model answers.
//
// Detection runs in layers over bounded views of a message. Normalize turns
// a message into views: the text after NFKC, confusable folding and removal
// of invisible characters, plus decoded views (Unicode tag characters, base64,
// hex, ROT13, leetspeak, spaced-out letters) so that obfuscation does not hide
// an attack. Signatures then runs a keyword prefilter and, only where a
// keyword fired, small category pattern sets over each view. Everything is a
// pure function of its input, runs in time linear in the input (Go's RE2
// regular expressions, bounded decoding depth and output) and never panics.
// Check combines the signatures, an adversarial-suffix test (a last line
// of machine-made tokens after plain prose, as GCG-style attacks leave)
// and the embedded model (internal/guard/model), which scores the whole
// text and its overlapping 160-byte windows, so an instruction buried in
// a long benign text still stands out.
//
// On the answer side, OutputChecker (and CheckOutput, its one-shot form)
// watches a streamed answer for a canary token Ward put in the system
// prompt, for long runs of the system prompt's own words, and for markdown
// and HTML images and links to hosts outside an allow-list, holding back a
// bounded window so that nothing it would report is released first.
// Classifier calls an external classifier over HTTP, whose score Combine
// joins with Ward's.
package guard
