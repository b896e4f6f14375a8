package deps

import "testing"

func FuzzParseRequirements(f *testing.F) {
	addFixtures(f, "requirements")
	fuzzParser(f, parseRequirements, PyPI)
}

func FuzzParsePipfileLock(f *testing.F) {
	addFixtures(f, "pipfile")
	fuzzParser(f, parsePipfileLock, PyPI)
}

func FuzzParsePoetryLock(f *testing.F) {
	addFixtures(f, "poetry")
	fuzzParser(f, parsePoetryLock, PyPI)
}

func FuzzParseUvLock(f *testing.F) {
	addFixtures(f, "uv")
	fuzzParser(f, parseUvLock, PyPI)
}

func FuzzParsePylock(f *testing.F) {
	addFixtures(f, "pylock")
	fuzzParser(f, parsePylock, PyPI)
}
