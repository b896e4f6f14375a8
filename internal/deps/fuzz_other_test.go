package deps

import "testing"

func FuzzParseCargoLock(f *testing.F) {
	addFixtures(f, "cargo")
	fuzzParser(f, parseCargoLock, Crates)
}

func FuzzParseGemfileLock(f *testing.F) {
	addFixtures(f, "gemfile")
	fuzzParser(f, parseGemfileLock, RubyGems)
}

func FuzzParseComposerLock(f *testing.F) {
	addFixtures(f, "composer")
	fuzzParser(f, parseComposerLock, Packagist)
}
