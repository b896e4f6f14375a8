package deps

import "testing"

func FuzzParseGoMod(f *testing.F) {
	f.Add([]byte("module m\ngo 1.21\nrequire example.com/a v1.0.0\n"))
	fuzzParser(f, parseGoMod, Go)
}

func FuzzParseGoSum(f *testing.F) {
	f.Add([]byte("example.com/a v1.0.0 h1:x=\nexample.com/a v1.0.0/go.mod h1:y=\n"))
	fuzzParser(f, parseGoSum, Go)
}

func FuzzParsePom(f *testing.F) {
	f.Add([]byte("<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>"))
	fuzzParser(f, parsePom, Maven)
}

func FuzzParseGradleLock(f *testing.F) {
	f.Add([]byte("org.a:b:1.0=compileClasspath\nempty=\n"))
	fuzzParser(f, parseGradleLock, Maven)
}

func FuzzParseNuGetLock(f *testing.F) {
	f.Add([]byte(`{"version":1,"dependencies":{"net8.0":{"A":{"type":"Direct","resolved":"1.0.0","dependencies":{"B":"2.0.0"}},"B":{"type":"Transitive","resolved":"2.0.0"}}}}`))
	fuzzParser(f, parseNuGetLock, NuGet)
}

func FuzzParsePubspecLock(f *testing.F) {
	f.Add([]byte("packages:\n  a:\n    dependency: \"direct main\"\n    source: hosted\n    version: \"1.0.0\"\n"))
	fuzzParser(f, parsePubspecLock, Pub)
}

func FuzzParseMixLock(f *testing.F) {
	f.Add([]byte(`%{"a": {:hex, :a, "1.0.0", "x", [:mix], [{:b, "~> 1.0", [hex: :b, repo: "hexpm", optional: false]}], "hexpm", "y"}, "b": {:git, "u", "r", []}}`))
	fuzzParser(f, parseMixLock, Hex)
}
