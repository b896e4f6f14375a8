package deps

import "testing"

func FuzzParseCargoLock(f *testing.F) {
	addFixtures(f, "cargo")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parseCargoLock, Crates, data) })
}

func FuzzParseGemfileLock(f *testing.F) {
	addFixtures(f, "gemfile")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parseGemfileLock, RubyGems, data) })
}

func FuzzParseComposerLock(f *testing.F) {
	addFixtures(f, "composer")
	f.Fuzz(func(t *testing.T, data []byte) { lockFuzz(t, parseComposerLock, Packagist, data) })
}
