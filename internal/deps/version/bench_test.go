package version

import "testing"

var (
	semverInputs = []string{"1.2.3", "v1.20.0-rc.1+build.5", "0.0.0-20210101000000-abcdef123456", "10.4.2-beta.11"}
	pep440Inputs = []string{"1.2.3", "2.0.0rc1", "1!2.0.post1.dev3+local.7", "3.11.0a4"}
	sinkVersion  Version
	sinkInt      int
)

func benchParse(b *testing.B, eco string, inputs []string) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v, err := Parse(eco, inputs[i%len(inputs)])
		if err != nil {
			b.Fatal(err)
		}
		sinkVersion = v
		i++
	}
}

func benchCompareParsed(b *testing.B, eco string, inputs []string) {
	vs := make([]Version, len(inputs))
	for i, s := range inputs {
		vs[i] = mustParse(b, eco, s)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkInt += vs[i%len(vs)].Compare(vs[(i+1)%len(vs)])
		i++
	}
}

func benchCompareStrings(b *testing.B, eco string, inputs []string) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c, _ := Compare(eco, inputs[i%len(inputs)], inputs[(i+1)%len(inputs)])
		sinkInt += c
		i++
	}
}

func BenchmarkParseSemver(b *testing.B)          { benchParse(b, "npm", semverInputs) }
func BenchmarkParsePyPI(b *testing.B)            { benchParse(b, "PyPI", pep440Inputs) }
func BenchmarkCompareSemver(b *testing.B)        { benchCompareParsed(b, "npm", semverInputs) }
func BenchmarkComparePyPI(b *testing.B)          { benchCompareParsed(b, "PyPI", pep440Inputs) }
func BenchmarkCompareStringsSemver(b *testing.B) { benchCompareStrings(b, "npm", semverInputs) }
func BenchmarkCompareStringsPyPI(b *testing.B)   { benchCompareStrings(b, "PyPI", pep440Inputs) }

func BenchmarkParseMaven(b *testing.B) {
	benchParse(b, "Maven", []string{"1.2.3", "2.0.0-M1", "9.4.35.v20201120", "1.0-alpha-1-SNAPSHOT"})
}
